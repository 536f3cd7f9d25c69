// The written forms of docs/labelling.md's catalogue that round 12c found (tests/data/unseen12c: two whole 河北 教育厅 texts and
// two whole 上海 texts, labelled by hand before the extractor ran on them), each on the real text it was found in and on the
// second text named in the catalogue.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadBuffer } from "../extract/loaders/index.ts";
import { extractDocument } from "../extract/document.ts";
import { extractTargets } from "../extract/fields/targets.ts";
import { extractFile } from "./helpers/extract.ts";

const DATA = join(import.meta.dirname, "data");
const doc = async (set: string, name: string) => (await extractFile(join(DATA, set, `${name}.txt`))).document;
const fromText = async (text: string) => extractDocument(await loadBuffer(Buffer.from(text), "t.txt"), "t.txt").document;
const figures = (text: string) => extractTargets(text).map((t) => `${t.comparator} ${t.min ?? "-"}..${t.max ?? "-"} ${t.unit}`);
const YINGYANG = "hebei-2020-yingyang-gaishan-jihua-tibiao-kuomian-shishi-fangan";

describe("round 12c forms (tests/data/unseen12c, labelled blind)", () => {
  it("the notice's one unnumbered enclosure line after the last item is no part of it", async () => {
    // "（六）做好教育宣传。…为提标扩面营造良好的社会氛围。" / "附件：17个省级贫困县名单" / "附件" / "17个省级贫困县名单" / "1.承德市（1个）：兴隆县"
    const d = await doc("unseen12c", YINGYANG);
    const last = d.measures.find((m) => m.path === "六/(六)")!;
    expect(last.text).not.toContain("附件");
    expect(last.targets).toEqual([]);
    expect(d.measures.filter((m) => m.path.startsWith("附件/")).map((m) => m.path)).toEqual(["附件/1", "附件/2", "附件/3", "附件/4", "附件/5", "附件/6", "附件/7"]);
    // the second text: 河北 2024 招生入学 (unseen11a) "…" / "附件：普通高中招生计划备案表" / signer; 静安 2023 (unseen11b)
    // "附件：静安区“卓越城区”城市更新行动重点任务清单（2023-2025年）" (its years no period of the last item)
    const z = await doc("unseen11a", "hebei-2024-zhongxiaoxue-zhaosheng-ruxue");
    expect(z.measures.every((m) => !m.text.includes("附件："))).toBe(true);
    const j = await doc("unseen11b", "shanghai-jingan-2023-zhuoyue-chengqu-chengshi-gengxin-xingdong-fangan");
    expect(j.measures.every((m) => !m.text.includes("附件："))).toBe(true);
    // a numbered list still works as before, and an item whose own text names an enclosure keeps it ("详见附件：…。" has a clause)
    const t = await fromText("一、工作任务\n（一）加强管理。各地要认真落实。\n附件：任务分工表\n");
    expect(t.measures.map((m) => m.text.includes("附件"))).toEqual([false]);
  });
  it("a change whose starting figure follows the basis of a rate", async () => {
    // "将17个省级贫困县农村小学生营养膳食补助标准由每生每天2.5元提高到4元" (河北 2020 营养改善计划 三)
    expect(figures("营养膳食补助标准由每生每天2.5元提高到4元")).toEqual(["= 4..4 元"]);
    // the second text: 河北 2024 特岗计划 (unseen11a) 七/(二)/1 "由年人均3.52万元提高到3.88万元"
    expect(figures("中央财政工资性补助标准由年人均3.52万元提高到3.88万元")).toEqual(["= 38800..38800 元"]);
    // a plain rate stays a target
    expect(figures("按每生每天4元的标准纳入实施范围")).toEqual(["= 4..4 元"]);
  });
  it("盒 is a measure word; 每生 (each pupil) makes 一 a count as 每人 does", async () => {
    // "确保每生每天一盒牛奶、一个鸡蛋" (河北 2020 营养改善计划 四/(二))
    const d = await doc("unseen12c", YINGYANG);
    expect(d.measures.find((m) => m.path === "四/(二)")!.targets.map((t) => `${t.min} ${t.unit}`)).toEqual(["1 盒", "1 个"]);
    // the second texts: 河北 2019 农村小学生营养改善计划实施情况 (the same 民生工程 column) "为103个县农村小学生提供一盒学生饮用牛奶、
    // 一个鸡蛋" (每 elsewhere: 一 alone is no count); a product page "年产量为100万盒"
    expect(figures("年产量为100万盒")).toEqual(["= 1000000..1000000 盒"]);
    expect(figures("每人每天一盒学生饮用牛奶")).toEqual(["= 1..1 盒"]);
    // 盒子, 盒饭 are nouns; 每认定1家 stays the basis of an award
    expect(figures("准备3盒子和2盒饭")).toEqual([]);
    expect(figures("每认定1家给予孵化器10万元扶持")).toEqual(["= 100000..100000 元"]);
  });
  it("a bare 会同 after '，并' takes the sentence's subject; functions sharing one 部门 after 会同 are one unit", async () => {
    const d = await doc("unseen12c", YINGYANG);
    const units = (p: string) => d.measures.find((m) => m.path === p)!.units.map((u) => `${u.role} ${u.name}`);
    // "教育行政部门负责…。财政部门要按规定足额安排…，并会同教育部门加强资金监管。发展改革部门负责…。农业农村部门负责…。"
    expect(units("六/(二)")).toEqual(["responsible 教育行政部门", "lead 财政部门", "coop 教育部门", "coop 发展改革部门", "coop 农业农村部门"]);
    // "各级教育行政部门要会同财政、发展改革、农业农村、卫生健康、市场监管等部门，认真总结…"
    expect(units("六/(四)")).toEqual(["lead 各级教育行政部门", "coop 财政、发展改革、农业农村、卫生健康、市场监管等部门"]);
    // the second texts: 河北 冀公治〔2024〕450号 (unseen11c) 七/(四) "公安机关要对伪造、变造…等违法行为，依法追究法律责任，并会同行业
    // 主管部门，加强对企业事业单位参与保卫管理员培训工作的监督指导" (the object of 对 is no subject of 参与); 上海 2024 建筑垃圾 (unseen12b)
    // 三/(二) "公安部门要会同城管执法、交通等部门开展…"
    const b = await doc("unseen11c", "hebei-2024-baowei-guanliyuan-dengji-rending-shishi-fangan");
    expect(b.measures.find((m) => m.path === "七/(四)")!.units.slice(0, 2).map((u) => `${u.role} ${u.name}`)).toEqual(["lead 公安机关", "coop 行业主管部门"]);
    expect(b.measures.find((m) => m.path === "七/(四)")!.units.map((u) => u.name)).not.toContain("对企业事业单位");
    const j = await doc("unseen12b", "shanghai-2024-jianzhu-laji-guanli-shishi-yijian");
    expect(j.measures.find((m) => m.path === "三/(二)")!.units.map((u) => `${u.role} ${u.name}`)).toContain("coop 城管执法、交通等部门");
    // a longer head after 等 sums the list up: "会同发改、教育、…、工信等行业主管部门以及工会…" (unseen11c 六/(五)) gives no such unit
    expect(b.measures.find((m) => m.path === "六/(五)")!.units.map((u) => u.name).some((n) => n.includes("发改"))).toBe(false);
  });
});
