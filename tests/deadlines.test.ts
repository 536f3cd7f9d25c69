import { describe, it, expect } from "vitest";
import { extractDeadlines, yearBlockDeadline } from "../extract/fields/deadlines.ts";
import { Deadline } from "../extract/schema.ts";

const BASE = "2022-04-05"; // 绵阳 issuedDate

/** Compact form: "date 2022-03-31", "period 2022-01-01..2022-06-30", "recurring yearly", "ongoing 全年推进". */
function dl(text: string, base: string | null = BASE): string[] {
  const out = extractDeadlines(text, base);
  Deadline.array().parse(out);
  return out.map((d) =>
    d.kind === "date"
      ? `date ${d.end}`
      : d.kind === "period"
        ? `period ${d.start}..${d.end}`
        : d.kind === "recurring"
          ? `recurring ${d.recurrence}`
          : `ongoing ${d.text}`,
  );
}

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
    expect(dl("十三五时期")).toEqual(["period 2016-01-01..2020-12-31"]);
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

describe("到 + a year or month (goal dates)", () => {
  it("到2025年 / 力争到2025年 / 争取到2025年 → the year's end", () => {
    expect(dl("到2025年，新培育技术经纪人1000人。", null)).toEqual(["date 2025-12-31"]);
    expect(dl("依托特色园区打造一批特色鲜明的未来产业集群。力争到2025年，重点依托省级以上高新区打造10个左右未来产业集群。", null)).toEqual([
      "date 2025-12-31",
    ]);
    expect(dl("争取到2025年建成10家具有较强影响力的重大科技创新平台。", null)).toEqual(["date 2025-12-31"]);
    expect(dl("第二步，到2025年人工智能基础理论实现重大突破；第三步，到2030年人工智能理论、技术与应用总体达到世界领先水平", null)).toEqual([
      "date 2025-12-31",
      "date 2030-12-31",
    ]);
    expect(dl("成效初显。至2030年，建成具有全球影响力的创新策源地。", null)).toEqual(["date 2030-12-31"]);
    expect(extractDeadlines("到2025年，全市新增残疾人就业800人以上", null)[0].text).toBe("到2025年");
  });
  it("到2025年底 / 到2025年末 / 到2020年底前 keep the 到 in the text", () => {
    const out = extractDeadlines("到2020年底前，集中力量解决老年人面临的突出问题。到2025年末，城乡社区综合服务设施覆盖率达100%。", null);
    expect(out.map((d) => [d.text, d.end])).toEqual([
      ["到2020年底前", "2020-12-31"],
      ["到2025年末", "2025-12-31"],
    ]);
  });
  it("到2023年6月 → the month's end", () => {
    expect(
      dl("到2023年6月，各地学科类隐形变异培训问题预防机制、发现机制、查处机制基本建立。到2024年6月，长效机制得到健全。", "2023-01-04"),
    ).toEqual(["date 2023-06-30", "date 2024-06-30"]);
  });
  it("到 inside a verb or a range is not a goal date", () => {
    expect(dl("将能耗降低到2020年的水平", null)).toEqual([]);
    expect(dl("从2021年到2025年", null)).toEqual(["period 2021-01-01..2025-12-31"]);
  });
  it("a typo year is skipped", () => {
    expect(dl("质量齐升。到7671年，高新技术企业数量达到2.5万家", null)).toEqual([]);
  });
});

describe("a year (and month) followed by a completion verb", () => {
  it("2021年全面推广 / 2016年基本完成 → year end", () => {
    expect(dl("2020年在部分地区开展试点，2021年全面推广。", "2020-03-01")).toEqual(["date 2021-12-31"]);
    expect(dl("2015年在预算管理改革上取得决定性进展，在优化财政支出结构上取得实质性突破。2016年基本完成深化预算管理改革的各项任务", "2014-06-01")).toEqual([
      "date 2016-12-31",
    ]);
  });
  it("2023年6月完成 → month end", () => {
    expect(dl("平台一期2023年6月完成验收，二期2024年建成运行。", "2023-01-01")).toEqual(["date 2023-06-30", "date 2024-12-31"]);
  });
  it("not a past report or a relative clause", () => {
    expect(dl("国务院办公厅已于2017年印发通知予以推广", "2018-12-23")).toEqual([]);
    expect(dl("全国技术合同交易额2015年实现9835亿元", "2016-04-21")).toEqual([]);
    expect(dl("对2018年完成的技改项目给予补助", "2019-01-03")).toEqual([]);
  });
});

describe("dates in other notations", () => {
  it("Chinese-numeral dates: 二〇二二年四月十九日, ○ for 〇, 三〇日", () => {
    expect(dl("二〇二二年四月十九日", null)).toEqual(["date 2022-04-19"]);
    expect(dl("甲方与乙方于二〇二二年十二月十日签订了《渠道边坡衬砌季节性冻融破坏机理研究技术服务合同》", null)).toEqual(["date 2022-12-10"]);
    expect(dl("二○○六年四月二十日前报送", null)).toEqual(["date 2006-04-20"]);
    expect(dl("二〇二二年十月三〇日前完成", null)).toEqual(["date 2022-10-30"]);
    expect(dl("二〇二五年底前全面建成", null)).toEqual(["date 2025-12-31"]);
  });
  it("days written with 号", () => {
    expect(dl("2018年6月30号前用手机号在网页端注册的用户请在APP上重新注册", null)).toEqual(["date 2018-06-30"]);
    expect(dl("请于4月19号前报送")).toEqual(["date 2022-04-19"]);
    expect(dl("地铁4月1号线")).toEqual([]);
  });
  it("a weekday in brackets after the day", () => {
    const out = extractDeadlines("申报单位应于2024年7月30日(星期二)前将申报书纸质版和PDF扫描件报送至所在区(市)县工业和信息化主管部门。", null);
    expect(out.map((d) => [d.text, d.end])).toEqual([["2024年7月30日(星期二)前", "2024-07-30"]]);
  });
  it("numeric dates: 2019/04/19, 2019.4.19, 2019-04-19", () => {
    expect(dl("征集时限：截止:2019-06-18", null)).toEqual(["date 2019-06-18"]);
    expect(dl("请于2019/04/19前提交", null)).toEqual(["date 2019-04-19"]);
    expect(dl("请于2019.4.19前报送", null)).toEqual(["date 2019-04-19"]);
    expect(dl("使用2.4.19版本,规模增长2019.5%", null)).toEqual([]);
    expect(dl("2019-2020年度", null)).toEqual([]);
    expect(dl("2019-02-30", null)).toEqual([]);
  });
});

describe("recurring: each 每年 of a task", () => {
  it("10_shandong 一/(二): one yearly per 每年 + action", () => {
    expect(
      dl("强化产业基础技术攻关，每年推进制造业创新中心攻克产业基础技术10项左右。每年组织实施100项重大科技创新工程项目和30项以上重大基础研究项目。", null),
    ).toEqual(["recurring yearly", "recurring yearly"]);
    expect(dl("设立专项资金，市财政每年安排5亿元，用于支持先进制造业和数字经济发展。", null)).toEqual(["recurring yearly"]);
  });
  it("a per-year amount is not a recurring task", () => {
    expect(dl("对建成开通并持续运营国际互联网数据专用通道的每家电信运营企业每年每个园区给予20万元的奖补资金", null)).toEqual([]);
    expect(dl("按照规定给予最高500万元的开办经费，并每年给予不超过总运营支出30%、最高200万元的经费支持。", null)).toEqual([]);
    expect(dl("对园区内人工智能企业新引进的全日制应届博士、硕士，连续3年每年分别给予5000元、3000元的生活补贴。", null)).toEqual([]);
    expect(dl("每家企业每年最高补贴50万元", null)).toEqual([]);
  });
  it("每年 in an eligibility condition (对…的企业) is not a task", () => {
    expect(
      dl("其中，对年营业收入达到2000万元以上或年纳税额达到200万元以上、每年保持稳定增长的企业，给予五年100%房租补贴。", null),
    ).toEqual([]);
  });
});

describe("dates that are not time limits of a measure", () => {
  it("有效期 and 自…起施行 clauses", () => {
    expect(dl("本政策措施自印发之日起施行，有效期至2025年12月31日。对符合本政策规定的，按照就高不重复原则执行。", null)).toEqual([]);
    expect(dl("本措施自2024年1月1日起实施，有效期至2026年12月31日。", null)).toEqual([]);
  });
  it("dates of a repealed document (…同时废止)", () => {
    expect(dl("2015年3月1日印发的《攀枝花市科技型中小企业贷款风险补偿办法》同时废止。", null)).toEqual([]);
  });
  it("as-of dates (截至)", () => {
    expect(dl("截至2022年底，全省共有高新技术企业2万家。")).toEqual([]);
    expect(dl("截至今年9月底，银川市累计取得住房保障资格家庭3万余户")).toEqual([]);
  });
  it("a signature or 印发 date", () => {
    expect(dl("济南市人民政府办公厅 2019年１月３日印发", null)).toEqual([]);
    expect(dl("现印发给你们，请遵照执行。\n银川市司法局\n2020年10月28日\n", null)).toEqual([]);
    expect(dl("二○○六年四月二十日\n", "2006-04-20")).toEqual([]);
    // the same date in running text, or under a table's unit cell, is still read
    expect(dl("请于2020年11月28日前将书面意见和建议送银川市司法局。", null)).toEqual(["date 2020-11-28"]);
    expect(dl("牵头单位：\n市财政局\n2022年6月30日", null)).toEqual(["date 2022-06-30"]);
  });
  it("a purpose clause (为到2020年…)", () => {
    expect(dl("为到2020年进入创新型国家行列、到2030年跻身创新型国家前列作出贡献", "2016-04-21")).toEqual([]);
  });
});

describe("yearBlockDeadline", () => {
  it("year-block headings (seed)", () => {
    expect(yearBlockDeadline("(一)2017 年度。")).toEqual({
      text: "2017年度",
      kind: "period",
      start: "2017-01-01",
      end: "2017-12-31",
      recurrence: null,
    });
    expect(yearBlockDeadline("(二)2018 年度。")?.end).toBe("2018-12-31");
    expect(yearBlockDeadline("2019年度")?.start).toBe("2019-01-01");
  });
  it("new forms and non-headings", () => {
    expect(yearBlockDeadline("（三）２０２０年度")?.text).toBe("2020年度");
    expect(yearBlockDeadline("(一)总体目标。")).toBeNull();
    expect(yearBlockDeadline("(一)试点筹备阶段(2016年1月~2016年8月)")).toBeNull();
  });
});

describe("session 24 round 4b forms", () => {
  it("a span from a start year is a period (2012年起5年内, 从2023年起三年内); a bare 5年内 is none", () => {
    expect(dl("2012年起5年内，大力实施六大人才行动计划")).toEqual(["period 2012-01-01..2016-12-31"]);
    expect(dl("从2023年起三年内完成改造")).toEqual(["period 2023-01-01..2025-12-31"]);
    expect(dl("5年内重点引进100名人才")).toEqual([]);
  });
  it("每年对X…给予资助 is an award per year; 每年统筹安排 a yearly task", () => {
    expect(dl("自治区每年对关键核心技术攻关项目按有关政策给予财政资金资助。")).toEqual([]);
    expect(dl("每年统筹安排一般公共预算资金，支持重大工业项目建设")).toEqual(["recurring yearly"]);
  });
  it("with no base date a month takes the year before it in the sentence, not across a 。", () => {
    expect(dl("须于2017年6月底前下达60%以上、9月底前下达80%以上、11月底前全部下达到位。", null)).toEqual([
      "date 2017-06-30", "date 2017-09-30", "date 2017-11-30",
    ]);
    expect(dl("2017年3月底前拨付。9月底前下达", null)).toEqual(["date 2017-03-31"]);
    // a base date still decides where one is known
    expect(dl("2023年底前完成，9月底前报送", "2022-04-05")).toEqual(["date 2023-12-31", "date 2022-09-30"]);
  });
  it("an ongoing phrase naming a mechanism is none (常态化推进机制)", () => {
    expect(dl("健全常态化推进机制，持续推进“一件事”高效办理")).toEqual(["ongoing 持续推进"]);
  });
});
