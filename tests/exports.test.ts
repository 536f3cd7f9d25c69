// Exports: 任务分工表, 责任清单 and filtered tables built from the real seeds in a real store, rendered
// as XLSX, DOCX, CSV, Markdown and iCalendar, written to files and read back with real parsers
// (exceljs, mammoth, node-ical, a CSV reader here). LibreOffice converts XLSX and DOCX to PDF
// when it is installed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { sheetRows } from "./helpers/sheets.ts";
import mammoth from "mammoth";
import JSZip from "jszip";
import ical from "node-ical";
import { parseHTML } from "linkedom";
import type { Store } from "../index/store/store.ts";
import {
  contentDisposition,
  documentTable,
  dutyList,
  filteredTable,
  render,
  renderCsvText,
  renderIcsText,
  renderMarkdown,
  todayInChina,
  type ExportDocument,
  type ExportTable,
  type ItemRow,
  type SectionRow,
} from "../src/exports/index.ts";
import { sanitiseSheetName, uniqueSheetNames } from "../src/exports/sheet-names.ts";
import { icsFold } from "../src/exports/ics-text.ts";
import { recurrenceRule } from "../src/exports/recurrence.ts";
import { CORPUS } from "./helpers/paths.ts";
import { tempLibrary, type TempLibrary } from "./helpers/library.ts";
import { convertToPdf, findOffice } from "./helpers/office.ts";

const MIANYANG = "mianyang-2022-jinrong-shitiao.txt";
const PANZHIHUA = "panzhihua-2016-zhishichanquan-zhiya.txt";
const AS_OF = "2022-03-20";
const NOW = new Date("2024-05-01T08:00:00Z");

let tmp: TempLibrary;
let dir: string;
let store: Store;
let mianyang: ExportDocument;
let panzhihua: ExportDocument;
let all: ExportDocument[];

beforeAll(async () => {
  tmp = await tempLibrary("exports", [CORPUS]);
  ({ dir, store } = tmp);
  expect(tmp.report.refused).toEqual([]);
  all = store.listDocuments().map((d) => store.getDocument(d.id)!);
  mianyang = all.find((d) => d.source.endsWith(MIANYANG))!;
  panzhihua = all.find((d) => d.source.endsWith(PANZHIHUA))!;
  expect(mianyang.measures.length).toBe(29);
});
afterAll(() => tmp?.cleanup());

// ---- helpers ------------------------------------------------------------------------------------

const items = (t: ExportTable) => t.sheets.flatMap((s) => s.rows.filter((r): r is ItemRow => r.kind === "item"));
const sections = (t: ExportTable) => t.sheets.flatMap((s) => s.rows.filter((r): r is SectionRow => r.kind === "section"));
const item = (t: ExportTable, path: string) => items(t).find((r) => r.cells.path === path)!;

async function writeExport(table: ExportTable, format: string, name: string): Promise<string> {
  const out = await render(table, format, { now: NOW });
  const file = join(dir, `${name}.${out.extension}`);
  writeFileSync(file, out.body);
  return file;
}

async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
  return wb;
}


/** Word tables read back by mammoth: per table, per row, the cells' paragraphs joined by \n. */
async function docxTables(file: string): Promise<{ tables: { header: string[][]; body: string[][] }[]; html: string }> {
  const html = (await mammoth.convertToHtml({ buffer: readFileSync(file) })).value;
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const cellText = (cell: Element) => {
    const ps = [...cell.querySelectorAll("p")];
    return ps.length > 0 ? ps.map((p) => p.textContent ?? "").join("\n") : (cell.textContent ?? "");
  };
  const tables = [...document.querySelectorAll("table")].map((t) => ({
    header: [...t.querySelectorAll("thead tr")].map((tr) => [...tr.querySelectorAll("th,td")].map(cellText)),
    body: [...t.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("th,td")].map(cellText)),
  }));
  return { tables, html };
}

/** RFC 4180 reader: quoted fields with "" escapes and line breaks, records ended by CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else if (ch === "\n") throw new Error(`bare LF outside quotes at ${i}`);
    else field += ch;
  }
  if (field !== "" || row.length > 0) throw new Error("last record not ended by CRLF");
  return rows;
}

// ---- table models -------------------------------------------------------------------------------

describe("document table (任务分工表)", () => {
  it("绵阳: 29 measures in document order under their grouping headings", () => {
    const t = documentTable(mianyang);
    expect(t.title).toBe("金融支持科创企业全生命周期发展十条措施(试行)实施方案");
    expect(t.columns.map((c) => c.header)).toEqual(["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "状态", "完成时间", "进展情况", "备注", "原文条目", "任务编号"]);
    expect(t.columns.filter((c) => c.hidden).map((c) => c.key)).toEqual(["id"]);
    expect(items(t).map((r) => r.cells.path)).toEqual(mianyang.measures.map((m) => m.path));
    // 序号 1, 2, 3 … in document order; the document's own numbering kept in 原文条目.
    expect(items(t).map((r) => r.cells.no)).toEqual(mianyang.measures.map((_, i) => String(i + 1)));
    expect(documentTable(mianyang, { includeContent: true }).columns.map((c) => c.key).slice(0, 3)).toEqual(["no", "task", "content"]);
    const rows = t.sheets[0].rows;
    // Headings come right before the first measure under them, at their depth.
    expect(rows.slice(0, 4).map((r) => (r.kind === "section" ? `S${r.depth}:${r.text}` : `M:${r.cells.path}`))).toEqual([
      "S0:一、科创企业名单确定",
      "M:一/1",
      "S0:二、间接融资支持措施",
      "S1:（一）增加科创企业信贷供给",
    ]);
    expect(sections(t).map((s) => s.path)).toEqual([
      "一", "二", "二/(一)", "二/(二)", "二/(三)", "二/(四)", "二/(五)", "二/(六)", "三", "三/(一)", "三/(二)", "四", "五",
    ]);
  });

  it("绵阳: lead, cooperating and responsible units, deadlines, gaps shown as 未明确", () => {
    const t = documentTable(mianyang);
    const m28 = item(t, "五/28");
    expect(m28.cells.task).toBe("压实金融机构主体责任、地方政府属地责任、金融管理部门监管责任,形成科创金融改革创新过程中的金融风险管控合力");
    expect(m28.cells.lead).toBe("市金融工作局");
    expect(m28.cells.coop).toBe("人行绵阳市中心支行、绵阳银保监分局");
    expect(m28.cells.deadline).toBe("持续推进");
    expect(m28.cells.content).toContain("牵头单位");
    // Only a 责任单位: shown in the lead column, without a "责任单位：" prefix.
    expect(item(t, "二/(一)/2").cells.lead).toBe("人行绵阳市中心支行");
    expect(item(t, "二/(一)/3").cells.lead).toBe("市商行、市农商行");
    expect(item(t, "二/(一)/3").cells.coop).toBe("");
    expect(items(t).every((r) => !/责任单位[：:]/.test(r.cells.lead ?? ""))).toBe(true);
    // 完成时限 as a clerk writes it: dates once with their year, then repeats, then 持续推进.
    expect(item(t, "二/(四)/10").cells.deadline).toBe("2022年3月底、6月底、年底前");
    expect(item(t, "一/1").cells.deadline).toBe("2022年3月底前；每季度末、每年");
    expect(item(t, "五/24").cells.deadline).toBe("每周、每月；持续推进");
    expect(item(t, "二/(二)/5").cells.deadline).toBe("2022年底前");
    expect(item(t, "二/(三)/8").cells.deadline).toBe("2022年3月15日前");
    expect(item(t, "二/(六)/16").cells.lead).toBe("市金融工作局、市科技局、绵阳银保监分局");
    expect(item(t, "二/(六)/16").cells.deadline).toBe("未明确");
  });

  it("攀枝花 2016: units from brackets, no unit label left in the task, 未明确 where none", () => {
    const t = documentTable(panzhihua, { includeContent: false });
    expect(t.columns.map((c) => c.header)).toEqual(["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "状态", "完成时间", "进展情况", "备注", "原文条目", "任务编号"]);
    expect(t.meta[0]).toContain("攀办发〔2016〕22号");
    const r1 = item(t, "三/(一)/1");
    expect(r1.cells.lead).toBe("市财政局");
    expect(r1.cells.coop).toBe("市科技和知识产权局、市金融办、攀枝花银监分局、人民银行攀枝花市中心支行");
    expect(r1.cells.deadline).toBe("未明确");
    const r2 = item(t, "三/(二)/1");
    expect(r2.cells.task).not.toMatch(/牵头单位/);
    expect(r2.cells.task?.endsWith("确定工作重点和目标")).toBe(true);
    expect(r2.cells.lead).toBe("领导小组办公室");
    expect(item(t, "四/(三)").cells.deadline).toBe("每年12月20日前");
    expect(item(t, "一/(一)").cells.lead).toBe("未明确");
    expect(item(t, "三/(四)/1").cells.lead).toBe("攀枝花银监分局、领导小组其它成员单位、各商业银行");
    expect(sections(t).find((s) => s.path === "三/(三)")!.text).toBe("（三）创新知识产权质押融资体系");
  });
});

describe("duty list (责任清单)", () => {
  it("市金融工作局 and 金融工作局 give the same list: every role, sorted by deadline, marked against the as-of date", () => {
    const a = dutyList("市金融工作局", all, AS_OF);
    const b = dutyList("金融工作局", all, AS_OF);
    expect(items(b).map((r) => r.measureId)).toEqual(items(a).map((r) => r.measureId));
    expect(a.title).toBe("市金融工作局责任清单");
    expect(a.asOf).toBe(AS_OF);
    expect(a.columns.map((c) => c.header)).toEqual(["序号", "重点任务", "本单位职责", "牵头单位", "配合单位", "完成时限", "截止日期", "到期提示", "状态", "进展情况", "原文条目", "任务编号"]);
    // Only the 绵阳 document names it; grouped under that document.
    expect(sections(a).map((s) => s.text)).toEqual(["金融支持科创企业全生命周期发展十条措施(试行)实施方案"]);
    const paths = items(a).map((r) => r.cells.path);
    const expected = mianyang.measures.filter((m) => m.units.some((u) => u.canonical === "绵阳市金融工作局")).map((m) => m.path);
    expect([...paths].sort()).toEqual([...expected].sort());
    expect(paths.length).toBe(16);
    // Dated first by earliest end, then recurring/ongoing, then none.
    expect(paths.slice(0, 3)).toEqual(["三/(一)/19", "三/(二)/20", "四/22"]);
    expect(paths.at(-1)).toBe("二/(六)/16");
    const keys = items(a).map((r) => (r.cells.due ? `0${r.cells.due.slice(0, 10)}` : r.cells.deadline === "未明确" ? "2" : "1"));
    expect(keys).toEqual([...keys].sort());
    // Roles.
    expect(item(a, "二/(四)/12").cells.role).toBe("牵头");
    expect(item(a, "一/1").cells.role).toBe("配合");
    expect(item(a, "五/24").cells.role).toBe("责任");
    // Marks relative to 2022-03-20.
    expect(item(a, "三/(二)/20").cells.mark).toBe("已逾期");
    expect(item(a, "三/(二)/20").mark).toBe("overdue");
    expect(item(a, "五/29").cells.mark).toBe("30日内到期");
    expect(item(a, "五/29").mark).toBe("due-soon");
    expect(item(a, "四/21").cells.mark).toBe("30日内到期"); // 3月中旬 = 2022-03-20 is due, not overdue
    expect(item(a, "四/22").cells.mark).toBe("已逾期；30日内到期");
    expect(item(a, "二/(四)/12").cells.mark).toBe("");
    expect(item(a, "二/(四)/12").mark).toBeNull();
    expect(item(a, "五/28").cells.mark).toBe("持续推进");
    expect(item(a, "二/(五)/15").cells.mark).toBe("定期");
    expect(item(a, "二/(六)/16").cells.mark).toBe("时限未明确");
    expect(a.meta).toContain("共 16 项（已逾期 4 项，30日内到期 4 项）");
    // A later as-of date moves the marks.
    const later = dutyList("金融工作局", [mianyang], "2022-12-15");
    expect(item(later, "二/(四)/12").cells.mark).toBe("30日内到期");
    expect(item(later, "五/29").cells.mark).toBe("已逾期");
  });

  it("finds a unit by other spellings and by canonical name, per document region", () => {
    const pbc = dutyList("人民银行绵阳市中心支行", all, AS_OF, { includeContent: false });
    const paths = items(pbc).map((r) => r.cells.path);
    expect(paths).toEqual(expect.arrayContaining(["二/(一)/2", "四/23", "五/28", "四/21"])); // 人行绵阳市中心支行 and 人行绵阳中心支行
    expect(item(pbc, "五/28").cells.role).toBe("配合");
    // The typo 市科技和知识局 is still the 市科技和知识产权局 (its canonical name).
    const ip = dutyList("攀枝花市科技和知识产权局", all, AS_OF);
    expect(items(ip).map((r) => r.cells.path)).toContain("三/(三)/5");
    expect(items(ip).every((r) => r.docId === panzhihua.id || r.docId !== mianyang.id)).toBe(true);
    // 市财政局 in 绵阳 is not 攀枝花's; unknown units give an empty list that says so.
    expect(items(dutyList("绵阳市财政局", [panzhihua], AS_OF))).toEqual([]);
    expect(dutyList("不存在的局", all, AS_OF).meta).toContain("所选文件中未找到该单位");
    expect(() => dutyList("市财政局", all, "2022/03/20")).toThrow(/YYYY-MM-DD/);
    // Without an as-of date: today in China.
    expect(dutyList("市财政局", all).asOf).toBe(todayInChina());
    expect(todayInChina(new Date("2022-03-19T17:00:00Z"))).toBe("2022-03-20");
  });
});

describe("filtered table", () => {
  it("any (document, measure) pairs: one sheet per document, document order, with their headings", () => {
    const t = filteredTable(
      [
        { document: panzhihua, measure: "四/(三)" },
        { document: mianyang, measure: mianyang.measures[27] },
        { document: mianyang, measure: `${mianyang.id}:二/(一)/2` },
        { document: panzhihua, measure: "三/(一)/1" },
        { document: mianyang, measure: "不存在" },
      ],
      { title: "检索：考评" },
    );
    expect(t.kind).toBe("filtered");
    expect(t.sheets.map((s) => s.title)).toEqual([panzhihua.title, mianyang.title]);
    expect(t.sheets[0].rows.map((r) => (r.kind === "section" ? r.text : r.cells.path))).toEqual([
      "三、工作任务", "（一）建立比较完善的知识产权质押融资政策体系", "三/(一)/1", "四、工作要求", "四/(三)",
    ]);
    expect(t.sheets[1].rows.map((r) => (r.kind === "section" ? r.text : r.cells.path))).toEqual([
      "二、间接融资支持措施", "（一）增加科创企业信贷供给", "二/(一)/2", "五、保障体系支持措施", "五/28",
    ]);
    expect(t.meta[0]).toBe("共 2 个文件、4 项措施");
  });
});

// ---- renderers, read back -------------------------------------------------------------------------

describe("XLSX (exceljs)", () => {
  it("绵阳: frozen header, widths, wrapped text, merged section rows, cell text, hidden 任务编号", async () => {
    const table = documentTable(mianyang, { includeContent: true });
    const wb = await readWorkbook(await writeExport(table, "xlsx", "mianyang"));
    expect(wb.worksheets.length).toBe(1);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe("金融支持科创企业全生命周期发展十条措施(试行)实施方案");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    const rows = sheetRows(ws);
    expect(rows[0][0]).toBe("金融支持科创企业全生命周期发展十条措施(试行)实施方案　任务分工表");
    expect(rows[1][0]).toContain("发布机构：绵阳市金融工作局");
    expect(rows[2]).toEqual(["序号", "重点任务", "具体内容", "牵头单位", "配合单位", "完成时限", "状态", "完成时间", "进展情况", "备注", "原文条目", "任务编号"]);
    expect(ws.rowCount).toBe(3 + table.sheets[0].rows.length);
    expect(ws.columnCount).toBe(12);
    expect(ws.getColumn(3).width).toBe(60);
    expect(ws.getColumn(12).hidden).toBe(true);
    expect(ws.getColumn(11).hidden).toBe(false);
    // Section rows: merged across, bold, shaded.
    expect(rows[3][0]).toBe("一、科创企业名单确定");
    expect(ws.getCell("A4").isMerged && ws.getCell("L4").isMerged).toBe(true);
    expect(ws.getCell("A4").font.bold).toBe(true);
    expect((ws.getCell("A4").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFD9E1F2");
    expect(ws.getCell("A4").font.name).toBe("宋体");
    // Measure rows, found by their 原文条目.
    const byPath = (p: string) => rows.find((r) => r[10] === p)!;
    const r28 = byPath("五/28");
    expect(r28[0]).toBe("28");
    expect(r28[3]).toBe("市金融工作局");
    expect(r28[4]).toBe("人行绵阳市中心支行、绵阳银保监分局");
    expect(r28[5]).toBe("持续推进");
    expect(r28[11]).toMatch(/^[0-9a-f]{16}$/);
    const r2 = byPath("二/(一)/2");
    expect(r2[3]).toBe("人行绵阳市中心支行");
    expect(r2[2]).toContain("\n"); // full text keeps its lines
    const idx = rows.indexOf(r2) + 1;
    expect(ws.getCell(`C${idx}`).alignment.wrapText).toBe(true);
    expect(ws.getRow(idx).height).toBeGreaterThan(20);
    expect(rows.filter((r) => /^\d+$/.test(r[0])).map((r) => r[0])).toEqual(mianyang.measures.map((_, i) => String(i + 1)));
    // Printed: landscape A4, header row repeated, page numbers in the footer.
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", printTitlesRow: "3:3" });
    expect(ws.headerFooter.oddFooter).toContain("&P");
  });

  it("攀枝花 2016 and a multi-document workbook: one sheet per document, names made valid and unique", async () => {
    const pz = await readWorkbook(await writeExport(documentTable(panzhihua), "xlsx", "panzhihua"));
    const rows = sheetRows(pz.worksheets[0]);
    const r = rows.find((x) => x[9] === "三/(一)/1")!;
    expect(r[2]).toBe("市财政局");
    expect(r[3]).toBe("市科技和知识产权局、市金融办、攀枝花银监分局、人民银行攀枝花市中心支行");
    expect(rows.find((x) => x[9] === "四/(三)")![4]).toBe("每年12月20日前");

    // Two documents whose titles clash once cut to 31 characters and hold forbidden characters.
    const longTitle = "关于[试点]工作的方案：第一批/第二批？*补充说明与附件及其实施细则（征求意见稿）";
    const a = { ...panzhihua, id: "aaaaaaaaaaaaaaaa", title: longTitle };
    const b = { ...mianyang, id: "bbbbbbbbbbbbbbbb", title: `${longTitle}二` };
    const t = filteredTable([...a.measures.slice(0, 2).map((m) => ({ document: a, measure: m })), { document: b, measure: b.measures[0] }]);
    const wb = await readWorkbook(await writeExport(t, "xlsx", "filtered"));
    const names = wb.worksheets.map((w) => w.name);
    expect(names.length).toBe(2);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[:\\/?*[\]]/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(2);
    expect(names[1].endsWith("（2）")).toBe(true);
    expect(sheetRows(wb.worksheets[1])[0][0]).toBe(`${longTitle}二　任务分工表`);
  });

  it("duty list: one sheet for the unit, overdue status in red, due-soon rows shaded", async () => {
    const table = dutyList("金融工作局", all, AS_OF);
    const wb = await readWorkbook(await writeExport(table, "xlsx", "duty"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["金融工作局"]);
    const ws = wb.worksheets[0];
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    const rows = sheetRows(ws);
    expect(rows[0][0]).toBe("金融工作局责任清单");
    expect(rows[2]).toEqual(["序号", "重点任务", "本单位职责", "牵头单位", "配合单位", "完成时限", "截止日期", "到期提示", "状态", "进展情况", "原文条目", "任务编号"]);
    const overdue = rows.findIndex((r) => r[10] === "三/(二)/20") + 1;
    expect(ws.getCell(`H${overdue}`).text).toBe("已逾期");
    expect(ws.getCell(`H${overdue}`).font.color?.argb).toBe("FFC00000");
    const soon = rows.findIndex((r) => r[10] === "五/29") + 1;
    expect(ws.getCell(`H${soon}`).text).toBe("30日内到期");
    expect((ws.getCell(`B${soon}`).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFF2CC");
    expect(rows[soon - 1][6]).toBe("2022-03-31");
  });

  it("sheet names: Excel's 31-character and forbidden-character rules", () => {
    expect(sanitiseSheetName("a:b\\c/d?e*f[g]h")).toBe("a：b－c－d？e＊f（g）h");
    expect(sanitiseSheetName("'引号'")).toBe("引号");
    expect(sanitiseSheetName("History")).toBe("工作表");
    expect(sanitiseSheetName("")).toBe("工作表");
    expect(sanitiseSheetName("字".repeat(40)).length).toBe(31);
    expect(sanitiseSheetName(`${"字".repeat(30)}𠀀`).length).toBe(30); // no split surrogate pair
    expect(uniqueSheetNames(["表", "表", "表"])).toEqual(["表", "表（2）", "表（3）"]);
    expect(uniqueSheetNames(["A".repeat(31), "a".repeat(31)])[1]).toBe(`${"a".repeat(28)}（2）`);
  });
});

describe("DOCX (docx, read back with mammoth)", () => {
  it("绵阳: titled after the policy, landscape A4, a Word table with a repeated header row and Chinese fonts", async () => {
    const table = documentTable(mianyang, { includeContent: true });
    const file = await writeExport(table, "docx", "mianyang");
    const { tables, html } = await docxTables(file);
    expect(html.indexOf("金融支持科创企业全生命周期发展十条措施(试行)实施方案")).toBeLessThan(html.indexOf("<table"));
    expect(tables.length).toBe(1);
    // 任务编号 is for machines: not printed.
    expect(tables[0].header).toEqual([["序号", "重点任务", "具体内容", "牵头单位", "配合单位", "完成时限", "状态", "完成时间", "进展情况", "备注", "原文条目"]]);
    const body = tables[0].body;
    expect(body.length).toBe(table.sheets[0].rows.length);
    expect(body[0]).toEqual(["一、科创企业名单确定"]); // a section row spans the table
    const r28 = body.find((r) => r[10] === "五/28")!;
    expect(r28.slice(0, 1).concat(r28.slice(3, 6))).toEqual(["28", "市金融工作局", "人行绵阳市中心支行、绵阳银保监分局", "持续推进"]);
    const r2 = body.find((r) => r[10] === "二/(一)/2")!;
    expect(r2[3]).toBe("人行绵阳市中心支行");
    expect(r2[2]).toBe(mianyang.measures.find((m) => m.path === "二/(一)/2")!.text);
    expect(body.filter((r) => r.length === 11).length).toBe(29);

    const zip = await JSZip.loadAsync(readFileSync(file));
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/);
    expect(xml).toContain("<w:tblHeader/>");
    expect(xml).toMatch(/w:eastAsia="黑体"/); // title and header row
    expect(xml).toContain('w:gridSpan w:val="11"');
    // Page numbers in the footer.
    const footers = await Promise.all(Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n)).map((n) => zip.file(n)!.async("string")));
    expect(footers.join("")).toMatch(/PAGE[\s\S]*NUMPAGES/);
    const styles = await zip.file("word/styles.xml")!.async("string");
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*w:eastAsia="宋体"[\s\S]*<\/w:docDefaults>/); // table text
    const core = await zip.file("docProps/core.xml")!.async("string");
    expect(core).toContain("<dc:title>金融支持科创企业全生命周期发展十条措施(试行)实施方案　任务分工表</dc:title>");
  });

  it("攀枝花 2016 and a duty list", async () => {
    const { tables } = await docxTables(await writeExport(documentTable(panzhihua, { includeContent: false }), "docx", "panzhihua"));
    const r = tables[0].body.find((x) => x[9] === "三/(一)/1")!;
    expect(r.slice(1, 5)).toEqual([
      "设立攀枝花市知识产权质押贷款风险补偿金,纳入全市中小企业贷款风险补偿范围,确定知识产权质押贷款模式,制定风险补偿措施,明确风险分担比例,落实管理权责,具体方案另行制定",
      "市财政局",
      "市科技和知识产权局、市金融办、攀枝花银监分局、人民银行攀枝花市中心支行",
      "未明确",
    ]);
    const duty = await docxTables(await writeExport(dutyList("金融工作局", all, AS_OF, { includeContent: false }), "docx", "duty"));
    expect(duty.html).toContain("金融工作局责任清单");
    expect(duty.tables[0].header[0]).toEqual(["序号", "重点任务", "本单位职责", "牵头单位", "配合单位", "完成时限", "截止日期", "到期提示", "状态", "进展情况", "原文条目"]);
    const late = duty.tables[0].body.find((x) => x[10] === "三/(二)/20")!;
    expect(late.slice(2, 8)).toEqual(["责任", "市金融工作局", "市财政局", "2022年2月底前", "2022-02-28", "已逾期"]);
  });
});

describe("CSV", () => {
  it("UTF-8 with BOM, CRLF, RFC 4180 quoting; reads back to the same cells", async () => {
    const table = documentTable(mianyang, { includeContent: true });
    const buf = readFileSync(await writeExport(table, "csv", "mianyang"));
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString("utf8").slice(1);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(["序号", "重点任务", "具体内容", "牵头单位", "配合单位", "完成时限", "状态", "完成时间", "进展情况", "备注", "原文条目", "任务编号"]);
    expect(rows.length).toBe(1 + table.sheets[0].rows.length);
    expect(rows.every((r) => r.length === 12)).toBe(true);
    expect(rows[1]).toEqual(["", "一、科创企业名单确定", "", "", "", "", "", "", "", "", "一", ""]);
    const r28 = rows.find((r) => r[10] === "五/28")!;
    expect(r28.slice(3, 6)).toEqual(["市金融工作局", "人行绵阳市中心支行、绵阳银保监分局", "持续推进"]);
    const r2 = rows.find((r) => r[10] === "二/(一)/2")!;
    expect(r2[2]).toBe(mianyang.measures.find((m) => m.path === "二/(一)/2")!.text); // commas, quotes and line breaks survive
    expect(r2[3]).toBe("人行绵阳市中心支行");
  });

  it("more than one document: a leading 文件 column; formula-like text is neutralised", () => {
    const t = filteredTable([{ document: panzhihua, measure: "四/(三)" }, { document: mianyang, measure: "五/28" }], { includeContent: false });
    const rows = parseCsv(renderCsvText(t).slice(1));
    expect(rows[0][0]).toBe("文件");
    expect(rows.find((r) => r[10] === "四/(三)")![0]).toBe(panzhihua.title);
    const odd = { ...mianyang, measures: [{ ...mianyang.measures[0], title: '=HYPERLINK("x","y"),"引号"' }] };
    const r = parseCsv(renderCsvText(documentTable(odd, { includeContent: false })).slice(1));
    expect(r.find((x) => x[9] === "一/1")![1]).toBe(`'=HYPERLINK("x","y"),"引号"`);
  });
});

describe("Markdown", () => {
  it("a GFM table with pipes and line breaks escaped", async () => {
    const md = readFileSync(await writeExport(documentTable(mianyang, { includeContent: false }), "md", "mianyang"), "utf8");
    const lines = md.split("\n");
    expect(lines[0]).toBe("# 金融支持科创企业全生命周期发展十条措施(试行)实施方案");
    const tableLines = lines.filter((l) => l.startsWith("|"));
    expect(tableLines[0]).toBe("| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 | 状态 | 完成时间 | 进展情况 | 备注 | 原文条目 |");
    expect(tableLines[1]).toBe("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    expect(tableLines).toContain("|  | **（一）增加科创企业信贷供给** |  |  |  |  |  |  |  | **二/(一)** |");
    expect(tableLines.find((l) => l.startsWith("| 28 |"))).toBe(
      "| 28 | 压实金融机构主体责任、地方政府属地责任、金融管理部门监管责任,形成科创金融改革创新过程中的金融风险管控合力 | 市金融工作局 | 人行绵阳市中心支行、绵阳银保监分局 | 持续推进 |  |  |  |  | 五/28 |",
    );
    expect(tableLines.length).toBe(2 + 29 + 13);

    const odd = { ...mianyang, measures: [{ ...mianyang.measures[0], title: "甲|乙\n丙 <b> 2016~2018 *重点*" }] };
    const row = renderMarkdown(documentTable(odd, { columns: ["path", "task", "lead", "coop", "deadline"] })).split("\n").find((l) => l.startsWith("| 一/1 |"))!;
    expect(row).toContain("| 甲\\|乙<br>丙 &lt;b> 2016\\~2018 \\*重点\\* |");
    // Cells split on unescaped pipes only: every row has the header's cell count.
    const cells = row.replace(/\\\|/g, "").split("|").length;
    expect(cells).toBe("| a | b | c | d | e |".split("|").length);
    expect(row).not.toMatch(/\n/);
  });
});

describe("iCalendar", () => {
  const unfold = (s: string) => s.replace(/\r\n[ \t]/g, "");

  it("领导小组办公室 (攀枝花 2016): 每年12月20日前 as a yearly recurring event", async () => {
    const table = dutyList("领导小组办公室", [panzhihua], "2016-12-01");
    expect(item(table, "四/(三)").cells.deadline).toBe("每年12月20日前");
    const file = await writeExport(table, "ics", "office");
    const text = readFileSync(file, "utf8");
    const events = Object.values(ical.sync.parseICS(text)).filter((e) => e?.type === "VEVENT") as ical.VEvent[];
    const yearly = events.filter((e) => String(e.summary).includes("每年12月20日前"));
    expect(yearly.length).toBe(1);
    const e = yearly[0];
    expect(String(e.summary)).toBe("【牵头】建立考评机制（每年12月20日前）");
    expect(e.datetype).toBe("date");
    expect(e.start.toISOString().slice(0, 10)).toBe("2016-12-20");
    // Repeats end with the plan (2016~2018).
    expect(e.rrule!.toString()).toMatch(/FREQ=YEARLY;UNTIL=20181231.*BYMONTH=12;BYMONTHDAY=20/);
    const next = e.rrule!.between(new Date("2017-01-01T00:00:00Z"), new Date("2018-12-31T00:00:00Z"), true).map((d) => d.toISOString().slice(0, 10));
    expect(next).toEqual(["2017-12-20", "2018-12-20"]);
    expect(unfold(text)).toContain("RRULE:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=20;UNTIL=20181231\r\n");
    expect(e.rrule!.between(new Date("2019-01-01T00:00:00Z"), new Date("2030-01-01T00:00:00Z"))).toEqual([]);
    expect(String(e.description)).toContain("完成时限（原文）：每年12月20日前");
    expect(String(e.description)).toContain("文件：攀枝花市知识产权质押融资试点工作方案(2016~2018)");
  });

  it("市金融工作局: all-day events on end dates, recurring rules, folding, escaping, stable UIDs", async () => {
    const table = dutyList("市金融工作局", all, AS_OF);
    const text = readFileSync(await writeExport(table, "ics", "duty"), "utf8");
    // CRLF only; every line at most 75 octets.
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(text).toMatch(/\r\n [^\r\n]/); // long lines were folded
    const data = ical.sync.parseICS(text);
    const events = Object.values(data).filter((e) => e?.type === "VEVENT") as ical.VEvent[];
    const dated = events.filter((e) => !e.rrule);
    // One per distinct (measure, end date) of the list's dated deadlines.
    const expectedDated = items(table).reduce((n, r) => n + new Set(r.deadlines.map((d) => d.end).filter(Boolean)).size, 0);
    expect(dated.length).toBe(expectedDated);
    for (const e of dated) {
      expect(e.datetype).toBe("date");
      expect((e.end!.getTime() - e.start.getTime()) / 86400000).toBe(1);
    }
    const m20 = dated.find((e) => String(e.summary).includes("支持符合条件的非金融类科创企业开展债券融资"))!;
    expect(m20.start.toISOString().slice(0, 10)).toBe("2022-02-28");
    expect(String(m20.summary)).toBe("【责任】支持符合条件的非金融类科创企业开展债券融资,支持创新债券融资方式（2022年2月底前）");
    expect(unfold(text)).toContain("SUMMARY:【责任】支持符合条件的非金融类科创企业开展债券融资\\,支持创新债券融资方式（2022年2月底前）");
    const weekly = events.find((e) => e.rrule && String(e.summary).includes("（每周）"))!;
    expect(weekly.rrule!.toString()).toMatch(/FREQ=WEEKLY;UNTIL=20221231/);
    expect(weekly.rrule!.toString()).toMatch(/BYDAY=FR/);
    const quarterly = events.find((e) => e.rrule && String(e.summary).includes("（按季）"))!;
    expect(quarterly.rrule!.toString()).toMatch(/FREQ=MONTHLY/);
    expect(quarterly.rrule!.toString()).toMatch(/INTERVAL=3/);
    expect(quarterly.rrule!.toString()).toMatch(/UNTIL=20221231/);
    expect(quarterly.start.toISOString().slice(0, 10)).toBe("2022-06-30"); // first quarter end after 2022-04-05
    // Stable and unique UIDs.
    const uids = events.map((e) => e.uid);
    expect(new Set(uids).size).toBe(uids.length);
    const again = renderIcsText(dutyList("金融工作局", all, "2023-01-01"), { now: new Date() });
    const uidsAgain = [...unfold(again).matchAll(/^UID:(.+)$/gm)].map((m) => m[1]);
    expect(uidsAgain.length).toBe(uids.length);
    expect(new Set(uidsAgain)).toEqual(new Set(uids.filter(Boolean)));
  });

  it("recurrence rules and folding helpers", () => {
    expect(recurrenceRule("half-yearly", "2022-04-05")).toMatchObject({ start: "2022-06-30", rule: "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1" });
    expect(recurrenceRule("monthly", "2022-04-05")).toMatchObject({ start: "2022-04-30", rule: "FREQ=MONTHLY;BYMONTHDAY=-1" });
    expect(recurrenceRule("yearly:02-29", "2022-03-01")!.start).toBe("2024-02-29");
    expect(recurrenceRule("yearly:12-20", "2016-12-21")!.start).toBe("2017-12-20");
    expect(recurrenceRule("daily", "2022-01-01")).toBeNull();
    const folded = icsFold(`SUMMARY:${"汉".repeat(60)}`);
    expect(folded.split("\r\n").every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(`SUMMARY:${"汉".repeat(60)}`);
  });
});

describe("render()", () => {
  it("gives body, content type, extension and a file name for every format; refuses unknown ones", async () => {
    const table = documentTable(mianyang);
    const types: Record<string, string> = {
      xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      csv: "text/csv; charset=utf-8",
      md: "text/markdown; charset=utf-8",
      ics: "text/calendar; charset=utf-8",
    };
    for (const [format, type] of Object.entries(types)) {
      const out = await render(table, format);
      expect(out.contentType).toBe(type);
      expect(out.extension).toBe(format);
      expect(out.fileName).toBe(`金融支持科创企业全生命周期发展十条措施(试行)实施方案任务分工表.${format}`);
      expect(out.body.length).toBeGreaterThan(100);
    }
    await expect(render(table, "pdf")).rejects.toThrow(/不支持的导出格式/);
    expect(contentDisposition("责任清单.xlsx")).toBe(`attachment; filename="____.xlsx"; filename*=UTF-8''${encodeURIComponent("责任清单")}.xlsx`);
  });
});

// ---- LibreOffice ----------------------------------------------------------------------------------

describe("LibreOffice", () => {
  it("converts the XLSX and DOCX to PDF", async (ctx) => {
    const office = findOffice();
    if (!office) {
      const reason = "未安装 LibreOffice（PATH 中没有 soffice 或 libreoffice），跳过 XLSX/DOCX 转 PDF 检查";
      console.warn(reason);
      ctx.skip(reason);
      return;
    }
    const table = dutyList("金融工作局", all, AS_OF);
    const files = [await writeExport(documentTable(mianyang), "xlsx", "lo-mianyang"), await writeExport(table, "docx", "lo-duty")];
    for (const pdf of convertToPdf(office, files, dir)) {
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(pdf.length).toBeGreaterThan(1000);
    }
  });
});
