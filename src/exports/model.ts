// The table model every export format renders: columns, and per sheet a title, meta lines and rows.
// Built by assignments.ts from records; renderers only read it. All user-facing text is Chinese.
import type { Deadline, Measure, PolicyDocument } from "../../extract/schema.ts";
import type { DocumentParts } from "../../extract/document.ts";

/** A document as the store returns it (`Store.getDocument`); `parts.outline` gives the grouping headings. */
export type ExportDocument = PolicyDocument & { parts?: Pick<DocumentParts, "outline"> & Partial<Pick<DocumentParts, "preamble" | "closing">> };

export type ColumnKey =
  | "no" // 序号 1, 2, 3 … in document order
  | "path" // the document's numbering path ("二/(一)/2")
  | "task"
  | "content"
  | "role"
  | "unit" // a task's unit (督办 lists)
  | "doc" // the document (督办 lists)
  | "lead"
  | "coop"
  | "deadline"
  | "due"
  | "mark" // 已逾期 / 30日内到期 of a duty list
  | "light" // 红黄绿灯
  | "status" // follow-up status (未开始 … 不适用)
  | "completed" // 完成时间
  | "progress" // 进展情况
  | "remark" // 备注
  | "id"; // 任务编号 (for the import of a filled-in table)

export interface Column {
  key: ColumnKey;
  header: string;
  /** Suggested width in Excel units (a CJK character takes about two). */
  width: number;
  /** Kept for machines (import), not printed: a hidden XLSX column, left out of DOCX and Markdown. */
  hidden?: boolean;
}

/** A grouping heading (一、 / （一）) or, in a duty list, a document. */
export interface SectionRow {
  kind: "section";
  /** 0 for the top level. */
  depth: number;
  /** The numbering path ("二/(一)"); empty for a document heading in a duty list. */
  path: string;
  /** The text shown: numbering and heading ("（一）增加科创企业信贷供给"). */
  text: string;
}

/** 已逾期: a deadline's end is before the as-of date; 30日内到期: an end within 30 days after it. */
export type DueMark = "overdue" | "due-soon";

export interface ItemRow {
  kind: "item";
  docId: string;
  /** The document's title, for exports that show rows without their sheet (calendar events). */
  docTitle: string;
  measureId: string;
  /** Cell text by column key; a column missing here renders as an empty cell. */
  cells: Partial<Record<ColumnKey, string>>;
  /** The measure's deadlines, for calendar export. */
  deadlines: Deadline[];
  /** Duty lists only: the strongest mark of the row's deadlines. */
  mark: DueMark | null;
  /** Date the recurring deadlines of this row are counted from (the document's date). */
  anchorDate: string | null;
  /** 红黄绿灯 of the row's tasks (the worst one), when follow-up progress was given. */
  light?: import("./followup.ts").Light;
  /** Recurring deadlines end here (the plan's end), when known. */
  until?: string | null;
  /** All the row's tasks are done (已完成 or 不适用): calendars leave it out. */
  done?: boolean;
}

export type Row = SectionRow | ItemRow;

export interface TableSheet {
  /** Wanted sheet name (renderers sanitise it for Excel). */
  name: string;
  title: string;
  meta: string[];
  rows: Row[];
  /** 文号 of the sheet's document, for its heading. */
  docNumber?: string | null;
}

export type TableKind = "document" | "duty" | "filtered" | "tasks";

export interface ExportTable {
  kind: TableKind;
  /** The policy's title, or "<单位>责任清单", or the caller's title for a filtered table. */
  title: string;
  /** What the table is ("任务分工表", "责任清单"). */
  subtitle: string;
  meta: string[];
  columns: Column[];
  sheets: TableSheet[];
  /** Duty lists: the unit as the user gave it and the as-of date. */
  unit?: string;
  asOf?: string;
  /** 文号 of a single document's table, shown under its title. */
  docNumber?: string | null;
}

export interface TableOptions {
  /** Include 具体内容 (the measure's full text). Default false. */
  includeContent?: boolean;
  /** The columns wanted, in order (unknown keys are refused by the API); default per table kind. */
  columns?: ColumnKey[];
  /** Follow-up progress for the 状态, 完成时间, 进展情况 and light columns. */
  followUp?: import("./followup.ts").FollowUpContext;
}

export type { Deadline, Measure };

/** The title lines of a table: its title, then what it is unless the title already says so. */
export function titleLines(t: { title: string; subtitle: string }): string[] {
  return t.subtitle && !t.title.endsWith(t.subtitle) ? [t.title, t.subtitle] : [t.title];
}

/** The title on one line ("……实施方案　任务分工表"), for file names and sheet headings. */
export function fullTitle(t: { title: string; subtitle: string }): string {
  return titleLines(t).join("　");
}
