// The written forms of docs/labelling.md's catalogue that round 13d found (tests/data/unseen13d: whole 上海 town-level texts,
// labelled by hand before the extractor ran on them), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";
import { parseLabel } from "../extract/structure/labels.ts";

const UNSEEN13D = join(import.meta.dirname, "data", "unseen13d");
const unseen13d = async (name: string) => (await extractFile(join(UNSEEN13D, `${name}.txt`))).document;
const SHANYANG = "shanghai-jinshan-shanyang-2022-jianshe-yongdi-jianlianghua-buchang-zhidaoxing-yijian";

describe("round 13d forms (tests/data/unseen13d, labelled blind)", () => {
  it("numerals with a full stop, one character each (⒈ … ⒛), are the labels 1 … 20", async () => {
    expect(parseLabel("⒈土地使用权")).toMatchObject({ type: "num", n: 1, label: "1", rest: "土地使用权" });
    expect(parseLabel("⒍企业停产停业损失补偿")).toMatchObject({ label: "6" });
    expect(parseLabel("⒛其他")).toMatchObject({ label: "20" });
    const d = await unseen13d(SHANYANG);
    // "（一）集体土地非居 / ⒈土地使用权 / … / ⒏其他补偿": a short heading over ⒈–⒏, the items the measures
    expect(d.measures.map((m) => m.path)).toEqual([
      "一", ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `二/(一)/${n}`), "二/(二)", "二/(三)/1", "二/(三)/2", "三",
    ]);
    // ⒍ "按200-300元/㎡进行补偿。…镇政府给予200元/㎡。" on its own item
    const m6 = d.measures.find((m) => m.path === "二/(一)/6")!;
    expect(m6.targets.map((t) => `${t.comparator}${t.min}/${t.max}${t.unit}`)).toEqual(["range200/300元", "=200/200元"]);
  });
});
