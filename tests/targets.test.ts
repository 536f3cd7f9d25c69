// Numeric targets: money, counts, ratios and time limits (other notations, comparators, measure words, what
// is not a target and the blind rounds' forms: target-forms.test.ts).
import { describe, it, expect } from "vitest";
import { extractTargets } from "../extract/fields/targets.ts";
import { tg } from "./helpers/compact.ts";

describe("money (seed sentences)", () => {
  it("达 5000 万元, with text and metric", () => {
    expect(extractTargets("2.设立攀枝花市科技信贷风险补偿资金,建立科技银行。科技信贷额度达 5000 万元。")).toEqual([
      { text: "科技信贷额度达 5000 万元", metric: "科技信贷额度", comparator: ">=", min: 50000000, max: null, unit: "元" },
    ]);
  });
  it("不低于30亿元 with the noun after the figure", () => {
    const out = extractTargets("2.人行绵阳市中心支行3年内提供不低于30亿元再贷款、再贴现专用额度定向支持市商行、市农商行增加科创企业信贷供给。");
    expect(out.map((t) => `${t.comparator} ${t.min ?? "-"} ${t.max ?? "-"} ${t.unit}`)).toEqual(["<= - 3 年", ">= 3000000000 - 元"]);
    expect(out[1].metric).toBe("再贷款、再贴现专用额度");
  });
  it("从2.2亿元扩大到2.5亿元 is one target of exactly 250000000", () => {
    const out = extractTargets("10.将市级贷款风险补偿基金总规模从2.2亿元扩大到2.5亿元。");
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ comparator: "=", min: 250000000, max: 250000000, unit: "元" });
  });
  it("以下 / ranges with the unit on the second figure", () => {
    expect(tg("按照企业年营业收入分类确定支持对象收入2000万元以下为初创企业;收入2000万元-1亿元成长期企业;收入1-5亿元快速发展期企业。")).toEqual([
      "<= - 20000000 元",
      "range 20000000 100000000 元",
      "range 100000000 500000000 元",
    ]);
  });
  it("(含)以内 / 至 / 以上", () => {
    expect(
      tg("资料齐备的情况下,申请金额200万元(含)以内的,5个工作日内审批完成;申请金额200万元至500万元(含)的,7个工作日内审批完成;申请金额500万元以上的,15个工作日内审批完成。"),
    ).toEqual([
      "<= - 2000000 元",
      "<= - 5 工作日",
      "range 2000000 5000000 元",
      "<= - 7 工作日",
      ">= 5000000 - 元",
      "<= - 15 工作日",
    ]);
  });
  it("不超过 / 最高不超过 / plain figures", () => {
    expect(tg("对通过境内外主要资本市场申请首次公开发行股票上市融资企业,市财政给予不超过500万元奖励。")).toEqual(["<= - 5000000 元"]);
    expect(tg("按其实际投资总额的 3‰给予基金管理机构一次性奖励补助,单支创投基金补助总额最高不超过20万元。")).toEqual([
      "= 3 3 ‰",
      "<= - 200000 元",
    ]);
    expect(tg("17.发起设立2亿元的政府引导类创业投资引导基金,重点投资初创期、成长期的科创企业和科技成果转化项目。")).toEqual([
      "= 200000000 200000000 元",
    ]);
  });
  it("超过 / 新增 (seed)", () => {
    expect(tg("4.拓宽科技企业直接融资渠道。力争全市新增上市或挂牌企业 2~3 家;新增直接融资额度超过 1 亿元。")).toEqual([
      "range 2 3 家",
      "> 100000000 - 元",
    ]);
    const out = extractTargets("力争2024—2026年,全县科技型中小企业贷款增速高于各项贷款平均增速,科创类贷款新增50亿元");
    expect(out).toEqual([
      { text: "科创类贷款新增50亿元", metric: "科创类贷款", comparator: "=", min: 5000000000, max: 5000000000, unit: "元" },
    ]);
  });
  it("a figure qualified by a preceding time span: only the money counts", () => {
    expect(tg("对科创企业融资匹配专项信贷规模(3年不低于60亿元)、专门信贷人员")).toEqual([">= 6000000000 - 元"]);
    expect(tg("两家银行各保障3年总额不低于60亿元的信贷规模用于投放科创企业贷款。")).toEqual(["= 2 2 家", ">= 6000000000 - 元"]);
  });
});

describe("money (new sentences)", () => {
  it("decimal amounts are exact", () => {
    expect(tg("新增贷款不少于 1.5 亿元")).toEqual([">= 150000000 - 元"]);
    expect(tg("规模达到2.2亿元")).toEqual([">= 220000000 - 元"]);
    expect(tg("贴息0.3亿元,补助1.23万元,授信3.5千万元")).toEqual([
      "= 30000000 30000000 元",
      "= 12300 12300 元",
      "= 35000000 35000000 元",
    ]);
    const [t] = extractTargets("基金规模扩大到2.5亿");
    expect(t.min).toBe(250000000);
    expect(Number.isInteger(t.min)).toBe(true);
  });
  it("元, thousands separators, full-width digits", () => {
    expect(tg("每户补助资金100元")).toEqual(["= 100 100 元"]);
    expect(tg("授信额度1,000万元")).toEqual(["= 10000000 10000000 元"]);
    expect(tg("贷款规模１０００万元")).toEqual(["= 10000000 10000000 元"]);
  });
  it("ranges with 至 / - / 到 and a magnitude only on the second figure", () => {
    expect(tg("单笔贷款300万元至1000万元")).toEqual(["range 3000000 10000000 元"]);
    expect(tg("授信额度2000万元-1亿元")).toEqual(["range 20000000 100000000 元"]);
    expect(tg("投资3-5亿元")).toEqual(["range 300000000 500000000 元"]);
  });
  it("comparators before and after", () => {
    expect(tg("贷款增速高于20%")).toEqual(["> 20 - %"]);
    expect(tg("不良率低于2%")).toEqual(["< - 2 %"]);
    expect(tg("覆盖率达到90%以上")).toEqual([">= 90 - %"]);
    expect(tg("担保费率最低0.5%")).toEqual([">= 0.5 - %"]);
    expect(tg("单户贷款最多500万元")).toEqual(["<= - 5000000 元"]);
    expect(tg("奖励资金不高于50万元")).toEqual(["<= - 500000 元"]);
    expect(tg("力争引进基金100亿元")).toEqual(["= 10000000000 10000000000 元"]);
  });
  it("a comparator a few words before the figure", () => {
    expect(tg("给予不超过平台建设总投入的30%、最高2000万元的资助")).toEqual(["<= - 30 %", "<= - 20000000 元"]);
    expect(extractTargets("给予不超过平台建设总投入的30%")[0].metric).toBe("平台建设总投入");
    expect(tg("每家单位最高补贴100万元")).toEqual(["<= - 1000000 元"]);
    expect(tg("支持金额最高可至3000万元")).toEqual(["<= - 30000000 元"]);
    expect(tg("对超过规定期限的企业给予10万元")).toEqual(["= 100000 100000 元"]);
  });
  it("不得低于 / 不得超过 / 左右", () => {
    expect(tg("比例不得低于80%,费用不得超过1%")).toEqual([">= 80 - %", "<= - 1 %"]);
    expect(tg("培育科技型企业100家左右")).toEqual(["= 100 100 家"]);
    expect(tg("引进研发机构达到50家左右")).toEqual([">= 50 - 家"]);
  });
  it("从…增加到… keeps only the end figure", () => {
    expect(tg("合作银行从3家增加到5家")).toEqual(["= 5 5 家"]);
  });
});

describe("counts", () => {
  it("measure words and ranges (seed)", () => {
    expect(tg("3.培育科技担保、科技保险市场。开展科技担保业务的担保公司达到 1~2 家,开发 1~2 个科技保险险种。")).toEqual([
      "range 1 2 家",
      "range 1 2 个",
    ]);
    expect(tg("5.建立比较有效的知识产权质押融资中介服务体系,引进1-2 家知识产权评估、评价和融资服务机构。")).toEqual(["range 1 2 家"]);
    expect(tg("1.力争设立 1 家科技支行,1~2 家商业银行开展科技信贷业务,科技信贷额度超过 2000 万元。")).toEqual([
      "= 1 1 家",
      "range 1 2 家",
      "> 20000000 - 元",
    ]);
    expect(tg("成员由市科技和知识产权局等 16 家单位领导组成")).toEqual(["= 16 16 家"]);
    expect(tg("18. 积极引进培育不少于3家知名天使投资、风险投资(创业投资)、私募股权投资等投资管理机构进入绵阳科创领域。")).toEqual([
      ">= 3 - 家",
    ]);
  });
  it("Chinese numerals (seed)", () => {
    const out = extractTargets("市农商行在科技型企业金融服务中心临园支行和长兴支行各设立两个专营业务窗口,配备11名专职客户经理。两家银行均设置科创企业首贷服务中心");
    expect(out.map((t) => `${t.comparator} ${t.min} ${t.unit} ${t.metric}`)).toEqual([
      "= 2 个 专营业务窗口",
      "= 11 名 专职客户经理",
      "= 2 家 银行",
    ]);
    expect(tg("进度安排:3月份联合尽调五家企业,并完成尽调报告;6月份之前完成本项目落地投资一单。")).toEqual(["= 5 5 家"]);
    expect(tg("制定对科技型中小企业财政补贴、对中介机构奖励补助、对银行奖励补贴等三个方面扶持政策")).toEqual(["= 3 3 个"]);
    expect(tg("加大三支贷款风险补偿基金运行绩效评价")).toEqual(["= 3 3 支"]);
  });
  it("Chinese numerals and other measure words (new)", () => {
    expect(tg("培育十五家科技型企业,选派二十名金融专员,对接两所高校")).toEqual(["= 15 15 家", "= 20 20 名", "= 2 2 所"]);
    expect(tg("每年举办不少于200人的培训,走访超过100户,年内评审最多3次,推出十项产品,发放五笔贷款,认定两批名单")).toEqual([
      ">= 200 - 人",
      "> 100 - 户",
      "<= - 3 次",
      "= 10 10 项",
      "= 5 5 笔",
      "= 2 2 批",
    ]);
    expect(tg("五～八家企业")).toEqual(["range 5 8 家"]);
    expect(tg("新增 5~8 家")).toEqual(["range 5 8 家"]);
  });
});

describe("ratios", () => {
  it("% and 个百分点 and ‰ (seed)", () => {
    expect(tg("4.市商行、市农商行两家机构向全市科创中小微企业发放的贷款,实际平均贷款利率应不高于6%。")).toEqual([
      "= 2 2 家",
      "<= - 6 %",
    ]);
    expect(tg("提高试点机构对科创企业不良贷款容忍度至3%。市农商行提升对科创企业贷款的容忍度至5%")).toEqual(["= 3 3 %", "= 5 5 %"]);
    expect(
      tg("在市农商行申请科创企业信用、保证类贷款利率最低可执行5.15%,知识产权及应收账款质押类贷款利率最低可执行4.9%,抵押类贷款利率最低可执行4.5%"),
    ).toEqual([">= 5.15 - %", ">= 4.9 - %", ">= 4.5 - %"]);
    expect(tg("给予科创中小微企业不超过10%的贷款贴息。")).toEqual(["<= - 10 %"]);
    expect(tg("我县对购买科技成果先用后转项目保险产品的企业按保费80%予以补助")).toEqual(["= 80 80 %"]);
    const [pp] = extractTargets("小微型科技企业不良贷款容忍度可较各项贷款不良率提高不超过3个百分点,明确授信尽职免责相关规定");
    expect(pp).toMatchObject({ comparator: "<=", min: null, max: 3, unit: "个百分点" });
  });
  it("new ratio sentences", () => {
    expect(tg("贷款增速提高2个百分点")).toEqual(["= 2 2 个百分点"]);
    expect(tg("风险补偿比例5‰")).toEqual(["= 5 5 ‰"]);
    expect(tg("不良率控制在3％以内")).toEqual(["<= - 3 %"]);
  });
});

describe("time limits", () => {
  it("工作日 always counts (seed)", () => {
    expect(tg("授信额度范围内资料符合放款条件的,申请1000万元以下的3个工作日内办结,申请1000万元以上的7个工作日内办结。")).toEqual([
      "<= - 10000000 元",
      "<= - 3 工作日",
      ">= 10000000 - 元",
      "<= - 7 工作日",
    ]);
    expect(tg("资料齐备的情况下,1-2个工作日实现资金到账。")).toEqual(["range 1 2 工作日"]);
  });
  it("年 with 内 / 及以上 / 最高可达 (seed)", () => {
    expect(tg("①企业在绵注册、纳税,具有独立法人资格,注册成立1年及以上的企业。")).toEqual([">= 1 - 年"]);
    expect(tg("对被取消资格的企业,三年内不再纳入名单。")).toEqual(["<= - 3 年"]);
    expect(tg("力争3年内投贷总额不少于10亿元")).toEqual(["<= - 3 年", ">= 1000000000 - 元"]);
    const [t] = extractTargets("为科技创新提供中长期资金支持,对科技企业流动资金贷款期限最高可达5年。");
    expect(t).toMatchObject({ metric: "科技企业流动资金贷款期限", comparator: "<=", max: 5, unit: "年" });
  });
  it("年 / 个月 / 天 without a comparator are not targets (seed)", () => {
    expect(tg("④投后管理:投后管理6个月一个周期,如因企业基本面发生重大变化或者项目投资已到期,可有各方发起尽调,尽调需提前6个月进行。")).toEqual([]);
    expect(tg("知识产权质押融资试点工作于2016年1月正式启动,2018年12月结束,试点期为3年。")).toEqual([]);
  });
  it("new time-limit sentences", () => {
    expect(tg("30天内完成整改")).toEqual(["<= - 30 天"]);
    expect(tg("期限不超过6个月")).toEqual(["<= - 6 个月"]);
    expect(tg("经营5年以上的企业")).toEqual([">= 5 - 年"]);
    expect(tg("两年内不得申报")).toEqual(["<= - 2 年"]);
    expect(tg("审批时间压缩至10个工作日")).toEqual(["= 10 10 工作日"]);
    expect(tg("服务期满5年")).toEqual([]);
  });
});
