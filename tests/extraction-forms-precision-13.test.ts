// Precision audit, round 13: units the extractor gave that the text does not assign (docs/labelling.md catalogue, Units),
// each form on the real text lines it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractUnits } from "../extract/fields/units.ts";
import type { Region } from "../extract/schema.ts";
import { extractFile } from "./helpers/extract.ts";

const SHANGHAI_MINHANG: Region = { province: "上海市", city: "上海市", county: "闵行区" };
const NATIONAL: Region = { province: null, city: null, county: null };
const HEBEI: Region = { province: "河北省", city: null, county: null };
const SHANGHAI: Region = { province: "上海市", city: "上海市", county: null };
const GUANGDONG: Region = { province: "广东省", city: null, county: null };
const SHANGHAI_BAOSHAN: Region = { province: "上海市", city: "上海市", county: "宝山区" };
const units = (text: string, region: Region) => extractUnits(text, { region, leadFirst: false }).map((u) => `${u.role}:${u.name}`);
const doc = async (set: string, name: string) => (await extractFile(join(import.meta.dirname, "data", set, `${name}.txt`))).document;

describe("precision forms, round 13", () => {
  it("the object of a directing verb (督促/指导/支持/鼓励/引导/推动) before 负责/牵头 is the party directed, no unit", async () => {
    // 吴泾镇 建筑垃圾治理 通知 (unseen13d) 二/(四): 房管办's duties; the property company it urges is no unit
    const d = await doc("unseen13d", "shanghai-minhang-wujing-2021-jianzhu-laji-zhili-tongzhi");
    const m = d.measures.find((x) => x.path === "二/(四)")!;
    expect(m.units.map((u) => `${u.role}:${u.name}`)).toEqual(["responsible:房管办"]);
    expect(units("督促小区物业公司负责设置居住区内建筑垃圾及大件垃圾临时堆放点，使建筑装修垃圾、大件垃圾与生活垃圾分开堆放、不混装。", SHANGHAI_MINHANG)).toEqual([]);
    // the same form before 牵头: corpus-extra 19 (国发〔2017〕35号 人工智能规划) and 承德 钒钛 若干措施 (unseen7e)
    expect(units("利用现有政府投资基金支持符合条件的人工智能项目，鼓励龙头骨干企业、产业创新联盟牵头成立市场化的人工智能发展基金。", NATIONAL)).toEqual([]);
    expect(units("支持承德市与攀枝花市共同牵头组建国家钒钛产业联盟，定期举办钒钛产业峰会、高端论坛、产业对接等活动。", HEBEI)).toEqual([]);
    // a body after the directing verb is directed too; the body that directs keeps its role
    expect(units("支持省科学院牵头组建创新联合体。", HEBEI)).toEqual([]);
    expect(units("省科技厅负责指导各市开展工作，督促有关单位落实。", HEBEI)).toEqual(["responsible:省科技厅"]);
  });
  it("a construction project's (general) contractor or tenderer is a party, no unit in prose", () => {
    // 广东省建设工程招标投标管理规定 (1986, a public law page) 第六条
    expect(units("建设工程招标由建设单位或总承包单位(以下统称招标单位)负责组织。招标单位无力组织的,由其上级主管部门或委托其他能承担招标工作的单位负责组织。", GUANGDONG)).toEqual([]);
    // 宝山 初步设计审查管理办法 (unseen12d) 八/(二), the first text of the form
    expect(units("应由建设单位牵头向区发展改革委、区财政局、区建设管理委申请概算批复调整。", SHANGHAI_BAOSHAN)).toEqual([]);
  });
  it("functions sharing one 部门 as the subject are one unit, not the last field alone", () => {
    // 上海 2024 建筑垃圾 实施意见 (unseen12b) 三/(四)
    expect(units("严管跨省倾倒。生态环境、绿化市容、城管执法部门要会同建设主管部门加强对非法跨省倾倒建筑垃圾行为的源头工地、运输单位进行查处。", SHANGHAI)).toEqual(["lead:生态环境、绿化市容、城管执法部门", "coop:建设主管部门"]);
    // 上海 沪府办规〔2021〕16号 应急抢险救灾工程建设管理办法 第七条 (a public page)
    expect(units("发展改革、住房城乡建设管理、交通、水务、海洋、绿化、民防、应急等部门根据各自职责，负责对应急抢险救灾工程的监管，搞好工程合同管理、工程进度、安全质量等方面的监督检查。", SHANGHAI)).toEqual(["responsible:发展改革、住房城乡建设管理、交通、水务、海洋、绿化、民防、应急等部门"]);
    // a tier before the first field: no unit (河北 2004 食品放心工程 四, unseen9d, as labelled)
    expect(units("由省商务厅负责，省工商、质监、卫生等部门配合。", HEBEI)).toEqual(["responsible:省商务厅"]);
  });
  it("either of two parties before a 单位 is no unit; tiers before a 机构 share it (上海市城市雕塑建设管理办法)", () => {
    // 第十六条 (二), 第十七条: parties
    expect(units("本办法第七条第（三）项所列的城市雕塑项目，由建设单位或者所属单位负责。", SHANGHAI)).toEqual([]);
    expect(units("因特殊情况确需迁移或者拆除的，应当征得市城雕委办公室或者区、县城市雕塑管理机构的同意，并由迁移或者拆除单位负责补偿。", SHANGHAI)).toEqual([]);
    // functions sharing one 部门 keep 或 (河北 2006 成品油, unseen11h2 一/(三))
    expect(units("由各地物价部门会同运管或城建部门进行清理规范，进一步减轻车主负担。", HEBEI)).toEqual(["lead:各地物价部门", "coop:运管或城建部门"]);
    // 第五条, 第七条 (二): the tiers share the 机构
    expect(units("区、县城市雕塑管理机构具体负责本区、县范围内城市雕塑建设的组织实施和相关的管理工作。", SHANGHAI)).toEqual(["responsible:区、县城市雕塑管理机构"]);
    expect(units("区、县级纪念性城市雕塑项目和本条第（一）项规定以外的公共场所的城市雕塑项目，由区、县城市雕塑管理机构负责；", SHANGHAI)).toEqual(["responsible:区、县城市雕塑管理机构"]);
  });
  it("a heading naming only a class of body is the section's topic, no unit", async () => {
    // 宝山 初步设计审查管理办法 (unseen12d) 附件1 三
    const d = await doc("unseen12d", "shanghai-baoshan-2021-chubu-sheji-shencha-guanli-banfa");
    const m = d.measures.find((x) => x.path === "附件1/三")!;
    expect(m.units.map((u) => u.name)).toEqual(["宝山区建设和管理委员会", "宝山区发展和改革委员会", "区建设管理委", "区发展改革委"]);
    // 上海市居住区绿化调整实施办法 第五条 (a public page): the heading 实施主体 over its paragraph
    expect(units("实施主体\n业主委员会为实施主体，由业委会（没有成立业委会的可由相应居委会代履行，下同）负责居住区绿化调整方案征集、公示，业主意见征询、公告以及办理审批申请手续等相关工作。", SHANGHAI)).toEqual([]);
    // a class with its field is a name: 松江 2026 清水行动 (unseen12b) 三/(四)
    expect(units("（四）城管执法部门\n依法严查运输车辆未密闭、未覆盖、沿途遗撒、车容车貌严重不洁、偷乱倒建筑垃圾、未随车携带处置证件等违法行为，实现“处罚一起、警示一批、规范一片”。", SHANGHAI)).toEqual(["responsible:城管执法部门"]);
  });
  it("either of two bodies (或/或者) are each named, as with 和 (上海市城市雕塑建设管理办法 第十五条)", () => {
    expect(units("城市雕塑项目建成后，应当由市城雕委办公室或者区、县城市雕塑管理机构会同规划管理部门，按照规定的程序组织验收。经验收合格的，方可揭幕。", SHANGHAI))
      .toEqual(["lead:市城雕委办公室", "lead:区、县城市雕塑管理机构", "coop:规划管理部门"]);
  });
});
