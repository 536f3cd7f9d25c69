// Date helpers: Chinese and Arabic month/day/year numbers, ISO dates, Deadline records.
import type { Deadline } from "../../schema.ts";
import { RELATIVE_YEARS } from "./patterns.ts";

// ---------------------------------------------------------------- date helpers

export const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

export const CN_YEAR_DIGIT: Record<string, number> = { 〇: 0, "○": 0, 零: 0, ...CN_DIGIT };

/** A month or day number, Arabic or Chinese up to 三十一 ("十二" → 12, "二十三" → 23). */
export function monthNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const ten = s.indexOf("十");
  if (ten < 0) return s.length === 2 ? (CN_DIGIT[s[0]] ?? 0) * 10 + (CN_YEAR_DIGIT[s[1]] ?? 0) : CN_DIGIT[s] ?? 0; // 三〇 → 30
  const tens = ten === 0 ? 1 : CN_DIGIT[s[0]] ?? 0;
  return tens * 10 + (ten + 1 < s.length ? CN_DIGIT[s[ten + 1]] ?? 0 : 0);
}
export const dayNumber = monthNumber;

/** "2022" or "二〇二二" → 2022. */
export function yearNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let y = 0;
  for (const c of s) y = y * 10 + (CN_YEAR_DIGIT[c] ?? 0);
  return y;
}

export const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
export const pad = (n: number) => String(n).padStart(2, "0");
export const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, "0")}-${pad(m)}-${pad(d)}`;
/** A year a policy can set a time limit in (a typo such as "到7671年" is not one). */
export const plausibleYear = (y: number) => y >= 1949 && y <= 2100;
export const validDay = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);

/** The year a match refers to: an explicit 4-digit year, a relative year, else the base year. */
export function resolveYear(year4: string | undefined, rel: string | undefined, base: number | null): number | null {
  if (year4) return yearNumber(year4);
  if (rel !== undefined) return base === null ? null : base + (RELATIVE_YEARS[rel] ?? 0);
  return base;
}

export const XUN_DAY: Record<string, number> = { 上旬: 10, 初: 10, 中旬: 20 };

export function dateDeadline(text: string, end: string): Deadline {
  return { text, kind: "date", start: null, end, recurrence: null };
}
export function periodDeadline(text: string, start: string, end: string): Deadline {
  return { text, kind: "period", start, end, recurrence: null };
}
