// Precision forms, round 14: label values and prose heads that name bodies or do not (docs/labelling.md catalogue, Units),
// each form on the real text lines it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractUnits } from "../extract/fields/units.ts";
import { extractDeadlines } from "../extract/fields/deadlines.ts";
import type { Region } from "../extract/schema.ts";
import { extractFile } from "./helpers/extract.ts";

const SHANGHAI_MINHANG: Region = { province: "上海市", city: "上海市", county: "闵行区" };
const SHANGHAI_BAOSHAN: Region = { province: "上海市", city: "上海市", county: "宝山区" };
const units = (text: string, region: Region) => extractUnits(text, { region, leadFirst: false }).map((u) => `${u.role}:${u.name}`);
const doc = async (set: string, name: string) => (await extractFile(join(import.meta.dirname, "data", set, `${name}.txt`))).document;

describe("precision forms, round 14", () => {
  it("a town's or district's local units (各村, 各街道, 各街镇, 相关街镇) are a generic group: a unit under a duty colon", async () => {
    // 吴泾镇 建筑垃圾治理 通知 (unseen13d) 二/(十): the villages' duties under their group's name
    const d = await doc("unseen13d", "shanghai-minhang-wujing-2021-jianzhu-laji-zhili-tongzhi");
    expect(d.measures.find((x) => x.path === "二/(十)")!.units.map((u) => `${u.role}:${u.name}`)).toEqual(["responsible:各村"]);
    expect(units("各村：负责在镇政府及行业管理部门的指导下，做好村辖区内建筑垃圾及无主垃圾处理的源头管理、规范运输处置等。", SHANGHAI_MINHANG)).toEqual(["responsible:各村"]);
    // the same groups stand in labelled lists: 静安 2019 消防救援 三年行动计划 (unseen13b) 二/(一)/2
    expect(units("（责任单位：区应急局、区消防支队、各街镇，配合单位：区财政局）", SHANGHAI_MINHANG)).toEqual(["responsible:区应急局", "responsible:区消防支队", "responsible:各街镇", "coop:区财政局"]);
    // no role word, no unit: 罗店镇 市容环境 考核 (unseen13a) 二/(三)
    expect(units("镇规保办每月对各村考核一次。", SHANGHAI_BAOSHAN)).toEqual([]);
  });
  it("a label whose value is a clause (按照/根据/依据/结合/视情/由…确定) names no unit; after a group the name ends at the clause word", () => {
    // the lead's brief, session 30 (no stored or public text found): the label's value is a clause, not a list of bodies
    expect(units("加强监管执法。（责任单位：按照职责分工负责）", SHANGHAI_MINHANG)).toEqual([]);
    expect(units("牵头单位：根据工作需要确定", SHANGHAI_MINHANG)).toEqual([]);
    expect(units("责任单位：按照职责分工，各司其职", SHANGHAI_MINHANG)).toEqual([]);
    expect(units("责任单位：由区政府确定", SHANGHAI_MINHANG)).toEqual([]);
    expect(units("责任单位：视情确定", SHANGHAI_MINHANG)).toEqual([]);
    expect(units("责任单位：各有关部门按职责分工", SHANGHAI_MINHANG)).toEqual(["responsible:各有关部门"]);
    // the clause after a list keeps its reading: 广东 2025 数字广东 (unseen5b) "责任单位：省有关部门按职责分工负责"
    expect(units("（责任单位：省有关部门按职责分工负责）", SHANGHAI_MINHANG)).toEqual(["responsible:省有关部门"]);
    expect(units("（责任单位：由市财政局负责）", SHANGHAI_MINHANG)).toEqual(["responsible:市财政局"]);
  });
  it("a meeting named by its period (月度/季度 + 例会), held (召开/举行), recurs; named before the verb as the case may be, none", async () => {
    // 吴泾镇 规模化居住租赁场所 工作制度 (unseen13d) 五/(一)
    const d = await doc("unseen13d", "shanghai-minhang-wujing-2023-guimohua-juzhu-zulin-changsuo-changxiao-guanli-gongzuo-zhidu");
    expect(d.measures.find((x) => x.path === "五/(一)")!.deadlines).toEqual([
      { text: "月度工作例会", kind: "recurring", start: null, end: null, recurrence: "monthly" },
    ]);
    const kinds = (t: string) => extractDeadlines(t, "2023-05-01").map((x) => `${x.kind}:${x.recurrence}:${x.text}`);
    expect(kinds("季度或年度工作例会由领导小组视情形召开。")).toEqual([]);
    // a services proposal on GitHub: a mechanism of meetings, no task held
    expect(kinds("项目团队实行月度例会、周例会、日站会三级沟通机制，确保信息同步与问题快速升级。")).toEqual([]);
    expect(kinds("区住房保障局每季度召开季度例会。")).toEqual(["recurring:quarterly:每季度"]);
  });
});
