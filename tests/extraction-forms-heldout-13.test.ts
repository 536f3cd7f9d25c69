// The written forms of docs/labelling.md's catalogue that the held-out sets of session 29 found (tests/data/unseen13h, unseen13h2:
// labelled blind, scored once, then opened for fixing), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";
import { measure } from "./helpers/forms.ts";
import { extractDeadlines } from "../extract/fields/deadlines.ts";
import { repairText } from "../extract/structure/repair.ts";
import { tableHeader, tableRow } from "../extract/structure/task-rows.ts";
import { extractUnits } from "../extract/fields/units.ts";
import { isParty } from "../extract/fields/unit-aliases.ts";

describe("held-out 13h forms, the task table of 上海 城市综合交通体系 工作方案 (fixh-a)", () => {
  const NAME = "shanghai-2024-chengshi-zonghe-jiaotong-tixi-jianshe-gongzuo-fangan";
  const doc = async () => (await extractFile(join(import.meta.dirname, "data", "unseen13h", `${NAME}.txt`))).document;
  const TABLE = "全面推进城市综合交通体系建设任务分解表";
  const roles = (units: { role: string; name: string }[]) => units.map((u) => `${u.role}:${u.name}`);

  it("a task table under its own title after the body, no 附件 label: the title is the rows' first path segment", async () => {
    const d = await doc();
    const paths = d.measures.map((m) => m.path);
    expect(paths.filter((p) => p.startsWith(`${TABLE}/`))).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => `${TABLE}/一/${n}`),
      ...[8, 9, 10, 11, 12].map((n) => `${TABLE}/二/${n}`),
      ...[13, 14, 15, 16, 17].map((n) => `${TABLE}/三/${n}`),
    ]);
    expect(paths.some((p) => p.includes("#"))).toBe(false);
    // the body keeps its own paths, and its last item does not take the title line
    expect(paths.slice(0, 14)).toContain("四/(三)");
    expect(measure(d, "四/(三)").text).not.toContain(TABLE);
  });

  it("unit columns before the task columns, one cell a line: rows placed by their unit run", async () => {
    const d = await doc();
    const row = (n: string) => roles(d.measures.find((m) => m.path === `${TABLE}/${n}`)!.units);
    expect(row("一/1")).toEqual(["lead:综合规划处", "coop:委内各相关处室"]);
    expect(row("一/2")).toEqual(["lead:综合规划处"]); // "—" in 配合部门
    expect(row("一/3")).toEqual(["lead:交通建设处", "coop:设施养护处"]); // 内容 merged with row 2
    expect(row("一/6")).toEqual(["lead:客运处"]);
    // more names than unit columns: the first printed is the 牵头 cell, the rest one 配合 cell
    expect(row("一/7")).toEqual(["lead:设施运行处", "coop:综合规划处", "coop:设施养护处"]);
    expect(row("三/13")).toEqual(["lead:安全监管处", "coop:交通建设处", "coop:设施养护处", "coop:轨道交通处"]);
    // the 2024 cell of row 1 holds three numbered lines, then the 2025 cell three more: all are the row's text
    const r1 = d.measures.find((m) => m.path === `${TABLE}/一/1`)!.text;
    expect(r1).toContain("3.继续推进与市规划资源局联合发文");
    expect(r1).toContain("3.启动相关区的综合交通规划编制。");
    expect(r1).not.toMatch(/牵头单位:[^\n]*1\./);
  });

  it("the later cells are the row's text: targets and deadlines are read there, the header's years are none", async () => {
    const d = await doc();
    const m = (n: string) => d.measures.find((x) => x.path === `${TABLE}/${n}`)!;
    expect(m("二/10").deadlines.map((x) => x.end)).toEqual(["2024-12-31", "2025-12-31"]);
    expect(m("二/10").targets.map((t) => t.min)).toEqual([30, 4500, 1500, 30, 4500, 1500]);
    expect(m("一/7").targets.map((t) => `${t.min}${t.unit}`)).toEqual(["120项", "120项"]);
    expect(m("一/1").deadlines).toEqual([]);
    // the header cells map: 内容 the task column, the two year columns further task columns, 备注 none
    const cols = tableHeader(["序号", "内容", "牵头部门", "配合部门", "2024年工作任务", "2025年工作计划", "备注"])!;
    expect(cols.more).toEqual([4, 5]);
    expect(tableRow(["9", "加强充换电站", "科技信息处", "设施运行处", "完成…建设目标。", "全年新增约1万个公共充电桩。", ""], cols).more).toBe("完成…建设目标。\n全年新增约1万个公共充电桩。");
  });

  it("a row's task cell merged, an empty cell printed —: the cells line up (repair output)", () => {
    const text = "某某工作方案\n\n一、甲\n\n二、乙\n\n某某工作任务分解表\n\n序号\n\n内容\n\n牵头部门\n\n配合部门\n\n2024年工作任务\n\n2025年工作计划\n\n备注\n\n一、甲\n\n1\n\n推进甲\n\n综合规划处\n\n—\n\n加快推进甲。\n\n持续推进甲。\n\n2\n\n交通建设处\n\n设施养护处\n\n推进乙。\n\n推进丙。\n";
    const rows = repairText(text).text.split("\n").filter((l) => l.includes("\t"));
    expect(rows).toEqual([
      "序号\t内容\t牵头部门\t配合部门\t2024年工作任务\t2025年工作计划\t备注",
      "1\t推进甲\t综合规划处\t\t加快推进甲。\t持续推进甲。\t",
      "2\t\t交通建设处\t设施养护处\t推进乙。\t推进丙。\t",
    ]);
  });

  it("a year, 计划, then a completion verb: the year's end", async () => {
    // row 11 "2024年计划完成轨道交通结构与轨道设施智能运维平台基础功能开发以及生产、施工、设备大屏开发工作"
    const d = await doc();
    expect(d.measures.find((x) => x.path === `${TABLE}/二/11`)!.deadlines.map((x) => `${x.kind}:${x.end}`)).toEqual(["date:2024-12-31"]);
    // a project ledger's field on GitHub, "2025年计划完成投资"
    expect(extractDeadlines("2025年计划完成投资8亿元。", "2025-01-10").map((x) => x.end)).toEqual(["2025-12-31"]);
    // a range before 计划 and no completion verb stays the range (body 二/(二))
    expect(extractDeadlines("2024年-2025年计划新增约2万个公共充电桩。", "2024-12-25").map((x) => `${x.kind}:${x.end}`)).toEqual(["period:2025-12-31"]);
  });
});

const NO_REGION = { province: null, city: null, county: null };
const unitsOf = (text: string) => extractUnits(text, { region: NO_REGION, leadFirst: false }).map((u) => `${u.role}:${u.name}`);

describe("held-out 13h/13h2 forms, the other documents (fixh-b)", () => {
  const H = join(import.meta.dirname, "data", "unseen13h");
  const H2 = join(import.meta.dirname, "data", "unseen13h2");
  const doc = async (dir: string, name: string) => (await extractFile(join(dir, `${name}.txt`))).document;

  it("a sub-item's run-in label (1.) opening a line inside a measure is no part of the subject after it", async () => {
    // 河北 2018 学校语言文字 附件/二: "(一)实施分级管理 / … / 1.县级教育行政部门和语言文字工作部门负责全县所有学校…验收。 / … /
    // 2.雄安新区管委会及市级教育行政部门和语言文字工作部门负责辖区内…"
    const d = await doc(H2, "hebei-2018-xuexiao-yuyan-wenzi-dabiao-jianshe-shishi-fangan");
    const u = measure(d, "附件/二").units.map((x) => `${x.role}:${x.name}`);
    expect(u).toEqual(expect.arrayContaining(["responsible:县级教育行政部门", "responsible:语言文字工作部门", "responsible:雄安新区管委会", "responsible:市级教育行政部门"]));
    // 七宝镇 2020 (unseen12a) 五/5's sentence, run in under a paragraph
    expect(unitsOf("甲。\n5.镇经管中心负责对村属、镇属企业限额以下小型建设工程资金进行监管。")).toEqual(["responsible:镇经管中心"]);
    // a duty line opening with its verb, the body elided (虹口 虹府规〔2022〕3号 三/(七), unseen12b): the body after 组织 is no subject
    expect(unitsOf("各街道办事处负责辖区内建筑垃圾管理工作，主要履行以下职责：\n3.组织居委会配合物业服务企业做好装修垃圾的处置管理；")).toEqual([
      "responsible:各街道办事处",
    ]);
  });

  it("编制单位 (who draws up a project's report) is a party, as 设计单位: no unit in prose, nor the body it works with", async () => {
    // 上海 沪交建〔2024〕691号 三/(三)/1/(1) "建设单位…组织工程可行性研究编制单位会同要素保障专业技术单位开展…编制工作"
    const d = await doc(H, "shanghai-2024-zhongda-jiaotong-gongcheng-yaosu-baozhang-zhidao-yijian");
    expect(measure(d, "三/(三)/1/(1)").units).toEqual([]);
    expect(measure(d, "三/(四)/1/(1)").units).toEqual([]);
    // a project filing system on GitHub records the 编制单位 (its 资质等级, 负责人) beside the 申报单位; 奉贤 头桥 2024 (unseen13a)
    // "可研报告编制单位由街道统一招标确定"
    expect(isParty("工程可行性研究编制单位")).toBe(true);
    expect(isParty("可研报告编制单位")).toBe(true);
    expect(isParty("专业技术单位")).toBe(true);
    // in a 会同 list a party drops out and the list goes on (三/(三)/1/(3)'s follow-on paragraph)
    expect(measure(d, "三/(三)/1/(3)").units.map((x) => `${x.role}:${x.name}`)).toEqual([
      "lead:市交通委",
      "coop:市交通建管中心",
      "coop:各区交通主管部门",
    ]);
    expect(unitsOf("北京市经济和信息化局会同专区监管部门、数据提供部门和运营单位建立数据质量反馈机制。")).toEqual([
      "lead:北京市经济和信息化局",
      "coop:专区监管部门",
      "coop:数据提供部门",
    ]);
  });

  it("a 在-phrase of the occasion or basis between the subject and its role word is read over", async () => {
    // 上海 沪交港〔2023〕129号 一/(一)/4/(5)
    const d = await doc(H, "shanghai-2023-shuilu-yunshu-jiqi-fuzhuye-hecha-gongzuo");
    expect(measure(d, "一/(一)/4/(5)").units.map((x) => `${x.role}:${x.name}`)).toEqual([
      "lead:各区交通主管部门",
      "lead:市港航中心",
      "coop:海事管理机构",
    ]);
    // 上海 沪交建〔2024〕691号 二: the bodies inside the phrase do nothing
    const z = await doc(H, "shanghai-2024-zhongda-jiaotong-gongcheng-yaosu-baozhang-zhidao-yijian");
    expect(measure(z, "二").units.map((x) => `${x.role}:${x.name}`)).toContain("lead:市交通委");
    expect(unitsOf("市交通委在各建设单位和市交通建管中心初步制定并沟通的要素平衡方案基础上，牵头组织和对接各市级要素行业主管部门。")).toEqual([
      "lead:市交通委",
    ]);
  });

  it("'X或其委托的Y负责': the alternative named by 其 is no body; X is the subject", async () => {
    // 沪交港〔2023〕129号 二 "市交通委负责统筹…，市港航中心具体负责组织实施…，各区交通主管部门或其委托的航运管理机构负责本辖区…"
    const d = await doc(H, "shanghai-2023-shuilu-yunshu-jiqi-fuzhuye-hecha-gongzuo");
    expect(measure(d, "二").units.map((x) => `${x.role}:${x.name}`)).toEqual([
      "responsible:市交通委",
      "responsible:市港航中心",
      "responsible:各区交通主管部门",
    ]);
    // 《业余无线电台管理办法》 quoted on a public page
    expect(unitsOf("直辖市无线电管理机构或其委托的机构负责组织对A类和B类业余无线电台所需操作技术能力进行验证。")).toEqual([
      "responsible:直辖市无线电管理机构",
    ]);
  });

  it("one stem before 等部门 after 会同 is one coop unit, as a list of stems sharing 部门 is", async () => {
    // 河北 冀教财〔2017〕7号 五/(三) "食品安全监管部门要会同教育等部门与学校…签订食品安全责任书"
    const d = await doc(H2, "hebei-2017-yingyang-gaishan-jihua-difang-shidian-quanfugai-tongzhi");
    expect(measure(d, "五/(三)").units.map((x) => `${x.role}:${x.name}`)).toEqual(
      expect.arrayContaining(["lead:食品安全监管部门", "coop:教育等部门"]),
    );
    // a body or a group before 等部门 keeps its own reading
    expect(unitsOf("市商务局会同人民银行等部门开展检查。")).toEqual(["lead:市商务局", "coop:人民银行"]);
    expect(unitsOf("省教育厅会同有关等部门开展检查。")).toEqual(["lead:省教育厅"]);
  });
});
