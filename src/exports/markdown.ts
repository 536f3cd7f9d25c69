// GitHub-flavoured Markdown: a heading, meta lines and, per sheet, one pipe table. Pipes,
// backslashes and the marks of emphasis, strikethrough, code and links are escaped, line breaks
// become <br>, and < is written as &lt; so text cannot open HTML. Section rows are bold.
import { titleLines, type ExportTable } from "./model.ts";

/** A cell's text made safe inside a GFM table cell. */
export function mdCell(text: string): string {
  return text
    .replace(/([\\|*_~`[\]])/g, "\\$1")
    .replace(/</g, "&lt;")
    .replace(/\r\n?|\n/g, "<br>")
    .replace(/[ \t]+/g, " ")
    .trim();
}

/** Text outside the table (headings, meta lines) on one line, with Markdown's own marks escaped. */
function mdLine(text: string): string {
  return text.replace(/\s+/g, " ").replace(/([\\`*_~[\]#|<>])/g, "\\$1").trim();
}

const bold = (s: string) => (s ? `**${s}**` : "");

export function renderMarkdown(table: ExportTable): string {
  const [title, subtitle] = titleLines(table);
  const out: string[] = [`# ${mdLine(title)}`, ""];
  if (subtitle) out.push(`**${mdLine(subtitle)}**`, "");
  for (const line of table.meta) out.push(`${mdLine(line)}  `);
  if (table.meta.length > 0) out.push("");
  const multi = table.sheets.length > 1;
  const cols = table.columns.filter((c) => !c.hidden);
  for (const sheet of table.sheets) {
    if (multi) {
      out.push(`## ${mdLine(sheet.title)}`, "");
      for (const line of sheet.meta) out.push(`${mdLine(line)}  `);
      out.push("");
    }
    out.push(`| ${cols.map((c) => mdCell(c.header)).join(" | ")} |`);
    out.push(`| ${cols.map(() => "---").join(" | ")} |`);
    for (const row of sheet.rows) {
      const cells =
        row.kind === "section"
          ? cols.map((c) => (c.key === "path" ? bold(mdCell(row.path)) : c.key === "task" ? bold(mdCell(row.text)) : ""))
          : cols.map((c) => mdCell(row.cells[c.key] ?? ""));
      out.push(`| ${cells.join(" | ")} |`);
    }
    out.push("");
  }
  if (table.sheets.length === 0) out.push("没有可导出的措施", "");
  return out.join("\n");
}
