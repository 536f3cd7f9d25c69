// The written forms of docs/labelling.md's catalogue that round 9c found (tests/data/unseen9c: whole NATIONAL texts from the
// 河北省科学技术厅 site's 国家政策文件 column, labelled by hand before the extractor ran on them), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractDeadlines } from "../extract/fields/deadlines.ts";
import { extractTargets } from "../extract/fields/targets.ts";
import { extractUnits } from "../extract/fields/units.ts";
import { jointIssuers } from "../extract/fields/metadata/issuer.ts";
import { extractFile } from "./helpers/extract.ts";

const UNSEEN9C = join(import.meta.dirname, "data", "unseen9c");
const unseen9c = async (name: string) => (await extractFile(join(UNSEEN9C, `${name}.txt`))).document;
const ctx = { region: { province: null, city: null, county: null }, leadFirst: false };
const roles = (text: string) => extractUnits(text, ctx).map((u) => `${u.role}:${u.name}`);

describe("round 9c forms (tests/data/unseen9c, labelled blind)", () => {
  it("a deadline label whose value is a bare year: due by that year's end", async () => {
    const d = await unseen9c("guojia-2020-nongye-keji-shehuihua-fuwu-ruogan-yijian");
    // "（牵头部门：农业农村部，完成时限：2022年）", "…完成时限：2025年）", "…完成时限：持续推进）"
    const due = (path: string) => d.measures.find((m) => m.path === path)!.deadlines.map((x) => `${x.kind}:${x.end ?? x.text}`);
    expect(due("二/(三)")).toEqual(["date:2022-12-31"]);
    expect(due("五/(十四)")).toEqual(["date:2025-12-31"]);
    expect(due("六/(十六)")).toEqual(["ongoing:持续推进"]);
    expect(d.measures.flatMap((m) => m.deadlines)).toHaveLength(15);
    // a labelled line in a table does the same; a bare year in running text, or a year with more after it, does not
    expect(extractDeadlines("完成时间：2023年\n", "2022-03-01").map((x) => x.end)).toEqual(["2023-12-31"]);
    expect(extractDeadlines("2022年，全市新建5G基站2600个。", "2022-03-01")).toEqual([]);
    expect(extractDeadlines("（完成时限：2022年推进）", "2022-03-01")).toEqual([]);
  });
  it("a 牵头部门 value closed by 按职责分工负责 keeps the label's role", async () => {
    const d = await unseen9c("guojia-2020-nongye-keji-shehuihua-fuwu-ruogan-yijian");
    // "（牵头部门：财政部、银保监会、科技部、农业农村部按职责分工负责，完成时限：持续推进）"
    expect(d.measures.find((m) => m.path === "六/(十六)")!.units.map((u) => `${u.role}:${u.name}`)).toEqual([
      "lead:财政部", "lead:银保监会", "lead:科技部", "lead:农业农村部",
    ]);
    // a lead named inside the value still makes the others cooperate; a 责任单位 value stays responsible
    expect(roles("（牵头单位：市财政局牵头，市科技局按职责分工负责）")).toEqual(["lead:市财政局", "coop:市科技局"]);
    expect(roles("（责任单位：市财政局、市科技局按职责分工负责）")).toEqual(["responsible:市财政局", "responsible:市科技局"]);
  });
  it("parties named in a closing '（…负责落实）' bracket are kept, with the bodies beside them", async () => {
    const d = await unseen9c("guowuyuan-2021-zhongyang-caizheng-keyan-jingfei-ruogan-yijian");
    const units = (path: string) => d.measures.find((m) => m.path === path)!.units.map((u) => `${u.role}:${u.name}`);
    // "（财政部、项目管理部门、项目承担单位负责落实）"
    expect(units("二/(五)")).toEqual(["responsible:财政部", "responsible:项目管理部门", "responsible:项目承担单位"]);
    // "（中央级科研院所负责落实）": 院所 (research institutes) ends like a body
    expect(units("三/(八)")).toEqual(["responsible:中央级科研院所"]);
    // "（有关部门、项目承担单位负责落实）": the bracket is explicit, so the prose "科技主管部门要牵头…" gives nothing
    expect(units("七/(二十三)")).toEqual(["responsible:有关部门", "responsible:项目承担单位"]);
    // "（科技部、财政部会同有关部门负责落实）"
    expect(units("七/(二十四)")).toEqual(["lead:科技部", "lead:财政部", "coop:有关部门"]);
    // in prose a party is still no unit (05: "实施过程中的管理主要由项目承担单位负责")
    expect(roles("实施过程中的管理主要由项目承担单位负责。")).toEqual([]);
  });
  it("a time limit written in 日, not the day of a date", async () => {
    const d = await unseen9c("guowuyuan-2021-zhongyang-caizheng-keyan-jingfei-ruogan-yijian");
    // "在项目任务书签订后30日内，将经费拨付至项目承担单位"
    const t = d.measures.find((m) => m.path === "二/(五)")!.targets;
    expect(t.map((x) => `${x.comparator}:${x.max}:${x.unit}`)).toEqual(["<=:30:日"]);
    // 科技伦理审查办法 (国科发监〔2023〕167号, the same column): "一般应在申请受理后的30日内作出审查决定"
    expect(extractTargets("科技伦理（审查）委员会一般应在申请受理后的30日内作出审查决定").map((x) => `${x.comparator}:${x.max}:${x.unit}`)).toEqual(["<=:30:日"]);
    // the day of a date, or a bare day, is no time limit
    expect(extractTargets("请于6月30日前报送；每月10日前报送；自2023年7月1日起施行。")).toEqual([]);
  });
  it("the issuer of a 转发 notice, and ministries side by side before 印发《…》", async () => {
    // "国务院办公厅转发商务部科技部关于进一步鼓励外商投资设立研发中心若干措施的通知": the body that forwards issues
    const w = await unseen9c("guowuyuan-2023-waishang-yanfa-zhongxin-ruogan-cuoshi");
    expect([w.issuer, w.docNumber, w.issuedDate, w.title]).toEqual(["国务院办公厅", "国办函〔2023〕7号", "2023-01-11", "关于进一步鼓励外商投资设立研发中心的若干措施"]);
    // "科技部 农业农村部 … 中华全国供销合作总社印发《关于…》的通知", signed by the seven run together two or three a line
    const n = await unseen9c("guojia-2020-nongye-keji-shehuihua-fuwu-ruogan-yijian");
    expect([n.issuer, n.issuedDate]).toEqual(["科技部", "2020-07-08"]);
    expect(jointIssuers("科技部 教育部 财政部印发《关于某事的意见》的通知")).toEqual(["科技部", "教育部", "财政部"]);
    expect(jointIssuers("关于 印发 某市 方案的通知")).toEqual([]);
  });
  it("the 外资研发中心 若干措施: '（…按职责分工负责）' and '（X牵头，Y等部门和各省级人民政府按职责分工负责）'", async () => {
    const d = await unseen9c("guowuyuan-2023-waishang-yanfa-zhongxin-ruogan-cuoshi");
    expect(d.measures).toHaveLength(16);
    expect(d.measures.find((m) => m.path === "二/(七)")!.units.map((u) => `${u.role}:${u.name}`)).toEqual([
      "lead:中央网信办", "coop:工业和信息化部", "coop:公安部", "coop:各省级人民政府",
    ]);
  });
});
