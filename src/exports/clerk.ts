// 完成时限 written as a clerk writes it on a 任务分工表: dated deadlines first, as one list with the
// year given once ("2022年3月底、6月底前"), then recurring ones ("每季度末、每年"), then "持续推进";
// never the extractor's raw phrases jumbled together ("按年度；按季度；2022年3月底前").
import type { Deadline } from "../../extract/schema.ts";

/** Shown where the document names no unit or no deadline: a visible gap, never a guess. */
export const UNSTATED = "未明确";

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function monthEndDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** One end date without its year: "3月底", "年底", "3月15日". */
function dayPart(iso: string): string {
  const [, y, m, d] = ISO.exec(iso)!;
  const month = Number(m);
  const day = Number(d);
  if (day === monthEndDay(Number(y), month)) return month === 12 ? "年底" : `${month}月底`;
  return `${month}月${day}日`;
}

/** Dated ends as one phrase: "2022年3月底前", "2022年2月底、3月20日、年底前", "2022年底、2023年6月底前". */
function clerkDates(ends: string[]): string {
  const sorted = [...new Set(ends.filter((e) => ISO.test(e)))].sort();
  if (sorted.length === 0) return "";
  let year = "";
  const parts = sorted.map((e) => {
    const y = e.slice(0, 4);
    const part = dayPart(e);
    const prefix = y !== year ? `${y}年` : "";
    year = y;
    return prefix && part === "年底" ? `${y}年底` : `${prefix}${part}`;
  });
  return `${parts.join("、")}前`;
}

const RECURRING: Record<string, [order: number, text: string]> = {
  weekly: [0, "每周"],
  monthly: [1, "每月"],
  quarterly: [2, "每季度末"],
  "half-yearly": [3, "每半年"],
  yearly: [4, "每年"],
};

/** Recurring deadlines as one phrase: "每季度末、每年", "每年12月20日前". */
function clerkRecurring(deadlines: Deadline[]): string {
  const seen = new Map<string, number>();
  for (const d of deadlines) {
    if (d.kind !== "recurring" || !d.recurrence) continue;
    const fixed = /^yearly:(\d{2})-(\d{2})$/.exec(d.recurrence);
    if (fixed) seen.set(`每年${Number(fixed[1])}月${Number(fixed[2])}日前`, 5);
    else if (RECURRING[d.recurrence]) seen.set(RECURRING[d.recurrence][1], RECURRING[d.recurrence][0]);
  }
  // "每年" adds nothing next to "每年12月20日前".
  if ([...seen.keys()].some((k) => k.startsWith("每年") && k !== "每年")) seen.delete("每年");
  return [...seen].sort((a, b) => a[1] - b[1]).map(([k]) => k).join("、");
}

/** The 完成时限 cell: dates; recurring; 持续推进 — or 未明确 when the document gives none. */
export function clerkDeadline(deadlines: Deadline[]): string {
  const ends = deadlines.map((d) => d.end).filter((e): e is string => e !== null);
  const parts = [clerkDates(ends), clerkRecurring(deadlines)].filter(Boolean);
  if (deadlines.some((d) => d.kind === "ongoing")) parts.push("持续推进");
  return parts.length > 0 ? parts.join("；") : UNSTATED;
}
