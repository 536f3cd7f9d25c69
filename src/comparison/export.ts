// A comparison table as a file: XLSX (exceljs), CSV (UTF-8 with BOM) or Markdown, one row per place with
// the measure's title, path and id (the full text is at /api/measures/:id), lead units, deadlines and the
// aligned figures, then the places without a measure. The cell escaping of the task exports is reused.
import ExcelJS from "exceljs";
import type { ComparisonTable } from "../../index/similar/compare.ts";
import { csvField } from "../exports/csv.ts";
import { mdCell } from "../exports/markdown.ts";
import { fileNameBase, xmlSafe } from "../exports/text.ts";
import { sanitiseSheetName } from "../exports/sheet-names.ts";
import { printedAsTables } from "../exports/xlsx.ts";
import { untitledName } from "../documents/file-name.ts";

export const COMPARISON_FORMATS = ["xlsx", "csv", "md"] as const;
export type ComparisonFormat = (typeof COMPARISON_FORMATS)[number];

export interface ComparisonFile {
  body: Uint8Array;
  contentType: string;
  fileName: string;
}

const CONTENT_TYPES: Record<ComparisonFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  md: "text/markdown; charset=utf-8",
};

/** The excerpt without the measure's title when it opens with it (a measure without a heading is titled by its first sentence). */
export function excerptAfterTitle(excerpt: string, title: string | null): string {
  const t = (title ?? "").trim();
  const body = excerpt.trim();
  if (t && t.startsWith(body.replace(/…$/, ""))) return ""; // an excerpt cut within the title adds nothing
  if (!t || !body.startsWith(t)) return excerpt;
  return body.slice(t.length).replace(/^[。．.，,；;：:\s]+/, "");
}

/** The table as a title, a header and rows of plain text cells. */
export function comparisonGrid(t: ComparisonTable): { title: string; header: string[]; rows: string[][]; missing: string } {
  const kind = t.subject.kind === "measure" ? "措施" : t.subject.kind === "topic" ? "主题" : "主题词";
  const title = `各地对比（${kind}：${t.subject.label}）`;
  const header = ["地方", "文件", "措施", "措施标题", "摘要", "牵头单位", "完成时限", ...t.columns.map((c) => c.label), "其他相关措施", "措施编号"];
  const rows = t.rows.map((r) => [
    r.place.name,
    r.document.title ?? untitledName(r.document.fileName),
    r.measure.path,
    r.measure.title,
    excerptAfterTitle(r.excerpt, r.measure.title),
    r.leadUnits.join("、") || "未明确",
    r.deadlines.map((d) => d.text).join("；") || "未明确",
    ...t.columns.map((c) => r.cells[c.id]?.display ?? "—"),
    [...r.others.map((o) => `${o.measure.path} ${o.measure.title}`), ...(r.measureCount > r.others.length + 1 ? [`等 ${r.measureCount - 1} 条`] : [])].join("\n"),
    r.measure.id,
  ]);
  const missing = t.missingPlaces.length ? `没有相关措施的地方：${t.missingPlaces.map((p) => p.name).join("、")}` : "";
  return { title, header, rows, missing };
}

function isComparisonFormat(s: string): s is ComparisonFormat {
  return (COMPARISON_FORMATS as readonly string[]).includes(s);
}

/** The table in one format. Throws (in Chinese) for an unknown format. */
export async function renderComparison(t: ComparisonTable, format: string): Promise<ComparisonFile> {
  if (!isComparisonFormat(format)) throw new Error(`不支持的对比导出格式：${format}（可选：${COMPARISON_FORMATS.join("、")}）`);
  const grid = comparisonGrid(t);
  let body: Uint8Array;
  if (format === "xlsx") body = await xlsx(grid);
  else if (format === "csv") body = Buffer.from(csv(grid), "utf8");
  else body = Buffer.from(markdown(grid), "utf8");
  return { body, contentType: CONTENT_TYPES[format], fileName: `${fileNameBase(grid.title)}.${format}` };
}

type Grid = ReturnType<typeof comparisonGrid>;

function csv(g: Grid): string {
  const lines = [g.header, ...g.rows].map((r) => r.map(csvField).join(","));
  if (g.missing) lines.push("", csvField(g.missing));
  return `\ufeff${lines.join("\r\n")}\r\n`;
}

function markdown(g: Grid): string {
  const line = (cells: string[]) => `| ${cells.map(mdCell).join(" | ")} |`;
  const out = [`# ${mdCell(g.title)}`, "", line(g.header), `|${g.header.map(() => " --- ").join("|")}|`, ...g.rows.map(line)];
  if (g.missing) out.push("", mdCell(g.missing));
  return `${out.join("\n")}\n`;
}

/** Header row of the sheet (row 1 holds the title). */
export const COMPARISON_HEADER_ROW = 2;

async function xlsx(g: Grid): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  // Printed as the other tables are: A4 landscape, one page wide, the header on every page.
  const ws = wb.addWorksheet(sanitiseSheetName("各地对比"), printedAsTables(COMPARISON_HEADER_ROW));
  ws.addRow([g.title]).font = { bold: true, size: 14 };
  const head = ws.addRow(g.header);
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF7" } };
    c.border = { bottom: { style: "thin" } };
  });
  for (const r of g.rows) ws.addRow(r.map(xmlSafe)).alignment = { wrapText: true, vertical: "top" };
  if (g.missing) {
    ws.addRow([]);
    ws.addRow([g.missing]);
  }
  const widths = [10, 24, 12, 28, 48, 18, 16, ...g.header.slice(7, -2).map(() => 18), 28, 26];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: "frozen", ySplit: COMPARISON_HEADER_ROW, xSplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
