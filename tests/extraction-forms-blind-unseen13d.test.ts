// The written forms of docs/labelling.md's catalogue that round 13d found (tests/data/unseen13d: whole 上海 town-level texts,
// labelled by hand before the extractor ran on them), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";
import { parseLabel } from "../extract/structure/labels.ts";
import { extractTargets } from "../extract/fields/targets.ts";
import { parseSentence } from "../extract/parse.ts";

const UNSEEN13D = join(import.meta.dirname, "data", "unseen13d");
const unseen13d = async (name: string) => (await extractFile(join(UNSEEN13D, `${name}.txt`))).document;
const ZULIN = "shanghai-minhang-wujing-2023-guimohua-juzhu-zulin-changsuo-changxiao-guanli-gongzuo-zhidu";
const XIANGHUA = "shanghai-chongming-xianghua-2024-nongcun-jiti-zichan-zulin-guanli-gongzuo-fangan";
const SHANYANG = "shanghai-jinshan-shanyang-2022-jianshe-yongdi-jianlianghua-buchang-zhidaoxing-yijian";

describe("round 13d forms (tests/data/unseen13d, labelled blind)", () => {
  it("numerals with a full stop, one character each (⒈ … ⒛), are the labels 1 … 20", async () => {
    expect(parseLabel("⒈土地使用权")).toMatchObject({ type: "num", n: 1, label: "1", rest: "土地使用权" });
    expect(parseLabel("⒍企业停产停业损失补偿")).toMatchObject({ label: "6" });
    expect(parseLabel("⒛其他")).toMatchObject({ label: "20" });
    const d = await unseen13d(SHANYANG);
    // "（一）集体土地非居 / ⒈土地使用权 / … / ⒏其他补偿": a short heading over ⒈–⒏, the items the measures
    expect(d.measures.map((m) => m.path)).toEqual([
      "一", ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `二/(一)/${n}`), "二/(二)", "二/(三)/1", "二/(三)/2", "三",
    ]);
    // ⒍ "按200-300元/㎡进行补偿。…镇政府给予200元/㎡。" on its own item
    const m6 = d.measures.find((m) => m.path === "二/(一)/6")!;
    expect(m6.targets.map((t) => `${t.comparator}${t.min}/${t.max}${t.unit}`)).toEqual(["range200/300元", "=200/200元"]);
  });

  it("X牵头领导小组…工作: 牵头 is the verb and 领导小组… its object (牵头领导, the official in charge, stays a noun)", async () => {
    const d = await unseen13d(ZULIN);
    // 四 "领导小组办公室负责…。…具体分工如下： / 房管所牵头领导小组办公室工作，负责监管长租公寓… / 经发办负责监管企业自行建造的职工宿舍…"
    const m = d.measures.find((x) => x.path === "四")!;
    const roles = m.units.map((u) => `${u.role} ${u.name}`);
    expect(roles).toContain("lead 房管所");
    expect(roles).toContain("responsible 领导小组办公室"); // written before the lead
    expect(roles).toContain("coop 经发办"); // after the lead: coop in text order
    expect(roles).not.toContain("responsible 经发办");
    const units = (s: string) => parseSentence(s).units.map((u) => `${u.role} ${u.name}`);
    // 牵头领导 as a noun: "各牵头领导、责任单位要高度重视…" (a 政府工作报告 分解 notice in tests/data) names no lead
    expect(units("各牵头领导、责任单位要高度重视，认真研究推进措施。")).toEqual([]);
    expect(units("区房管局牵头领导小组办公室日常工作。")).toEqual(["lead 区房管局"]);
  });

  it("a year range in brackets right after a plan's 《title》 is its period, and a bracket saying when a cited text was made dates the citation: no deadlines", async () => {
    const d = await unseen13d(SHANYANG);
    // 一 "《山阳镇郊野单元规划》（2017-2035年）确定的…减量化任务，总量为218.87公顷。"; 二/(二)/2 "参照《上海市国有土地上房屋征收与补偿
    // 实施细则》（2011年10月19日上海市人民政府令第71号公布），…"
    expect(d.measures.flatMap((m) => m.deadlines)).toEqual([]);
    const dl = (s: string) => parseSentence(s, "2022-07-19").deadlines.map((x) => x.text);
    // 奉贤 2022 应急避难场所 实施方案 (tests/data/unseen13b): two cited plans with their periods after the 》
    expect(dl("配建设置/融入新建项目依据《上海市奉贤区民防及应急避难场所专项规划》（2017-2035）和《奉贤新城人民防空建设专业规划》（2021-2035年）进行规划并推进落实。")).toEqual([]);
    // a city's list of its government rules (a public page): "（2019年12月12日市政府令第2号公布  自2020年1月12日起施行）"
    expect(dl("《宜春市城市市容和环境卫生管理办法》（2019年12月12日市政府令第2号公布  自2020年1月12日起施行）")).toEqual([]);
    // a deadline in a bracket after a title is still one; so is one after the bracket
    expect(dl("制定《实施细则》（2024年6月底前完成），2025年底前全面实施。")).toEqual(["2024年6月底前", "2025年底前"]);
  });

  it("以上/以下 closing a figure is its bound, not a pointer to a list: N以上M以下 with a measure word is a range", async () => {
    const figs = (s: string) => extractTargets(s).map((t) => `${t.comparator}${t.min ?? ""}/${t.max ?? ""}${t.unit}`);
    // 向化 四 "即500平方米以下的，每平方米每天的基础价格为1元，500平方米以上3000平方米以下的为0.8元，3000平方米以上的为0.5元"
    const d = await unseen13d(XIANGHUA);
    const m = d.measures.find((x) => x.path === "四")!;
    expect(m.targets.map((t) => `${t.comparator}${t.min ?? ""}/${t.max ?? ""}${t.unit}`)).toContain("range500/3000平方米");
    // the same shape of counts, as money has it ("5000万元以上1亿元以下" in the accident statute, public code on GitHub)
    expect(figs("面积500亩以上3000亩以下")).toEqual(["range500/3000亩"]);
    expect(figs("或者5000万元以上1亿元以下直接经济损失")).toEqual(["range50000000/100000000元"]);
    // casualties still grade the event meant (崇明 2017 高层建筑 五/(十一), unseen13b): no 9 人 after "亡3人以上"
    expect(figs("发生亡3人以上9人以下的火灾，按照规定提请市政府组织调查。")).toEqual([]);
    // the pointer to the items above still counts no target
    expect(figs("以上3项措施由各部门负责落实。")).toEqual([]);
  });

  it("a bare head after a body 下设 is the unit as written (contract: name as written)", async () => {
    // 向化 二 "…委员会下设镇农村集体资产租赁管理办公室，办公室设在镇经济发展服务中心，具体负责本镇农村集体资产租赁的日常审核和监督管理"
    const d = await unseen13d(XIANGHUA);
    expect(d.measures.find((x) => x.path === "二")!.units.map((u) => `${u.role} ${u.name}`)).toEqual(["responsible 办公室"]);
    // 崇明 2017 高层建筑 (tests/data/unseen13b) "协调小组下设办公室，…具体负责…": the same
    expect(parseSentence("成立协调小组，协调小组下设办公室，办公室具体负责日常工作。").units.map((u) => u.name)).toEqual(["办公室"]);
  });

  it("a town's 管理所 / 监管所 / 水务站 end like a body", async () => {
    const d = await unseen13d(ZULIN);
    // 四 "…派出所负责监管… / 市场监督管理所负责做好…经营主体资质的审核… / 水务站负责做好对二次供水建设的指导服务。"
    const roles = d.measures.find((x) => x.path === "四")!.units.map((u) => `${u.role} ${u.name}`);
    expect(roles).toContain("coop 市场监督管理所");
    expect(roles).toContain("coop 水务站");
    const units = (s: string) => parseSentence(s).units.map((u) => `${u.role} ${u.name}`);
    // 友谊路街道 2019 (tests/data/unseen13a) names 房屋事务管理所 and 绿化市容所 among a street's offices; a water app's executor
    // "乡镇水务站" (GitHub)
    expect(units("房屋事务管理所负责督促物业公司落实。")).toEqual(["responsible 房屋事务管理所"]);
    expect(units("镇水务站负责河道巡查。")).toEqual(["responsible 镇水务站"]);
    // 管理所 inside a phrase names no body
    expect(units("加强管理所需经费保障。")).toEqual([]);
  });

  it("an amount of money right after 每年 is a price per year, no recurring task", async () => {
    // 向化 四 "农村集体建设用地租赁价格不低于每年1万元/亩。"
    const d = await unseen13d(XIANGHUA);
    expect(d.measures.find((x) => x.path === "四")!.deadlines).toEqual([]);
    const dl = (s: string) => parseSentence(s, "2024-12-17").deadlines.map((x) => `${x.text} ${x.recurrence}`);
    // a lease-review tool's test sentence on GitHub
    expect(dl("租赁期限为三十年，租金每年一万元。")).toEqual([]);
    // a task per year still recurs (a data-security rule quoted on GitHub: "专项审计不低于每年一次")
    expect(dl("专项审计不低于每年一次。")).toEqual(["每年 yearly"]);
    expect(dl("每年安排资金500万元。")).toEqual(["每年 yearly"]);
  });
});
