// Deadlines: dates, periods, recurring and ongoing deadlines, what is not a deadline, order and repeats
// (other notations and the forms the blind rounds found: deadline-forms.test.ts).
import { describe, it, expect } from "vitest";
import { extractDeadlines } from "../extract/fields/deadlines.ts";
import { BASE, dl } from "./helpers/compact.ts";

describe("dates (seed sentences)", () => {
  it("X年X月底前", () => {
    expect(dl("进度安排:2022年3月底前确定首批科创企业名单,送市政府领导审核后推荐给银行机构。")).toEqual(["date 2022-03-31"]);
  });
  it("X月底前 without a year takes the base year; February ends on the 28th", () => {
    expect(dl("进度安排:市商行2月底前制定出台科创企业内部实施方案。市农商行3月底前制定出台内部科创金融产品实施方案。")).toEqual([
      "date 2022-02-28",
      "date 2022-03-31",
    ]);
  });
  it("年底前 / 2022年底", () => {
    expect(dl("进度安排:2022年底前出台新版市级财政金融互动政策和实施细则")).toEqual(["date 2022-12-31"]);
    expect(
      dl("进度安排:2022年3月底前完成增量资金的合作协议签订,正式开展合作业务;2022年6月底前完成三支风险基金上一年度绩效评价工作;绩效评价工作完成后开展风险补偿基金管理办法的修订工作,争取2022年底完成。"),
    ).toEqual(["date 2022-03-31", "date 2022-06-30", "date 2022-12-31"]);
  });
  it("X月X日之前", () => {
    expect(dl("进度安排:3月15日之前与合作各方针对《征求意见稿》开展两轮磋商和讨论。")).toEqual(["date 2022-03-15"]);
  });
  it("X月中旬 / X月末 / 2022年2月末 / X月下旬", () => {
    expect(dl("进度安排:3月中旬进行银行业金融机构的试运行,力争6月末实现全面运行。")).toEqual(["date 2022-03-20", "date 2022-06-30"]);
    expect(
      dl("进度安排:2022年2月末完成立项审批和总平图联审,3月中旬完成规划涉及联审,3月底完成施工图联审,4月中旬完成施工招标并进场施工,4月底前完成硬件装修,5月出安装延时设备,5月中旬运行测试,5月下旬筹备揭牌仪式。"),
    ).toEqual([
      "date 2022-02-28",
      "date 2022-03-20",
      "date 2022-03-31",
      "date 2022-04-20",
      "date 2022-04-30",
      "date 2022-05-20",
      "date 2022-05-31",
    ]);
  });
  it("年内 / 2022年内, but not 当年内 (a condition: that year)", () => {
    expect(dl("(2)加快“移动金融方舱”与“天府信用通”平台的对接,牵头推进各方数据开放,力争年内实现数据互联互通。")).toEqual(["date 2022-12-31"]);
    expect(dl("企业上一年及当年内未发生重大环境、生产、质量安全事故")).toEqual([]);
  });
  it("X月份 is a period, X月份之前 a date", () => {
    expect(dl("进度安排:3月份联合尽调五家企业,并完成尽调报告;6月份之前完成本项目落地投资一单。")).toEqual([
      "period 2022-03-01..2022-03-31",
      "date 2022-06-30",
    ]);
  });
  it("a full date with spaces (signature style)", () => {
    const out = extractDeadlines("  2017 年 9 月 15 日", null);
    expect(out).toEqual([{ text: "2017年9月15日", kind: "date", start: null, end: "2017-09-15", recurrence: null }]);
  });
});

describe("dates (new sentences)", () => {
  it("month ends, leap years and Chinese month numerals", () => {
    expect(dl("各单位于2023年11月底前报送年度总结。")).toEqual(["date 2023-11-30"]);
    expect(dl("2024年2月底前完成摸底,2023年2月末完成备案。")).toEqual(["date 2024-02-29", "date 2023-02-28"]);
    expect(dl("十二月中旬召开推进会")).toEqual(["date 2022-12-20"]);
  });
  it("上旬 / 下旬 / X月前", () => {
    expect(dl("请于9月上旬前报送材料,10月下旬完成验收,5月前完成招标。")).toEqual([
      "date 2022-09-10",
      "date 2022-10-31",
      "date 2022-05-31",
    ]);
  });
  it("day dates, full-width digits and spaces", () => {
    expect(dl("2023年4月15日前完成签约")).toEqual(["date 2023-04-15"]);
    expect(dl("４月２０日前报送")).toEqual(["date 2022-04-20"]);
    expect(dl("于 2023 年 6 月 30 日之前完成")).toEqual(["date 2023-06-30"]);
  });
  it("year ends: 年末, 今年年底前, 2023年内", () => {
    expect(dl("2023年内完成平台建设")).toEqual(["date 2023-12-31"]);
    expect(dl("今年年底前全面完成")).toEqual(["date 2022-12-31"]);
    expect(dl("确保年末前落地")).toEqual(["date 2022-12-31"]);
  });
  it("YYYY年前 is the end of that year", () => {
    expect(dl("2030年前,实现高水平自立自强")).toEqual(["date 2030-12-31"]);
    expect(dl("2022年前三季度,贷款增长10%")).toEqual([]);
  });
  it("invalid dates are skipped", () => {
    expect(dl("2月30日前完成")).toEqual([]);
    expect(dl("13月底前完成")).toEqual([]);
  });
  it("8月份前 is a date, 7月份 a period", () => {
    expect(dl("7月份开展集中宣传,8月份前完成评估")).toEqual(["period 2022-07-01..2022-07-31", "date 2022-08-31"]);
  });
});

describe("periods", () => {
  it("上半年 / 2022年上半年 (seed)", () => {
    expect(dl("进度安排:计划2022年上半年完成创投基金的组建、首期出资和备案工作,力争2022年内实现首个科技创新项目的投资。")).toEqual([
      "period 2022-01-01..2022-06-30",
      "date 2022-12-31",
    ]);
    expect(dl("进度安排:开展线上线下大型活动相结合的宣传活动;上半年遴选投资机构进行考察对接;")).toEqual([
      "period 2022-01-01..2022-06-30",
    ]);
  });
  it("下半年 with and without a year", () => {
    expect(dl("2023年下半年启动第二批试点")).toEqual(["period 2023-07-01..2023-12-31"]);
    expect(dl("下半年组织考核")).toEqual(["period 2022-07-01..2022-12-31"]);
  });
  it("一季度 (seed) / 1季度 / 第一季度 / 2023年第二季度", () => {
    expect(dl("进度安排:市商行、市农商行在一季度完成与财政局、科技局、中科融创的“设备仪器贷”风险补偿业务合作四方协议签订。")).toEqual([
      "period 2022-01-01..2022-03-31",
    ]);
    expect(dl("1季度完成摸排")).toEqual(["period 2022-01-01..2022-03-31"]);
    expect(dl("第三季度完成评估")).toEqual(["period 2022-07-01..2022-09-30"]);
    expect(dl("2023年第二季度出台细则,4季度总结")).toEqual(["period 2023-04-01..2023-06-30", "period 2022-10-01..2022-12-31"]);
  });
  it("三季度末 is a date", () => {
    expect(dl("三季度末前完成全部签约")).toEqual(["date 2022-09-30"]);
    expect(dl("2023年三季度末完成")).toEqual(["date 2023-09-30"]);
  });
  it("month ranges (seed)", () => {
    expect(dl("(一)试点筹备阶段(2016年1月~2016年8月)", "2016-06-03")).toEqual(["period 2016-01-01..2016-08-31"]);
    expect(dl("(二)试点实施阶段(2016年8月~2018年8月)", "2016-06-03")).toEqual(["period 2016-08-01..2018-08-31"]);
    expect(dl("(三)总结验收阶段(2018年8月~2018年12月)", "2016-06-03")).toEqual(["period 2018-08-01..2018-12-31"]);
  });
  it("month ranges (new): 至, full-width tilde, second year omitted", () => {
    expect(dl("2023年3月至6月开展专项行动")).toEqual(["period 2023-03-01..2023-06-30"]);
    expect(dl("2023年3月～2023年6月")).toEqual(["period 2023-03-01..2023-06-30"]);
    expect(dl("2023年3月1日至2023年5月15日")).toEqual(["period 2023-03-01..2023-05-15"]);
  });
  it("year ranges: 2024—2026年 (seed) and new forms", () => {
    expect(dl("力争2024—2026年,全县科技型中小企业贷款增速高于各项贷款平均增速", "2025-03-07")).toEqual([
      "period 2024-01-01..2026-12-31",
    ]);
    expect(dl("2023年至2025年,每年安排专项资金")).toEqual(["period 2023-01-01..2025-12-31", "recurring yearly"]);
    expect(dl("2023-2025年实施")).toEqual(["period 2023-01-01..2025-12-31"]);
  });
  it("十四五期间 and other plan periods", () => {
    expect(dl("十四五期间累计新增贷款")).toEqual(["period 2021-01-01..2025-12-31"]);
    expect(dl("“十四五”期间,全市科技金融规模稳步扩大")).toEqual(["period 2021-01-01..2025-12-31"]);
    expect(dl("十三五时期", "2016-05-01")).toEqual(["period 2016-01-01..2020-12-31"]);
    expect(dl("十三五时期", null)).toEqual(["period 2016-01-01..2020-12-31"]);
    // over before the base year (2022): a past span, as a year range (docs/labelling.md, "a plan period over before the base year")
    expect(dl("十三五时期")).toEqual([]);
    expect(dl("十四五规划")).toEqual([]);
  });
});

describe("recurring", () => {
  it("每年X月X日前 with spaces (seed)", () => {
    const text = "各县(区)人民政府、钒钛高新区管委会和领导小组成员单位自 2017 年起,每年 12 月 20 日前向领导小组办公室报告年度工作情况。";
    const out = extractDeadlines(text, "2017-09-15");
    expect(out).toEqual([{ text: "每年12月20日前", kind: "recurring", start: null, end: null, recurrence: "yearly:12-20" }]);
    expect(dl("各县(区)政府、钒钛高新区管委会和领导小组成员单位自2016年起,每年12月20日前向领导小组办公室报告年度工作情况。", "2016-06-03")).toEqual([
      "recurring yearly:12-20",
    ]);
  });
  it("每年… without a day (seed)", () => {
    expect(dl("进度安排:每年按照人行成都分行要求完成评价实施细则的修订,在规定时间内完成辖区机构综合评价工作。")).toEqual(["recurring yearly"]);
    expect(dl("进度安排:每年12月至次年1月实施评价。")).toEqual(["recurring yearly"]);
    expect(dl("确保每年应收账款融资金额不低于80亿元。")).toEqual(["recurring yearly"]);
  });
  it("每年1季度 is one yearly deadline, not a Q1 period (seed)", () => {
    expect(dl("进度安排:全年推进。每年1季度开展再贷款、再贴现资金需求摸排,按市农商行、市商行资金需求申请及时给予再贷款、再贴现支持")).toEqual([
      "ongoing 全年推进",
      "recurring yearly",
    ]);
  });
  it("每年 with a day or month end (new)", () => {
    expect(dl("每年6月30日前报送上年度数据")).toEqual(["recurring yearly:06-30"]);
    expect(dl("每年 3 月 31 日前")).toEqual(["recurring yearly:03-31"]);
    expect(dl("每年3月底前完成年度评价")).toEqual(["recurring yearly:03-31"]);
    expect(dl("每年组织一次评估")).toEqual(["recurring yearly"]);
  });
  it("按季 / 按季度 / 每季度 / 按年 / 按年度 (seed and new)", () => {
    expect(dl("进度安排:按季监测统计,按年评估。")).toEqual(["recurring quarterly", "recurring yearly"]);
    expect(dl("(2)企业名单动态调整机制。原则按年度对名单进行动态调整。(3)名单确定流程:原则上按季度组织")).toEqual([
      "recurring yearly",
      "recurring quarterly",
    ]);
    expect(dl("每季度通报一次工作进展")).toEqual(["recurring quarterly"]);
  });
  it("按月 / 每月 / 每月28日前 / 每周 / 每半年", () => {
    expect(dl("金融机构按月向人行提供符合要求的贷款台账")).toEqual(["recurring monthly"]);
    expect(dl("实施路径:建立科创金融推进工作台账,实行每周督办,每月统计、汇报的推进工作机制。")).toEqual([
      "recurring weekly",
      "recurring monthly",
    ]);
    const out = extractDeadlines("各银行每月28日前报送统计数据", BASE);
    expect(out).toEqual([{ text: "每月28日前", kind: "recurring", start: null, end: null, recurrence: "monthly" }]);
    expect(dl("每半年开展一次督查")).toEqual(["recurring half-yearly"]);
  });
  it("words that only look like recurrences", () => {
    expect(dl("按年龄段分类统计")).toEqual([]);
    expect(dl("按季节特点组织活动")).toEqual([]);
  });
});

describe("ongoing", () => {
  it("phrases from the word list (seed)", () => {
    expect(dl("进度安排:全年推进。")).toEqual(["ongoing 全年推进"]);
    expect(dl("进度安排:持续指导推进。")).toEqual(["ongoing 持续指导推进"]);
    expect(dl("进度安排: 持续推进。")).toEqual(["ongoing 持续推进"]);
    expect(dl("进度安排:全年进行。")).toEqual(["ongoing 全年进行"]);
    expect(dl("进度安排:一季度推动出台政策,持续推进融资对接活动。")).toEqual(["period 2022-01-01..2022-03-31", "ongoing 持续推进"]);
  });
  it("other 持续… verbs are not deadlines", () => {
    expect(dl("后续结合科创企业需求持续开发创新保险险种。持续开展知识产权风险预警。")).toEqual([]);
  });
});

describe("not deadlines", () => {
  it("time limits", () => {
    expect(dl("申请1000万元以下的3个工作日内办结")).toEqual([]);
    expect(dl("对被取消资格的企业,三年内不再纳入名单。")).toEqual([]);
    expect(dl("人行绵阳市中心支行3年内提供不低于30亿元再贷款")).toEqual([]);
    expect(dl("6个月内完成整改,两年内不得申报")).toEqual([]);
  });
  it("bare months and years", () => {
    expect(dl("知识产权质押融资试点工作于2016年1月正式启动,2018年12月结束,试点期为3年。", "2016-06-03")).toEqual([]);
    expect(dl("5月出安装延时设备")).toEqual([]);
    expect(dl("《攀枝花市促进科技与金融结合特色试点城市工作实施方案(2017~2019)》")).toEqual([]);
  });
  it("dates inside 《》 titles and start dates", () => {
    expect(dl("印发《2022年上半年工作要点》")).toEqual([]);
    expect(dl("自2023年1月1日起施行")).toEqual([]);
    expect(dl("对2018年1月1日后完工的技改项目")).toEqual([]);
  });
  it("dates without a year are skipped when there is no base date", () => {
    expect(dl("3月底前完成摸排,2023年6月底前完成建设,年底前验收", null)).toEqual(["date 2023-06-30"]);
  });
});

describe("order and repeats", () => {
  it("text order", () => {
    expect(dl("持续推进,2022年3月底前完成,每季度调度")).toEqual(["ongoing 持续推进", "date 2022-03-31", "recurring quarterly"]);
  });
  it("every occurrence is listed, repeats included", () => {
    expect(dl("2月底前完成A;2022年2月底前完成B;按季监测,每季度通报;持续推进C,持续推进D")).toEqual([
      "date 2022-02-28",
      "date 2022-02-28",
      "recurring quarterly",
      "recurring quarterly",
      "ongoing 持续推进",
      "ongoing 持续推进",
    ]);
    // 37_guojia-2020 二/(五): "2020年底前" twice in one measure → two entries
    expect(
      dl("2020年底前，在全国推行“证照分离”改革全覆盖……2020年底前，将有关部门涉企经营许可事项全部纳入清单管理。", "2020-07-15"),
    ).toEqual(["date 2020-12-31", "date 2020-12-31"]);
  });
  it("each text is the phrase as written", () => {
    const out = extractDeadlines("3月底前完成,2022年3月底前验收", BASE);
    expect(out.map((d) => d.text)).toEqual(["3月底前", "2022年3月底前"]);
  });
});

describe("round 7b: a 完成时限 cell of 全年 (霍山 2025, tests/data/unseen6c)", () => {
  it("a deadline label whose whole value is 全年 is ongoing, text 全年", () => {
    expect(dl("全力推进开发区“空间再造”。\n责任单位:改革办\n完成时限:全年", null)).toEqual(["ongoing 全年"]);
    expect(dl("完成时限：全年。\n时间节点: 全年")).toEqual(["ongoing 全年", "ongoing 全年"]);
  });
  it("全年 inside a sentence, or a cell holding more than 全年, is no such cell", () => {
    expect(dl("力争全年盘活僵尸企业10家,盘活存量土地400亩。")).toEqual([]);
    expect(dl("努力实现全年经济社会发展的目标任务")).toEqual([]);
    expect(dl("完成时限:全年推进")).toEqual(["ongoing 全年推进"]);
    expect(dl("完成时限:全年度考核")).toEqual([]);
  });
});

describe("round 7a texts, deadline forms (tests/data/unseen7)", () => {
  it("实施期限至 a date says how long a policy runs, like 有效期至 (东莞 东府〔2020〕51号)", () => {
    expect(dl("阶段性降低社会医疗保险缴费费率实施期限至2022年12月31日;阶段性降低失业保险、工伤保险缴费费率实施期限至2021年4月30日。", "2020-06-01")).toEqual([]);
    // the mask holds its own clause only; a 实施期限 label over a due date is still read
    expect(dl("2021年4月30日前完成清理;政策实施期限至2022年12月31日", "2020-06-01")).toEqual(["date 2021-04-30"]);
    expect(dl("实施期限:2024年6月底前", "2024-01-01")).toEqual(["date 2024-06-30"]);
  });
});
