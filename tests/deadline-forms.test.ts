// Deadlines: goal dates (到 + a year), a year followed by a completion verb, other notations, each 每年 of a
// task, dates that are not time limits, yearBlockDeadline, and the forms the blind rounds found.
import { describe, it, expect } from "vitest";
import { extractDeadlines, yearBlockDeadline } from "../extract/fields/deadlines.ts";
import { dl } from "./helpers/compact.ts";

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

describe("round 7d full texts, deadline forms (tests/data/unseen7d)", () => {
  it("a tax preference's window opened by 自 is no deadline (河北 2023 钢铁; 财政部 税务总局 2023年第12号)", () => {
    expect(dl("自2023年1月1日至2027年12月31日，列入先进制造业企业名单的钢铁企业，允许按照当期可抵扣进项税额加计5%抵减应纳增值税税额；符合条件的…", "2023-10-07")).toEqual([]);
    expect(dl("自2023年1月1日至2027年12月31日，对小型微利企业年应纳税所得额不超过300万元的部分，减按25%计入应纳税所得额，按20%的税率缴纳企业所得税。")).toEqual([]);
    // a span of work stays a period; a preference word in another sentence does not reach it
    expect(dl("自2023年1月1日至2023年6月30日，开展专项整治行动。")).toEqual(["period 2023-01-01..2023-06-30"]);
    expect(dl("自2023年3月1日至2023年6月30日，开展专项整治。落实减按15%的税率政策。")).toEqual(["period 2023-03-01..2023-06-30"]);
  });
  it("a signature date run into the next line under an issuer with its place is no deadline (河北 2023 电子信息)", () => {
    expect(dl("帮助企业解决实际问题。\n河北省人民政府办公厅\n2023年9月5日政策解读：促进全省电子信息产业发展政策措施解读", "2023-09-05")).toEqual([]);
    // a unit cell has no place; a deadline word after the date keeps it
    expect(dl("市财政局\n2023年9月5日完成拨付", null)).toEqual(["date 2023-09-05"]);
    expect(dl("河北省人民政府办公厅\n2023年9月5日前报送", null)).toEqual(["date 2023-09-05"]);
  });
});

describe("round 8c full texts, deadline forms (tests/data/unseen8c)", () => {
  it("a year opening the sentence as its topic gives its months their year, over the base year (河北 2024 民生工程, signed 2023-12-13)", () => {
    expect(dl("2024年任务目标力争10月底前基本完成，12月底前高标准、高质量完成。", "2023-12-13")).toEqual([
      "date 2024-10-31", "date 2024-12-31",
    ]);
    // a year that is itself a date (2023年底前) is no topic: the base year still decides
    expect(dl("2023年底前完成，9月底前报送", "2022-04-05")).toEqual(["date 2023-12-31", "date 2022-09-30"]);
    // nor does a topic year reach across a 。
    expect(dl("2024年任务目标明确。10月底前完成", "2023-12-13")).toEqual(["date 2023-10-31"]);
  });
});
