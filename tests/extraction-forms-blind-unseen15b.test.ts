// The written forms of docs/labelling.md's catalogue that round 15b found (tests/data/unseen15b: one whole 山东 text and three whole
// 河北 province texts, labelled by hand before the extractor ran on them), each on the real text it was found in and on its second
// real text.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";
import { measure } from "./helpers/forms.ts";
import { parseSentence } from "../extract/parse.ts";
import { canonicalUnit } from "../extract/fields/unit-canonical.ts";

const UNSEEN15B = join(import.meta.dirname, "data", "unseen15b");
const unseen15b = async (name: string) => (await extractFile(join(UNSEEN15B, `${name}.txt`))).document;
const FUWU = "hebei-2022-zhengwu-fuwu-biaozhunhua-guifanhua-bianlihua-ruogan-cuoshi";
const GONGKAI = "hebei-2022-zhengwu-gongkai-zhuanqu-jianshe-tongzhi";
const YIDONGDUAN = "hebei-2021-yitihua-zhengwu-fuwu-pingtai-yidongduan-jianshe-fangan";

const units = (s: string) => parseSentence(s).units.map((u) => `${u.role} ${u.name}`);
const deadlines = (s: string, base: string) => parseSentence(s, base).deadlines.map((d) => `${d.text} ${d.end}`);
const targets = (s: string) => parseSentence(s).targets.map((t) => `${t.comparator}${t.min}/${t.max}${t.unit}`);

describe("round 15b forms (tests/data/unseen15b, labelled blind)", () => {
  it("千人千面 / 千人一面 are idioms, no count of 人", async () => {
    // 河北 2021 移动端 建设方案 三/(二) "技术支撑层提供API网关、流程引擎、对象存储、配合中心等技术组件以及千人千面、智能问答、语音导航、云认证等技术服务"
    expect(targets("技术支撑层提供API网关、流程引擎、对象存储、配合中心等技术组件以及千人千面、智能问答、语音导航、云认证等技术服务。")).toEqual([]);
    // a push-service comparison on GitHub: "基于MobTech大数据标签体系，针对不同场景和用户群体，实现千人千面的精准推送"; a JavaWeb note: "访问同一个
    // 静态资源时, 是千人一面, …访问同一个动态资源时, 是千人千面"
    expect(targets("基于MobTech大数据标签体系，针对不同场景和用户群体，实现千人千面的精准推送")).toEqual([]);
    expect(targets("访问同一个静态资源时, 是千人一面, 大家看到的都是相同的东西; 访问同一个动态资源时, 是千人千面")).toEqual([]);
    // a count of people still counts (an earlier set's line: "到2025年，开展线上线下农民教育培训20万人次以上")
    expect(targets("到2025年，开展线上线下农民教育培训20万人次以上")).toEqual([">=200000/null人次"]);
    const d = await unseen15b(YIDONGDUAN);
    expect(measure(d, "三/(二)").targets).toEqual([]);
  });

  it("a date after 已于 (what was done) is no deadline", async () => {
    // 河北 2022 政务公开专区 二 "《政务公开专区建设指南》（DB13/T5480-2022）已于2022年2月28日由省市场监管局发布"
    expect(deadlines("《政务公开专区建设指南》（DB13/T5480-2022）已于2022年2月28日由省市场监管局发布，政务公开专区建设要按照指南明确的标准指引。", "2022-03-07")).toEqual([]);
    // 虹口 2022 建筑垃圾 (tests/data/unseen12b) wrapper "《…实施意见》已于2022年12月21日经区政府第23次常务会议审议通过，现印发给你们"
    expect(deadlines("《关于加强和规范建筑垃圾处置管理的实施意见》已于2022年12月21日经区政府第23次常务会议审议通过，现印发给你们。", "2022-12-28")).toEqual([]);
    // a due date is still read, also with 于 alone
    expect(deadlines("并于2022年1月10日前将负责人员及联系方式报送至省政务服务管理办公室。", "2021-12-27")).toEqual(["2022年1月10日前 2022-01-10"]);
    // 河北 2024 银龄讲学 (tests/data/unseen11a) "请参加银龄讲学计划的市于2024年8月10日前…报送…"
    expect(deadlines("请参加银龄讲学计划的市于2024年8月10日前报送。", "2024-07-01")).toEqual(["2024年8月10日前 2024-08-10"]);
    const d = await unseen15b(GONGKAI);
    expect(measure(d, "二").deadlines).toEqual([]);
  });

  it("X总牵头 (the overall lead) is X牵头", async () => {
    // 河北 2022 政务公开专区 四/(一) "省政府办公厅总牵头，各级政务公开主管部门承担推进、指导、协调、监督职责"
    expect(units("省政府办公厅总牵头，各级政务公开主管部门承担推进、指导、协调、监督职责，各级财政部门做好资金支持。")).toEqual(["lead 省政府办公厅"]);
    // AutoAgent's README (GitHub) writes the same role word for the one over the others: "你提需求，Manager 负责总牵头，Planner 拆解，
    // Developer 实施，Tester 验证" (no body: no unit)
    expect(units("你提需求，Manager 负责总牵头，Planner 拆解，Developer 实施，Tester 验证")).toEqual([]);
    // 总牵头 as a noun stays none: "建设单位或经营者是小型工程的总牵头单位" (吴淞 2024, tests/data/unseen14a), "居委党组织承担社区总牵头的责任"
    // (友谊路 2019, tests/data/unseen13a); "由李总牵头" (a person's title, a meeting minute on GitHub) names no body
    expect(units("建设单位或经营者是小型工程的总牵头单位，对工程承担全面责任。")).toEqual([]);
    expect(units("居委党组织承担社区总牵头的责任。")).toEqual([]);
    expect(units("决议：由李总牵头，成立评审准备小组")).toEqual([]);
    const d = await unseen15b(GONGKAI);
    expect(measure(d, "四/(一)").units).toContainEqual(expect.objectContaining({ role: "lead", name: "省政府办公厅", canonical: "河北省政府办公厅" }));
  });

  it("乡镇政府, a lower tier's governments named as a class, keep their name as canonical", async () => {
    const hebei = { province: "河北省", city: null, county: null };
    // 河北 2022 政务服务 若干措施 五/(一) "乡镇政府和街道办事处负责本辖区政务服务具体工作" (read as 河北省乡镇政府)
    expect(canonicalUnit("乡镇政府", hebei)).toBe("乡镇政府");
    expect(canonicalUnit("乡镇人民政府", hebei)).toBe("乡镇人民政府");
    // 上海 2024 建筑垃圾 (tests/data/unseen12b) "乡镇政府、街道办事处要切实履行…" in a city document
    expect(canonicalUnit("乡镇政府", { province: "上海市", city: "上海市", county: null })).toBe("乡镇政府");
    // a department is still qualified
    expect(canonicalUnit("省政务服务管理办公室", hebei)).toBe("河北省政务服务管理办公室");
    const d = await unseen15b(FUWU);
    expect(measure(d, "五/(一)").units).toContainEqual(expect.objectContaining({ role: "responsible", name: "乡镇政府", canonical: "乡镇政府" }));
  });
});
