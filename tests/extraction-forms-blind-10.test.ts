// The written forms of docs/labelling.md's catalogue that round 10 found (tests/data/unseen10, unseen10b: whole 河北 texts and
// re-posted openings, labelled blind, scored once), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadBuffer } from "../extract/loaders/index.ts";
import { extractDocument } from "../extract/document.ts";
import { extractFile } from "./helpers/extract.ts";

const DATA = join(import.meta.dirname, "data");
const stored = async (set: string, name: string) => (await extractFile(join(DATA, set, `${name}.txt`))).document;
const fromText = async (text: string) => extractDocument(await loadBuffer(Buffer.from(text), "t.txt"), "t.txt").document;
const units = (m: { units: { role: string; name: string }[] }) => m.units.map((u) => `${u.role}:${u.name}`);

describe("round 10 unit forms (tests/data/unseen10)", () => {
  it("X会同Y inside a labelled value: X lead, Y coop, a verbless list after it coop", async () => {
    const d = await stored("unseen10", "hebei-2021-tiyu-yongpin-chanye-fazhan-gongzuo-fangan");
    // "（责任单位：省工业和信息化厅、省科技厅会同省体育局、省教育厅、省发展改革委，各市政府、雄安新区管委会）"
    const m = d.measures.find((x) => x.path === "二/(六)/1")!;
    expect(units(m)).toEqual([
      "lead:省工业和信息化厅", "lead:省科技厅", "coop:省体育局", "coop:省教育厅", "coop:省发展改革委", "coop:各市政府", "coop:雄安新区管委会",
    ]);
    // a labelled list with no verb at all stays responsible, and a list with no named lead is still not a clause
    const t = await fromText(
      "一、推进产业集聚\n1.建设产业园区。支持各地建设体育用品产业园区。（责任单位：市工业和信息化局、市体育局，各县政府）\n" +
        "2.培育龙头企业。支持龙头企业做大做强。（责任单位：市工业和信息化局会同市财政局，各县政府）\n",
    );
    expect(units(t.measures[0])).toEqual(["responsible:市工业和信息化局", "responsible:市体育局", "responsible:各县政府"]);
    expect(units(t.measures[1])).toEqual(["lead:市工业和信息化局", "coop:市财政局", "coop:各县政府"]);
  });
  it("a bare 工作专班 as subject is the 专班 set up earlier in the measure", async () => {
    const d = await stored("unseen10", "hebei-2024-gongxin-lingyu-shuzi-renminbi-shidian-shishi-fangan");
    // "成立省工信系统数字人民币试点工作专班，…为专班成员。工作专班负责协调数字人民币场景建设工作"
    const m = d.measures.find((x) => x.path === "四/(一)")!;
    expect(m.units.map((u) => `${u.role}:${u.name}:${u.canonical}`)).toEqual([
      "responsible:省工信系统数字人民币试点工作专班:河北省工信系统数字人民币试点工作专班",
    ]);
    // with nothing set up before it, a bare 工作专班 stays as written
    const t = await fromText("一、加强组织领导\n（一）压实责任。工作专班负责协调试点工作，定期调度进展。\n（二）加强宣传。市委宣传部负责宣传解读。\n");
    expect(units(t.measures[0])).toEqual(["responsible:工作专班"]);
  });
});
