// The written forms of docs/labelling.md's catalogue that round 14a found (tests/data/unseen14a: whole 上海 town and street-office
// texts, labelled by hand before the extractor ran on them), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";
import { measure } from "./helpers/forms.ts";
import { repairText } from "../extract/structure/repair.ts";
import { buildOutline } from "../extract/structure/outline.ts";
import { extractTargets } from "../extract/fields/targets.ts";
import { parseSentence } from "../extract/parse.ts";

const UNSEEN14A = join(import.meta.dirname, "data", "unseen14a");
const unseen14a = async (name: string) => (await extractFile(join(UNSEEN14A, `${name}.txt`))).document;
const JINHUI = "shanghai-fengxian-jinhui-2019-xiaoxing-jianshe-gongcheng-xiangmu-guanli-shishi-yijian";
const PUJIANG = "shanghai-minhang-pujiang-2021-xiane-yixia-xiaoxing-jianshe-gongcheng-guanli-shishi-yijian";
const ZICHAN = "shanghai-baoshan-wusong-2024-jingyingxing-zichan-zulin-guanli-ruogan-yijian";
const paths = (text: string) => {
  const out: string[] = [];
  const walk = (n: { path: string; children: any[] }) => { out.push(n.path); n.children.forEach(walk); };
  buildOutline(repairText(text).text).roots.forEach(walk);
  return out;
};

describe("round 14a forms (tests/data/unseen14a, labelled blind)", () => {
  it("a label numbered 2 or more of a kind no open item has is the sibling of the lower-ranked open item (its first left out)", async () => {
    // 金汇镇 三: "1、…5、" straight under 三 (no "(一)"), then "(二)项目信息报送管理 / 1、…", "(三)…" … "(七)"
    const d = await unseen14a(JINHUI);
    const p = d.measures.map((m) => m.path);
    expect(p).toContain("三/5");
    expect(p).toContain("三/(二)/1");
    expect(p).toContain("三/(三)/1");
    expect(p).toContain("三/(七)");
    expect(p.some((x) => x.includes("#"))).toBe(false);
    expect(measure(d, "三/(三)/1").units.map((u) => `${u.role}:${u.name}`)).toEqual(["lead:项目办"]);
    // 绵阳 2022 金融十条 (corpus/): "3.… / 实施路径:(1)… / ①… / ④… / (2)建立尽职免责机制。" — the (1) is run into a field line
    expect(paths("二、支持措施\n3.推动产品创新\n实施路径:(1)市商行形成产品\n①办理流程一\n④办理流程四\n(2)建立尽职免责机制。市商行…")).toEqual([
      "二", "二/3", "二/3/①", "二/3/④", "二/3/(2)",
    ]);
    // a list starting at (1) under 1. still nests
    expect(paths("一、总则\n1.范围\n(1)甲\n(2)乙")).toEqual(["一", "一/1", "一/1/(1)", "一/1/(2)"]);
  });

  it("a sentence broken before a figure goes on on the next line", () => {
    // 金汇镇 三/3 "镇政府审批通过后，投资总额在100万元(含100万)以上" / "400万元以下(不含400万元)的小型建设项目由项目办…"
    expect(repairText("3、镇政府审批通过后，投资总额在100万元(含100万)以上\n\n400万元以下(不含400万元)的小型建设项目由项目办按照有关规定向区发改委立项报批。").text)
      .toBe("3、镇政府审批通过后，投资总额在100万元(含100万)以上400万元以下(不含400万元)的小型建设项目由项目办按照有关规定向区发改委立项报批。");
    // 成都 2022 (tests/data/unseen6): "…重点工作任务细化为" / "448项具体工作,并明确了牵头单位和责任单位等。"
    expect(repairText("除了此前公布的十大民生实事外,成都将2022年全市经济社会发展主要预期目标和重点工作任务细化为\n448项具体工作,并明确了牵头单位和责任单位等。").text.split("\n")).toHaveLength(1);
    // a heading over a sentence opening with a year, a cell over a cell: not joined
    expect(repairText("四、按时准确报送信息\n2024年项目继续采用“全国教师管理信息系统”收集选派教师信息，请各地按时报送。").text.split("\n")).toHaveLength(2);
    expect(repairText("月浦（原盛桥除外）小高层层次价格表，单位元\n3300元/平方米").text.split("\n")).toHaveLength(2);
  });

  it("a 第N部分 line is a part heading: its items are no children of the item before it, and the top numbering goes on after them", async () => {
    // 浦江镇: "六、工程款支付 / … / 第二部分：事前事中事后监管 / （一）… / l、… / 2、… / 3、… / （二）… / 七、实施时间和使用期限 / 1、…"
    const d = await unseen14a(PUJIANG);
    const p = d.measures.map((m) => m.path);
    expect(p).toEqual(expect.arrayContaining(["六", "(一)/1", "(一)/2", "(一)/3", "(二)", "七/1", "七/2", "七/3"]));
    expect(p.some((x) => x.startsWith("六/") || x.startsWith("(二)/"))).toBe(false);
    expect(measure(d, "六").units).toEqual([]);
    expect(measure(d, "(一)/2").units.map((u) => `${u.role}:${u.name}`)).toEqual(["lead:平安建设办"]);
  });

  it("a Latin l numbering the first of a run 1、2、3 is the label 1", () => {
    // 浦江镇 (一): "l、完善发现机制。…" / "2、依法快速处置。…" / "3、规范建设程序。…"
    expect(repairText("l、完善发现机制。巡查范围：镇域范围内。\n2、依法快速处置。对巡查中发现的违法违规建设行为。").text.split("\n")[0]).toBe("1、完善发现机制。巡查范围：镇域范围内。");
    // not a Latin word opening a line, nor an l with no 2 after it
    expect(repairText("l、r 分别是将要放下一个的位置。\n其后另起一段。").text.split("\n")[0]).toBe("l、r 分别是将要放下一个的位置。");
  });

  it("受…委托 between a body and its 负责 is read over", () => {
    // 金汇镇 三/(三)/2 "使用镇级政府性资金的小型建设工程，镇招投标工作小组受镇领导小组委托负责招标投标过程的监管;…由区招标办负责…"
    const r = parseSentence("使用镇级政府性资金的小型建设工程，镇招投标工作小组受镇领导小组委托负责招标投标过程的监管;使用市、区级政府性资金的建设工程，由区招标办负责招标投标过程的监管", "2019-04-03");
    expect(r.units.map((u) => `${u.role}:${u.name}`)).toEqual(["responsible:镇招投标工作小组", "responsible:区招标办"]);
  });

  it("a bare 万 amount closed by 及以上 is money", async () => {
    // 吴淞街道 经营性资产 四/(四) "①单次租赁建筑面积在300平方米及以上的或年租金20万及以上的；"
    const d = await unseen14a(ZICHAN);
    const t = measure(d, "四/(四)").targets.map((x) => `${x.comparator}${x.min}${x.unit}`);
    expect(t).toEqual([">=300平方米", ">=200000元"]);
    // a car-loan page on GitHub: "贷款金额35万及以上的，需办理抵押"
    expect(extractTargets("贷款金额35万及以上的，需办理抵押").map((x) => `${x.comparator}${x.min}${x.unit}`)).toEqual([">=350000元"]);
  });

  it("a (含…) gloss between a figure and 以上/以下 restates the bound: the word after it bounds the figure", async () => {
    // 金汇镇 三/3 "镇政府审批通过后，投资总额在100万元(含100万)以上" / "400万元以下(不含400万元)的小型建设项目…"
    const d = await unseen14a(JINHUI);
    const t = measure(d, "三/3").targets.map((x) => `${x.comparator}${x.min}/${x.max}${x.unit}`);
    expect(t).toEqual(["range1000000/4000000元"]);
    // 上海 2024 事故统计 (tests/data/unseen13h) "直接经济损失100万元（含100万元，不含事故赔偿费用）以上"
    expect(extractTargets("直接经济损失100万元（含100万元，不含事故赔偿费用）以上").map((x) => `${x.comparator}${x.min}${x.unit}`)).toEqual([">=1000000元"]);
  });

  it("a town speaking of itself (我镇) is a town's own text: its district is the county it names most, its bare offices as written", async () => {
    // 浦江镇: no issuer, no signer; "结合我镇实际", "上海市闵行区公共资源交易网"; "由平安建设办牵头相关部门开展联合整治"
    const d = await unseen14a(PUJIANG);
    expect(d.region).toEqual({ province: "上海市", city: "上海市", county: "闵行区" });
    expect(measure(d, "(一)/2").units.map((u) => `${u.role}:${u.canonical}`)).toEqual(["lead:平安建设办"]);
    // 山阳镇 2022 (tests/data/unseen13d): "结合我镇实际" beside two "本市…" quoting the city's rules; its district 金山区
    const s = (await extractFile(join(import.meta.dirname, "data", "unseen13d", "shanghai-jinshan-shanyang-2022-jianshe-yongdi-jianlianghua-buchang-zhidaoxing-yijian.txt"))).document;
    expect(s.region).toEqual({ province: "上海市", city: "上海市", county: "金山区" });
  });

  it("a level in Chinese numerals after a comparator is a target (两级 tiers with none stay none)", () => {
    // 吴淞街道 经营性资产 四/(二) "且租赁关系不得超过两级"; a referral rule on GitHub "单笔订单的推广计酬不得超过两级"
    expect(extractTargets("且租赁关系不得超过两级。").map((x) => `${x.comparator}${x.max}${x.unit}`)).toEqual(["<=2级"]);
    expect(extractTargets("单笔订单的推广计酬不得超过两级").map((x) => `${x.comparator}${x.max}${x.unit}`)).toEqual(["<=2级"]);
    expect(extractTargets("笔试由省、市两级教育行政部门共同组织实施")).toEqual([]);
    expect(extractTargets("严禁夜间在达不到安全通行条件的三级及以下山区公路通行")).toEqual([]);
  });
});
