// The written forms of docs/labelling.md's catalogue that round 13d found (tests/data/unseen13d: whole 上海 town-level texts,
// labelled by hand before the extractor ran on them), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";
import { parseLabel } from "../extract/structure/labels.ts";
import { parseSentence } from "../extract/parse.ts";

const UNSEEN13D = join(import.meta.dirname, "data", "unseen13d");
const unseen13d = async (name: string) => (await extractFile(join(UNSEEN13D, `${name}.txt`))).document;
const ZULIN = "shanghai-minhang-wujing-2023-guimohua-juzhu-zulin-changsuo-changxiao-guanli-gongzuo-zhidu";
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

  it("X牵头领导小组…工作: 牵头 is the verb and 领导小组… its object (牵头领导, the official in charge, stays a noun)", async () => {
    const d = await unseen13d(ZULIN);
    // 四 "领导小组办公室负责…。…具体分工如下： / 房管所牵头领导小组办公室工作，负责监管长租公寓… / 经发办负责监管企业自行建造的职工宿舍…"
    const m = d.measures.find((x) => x.path === "四")!;
    const roles = m.units.map((u) => `${u.role} ${u.name}`);
    expect(roles).toContain("lead 房管所");
    expect(roles).toContain("responsible 领导小组办公室"); // written before the lead
    expect(roles).toContain("coop 经发办"); // after the lead: coop in text order
    expect(roles).not.toContain("responsible 经发办");
    const units = (s: string) => parseSentence(s).units.map((u) => `${u.role} ${u.name}`);
    // 牵头领导 as a noun: "各牵头领导、责任单位要高度重视…" (a 政府工作报告 分解 notice in tests/data) names no lead
    expect(units("各牵头领导、责任单位要高度重视，认真研究推进措施。")).toEqual([]);
    expect(units("区房管局牵头领导小组办公室日常工作。")).toEqual(["lead 区房管局"]);
  });
});
