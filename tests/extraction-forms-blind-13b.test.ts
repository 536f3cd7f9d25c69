// The written forms of docs/labelling.md's catalogue that round 13b found (tests/data/unseen13b: whole 上海 district texts of
// docs/消防与人防, labelled by hand before the extractor ran on them), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadBuffer } from "../extract/loaders/index.ts";
import { extractDocument } from "../extract/document.ts";
import { extractFile } from "./helpers/extract.ts";
import { parseLabel } from "../extract/structure/labels.ts";

const UNSEEN13B = join(import.meta.dirname, "data", "unseen13b");
const unseen13b = async (name: string) => (await extractFile(join(UNSEEN13B, `${name}.txt`))).document;
const fromText = async (text: string) => extractDocument(await loadBuffer(Buffer.from(text), "t.txt"), "t.txt").document;
const CHONGMING = "shanghai-chongming-2017-gaoceng-jianzhu-xiaofang-zonghe-zhili-gongzuo-fangan";
const FENGXIAN = "shanghai-fengxian-2022-yingji-binan-changsuo-jianshe-shishi-fangan";
const roles = (units: { role: string; name: string }[]) => units.map((u) => `${u.role}:${u.name}`);

describe("round 13b forms (tests/data/unseen13b, labelled blind)", () => {
  it("a decimal before a physical unit opening a cell line is a figure, not an item label", async () => {
    // 奉贤 附表3, one cell a line: "… / Ⅲ / 3.55公顷 / 5500平方米 / 2000人 / 2017.10 / 2 / … / 31.33公顷 / …"
    for (const cell of ["3.55公顷", "31.33公顷", "2.59公顷", "3.0877公顷"]) expect(parseLabel(cell)).toBeNull();
    // a label run into a name that opens with a number still is one (广州 2012 "11.121人才梯队项目")
    expect(parseLabel("11.121人才梯队项目")?.label).toBe("11");
    const d = await unseen13b(FENGXIAN);
    expect(d.measures.map((m) => m.path)).toEqual(["一", "二", "三", "四", "五"]);
  });
  it("a 转发 headline with no 关于 before the 《》: the body before 转发 issues", async () => {
    // "上海市崇明区人民政府办公室转发区消防安全委员会制定的《上海市崇明区高层建筑消防安全综合治理工作方案》的通知" (date only, no signer)
    expect((await unseen13b(CHONGMING)).issuer).toBe("上海市崇明区人民政府办公室");
    // 宝府办〔2022〕19号 (the same repository's 消防与人防 folder, row 18): the 《》 opens with its own 关于
    const b = await fromText(
      "上海市宝山区人民政府办公室转发区消防救援支队制订的《关于深化基层消防安全综合治理工作的实施意见》的通知\n\n各镇人民政府，各街道办事处，区政府各委、办、局：\n\n区消防救援支队制订的《关于深化基层消防安全综合治理工作的实施意见》已经区政府同意，现转发给你们，请认真按照执行。\n\n2022年7月10日\n\n关于深化基层消防安全综合治理工作的实施意见\n\n一、工作目标\n\n推动完善基层消防安全综合治理运作机制，切实打通基层消防治理工作“最后一公里”。\n\n二、工作要求\n\n各街镇要切实加强组织领导。\n",
    );
    expect(b.issuer).toBe("上海市宝山区人民政府办公室");
  });
  it("two bodies joined by 和 open the sentence of a bare 会同; 结合 after a body's name ends the 会同 list", async () => {
    const d = await unseen13b(CHONGMING);
    // 六/(三)/2 "区公安分局和区公安消防支队列出…责任人清单，会同区发展改革委、区市场监管局等部门将相关信息纳入征信体系"
    const m = d.measures.find((x) => x.path === "六/(三)")!;
    expect(roles(m.units)).toEqual(expect.arrayContaining(["lead:区公安分局", "lead:区公安消防支队", "coop:区发展改革委", "coop:区市场监管局"]));
    expect(roles(m.units)).not.toContain("lead:区公安分局和区公安消防支队");
    // 七/(三) "区综治办要会同区公安分局结合贯彻落实中央办公厅、国务院办公厅印发的《…》要求"
    expect(roles(d.measures.find((x) => x.path === "七/(三)")!.units)).toEqual(["lead:区综治办", "coop:区公安分局"]);
    // 冀人社发〔2024〕17号 (unseen11c) (十六) "各地人力资源社会保障部门要会同相关部门结合本地实际，尽快制定具体工作推进方案"
    const t = await fromText("某某工作方案\n一、压实工作责任。各地人力资源社会保障部门要会同相关部门结合本地实际，尽快制定具体工作推进方案。\n二、加强宣传。做好政策解读。\n");
    expect(roles(t.measures[0].units)).toEqual(["lead:各地人力资源社会保障部门", "coop:相关部门"]);
  });
  it("X是…的责任主体，负责会同Y: the 是-clause is read over", async () => {
    const d = await unseen13b(CHONGMING);
    // 二 "各乡镇政府是此项工作的直接责任主体，负责会同区有关部门具体实施"
    expect(roles(d.measures.find((m) => m.path === "二")!.units)).toEqual(["lead:各乡镇政府", "coop:区有关部门"]);
    // a 丰台 腾退 notice (GitHub): "长辛店镇人民政府是“…项目”（以下简称本项目）的责任主体，负责指导、协调本项目全面工作"
    const t = await fromText("某某项目实施方案\n一、职责分工。长辛店镇人民政府是“长辛店镇张郭庄村棚户区改造和环境整治项目”（以下简称本项目）的责任主体，负责指导、协调本项目全面工作。\n二、工作要求。认真落实。\n");
    expect(roles(t.measures[0].units)).toEqual(["responsible:长辛店镇人民政府"]);
  });
  it("duties under a body with its second plate, and under several bodies listed with 、", async () => {
    const d = await unseen13b(FENGXIAN);
    // 五 "区民防办、应急管理局牵头，…" / "区经委（商务委）：负责指导、监督…" / "各镇政府、街道（开发区）办事处、头桥集团：按照区规划要求，…"
    const r = roles(d.measures.find((m) => m.path === "五")!.units);
    for (const c of ["coop:区经委(商务委)", "coop:各镇政府", "coop:街道(开发区)办事处", "coop:头桥集团", "coop:区规划资源局"]) expect(r).toContain(c);
    expect(r.slice(0, 2)).toEqual(["lead:区民防办", "lead:应急管理局"]);
  });
  it("具 counts hydrants", async () => {
    const d = await unseen13b("shanghai-jingan-2019-xiaofang-jiuyuan-fazhan-sannian-xingdong-jihua");
    // 二/(二)/3 "补建市政消火栓169具，增建6个街镇（…）天然水源消防取水设施24处"
    const ts = d.measures.find((m) => m.path === "二/(二)/3")!.targets.map((x) => `${x.min}${x.unit}`);
    expect(ts).toEqual(["169具", "6个", "24处"]);
    const t = await fromText("某某方案\n一、具体任务。具体落实各项措施。\n");
    expect(t.measures[0].targets).toEqual([]);
  });
  it("a casualty count grades the event meant: no target", async () => {
    const d = await unseen13b(CHONGMING);
    // 五/(十一) "高层建筑发生亡3人以下的火灾，区政府组织开展调查处理工作；发生亡3人以上9人以下的火灾，按照规定提请市政府组织调查"
    expect(d.measures.find((m) => m.path === "五/(十一)")!.targets).toEqual([]);
    // 生产安全事故报告和调查处理条例 第三条 (as quoted on GitHub); a 地震 emergency plan's grades
    const t = await fromText("某某应急预案\n一、事故分级。重大事故，是指造成10人以上30人以下死亡，或者50人以上100人以下重伤的事故。\n二、响应分级。重大地震灾害（II级响应）：造成50人以上、300人以下死亡。\n三、培训。到2025年培训应急救援人员3000人以上。\n");
    expect(t.measures.slice(0, 2).map((m) => m.targets)).toEqual([[], []]);
    expect(t.measures[2].targets.map((x) => `${x.comparator}${x.min}${x.unit}`)).toEqual([">=3000人"]);
  });
  it("项目实施单位 is a party, not a body", async () => {
    const d = await unseen13b(FENGXIAN);
    // 四/(三) "后期将按隶属关系由各镇政府、街道(开发区)办事处、头桥集团和区相关部门(单位)负责实施…；对融入新建(含改扩建)项目的，由项目实施单位负责实施"
    const r = roles(d.measures.find((m) => m.path === "四")!.units);
    expect(r).toEqual(["responsible:各镇政府", "responsible:街道(开发区)办事处", "responsible:头桥集团", "responsible:区相关部门"]);
  });
});
