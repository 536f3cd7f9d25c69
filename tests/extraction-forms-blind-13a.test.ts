// The written forms of docs/labelling.md's catalogue that round 13a found (tests/data/unseen13a: whole 上海 town and street-office
// texts, labelled by hand before the extractor ran on them), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";
import { loadBuffer } from "../extract/loaders/index.ts";
import { extractDocument } from "../extract/document.ts";
import { canonicalUnit } from "../extract/fields/unit-canonical.ts";
import { extractTargets } from "../extract/fields/targets.ts";

const UNSEEN13A = join(import.meta.dirname, "data", "unseen13a");
const unseen13a = async (name: string) => (await extractFile(join(UNSEEN13A, `${name}.txt`))).document;
const YOUYILU = "shanghai-baoshan-youyilu-2019-shenghuo-laji-dingshi-dingdian-fenlei-toufang-shishi-xize";
const TOUQIAO = "shanghai-fengxian-touqiao-2024-jianshe-yongdi-jianlianghua-shishi-fangan";
const fromText = async (text: string) => extractDocument(await loadBuffer(Buffer.from(text), "t.txt"), "t.txt").document;
const WUJING = "shanghai-minhang-wujing-2023-chubei-yongdi-linshi-liyong-guanli-shishi-fangan";
const LUODIAN = "shanghai-baoshan-luodian-2020-shirong-huanjing-changtaihua-guanli-kaohe-shishi-yijian";
const SHANGHAI_BAOSHAN = { province: "上海市", city: "上海市", county: "宝山区" };

describe("round 13a forms (tests/data/unseen13a, labelled blind)", () => {
  it("市 opening a word that names no city (市容) is no level: a town's 市容办 stays as written", async () => {
    const d = await unseen13a(LUODIAN);
    // "…市容办负责业务指导及每月对各村的考核,管理农村保洁督察队和机动队。" (罗店镇, signed 上海市宝山区罗店镇人民政府)
    const m = d.measures.find((x) => x.path === "二/(一)")!;
    expect(m.units.map((u) => `${u.role}:${u.name}:${u.canonical}`)).toEqual(["responsible:市容办:市容办"]);
    // 宜兴 城管局's staff phone book (GitHub) lists 市容办 among its divisions (局办, 广告办, 渣土办): in a district's own document
    // it is that district's office, and the city's one is written 市市容办
    expect(canonicalUnit("市容办", SHANGHAI_BAOSHAN)).toBe("宝山区市容办");
    expect(canonicalUnit("市市容办", { ...SHANGHAI_BAOSHAN, county: null })).toBe("上海市市容办");
    expect(canonicalUnit("市绿化市容局", SHANGHAI_BAOSHAN)).toBe("上海市绿化市容局");
  });
  it("households or people counted right after 每 are the base of a staffing rate, no target", async () => {
    const d = await unseen13a(LUODIAN);
    // "①每30户/1名保洁员；②每个村宅公厕/1名保洁员；③每2.5KM/1名保洁员为标准；④外来人口每超过300人多配置1名保洁员；⑤…额外各配置4名保洁员"
    const t = d.measures.find((x) => x.path === "五/4")!.targets.map((x) => `${x.comparator}${x.min}${x.unit}`);
    expect(t).not.toContain("=30户");
    expect(t).not.toContain(">300人");
    expect(t.filter((x) => x === "=1名")).toHaveLength(4);
    const y = await unseen13a(YOUYILU);
    // "小区可按照每300至500户居民设置1个定时定点投放点"; "原则上每400户配备1名志愿者"
    expect(y.measures.find((x) => x.path === "四/1")!.targets.map((x) => `${x.comparator}${x.min}${x.unit}`)).toEqual(["=1个"]);
    expect(y.measures.find((x) => x.path === "五/1")!.targets.map((x) => `${x.comparator}${x.min}${x.unit}`)).toEqual(["=1名"]);
    // 济南 2021 (a news headline): "每300户左右设置1处集中分类投放点"; a plain count of households still counts
    expect(extractTargets("济南垃圾分类新进展：每300户左右设置1处集中分类投放点").map((x) => `${x.comparator}${x.min}${x.unit}`)).toEqual(["=1处"]);
    expect(extractTargets("年内新增加装电梯住宅300户").map((x) => `${x.min}${x.unit}`)).toEqual(["300户"]);
  });
  it("a lone 大写 digit is a name's character (陆家桥村), never a count", async () => {
    const d = await unseen13a(TOUQIAO);
    // 三's member list: "…红旗村村委会 / 陆家桥村村委会 / 幸福村村委会"
    expect(d.measures.find((x) => x.path === "三")!.targets).toEqual([]);
    // a quiz on GitHub: "上海作为中国的经济中心和金融中心，陆家嘴金融城聚集了多少家金融机构？"; amounts in 大写 still count
    expect(extractTargets("上海作为中国的经济中心和金融中心，陆家嘴金融城聚集了多少家金融机构？")).toEqual([]);
    expect(extractTargets("补助标准为壹万贰仟元整").map((x) => `${x.min}${x.unit}`)).toEqual(["12000元"]);
  });
  it("an enclosure list closing the numbered items of a short text is no wrapper's list of several documents", async () => {
    // no headline, no wrapper: the title printed twice, then "一、…" … "六、…", then "附件：1、…； / 2、…； / 3、…。" and the signature
    const d = await unseen13a(LUODIAN);
    expect(d.title).toBe("罗店镇市容环境常态化管理考核实施意见");
    expect(d.issuer).toBe("上海市宝山区罗店镇人民政府");
  });
  it("每半年 before 1次 is a period, no award basis: = 1 次", async () => {
    const y = await unseen13a(YOUYILU);
    // 六: "入户宣传要求每半年1次，垃圾分类专题宣传活动每季度1次" … "每月开展1次自评估"
    expect(y.measures.find((x) => x.path === "六")!.targets.filter((x) => x.unit === "次").map((x) => x.text)).toHaveLength(3);
    // a rating checklist on GitHub
    expect(extractTargets("消防檢修每半年1次，需備3年完整紀錄").map((x) => `${x.comparator}${x.min}${x.unit}`)).toContain("=1次");
  });
  it("the criteria counted after 按照…： and listed after the colon are no target", async () => {
    const d = await unseen13a(LUODIAN);
    // "按照五个标准制定各村保洁员额度：①…；②…；③…；④…；⑤…"
    expect(d.measures.find((x) => x.path === "五/4")!.targets.map((x) => x.unit)).not.toContain("个");
    expect(extractTargets("ALCE 选取三个互补数据集，按照三个标准：包含事实性问题、需要长文本多方面回答、需要综合多源信息。").map((x) => `${x.min}${x.unit}`)).toEqual(["3个"]);
    expect(extractTargets("打造三个中心：A中心、B中心、C中心。").map((x) => `${x.min}${x.unit}`)).toEqual(["3个"]);
  });
  it("enclosure entries closed by ；/。 go on with the notice's list", async () => {
    const d = await unseen13a(LUODIAN);
    // "附件：1、罗店镇市容环境管理领导小组； / 2、…职责分工； / 3、罗店镇市容环境每月考核表。"
    expect(d.measures.map((x) => x.path)).not.toContain("六/2");
    expect(d.measures.find((x) => x.path === "六")!.deadlines).toHaveLength(2);
  });
  it("a bare 领导小组 after the body named as a title or a subject is the unit as written", async () => {
    const y = await unseen13a(YOUYILU);
    // "街道垃圾分类工作领导小组：街道党工委书记、办事处主任为组长，…为成员单位。领导小组负责组织、协调、推进、监督…"
    expect(y.measures.find((x) => x.path === "三/1")!.units.map((u) => `${u.role}:${u.name}:${u.canonical}`)).toEqual([
      "responsible:领导小组:领导小组",
    ]);
    // a school's duty list (a public page)
    const t = await fromText("学校安全工作方案\n一、领导小组组成\n学校安全工作领导小组由校长担任组长，分管副校长任副组长，相关职能部门负责人和班主任代表为成员。领导小组负责统筹全校安全工作的规划、部署、监督与评估。\n二、工作要求\n各部门要认真落实。\n");
    expect(t.measures[0].units.map((u) => `${u.role}:${u.name}`)).toEqual(["responsible:领导小组"]);
  });
  it("十、 after 第九条 is the next top item (the top level's next number written in the other kind)", async () => {
    const d = await unseen13a(WUJING);
    // "第九条 利用要求 / 1.… / 6.… / 十、附则 / 1.… / 4.本实施意见由吴泾镇财政所、规建生态办负责解释。 / 5.…"
    const paths = d.measures.map((x) => x.path);
    expect(paths).toContain("十/4");
    expect(paths.filter((p) => p.includes("#"))).toEqual([]);
    expect(d.measures.find((x) => x.path === "十/4")!.units.map((u) => u.name)).toEqual(["吴泾镇财政所", "规建生态办"]);
    // the contract-review tool's fixture (GitHub): "第一条 合同标的 / 七、争议解决 / … / 第八条 附则" — 第八条 after 七、 is again top (七 a short heading over its two items)
    const t = await fromText("某合同\n第六条 合同标的\n甲方提供服务。\n七、争议解决\n1.双方协商解决。\n2.协商不成的，向法院起诉。\n第八条 附则\n本合同自签订之日起生效。\n");
    expect(t.measures.map((x) => x.path)).toEqual(["第6条", "七/1", "七/2", "第8条"]);
  });
});
