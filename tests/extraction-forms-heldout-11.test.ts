// The written forms of docs/labelling.md's catalogue fixed on round 11's held-out sets (tests/data/unseen11h: 河北 教育 and
// 省政府办公厅 texts; unseen11h2: 河北 2004–2006 one-line texts; unseen11h3: whole 上海 texts), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";

const DATA = join(import.meta.dirname, "data");
const stored = async (set: string, name: string) => (await extractFile(join(DATA, set, `${name}.txt`))).document;
const units = (m: { units: { role: string; name: string }[] }) => m.units.map((u) => `${u.role}:${u.name}`);
const KEHUOYUN = "shanghai-2012-kehuoyun-anquan-guanli-shishi-yijian";

describe("round 11 held-out forms: paths", () => {
  it("a long one-phrase heading (no clause mark) over its numbered items groups them", async () => {
    const d = await stored("unseen11h3", KEHUOYUN);
    // "五、加强对超速、超员、超载和疲劳驾驶及非法营运“黑车”、超标电动自行车等违法行为的查处和整治" (44 characters) / "（十二）加强路面管控。…"
    const paths = d.measures.map((m) => m.path);
    expect(paths).not.toContain("五");
    expect(paths.filter((p) => p.startsWith("五/"))).toEqual(
      ["十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十", "二十一"].map((n) => `五/(${n})`),
    );
    // each item keeps its own "（牵头部门：X。配合部门：…）"
    expect(units(d.measures.find((m) => m.path === "五/(十二)")!)).toEqual([
      "lead:市公安局", "coop:市交通港口局", "coop:市建设交通委", "coop:市绿化市容局", "coop:市教委",
    ]);
    expect(d.measures.find((m) => m.path === "五/(十九)")!.title).toBe("加大对超速违法行为的处罚力度");
  });
});
