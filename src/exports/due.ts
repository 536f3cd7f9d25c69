// Deadline arithmetic for duty lists: as-of dates, sort keys and the 已逾期 / 30日内到期 marks.
import type { Deadline } from "../../extract/schema.ts";
import type { DueMark } from "./model.ts";

export const DUE_SOON_DAYS = 30;

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Today's date in China (Asia/Shanghai) as YYYY-MM-DD, whatever the server's time zone. */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** An as-of date given as YYYY-MM-DD or a Date; throws a Chinese message for anything else. */
export function normaliseAsOf(asOf?: string | Date): string {
  if (asOf === undefined) return todayInChina();
  if (asOf instanceof Date) {
    if (Number.isNaN(asOf.getTime())) throw new Error("截止日期无效");
    return todayInChina(asOf);
  }
  if (!ISO.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))) throw new Error(`截止日期格式应为 YYYY-MM-DD：${asOf}`);
  return asOf;
}

/** YYYY-MM-DD plus `days` calendar days. */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** End dates of the deadlines that have one (dates and periods), earliest first, without repeats. */
export function datedEnds(deadlines: Deadline[]): string[] {
  return [...new Set(deadlines.map((d) => d.end).filter((e): e is string => e !== null && ISO.test(e)))].sort();
}

/**
 * Sort key of a measure in a duty list: dated ones by their earliest end; then those with only
 * recurring or ongoing deadlines; then those with none.
 */
export function dueSortKey(deadlines: Deadline[]): [number, string] {
  const ends = datedEnds(deadlines);
  if (ends.length > 0) return [0, ends[0]];
  if (deadlines.some((d) => d.kind === "recurring" || d.kind === "ongoing")) return [1, ""];
  return [2, ""];
}

export function compareDueKeys(a: [number, string], b: [number, string]): number {
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}

/** The marks of a measure's deadlines relative to `asOf`: overdue ends, ends within 30 days. */
export function dueMarks(deadlines: Deadline[], asOf: string): { overdue: string[]; dueSoon: string[] } {
  const limit = addDays(asOf, DUE_SOON_DAYS);
  const ends = datedEnds(deadlines);
  return { overdue: ends.filter((e) => e < asOf), dueSoon: ends.filter((e) => e >= asOf && e <= limit) };
}

/** The row's strongest mark: overdue before due soon. */
export function strongestMark(marks: { overdue: string[]; dueSoon: string[] }): DueMark | null {
  return marks.overdue.length > 0 ? "overdue" : marks.dueSoon.length > 0 ? "due-soon" : null;
}

/** 状态 cell: "已逾期", "30日内到期", both, or for undated rows what kind of deadline they have. */
export function statusCell(deadlines: Deadline[], asOf: string): string {
  const marks = dueMarks(deadlines, asOf);
  const parts: string[] = [];
  if (marks.overdue.length > 0) parts.push("已逾期");
  if (marks.dueSoon.length > 0) parts.push(`${DUE_SOON_DAYS}日内到期`);
  if (parts.length > 0) return parts.join("；");
  if (datedEnds(deadlines).length > 0) return "";
  if (deadlines.some((d) => d.kind === "recurring")) return "定期";
  if (deadlines.some((d) => d.kind === "ongoing")) return "持续推进";
  return "时限未明确";
}
