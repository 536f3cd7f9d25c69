// The written forms of docs/labelling.md's catalogue fixed on round 12a's blind set (tests/data/unseen12a: whole 上海 texts of
// docs/工程建设管理 in zhiyao87/Shanghai-Gov-Docs-Index), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { parseSentence } from "../extract/parse.ts";
import { extractFile } from "./helpers/extract.ts";
import { labelKeyedRows } from "../extract/structure/label-keyed-rows.ts";

const DATA = join(import.meta.dirname, "data");
const stored = async (name: string) => (await extractFile(join(DATA, "unseen12a", `${name}.txt`))).document;
const units = (m: { units: { role: string; name: string }[] }) => m.units.map((u) => `${u.role}:${u.name}`);
const ANDIAN = "shanghai-2023-kaogang-chuanbo-andian-shiyonglv-shishi-fangan";

describe("round 12a forms: units", () => {
  it("实施部门 names who carries the task out: coop after a named 牵头部门, not part of the lead's list", async () => {
    const d = await stored(ANDIAN);
    // "（牵头部门：市交通委科技信息处、港务监管处、综合规划处、交通建设处；实施部门：市港航中心、各区交通主管部门）"
    expect(units(d.measures.find((m) => m.path === "二/(一)")!)).toEqual([
      "lead:市交通委科技信息处", "lead:港务监管处", "lead:综合规划处", "lead:交通建设处",
      "coop:市港航中心", "coop:各区交通主管部门",
    ]);
    // "（牵头部门：市交通委港务监管处；实施部门：市港航中心、中国船级社上海分社）"
    expect(units(d.measures.find((m) => m.path === "二/(二)")!)).toEqual([
      "lead:市交通委港务监管处", "coop:市港航中心", "coop:中国船级社上海分社",
    ]);
  });
});

describe("round 12a forms: targets", () => {
  it("对 counts pairs of trains; 1对1 and the preposition 对 stay none", async () => {
    const d = await stored("shanghai-2024-jiaotong-lingyu-jingxihua-guanli-sannian-xingdong-jihua");
    // 二/(十) "…逐步释放金山铁路运能，至2026年金山铁路全天开行列车38对。"; 附件 row 18 "金山铁路全天开行列车30.5对。" …
    const t = (p: string) => d.measures.find((m) => m.path === p)!.targets.filter((x) => x.unit === "对").map((x) => x.min);
    expect(t("二/(十)")).toEqual([38]);
    expect(t("附件/(二)/10/(18)")).toEqual([30.5, 37.5, 38]);
    // 中华工商时报 2022-10-12 "调图后，全路开行旅客列车5286对，较以前增加21对；开行货物列车10829对"
    const news = parseSentence("调图后，全路开行旅客列车5286对，较以前增加21对；开行货物列车10829对", "2022-10-12");
    expect(news.targets.map((x) => `${x.min}${x.unit}`)).toEqual(["5286对", "21对", "10829对"]);
    expect(parseSentence("开展1对1帮扶，对300个公交站台进行适老化改造", "2024-12-31").targets.map((x) => `${x.min}${x.unit}`)).toEqual(["300个"]);
  });
});

describe("round 12a forms: paths", () => {
  it("a digit right after a Latin letter is a code (T1、T2), not an item run into its heading", async () => {
    const d = await stored("shanghai-2024-jiaotong-lingyu-jingxihua-guanli-sannian-xingdong-jihua");
    // 任务清单 "（22）推进浦东机场航站楼T1、T2及三纵三横卫生间改造。" (and 二/(十一) in the body)
    const paths = d.measures.map((m) => m.path);
    expect(paths).not.toContain("附件/(二)/1");
    const row = d.measures.find((m) => m.path === "附件/(二)/11/(22)")!;
    expect(row.title).toBe("推进浦东机场航站楼T1、T2及三纵三横卫生间改造");
    expect(row.deadlines.map((x) => x.text)).toEqual(["持续推进"]);
  });
});

describe("round 12a forms: tiers before a class of departments", () => {
  it("市、区交通运输部门 is one group, as 省、市两级教育行政部门", async () => {
    const d = await stored("shanghai-2025-dajian-yunshu-yijianshi-shishi-fangan");
    // 一/(二) "市、区交通运输部门负责…；市公安交管部门负责…，市、区公安交管部门负责向交通运输部门反馈…"
    expect(units(d.measures.find((m) => m.path === "一/(二)")!)).toEqual([
      "responsible:市、区交通运输部门", "responsible:市公安交管部门", "responsible:市、区公安交管部门",
    ]);
    expect(d.measures.find((m) => m.path === "一/(二)")!.units[0].canonical).toBe("上海市、区交通运输部门");
    // 上海 沪府办发〔2020〕3号 农村公路 (unseen11h3) "市、区财政部门和交通主管部门要…": a directive, but the same naming
    expect(parseSentence("由市、区财政部门负责", "2020-01-01").units.map((u) => u.name)).toEqual(["市、区财政部门"]);
  });
});

describe("round 12a forms: a town's own offices", () => {
  it("镇X offices and names carrying a town stay as written; 安监所 ends like a body", async () => {
    const d = await stored("shanghai-minhang-qibao-2020-xiane-yixia-xiaoxing-jianshe-gongcheng-shishi-yijian");
    const u = (p: string) => d.measures.find((m) => m.path === p)!.units.map((x) => `${x.role}:${x.name}=${x.canonical}`);
    // 五/3 "镇采购办负责对使用财政性资金及集体资金的限额以下小型建设工程做好施工承发包工作。"
    expect(u("五/3")).toEqual(["responsible:镇采购办=镇采购办"]);
    // 五/7 "镇安监所负责对限额以下小型建设工程的安全进行监管，并协同消防部门…" (a town's 安监所: "九亭镇安监所企业排摸表", 松江)
    expect(u("五/7")).toEqual(["responsible:镇安监所=镇安监所"]);
    // 七/2 "本实施意见由七宝镇规划建设和环境保护办公室负责解释。"
    expect(u("七/2")).toEqual(["responsible:七宝镇规划建设和环境保护办公室=七宝镇规划建设和环境保护办公室"]);
  });
});

describe("round 12a forms: X负责…，并协助Y", () => {
  it("after 并 the subject of 协助 is the unit whose duty opens the sentence: Y leads, X cooperates (its 负责, written before the lead, stays responsible)", async () => {
    const d = await stored("shanghai-minhang-qibao-2020-xiane-yixia-xiaoxing-jianshe-gongcheng-shishi-yijian");
    // 五/9 "镇城管中心负责镇域范围市政道路沿街面限额以下工程的巡查监督、宣传教育工作，…，并协助镇规建办对办理完成施工许可的工程实施现场监管…"
    expect(units(d.measures.find((m) => m.path === "五/9")!)).toEqual(["responsible:镇城管中心", "coop:镇城管中心", "lead:镇规建办"]);
    // 五/13 "项目户管单位（各村、合作社、镇属公司、相关部门、居委会）负责配合…，并协助镇规建办对…"
    expect(units(d.measures.find((m) => m.path === "五/13")!)).toEqual(["responsible:项目户管单位", "coop:项目户管单位", "lead:镇规建办"]);
    // without 并 (a bare comma) the clause has no subject of its own: no lead read from it
    expect(parseSentence("镇城管中心负责巡查监督，协助镇规建办做好竣工验收", "2020-09-27").units.map((u) => `${u.role}:${u.name}`)).toEqual(["responsible:镇城管中心"]);
  });
});

describe("round 12a forms: the notice's enclosure list", () => {
  it("sub-numbered entries (6-1. 6-2. 6-3.) go on with the list: 7.–14. are no items", async () => {
    const d = await stored("shanghai-minhang-qibao-2020-xiane-yixia-xiaoxing-jianshe-gongcheng-shishi-yijian");
    // "附件：1.七宝镇建设工程管理领导小组人员名单 / … / 5.…承诺书 / 6-1.…受理告知书 / 6-2.… / 6-3.… / 7.七宝镇30万元以下…回执单 / … / 14.工程质量保修书"
    expect(d.measures.filter((m) => m.path.startsWith("七/")).map((m) => m.path)).toEqual(["七/1", "七/2"]);
  });
});

describe("round 12a forms: X为…的主管部门，负责…", () => {
  it("a 为/作为-clause naming what the body is stands between it and its 负责, as the 是-clause does", async () => {
    const d = await stored("shanghai-minhang-qibao-2020-xiane-yixia-xiaoxing-jianshe-gongcheng-shishi-yijian");
    // 五/1 "镇规建办为限额以下工程项目管理的主管部门，负责推进、协调工程各环节的相关工作，…"
    expect(units(d.measures.find((m) => m.path === "五/1")!)).toEqual(["responsible:镇规建办"]);
    // 为总牵头单位 / 为牵头部门 keep their own reading ("X为总牵头单位，Y为责任单位")
    expect(parseSentence("市发展改革委为牵头部门，负责统筹协调", null).units.map((u) => `${u.role}:${u.name}`)).toContain("lead:市发展改革委");
  });
});

describe("round 12a forms: a 任务清单 one cell a line with no 序号 column, header cells broken over lines", () => {
  const JXH = "shanghai-2024-jiaotong-lingyu-jingxihua-guanli-sannian-xingdong-jihua";
  // "任务 / 分类 / 主要方向 / 重点任务（2024-2026） / 2024年工作项目 / 2025年计划 / 2026年计划 / 牵头 / 部门 / 配合 / 部门 / 实施 / 主体",
  // then "（一） / 提升交通设施环境品质 / 1、改善城市道路环境 / （1）建设精品道路300条。 / … / 设施养护处 / 各相关部门和单位 / 各行业主管部门、各区"
  it("rows keyed on their own labels take their unit cells by the joined column names (牵头部门 lead, 配合部门/实施主体 coop)", async () => {
    const d = await stored(JXH);
    const at = (p: string) => units(d.measures.find((m) => m.path === p)!);
    expect(at("附件/(一)/1/(1)")).toEqual(["lead:设施养护处", "coop:各相关部门和单位", "coop:各行业主管部门", "coop:各区"]);
    // (3) prints four unit cells (two 牵头 names one a line): aligned from the right
    expect(at("附件/(一)/3/(3)")).toEqual(["lead:设施运行处", "lead:设施养护处", "coop:各相关部门和单位", "coop:各行业主管部门", "coop:各区"]);
    // (4) and (5) print none: the cells merged over the rows of 3、 are (3)'s
    expect(at("附件/(一)/3/(5)")).toEqual(at("附件/(一)/3/(3)"));
    // (10) under 6、 takes (8)'s, not a cell of the next group
    expect(at("附件/(一)/6/(10)")).toEqual(["lead:设施养护处", "coop:市道运中心"]);
    // (26) prints one cell, merged over the three unit columns: the lead's
    expect(at("附件/(三)/14/(26)")).toEqual(["lead:随申行公司"]);
    // the yearly cells are no unit cells, and the paths stay the document's labels
    expect(d.measures.filter((m) => m.path.startsWith("附件/")).length).toBe(35);
    expect(d.measures.find((m) => m.path === "附件/(一)/5/(7)")!.text).toContain("牵头部门:设施养护处");
  });

  const table = (header: string[], rows: string[]) => [...header, "（一）", "提升品质", "1、改善环境", ...rows].flatMap((l) => [l, ""]);
  const rows = ["（1）建设道路300条。", "建设道路100条。", "设施养护处", "各相关部门和单位", "各区", "（2）推进工程。", "完成工程。"];
  it("fires only on a header with at least two unit columns joined from broken lines and rows numbered on", () => {
    const split = ["任务", "分类", "重点任务", "2024年计划", "牵头", "部门", "配合", "部门", "实施", "主体"];
    const out = labelKeyedRows(table(split, rows)).filter(Boolean);
    expect(out).toContain("牵头部门:设施养护处");
    expect(out.filter((l) => l === "实施主体:各区").length).toBe(2); // (2) prints none: (1)'s merged cells
    // the same table with its column names on one line each is left as printed (not this form)
    const whole = ["任务分类", "重点任务", "2024年计划", "牵头部门", "配合部门", "实施主体"];
    expect(labelKeyedRows(table(whole, rows))).toEqual(table(whole, rows));
    // a 序号 column is the 任务分工表 reader's (cell-tables.ts)
    const seq = ["序号", ...split];
    expect(labelKeyedRows(table(seq, rows))).toEqual(table(seq, rows));
    // no row label before the first unit cell: nothing to key on
    const bare = [...split, "提升品质", "建设道路300条。", "设施养护处", "各区"].flatMap((l) => [l, ""]);
    expect(labelKeyedRows(bare)).toEqual(bare);
  });
});
