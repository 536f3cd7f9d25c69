// iCalendar (RFC 5545) for a duty list (any table works): one all-day VEVENT on the end date of each
// dated deadline, one recurring VEVENT (RRULE) for each recurring one. Ongoing deadlines and rows
// without deadlines have no date and make no event. UIDs are stable (from the measure id and the
// deadline): exporting again updates the events in a calendar client instead of duplicating them.
import { createHash } from "node:crypto";
import { addDays, todayInChina } from "./due.ts";
import { icsDate, icsDateTime, icsEscape, icsFold } from "./ics-text.ts";
import { fullTitle, type Deadline, type ExportTable, type ItemRow } from "./model.ts";
import { recurrenceRule } from "./recurrence.ts";

export interface IcsOptions {
  /** DTSTAMP of the events; default now. */
  now?: Date;
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

function event(lines: string[], props: [string, string][]): void {
  lines.push("BEGIN:VEVENT", ...props.map(([k, v]) => `${k}:${v}`), "END:VEVENT");
}

/** The table's deadlines as an iCalendar text (CRLF line ends, lines folded at 75 octets). */
export function renderIcsText(table: ExportTable, opts: IcsOptions = {}): string {
  const stamp = icsDateTime(opts.now ?? new Date());
  const fallbackAnchor = table.asOf ?? todayInChina(opts.now);
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
      if (row.kind !== "item") continue;
      const task = row.cells.task ?? row.measureId;
      const prefix = row.cells.role ? `【${row.cells.role}】` : "";
      for (const d of row.deadlines) {
        const id = uid(row, d);
        const base: [string, string][] = [["UID", id], ["DTSTAMP", stamp]];
        if (d.end) {
          const key = `${row.measureId}|date|${d.end}`;
          if (seen.has(key)) continue;
          seen.add(key);
          event(lines, [
            ...base,
            ["DTSTART;VALUE=DATE", icsDate(d.end)],
            ["DTEND;VALUE=DATE", icsDate(addDays(d.end, 1))],
            ["SUMMARY", icsEscape(`${prefix}${task}（${d.text}）`)],
            ["DESCRIPTION", icsEscape(description(row, d, null))],
            ["CATEGORIES", icsEscape(row.cells.role || "任务分工")],
            ["TRANSP", "TRANSPARENT"],
          ]);
        } else if (d.kind === "recurring" && d.recurrence) {
          const rule = recurrenceRule(d.recurrence, row.anchorDate ?? fallbackAnchor);
          if (!rule) continue;
          const key = `${row.measureId}|rule|${rule.rule}`;
          if (seen.has(key)) continue;
          seen.add(key);
          event(lines, [
            ...base,
            ["DTSTART;VALUE=DATE", icsDate(rule.start)],
            ["DTEND;VALUE=DATE", icsDate(addDays(rule.start, 1))],
            ["RRULE", rule.rule],
            ["SUMMARY", icsEscape(`${prefix}${task}（${d.text}）`)],
            ["DESCRIPTION", icsEscape(description(row, d, rule.label))],
            ["CATEGORIES", icsEscape(row.cells.role || "任务分工")],
            ["TRANSP", "TRANSPARENT"],
          ]);
        }
      }
    }
  lines.push("END:VCALENDAR");
  return lines.map(icsFold).join("\r\n") + "\r\n";
}

export function renderIcs(table: ExportTable, opts: IcsOptions = {}): Buffer {
  return Buffer.from(renderIcsText(table, opts), "utf8");
}
