// The written forms of docs/labelling.md's catalogue that the blind rounds found (tests/data/unseen2 …
// unseen6c: sets labelled by hand before the extractor ran on them), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { repairText } from "../extract/structure/repair.ts";
import { extractDocument } from "../extract/document.ts";
import { regionFromBody } from "../extract/fields/regions.ts";
import { extractFile } from "./helpers/extract.ts";
import { parseSentence } from "../extract/parse.ts";
import { measure, roles, UNSEEN, units } from "./helpers/forms.ts";

const UNSEEN2 = join(UNSEEN, "..", "unseen2");
const unseen2 = async (name: string) => (await extractFile(join(UNSEEN2, `${name}.txt`))).document;
const doc = (text: string) => extractDocument({ text, format: "txt", pages: null }, "x.txt").document;

describe("session 23 round 2 forms (tests/data/unseen2, labelled blind)", () => {
  it("numbered wrapper points, a signature, then the enclosed document restarting at 一 (武汉 2018)", async () => {
    const d = await unseen2("wuhan-2018-shengbaogao-fenjie");
    expect(d.measures.map((m) => m.path)).toEqual(["一/(一)/1", "一/(一)/2", "一/(一)/3"]);
    expect(measure(d, "一/(一)/1").units.slice(0, 2).map((u) => `${u.role}:${u.canonical}`)).toEqual(["lead:武汉市财政局", "coop:武汉市发展改革委"]);
    expect(measure(d, "一/(一)/1").deadlines).toEqual([]); // the wrapper's 3月9日前 is no measure's
    // 蔡甸 蔡政办〔2023〕1号 (武汉 蔡甸区, https://www.caidian.gov.cn/zwgk/zc/zfwj/qzfbgwj/202302/t20230208_2147809.shtml), as printed
    const x = doc("区人民政府办公室关于印发2023年区《政府工作报告》确定的主要目标任务责任分解方案的通知\n各街道办事处、乡人民政府,区人民政府各部门、各直属机构:\n2023年《区〈政府工作报告〉确定的主要目标任务责任分解方案》已报经区人民政府同意,现印发给你们,并就有关事项通知如下:\n一、各责任单位要高度重视,切实加强领导,对照2023年区《政府工作报告》确定的目标任务,制订工作方案,明确责任,明确措施,明确时间节点,狠抓落实,并于2023年1月15日前将工作方案报区人民政府办公室。\n二、区绩效考评机构要将2023年区《政府工作报告》确定的重要目标任务,纳入绩效管理考核范围,细化考核内容,加强过程考核,确保各项工作落到实处。\n三、从2023年第一季度开始,各责任单位要在每季度最后一个月的30日前将本季度落实各项工作目标任务进展情况报区人民政府办公室,区人民政府办公室将对各项工作目标任务的落实情况进行全程跟踪督办,并适时通报有关办理落实情况。\n蔡甸区人民政府办公室\n2023年1月3日\n2023年区《政府工作报告》确定的主要目标任务责任分解方案\n一、2023年全区经济社会发展的主要预期目标\n(一)地区生产总值增长7%以上\n责任单位:区发展和改革局\n(二)规上工业增加值增长12%以上\n责任单位:区科技和经信局");
    expect(x.measures.map((m) => m.path)).toEqual(["一/(一)", "一/(二)"]);
    expect(x.measures[0].units.map((u) => u.canonical)).toEqual(["蔡甸区发展和改革局"]);
    // without a signature and a title line the points stay the document's own (华容)
    expect(doc("通知如下：\n一、强化责任落实。各单位要落实。\n二、细化工作方案。于2021年3月15日前报送。").measures.map((m) => m.path)).toEqual(["一", "二"]);
  });

  it("an unnumbered sub-heading between a heading and its items; N个方面主要工作 counts the document's parts (咸安 2023, 湖北 2017)", async () => {
    const d = await unseen2("xianan-2023-zhongdian-renwu-fenjie");
    expect(d.measures.map((m) => m.path).slice(-2)).toEqual(["二/(一)/12", "二/(一)/13"]);
    expect(measure(d, "二/(一)/12").units.map((u) => `${u.role}:${u.name}`).slice(0, 2)).toEqual(["lead:区交通运输局", "coop:区发改局"]);
    // the district is named only in a city bureau's branch there ("市生态环境局咸安分局")
    expect(d.region).toEqual({ province: "湖北省", city: "咸宁市", county: "咸安区" });
    expect(measure(d, "一/1").units[0].canonical).toBe("咸安区发改局");
    // 湖北 2017 省《政府工作报告》重点工作责任分解 (a traditional-character copy): the sub-heading ends with 。
    const hb = doc("一、2017年經濟社會發展的主要任務\n(一)堅定不移保持經濟平穩健康發展\n精準擴大有效投資。\n1.強化產業項目建設,重點抓好國家存儲器基地等項目建設。");
    expect(hb.measures.map((m) => m.path)).toEqual(["一/(一)/1"]);
    // a paragraph of its own still makes the heading a measure
    expect(doc("(一)做强增长引擎\n各部门要加强协调,形成合力。\n1.启动公路建设。").measures.map((m) => m.path)).toEqual(["(一)"]);
    const { extractTargets } = await import("../extract/fields/targets.ts");
    expect(extractTargets("2023年七个方面主要工作安排")).toEqual([]);
    expect(extractTargets("制定对银行的奖励和补贴等三个方面扶持政策").map((t) => t.min)).toEqual([3]); // 攀枝花: a count of policies
  });

  it("an assignment bracket cut at the source keeps only whole names (武汉 2018 一/(一)/3)", async () => {
    const d = await unseen2("wuhan-2018-shengbaogao-fenjie");
    expect(measure(d, "一/(一)/3").units).toEqual([]);
    expect(units("3.加强管理。(牵头单位:市人社局;责任单位:市财政局")).toEqual(["lead:市人社局", "coop:市财政局"]);
  });

  it("an enclosed title holding 《》 of its own; a 文号 before the headline on its line (武汉 2018, 山西 晋政办发〔2017〕55号)", async () => {
    expect((await unseen2("wuhan-2018-shengbaogao-fenjie")).title).toBe("2018年省《政府工作报告》涉及我市工作任务责任分解方案");
    const d = await unseen2("shanxi-2017-zhongbu-jueqi-gongzuo");
    expect([d.title, d.issuer, d.docNumber]).toEqual(["山西省贯彻落实《促进中部地区崛起“十三五”规划》工作方案", "山西省人民政府办公厅", "晋政办发〔2017〕55号"]);
  });

  it("a 批转 notice's forwarded title; a signature date in Chinese numerals; a page's 时间: line (甘肃 甘政发〔2012〕53号)", async () => {
    const d = await unseen2("gansu-2012-jingji-tizhi-gaige");
    expect([d.title, d.issuer, d.issuedDate, d.publishedDate]).toEqual(["甘肃省2012年经济体制改革重点工作意见", "甘肃省人民政府", "2012-04-28", "2012-04-28"]);
    // the Chinese-numeral date form of the deadline catalogue ("二○○六年四月二十日") signs a notice too
    expect(doc("某某市人民政府关于印发某某实施方案的通知\n某某市人民政府\n二○○六年四月二十日\n一、总体要求\n加强领导。").issuedDate).toBe("2006-04-20");
  });

  it("a news copy naming the issuers and the 《title》 it prints in full (重庆 2023)", async () => {
    const d = await unseen2("chongqing-2023-quxiancheng-chengzhenhua");
    expect([d.title, d.issuer, d.region.province]).toEqual(["重庆市推进以区县城为重要载体的城镇化建设实施方案", "中共重庆市委办公厅", "重庆市"]);
  });

  it("a bracketed note above the enclosed title is not its first line (九江 2024 \"(此件主动公开)\")", async () => {
    const d = await unseen2("jiujiang-2024-xiandaihua-chanye-tixi");
    expect([d.title, d.issuedDate, d.region.city]).toEqual(["深入学习贯彻习近平总书记考察江西重要讲话精神加快构建现代化产业体系的工作方案", "2024-02-08", "九江市"]);
  });
});

// Forms found by the blind check on tests/data/unseen3 (session 23 round 3), each on its real text.
const UNSEEN3 = join(import.meta.dirname, "data/unseen3");
const unseen3 = async (name: string) => (await extractFile(join(UNSEEN3, `${name}.txt`))).document;

describe("forms from the blind unseen3 set", () => {
  it("items numbered 1﹒ (U+FE52) under labelled 牵头责任单位/协同责任单位 lines; a 牵头负责领导 is a person (安徽)", async () => {
    const d = await unseen3("anhui-zhongdian-gongzuo-zeren-fenjie");
    expect(d.measures.map((m) => m.path)).toEqual(["一/1", "一/2", "一/3", "一/4", "一/5", "一/6"]);
    expect(measure(d, "一/1").units.map((u) => `${u.role}:${u.canonical}`)).toEqual(["lead:安徽省发展改革委", "coop:安徽省政府各部门", "coop:各直属机构"]);
    expect(measure(d, "一/6").units).toEqual([]);
    expect(units("牵头负责领导:张三。\n牵头责任单位:市财政局。\n协同责任单位:市税务局、人行某某中心支行等。")).toEqual([
      "lead:市财政局", "coop:市税务局", "coop:人行某某中心支行",
    ]);
  });

  it("a 等 tail naming a group of two levels is no unit; a government's bracketed stand-in stays in its name (黑龙江)", async () => {
    const d = await unseen3("heilongjiang-2022-shehui-xinyong");
    expect(measure(d, "一/(一)").units.map((u) => `${u.role}:${u.name}`)).toEqual([
      "lead:省科技厅", "lead:省公安厅", "coop:省委宣传部", "coop:省人社厅", "coop:省教育厅", "coop:省卫生健康委", "coop:各市(地)政府(行署)",
    ]);
    expect(units("(责任单位:市发展改革委、市财政局等市直各有关单位,各县(市、区)政府(管委会))")).toEqual([
      "responsible:市发展改革委", "responsible:市财政局", "responsible:各县(市、区)政府(管委会)",
    ]);
  });

  it("square brackets holding the labels; a level body's member group takes the place (下陆 2020)", async () => {
    const d = await unseen3("xialu-2020-zhongdian-gongzuo-zeren-fenjie");
    expect(measure(d, "一/(一)/2").units.map((u) => `${u.role}:${u.canonical}`)).toEqual([
      "lead:下陆区卫健局", "lead:下陆区创文办", "coop:下陆区疫情防控指挥部成员单位", "coop:下陆区创文工作领导小组成员单位", "coop:各街办(新区)",
    ]);
    // a bare 领导小组成员单位 names no level: it stays as written
    const t = doc("某某市人民政府办公室关于印发某某工作方案的通知\n一、加强统筹。(牵头单位:市发改委;责任单位:领导小组成员单位)");
    expect(t.measures[0].units.map((u) => u.canonical)).toContain("领导小组成员单位");
  });

  it("a place named in 结合X实际 is the body's own; a title line wholly in 《》 (淮安 2022); 结合我市实际 names none", async () => {
    const d = await unseen3("huaian-2022-wending-jingji-xize");
    expect([d.title, d.region.province, d.region.city]).toEqual(["关于进一步帮助市场主体纾困解难着力稳定经济增长的具体实施细则", "江苏省", "淮安市"]);
    expect(measure(d, "一/2").units.map((u) => u.canonical)).toEqual(["淮安市工信局", "淮安市财政局"]);
    expect(regionFromBody("结合我市实际,制定本方案。市政府各部门要加强协调。")).toEqual({ province: null, city: null, county: null });
    // two different places in 结合X实际: no choice is made
    expect(regionFromBody("结合淮安实际…结合绵阳实际…市政府")).toEqual({ province: null, city: null, county: null });
  });

  it("a bracketed date in Chinese numerals with Latin O (宝山 2008); a news copy's 近日,X发布关于…的通知 (安徽)", async () => {
    expect((await unseen3("baoshan-2008-zhengfu-gongzuo-mubiao-fenjie")).issuedDate).toBe("2008-02-26");
    const a = await unseen3("anhui-zhongdian-gongzuo-zeren-fenjie");
    expect([a.issuer, a.title]).toEqual(["安徽省人民政府", null]);
  });
});

describe("forms from the blind round 3b (丽水 2023)", () => {
  it("A、B分别牵头: each leads; 列第一位为牵头…下同 inside a measure holds from there on", async () => {
    const d = (await extractFile(join(import.meta.dirname, "data/unseen3b/lishui-2023-zhongdian-gongzuo-zeren-fenjie.txt"))).document;
    const roles = (p: string) => measure(d, p).units.map((u) => `${u.role}:${u.canonical}`);
    expect(roles("一/1")).toEqual(["responsible:丽水市发改委"]); // before the statement
    expect(roles("一/4").slice(0, 2)).toEqual(["lead:丽水市发改委", "coop:丽水市经信局"]);
    expect(roles("一/5")).toEqual(["lead:丽水市商务局"]);
    expect(roles("一/6")).toEqual(["lead:丽水市人力社保局", "lead:丽水市农业农村局"]);
    expect(units("(市财政局、市税务局分别牵头)")).toEqual(["lead:市财政局", "lead:市税务局"]);
    // stated in the preamble (no measure before it), the convention holds for every measure
    const t = doc("某某市人民政府关于印发某某方案的通知\n列第一位的为牵头单位。\n一、加强统筹。(责任单位:市发改委、市财政局)\n二、强化保障。(责任单位:市财政局)");
    expect(t.measures.map((m) => m.units.map((u) => u.role).join(","))).toEqual(["lead,coop", "lead"]);
  });

  it("a page's 信息来源: names the region; a title line ending 分解 with a bracketed year, under a breadcrumb", async () => {
    const d = (await extractFile(join(import.meta.dirname, "data/unseen3b/lishui-2023-zhongdian-gongzuo-zeren-fenjie.txt"))).document;
    expect([d.title, d.region.city, d.publishedDate]).toEqual(["市政府工作报告重点工作责任分解(2023年)", "丽水市", "2023-07-11"]);
  });
});

describe("forms from the blind round 4b (tests/data/unseen5: 广州 2012 full text, 莆田, 天津, 湖南)", () => {
  const UNSEEN5 = join(import.meta.dirname, "data/unseen5");
  const gz = readFileSync(join(UNSEEN5, "guangzhou-2012-rencai-jiju-gongcheng.txt"), "utf8");
  const line = (start: string) => gz.split("\n").find((l) => l.trim().startsWith(start))!;
  const targets = (text: string) => parseSentence(text).targets.map((t) => `${t.comparator}:${t.min ?? ""}..${t.max ?? ""}${t.unit ?? ""}`);

  it("a span from a start year is a period, not a time limit; a goal quoted as clauses keeps its figures (广州 一/1)", async () => {
    const d = (await extractFile(join(UNSEEN5, "guangzhou-2012-rencai-jiju-gongcheng.txt"))).document;
    const m = measure(d, "一/1");
    expect(m.deadlines.map((x) => `${x.kind}:${x.start}..${x.end}`)).toEqual(["period:2012-01-01..2016-12-31"]);
    expect(m.targets.map((t) => `${t.comparator}:${t.min ?? ""}..${t.max ?? ""}${t.unit}`)).toEqual([">=:2000..名", ">=:3200000..名", ">=:40..%"]);
    expect(parseSentence("从2023年起三年内完成改造").deadlines.map((x) => x.end)).toEqual(["2025-12-31"]);
    // a bare "5年内" is still a time limit; a quoted name keeps its figures out (“一村两名或多名大学生村官”)
    expect(targets(line("18.农村基层"))).toEqual(["<=:..5年", "=:500..500名"]);
    expect(targets(line("16.大学生村官"))).toEqual([]);
  });

  it("四个到位 is a slogan (广州 四/40; “四个到位”:思想认识到位、检视问题到位…); 35岁以下青年 names who is meant", async () => {
    const d = (await extractFile(join(UNSEEN5, "guangzhou-2012-rencai-jiju-gongcheng.txt"))).document;
    expect(measure(d, "四/40").targets).toEqual([]);
    expect(targets("各地区各部门要注意抓“四个到位”:思想认识到位、检视问题到位、整改落实到位、组织领导到位。")).toEqual([]);
    expect(targets(line("13.珠江科技新星"))).toEqual([">=:100..名", "=:3..3年"]);
    expect(targets("到2020年,重点培养扶持2000名35周岁以下的青年拔尖人才")).toEqual(["=:2000..2000名"]);
    expect(targets("年满18周岁的中国公民")).toEqual([">=:18..周岁"]); // a comparator before still counts
  });

  it("an item label run into a name is no decimal (11.121人才梯队项目); 场次 is a measure word", () => {
    expect(targets(line("11.121人才梯队"))).toEqual([">=:10..名", ">=:20..名", ">=:100..名"]);
    expect(targets(line("7.专业技术人才"))).toEqual(["<=:..5年", "=:150000..150000名", "=:50..50个", "=:50..50场次"]);
  });

  it("a body on one line opening with its title as a sentence (莆田 关于支持“双招双引”的十条意见。为落实…)", async () => {
    const d = (await extractFile(join(UNSEEN5, "putian-shuangzhao-shuangyin-shitiao.txt"))).document;
    expect([d.title, d.region.city]).toEqual(["关于支持“双招双引”的十条意见", "莆田市"]);
  });
});

// Forms found by the blind check on tests/data/unseen4 (session 24 round 4: 辽宁, 沈阳, 广西, 云南, 贵州, 海东), each on its real text.
describe("forms from the blind unseen4 set", () => {
  const UNSEEN4 = join(import.meta.dirname, "data/unseen4");
  const unseen4 = async (name: string) => (await extractFile(join(UNSEEN4, `${name}.txt`))).document;

  it("a verbless run of lists before 配合 after a 牵头 clause, closed by a level group (云南 2017 一)", async () => {
    const m = measure(await unseen4("yunnan-2017-wenzengzhang-yijian"), "一");
    expect(roles(m)).toEqual([
      "lead:省发展改革委:云南省发展改革委", "lead:财政厅:云南省财政厅",
      ...["工业和信息化委", "国土资源厅", "环境保护厅", "住房城乡建设厅", "林业厅", "水利厅", "地税局"].map((n, i) => `coop:${i === 0 ? "省" : ""}${n}:云南省${n}`),
      "coop:国家开发银行云南省分行:国家开发银行云南省分行", "coop:农业发展银行云南省分行:农业发展银行云南省分行", "coop:各州、市人民政府:各州、市人民政府",
    ]);
  });

  it("an autonomous region's own references (自治区人民政府, 自治区本级) place it; 自治区… and the bare names after it take it (广西 2024 一)", async () => {
    const d = await unseen4("guangxi-2024-gongye-zhenxing-zhengce-cuoshi");
    expect(d.region.province).toBe("广西壮族自治区");
    expect(roles(measure(d, "一"))).toEqual([
      ...["财政厅", "工业和信息化厅", "发展改革委", "国资委", "产业园区改革发展办公室"].map((n, i) => `lead:${i === 0 ? "自治区" : ""}${n}:广西壮族自治区${n}`),
      "lead:各市人民政府:各市人民政府", "coop:自治区党委金融委员会办公室:广西壮族自治区党委金融委员会办公室", "coop:广西证监局:广西证监局",
    ]);
    // a national text's list "各省、自治区人民政府" is no autonomous region speaking of itself
    expect(regionFromBody("请各省、自治区人民政府认真落实。各省、自治区人民政府要加强领导。")).toEqual({ province: null, city: null, county: null });
  });

  it("a bracketed level and a named new area share one head (贵州 2026 1); a closing note on later items assigns nothing", async () => {
    const d = await unseen4("guizhou-2026-shuzhi-guizhou-gongzuo-yaodian");
    expect(roles(measure(d, "1"))).toEqual([
      "responsible:省大数据局:贵州省大数据局", "responsible:省工业和信息化厅:贵州省工业和信息化厅",
      "responsible:各市〔州〕、贵安新区数据管理部门:各市〔州〕、贵安新区数据管理部门",
    ]);
    expect(roles(measure(d, "2"))).toEqual(["responsible:省大数据局:贵州省大数据局", "responsible:贵州大数据集团:贵州大数据集团"]);
  });

  it("places sharing one head are one unit; a field line ('人:…') under a labelled line is not joined to it (海东 2020 一/1)", async () => {
    const d = await unseen4("haidong-2020-lanxi-chengshiqun-renwu-qingdan");
    expect(roles(measure(d, "一/1"))).toEqual(["responsible:海东市、兰州市、临夏州发展改革部门:海东市、兰州市、临夏州发展改革部门"]);
    expect(repairText("责任单位:海东市、兰州市、临夏州发展改革部门\n\n人:三市州发展改革部门主要负责同志").text.split("\n").filter(Boolean)).toHaveLength(2);
    // 青政办〔2022〕5号's 主送: "西宁市、海东市、海南藏族自治州、海北藏族自治州、黄南藏族自治州人民政府,兰州市、白银市、定西市、临夏回族自治州人民政府"
    expect(units("责任单位:西宁市、海东市、海南藏族自治州、海北藏族自治州、黄南藏族自治州人民政府,兰州市、白银市、定西市、临夏回族自治州人民政府")).toEqual([
      "responsible:西宁市、海东市、海南藏族自治州、海北藏族自治州、黄南藏族自治州人民政府", "responsible:兰州市、白银市、定西市、临夏回族自治州人民政府",
    ]);
  });

  it("牵头领导 names a person; 责任单位 after a named lead cooperate (辽宁 2024 一/3); a bare name after 市… takes the city (沈阳 2026)", async () => {
    expect(roles(measure(await unseen4("liaoning-2024-zhengfu-gongzuo-baogao-fengong"), "一/3"))).toEqual([
      "lead:省工业和信息化厅:辽宁省工业和信息化厅", "coop:省委军民融合办:辽宁省委军民融合办", "coop:省发展改革委:辽宁省发展改革委",
      "coop:省农业农村厅:辽宁省农业农村厅", "coop:省国资委:辽宁省国资委", "coop:各市人民政府:各市人民政府", "coop:省沈抚示范区管委会:辽宁省沈抚示范区管委会",
    ]);
    expect(roles(measure(await unseen4("shenyang-2026-zhengfu-gongzuo-baogao-fengong"), "一/(一)/2"))).toEqual([
      "lead:市发展改革委:沈阳市发展改革委", "coop:市工业和信息化局:沈阳市工业和信息化局", "coop:商务局:沈阳市商务局", "coop:各区:各区",
    ]);
  });
});

describe("deadline, target and metadata forms from the blind unseen4 and unseen5 misses (session 24 round 4b)", () => {
  const file4 = (name: string) => join(import.meta.dirname, "data/unseen4", `${name}.txt`);
  const file5 = (name: string) => join(import.meta.dirname, "data/unseen5", `${name}.txt`);
  const dl = (m: { deadlines: { kind: string; end: string | null; recurrence: string | null }[] }) => m.deadlines.map((x) => `${x.kind}:${x.end ?? x.recurrence}`);

  it("每年对X…给予资助 is an award per year (广西 二); 每年统筹安排 is a yearly task (广西 一)", async () => {
    const d = (await extractFile(file4("guangxi-2024-gongye-zhenxing-zhengce-cuoshi"))).document;
    expect(dl(measure(d, "二"))).toEqual([]);
    expect(dl(measure(d, "一"))).toEqual(["period:2026-12-31", "recurring:yearly"]);
  });

  it("with no document date, a month takes the year written before it in the sentence (云南 2017)", async () => {
    const d = (await extractFile(file4("yunnan-2017-wenzengzhang-yijian"))).document;
    expect(d.issuedDate).toBeNull();
    expect(dl(measure(d, "一"))).toEqual(["date:2017-03-31", "date:2017-06-30", "date:2017-09-30", "date:2017-11-30", "period:2017-09-30"]);
    // a month with no year before it in its sentence and no document date stays unread
    expect(parseSentence("2017年3月底前拨付。9月底前下达").deadlines.map((x) => x.end)).toEqual(["2017-03-31"]);
  });

  it("a heading opening with a round count and ending 项目 names the project (广州 29, 30); 支持千家企业 still counts", async () => {
    const d = (await extractFile(file5("guangzhou-2012-rencai-jiju-gongcheng"))).document;
    expect(measure(d, "二/(六)/29").targets.map((t) => `${t.comparator}:${t.min}`)).toEqual(["<=:null", ">=:200"]);
    expect(parseSentence("支持千家企业实施技改项目。").targets.map((t) => t.min)).toEqual([1000]);
  });

  it("an issuer line over a headline on four lines and a 来源: 时间: line (海东); a date run into 来源: (沈阳); 〈〉 inside 《》 (辽宁)", async () => {
    const h = (await extractFile(file4("haidong-2020-lanxi-chengshiqun-renwu-qingdan"))).document;
    expect([h.issuer, h.publishedDate, h.issuedDate]).toEqual(["海东市人民政府办公室", "2020-10-16", "2020-10-09"]);
    expect((await extractFile(file4("shenyang-2026-zhengfu-gongzuo-baogao-fengong"))).document.publishedDate).toBe("2026-01-30");
    expect((await extractFile(file4("liaoning-2024-zhengfu-gongzuo-baogao-fengong"))).document.title).toBe("2024年省《政府工作报告》重点工作分工方案");
  });
});

describe("forms from the blind round 4b-2 (tests/data/unseen5b: 数字广东 2025, 随州 2024)", () => {
  const file = (name: string) => join(import.meta.dirname, "data/unseen5b", `${name}.txt`);

  it("常态化推进机制 names a mechanism, not a time frame; 持续推进X stays ongoing (数字广东 23)", async () => {
    const d = (await extractFile(file("guangdong-2025-shuzi-guangdong-gongzuo-yaodian"))).document;
    expect(measure(d, "23").deadlines.map((x) => `${x.kind}:${x.text}`)).toEqual(["ongoing:持续推进"]);
    expect(parseSentence("建立常态化推进工作机制，全年推进").deadlines.map((x) => x.text)).toEqual(["全年推进"]);
  });

  it("a portal's toolbar of one-word lines does not push the headline out of the head (随州 随政办发〔2024〕7号)", async () => {
    const d = (await extractFile(file("suizhou-2024-fenjie-luoshi-sheng-zhengfu-gongzuo-baogao"))).document;
    expect([d.title, d.docNumber, d.issuer, d.publishedDate, d.region.city]).toEqual([
      "市人民政府办公室关于分解落实省政府工作报告的通知", "随政办发〔2024〕7号", "随州市人民政府办公室", "2024-03-01", "随州市",
    ]);
  });

  it("a heading opening with a figure and ending 项目 names the project (广州 11.121人才梯队项目); 新建100个项目 still counts", () => {
    expect(parseSentence("121人才梯队项目。重点培养不少于10名院士后备人才。").targets.map((t) => `${t.comparator}:${t.min}${t.unit}`)).toEqual([">=:10名"]);
    expect(parseSentence("新建100个项目。").targets.map((t) => t.min)).toEqual([100]);
  });
});

describe("forms from the blind round 4b-2 (tests/data/unseen5b: 数字广东 2025)", () => {
  it("a unit label's line that ends its clause is not joined to the unnumbered heading below it", async () => {
    const d = (await extractFile(join(import.meta.dirname, "data/unseen5b/guangdong-2025-shuzi-guangdong-gongzuo-yaodian.txt"))).document;
    expect(roles(measure(d, "5"))).toEqual(["lead:省政务和数据局:广东省政务和数据局", "coop:省国资委:广东省国资委"]);
    expect(repairText("一段足够长的措施正文，说明要做的事情和要求。\n责任单位：省自然资源厅、生态环境厅按职责分工负责\n加强政务数据共享流通").text.split("\n")).toHaveLength(3);
    // a name broken across lines still joins
    expect(repairText("责任单位：省自然资源厅、省生态环境厅、省财\n政厅").text).toContain("省财政厅");
  });
});

describe("forms from the blind round 4b-3 (tests/data/unseen5c: 渝中 2023, 沙坪坝 2022)", () => {
  it("a news lead 近日,X发布《Y》 below headline figures gives title and issuer (渝中 2023)", async () => {
    const d = (await extractFile(join(import.meta.dirname, "data/unseen5c/yuzhong-2023-zhengfu-gongzuo-baogao-fenjie.txt"))).document;
    expect([d.title, d.issuer, d.region.county]).toEqual(["2023年区政府工作报告重点工作目标任务分解", "渝中区人民政府办公室", "渝中区"]);
    expect(measure(d, "一/3").targets.map((t) => `${t.comparator}:${t.min}${t.unit}`)).toEqual([">=:5%"]);
  });
});

describe("forms from the blind round 4b-5 (tests/data/unseen5e: 后湖 2025)", () => {
  it("a range from a month-end is one period; a column tag on the title line; a page's 相关文件 is no masthead", async () => {
    const d = (await extractFile(join(import.meta.dirname, "data/unseen5e/houhu-2025-qingjie-jiayuan-xingdong.txt"))).document;
    expect(measure(d, "三/(三)").deadlines.map((x) => `${x.kind}:${x.start ?? ""}..${x.end ?? x.text}`)).toEqual(["ongoing:..持续推进", "period:2025-10-31..2025-12-31"]);
    expect(measure(d, "三/(二)").deadlines.map((x) => `${x.start}..${x.end}`)).toEqual(["2025-01-11..2025-10-31"]);
    expect([d.title, d.issuer, d.publishedDate]).toEqual(["后湖管理区清洁家园行动方案", null, "2025-03-03"]);
  });
});

describe("metadata from the blind round 5 (tests/data/unseen6: 嘉鱼 2021)", () => {
  it("an issuer line ending 关于 over a headline on four lines gives title and issuer", async () => {
    const d = (await extractFile(join(import.meta.dirname, "data/unseen6/jiayu-2021-zhongdian-gongzuo-fenjie.txt"))).document;
    expect(d.title).toBe("县人民政府办公室关于对县《政府工作报告》确定的2021年重点工作及市《政府工作报告》涉及嘉鱼的重点事项进行责任分解的通知");
    expect(d.issuer).toMatch(/县人民政府办公室$/);
  });
});

describe("units and segmentation from the blind round 5 (tests/data/unseen6: 嘉鱼 2021, 成都 2022)", () => {
  const doc = async (name: string) => (await extractFile(join(import.meta.dirname, "data/unseen6", name))).document;
  const unitsOf = (d: { measures: { path: string; units: { role: string; name: string; canonical: string }[] }[] }, path: string) =>
    d.measures.find((m) => m.path === path)!.units.map((u) => `${u.role}:${u.name}:${u.canonical}`);
  it("the notice's list of enclosures holds no items; a second plate in brackets stays in the name; a cut [ keeps whole names (嘉鱼 2021)", async () => {
    const d = await doc("jiayu-2021-zhongdian-gongzuo-fenjie.txt");
    expect(d.measures.map((m) => m.path)).toEqual(["(一)", "(二)", "(三)", "(四)", "(五)", "(六)"].map((p) => `附件1/一/${p}`));
    expect(unitsOf(d, "附件1/一/(一)")).toEqual([
      "lead:县发改局(粮食局):嘉鱼县发改局(粮食局)", "coop:各镇人民政府:各镇人民政府", "coop:嘉鱼经济开发区:嘉鱼经济开发区",
    ]);
    expect(unitsOf(d, "附件1/一/(六)")).toEqual(["lead:县发改局(粮食局):嘉鱼县发改局(粮食局)"]);
  });
  it("数据提供单位 gives no unit (成都 2022)", async () => {
    const d = await doc("chengdu-2022-zhengfu-gongzuo-baogao-fenjie.txt");
    expect(unitsOf(d, "一/10")).toEqual(["lead:市人社局:成都市人社局"]);
    expect(d.measures.flatMap((m) => m.units).some((u) => /统计局|调查队/.test(u.name))).toBe(false);
  });
});

describe("metadata from the blind round 4b-6 (tests/data/unseen5f: 黑龙江 2025)", () => {
  it("issuers side by side on their own line above the 关于 line: the first issues", async () => {
    const d = (await extractFile(join(import.meta.dirname, "data/unseen5f/heilongjiang-2025-sange-tupo-nian.txt"))).document;
    expect([d.issuer, d.region.province, d.measures.length]).toEqual(["中共黑龙江省委办公厅", "黑龙江省", 0]);
    expect(d.title).toMatch(/^中共黑龙江省委办公厅黑龙江省人民政府办公厅关于印发《黑龙江省县域经济发展突破年行动方案》.*的通知$/);
  });
});

describe("metadata from the blind round 5b (tests/data/unseen6b: 郧阳 2023)", () => {
  it("a notice dispatching one attachment takes its title; 发文单位 labels the issuer", async () => {
    const d = (await extractFile(join(import.meta.dirname, "data/unseen6b/yunyang-2023-zhengfu-gongzuo-mubiao-fenjie.txt"))).document;
    expect([d.title, d.issuer, d.docNumber]).toEqual(["2023年区政府工作目标任务落实责任分解表", "郧阳区人民政府办公室", "郧政发〔2023〕5号"]);
  });
});

describe("units and segmentation from the blind round 7a (tests/data/unseen7: 山西 2018, 东莞 2020, 湖南 2019, 四川 2017)", () => {
  const unseen7 = async (name: string) => (await extractFile(join(import.meta.dirname, `data/unseen7/${name}.txt`))).document;
  it("a page's article stored as raw HTML under plain label lines is read as a page, not refused (山西 晋政发〔2018〕13号)", async () => {
    const d = await unseen7("shanxi-2018-zhongdian-qunti-zengshou");
    expect(d.format).toBe("html");
    expect([d.title, d.docNumber, d.issuer, d.issuedDate]).toEqual(["山西省激发重点群体活力带动城乡居民增收的实施方案", "晋政发〔2018〕13号", "山西省人民政府", "2018-03-27"]);
    expect(d.measures.map((m) => `${m.path} ${m.title}`)).toEqual(["一 指导思想", "二 总体目标"]);
  });
  it("the document's last bracket or label line cut at the source keeps only whole names, officials read over", async () => {
    expect(roles(measure(await unseen7("dongguan-2020-wending-cujin-jiuye"), "(一)"))).toEqual([
      "responsible:市人力资源社会保障局:东莞市人力资源社会保障局", "responsible:市医保局:东莞市医保局",
    ]);
    expect(roles(measure(await unseen7("hunan-2019-zhengfu-gongzuo-baogao-bumen-fengong"), "一/(一)"))).toEqual([
      "lead:省发展改革委:湖南省发展改革委", "coop:省工业和信息化厅:湖南省工业和信息化厅",
    ]);
    const sc = await unseen7("sichuan-2017-xibu-dakaifa-zeren-fengong");
    expect(measure(sc, "一/(一)/1").units).toHaveLength(5);
    expect(measure(sc, "一/(一)/2").units).toEqual([]);
  });
});
