// The written forms of docs/labelling.md's catalogue that the held-out set of session 30 found (tests/data/unseen14h: labelled
// blind, scored once, then opened for fixing), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";
import { measure } from "./helpers/forms.ts";
import { extractDocument } from "../extract/document.ts";
import { extractUnits } from "../extract/fields/units.ts";
import { extractTargets } from "../extract/fields/targets.ts";
import type { Region } from "../extract/schema.ts";

const doc = async (name: string) => (await extractFile(join(import.meta.dirname, "data", "unseen14h", `${name}.txt`))).document;
const roles = (units: { role: string; name: string }[]) => units.map((u) => `${u.role}:${u.name}`).sort();

describe("held-out 14h forms, 静安 and 嘉定 (fix14h-a)", () => {
  const JINGAN = "shanghai-jingan-2025-paishui-guanli-tizhi-gaige-shishi-fangan";
  const YANGPU = "shanghai-yangpu-2025-paishui-guanli-tizhi-gaige-shishi-fangan";

  it("a 任务时间表 one cell a line, 项目序号, header cells over two lines, a group cell printed once", async () => {
    const d = await doc(JINGAN);
    const row = (n: number) => d.measures.find((m) => m.path === `附件3/${n}`)!;
    expect(d.measures.filter((m) => m.path.startsWith("附件3/")).length).toBe(9);
    expect(roles(row(1).units)).toEqual(["coop:区建设管理委(区水务局)", "responsible:区政府"]);
    // row 2 prints no 任务类型 cell: aligned from the right, its 配合 cell a list of seven names
    expect(roles(row(2).units)).toEqual([
      "coop:上海城投集团", "coop:区人力资源社会保障局", "coop:区国资委", "coop:区财政局", "coop:城发集团", "coop:大宁集团", "coop:市北高新集团",
      "responsible:区建设管理委(区水务局)",
    ]);
    expect(row(2).deadlines.map((x) => x.end)).toEqual(["2025-06-30"]);
    expect(row(9).deadlines.map((x) => x.end)).toEqual(["2026-12-31"]);
  });

  it("a row cell over two lines: a bracket glued to its name, a second name its own paragraph (杨浦 附件1)", async () => {
    const d = await doc(YANGPU);
    const row = (n: number) => roles(d.measures.find((m) => m.path === `附件1/${n}`)!.units);
    expect(row(1)).toEqual(["coop:各成员单位", "responsible:区建设管理委(区水务局)"]);
    expect(row(2)).toEqual(["coop:杨浦城投集团", "coop:申浦公司", "responsible:上海城投集团", "responsible:区建设管理委(区水务局)"]);
    expect(d.measures.flatMap((m) => m.units).some((u) => u.name.startsWith("("))).toBe(false);
  });

  it("a 批转 notice naming the forwarded document in 《》: that document is the title", async () => {
    expect((await doc(JINGAN)).title).toBe("静安区排水管理体制改革实施方案");
    // 嘉定 嘉府发〔2014〕33号 (zhiyao87/Shanghai-Gov-Docs-Index), its headline and wrapper
    const text = "上海市嘉定区人民政府关于批转《关于加强本区道路下立交设施防汛防台管理工作的通知》的通知\n\n各镇人民政府，区政府有关委、办、局：\n\n" +
      "区建交委和区防汛办的请示收悉，经研究同意，现批转给你们，请按照执行。\n\n上海市嘉定区人民政府\n\n2014年6月28日\n";
    const d = extractDocument({ text, format: "txt", pages: null }, "x.txt").document;
    expect(d.title).toBe("关于加强本区道路下立交设施防汛防台管理工作的通知");
    expect(d.issuer).toBe("上海市嘉定区人民政府");
  });

  it("names on lines of their own under 职责分工: any body, a second plate, a subjectless 配合 helping a named body", async () => {
    const d = await doc(JINGAN);
    const item = (p: string) => roles(d.measures.find((m) => m.path === p)!.units);
    expect(item("四/(一)")).toEqual([
      "coop:区建设管理委(区水务局)", "lead:市级部门", "lead:市水务局", "lead:市财政局", "responsible:区建设管理委(区水务局)",
    ].sort());
    expect(item("四/(五)")).toEqual(["lead:市北高新集团"]); // 负责牵头做好…
    // 配合区雨污混接整治 (no body), 配合开展… (none), 配合区政府做好… (lead 区政府)
    expect(item("四/(八)")).toEqual(["coop:上海城投集团", "lead:区政府", "responsible:上海城投集团"]);
    // the same under "X。" titles (沪府〔2025〕24号 三): "配合相关区雨污混接整治" is a place's task, no lead 相关区
    const city = (await extractFile(join(import.meta.dirname, "data", "unseen11h3", "shanghai-2025-paishui-guanli-tizhi-gaige-fangan.txt"))).document;
    expect(roles(measure(city, "三/(三)").units)).toEqual(["coop:上海城投集团", "lead:相关区政府", "responsible:上海城投集团"]);
    // a place after 配合 is helped by nobody's unit (杨浦 四/(五) "配合杨浦区做好…")
    const yangpu = await doc(YANGPU);
    expect(roles(measure(yangpu, "四/(五)").units)).toEqual(["responsible:上海城投集团"]);
  });

  it("(由)X作为牵头部门: X leads", async () => {
    expect(roles((await doc(JINGAN)).measures.find((m) => m.path === "五")!.units)).toEqual(["lead:区建设管理委(区水务局)"]);
    const d = extractDocument({ text: "一、工作安排\n\n市司法局作为牵头单位，联合公安局开展法治宣传活动。\n", format: "txt", pages: null }, "x.txt").document;
    expect(roles(d.measures[0].units)).toEqual(["lead:市司法局"]);
  });

  const JIADING = "shanghai-jiading-2025-hehu-bengzha-changxiao-yanghu-gongzuo-shishi-yijian";

  it("zones sharing one 管委会, a subject list broken by a comma (嘉定 三)", async () => {
    const d = await doc(JIADING);
    const units = roles(measure(d, "三").units);
    for (const n of ["区水务局", "区建管委", "各镇人民政府", "街道办事处", "嘉定工业区、菊园新区管委会"]) expect(units).toContain(`responsible:${n}`);
    expect(units).toContain("lead:区财政局"); // (2) 区财政局会同区水务局…: a lead keeps one role
    // (4) "各镇人民政府、街道办事处，嘉定工业区、菊园新区管委会按照职责权限，负责…" after (2)'s lead: coop
    for (const n of ["各镇人民政府", "街道办事处", "嘉定工业区、菊园新区管委会"]) expect(units).toContain(`coop:${n}`);
    expect(units.some((u) => u.endsWith(":菊园新区管委会"))).toBe(false);
    // one name before the comma stays out (崇明 向化镇 2024 二)
    const text = "二、责任主体\n\n镇集体资产监督管理委员会是责任主体，委员会下设镇资产租赁管理办公室，办公室设在镇经济发展服务中心，具体负责日常审核。\n";
    const one = extractDocument({ text, format: "txt", pages: null }, "x.txt").document;
    expect(one.measures.flatMap((m) => m.units).some((u) => u.name.includes("下设"))).toBe(false);
  });

  it("the 印发 line after an attached table gives publishedDate", async () => {
    const d = await doc(JIADING);
    expect([d.issuedDate, d.publishedDate]).toEqual(["2025-09-09", "2025-09-09"]);
  });
});

describe("held-out 14h forms, 杨浦 and 黄浦 (fix14h-b)", () => {
  const YANGPU: Region = { province: "上海市", city: "上海市", county: "杨浦区" };
  const HUANGPU: Region = { province: "上海市", city: "上海市", county: "黄浦区" };
  const units = (text: string, region: Region) => extractUnits(text, { region, leadFirst: false }).map((u) => `${u.role}:${u.name}`).sort();

  it("仍/继续/全力 between a body and its 配合 (an adverb, as 积极/主动)", () => {
    // 杨浦 杨府发〔2025〕9号 排水 三/(一)/6; 黄浦 2025 排水 二/(三)/3
    expect(units("改革过渡期中，杨浦城投集团仍应继续配合区建设管理委（区水务局）开展既定各项任务。", YANGPU)).toEqual([
      "coop:杨浦城投集团", "lead:区建设管理委（区水务局）",
    ]);
    expect(units("区建管委（区水务局）全力配合上海城投集团推进感知体系和评估模型建设工作。", HUANGPU)).toEqual([
      "coop:区建管委（区水务局）", "lead:上海城投集团",
    ]);
  });

  it("the year a body acts from (YYYY年起) between it and its 负责", () => {
    // 杨浦 2025 排水 三/(二)/1; a prospectus on GitHub "…自2021年起负责承建与运营杭州市人工智能计算中心"
    expect(units("上海城投集团2026年起负责杨浦区涉及改革移交的公共排水设施防汛防台工作。", YANGPU)).toEqual(["responsible:上海城投集团"]);
    // a year opening the sentence keeps its reading (杨浦 2025 排水 三/(三)/2: 联合 is no role form)
    expect(units("2026年起，市、区水务部门联合对上海城投集团开展一体化运维管理绩效考核。", YANGPU)).toEqual([]);
  });

  it("X牵头制定的Y names Y by its maker: no unit", () => {
    // 杨浦 2025 排水 三/(三)/2; a page on GitHub "智合标准中心牵头制定的《人工智能软硬件数据跨境合规指南》已完成专家论证"
    expect(units("原则按照市水务局牵头制定的一体化运维管理绩效考核办法，可根据我区实际情况，在协议和合同中另行明确适合我区的区域性指标要求。", YANGPU)).toEqual([]);
    expect(units("智合标准中心牵头制定的《人工智能软硬件数据跨境合规指南》已完成专家论证。", YANGPU)).toEqual([]);
    // a 牵头 with its own object stays a lead
    expect(units("上海城投集团牵头在2026年底前建立三大片区排水感知体系。", YANGPU)).toEqual(["lead:上海城投集团"]);
  });

  it("an item titled by several bodies (、) or by a body with its second plate, under a duties heading", async () => {
    // 黄浦 2025 排水 三、职责分工
    const d = (await extractFile(join(import.meta.dirname, "data", "unseen14h", "shanghai-huangpu-2025-paishui-guanli-tizhi-gaige-shishi-fangan.txt"))).document;
    const at = (path: string) => roles(d.measures.find((m) => m.path === path)!.units);
    expect(at("三/(四)")).toEqual(["responsible:区商务委", "responsible:区城管执法局", "responsible:外滩投资集团"]);
    expect(at("三/(一)")).toEqual([
      "coop:区建管委(区水务局)", "lead:市、区两级财政部门", "lead:市水务局", "lead:市财政局", "responsible:区建管委(区水务局)",
    ]);
    // a constructed line: outside a duties heading too a 、 list of bodies titled "X。" names each, never the list as one name
    expect(units("（二）区发展改革委、区财政局。负责统筹安排改革资金。", HUANGPU)).toEqual(["responsible:区发展改革委", "responsible:区财政局"]);
  });

  it("the document's own place joined by 及 to a class of owners names no body", () => {
    // 杨浦 2025 排水 一/(一), 静安 2025 排水 三/(一)
    expect(units("未列入移交清单、未完成移交流程的排水设施仍由本区及权属部门负责管理。", YANGPU)).toEqual([]);
    // a body of the place keeps its reading
    expect(units("未列入移交清单的排水设施仍由区建设管理委（区水务局）负责管理。", YANGPU)).toEqual(["responsible:区建设管理委（区水务局）"]);
  });

  it("a count summing the kinds just listed after 按照 (opening the clause) is no target", () => {
    const counts = (text: string) => extractTargets(text).map((t) => `${t.min ?? ""}..${t.max ?? ""} ${t.unit}`);
    // 杨浦 2025 内部道路 四/(一)
    expect(counts("按照移交接管类、自治纳管类、街道托底管理类三种管理模式，对“内部道路”进行分类建档。")).toEqual([]);
    // 吴泾镇 2021 建筑垃圾 (unseen13d), 吴泾镇 2021 房屋安全 (unseen12d)
    expect(counts("将其它建设工程垃圾、装修垃圾按照砖石类、木质类、金属类、玻璃类和残渣五个类别进行分类收集、运输。")).toEqual([]);
    expect(counts("对城镇房屋按照完好房或基本完好房、一般损坏房、疑似严重损坏房、疑似危房四个等级作出初步判断。")).toEqual([]);
    // a count after a verb stays a target (杨浦 2025 内部道路 二)
    expect(counts("3年内完成16条自治管理类的“内部道路”治理任务。")).toContain("16..16 条");
  });
});

describe("held-out 14h2 forms (fix14h2)", () => {
  const FENGXIAN = "shanghai-fengxian-2023-yanglao-jigou-ranqi-anquan-zhuanxiang-zhengzhi-gongzuo-fangan";

  it("an unnumbered section heading ends the items open before it; repeated labels take the repeat suffix", async () => {
    // 奉贤民政 2023 燃气 工作方案: 重点整治内容 1.–4. / 工作安排 (一)–(三) / 工作要求 (一)–(四)
    const d = (await extractFile(join(import.meta.dirname, "data", "unseen14h2", `${FENGXIAN}.txt`))).document;
    expect(d.measures.map((m) => m.path)).toEqual(["1", "2", "3", "4", "(一)", "(二)", "(三)", "(一)#2", "(二)#2", "(三)#2", "(四)"]);
    const at = (path: string) => d.measures.find((m) => m.path === path)!;
    expect(at("4").deadlines).toEqual([]);
    expect(at("(一)").deadlines.map((x) => x.end)).toEqual(["2023-09-30", "2023-11-30"]);
    expect(at("(四)").deadlines.map((x) => x.recurrence ?? x.end)).toEqual(["monthly", "2024-03-31"]);
  });

  it("a grouping heading naming a 负责人 (a person) still groups its one item", async () => {
    // 宝山水务 2024 治本攻坚 三/(三)
    const d = (await extractFile(join(import.meta.dirname, "data", "unseen14h2", "shanghai-baoshan-2024-shuiwu-anquan-shengchan-zhiben-gongjian-shishi-fangan.txt"))).document;
    const paths = d.measures.map((m) => m.path);
    expect(paths).toContain("三/(三)/8");
    expect(paths).not.toContain("三/(三)");
  });

  it("a bureau's own office written with 局 keeps its name as canonical", async () => {
    // 宝山水务 2024 二/(一)
    const d = (await extractFile(join(import.meta.dirname, "data", "unseen14h2", "shanghai-baoshan-2024-shuiwu-anquan-shengchan-zhiben-gongjian-shishi-fangan.txt"))).document;
    const u = measure(d, "二/(一)").units.map((x) => `${x.role}:${x.name}=${x.canonical}`);
    expect(u).toContain("responsible:局安委办=局安委办");
  });

  it("a name line over the paragraph that sets the body up names no unit", () => {
    // 浦东 2021 路长制 二/(二)
    const PUDONG = { province: "上海市", city: "上海市", county: "浦东新区" };
    const names = (text: string) => extractUnits(text, { region: PUDONG, leadFirst: false }).map((u) => `${u.role}:${u.name}`);
    expect(names("2. 镇级路长办公室\n各镇政府设立镇级路长办公室，具体设置形式及成员组成可参照区级路长办公室。")).toEqual([]);
    expect(names("1. 区级路长办公室\n设立区级路长办公室，办公室设在区建交委。区级路长办公室负责全面协调浦东新区农村公路重点、难点问题。"))
      .toEqual(["responsible:区级路长办公室"]);
  });

  it("duties under a name opened by 具体", () => {
    // 浦东 2021 路长制 三/(二)
    const PUDONG = { province: "上海市", city: "上海市", county: "浦东新区" };
    const names = (text: string) => extractUnits(text, { region: PUDONG, leadFirst: false }).map((u) => `${u.role}:${u.name}`);
    expect(names("镇级路长办公室：具体落实并实施“路长制”各项工作，落实区级路长办公室下达的工作任务。")).toEqual(["responsible:镇级路长办公室"]);
    // constructed: 具体负责人 names a person
    expect(names("待办事项：具体负责人、截止日期及待执行动作。")).toEqual([]);
  });

  it("kg, the kilogram in Latin letters, is a physical unit", () => {
    // 奉贤民政 2023 燃气 2
    const t = extractTargets("对养老服务机构在地下或半地下空间使用瓶装液化石油气、存放气瓶总重量超过60kg但未设置专用气瓶间的，要依法责令限期改正。");
    expect(t.map((x) => `${x.comparator} ${x.min} ${x.unit}`)).toEqual(["> 60 kg"]);
  });

  it("a heading line under which the list goes on (not at its first label), or a sentence, ends nothing", () => {
    // constructed: the list after the heading continues (5.), so it is no new list
    const paths = (text: string) => extractDocument({ text, format: "txt", pages: null }, "x.txt").document.measures.map((m) => m.path);
    expect(paths("某某工作方案\n为做好工作，制定本方案。\n1.加强排查。\n2.加强整改。\n工作要求\n3.加强宣传。")).toEqual(["1", "2", "3"]);
  });
});
