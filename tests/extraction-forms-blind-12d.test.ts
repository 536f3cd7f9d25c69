// The written forms of docs/labelling.md's catalogue that round 12d found (tests/data/unseen12d: whole 上海 district, town and
// street-office texts, labelled by hand before the extractor ran on them), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadBuffer } from "../extract/loaders/index.ts";
import { extractDocument } from "../extract/document.ts";
import { extractFile } from "./helpers/extract.ts";
import { extractTargets } from "../extract/fields/targets.ts";

const UNSEEN12D = join(import.meta.dirname, "data", "unseen12d");
const unseen12d = async (name: string) => (await extractFile(join(UNSEEN12D, `${name}.txt`))).document;
const fromText = async (text: string) => extractDocument(await loadBuffer(Buffer.from(text), "t.txt"), "t.txt").document;
const WUJING = "shanghai-minhang-wujing-2021-chengzhen-fangwu-anquan-yinhuan-paicha-zhengzhi-gongzuo-fangan";
const GUMEILU = "shanghai-minhang-gumeilu-2022-dujulaoren-xiaofang-anquan-shishi-fangan";
const BAOSHAN = "shanghai-baoshan-2021-chubu-sheji-shencha-guanli-banfa";

describe("round 12d forms (tests/data/unseen12d, labelled blind)", () => {
  it("X负责牵头 leads; the X负责 lines after it cooperate; a town's own stations (房管所, 司法所, 市场所, 执法队) are bodies", async () => {
    const d = await unseen12d(WUJING);
    const m = d.measures.find((x) => x.path === "三/(二)")!;
    // "房管所、规建生态办负责牵头组织城镇房屋安全隐患排查整治工作，…；房管所负责规模租赁场所…；经发办负责…；…吴泾司法所负责配合…"
    const roles = m.units.map((u) => `${u.role}:${u.name}`);
    expect(roles.slice(0, 2)).toEqual(["lead:房管所", "lead:规建生态办"]);
    for (const c of ["经发办", "综合行政执法队", "吴泾市场所", "吴泾司法所", "财政所"]) expect(roles).toContain(`coop:${c}`);
    expect(roles.filter((r) => r.startsWith("responsible:"))).toEqual([]);
    // a public text (a drug-safety page template on GitHub): "药品监督管理部门负责牵头组织药品安全工作，其他相关部门按照职责分工配合做好相关工作"
    const t = await fromText("关于加强药品安全工作的实施方案\n一、部门协作机制。各部门建立药品安全协调机制，加强信息共享和执法协作，形成监管合力。药品监督管理部门负责牵头组织药品安全工作，其他相关部门按照职责分工配合做好相关工作。\n二、工作要求。各部门要认真落实。\n");
    expect(t.measures[0].units.map((u) => `${u.role}:${u.name}`)).toContain("lead:药品监督管理部门");
  });
  it("a town's or a street office's own document keeps its bare offices as written (no district before them)", async () => {
    const d = await unseen12d(WUJING);
    expect(d.issuer).toBe("闵行区吴泾镇人民政府");
    const m = d.measures.find((x) => x.path === "三/(二)")!;
    expect(m.units.find((u) => u.name === "规建生态办")!.canonical).toBe("规建生态办");
    expect(m.units.find((u) => u.name === "经发办")!.canonical).toBe("经发办");
    // a district's own document still places them: "区建设管理委负责的初步设计审查项目范围…" (宝山 区建设管理委)
    const b = await unseen12d(BAOSHAN);
    expect(b.measures.find((x) => x.path === "附件1/四/(一)")!.units.map((u) => u.canonical)).toEqual(["宝山区建设管理委"]);
  });
  it("a street office signs: 街道办事处 ends a body", async () => {
    const g = await unseen12d(GUMEILU);
    // "特此通知。" / "闵行区古美路街道办事处" / "2022年7月20日"
    expect(g.issuer).toBe("闵行区古美路街道办事处");
    expect(g.measures.find((x) => x.path === "二/3")!.units.map((u) => `${u.role}:${u.name}:${u.canonical}`)).toEqual(["lead:服务办:服务办"]);
  });
  it("the notice's last enclosure entry is not joined to the signer below it", async () => {
    // "附件：1．宝山区工程建设项目初步设计审查管理办法 / 2．宝山区建设工程初步设计文件审批流程图 / 上海市宝山区建设和管理委员会 / 2021年3月9日"
    const b = await unseen12d(BAOSHAN);
    expect(b.issuer).toBe("上海市宝山区建设和管理委员会");
    expect(b.region.county).toBe("宝山区");
    // 湖州 2020 (tests/data/unseen7b) writes the same: "附件：1.… / 2.十方面民生实事责任分解 / 湖州市人民政府办公室 / 2020年5月22日"
    const t = await fromText(
      "关于印发某区重点工作分解的通知\n各有关单位：\n现将有关分解印发给你们，请认真贯彻执行。\n附件：1.重点工作责任分解\n2.十方面民生实事责任分解\n湖州市人民政府办公室\n2020年5月22日\n附件1\n重点工作责任分解\n一、推进产业升级。加快发展新兴产业。（责任单位：市发改委）\n二、扩大有效投资。抓好重大项目建设。（责任单位：市发改委）\n",
    );
    expect(t.issuer).toBe("湖州市人民政府办公室");
  });
  it("一 after 最后 is a position, not a count", async () => {
    const g = await unseen12d(GUMEILU);
    // "…此后，请于每季度最后一个周五前（9月30日、12月30日），更新报送《附件1：独居老人排摸统计表》…"
    expect(g.measures.find((x) => x.path === "五/(四)")!.targets).toEqual([]);
    // a repository's SOP: "触发节奏：每月最后一个工作日执行一次" — the 一次 after 每月 still counts, the 一个工作日 does not
    expect(extractTargets("触发节奏：每月最后一个工作日执行一次。").map((t) => `${t.min}${t.unit}`)).toEqual(["1次"]);
  });
  it("a construction project's parties and the body after 对…负责 are no units", async () => {
    const b = await unseen12d(BAOSHAN);
    const m = (p: string) => b.measures.find((x) => x.path === p)!;
    // "应由建设单位牵头向区发展改革委、区财政局、区建设管理委申请概算批复调整或工可（立项）批复调整"
    expect(m("附件1/八/(二)").units).toEqual([]);
    // "担任设计顾问的单位，咨询意见要对审批单位负责"
    expect(m("附件1/七/(三)").units).toEqual([]);
    // "注：验收组由建设单位牵头组织，成员应包括勘察、设计、施工、监理等单位项目负责人" (a generated acceptance record)
    const t = await fromText("关于做好竣工验收工作的实施方案\n一、组织验收。注：验收组由建设单位牵头组织，成员应包括勘察、设计、施工、监理等单位项目负责人及聘请的专家。\n二、工作要求。各部门要认真落实。\n");
    expect(t.measures[0].units).toEqual([]);
  });
});
