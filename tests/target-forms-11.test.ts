// Target and deadline forms of the held-out round 11h (tests/data/unseen11h, unseen11h2, unseen11h3; docs/labelling.md
// catalogue), each on the real text it was found in, with near-misses that must keep their reading.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractDeadlines } from "../extract/fields/deadlines.ts";
import { extractTargets } from "../extract/fields/targets.ts";
import { extractFile } from "./helpers/extract.ts";

const DATA = join(import.meta.dirname, "data");
const stored = async (set: string, name: string) => (await extractFile(join(DATA, set, `${name}.txt`))).document;
type D = { kind: string; text: string; start: string | null; end: string | null };
type M = { path: string; deadlines: D[] };
const deadlinesOf = (ms: M[], path: string) => ms.find((m) => m.path === path)!.deadlines.map((d) => `${d.kind} ${d.text} ${d.start ?? "-"}..${d.end ?? "-"}`);
const dl = (text: string, base = "2025-03-15") => extractDeadlines(text, base).map((d) => `${d.kind} ${d.text} ${d.end}`);

describe("a year opening its sentence, a comma, then a completion verb (上海 2026 公园, 2025 排水, tests/data/unseen11h3)", () => {
  it("公园 五/(十三) '2027年，制定出台全市公园体检评估办法' is due at that year's end", async () => {
    const d = await stored("unseen11h3", "shanghai-2026-gongyuan-tizhi-zengxiao-shishi-fangan");
    expect(deadlinesOf(d.measures, "五/(十三)")).toEqual(["date 2027年 -..2027-12-31"]);
  });
  it("排水 二/(一), 二/(二): '2025年6月，相关区政府完成…' (a short subject between) and '2025年12月，完成…' are due; 形成, 启动 are no completion verbs", async () => {
    const d = await stored("unseen11h3", "shanghai-2025-paishui-guanli-tizhi-gaige-fangan");
    expect(deadlinesOf(d.measures, "二/(一)")).toEqual([
      "period 2025—2026年 2025-01-01..2026-12-31",
      "date 2025年6月 -..2025-06-30",
      "date 2025年12月 -..2025-12-31",
    ]);
    expect(deadlinesOf(d.measures, "二/(二)")).toEqual(["date 2025年12月 -..2025-12-31", "date 2026年底 -..2026-12-31"]);
  });
  it("near-misses: no completion verb, a verb too far, a year not opening its sentence, a date before the base", () => {
    expect(dl("2022年,全市新建5G基站2600个以上。")).toEqual([]);
    expect(dl("2025年10月，启动运维管理移交接管。2025年6月，上海城投集团形成一体化运维管理方案。")).toEqual([]);
    expect(dl("2025年，全市各区县政府有关部门要完成清理。")).toEqual([]);
    expect(dl("计划于2025年，完成清理。")).toEqual([]);
    expect(dl("2024年，完成清理。")).toEqual([]);
    expect(dl("2026年，全面完成改造。")).toEqual(["date 2026年 2026-12-31"]);
  });
});

describe("有效期内 names a validity, not how long the policy runs (上海 2025 排水 二/(一))", () => {
  it("'过渡期内…延续在有效期内的运维合同至期满' keeps the sentence's 2025—2026年; 有效期至 still masks", () => {
    expect(dl("2025—2026年为改革过渡期，过渡期内延续在有效期内的运维合同至期满。")).toEqual(["period 2025—2026年 2026-12-31"]);
    expect(dl("本办法自印发之日起施行，有效期至2027年12月31日。")).toEqual([]);
  });
});

describe("a span of years over before the base year names a past campaign (河北 2004 整治违法排污企业, tests/data/unseen11h)", () => {
  it("三/(三) '对2001年至2003年严查行动中已经受到查处' (signed 2004-04-30): no deadline; a span from the base year stays", async () => {
    const d = await stored("unseen11h", "hebei-2004-zhengzhi-weifa-paiwu-qiye-huanbao-zhuanxiang-xingdong-shishi-fangan");
    expect(deadlinesOf(d.measures, "三/(三)")).toEqual([]);
    expect(dl("2004年至2006年，开展专项整治。", "2004-04-30")).toEqual(["period 2004年至2006年 2006-12-31"]);
    expect(dl("2001年至2003年开展的专项整治。", null as unknown as string)).toEqual(["period 2001年至2003年 2003-12-31"]);
  });
});

const tg = (text: string) => extractTargets(text).map((t) => `${t.comparator} ${t.min ?? "-"} ${t.max ?? "-"} ${t.unit}`);
type T = { comparator: string; min: number | null; max: number | null; unit: string | null };
const targetsOf = (ms: { path: string; targets: T[] }[], path: string) =>
  ms.find((m) => m.path === path)!.targets.map((t) => `${t.comparator} ${t.min ?? "-"} ${t.max ?? "-"} ${t.unit}`);

describe("measure words and units of round 11h", () => {
  it("个小时 is the time unit 小时 (河北 2019 减负 二/(三)/22 '不少于10个小时、初中生不少于9个小时、高中生不少于8个小时')", async () => {
    const d = await stored("unseen11h", "hebei-2019-zhongxiaoxuesheng-jianfu-cuoshi-shishi-fangan");
    expect(targetsOf(d.measures, "二/(三)/22")).toEqual([">= 10 - 小时", ">= 9 - 小时", ">= 8 - 小时"]);
    expect(tg("每天睡眠约8个小时")).toEqual([]); // no comparator, no 内: no time limit
  });
  it("记满/扣满 N分 is a score bound (上海 2012 客货运 四/(十) '交通违法记满12分'); 分 counts only when compared or after a verb", async () => {
    const d = await stored("unseen11h3", "shanghai-2012-kehuoyun-anquan-guanli-shishi-yijian");
    expect(targetsOf(d.measures, "四/(十)")[0]).toBe(">= 12 - 分");
    expect(tg("一个记分周期内违章被扣满12分")).toEqual([">= 12 - 分"]);
    expect(tg("这项工作十分重要，部分企业3分钟内答复")).toEqual(["<= - 3 分钟"]);
  });
  it("N起 counts events (客货运 一/(五) '6个月内发生两起较大及以上责任事故'); 一起, 起来, 起步 are none", async () => {
    const d = await stored("unseen11h3", "shanghai-2012-kehuoyun-anquan-guanli-shishi-yijian");
    expect(targetsOf(d.measures, "一/(五)").slice(0, 2)).toEqual(["<= - 6 个月", "= 2 2 起"]);
    expect(tg("大家一起努力，两起来回，从3月1日起实施")).toEqual([]);
  });
  it("mg/L is a physical unit (上海 2025 排水 一 '污水厂进厂BOD5年均浓度大于100mg/L')", async () => {
    const d = await stored("unseen11h3", "shanghai-2025-paishui-guanli-tizhi-gaige-fangan");
    expect(targetsOf(d.measures, "一")).toContain("> 100 - mg/L");
  });
});

describe("the base of a rate and a bound after a bracket (上海 2012 客货运, 2020 农村公路, tests/data/unseen11h3)", () => {
  it("a distance right after 每 is the base: '每500米左右设置一处' = 1 处; '每25—30公里…配备不少于一名' >= 1 名", async () => {
    const kh = await stored("unseen11h3", "shanghai-2012-kehuoyun-anquan-guanli-shishi-yijian");
    expect(targetsOf(kh.measures, "六/(二十二)")).toEqual(["= 1 1 处"]);
    const nc = await stored("unseen11h3", "shanghai-2020-nongcun-gonglu-guanli-yanghu-tizhi-gaige-shishi-fangan");
    expect(targetsOf(nc.measures, "四/(一)/3")).toContain(">= 1 - 名");
    expect(targetsOf(nc.measures, "四/(一)/3").some((t) => t.endsWith("公里"))).toBe(false);
    expect(tg("新建道路500米")).toEqual(["= 500 500 米"]); // no 每: a goal
  });
  it("'超速50%（高速公路超速20%）以上': the 以上 after the bracket bounds both; brackets without a figure of the unit do not", async () => {
    const kh = await stored("unseen11h3", "shanghai-2012-kehuoyun-anquan-guanli-shishi-yijian");
    expect(targetsOf(kh.measures, "四/(十)").slice(0, 4)).toEqual([">= 12 - 分", ">= 20 - %", ">= 50 - %", ">= 20 - %"]);
    expect(tg("增长50%（含）以上")).toEqual([">= 50 - %"]);
    expect(tg("投资50万元（其中10%自筹）以上的项目")).toEqual(["= 500000 500000 元", "= 10 10 %"]);
    expect(tg("占比5%（2023年为3%），力争")).toEqual(["= 5 5 %", "= 3 3 %"]);
  });
});

describe("past days and starts are no deadlines (河北 2006 工业经济, 2004 安全生产示范乡镇, tests/data/unseen11h2)", () => {
  it("'按照２００５年１１月１８日全省钢铁工业座谈会要求' (signed 2006-02-07): a day in a year before the base year", async () => {
    const d = await stored("unseen11h2", "hebei-2006-gongye-jingji-fazhan-yunxing-yijian");
    expect(deadlinesOf(d.measures, "六")).toEqual([]);
    expect(dl("动员部署(2025年1月10日)", "2025-03-03")).toEqual(["date 2025年1月10日 2025-01-10"]); // the base year: a phase
    expect(dl("2005年11月18日前报送", "2006-02-07")).toEqual(["date 2005年11月18日前 2005-11-18"]);
  });
  it("'争取今年底有５０家…，从今年底开始，在全省乡镇推广…': the first is due, the second a start", () => {
    expect(dl("争取今年底有50家左右的乡镇达到要求。从今年底开始，在全省乡镇推广示范乡镇的经验", "2004-06-01")).toEqual(["date 今年底 2004-12-31"]);
  });
});

describe("今明两年 is a span from the base year (河北 2020 双师双证, 2006 保护知识产权 纲要)", () => {
  it("reads 2020-01-01..2021-12-31 in the 2020 plan and 2006..2007 in the 2006 纲要; no base date, no span", async () => {
    const a = await stored("unseen11h", "hebei-2020-shuangshi-shuangzheng-zhiye-jiaoyu-gongzuo-fangan");
    expect(deadlinesOf(a.measures, "二")).toContain("period 今明两年 2020-01-01..2021-12-31");
    const b = await stored("unseen11h2", "hebei-2006-baohu-zhishi-chanquan-xingdong-gangyao");
    expect(deadlinesOf(b.measures, "四/(五)")).toEqual(["period 今明两年 2006-01-01..2007-12-31"]);
    expect(dl("今明两年完成改造", null as unknown as string)).toEqual([]);
    expect(dl("今后两年完成改造")).toEqual([]);
  });
});

describe("a grade bound before the objects meant is no target (上海 2012 客货运; tests/gold-extra 22)", () => {
  it("'三级及以下山区公路', '生物安全防护二级以上实验室': none; '成熟度达到2级以上' still counts", async () => {
    const kh = await stored("unseen11h3", "shanghai-2012-kehuoyun-anquan-guanli-shishi-yijian");
    expect(targetsOf(kh.measures, "五/(十四)").some((t) => t.endsWith(" 级"))).toBe(false);
    expect(tg("建设生物安全防护二级以上实验室")).toEqual([]);
    expect(tg("智能制造成熟度达到2级以上")).toEqual([">= 2 - 级"]);
  });
});
