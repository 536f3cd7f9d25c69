// The written forms of docs/labelling.md's catalogue that round 9d found (tests/data/unseen9d: whole 河北 texts from the
// 省政府办公厅文件 column, labelled by hand before the extractor ran on them), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadBuffer } from "../extract/loaders/index.ts";
import { extractDocument } from "../extract/document.ts";
import { extractDeadlines } from "../extract/fields/deadlines.ts";
import { extractFile } from "./helpers/extract.ts";

const UNSEEN9D = join(import.meta.dirname, "data", "unseen9d");
const unseen9d = async (name: string) => (await extractFile(join(UNSEEN9D, `${name}.txt`))).document;
const fromText = async (text: string) => extractDocument(await loadBuffer(Buffer.from(text), "t.txt"), "t.txt").document;

describe("round 9d forms (tests/data/unseen9d, labelled blind)", () => {
  it("a short heading opening with an ongoing phrase still groups its items", async () => {
    const d = await unseen9d("hebei-2023-gongye-qiye-jishu-chuangxin-ruogan-cuoshi");
    // "三、持续推进产学研用深度融合（八）加强重大科创平台建设。…" and "五、持续推进创新要素集聚（十六）…"
    const paths = d.measures.map((m) => m.path);
    expect(paths.filter((p) => p.startsWith("三"))).toEqual(["三/(八)", "三/(九)", "三/(十)", "三/(十一)", "三/(十二)"]);
    expect(paths.filter((p) => p.startsWith("五"))).toEqual(["五/(十六)", "五/(十七)", "五/(十八)"]);
    expect(d.measures).toHaveLength(18);
    // the (N)'s own brackets, deadlines and figures stay with it; the heading's 持续推进 is no deadline of anyone's
    const m = (p: string) => d.measures.find((x) => x.path === p)!;
    expect(m("五/(十八)").units.map((u) => u.name)).toEqual(["省税务局", "省科技厅"]);
    expect(m("三/(十)").deadlines.map((x) => `${x.kind}:${x.end}`)).toEqual(["period:2025-12-31"]);
    expect(d.measures.flatMap((x) => x.deadlines).filter((x) => x.kind === "ongoing")).toEqual([]);
    // the same on a short text; a heading with a paragraph of its own ("…2025年底前完成。") is still a measure
    const t = await fromText("一、持续推进数字化转型\n（一）建设工业互联网平台。（责任单位：市经信局）\n（二）培育服务商。（责任单位：市科技局）\n");
    expect(t.measures.map((x) => x.path)).toEqual(["一/(一)", "一/(二)"]);
    const own = await fromText("一、持续推进数字化转型。2025年底前完成全部改造。\n（一）建设平台。\n（二）培育服务商。\n");
    expect(own.measures.map((x) => x.path)).toEqual(["一"]);
  });
  it("a headline 'X印发关于…的通知': the body before 印发 issues", async () => {
    const d = await unseen9d("hebei-2023-gongye-qiye-jishu-chuangxin-ruogan-cuoshi");
    expect(d.issuer).toBe("河北省人民政府办公厅");
    expect(d.title).toBe("关于加快工业企业技术创新发展的若干措施");
    // row 47 of the same column (唐山 市场采购贸易 试点), its headline and wrapper as stored
    const t = await fromText(
      "河北省人民政府办公厅印发关于加快推进河北唐山国际商贸交易中心市场采购贸易方式试点工作实施方案的通知\n" +
        "唐山市人民政府，省政府有关部门：　　《关于加快推进河北唐山国际商贸交易中心市场采购贸易方式试点工作实施方案》已经省政府同意，现印发给你们，请结合本地本部门实际，认真组织实施。\n",
    );
    expect(t.issuer).toBe("河北省人民政府办公厅");
  });
  it("每年对 an object running over commas, then 给予: an award per year, no deadline", async () => {
    const d = await unseen9d("hebei-2023-gongye-qiye-jishu-chuangxin-ruogan-cuoshi");
    const due = (p: string) => d.measures.find((m) => m.path === p)!.deadlines.map((x) => `${x.kind}:${x.recurrence ?? x.end}`);
    // "每年对总投资2000万元以上，且设备（含技术、软件等）投资500万元以上的创新项目，在项目推介、金融服务等方面给予重点支持"
    expect(due("二/(六)")).toEqual([]);
    // "每年新增高新技术企业800家", "每年评选不超过10个" stay yearly tasks
    expect(due("一/(三)")).toEqual(["recurring:yearly"]);
    expect(due("五/(十七)")).toEqual(["recurring:yearly"]);
    // a yearly check of an object, with no award after it, stays a task
    expect(extractDeadlines("党支部每年对上年度组织生活情况进行检查并在党务公开栏中予以通报。", "2023-01-01").map((x) => x.recurrence)).toEqual(["yearly"]);
    expect(extractDeadlines("每年对考核优秀的孵化器，给予20万元奖励。", "2023-01-01")).toEqual([]);
  });
  it("a portal's publication footer closing the text is no unit's label; a quoted formula assigns nothing", async () => {
    const d = await unseen9d("hebei-2004-shipin-fangxin-gongcheng-shishi-fangan");
    const m = (p: string) => d.measures.find((x) => x.path === p)!;
    // "…进行督查。　　公开程序：本单位审核后公开　　责任部门：省政府办公厅秘书一处" closes the cell (every 2003–2005 row of the crawl)
    expect(m("五").text).not.toContain("公开程序");
    // "要坚持“全省统一领导、地方政府负责、部门协调指导、各方联合行动”的方针": a principle in quotes, no assignment
    expect(m("五").units).toEqual([]);
    // the prose of 四 keeps its roles: one lead per task, the bodies named with 负责 after a lead cooperate
    expect(m("四").units.map((u) => `${u.role}:${u.name}`)).toEqual([
      "lead:省质量技术监督局", "coop:省畜牧局", "coop:省水产局", "coop:省卫生厅", "coop:省质监局", "lead:省商务厅", "lead:省民族宗教事务厅",
    ]);
    // 河北 2011 残疾人事业“十二五”规划 (row 443 of the same column): "建立了“党委领导、政府负责、部门承办、社会参与”的领导体制"
    const t = await fromText("一、加强领导\n建立了“党委领导、政府负责、部门承办、社会参与”的领导体制和工作机制。\n二、落实责任\n由省民政厅负责，抓好落实。\n");
    expect(t.measures.map((x) => x.units.map((u) => `${u.role}:${u.name}`))).toEqual([[], ["responsible:省民政厅"]]);
    // a 责任部门 line that is no footer stays a label
    const lab = await fromText("一、加强督导\n开展专项督查。\n责任部门：省政府督查室\n");
    expect(lab.measures[0].units.map((u) => `${u.role}:${u.name}`)).toEqual(["responsible:省政府督查室"]);
  });
});
