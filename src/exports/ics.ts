// iCalendar (RFC 5545) for a duty list or a document's table (any table works): one all-day VEVENT on
// the end date of each dated deadline, one recurring VEVENT (RRULE) for each recurring one, ending
// with the plan (UNTIL); each with a reminder (VALARM) N days before. Ongoing deadlines and rows
// without deadlines have no date and make no event; rows whose tasks are all done are left out.
// UIDs are stable (from the measure id and the deadline): exporting again updates the events in a
// calendar client instead of duplicating them.
import { createHash } from "node:crypto";
import { addDays, todayInChina } from "./due.ts";
import { icsDate, icsDateTime, icsEscape, icsFold } from "./ics-text.ts";
import { fullTitle, type Deadline, type ExportTable, type ItemRow } from "./model.ts";
import { recurrenceRule } from "./recurrence.ts";

export interface IcsOptions {
  /** DTSTAMP of the events; default now. */
  now?: Date;
  /** Days before a deadline its reminder (VALARM) goes off; default ICS_REMIND_DAYS or 7. */
  remindDays?: number;
}

const DEFAULT_REMIND_DAYS = 7;

/** ICS_REMIND_DAYS: days before each deadline the calendar reminds (default 7, 0 = on the day). */
function remindDaysFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.ICS_REMIND_DAYS);
  return env.ICS_REMIND_DAYS && Number.isInteger(n) && n >= 0 && n <= 365 ? n : DEFAULT_REMIND_DAYS;
}

const PRODID = "-//policy-knowledge//任务分工表导出//ZH";

/** The same deadline of the same measure always has the same UID, whatever list it is exported in. */
function uid(row: ItemRow, d: Deadline): string {
  const h = createHash("sha256").update([row.measureId, d.kind, d.end ?? "", d.recurrence ?? "", d.text].join("\u0000")).digest("hex");
  return `${h.slice(0, 32)}@policy-knowledge`;
}

function description(row: ItemRow, d: Deadline, ruleLabel: string | null): string {
  const c = row.cells;
  return [
    `文件：${row.docTitle}`,
    c.path ? `序号：${c.path}` : "",
    c.role ? `本单位职责：${c.role}` : "",
    c.lead ? `牵头单位：${c.lead}` : "",
    c.coop ? `配合单位：${c.coop}` : "",
    `完成时限（原文）：${d.text}`,
    ruleLabel ? `周期：${ruleLabel}` : "",
    c.content ? `具体内容：${c.content}` : "",
  ]
    .filter(Boolean)
    .join("\n");
}

function event(lines: string[], props: [string, string][], remindDays: number, summary: string): void {
  const alarm = [
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    `DESCRIPTION:${icsEscape(remindDays === 0 ? `今日到期：${summary}` : `${remindDays} 天后到期：${summary}`)}`,
    `TRIGGER:${remindDays === 0 ? "PT0S" : `-P${remindDays}D`}`,
    "END:VALARM",
  ];
  lines.push("BEGIN:VEVENT", ...props.map(([k, v]) => `${k}:${v}`), ...alarm, "END:VEVENT");
}

/** The table's deadlines as an iCalendar text (CRLF line ends, lines folded at 75 octets). */
export function renderIcsText(table: ExportTable, opts: IcsOptions = {}): string {
  const stamp = icsDateTime(opts.now ?? new Date());
  const fallbackAnchor = table.asOf ?? todayInChina(opts.now);
  const remind = opts.remindDays ?? remindDaysFromEnv();
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${PRODID}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${icsEscape(fullTitle(table))}`,
    "X-WR-TIMEZONE:Asia/Shanghai",
  ];
  const seen = new Set<string>();
  for (const sheet of table.sheets)
    for (const row of sheet.rows) {
      if (row.kind !== "item" || row.done) continue;
      const task = row.cells.task ?? row.measureId;
      const prefix = row.cells.role ? `【${row.cells.role}】` : "";
      for (const d of row.deadlines) {
        const id = uid(row, d);
        // a date: one day; a repeat: its first day and the rule, ending with the plan (none when the plan ended before it)
        const rule = d.end ? null : d.kind === "recurring" && d.recurrence ? recurrenceRule(d.recurrence, row.anchorDate ?? fallbackAnchor) : null;
        const start = d.end || rule?.start;
        if (!start || (rule && row.until && row.until < rule.start)) continue;
        const key = rule ? `${row.measureId}|rule|${rule.rule}` : `${row.measureId}|date|${start}`;
        if (seen.has(key)) continue;
        seen.add(key);
        event(lines, [
          ["UID", id],
          ["DTSTAMP", stamp],
          ["DTSTART;VALUE=DATE", icsDate(start)],
          ["DTEND;VALUE=DATE", icsDate(addDays(start, 1))],
          ...(rule ? [["RRULE", row.until ? `${rule.rule};UNTIL=${icsDate(row.until)}` : rule.rule] as [string, string]] : []),
          ["SUMMARY", icsEscape(`${prefix}${task}（${d.text}）`)],
          ["DESCRIPTION", icsEscape(description(row, d, rule?.label ?? null))],
          ["CATEGORIES", icsEscape(row.cells.role || "任务分工")],
          ["TRANSP", "TRANSPARENT"],
        ], remind, `${prefix}${task}`);
      }
    }
  lines.push("END:VCALENDAR");
  return lines.map(icsFold).join("\r\n") + "\r\n";
}

export function renderIcs(table: ExportTable, opts: IcsOptions = {}): Buffer {
  return Buffer.from(renderIcsText(table, opts), "utf8");
}
