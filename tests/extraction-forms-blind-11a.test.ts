// The written forms of docs/labelling.md's catalogue that round 11a found (tests/data/unseen11a: whole 河北 教育厅 work notices
// from the 政策文件 column, labelled by hand before the extractor ran on them), each on the real text it was found in and
// on the second text named in the catalogue.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadBuffer } from "../extract/loaders/index.ts";
import { extractDocument } from "../extract/document.ts";
import { extractDeadlines } from "../extract/fields/deadlines.ts";
import { extractTargets } from "../extract/fields/targets.ts";
import { extractFile } from "./helpers/extract.ts";

const UNSEEN11A = join(import.meta.dirname, "data", "unseen11a");
const unseen11a = async (name: string) => (await extractFile(join(UNSEEN11A, `${name}.txt`))).document;
const fromText = async (text: string) => extractDocument(await loadBuffer(Buffer.from(text), "t.txt"), "t.txt").document;
const due = (text: string, base = "2024-06-19") => extractDeadlines(text, base).map((x) => `${x.kind}:${x.recurrence ?? `${x.start ?? ""}..${x.end}`}`);
const figures = (text: string) => extractTargets(text).map((t) => `${t.comparator} ${t.min ?? "-"}..${t.max ?? "-"} ${t.unit}`);

describe("round 11a forms (tests/data/unseen11a, labelled blind)", () => {
  it("X组织实施 in prose reads as X负责; tiers before one head are one group", async () => {
    const d = await unseen11a("hebei-2024-tegang-jiaoshi-jihua");
    const units = (p: string) => d.measures.find((m) => m.path === p)!.units.map((u) => `${u.role} ${u.name}`);
    // "面试工作由设岗市教育局统一组织实施，也可在设岗市教育局指导下，由设岗县教育局组织实施"
    expect(units("五/(七)/3")).toEqual(["responsible 设岗市教育局", "responsible 设岗县教育局"]);
    expect(units("五/(十)")).toEqual(["responsible 设岗县教育局"]);
    // "笔试由省、市两级教育行政部门共同组织实施，省教育厅负责…，各设岗市教育局负责…"
    expect(units("五/(四)/2")).toEqual(["responsible 省、市两级教育行政部门", "responsible 省教育厅", "responsible 各设岗市教育局"]);
    expect(d.measures.find((m) => m.path === "五/(四)/2")!.units[0].canonical).toBe("河北省、市两级教育行政部门");
    // the second text: 永… 2005 农村劳动力素质培训工程 实施意见 "…职业技能培训5000名,由县人事劳动社会保障局组织实施；…由县教育局组织实施。"
    const t = await fromText("一、周密部署\n1.“转业农民”的职业技能培训5000名，由县人事劳动社会保障局组织实施；预备劳动力培训1600名，由县教育局组织实施。\n2.加强培训机构管理。\n");
    expect(t.measures[0].units.map((u) => `${u.role} ${u.name}`)).toEqual(["responsible 县人事劳动社会保障局", "responsible 县教育局"]);
    // a verb before 组织实施 that is already an assignment (负责组织实施) and a noun phrase (加强组织实施) add nothing
    const n = await fromText("一、保障措施\n1.市科技局负责组织实施。\n2.加强组织实施，确保取得实效。\n");
    expect(n.measures.map((m) => m.units.map((u) => `${u.role} ${u.name}`))).toEqual([["responsible 市科技局"], []]);
  });
  it("a label run into a month-day date is item N, not a decimal", async () => {
    const d = await unseen11a("hebei-2024-tegang-jiaoshi-jihua");
    // "4.8月8日，各市教育局要…" and "5.8月16日前，省教育厅将…" after "3.特岗教师拟聘人数…"
    const paths = d.measures.map((m) => m.path).filter((p) => p.startsWith("五/(九)"));
    expect(paths).toEqual(["五/(九)/1", "五/(九)/2", "五/(九)/3", "五/(九)/4", "五/(九)/5"]);
    expect(d.measures.find((m) => m.path === "五/(九)/4")!.deadlines.map((x) => x.end)).toEqual(["2024-08-08"]);
    // the second text: a lender's page "1.4月28日10:00-4月30日21:00借款成功的用户…" / "2.4月30日21:00-5月2日15:00申请借款用户…"
    const t = await fromText("活动规则\n1.4月28日10:00-4月30日21:00借款成功的用户，获得免息资格。\n2.4月30日21:00-5月2日15:00申请借款的用户，获得免息资格。\n");
    expect(t.measures.map((m) => m.path)).toEqual(["1", "2"]);
    // a decimal before a unit stays a figure: "增长2.5%" is no label, "1.5个月" neither
    const dec = await fromText("一、目标\n1.5个月内完成审批。\n");
    expect(dec.measures.map((m) => m.path)).toEqual(["一"]);
  });
  it("a span of two days with times of day is one period", async () => {
    // "1.报名时间。6月28日9:00至7月2日18:00，逾期不予受理。" (河北 2024 特岗计划 五/(二)), "6月28日9:00至7月3日18:00" (五/(三)/1)
    const d = await unseen11a("hebei-2024-tegang-jiaoshi-jihua");
    const spans = (p: string) => d.measures.find((m) => m.path === p)!.deadlines.map((x) => `${x.kind}:${x.start}..${x.end}`);
    expect(spans("五/(二)")).toEqual(["period:2024-06-28..2024-07-02"]);
    expect(spans("五/(三)/1")).toEqual(["period:2024-06-28..2024-07-03"]);
    expect(due("报名时间。6月28日9:00至7月2日18:00，逾期不予受理。")).toEqual(["period:2024-06-28..2024-07-02"]);
    // the lender's page: "4月28日10:00-4月30日21:00借款成功的用户"
    expect(due("4月28日10:00-4月30日21:00借款成功的用户", "2024-04-01")).toEqual(["period:2024-04-28..2024-04-30"]);
    // a day with its time and 前 stays a date; a span without times as before
    expect(due("各设岗县须在7月3日9:00前完成全部应聘人员的首次审查。")).toEqual(["date:..2024-07-03"]);
    expect(due("7月11日-7月13日，下载打印本人准考证。")).toEqual(["period:2024-07-11..2024-07-13"]);
  });
  it("one task per period (一月一报告, 一季度一复核, 一年一签) and 每学期/每学年 recur", async () => {
    const d = await unseen11a("hebei-2024-zhongxiaoxue-zhaosheng-ruxue");
    const m = d.measures.find((x) => x.path === "一/(四)/3")!;
    expect(m.deadlines.map((x) => x.recurrence)).toEqual(["monthly", "quarterly", "half-yearly", "half-yearly", "yearly", "yearly"]);
    expect(due("协议一年一签，明确双方的权利和义务。")).toEqual(["recurring:yearly"]);
    // the second text: 宁东基地 "“一月一调度”为企业解难题"
    expect(due("宁东基地一月一调度为企业解难题")).toEqual(["recurring:monthly"]);
    // a date in Chinese numerals, 一年一度 and 一月一日 are none of this
    expect(due("二〇二一年一月签订协议。")).toEqual([]);
    expect(due("一年一度的招生工作。")).toEqual([]);
    expect(due("定于一月一日起施行。")).toEqual([]);
  });
  it("a goal named as the object of 对标/面向 is no deadline", async () => {
    // "各地要对标2035年建成教育强国目标，围绕高素质教师队伍建设，制定培训规划" (特岗计划 七/(四))
    const d = await unseen11a("hebei-2024-tegang-jiaoshi-jihua");
    expect(d.measures.find((m) => m.path === "七/(四)")!.deadlines).toEqual([]);
    expect(due("各地要对标2035年建成教育强国目标，围绕高素质教师队伍建设，制定培训规划。")).toEqual([]);
    // the second text: 新华社 2025 "面向到2035年建成教育强国目标，对加快建设教育强国作出全面系统部署"
    expect(due("面向到2035年建成教育强国目标，对加快建设教育强国作出全面系统部署。")).toEqual([]);
    // a goal year in a clause of its own stays
    expect(due("对标先进地区，到2025年建成10个示范区。")).toEqual(["date:..2025-12-31"]);
  });
  it("学年 and MB are units; a school year span and a code's name are no targets", async () => {
    // "讲学教师服务时间原则上不少于1学年" (银龄讲学), "不大于1MB" (特岗计划 五/(二)), "…十项准则要求" (特岗计划 三/(二)/1)
    const d = await unseen11a("hebei-2024-tegang-jiaoshi-jihua");
    const stored = (p: string) => d.measures.find((m) => m.path === p)!.targets.map((t) => `${t.comparator} ${t.min ?? "-"}..${t.max ?? "-"} ${t.unit}`);
    expect(stored("五/(二)")).toEqual(["<= -..1 MB"]);
    expect(stored("三/(二)/1")).toEqual([]);
    expect(figures("讲学教师服务时间原则上不少于1学年，鼓励考核合格的连续讲学。")).toEqual([">= 1..- 学年"]);
    expect(figures("上述图片，JPG格式，不大于1MB。")).toEqual(["<= -..1 MB"]);
    expect(figures("2024—2025学年全省计划招募362名讲学教师。")).toEqual(["= 362..362 名"]);
    expect(figures("符合新时代中小学教师职业行为十项准则要求。")).toEqual([]);
  });
  it("a comparator before a longer noun phrase closed by 的 still bounds the figure", () => {
    // 招生入学 二/(二)/3 "每年普通高中自主招生计划不得超过普通高中招生计划总数的5%"
    expect(figures("每年普通高中自主招生计划不得超过普通高中招生计划总数的5%，并纳入管理。")).toEqual(["<= -..5 %"]);
    // the second text: an internship rule "实习生人数超过实习单位在岗职工总数的10%"
    expect(figures("实习生人数超过实习单位在岗职工总数的10%")).toEqual(["> 10..- %"]);
    // without the closing 的 the window stays as it was: a plain figure
    expect(figures("计划不超过普通高中招生计划总数量达到5%")).not.toContain("<= -..5 %");
  });
});
