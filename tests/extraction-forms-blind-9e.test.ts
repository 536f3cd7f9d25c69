// The written forms of docs/labelling.md's catalogue that round 9e found (tests/data/unseen9e: whole 人社 texts from the
// 人力资源和社会保障厅 政策法规 column, labelled by hand before the extractor ran on them), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadBuffer } from "../extract/loaders/index.ts";
import { extractDocument } from "../extract/document.ts";
import { extractTargets } from "../extract/fields/targets.ts";
import { extractFile } from "./helpers/extract.ts";

const UNSEEN9E = join(import.meta.dirname, "data", "unseen9e");
const unseen9e = async (name: string) => (await extractFile(join(UNSEEN9E, `${name}.txt`))).document;
const fromText = async (text: string) => extractDocument(await loadBuffer(Buffer.from(text), "t.txt"), "t.txt").document;

describe("round 9e forms (tests/data/unseen9e, labelled blind)", () => {
  it("the first item run on after the preamble's colon starts the numbering", async () => {
    const d = await unseen9e("guojia-2020-nongmingong-jiuye-chuangye-yijian");
    // "…经国务院同意，现提出以下意见：一、拓宽外出就业渠道（一）稳定现有就业岗位。…（…等按职责分工负责）（二）…"
    const paths = d.measures.map((m) => m.path);
    expect(paths.slice(0, 4)).toEqual(["一/(一)", "一/(二)", "一/(三)", "二/(四)"]);
    expect(paths).toHaveLength(16);
    const m = (p: string) => d.measures.find((x) => x.path === p)!;
    expect(m("二/(四)").units.map((u) => `${u.role}:${u.name}`)).toEqual(["lead:农业农村部", "lead:国家林草局", "coop:财政部", "coop:人民银行"]);
    // "将发放劳务报酬的资金占比由10%提高至15%以上": the starting figure is no target
    expect(m("二/(五)").targets.map((t) => `${t.comparator}${t.min}${t.unit}`)).toEqual([">=15%"]);
    // the same on a short run-on line (300 characters and more: the body lost its breaks)
    const body =
      "促进高校毕业生等青年就业，事关民生福祉和社会稳定。为进一步做好当前青年就业创业工作，经研究，现提出以下意见：一、拓宽就业渠道（一）稳定现有岗位。全面落实稳岗返还、社会保险补贴、职业培训补贴等援企稳岗政策，引导企业特别是中小微企业不裁员或少裁员，督促企业将补贴资金用于职工生活补助和在岗转岗培训，支持企业吸纳更多青年就业。（人力资源社会保障部负责）" +
      "（二）创造更多机会。推动重大项目加速落地，大力发展生活服务业和劳动密集型产业，对吸纳青年就业多的企业给予更大政策激励，拓展就业新领域。（国家发展改革委、财政部等按职责分工负责）" +
      "二、加强组织保障（三）加强组织领导。各地要高度重视青年就业创业工作，层层压实责任，健全工作机制，确保各项政策措施落到实处。（各有关部门按职责分工负责）";
    expect(body.length).toBeGreaterThanOrEqual(300);
    const t = await fromText(body);
    expect(t.measures.map((x) => x.path)).toEqual(["一/(一)", "一/(二)", "二/(三)"]);
  });
  it("a follow-us footer run on at the end of the text is the page's, not the last item's", async () => {
    const d = await unseen9e("hebei-2024-jiazheng-fuwu-zhiyehua-shiyi-tiao-cuoshi");
    const m = (p: string) => d.measures.find((x) => x.path === p)!;
    // "…（各地有关部门，省人力资源社会保障厅、…、省妇联）更多信息请关注官方微信“河北人社”": the bare list closes 十一
    expect(m("十一").text).not.toContain("更多信息");
    expect(m("十一").units.map((u) => u.name)).toEqual(["各地有关部门", "省人力资源社会保障厅", "省发展改革委", "省商务厅", "省教育厅", "省农业农村厅", "省总工会", "省妇联"]);
    // a page ending "欢迎关注微信公众号：42 章经" (a crawled article's last line) loses it too; a sentence that only names an account stays
    const t = await fromText("一、加强宣传\n开展政策宣讲。（市人社局负责）欢迎关注微信公众号：人社之窗\n");
    expect(t.measures[0].text).not.toContain("公众号");
    const own = await fromText("一、加强宣传\n依托官方微信公众号发布政策解读。（市人社局负责）\n");
    expect(own.measures[0].text).toContain("官方微信公众号");
  });
  it("a bare 单位 after a group in a list is the group's '部门、单位'", async () => {
    const d = await unseen9e("guojia-2020-nongmingong-jiuye-chuangye-yijian");
    const m = (p: string) => d.measures.find((x) => x.path === p)!;
    // "（各有关部门、单位和地方各级人民政府按职责分工负责）": one group and the governments, as "国务院相关部门和单位" is one group;
    // the directives before the bracket ("扶贫部门要配合做好…") assign nothing beside it
    expect(m("五/(十四)").units.map((u) => `${u.role}:${u.name}`)).toEqual(["responsible:各有关部门、单位", "responsible:地方各级人民政府"]);
    expect(m("五/(十六)").units.map((u) => u.name)).toEqual(["各有关部门、单位", "地方各级人民政府"]);
    const t = await fromText("一、加强领导\n各地要高度重视。（市人社局牵头，各有关部门、单位按职责分工负责）\n");
    expect(t.measures[0].units.map((u) => `${u.role}:${u.name}`)).toEqual(["lead:市人社局", "coop:各有关部门、单位"]);
  });
  it("joint issuers before 等N部门 give the first; signers run together before the date are read", async () => {
    // "人力资源社会保障部、国家发展改革委等20部门关于…" / "人力资源社会保障部国家发展改革委等十五部门关于…" (run together)
    const laowu = await unseen9e("guojia-2021-laowu-pinpai-jianshe-zhidao-yijian");
    const nmg = await unseen9e("guojia-2020-nongmingong-jiuye-chuangye-yijian");
    expect([laowu.issuer, nmg.issuer]).toEqual(["人力资源社会保障部", "人力资源社会保障部"]);
    // "…（…按职责分工负责）国家发展改革委教育部…国家乡村振兴局2021年8月24日", "…国家林业和草原局国务院扶贫办2020年8月6日"
    expect([laowu.issuedDate, nmg.issuedDate]).toEqual(["2021-08-24", "2020-08-06"]);
    // "…认真贯彻落实。河北省人力资源和社会保障厅河北省发展和改革委员会…河北省总工会河北省妇联2024年8月26日（此件主动公开）…"
    const jz = await unseen9e("hebei-2024-jiazheng-fuwu-zhiyehua-shiyi-tiao-cuoshi");
    expect([jz.issuer, jz.issuedDate, jz.docNumber, jz.title]).toEqual(["河北省人力资源和社会保障厅", "2024-08-26", "冀人社发〔2024〕24号", "加强家政服务职业化建设的十一条措施"]);
    // "河北省教育厅等十二部门关于…" keeps its one issuer; a headline issuer with no 等N部门 is not cut
    const one = await fromText("河北省教育厅等十二部门关于进一步加强中小学生欺凌防治工作的实施方案\n一、总体要求\n加强防治。\n");
    expect(one.issuer).toBe("河北省教育厅");
  });
  it("每 before a list of counts reaches every item; 课时 is a measure word", async () => {
    const d = await unseen9e("hebei-2024-jiazheng-fuwu-zhiyehua-shiyi-tiao-cuoshi");
    const t = (p: string) => d.measures.find((x) => x.path === p)!.targets.map((x) => `${x.comparator}${x.min}${x.unit}`);
    // "确保每名学生均能享受一次政策宣介、一次职业指导、三次岗位推介和一次就业见习"
    expect(t("三")).toEqual(["=1次", "=1次", "=3次", "=1次"]);
    // "开发150课时以上家政服务线上精品课程"
    expect(t("六")).toEqual([">=150课时"]);
    // a 一 far from its 每 with no list between stays no count
    expect(extractTargets("每个县要结合本地区产业发展实际情况认真研究并制定一个工作方案。")).toEqual([]);
    expect(extractTargets("每个县要制定一个工作方案。").map((x) => `${x.comparator}${x.min}${x.unit}`)).toEqual(["=1个"]);
  });
});

