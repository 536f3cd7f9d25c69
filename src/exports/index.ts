// The export API: build a table model (assignments.ts), then render it in one format.
//   const table = documentTable(store.getDocument(id)!);           // 任务分工表 of one policy
//   const duty = dutyList("金融工作局", docs, "2022-03-20");         // one unit's 责任清单 (as the unit page finds it)
//   const withProgress = documentTable(doc, { followUp: { progress: store.tasks().all(), asOf, yellowDays } });
//   const found = filteredTable(hits.map((h) => ({ document, measure: h.measureId })));
//   const { body, contentType, fileName } = await render(table, "xlsx");
//   res.header("Content-Disposition", contentDisposition(fileName));
import { renderCsv } from "./csv.ts";
import { renderDocx } from "./docx.ts";
import { renderIcs, type IcsOptions } from "./ics.ts";
import { renderMarkdown } from "./markdown.ts";
import { titleLines, type ExportTable } from "./model.ts";
import { fileNameBase } from "./text.ts";
import { renderXlsx } from "./xlsx.ts";

export { documentTable, dutyList, filteredTable, documentMeta, type MeasurePair } from "./assignments.ts";
export type { Column, ColumnKey, DueMark, ExportDocument, ExportTable, ItemRow, Row, SectionRow, TableOptions, TableSheet } from "./model.ts";
export { renderCsv, renderCsvText } from "./csv.ts";
export { renderDocx } from "./docx.ts";
export { renderIcs, renderIcsText, type IcsOptions } from "./ics.ts";
export { renderMarkdown } from "./markdown.ts";
export { renderXlsx } from "./xlsx.ts";
export { todayInChina } from "./due.ts";
export { clerkDeadline } from "./clerk.ts";
export { COLUMN_KEYS, columnsFor, parseColumns } from "./columns.ts";
export { documentTasks, lightOf, measureTasks, planEnd, yellowDaysFromEnv, type Light, type Task, type FollowUpContext } from "./followup.ts";
export { overview, overviewTasks, selectTasks, sortTasks, tasksTable, type TaskFilter, type OverviewParams } from "./overview.ts";
export { ImportError, planImport, type ImportPlan } from "./import.ts";

export const EXPORT_FORMATS = ["xlsx", "docx", "csv", "md", "ics"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface RenderedExport {
  body: Buffer;
  contentType: string;
  extension: ExportFormat;
  /** A suggested file name, Chinese title included ("……实施方案　任务分工表.xlsx"). */
  fileName: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  csv: "text/csv; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  ics: "text/calendar; charset=utf-8",
};

function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}

/** Render a table in one format. Throws (with a Chinese message) for an unknown format. */
export async function render(table: ExportTable, format: string, opts: IcsOptions = {}): Promise<RenderedExport> {
  if (!isExportFormat(format)) throw new Error(`不支持的导出格式：${format}（可选：${EXPORT_FORMATS.join("、")}）`);
  let body: Buffer;
  switch (format) {
    case "xlsx":
      body = await renderXlsx(table);
      break;
    case "docx":
      body = await renderDocx(table);
      break;
    case "csv":
      body = renderCsv(table);
      break;
    case "md":
      body = Buffer.from(renderMarkdown(table), "utf8");
      break;
    case "ics":
      body = renderIcs(table, opts);
      break;
  }
  return { body, contentType: CONTENT_TYPES[format], extension: format, fileName: `${fileNameBase(titleLines(table).join(""))}.${format}` };
}

/** A Content-Disposition value for a download with a Chinese file name (RFC 6266 / RFC 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
