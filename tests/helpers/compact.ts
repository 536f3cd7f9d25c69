// Compact forms of extracted deadlines and targets for the field tests (tests/deadline*.test.ts,
// tests/target*.test.ts), each output validated against its schema first.
import { extractDeadlines } from "../../extract/fields/deadlines.ts";
import { extractTargets } from "../../extract/fields/targets.ts";
import { Deadline, Target } from "../../extract/schema.ts";

export const BASE = "2022-04-05"; // 绵阳 issuedDate

/** Compact form: "date 2022-03-31", "period 2022-01-01..2022-06-30", "recurring yearly", "ongoing 全年推进". */
export function dl(text: string, base: string | null = BASE): string[] {
  const out = extractDeadlines(text, base);
  Deadline.array().parse(out);
  return out.map((d) =>
    d.kind === "date"
      ? `date ${d.end}`
      : d.kind === "period"
        ? `period ${d.start}..${d.end}`
        : d.kind === "recurring"
          ? `recurring ${d.recurrence}`
          : `ongoing ${d.text}`,
  );
}

/** Compact form: ">= 50000000 - 元" (comparator, min, max, unit; "-" for null). */
export function tg(text: string): string[] {
  const out = extractTargets(text);
  Target.array().parse(out);
  return out.map((t) => `${t.comparator} ${t.min ?? "-"} ${t.max ?? "-"} ${t.unit}`);
}
