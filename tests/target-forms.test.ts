// Numeric targets: numbers in words and other notations, comparators, measure words, figures with no
// measure word, what is not a target, the output shape, and the forms the blind rounds found.
import { describe, it, expect } from "vitest";
import { extractTargets } from "../extract/fields/targets.ts";
import { tg } from "./helpers/compact.ts";

describe("numbers in words and other notations", () => {
  it("百分之 / 千分之 / a bare fraction (unit null)", () => {
    expect(tg("互动环节的时间占比不低于百分之二十。")).toEqual([">= 20 - %"]);
    expect(tg("证据支持率不低于百分之九十五，恰当处理率不低于百分之零点五")).toEqual([">= 95 - %", ">= 0.5 - %"]);
    expect(tg("本金10000元存入银行，年利率是千分之三")).toEqual(["= 10000 10000 元", "= 3 3 ‰"]);
    expect(tg("支持培训机构聘用外籍专业人员的数量允许不超过五分之一")).toEqual(["<= - 0.2 null"]);
  });
  it("Chinese and 大写 numerals in amounts", () => {
    expect(tg("六十四万零一百四十三元一角七分")).toEqual(["= 640143.17 640143.17 元"]);
    expect(tg("一万二千三百四十五元")).toEqual(["= 12345 12345 元"]);
    expect(tg("发票金额：壹万贰仟元整。")).toEqual(["= 12000 12000 元"]);
    expect(tg("肆佰叁拾萬圆整")).toEqual(["= 4300000 4300000 元"]);
    expect(tg("每人每年补助一千元")).toEqual(["= 1000 1000 元"]);
    expect(tg("人机物三元融合")).toEqual([]); // no power, no magnitude: a name
  });
  it("Chinese numerals: sections, zeros, 大写 (cn2an cases)", () => {
    const n = (x: string) => extractTargets(`${x}元`)[0]?.min;
    expect(n("一千零一万一千零一")).toBe(10011001);
    expect(n("一千零一亿一千零一万一千零一")).toBe(100110011001);
    expect(n("十万零一")).toBe(100001);
    expect(n("一十一")).toBe(11);
    expect(n("壹仟壹佰壹拾壹")).toBe(1111);
    expect(n("两万亿")).toBe(2000000000000);
  });
  it("thousands separators, full-width digits and commas", () => {
    expect(tg("82，225.00元")).toEqual(["= 82225 82225 元"]);
    expect(tg("授信额度1,000万元")).toEqual(["= 10000000 10000000 元"]);
    expect(tg("达到１０００ 万 元")).toEqual([">= 10000000 - 元"]);
    // a full-width comma between clauses is not a separator
    expect(tg("新增企业12，300家以上")).toEqual([">= 300 - 家"]);
  });
  it("a bare magnitude is money, unless the clause counts people", () => {
    expect(tg("全省集成电路产业规模过千亿，")).toEqual(["> 100000000000 - 元"]);
    expect(tg("贫困人口减少6800多万，社会养老保险覆盖9亿多人。")).toEqual(["> 68000000 - null", "> 900000000 - 人"]);
  });
});

describe("comparators", () => {
  it("a comparator before a list governs every figure of it", () => {
    expect(tg("对新认定的国家级、省级重点实验室分别给予最高60万元、40万元扶持")).toEqual(["<= - 600000 元", "<= - 400000 元"]);
    expect(tg("对年销售收入首次达到2000万元、5000万元、1亿元的科技型企业，分别给予最高50万元、100万元、200万元创新扶持")).toEqual([
      ">= 20000000 - 元",
      ">= 50000000 - 元",
      ">= 100000000 - 元",
      "<= - 500000 元",
      "<= - 1000000 元",
      "<= - 2000000 元",
    ]);
    // a figure with its own words is not governed: 特等奖150万元、一等奖50万元
    expect(tg("给予特等奖150万元、一等奖50万元、二等奖30万元奖励")).toEqual(["= 1500000 1500000 元", "= 500000 500000 元", "= 300000 300000 元"]);
  });
  it("首次突破 / 突破 / 超 / 逾 / 过 (>), but 突破百项技术 is the verb", () => {
    expect(tg("新培育年销售(营业)收入首次突破100亿元的企业15家")).toEqual(["> 10000000000 - 元", "= 15 15 家"]);
    expect(tg("力争每年服务企业超万家")).toEqual(["> 10000 - 家"]);
    expect(tg("开元灯具批发城目前已容纳逾千家灯饰企业进驻经营")).toEqual(["> 1000 - 家"]);
    expect(tg("培育5个以上收入过200亿元的软件产业集群")).toEqual([">= 5 - 个", "> 20000000000 - 元"]);
    expect(tg("突破百项前沿关键核心技术，打造百家领军企业")).toEqual(["= 100 100 项", "= 100 100 家"]);
  });
  it("多 / 余 (>) and 近 (<: just below the figure)", () => {
    expect(tg("全年增值税留抵退税超过2.4万亿元，新增减税降费超过1万亿元，缓税缓费7500多亿元。")).toEqual([
      "> 2400000000000 - 元",
      "> 1000000000000 - 元",
      "> 750000000000 - 元",
    ]);
    expect(tg("全省已成立市级青春创业行动指导中心12个、县级60余个，共帮助1.9万名青年走上创业道路")).toEqual([
      "= 12 12 个",
      "> 60 - 个",
      "= 19000 19000 名",
    ]);
    expect(tg("截至今年9月底，银川市累计取得住房保障资格家庭3万余户，累计发放租赁补贴近3亿元。")).toEqual([
      "> 30000 - 户",
      "< - 300000000 元",
    ]);
    expect(tg("已经服务近100家金融、消费、制造等行业的大型企业客户")).toEqual(["< - 100 家"]);
    expect(tg("获得了将近100家公司的赞助支持")).toEqual(["< - 100 家"]);
    expect(tg("下载附近100家的门店详细数据")).toEqual(["= 100 100 家"]);
  });
  it("two-sided ranges", () => {
    expect(tg("员工人数大于10人小于20人的企业")).toEqual(["range 10 20 人"]);
    expect(tg("每个展会给予补贴50—200万元")).toEqual(["range 500000 2000000 元"]);
    expect(tg("单笔补贴1万元—5万元")).toEqual(["range 10000 50000 元"]);
    expect(tg("按照履行完成服务合同额的５－１０％之间给予奖励")).toEqual(["range 5 10 %"]);
    expect(tg("同一策略在同一任务上的成功率可以相差二三十个百分点")).toEqual(["range 20 30 个百分点"]);
    expect(tg("城中十万户，此地两三家。")).toEqual(["= 100000 100000 户", "range 2 3 家"]);
    expect(tg("两到三万元，十八至三十万元")).toEqual(["range 20000 30000 元", "range 180000 300000 元"]);
  });
  it("年满 / 最长 / 排名前 / 之内 / 至少 … 一次", () => {
    expect(tg("不具有专利代理人资格、年满18周岁")).toEqual([">= 18 - 周岁"]);
    expect(tg("给予最长五年的房租补贴")).toEqual(["<= - 5 年"]);
    expect(tg("对全省综合评价排名前10位的工业互联网平台")).toEqual(["<= - 10 位"]);
    expect(tg("在两年之内")).toEqual(["<= - 2 年"]);
    expect(tg("至少每季度公开曝光一次")).toEqual([">= 1 - 次"]);
  });
});

describe("measure words", () => {
  it("any measure word in the list counts, and stays the unit", () => {
    expect(tg("每年组织开展6场左右精准产学研对接活动；每年举办1—2场全省质量标杆经验交流活动")).toEqual(["= 6 6 场", "range 1 2 场"]);
    expect(tg("精准引育100位左右企业类人才、50位左右平台类人才")).toEqual(["= 100 100 位", "= 50 50 位"]);
    expect(tg("对其租赁面积在10000平方米以上的")).toEqual([">= 10000 - 平方米"]);
    expect(tg("总规划面积约60.61平方公里，其中核心区面积约8.5平方公里")).toEqual(["= 60.61 60.61 平方公里", "= 8.5 8.5 平方公里"]);
    expect(tg("到2026年，算力总规模达到12EFLOPS，存储总量达10EB")).toEqual([">= 12 - EFLOPS", ">= 10 - EB"]);
    expect(tg("三年共开展各类补贴性职业技能培训5000万人次以上")).toEqual([">= 50000000 - 人次"]);
    expect(tg("构建不少于1000例病例的高质量脑数据开放数据集")).toEqual([">= 1000 - 例"]);
    expect(tg("将伦理审查总体流程时间压缩至3周以内")).toEqual(["<= - 3 周"]);
  });
  it("Chinese round numbers: 千家, 百项", () => {
    expect(tg("支持千家企业产学研协同创新。")).toEqual(["= 1000 1000 家"]);
  });
  it("一 before a measure word counts per 每 or with a comparator", () => {
    expect(tg("每年实施一期泰山产业领军人才工程创新领军人才项目")).toEqual(["= 1 1 期"]);
    expect(tg("原则上每个省（自治区、直辖市）培育一家政府性融资担保龙头机构")).toEqual(["= 1 1 家"]);
    expect(tg("平台一期工程、二期工程")).toEqual([]);
  });
  it("durations that are stated terms: 连续两年, 分三年, 2至5年", () => {
    expect(tg("对连续两年研发费用统计为零的企业")).toEqual(["= 2 2 年"]);
    expect(tg("分三年兑现")).toEqual(["= 3 3 年"]);
    expect(tg("连续补贴三年")).toEqual(["= 3 3 年"]);
    expect(tg("优先办理2至5年有效期的外国专家证")).toEqual(["range 2 5 年"]);
    expect(tg("人工智能经过60多年的演进")).toEqual([]);
  });
});

describe("figures with no measure word (unit null)", () => {
  it("百万青年, 出资8000, 指数达到125左右, 降到1.3以下", () => {
    expect(tg("百万青年")).toEqual(["= 1000000 1000000 null"]); // the contract's example
    expect(tg("结合百万青年沿黄生态产业发展协作行动")).toEqual([]); // a programme's name
    expect(tg("强制抽调数百万青年劳动力，千百万青年上山下乡")).toEqual([]); // vague amounts
    expect(tg("由市财政出资8000，其余由社会资本出资")).toEqual(["= 8000 8000 null"]);
    expect(tg("全省两化融合发展指数达到125左右。")).toEqual([">= 125 - null"]);
    expect(tg("大型、超大型数据中心运行电能利用效率降到1.3以下。")).toEqual(["<= - 1.3 null"]);
  });
  it("not adverbs or idioms", () => {
    expect(tg("千万不要放松，走进千家万户，百家争鸣，成千上万家企业")).toEqual([]);
  });
});

describe("not targets", () => {
  it("numbers inside 《》 and “” (seed)", () => {
    expect(tg("配合市委组织部出台《绵阳市建设国家科技创新先行示范区打造国防科工人才高地五年行动计划》、《中国(绵阳)科技城加快集聚创新人才16条政策》")).toEqual([]);
    expect(tg("围绕“315”科技创新体系建设、“415X”先进制造业集群建设等重点领域")).toEqual([]);
    expect(tg("聚焦我县“3+X”产业链发展")).toEqual([]);
    expect(tg("通过“千名行长走万企”等活动载体")).toEqual([]);
  });
  it("document numbers, names and versions (seed)", () => {
    expect(tg("《山西省支持科技创新的若干政策》(晋政办发〔2017〕148号)等文件精神")).toEqual([]);
    expect(tg("科创企业投保的产品符合《绵阳市开展科技保险工作的实施意见》(绵府办发〔2021〕11号)条件的")).toEqual([]);
    expect(tg("围绕我县“人才新政30条”4.0版以及“本土人才提能行动”")).toEqual([]);
    expect(tg("为我县大孵化器集群2.0版、新型实验室体系")).toEqual([]);
    expect(tg("3+X产业链,人才新政30条")).toEqual([]);
  });
  it("dates and years", () => {
    expect(tg("进度安排:2022年3月底前确定首批科创企业名单")).toEqual([]);
    expect(tg("(一)试点筹备阶段(2016年1月~2016年8月)")).toEqual([]);
    expect(tg("力争2024—2026年,全县科技型中小企业贷款增速高于各项贷款平均增速")).toEqual([]);
    expect(tg("力争2022年内实现首个科技创新项目的投资")).toEqual([]);
    expect(tg("2017 年 9 月 15 日")).toEqual([]);
  });
  it("fixed expressions that only look like counts or money", () => {
    expect(tg("提升软件二次开发能力,推动三次产业融合")).toEqual([]);
    expect(tg("人机物三元融合")).toEqual([]);
  });
  it("counts of the document's own parts and lists", () => {
    expect(tg("一、推广的改革举措（共23项）")).toEqual([]);
    expect(tg("四、知识产权保护方面（共5项）")).toEqual([]);
    expect(tg("（一）知识产权保护方面5项：知识产权民事、刑事、行政案件“三合一”审判")).toEqual([]);
    expect(tg("庭审时法官主要审理上述两个表格中的焦点问题")).toEqual([]);
    expect(tg("以下两个表格列出推广范围")).toEqual([]);
    expect(tg("评价结果分为三个等级")).toEqual([]);
  });
  it("existing sets, rates, names and programmes", () => {
    expect(tg("围绕11条标志性产业链，充分发挥山东省产学研协同创新联盟作用")).toEqual([]);
    expect(tg("围绕37条产业链和40个产业集群，支持链主企业制定数字化转型路线图")).toEqual([]);
    expect(tg("每认定1家给予孵化器10万元扶持")).toEqual(["= 100000 100000 元"]);
    expect(tg("推动科创金融十条更好落地见效")).toEqual([]);
    expect(tg("继续实施万名专家服务基层行动计划")).toEqual([]);
    expect(tg("打造千亿级产业集群，推动新一代神威E级(百亿亿次级)原型机系统建设")).toEqual([]);
    expect(tg("数字经济产业能级达到万亿级")).toEqual([">= 1000000000000 - 元"]);
    expect(tg("全省算力规模达到14EFlops（每秒百亿亿次浮点运算）")).toEqual([">= 14 - EFlops"]);
    expect(tg("统筹推进“五位一体”总体布局，三位一体推进")).toEqual([]);
  });
  it("URL escapes, 文号, years, dates, versions", () => {
    expect(tg("https://www.example.gov.cn/%E5%B1%B1%E4%B8%9C/index.html")).toEqual([]);
    expect(tg("《国务院关于支持自由贸易试验区深化改革创新若干措施的通知》（国发〔2018〕38号）")).toEqual([]);
    expect(tg("推进5G和工业4.0，落实中国制造2025")).toEqual([]);
    expect(tg("3—6岁学龄前儿童")).toEqual([]);
    expect(tg("二〇二二年四月十九日")).toEqual([]);
  });
  it("一 before a measure word, other words, ordinals", () => {
    expect(tg("单设一批科技金融服务专营机构")).toEqual([]);
    expect(tg("投后管理一个周期,一支队伍,一家企业")).toEqual([]);
    expect(tg("开展两轮磋商和讨论,签订四方协议,三位一体")).toEqual([]);
    expect(tg("第3次会议,第二个阶段")).toEqual([]);
  });
});

describe("output", () => {
  it("is in text order and not de-duplicated", () => {
    expect(tg("一是利率不高于6%。二是利率不高于6%。三是新增5家")).toEqual(["<= - 6 %", "<= - 6 %", "= 5 5 家"]);
  });
  it("metric is null when no noun is clear", () => {
    const [t] = extractTargets("不超过5家");
    expect(t.metric).toBeNull();
  });
});

describe("session 24 round 4b forms (广州 2012 人才集聚工程)", () => {
  it("a goal quoted as clauses keeps its figures; a quoted name does not", () => {
    expect(tg("实现“重点引进和培养高层次人才达到2000名左右，人才贡献率达到40%”的目标")).toEqual([">= 2000 - 名", ">= 40 - %"]);
    expect(tg("力争实现“一村两名或多名大学生村官”目标")).toEqual([]);
  });
  it("a time limit after a start year is no target; a slogan count; an age naming who is meant", () => {
    expect(tg("2012年起5年内引进100名")).toEqual(["= 100 100 名"]);
    expect(tg("做到机构、编制、人员、经费四个到位")).toEqual([]);
    expect(tg("加大对35岁以下青年科技人员扶持力度")).toEqual([]);
    expect(tg("年龄不超过35岁")).toEqual(["<= - 35 岁"]);
  });
  it("a project heading; an item label run into a name; 场次", () => {
    expect(tg("29.百名高端外国专家引进项目。5年内引进不少于200名")).toEqual(["<= - 5 年", ">= 200 - 名"]);
    expect(tg("11.121人才梯队项目。重点培养不少于10名")).toEqual([">= 10 - 名"]);
    expect(tg("扶持50场次知识更新名家讲座")).toEqual(["= 50 50 场次"]);
  });
});

describe("session 24: a label run into a name is skipped for counts only", () => {
  it("table cells opening their line keep their figures", () => {
    expect(tg("11.121人才梯队项目")).toEqual([]);
    expect(tg("新增就业\n3.5万人\n专项资金\n2.5亿元\n增长率\n1.5%")).toEqual(["= 35000 35000 人", "= 250000000 250000000 元", "= 1.5 1.5 %"]);
  });
});

describe("session 24: a project heading is a sentence of its own", () => {
  it("closed by 。 it names the project; a cell on its line still counts", () => {
    expect(tg("29.百名高端外国专家引进项目。5年内引进不少于200名")).toEqual(["<= - 5 年", ">= 200 - 名"]);
    expect(tg("建设任务\n100个重点项目\n责任单位")).toEqual(["= 100 100 个"]);
  });
});

describe("round 7b forms (tests/data/unseen7b)", () => {
  it("a comparator before a noun phrase holding a short bracketed gloss (魅力文明城市 一/1)", () => {
    expect(tg("12 月底前全市无违建街(镇)达到全市街(镇)总数的 80%。")).toEqual([">= 80 - %"]);
    expect(tg("各县(市、区)不低于总数的20%")).toEqual([">= 20 - %"]);
    // a bracket holding a clause still ends the window
    expect(tg("达到(按照省定标准计算,含改扩建)80%")).toEqual(["= 80 80 %"]);
  });
  it("部 counts lifts and the like; 部门, 部委, 部分 are no counts (魅力文明城市 一/3; 新华社 2023 加装电梯1.23万部)", () => {
    expect(tg("继续推进既有住宅增设电梯,12 月底前开工建设 200部。")).toEqual(["= 200 200 部"]);
    expect(tg("各地在改造中加装电梯1.23万部")).toEqual(["= 12300 12300 部"]);
    expect(tg("17部门联合印发")).toEqual([]);
    expect(tg("十部委联合推进")).toEqual([]);
    expect(tg("三部曲")).toEqual([]);
  });
});

describe("round 7a texts, target forms (tests/data/unseen7)", () => {
  it("a bare 万元/亿元 before an output measure is the base of an intensity (湖南 湘政发〔2019〕1号; 国新办 2024)", () => {
    expect(tg("生态环境进一步改善,万元GDP能耗下降2.5%")).toEqual(["= 2.5 2.5 %"]);
    expect(tg("万元工业增加值的用水量是30.6立方米")).toEqual(["= 30.6 30.6 立方米"]);
    expect(tg("实现10亿元产值")).toEqual(["= 1000000000 1000000000 元"]);
  });
});

describe("round 7a texts: a 任务清单 with 单位 and 年度目标 cells (嵊泗 2021, tests/data/unseen7)", () => {
  it("≥ and ≤ are comparators; 斤 a measure word; a 目标 cell holding only a number is a bare figure", () => {
    expect(tg("农林牧渔业增加值增幅\n目标:≥2%")).toEqual([">= 2 - %"]);
    expect(tg("不良贷款率≤3%")).toEqual(["<= - 3 %"]);
    expect(tg("粮食总产量\n目标:0.0038亿斤")).toEqual(["= 380000 380000 斤"]);
    expect(tg("目标:0\n责任单位:县农业农村局")).toEqual(["= 0 0 null"]);
    expect(tg("目标:全市统筹")).toEqual([]);
    expect(tg("配备千斤顶")).toEqual([]);
  });
  it("a magnitude and unit alone on a line is a unit cell, not a figure; in a sentence it still counts", () => {
    expect(tg("单位\n万亩\n目标:县")).toEqual([]);
    expect(tg("建设万亩基地")).toEqual(["= 10000 10000 亩"]);
  });
});

describe("round 7d full texts, target forms (tests/data/unseen7d)", () => {
  it("after 分别, a comparator after the last figure of a list holds for each (河北 2023 企业上市)", () => {
    expect(tg("新增审核期、辅导期企业数量分别同比增长10%、20%以上。")).toEqual([">= 10 - %", ">= 20 - %"]);
    expect(tg("每年向专板孵化层、规范层和培育层分别推送企业200家、100家和50家以上")).toEqual([">= 200 - 家", ">= 100 - 家", ">= 50 - 家"]);
    // without 分别 a list of bands keeps each figure's own comparator
    expect(tg("坡度按小于10%、10%至20%、20%以上三档着色")).toEqual(["< - 10 %", "range 10 20 %", ">= 20 - %"]);
    expect(tg("培育10家、20家以上")).toEqual(["= 10 10 家", ">= 20 - 家"]);
  });
  it("兆帕 is a measure word (河北 2023 钢铁 '500兆帕以上热轧带肋钢筋'; 税则 73181510 '抗拉强度在800兆帕及以上')", () => {
    expect(tg("鼓励线棒材生产企业开展500兆帕以上热轧带肋钢筋的研发生产")).toEqual([">= 500 - 兆帕"]);
    expect(tg("其他螺钉及螺栓：抗拉强度在800兆帕及以上")).toEqual([">= 800 - 兆帕"]);
  });
  it("a magnitude of money before 产值 after a comparator is the goal, not an intensity's base (河北 2023 电子信息)", () => {
    expect(tg("石家庄、廊坊瞄准通信设备与系统等产业持续发力,率先突破千亿元产值,成为引领区")).toEqual(["> 100000000000 - 元"]);
    expect(tg("万元GDP能耗下降2.5%")).toEqual(["= 2.5 2.5 %"]);
    expect(tg("百万元产值能耗")).toEqual([]);
  });
});

describe("a comparator before a list ending in 和 (reviewed in session 31)", () => {
  it("governs each figure (上海 2020 农村公路 unseen11h3, 上海 2024 交通 精细化管理 unseen12a, 河北 2023 技术创新 unseen9d)", () => {
    expect(tg("县道和乡村道年均养护工程比例分别不低于13%和8%")).toEqual([">= 13 - %", ">= 8 - %"]);
    expect(tg("中心城区和其他地区建设智慧道路停车场的比例分别达到80%和50%。")).toEqual([">= 80 - %", ">= 50 - %"]);
    expect(tg("分别一次性给予每人不少于10万元和5万元奖励。")).toEqual([">= 100000 - 元", ">= 50000 - 元"]);
  });
});

describe("a bare 亿 of registrations (round 7c)", () => {
  it("counts identifiers (北京 2023 '累计标识注册量1262亿')", () => {
    expect(tg("累计标识注册量1262亿")).toEqual(["= 126200000000 126200000000 null"]);
  });
});

describe("round 7e full texts, target forms (tests/data/unseen7e)", () => {
  it("(含5个) after 以上 restates the bound (河北 2023 铸造和锻压)", () => {
    expect(tg("带动5个以上(含5个)本地市场主体协作配套")).toEqual([">= 5 - 个"]);
    expect(tg("营业收入增长25%以上（含，下同）")).toEqual([">= 25 - %"]);
  });
  it("a list whose last figure is a class makes each a class (河北 2023 清洁能源装备 '向10亿、50亿、100亿级目标跃升')", () => {
    expect(tg("推动企业向10亿、50亿、100亿级目标跃升")).toEqual([]);
    expect(tg("培育10家、20家龙头企业")).toEqual(["= 10 10 家", "= 20 20 家"]);
    // a figure with its own measure word before a class in the list stays a count (丽水 2023)
    expect(tg("力争引进20亿级项目不少于12个、50亿级项目不少于2个")).toEqual([">= 12 - 个", ">= 2 - 个"]);
  });
  it("a level before 级 counts when compared; a rate unit 吨/小时 (河北 2023 铸造和锻压; 蒸吨/小时 of the 2013 燃煤锅炉 goal)", () => {
    expect(tg("对铸锻企业智能制造成熟度达到2级以上的，优先推荐申报")).toEqual([">= 2 - 级"]);
    expect(tg("省市县三级联动")).toEqual([]);
    expect(tg("建设3级医院5家")).toEqual(["= 5 5 家"]);
    expect(tg("鼓励铸造行业冲天炉（10吨/小时及以下）改为电炉")).toEqual(["<= - 10 吨/小时"]);
    expect(tg("基本淘汰10蒸吨/小时及以下燃煤锅炉")).toEqual(["<= - 10 蒸吨/小时"]);
    expect(tg("年产10吨")).toEqual(["= 10 10 吨"]);
  });
  it("a plenary session's number is no count (河北 2023 '省委十届三次全会')", () => {
    expect(tg("认真落实省委十届三次全会和省委经济工作会议部署")).toEqual([]);
    expect(tg("每年开展3次检查")).toEqual(["= 3 3 次"]);
  });
});

describe("round 8c full texts, target forms (tests/data/unseen8c)", () => {
  it("由/从 a base year's figure: the starting figure is no target; a per-area unit 立方米/公顷 (河北 2024 塞罕坝)", () => {
    expect(tg("单位面积森林蓄积量由2021年的135立方米/公顷增加到142立方米/公顷")).toEqual(["= 142 142 立方米/公顷"]);
    expect(tg("森林湿地资产总价值由2021年的231亿元提高到237亿元")).toEqual(["= 23700000000 23700000000 元"]);
    expect(tg("森林覆盖率由82%提高到84%")).toEqual(["= 84 84 %"]);
    // a year's figure without 由/从 before it stays a target
    expect(tg("2021年的135立方米/公顷")).toEqual(["= 135 135 立方米/公顷"]);
  });
  it("行政执法三项制度 is a term, no count (河北 2023 行政执法质量)", () => {
    expect(tg("持续巩固深化行政执法三项制度成效")).toEqual([]);
    expect(tg("深化国有企业劳动、人事、分配三项制度改革")).toEqual([]);
    expect(tg("制定三项标准")).toEqual(["= 3 3 项"]);
  });
  it("a bare 万 figure right before the people it counts is a count, unit null (河北 2024 民生工程; 鹤山 '6万中小学生齐学咏春')", () => {
    expect(tg("组织开展全省1160万中小学生脊柱侧弯筛查")).toEqual(["= 11600000 11600000 null"]);
    expect(tg("组织6万中小学生齐学咏春")).toEqual(["= 60000 60000 null"]);
    expect(tg("安排2亿学生资助资金")).toEqual([]);
  });
});

describe("round 8b target forms (tests/data/unseen8b, 广州 2012)", () => {
  it("每 before a bare magnitude of people is a rate's base; 一半 compared is 0.5; quoted names in a programme's name", () => {
    expect(tg("每百万人口年发明专利授权量达350件")).toEqual([">= 350 - 件"]);
    expect(tg("每名干部联系10人")).toEqual(["= 10 10 人"]);
    expect(tg("领导班子中50岁以下的成员应超过一半")).toEqual(["> 0.5 - null"]);
    expect(tg("占比达到一半以上")).toEqual([">= 0.5 - null"]);
    expect(tg("化肥用量减少一半")).toEqual([]);
    expect(tg("实施千名博士引进工程和千名优秀年轻干部“引进来”、“走出去”工程")).toEqual([]);
    expect(tg("培训千名“新农人”、“新工匠”")).toEqual(["= 1000 1000 名"]);
  });
  it("a currency other than 元 is its own unit, the magnitude applied (常熟 2018 '到位注册外资6亿美元')", () => {
    expect(tg("到位注册外资6亿美元")).toEqual(["= 600000000 600000000 美元"]);
    expect(tg("出口额1.5亿美元以上")).toEqual([">= 150000000 - 美元"]);
    expect(tg("补助10万元")).toEqual(["= 100000 100000 元"]);
  });
});
