// The written forms of docs/labelling.md's catalogue that round 11c found (tests/data/unseen11c: whole 河北 人社 texts,
// labelled by hand before the extractor ran on them), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { extractUnits } from "../extract/fields/units.ts";
import { splitSigners } from "../extract/structure/signature.ts";
import { extractFile } from "./helpers/extract.ts";

const UNSEEN11C = join(import.meta.dirname, "data", "unseen11c");
const unseen11c = async (name: string) => (await extractFile(join(UNSEEN11C, `${name}.txt`))).document;
const HEBEI = { province: "河北省", city: null, county: null };
const units = (text: string) => extractUnits(text, { region: HEBEI, leadFirst: false }).map((u) => `${u.role}:${u.name}`);

describe("round 11c forms (tests/data/unseen11c, labelled blind)", () => {
  it("a run of signers holding 中共 party bodies: each a signer", async () => {
    // "…请结合实际认真贯彻落实。河北省人力资源和社会保障厅中共河北省委组织部中共河北省委网络安全和信息化委员会办公室河北省发展和
    // 改革委员会…河北省数据和政务服务局2024年6月18日（此件主动公开）" (冀人社发〔2024〕17号)
    expect(splitSigners("河北省人力资源和社会保障厅中共河北省委组织部中共河北省委网络安全和信息化委员会办公室河北省发展和改革委员会")).toEqual([
      "河北省人力资源和社会保障厅",
      "中共河北省委组织部",
      "中共河北省委网络安全和信息化委员会办公室",
      "河北省发展和改革委员会",
    ]);
    // the signers of that run stay one a line, the first issues
    const d = await unseen11c("hebei-2024-shuzi-rencai-peiyu-xingdong-shishi-fangan");
    expect(d.issuer).toBe("河北省人力资源和社会保障厅");
    expect(d.issuedDate).toBe("2024-06-18");
    // corpus-extra 35 (河北省教育厅等十二部门 2023), signers two a line: "河北省教育厅中共河北省委政法委员会"
    const line = readFileSync(join(import.meta.dirname, "..", "..", "shared", "corpus-extra", "35_hebei-2023-xueke-peixun-yinxing-bianyi.txt"), "utf8")
      .split("\n")
      .find((l) => l.startsWith("河北省教育厅中共"))!;
    expect(splitSigners(line.trim())).toEqual(["河北省教育厅", "中共河北省委政法委员会"]);
    // a signer's own 中共 stays whole
    expect(splitSigners("中共河北省委网络安全和信息化委员会办公室河北省科技厅")).toEqual(["中共河北省委网络安全和信息化委员会办公室", "河北省科技厅"]);
  });

  it("duties under a unit's name written 'X主要职责为：', the role from the item's title", async () => {
    const d = await unseen11c("hebei-2024-tuixiu-yijianshi-gongzuo-fangan");
    const m = (p: string) => d.measures.find((x) => x.path === p)!.units.map((u) => `${u.role}:${u.name}`);
    // "（一）牵头部门职责省人社厅主要职责为：牵头制定…"
    expect(m("二/(一)")).toEqual(["lead:省人社厅"]);
    // "（二）配合部门职责省数政局主要职责为：…。省住建厅主要职责为：配合牵头部门制定…"
    expect(m("二/(二)")).toEqual(["coop:省数政局", "coop:省住建厅", "coop:省医保局", "coop:省公安厅", "coop:省卫健委"]);
    // with no role in the title: responsible, lead when the duties open with 牵头
    // (responsible duties written after the lead cooperate; before it they stay responsible: text order, as unseen11h3 排水 二/(三))
    expect(units("市科技局的主要职责为：牵头组织项目评审。市财政局主要职责是：统筹安排专项资金。")).toEqual(["lead:市科技局", "coop:市财政局"]);
    expect(units("市财政局主要职责是：统筹安排专项资金。市科技局的主要职责为：牵头组织项目评审。")).toEqual(["responsible:市财政局", "lead:市科技局"]);
    // a pronoun before 主要职责为 names no one (水利水保项目 建设管理, GitHub): no unit
    expect(units("(二)水利水保项目的责任主体是县级水利水保部门，对项目建设的全过程负总责。其主要职责为：负责落实工程建设计划;负责设计、施工和工程建设监理的组织实施")).toEqual([]);
  });

  it("an item titled only by a body's name, '（一）公安机关。会同…', in a 职责分工 section", async () => {
    const d = await unseen11c("hebei-2024-baowei-guanliyuan-dengji-rending-shishi-fangan");
    const m = (p: string) => d.measures.find((x) => x.path === p)!.units.map((u) => `${u.role}:${u.name}`);
    expect(m("四/(一)")).toEqual(["lead:公安机关", "coop:人社部门"]);
    // "（二）人社部门。对…进行遴选备案；…"
    expect(m("四/(二)")).toEqual(["responsible:人社部门"]);
    // the parties the plan regulates (社会评价机构, 社会培训机构, 用人单位) are no units
    expect(m("四/(三)")).toEqual([]);
    expect(m("四/(四)")).toEqual([]);
    expect(m("四/(五)")).toEqual([]);
    // titles that are tasks stay tasks: "成立工作专班。成立由省市场监管局牵头的…工作专班" (unseen10), "加强前瞻谋划部署。" (corpus-extra 18)
    expect(units("成立工作专班。成立由省市场监管局牵头的质量强省建设行动工作专班，统筹推进质量强省战略实施。")).toEqual(["lead:省市场监管局"]);
    expect(units("加强前瞻谋划部署。围绕未来产业重点领域，开展技术预见和产业研究。")).toEqual([]);
  });

  it("a class of body ending in 机关 is a body: 公安机关会同Y", async () => {
    const d = await unseen11c("hebei-2024-baowei-guanliyuan-dengji-rending-shishi-fangan");
    const m = (p: string) => d.measures.find((x) => x.path === p)!.units.map((u) => `${u.role}:${u.name}`);
    // "在各级党委和政府的统一领导下，公安机关会同人社部门加快推进…"
    expect(m("三/(一)")).toEqual(["lead:公安机关", "coop:人社部门"]);
    // "公安机关要会同人社部门积极推动各行业主管部门、集团公司、重点单位加大…": the list after 会同 ends at the verb
    expect(m("六/(七)")).toEqual(["lead:公安机关", "coop:人社部门"]);
    // 禁止传销条例 第十条 (GitHub copy); 反电信网络诈骗法 第三十条
    expect(units("由公安机关会同工商行政管理部门依法查处。")).toEqual(["lead:公安机关", "coop:工商行政管理部门"]);
    expect(units("公安机关会同有关部门建立完善电信网络诈骗预警劝阻系统。")).toEqual(["lead:公安机关", "coop:有关部门"]);
    // a list of the kinds of key units (党政机关 among them) assigns nothing
    expect(units("引导鼓励水电油气、国防军工、学校医院、党政机关、金融邮政等重点单位，优先录用取得证书的人员。")).toEqual([]);
    // a name with a verb inside it stays whole in a list ("会同专区监管部门、数据提供部门和运营单位", unseen7c)
    expect(units("北京市经济和信息化局会同专区监管部门、数据提供部门和运营单位建立数据质量反馈机制。")).toEqual([
      "lead:北京市经济和信息化局",
      "coop:专区监管部门",
      "coop:数据提供部门",
    ]);
  });
});
