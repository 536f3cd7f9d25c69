// Recurring deadlines as iCalendar rules. A recurrence that names no day is reminded on the last
// day of its period (year end, half-year end, quarter end, month end; Friday for a week), and the
// event says so. The first instance is the first such day on or after the anchor date (the
// document's date).
import { addDays } from "./due.ts";

export interface RecurrenceRule {
  /** First instance, YYYY-MM-DD. */
  start: string;
  /** The RRULE value ("FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=20"). */
  rule: string;
  /** Chinese description of the rule, e.g. "每年12月20日", "每季度末（按季度末日提醒）". */
  label: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

function monthEnd(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate(); // month is 1-based here
  return `${year}-${pad(month)}-${pad(last)}`;
}

/** The first end of a period of `months` months (aligned to the calendar year) on or after `anchor`. */
function firstPeriodEnd(anchor: string, months: number): string {
  const year = Number(anchor.slice(0, 4));
  for (let y = year; y <= year + 1; y++)
    for (let m = months; m <= 12; m += months) {
      const end = monthEnd(y, m);
      if (end >= anchor) return end;
    }
  return monthEnd(year + 1, 12);
}

/** The rule for a Deadline.recurrence value, counted from `anchor` (YYYY-MM-DD); null when unknown. */
export function recurrenceRule(recurrence: string, anchor: string): RecurrenceRule | null {
  const fixed = /^yearly:(\d{2})-(\d{2})$/.exec(recurrence);
  if (fixed) {
    const [month, day] = [Number(fixed[1]), Number(fixed[2])];
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    // The first valid date on or after the anchor (29 February only in leap years).
    const from = Number(anchor.slice(0, 4));
    let start: string | null = null;
    for (let y = from; y <= from + 8 && start === null; y++) {
      const d = new Date(Date.UTC(y, month - 1, day));
      const iso = `${y}-${fixed[1]}-${fixed[2]}`;
      if (d.getUTCDate() === day && iso >= anchor) start = iso;
    }
    if (start === null) return null;
    return { start, rule: `FREQ=YEARLY;BYMONTH=${month};BYMONTHDAY=${day}`, label: `每年${month}月${day}日` };
  }
  switch (recurrence) {
    case "yearly":
      return { start: firstPeriodEnd(anchor, 12), rule: "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31", label: "每年（原文未写明日期，按年末12月31日提醒）" };
    case "half-yearly":
      return { start: firstPeriodEnd(anchor, 6), rule: "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1", label: "每半年（原文未写明日期，按半年末日提醒）" };
    case "quarterly":
      return { start: firstPeriodEnd(anchor, 3), rule: "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1", label: "每季度（原文未写明日期，按季度末日提醒）" };
    case "monthly":
      return { start: firstPeriodEnd(anchor, 1), rule: "FREQ=MONTHLY;BYMONTHDAY=-1", label: "每月（原文未写明日期，按月末日提醒）" };
    case "weekly": {
      let start = anchor;
      while (new Date(`${start}T00:00:00Z`).getUTCDay() !== 5) start = addDays(start, 1);
      return { start, rule: "FREQ=WEEKLY;BYDAY=FR", label: "每周（原文未写明日期，按每周五提醒）" };
    }
    default:
      return null;
  }
}
