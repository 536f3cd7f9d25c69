// The written forms of docs/labelling.md's catalogue that round 14c found (tests/data/unseen14c: whole 上海 district-level texts,
// labelled by hand before the extractor ran on them), each on the real text it was found in and on its second real text.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";
import { measure } from "./helpers/forms.ts";
import { parseSentence } from "../extract/parse.ts";
import { canonicalUnit } from "../extract/fields/unit-canonical.ts";

const UNSEEN14C = join(import.meta.dirname, "data", "unseen14c");
const unseen14c = async (name: string) => (await extractFile(join(UNSEEN14C, `${name}.txt`))).document;
const JIADING = "shanghai-jiading-2026-weifa-yongdi-zhengzhi-shishi-fangan";
const PUTUO = "shanghai-putuo-2025-haimian-chengshi-jianshe-shishi-fangan";
const HUANGPU = "shanghai-huangpu-2025-kezaisheng-nengyuan-fazhan-xingdong-fangan";
const CHONGMING = "shanghai-chongming-2023-jiti-jingyingxing-yongdi-rushi-shidian-gongzuo-fangan";

const units = (s: string) => parseSentence(s).units.map((u) => `${u.role} ${u.name}`);
const deadlines = (s: string, base: string) => parseSentence(s, base).deadlines.map((d) => `${d.text} ${d.end}`);
const targets = (s: string) => parseSentence(s).targets.map((t) => `${t.comparator}${t.min}/${t.max}${t.unit}`);

describe("round 14c forms (tests/data/unseen14c, labelled blind)", () => {
  it("本单位 (one's own unit) is no body, nor is a phrase ending in 部署 (to deploy)", async () => {
    // 普陀 四/(八) "(八)各建设单位 / 在本单位负责实施的工程建设项目中落实海绵城市建设要求" (read as responsible 在本单位)
    expect(units("在本单位负责实施的工程建设项目中落实海绵城市建设要求，落实海绵设施的运行、养护工作。")).toEqual([]);
    // a university's travel form (GitHub): "无行政职务人员由本单位负责国际事务领导签名"
    expect(units("无行政职务人员由本单位负责国际事务领导签名，副处职级干部由单位正处职级干部签名。")).toEqual([]);
    // 崇明 五 "…分别为准备部署、组织实施、试点总结三个阶段目标" (read as responsible 分别为准备部署: X组织实施)
    expect(units("本区农村集体经营性建设用地入市试点工作从2023年4月启动，至2024年底结束，为期两年，分别为准备部署、组织实施、试点总结三个阶段目标。")).toEqual([]);
    // a 公文 writing tool's outline of a 决议 (GitHub): "分条列示：总体目标与基本原则、重大事项部署、组织实施和贯彻要求"
    expect(units("分条列示：总体目标与基本原则、重大事项部署、组织实施和贯彻要求")).toEqual([]);
    // bodies still read
    expect(units("由区规划资源局负责组织实施。")).toEqual(["responsible 区规划资源局"]);
    const d = await unseen14c(PUTUO);
    expect(measure(d, "四/(八)").units).toEqual([]);
  });

  it("宗 (parcels of land) is a measure word", () => {
    // 嘉定 附件/二/(三) "各镇（管委会）应从2026年整治计划中挑选不少于1宗整治难度较大的地块"
    expect(targets("各镇（管委会）应从2026年整治计划中挑选不少于1宗整治难度较大的地块。")).toEqual([">=1/null宗"]);
    // 广州 黄埔区 news headline (a GitHub JSON of the district's news): "黄埔区上半年累计审批临时利用土地18宗，面积约5万余平方米"
    expect(targets("黄埔区上半年累计审批临时利用土地18宗，面积约5万余平方米")).toContain("=18/18宗");
    // not before 旨/族/… (宗旨, 宗族): no count
    expect(targets("坚持三宗旨不动摇。")).toEqual([]);
  });

  it("X月初 (the first days of a month) is read as 上旬, the 10th", async () => {
    // 嘉定 附件/三/(三) "（三）中期通报阶段（7月初） / 区规划资源局于7月初前开展中期通报。" (signed 2026-02-12)
    expect(deadlines("（三）中期通报阶段（7月初）区规划资源局于7月初前开展中期通报。", "2026-02-12")).toEqual([
      "7月初 2026-07-10",
      "7月初前 2026-07-10",
    ]);
    // a policy calendar on GitHub (广东 创新型中小企业评价入库): "2025 年：各地 7 月 15 日前报送推荐；珠海等市企业 6 月初前完成自评"
    expect(deadlines("2025 年：各地 7 月 15 日前报送推荐；珠海等市企业 6 月初前完成自评", "2025-01-01")).toContain("6月初前 2025-06-10");
    // 初步 / 初期 after a month are other words
    expect(deadlines("8月初期阶段开展调研。", "2025-01-01")).toEqual([]);
    // a lunar day written with an Arabic month (a public almanac page: "农历7月初七，是的七夕节", "农历7月初十"; review of session 30): no date
    expect(deadlines("农历7月初七，是的七夕节。农历7月初十，是的夜游庙会。", "2025-01-01")).toEqual([]);
    expect(deadlines("端午节（5月初五）前完成。", "2025-01-01")).toEqual([]);
    const d = await unseen14c(JIADING);
    expect(measure(d, "附件/三/(三)").deadlines.map((x) => x.end)).toEqual(["2026-07-10", "2026-07-10"]);
  });

  it("a district's bureaus signing with the district alone, run together two a line: the first signs", async () => {
    // 黄浦 "黄浦区发展和改革委员会黄浦区建设和管理委员会" / … / "黄浦区投资促进办公室" / "2025年2月24日" under a headline with no body
    const d = await unseen14c(HUANGPU);
    expect(d.issuer).toBe("黄浦区发展和改革委员会");
    expect(d.issuedDate).toBe("2025-02-24");
  });

  it("a bare enclosed name written with 本区 in the headline: the title line the document prints", async () => {
    // 崇明 "…关于印发本区农村集体经营性建设用地入市试点推进工作方案的通知" over "上海市崇明区农村集体经营性建设用地入市试点推进工作方案"
    const d = await unseen14c(CHONGMING);
    expect(d.title).toBe("上海市崇明区农村集体经营性建设用地入市试点推进工作方案");
  });

  it("duties under a set-up body's name opening with 配合Y: the body cooperates, Y leads", async () => {
    // 崇明 三/(三) "（三）工作推进专班：配合区协调监管机构相关单位研究调研并拟定管理办法及配套实施细则…"
    expect(units("（三）工作推进专班：配合区协调监管机构相关单位研究调研并拟定管理办法及配套实施细则，根据各自职能推动工作稳步落实。")).toEqual([
      "coop 工作推进专班",
      "lead 区协调监管机构相关单位",
    ]);
    // 工作 + a verb + a set-up head is a name ("北京市大数据工作推进小组负责…", 京经信发〔2022〕87号, unseen7c); a verb phrase stays none
    expect(units("北京市大数据工作推进小组负责数据专区建设和应用的总体指导。")).toEqual(["responsible 北京市大数据工作推进小组"]);
    expect(units("（三）建立健全工作机构：根据工作需要，成立工作推进专班。")).toEqual([]);
    const d = await unseen14c(CHONGMING);
    expect(measure(d, "三/(三)").units.map((u) => `${u.role} ${u.name}`)).toEqual([
      "coop 工作推进专班",
      "lead 区协调监管机构相关单位",
    ]);
  });

  it("a street's office named with its street carries its place: canonical as written", async () => {
    const huangpu = { province: "上海市", city: "上海市", county: "黄浦区" };
    // 黄浦 一/(一) "（责任单位：…，打浦桥街道管理办、半淞园路街道管理办）"
    expect(canonicalUnit("打浦桥街道管理办", huangpu)).toBe("打浦桥街道管理办");
    // a verifier's test on GitHub: "经朝阳区城管委核实，由望京街道办事处负责处理。"
    expect(canonicalUnit("望京街道办事处", { province: "北京市", city: "北京市", county: "朝阳区" })).toBe("望京街道办事处");
    // a district's own departments and the generic group as before
    expect(canonicalUnit("区房管局", huangpu)).toBe("黄浦区房管局");
    expect(canonicalUnit("各街道管理办", huangpu)).toBe("各街道管理办");
    const d = await unseen14c(HUANGPU);
    const m = d.measures.find((x) => x.path === "一/(一)")!;
    expect(m.units.filter((u) => u.name.includes("街道")).map((u) => u.canonical)).toEqual(["打浦桥街道管理办", "半淞园路街道管理办"]);
  });

  it("a mechanism verb, 由, then a 牵头 list: the list describes what is set up, no unit", async () => {
    // 崇明 二/(三) "建立由区规划资源局、区农业农村委牵头，…等部门为主要成员的试点工作专班" (read as two leads)
    expect(units("（三）建立试点工作推进专班。建立由区规划资源局、区农业农村委牵头，区发展改革委、区经委、区财政局、区建设管理委、区住房保障房屋管理局、区投资促进办、区税务局等部门为主要成员的试点工作专班，形成协同推进、分头负责的组织架构。")).toEqual([]);
    // 河北 2019 中小学生减负 (unseen11h) and 山西 2018 科技金融: the same form with 共同参与 / 参加, no unit
    expect(units("要强化政府主体责任，在市、县两级建立由政府统一领导，教育、发展改革、公安、民政、财政、人力资源社会保障、市场监管、广电、妇联等部门共同参与的联席会议制度。")).toEqual([]);
    expect(units("建立健全由科技、财政、金融监管部门参加的协调沟通和分工负责机制,加强科技、知识产权、财政、金融等政策的协调。")).toEqual([]);
    // 成立 is no mechanism verb (unseen11b 三/(一)); 由X牵头 opening its own clause still leads
    expect(units("成立由市交通委牵头，市发展改革委等部门共同参与的推进机制。")).toEqual(["lead 市交通委", "coop 市发展改革委"]);
    expect(units("由区规划资源局牵头，区农业农村委配合，建立工作专班。")).toEqual(["lead 区规划资源局", "coop 区农业农村委"]);
    const d = await unseen14c(CHONGMING);
    expect(measure(d, "二/(三)").units).toEqual([]);
  });
});
