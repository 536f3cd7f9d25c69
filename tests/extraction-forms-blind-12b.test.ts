// The written forms of docs/labelling.md's catalogue that round 12b found (tests/data/unseen12b: whole 上海 texts of the
// 建筑垃圾与材料 folder of the Shanghai-Gov-Docs-Index mirror, labelled blind, scored once), each on the real text it was found in
// and on the second text that shows the form.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadBuffer } from "../extract/loaders/index.ts";
import { extractDocument } from "../extract/document.ts";
import { extractDeadlines } from "../extract/fields/deadlines.ts";
import { extractUnits } from "../extract/fields/units.ts";
import { extractFile } from "./helpers/extract.ts";

const DATA = join(import.meta.dirname, "data", "unseen12b");
const stored = async (name: string) => (await extractFile(join(DATA, `${name}.txt`))).document;
const fromText = async (text: string) => extractDocument(await loadBuffer(Buffer.from(text), "t.txt"), "t.txt").document;
const units = (m: { units: { role: string; name: string }[] }) => m.units.map((u) => `${u.role}:${u.name}`);
const SH = { region: { province: "上海市", city: "上海市", county: null }, leadFirst: false };
const HONGKOU = "shanghai-hongkou-2022-jianzhu-laji-chuzhi-guanli-shishi-yijian";
const SONGJIANG = "shanghai-songjiang-2026-jianzhu-laji-yunshu-qingshui-xingdong-gongzuo-fangan";
const FENGXIAN = "shanghai-fengxian-2025-gongcheng-zhatu-xiaona-guanli-yijian";

describe("round 12b: a span of months written with 月 once", () => {
  it("（5-7月）, （8-9月） are periods of the base year; a duration after 中期/长期 is none", () => {
    // 松江 2026 清水行动 四、时间安排
    expect(extractDeadlines("（二）集中整治阶段（5-7月）：开展全覆盖巡查、高频次联合执法", "2026-05-07")).toMatchObject([
      { kind: "period", text: "5-7月", start: "2026-05-01", end: "2026-07-31" },
    ]);
    expect(extractDeadlines("（三）巩固提升阶段（8-9月）：总结经验做法", "2026-05-07")).toMatchObject([
      { kind: "period", start: "2026-08-01", end: "2026-09-30" },
    ]);
    // a public stage plan (GitHub): "第一阶段（1-3月）：奠基 / 第二阶段（4-6月）：加速 / 第三阶段（7-12月）：收割"
    expect(extractDeadlines("第三阶段（7-12月）：收割", "2024-01-01")).toMatchObject([{ kind: "period", start: "2024-07-01", end: "2024-12-31" }]);
    // a roadmap's "中期（1-2月）" is one to two months, no span of the calendar
    expect(extractDeadlines("中期（1-2月）开发前端可视化界面", "2024-01-01")).toEqual([]);
    expect(extractDeadlines("每户补贴1-2个", "2024-01-01")).toEqual([]);
  });
});

describe("round 12b: duties under a body's name on a line of its own", () => {
  it("each section of 三、分工与职责 is a measure; its title body and the body its paragraph names are responsible", async () => {
    const d = await stored(HONGKOU);
    const three = d.measures.filter((m) => m.path.startsWith("三/"));
    // "（三）虹口区建设和管理委员会 / 区建设管理委是本区建设工程项目（含市政项目）的主管部门，主要履行以下职责： / 1.负责督促…":
    // the numbered duties are the section's text, not measures of their own
    expect(three.map((m) => m.path)).toEqual(["(一)", "(二)", "(三)", "(四)", "(五)", "(六)", "(七)", "(八)", "(九)", "(十)", "(十一)"].map((p) => `三/${p}`));
    expect(units(three[0])).toEqual(expect.arrayContaining(["responsible:虹口区绿化和市容管理局", "responsible:区绿化市容局"]));
    expect(units(three[4])).toEqual(expect.arrayContaining(["responsible:上海市公安局虹口分局", "responsible:区公安分局"]));
    // "（六）虹口区旧区改造和房屋征收工作指挥部 / 区旧改指挥部主要履行以下职责：" (the title line is not joined to the line under it)
    expect(units(three[5])).toEqual(expect.arrayContaining(["responsible:虹口区旧区改造和房屋征收工作指挥部", "responsible:区旧改指挥部"]));
    // parties the plan regulates under such titles are no units: "（八）物业服务企业", "（十一）建设单位"
    expect(three[7].units).toEqual([]);
    expect(three[10].units).toEqual([]);
  });
  it("a list of bodies on the title line, its summing tail and a bracket naming no body read off; after the measure's lead, coop", async () => {
    const d = await stored(SONGJIANG);
    // "三、组织领导与责任分工 / …由区绿化市容局牵头，…为成员单位… / （二）区建管委、区交通委、区水务局、区房管局等建设主管部门 / 压实… /
    // （三）区公安分局（交管） / 对…实施24小时动态巡查… / （四）城管执法部门 / 依法严查…"
    expect(units(d.measures.find((m) => m.path === "三")!)).toEqual([
      "lead:区绿化市容局", "coop:区建管委", "coop:区交通委", "coop:区水务局", "coop:区房管局", "coop:区公安分局", "coop:城管执法部门",
    ]);
  });
  it("a name line with a verb is a sentence broken over lines, no title; a body's name line is not joined", async () => {
    // (a line of 20+ characters ending like a body: a broken sentence is joined, a title of duties is not)
    const d = await fromText("一、任务\n（二）支持各区人民政府和临港新片区管理委员会\n开展建筑垃圾资源化利用试点。\n（三）加强监管。");
    expect(d.measures.map((m) => m.path)).toEqual(["一/(二)", "一/(三)"]);
    expect(d.measures[0].text).toMatch(/管理委员会开展/);
    const t = await fromText("三、分工与职责\n（六）虹口区旧区改造和房屋征收工作指挥部\n区旧改指挥部主要履行以下职责：\n1.落实旧区改造房屋征收地块拆房垃圾全额申报；\n（七）各街道办事处\n负责辖区内建筑垃圾管理。");
    expect(t.measures.map((m) => m.path)).toEqual(["三/(六)", "三/(七)"]);
    expect(t.measures[0].text).toMatch(/工作指挥部\n区旧改指挥部/);
  });
  it("X是…的主管部门，负责…: the 是-clause between a body and its 负责 is read over", () => {
    // 虹口 三/(一) "区绿化市容局是本区建筑垃圾处理的主管部门，负责本区域内建筑垃圾处理的具体管理工作"; an organisation profile on
    // GitHub "吉尔吉斯斯坦交通与通信部是国家交通运输和通信行业的主管部门，负责制定和落实国家政策"
    expect(units({ units: extractUnits("区公安分局是本区维护道路交通安全、交通秩序的执法部门，负责对建筑垃圾运输车辆交通肇事…进行处罚。", SH) })).toEqual([
      "responsible:区公安分局",
    ]);
  });
});

describe("round 12b: 会同 forms in a duties list", () => {
  it("X负责会同Y is X会同Y; a bare 会同 after a comma has the body opening its sentence as subject", async () => {
    const d = await stored(FENGXIAN);
    const six = units(d.measures.find((m) => m.path === "六")!);
    // "公安奉贤分局负责会同区城管执法局、区交通委打击“黑车”运输土方行为"
    expect(six).toEqual(expect.arrayContaining(["lead:公安奉贤分局", "coop:区城管执法局", "coop:区交通委"]));
    expect(six).not.toContain("responsible:公安奉贤分局");
    // "区规划资源局进行全区域空间梳理，会同区绿化市容局编制《渣土消纳场所专项规划》"
    expect(six).toEqual(expect.arrayContaining(["lead:区规划资源局", "coop:区绿化市容局"]));
    // the duties written before the first lead stay responsible ("区绿化市容局负责本区土方处理的具体管理工作" opens 六);
    // those after it cooperate ("区水务局负责审核…")
    expect(six).toEqual(expect.arrayContaining(["responsible:区绿化市容局", "coop:区水务局", "coop:区生态环境局"]));
    // 河北 冀公治〔2024〕450号 七/(一) (tests/data/unseen11c) "各级公安机关要充分认识到…，强化组织领导，会同有关部门成立工作专班"
    expect(units({ units: extractUnits("各级公安机关要充分认识到保卫管理员职业等级认定的重要意义，强化组织领导，会同有关部门成立工作专班，制定工作计划。", SH) })).toEqual([
      "lead:各级公安机关", "coop:有关部门",
    ]);
  });
});
