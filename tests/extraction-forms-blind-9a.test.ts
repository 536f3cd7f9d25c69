// The written forms of docs/labelling.md's catalogue that round 9a found (tests/data/unseen9a: whole texts of 河北 bodies,
// labelled by hand before the extractor ran on them), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { buildOutline } from "../extract/structure/outline.ts";
import { selectMeasures } from "../extract/structure/select-measures.ts";
import { repairText } from "../extract/structure/repair.ts";
import { extractUnits } from "../extract/fields/units.ts";
import { extractFile } from "./helpers/extract.ts";

const UNSEEN9A = join(import.meta.dirname, "data", "unseen9a");
const unseen9a = async (name: string) => (await extractFile(join(UNSEEN9A, `${name}.txt`))).document;
const paths = (text: string) => selectMeasures(buildOutline(text).roots, () => false).map((m) => m.path);

describe("round 9a forms (tests/data/unseen9a, labelled blind)", () => {
  it("wrapper points, the signature, the enclosed title and its preamble, then the enclosed document's 一、", async () => {
    const d = await unseen9a("hebei-2021-zhongxiao-qiye-gaozhiliang-fazhan-ruogan-cuoshi");
    // "…特提出如下要求：　　一、要高度重视…　　二、各单位确定一名联络员…　　河北省民营经济领导小组办公室　　2021年3月11日河北省推动
    // 中小企业高质量发展若干措施　　为贯彻落实…制定如下措施：　　一、进一步加大金融财政支持力度　　（一）…"
    expect(d.measures.map((m) => m.path).slice(0, 3)).toEqual(["一/(一)", "一/(二)", "一/(三)"]);
    expect(d.measures).toHaveLength(22);
    expect(d.measures[21].path).toBe("五/(二十二)");
    // the wrapper's "3月20前" and "每季度…" are the notice's, no deadline of any measure
    expect(d.measures.flatMap((m) => m.deadlines.map((x) => x.kind))).not.toContain("recurring");
    expect(d.measures[0].units.map((u) => `${u.role}:${u.name}`)).toEqual(["responsible:人行石家庄中心支行", "responsible:河北银保监局"]);
  });
  it("the preamble between the enclosed title and 一、 only right under the signature's date", () => {
    const head = ["一、要高度重视。", "二、请于3月20日前报送。", "某市民营经济领导小组办公室", "2021年3月11日", "某市推动中小企业高质量发展若干措施"];
    const body = ["为贯彻落实…,制定如下措施:", "一、加大金融支持", "(一)增加信贷支持。(责任单位:市财政局)", "(二)扩大融资。(责任单位:市金融局)"];
    expect(paths([...head, ...body].join("\n"))).toEqual(["一/(一)", "一/(二)"]);
    // three paragraphs between the title and 一、 are no preamble of it: the points stay the document's items
    expect(paths([...head, "第一段。", "第二段。", ...body].join("\n"))).toEqual(["一", "二"]);
  });
  it("an attachment head run on between the wrapper, the signature and the attachment's first paragraph", async () => {
    const d = await unseen9a("hebei-2015-xiaowei-qiye-jiangfei-gongzuo-fangan");
    // "…请认真贯彻落实。附件：河北省小微企业降费工作方案河北省减轻企业负担领导小组2015年4月8日附件：河北省小微企业降费工作方案小微企业是…"
    expect([d.issuer, d.issuedDate, d.docNumber]).toEqual(["河北省减轻企业负担领导小组", "2015-04-08", "冀减负〔2015〕1号"]);
    expect(d.measures.map((m) => m.path).slice(0, 3)).toEqual(["附件/一", "附件/二/(一)", "附件/二/(二)"]);
    // "三、实施步骤(一)2015年3月底前，…。(二)2015年6月底前，…": steps opening with their year are items
    const steps = d.measures.filter((m) => m.path.startsWith("附件/三/"));
    expect(steps.map((m) => m.deadlines.map((x) => `${x.kind}:${x.start ?? ""}..${x.end}`)[0])).toEqual([
      "date:..2015-03-31", "date:..2015-06-30", "period:2015-07-01..2015-09-30", "date:..2015-12-31", "period:2016-01-01..2017-12-31",
    ]);
    // 冀工信企业函〔2022〕611号 (the same crawl's 梯度培育 实施细则): "河北省工业和信息化厅　　2022年9月28日　　　　附件河北省优质中小企业梯度培育管理实施细则　　　　第一章 总则"
    const lines = repairText("通知如下。　　河北省工业和信息化厅　　2022年9月28日　　　　附件河北省优质中小企业梯度培育管理实施细则　　　　第一章 总则　　　　第一条为规范…，制定本细则。").text.split("\n");
    expect(lines.slice(1, 5)).toEqual(["河北省工业和信息化厅", "2022年9月28日", "附件", "河北省优质中小企业梯度培育管理实施细则"]);
    // a notice's own "附件：<title>" before its signature stays one line: no attachment starts there
    expect(repairText("请认真贯彻落实。附件：某省降费工作方案某省减轻企业负担领导小组2015年4月8日").text.split("\n")).toEqual([
      "请认真贯彻落实。", "附件：某省降费工作方案", "某省减轻企业负担领导小组", "2015年4月8日",
    ]);
  });
  it("prose duties of the 2015 方案: 参与 beside a named lead, 会同 after 由X牵头，, a second plate inside a 负责 list", async () => {
    const d = await unseen9a("hebei-2015-xiaowei-qiye-jiangfei-gongzuo-fangan");
    const units = (path: string) => d.measures.find((m) => m.path === path)!.units.map((u) => `${u.role}:${u.name}`);
    // "由省财政厅、省物价局、省法制办牵头，各级各有关部门参与，…"
    expect(units("附件/四/(一)")).toEqual(["lead:省财政厅", "lead:省物价局", "lead:省法制办", "coop:各级各有关部门"]);
    // "由省财政厅、省物价局牵头，会同有关部门，…。省国税局、省地税局配合做好…"
    expect(units("附件/四/(二)")).toEqual(["lead:省财政厅", "lead:省物价局", "coop:有关部门", "coop:省国税局", "coop:省地税局"]);
    // "由省工业和信息化厅（省减轻企业负担领导小组办公室）、省统计局负责"
    expect(d.measures.find((m) => m.path === "附件/四/(四)")!.units.map((u) => u.canonical)).toEqual([
      "河北省工业和信息化厅(省减轻企业负担领导小组办公室)", "河北省统计局",
    ]);
    // 参与 with no named lead (四/(一) without its lead), or 参与单位/参与部门 as a noun, is still no assignment
    const ctx = { region: { province: "河北省", city: null, county: null }, leadFirst: false };
    const prose = (t: string) => extractUnits(t, ctx).map((u) => `${u.role}:${u.name}`);
    expect(prose("各级各有关部门参与，抓紧编制省、设区市、省直管县（市）、县（市、区）涉及小微企业的行政事业性收费、政府性基金和行政审批前置服务收费、协（学、商）会收费项目清单和收费标准清单，2015年6月底前向社会公开发布。")).toEqual([]);
    expect(prose("省财政厅、省物价局参与，抓紧编制收费清单。")).toEqual([]);
    expect(prose("由省财政厅牵头，省物价局参与单位评审。")).toEqual(["lead:省财政厅"]);
  });
  it("a 每 after 针对 makes the figure a count of the task, not a set in scope", async () => {
    const d = await unseen9a("hebei-2015-xiaowei-qiye-jiangfei-gongzuo-fangan");
    // "针对涉及小微企业降费情况每年进行一次评估"
    const m = d.measures.find((x) => x.path === "附件/四/(四)")!;
    expect(m.targets.map((t) => `${t.comparator}:${t.min}:${t.unit}`)).toEqual(["=:1:次"]);
    expect(m.deadlines.map((x) => x.recurrence)).toEqual(["yearly"]);
  });
  it("a title line closed by a plan period without 年", async () => {
    // "河北省县域特色产业集群数字化转型行动计划（2020-2022）" / "　　为促进…" (no headline, issuer or date)
    const d = await unseen9a("hebei-2020-xianyu-tese-chanye-jiqun-shuzihua-zhuanxing-xingdong-jihua");
    expect([d.title, d.issuer, d.issuedDate]).toEqual(["河北省县域特色产业集群数字化转型行动计划（2020-2022）", null, null]);
  });
  it("a signature run on at the text's end after a page's link to a file", async () => {
    // "…确保各项政策落实到位。链接：我省出台新规扶持小微企业健康发展.html河北省人民政府2015年4月24日"
    const d = await unseen9a("hebei-2015-fuchi-xiaoxing-weixing-qiye-shishi-yijian");
    expect([d.issuer, d.issuedDate]).toEqual(["河北省人民政府", "2015-04-24"]);
    expect(d.measures.map((m) => m.path).at(-1)).toBe("十七");
    // and after a last sentence, as in a long line (corpus-extra 37 "…。国务院办公厅 2020年7月15日")
    expect(repairText("一、加强领导\n各地要抓好落实。某省人民政府2015年4月24日").text.split("\n").slice(-3)).toEqual(["各地要抓好落实。", "某省人民政府", "2015年4月24日"]);
  });
  it("组 is a measure word (not 组织, 组建, 组长 …)", async () => {
    const d = await unseen9a("hebei-2020-xianyu-tese-chanye-jiqun-shuzihua-zhuanxing-xingdong-jihua");
    // "到2022年，开展10组“龙头企业-重点集群”定点对接。"
    const m = d.measures.find((x) => x.path === "二/(一)/3")!;
    expect(m.targets.map((t) => `${t.comparator}:${t.min}:${t.unit}`)).toEqual(["=:10:组"]);
    // "省工业和信息化厅组织…" and the like name no count anywhere in the text
    expect(d.measures.flatMap((x) => x.targets).filter((t) => t.unit === "组")).toHaveLength(1);
  });
});
