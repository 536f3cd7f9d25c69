// XLSX with exceljs: one worksheet per table sheet (per document, or per unit for a duty list).
// Title and meta rows, then a frozen header row repeated when printed; wrapped text, set widths,
// shaded section rows, overdue and due-soon rows highlighted; landscape A4 fitted to page width.
import ExcelJS from "exceljs";
import { titleLines, type ExportTable, type ItemRow, type SectionRow, type TableSheet } from "./model.ts";
import { uniqueSheetNames } from "./sheet-names.ts";
import { wrappedLines, xmlSafe } from "./text.ts";

/** Rows above the data: title, meta, header. The header is the last frozen row. */
const XLSX_HEADER_ROW = 3;

const FONT = "宋体";
const GB2312 = 134; // font charset, so Excel and WPS pick a Chinese face
const MAX_CELL = 32767; // Excel's limit on characters in a cell
const LINE_PT = 13.5;
const MAX_ROW_PT = 409; // Excel's limit on a row's height

const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF808080" } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const fill = (argb: string): ExcelJS.Fill => ({ type: "pattern", pattern: "solid", fgColor: { argb } });
const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: FONT, charset: GB2312, size: 10, ...extra });

const SECTION_FILL = ["FFD9E1F2", "FFE9EEF8", "FFF3F6FB"];
const OVERDUE_FONT = "FFC00000";
const LIGHT_FILL: Record<string, string> = { 红: "FFF4CCCC", 黄: "FFFFF2CC", 绿: "FFD9EAD3", 灰: "FFE7E6E6" };
const DUE_SOON_FILL = "FFFFF2CC";

/**
 * Lines a text takes wrapped in a column `width` Excel units wide: a unit is 7 px (the workbook's
 * default font), a 10-point CJK character 13.4 px, a Latin one half that.
 */
function excelLines(text: string, width: number): number {
  const halfWidths = Math.max(2, Math.floor(((7 * width + 1) / 13.4) * 2));
  return wrappedLines(text, halfWidths + 1);
}

/**
 * How every exported worksheet prints: A4 landscape, one page wide, row `headerRow` repeated on every
 * page, page numbers in the footer.
 */
export function printedAsTables(headerRow: number): Required<Pick<Partial<ExcelJS.AddWorksheetOptions>, "pageSetup" | "headerFooter">> {
  return {
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.5, right: 0.5, top: 0.5, bottom: 0.55, header: 0.25, footer: 0.25 },
    },
    headerFooter: { oddFooter: "&C第 &P 页，共 &N 页" },
  };
}

function cellText(s: string | undefined): string {
  const t = xmlSafe(s ?? "");
  return t.length > MAX_CELL ? `${t.slice(0, MAX_CELL - 8)}…（已截断）` : t;
}

function addSheet(wb: ExcelJS.Workbook, table: ExportTable, sheet: TableSheet, name: string): void {
  const cols = table.columns;
  const n = cols.length;
  const printed = printedAsTables(XLSX_HEADER_ROW);
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", xSplit: 0, ySplit: XLSX_HEADER_ROW, topLeftCell: `A${XLSX_HEADER_ROW + 1}`, activeCell: `A${XLSX_HEADER_ROW + 1}` }],
    pageSetup: { ...printed.pageSetup, horizontalCentered: true },
    headerFooter: printed.headerFooter,
  });
  ws.columns = cols.map((c) => ({ key: c.key, width: c.width, hidden: c.hidden === true }));
  const printWidth = cols.reduce((w, c) => w + (c.hidden ? 0 : c.width), 0);

  const title = ws.getRow(1);
  title.getCell(1).value = cellText(titleLines({ title: sheet.title, subtitle: table.subtitle }).join("　"));
  title.getCell(1).font = font({ size: 16, bold: true });
  title.getCell(1).alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  title.height = 30;
  ws.mergeCells(1, 1, 1, n);

  const meta = ws.getRow(2);
  meta.getCell(1).value = cellText(sheet.meta.join("　"));
  meta.getCell(1).font = font({ size: 10 });
  meta.getCell(1).alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  meta.height = Math.min(MAX_ROW_PT, 6 + LINE_PT * excelLines(sheet.meta.join("　"), printWidth));
  ws.mergeCells(2, 1, 2, n);

  const header = ws.getRow(XLSX_HEADER_ROW);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = font({ bold: true, size: 10.5 });
    cell.fill = fill("FFD0D0D0");
    cell.border = BORDER;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
  header.height = 22;

  let r = XLSX_HEADER_ROW + 1;
  for (const row of sheet.rows) {
    if (row.kind === "section") writeSection(ws, r, row, n);
    else writeItem(ws, r, row, table);
    r++;
  }
  if (sheet.rows.length > 0) ws.autoFilter = { from: { row: XLSX_HEADER_ROW, column: 1 }, to: { row: r - 1, column: n } };
}

function writeSection(ws: ExcelJS.Worksheet, r: number, row: SectionRow, n: number): void {
  const x = ws.getRow(r);
  // Style every cell of the merged range so its borders and shading are whole.
  for (let c = 1; c <= n; c++) {
    const cell = x.getCell(c);
    cell.font = font({ bold: true, size: row.depth === 0 ? 10.5 : 10 });
    cell.fill = fill(SECTION_FILL[Math.min(row.depth, SECTION_FILL.length - 1)]);
    cell.border = BORDER;
    cell.alignment = { horizontal: "left", vertical: "middle", indent: row.depth, wrapText: true };
  }
  x.getCell(1).value = cellText(row.text);
  x.height = 16.5;
  ws.mergeCells(r, 1, r, n);
}

const CENTRED = new Set(["no", "path", "role", "status", "mark", "light", "completed", "due"]);

function writeItem(ws: ExcelJS.Worksheet, r: number, row: ItemRow, table: ExportTable): void {
  const x = ws.getRow(r);
  let lines = 1;
  table.columns.forEach((c, i) => {
    const text = cellText(row.cells[c.key]);
    const cell = x.getCell(i + 1);
    cell.value = text;
    cell.font = font(c.key === "mark" && row.mark === "overdue" ? { bold: true, color: { argb: OVERDUE_FONT } } : {});
    cell.border = BORDER;
    cell.alignment = { vertical: "top", horizontal: CENTRED.has(c.key) ? "center" : "left", wrapText: true };
    if (row.mark === "due-soon") cell.fill = fill(DUE_SOON_FILL);
    if (c.key === "light" && row.light) cell.fill = fill(LIGHT_FILL[row.light]);
    if (!c.hidden) lines = Math.max(lines, excelLines(text, c.width));
  });
  // Excel does not grow rows for wrapped text in a written file: give each row the height it needs.
  x.height = Math.min(MAX_ROW_PT, 3 + LINE_PT * lines);
}

/** The table as an XLSX workbook. */
export async function renderXlsx(table: ExportTable): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "政策知识服务";
  wb.title = titleLines(table).join("　");
  wb.subject = table.subtitle;
  wb.created = new Date();
  const sheets = table.sheets.length > 0 ? table.sheets : [{ name: table.title, title: table.title, meta: table.meta, rows: [] }];
  const names = uniqueSheetNames(sheets.map((s) => s.name));
  sheets.forEach((s, i) => addSheet(wb, table, s, names[i]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
