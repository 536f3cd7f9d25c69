// The table model every export format renders: columns, and per sheet a title, meta lines and rows.
// Built by assignments.ts from records; renderers only read it. All user-facing text is Chinese.
import type { Deadline, Measure, PolicyDocument } from "../../extract/schema.ts";
import type { DocumentParts } from "../../extract/document.ts";

/** A document as the store returns it (`Store.getDocument`); `parts.outline` gives the grouping headings. */
export type ExportDocument = PolicyDocument & { parts?: Pick<DocumentParts, "outline"> };

export type ColumnKey = "path" | "task" | "content" | "role" | "lead" | "coop" | "deadline" | "due" | "status";

export interface Column {
  key: ColumnKey;
  header: string;
  /** Suggested width in Excel units (a CJK character takes about two). */
  width: number;
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
}

export type Row = SectionRow | ItemRow;

export interface TableSheet {
  /** Wanted sheet name (renderers sanitise it for Excel). */
  name: string;
  title: string;
  meta: string[];
  rows: Row[];
}

export type TableKind = "document" | "duty" | "filtered";

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
}

export interface TableOptions {
  /** Include 具体内容 (the measure's full text). Default true. */
  includeContent?: boolean;
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
