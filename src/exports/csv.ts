// CSV (RFC 4180): UTF-8 with a byte order mark so Excel reads the Chinese text, CRLF between
// records, fields quoted when they hold a comma, quote or line break. Section rows keep the
// hierarchy: 序号 holds the numbering path, 重点任务 the heading, the other fields are empty.
// With more than one sheet a leading 文件 column names each row's document.
import type { ExportTable } from "./model.ts";

const BOM = "\ufeff";
const CRLF = "\r\n";

/** Quote a field when it must be; text that a spreadsheet would run as a formula gets a leading '. */
export function csvField(value: string): string {
  let v = value.replace(/\r\n?/g, "\n");
  if (/^[=+\-@\t]/.test(v)) v = `'${v}`;
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The table as CSV text (with BOM). */
export function renderCsvText(table: ExportTable): string {
  const multi = table.sheets.length > 1;
  const header = [...(multi ? ["文件"] : []), ...table.columns.map((c) => c.header)];
  const lines: string[] = [header.map(csvField).join(",")];
  for (const sheet of table.sheets) {
    const lead = multi ? [sheet.title] : [];
    for (const row of sheet.rows) {
      const fields =
        row.kind === "section"
          ? table.columns.map((c) => (c.key === "path" ? row.path : c.key === "task" ? row.text : ""))
          : table.columns.map((c) => row.cells[c.key] ?? "");
      lines.push([...lead, ...fields].map(csvField).join(","));
    }
  }
  return BOM + lines.join(CRLF) + CRLF;
}

export function renderCsv(table: ExportTable): Buffer {
  return Buffer.from(renderCsvText(table), "utf8");
}
