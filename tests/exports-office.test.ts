// Exports rendered as XLSX, DOCX and CSV from the real seeds, written to files and read back with real
// parsers (exceljs, mammoth, a strict CSV reader).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { sheetRows } from "./helpers/sheets.ts";
import JSZip from "jszip";
import { documentTable, dutyList, filteredTable, renderCsvText } from "../src/exports/index.ts";
import { sanitiseSheetName, uniqueSheetNames } from "../src/exports/sheet-names.ts";
import { AS_OF, docxTables, useExportFixture, parseCsv, readWorkbook } from "./helpers/exports.ts";

const fx = useExportFixture("exports-office");

// ---- renderers, read back -------------------------------------------------------------------------

describe("XLSX (exceljs)", () => {
  it("绵阳: frozen header, widths, wrapped text, merged section rows, cell text, hidden 任务编号", async () => {
    const table = documentTable(fx.mianyang, { includeContent: true });
    const wb = await readWorkbook(await fx.write(table, "xlsx", "mianyang"));
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
    expect(rows.filter((r) => /^\d+$/.test(r[0])).map((r) => r[0])).toEqual(fx.mianyang.measures.map((_, i) => String(i + 1)));
    // Printed: landscape A4, header row repeated, page numbers in the footer.
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", printTitlesRow: "3:3" });
    expect(ws.headerFooter.oddFooter).toContain("&P");
  });

  it("攀枝花 2016 and a multi-document workbook: one sheet per document, names made valid and unique", async () => {
    const pz = await readWorkbook(await fx.write(documentTable(fx.panzhihua), "xlsx", "panzhihua"));
    const rows = sheetRows(pz.worksheets[0]);
    const r = rows.find((x) => x[9] === "三/(一)/1")!;
    expect(r[2]).toBe("市财政局");
    expect(r[3]).toBe("市科技和知识产权局、市金融办、攀枝花银监分局、人民银行攀枝花市中心支行");
    expect(rows.find((x) => x[9] === "四/(三)")![4]).toBe("每年12月20日前");

    // Two documents whose titles clash once cut to 31 characters and hold forbidden characters.
    const longTitle = "关于[试点]工作的方案：第一批/第二批？*补充说明与附件及其实施细则（征求意见稿）";
    const a = { ...fx.panzhihua, id: "aaaaaaaaaaaaaaaa", title: longTitle };
    const b = { ...fx.mianyang, id: "bbbbbbbbbbbbbbbb", title: `${longTitle}二` };
    const t = filteredTable([...a.measures.slice(0, 2).map((m) => ({ document: a, measure: m })), { document: b, measure: b.measures[0] }]);
    const wb = await readWorkbook(await fx.write(t, "xlsx", "filtered"));
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
    const table = dutyList("金融工作局", fx.all, AS_OF);
    const wb = await readWorkbook(await fx.write(table, "xlsx", "duty"));
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
    const table = documentTable(fx.mianyang, { includeContent: true });
    const file = await fx.write(table, "docx", "mianyang");
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
    expect(r2[2]).toBe(fx.mianyang.measures.find((m) => m.path === "二/(一)/2")!.text);
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
    const { tables } = await docxTables(await fx.write(documentTable(fx.panzhihua, { includeContent: false }), "docx", "panzhihua"));
    const r = tables[0].body.find((x) => x[9] === "三/(一)/1")!;
    expect(r.slice(1, 5)).toEqual([
      "设立攀枝花市知识产权质押贷款风险补偿金,纳入全市中小企业贷款风险补偿范围,确定知识产权质押贷款模式,制定风险补偿措施,明确风险分担比例,落实管理权责,具体方案另行制定",
      "市财政局",
      "市科技和知识产权局、市金融办、攀枝花银监分局、人民银行攀枝花市中心支行",
      "未明确",
    ]);
    const duty = await docxTables(await fx.write(dutyList("金融工作局", fx.all, AS_OF, { includeContent: false }), "docx", "duty"));
    expect(duty.html).toContain("金融工作局责任清单");
    expect(duty.tables[0].header[0]).toEqual(["序号", "重点任务", "本单位职责", "牵头单位", "配合单位", "完成时限", "截止日期", "到期提示", "状态", "进展情况", "原文条目"]);
    const late = duty.tables[0].body.find((x) => x[10] === "三/(二)/20")!;
    expect(late.slice(2, 8)).toEqual(["责任", "市金融工作局", "市财政局", "2022年2月底前", "2022-02-28", "已逾期"]);
  });
});

describe("CSV", () => {
  it("UTF-8 with BOM, CRLF, RFC 4180 quoting; reads back to the same cells", async () => {
    const table = documentTable(fx.mianyang, { includeContent: true });
    const buf = readFileSync(await fx.write(table, "csv", "mianyang"));
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
    expect(r2[2]).toBe(fx.mianyang.measures.find((m) => m.path === "二/(一)/2")!.text); // commas, quotes and line breaks survive
    expect(r2[3]).toBe("人行绵阳市中心支行");
  });

  it("more than one document: a leading 文件 column; formula-like text is neutralised", () => {
    const t = filteredTable([{ document: fx.panzhihua, measure: "四/(三)" }, { document: fx.mianyang, measure: "五/28" }], { includeContent: false });
    const rows = parseCsv(renderCsvText(t).slice(1));
    expect(rows[0][0]).toBe("文件");
    expect(rows.find((r) => r[10] === "四/(三)")![0]).toBe(fx.panzhihua.title);
    const odd = { ...fx.mianyang, measures: [{ ...fx.mianyang.measures[0], title: '=HYPERLINK("x","y"),"引号"' }] };
    const r = parseCsv(renderCsvText(documentTable(odd, { includeContent: false })).slice(1));
    expect(r.find((x) => x[9] === "一/1")![1]).toBe(`'=HYPERLINK("x","y"),"引号"`);
  });
});
