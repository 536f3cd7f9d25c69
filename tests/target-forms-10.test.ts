// Target and deadline forms of round 10 (tests/data/unseen10, unseen10b; docs/labelling.md catalogue), each on the real
// text it was found in, with near-misses that must keep their figures.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadBuffer } from "../extract/loaders/index.ts";
import { extractDocument } from "../extract/document.ts";
import { presentStateHeading } from "../extract/fields/targets/sections.ts";
import { extractFile } from "./helpers/extract.ts";
import { tg } from "./helpers/compact.ts";

const DATA = join(import.meta.dirname, "data");
const stored = async (set: string, name: string) => (await extractFile(join(DATA, set, `${name}.txt`))).document;
const fromText = async (text: string) => extractDocument(await loadBuffer(Buffer.from(text), "t.txt"), "t.txt").document;
type M = { path: string; targets: { comparator: string; min: number | null; max: number | null; unit: string | null }[] };
const targetsOf = (ms: M[], path: string) =>
  ms.find((m) => m.path === path)!.targets.map((t) => `${t.comparator} ${t.min ?? "-"} ${t.max ?? "-"} ${t.unit}`);

describe("a present-state section holds facts (上海 沪府办发〔2011〕19号, tests/data/unseen10b)", () => {
  it("一、发展现状: its 2010 statistics and dates are no targets or deadlines; the goals after it keep theirs", async () => {
    const d = await stored("unseen10b", "shanghai-2011-xueqian-jiaoyu-sannian-xingdong-jihua");
    const one = d.measures.find((m) => m.path === "一")!;
    expect(one.text).toContain("2010年，全市共有独立设置幼儿园1252所");
    expect(one.targets).toEqual([]);
    expect(one.deadlines).toEqual([]);
    expect(targetsOf(d.measures, "二/(三)/2")).toEqual(["= 100 100 所", ">= 80 - %"]);
  });
  it("the heading's words decide, label and a topic before 现状 allowed; a task about the base is no such section", () => {
    for (const h of ["一、发展现状", "（一）基本情况", "一、发展基础。", "学前教育发展现状", "(二)主要成效", "二、工作基础"])
      expect(presentStateHeading(h), h).toBe(true);
    for (const h of ["夯实发展基础", "（三）巩固工作成效", "改变农村落后现状", "一、发展基础与面临形势", "二、主要目标", "（一）基础设施建设"])
      expect(presentStateHeading(h), h).toBe(false);
  });
  it("a measure under a present-state grouping heading, against the same figures under a goal heading", async () => {
    const text =
      "关于印发某市学前教育行动计划的通知\n一、发展现状\n（一）总体规模\n2010年，全市共有幼儿园1252所，在园幼儿40.03万人。\n（二）师资队伍\n2010年底，专任教师占93.6%。\n" +
      "二、主要目标\n（一）总体规模\n到2013年，全市幼儿园达到1352所。\n（二）师资队伍\n2013年底前，专任教师达到95%以上。\n";
    const d = await fromText(text);
    const facts = d.measures.filter((m) => m.path.startsWith("一"));
    expect(facts.length).toBeGreaterThan(0);
    for (const m of facts) {
      expect(m.targets, m.path).toEqual([]);
      expect(m.deadlines, m.path).toEqual([]);
    }
    const goals = d.measures.filter((m) => m.path.startsWith("二"));
    expect(goals.flatMap((m) => m.targets.map((t) => `${t.comparator} ${t.min} ${t.unit}`))).toEqual([">= 1352 所", ">= 95 %"]);
    expect(goals.flatMap((m) => m.deadlines.map((x) => x.end))).toEqual(["2013-12-31", "2013-12-31"]);
  });
});

describe("a change from the present figure (河北 2021 体育用品 工作方案, tests/data/unseen10)", () => {
  it("由当前(的) before a figure followed by …到 a figure: the starting figure is not a target", async () => {
    const d = await stored("unseen10", "hebei-2021-tiyu-yongpin-chanye-fazhan-gongzuo-fangan");
    // "国内市场占有率力争由当前3%提升到10%", "高新技术企业由当前的20家达到35家，科技型中小企业由当前的100家达到500家，…由当前的10家达到60家"
    const t = targetsOf(d.measures, "一/(三)");
    expect(t).toContain("= 10 10 %");
    expect(t).toContain(">= 35 - 家");
    for (const gone of ["= 3 3 %", "= 20 20 家", "= 100 100 家", "= 10 10 家"]) expect(t).not.toContain(gone);
  });
  it("目前 reads the same; a present figure with no change after it still counts", () => {
    expect(tg("上市企业由目前的5家增加到10家")).toEqual(["= 10 10 家"]);
    expect(tg("由2021年的135立方米增加到142立方米")).toEqual(["= 142 142 立方米"]);
    expect(tg("当前3%的企业完成改造")).toEqual(["= 3 3 %"]);
    expect(tg("由当前3%的企业扩大")).toEqual(["= 3 3 %"]);
  });
});

describe("the last N years, 近 before a duration (河北 2022 领跑者企业培育 行动方案, tests/data/unseen10)", () => {
  it("近两年 before the measure it looks back on is an eligibility window, no time limit; the 4%以上 stays", async () => {
    const d = await stored("unseen10", "hebei-2022-lingpaozhe-qiye-peiyu-xingdong-fangan");
    // "对细分领域产品（技术）行业领先或填补空白，近两年研发投入强度4%以上，上年度自有资金研发投入200万元以上的集群“专精特新”企业"
    const t = targetsOf(d.measures, "二/(二)/1");
    expect(t).not.toContain("< - 2 年");
    expect(t).toContain(">= 4 - %");
  });
  it("将近/接近, 内 after it, and a duration closing its clause keep the reading 'just below'", () => {
    expect(tg("近3年营业收入年均增长10%以上")).toEqual([">= 10 - %"]);
    expect(tg("近一年来")).toEqual([]);
    expect(tg("将近3年")).toEqual(["< - 3 年"]);
    expect(tg("接近两年")).toEqual(["< - 2 年"]);
    expect(tg("贷款期限近3年")).toEqual(["< - 3 年"]);
    expect(tg("近两年内完成")).toEqual(["< - 2 年"]);
  });
});

describe("a money magnitude with no numeral after a comparator (河北 2021 体育用品 二/(一)/3, tests/data/unseen10)", () => {
  it("超亿元以上企业 is > 1e8 元 (以上 restates 超)", async () => {
    const d = await stored("unseen10", "hebei-2021-tiyu-yongpin-chanye-fazhan-gongzuo-fangan");
    // "超10亿元企业达到6个，超亿元以上企业达到50个"
    const t = targetsOf(d.measures, "二/(一)/3");
    expect(t).toContain("> 100000000 - 元");
    expect(t).toContain("> 1000000000 - 元");
    expect(t).toContain(">= 50 - 个");
  });
  it("过/突破 read the same; 亿元 with no comparator, or after 赶超, is no figure", () => {
    expect(tg("销售收入过亿元的企业")).toEqual(["> 100000000 - 元"]);
    expect(tg("总投资超亿元")).toEqual(["> 100000000 - 元"]);
    expect(tg("赶超亿元")).toEqual([]);
    expect(tg("安排亿元资金")).toEqual([]);
  });
});

describe("a comparator before a list of 'figure 的 count' items (河北 2021 体育用品 二/(一)/3, tests/data/unseen10)", () => {
  it("规模达到500亿元的1个、100亿元的1个: 达到 reaches both figures, each count stays =", async () => {
    const d = await stored("unseen10", "hebei-2021-tiyu-yongpin-chanye-fazhan-gongzuo-fangan");
    const t = targetsOf(d.measures, "二/(一)/3");
    expect(t.slice(0, 4)).toEqual([">= 50000000000 - 元", "= 1 1 个", ">= 10000000000 - 元", "= 1 1 个"]);
  });
  it("without the comparator, or with a clause between, each figure is plain", () => {
    expect(tg("规模500亿元的1个、100亿元的1个")).toEqual(["= 50000000000 50000000000 元", "= 1 1 个", "= 10000000000 10000000000 元", "= 1 1 个"]);
    expect(tg("产值达到500亿元的1个，另有100亿元的1个")).toEqual([">= 50000000000 - 元", "= 1 1 个", "= 10000000000 10000000000 元", "= 1 1 个"]);
  });
});

describe("a bare magnitude before 目标 (河北 2021 体育用品 二/(一)/1, tests/data/unseen10)", () => {
  it("按照规模千亿目标规划发展 is = 1e11 元, as 五千亿规模 and 千亿大关", async () => {
    const d = await stored("unseen10", "hebei-2021-tiyu-yongpin-chanye-fazhan-gongzuo-fangan");
    expect(targetsOf(d.measures, "二/(一)/1")).toContain("= 100000000000 100000000000 元");
    expect(tg("实现万亿目标")).toEqual(["= 1000000000000 1000000000000 元"]);
  });
  it("a class (千亿级) or a magnitude before a noun is still none", () => {
    expect(tg("打造千亿级产业")).toEqual([]);
    expect(tg("培育千亿产业集群")).toEqual([]);
  });
});
