// Deadline extraction (docs/labelling.md, section Deadlines): text → Deadline records. Pure functions.
// Every regex is compiled once at module load; each form is one linear pass, candidates are merged
// leftmost-longest, so the cost is linear in the text length.
import words from "./data/deadline-words.json" with { type: "json" };
import type { Deadline } from "./schema.ts";

interface Candidate {
  start: number;
  end: number;
  d: Deadline;
}

// ---------------------------------------------------------------- word lists

const ONGOING: string[] = [...words.ongoing].sort((a, b) => b.length - a.length);
const RECURRENCE: Record<string, string> = words.recurrence;
const RECURRENCE_NOT_FOLLOWED_BY: Record<string, string> = words.recurrenceNotFollowedBy;
const QUARTERS: Record<string, number> = words.quarters;
const HALF_YEARS: Record<string, number[]> = words.halfYears;
const PLAN_PERIODS: Record<string, number[]> = words.planPeriods;
const RELATIVE_YEARS: Record<string, number> = words.relativeYears;

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const alt = (xs: Iterable<string>) => [...xs].sort((a, b) => b.length - a.length).map(esc).join("|");

// ---------------------------------------------------------------- regex fragments

const CN_NUM = "〇零一二两三四五六七八九十";
/** Digits of a year written in Chinese numerals (二〇二二年; ○ is a common stand-in for 〇). */
const CN_YEAR_DIGITS = "〇○零一二三四五六七八九";
const PRE = "(之前|以前|前)";
const REL = `(${alt(Object.keys(RELATIVE_YEARS))})`;
/** A four-digit year, Arabic or Chinese digits: one group. */
const Y4 = `(?<![\\d${CN_YEAR_DIGITS}])(\\d{4}|[${CN_YEAR_DIGITS}]{4})`;
/** Optional year prefix: groups (year4, relative). */
const YEAR = `(?:${Y4}年|${REL}年)?`;
/** Month number 1–12, Arabic or Chinese: one group. */
const MON = `(?<![\\d${CN_NUM}])(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月`;
/** Day of the month, Arabic or Chinese, written with 日 or 号 (not 号线, 号文): one group. */
const DAY = "(3[01]|[12]\\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])(?:日|号(?![线文楼院令码]))";
const QNUM = `(${alt(Object.keys(QUARTERS))})`;
const SEP = "(?:~|〜|-|—{1,2}|–|―|至|到)";
const HALF = `(${alt(Object.keys(HALF_YEARS))})`;

// year4 rel month day 底末 旬 份 pre
const MONTH_FORM = new RegExp(`${YEAR}${MON}(?:${DAY}|(底|末)|(上旬|中旬|下旬)|(份))?${PRE}?`, "g");
// year4 rel month day — year4 rel month day
const MONTH_RANGE = new RegExp(`${YEAR}${MON}(?:${DAY})?${SEP}${YEAR}${MON}(?:${DAY})?`, "g");
// "2024—2026年", "2022年至2025年"
const YEAR_RANGE = new RegExp(`(?<!\\d)(\\d{4})年?${SEP}(\\d{4})年(?![\\d月度])`, "g");
// year4 | rel | bare (not after a numeral or a relative word); then 底/末/内 and 前
const YEAR_END = new RegExp(
  `(?:(?<![\\d${CN_YEAR_DIGITS}])(\\d{4}|[${CN_YEAR_DIGITS}]{4}年)年?|${REL}年?|(?<![\\d${CN_NUM}百千几数多半上下同近前后每去全个这该其当]))年(底|末|内)${PRE}?`,
  "g",
);
// "2027年前": the end of that year, like "X月前" (4-digit years only; not "2022年前三季度")
const YEAR_BEFORE = new RegExp(`${Y4}年${PRE}(?![\\d${CN_NUM}个季半])`, "g");
// "到2025年" / "力争到2025年" / "至2030年" / "到2023年6月": a bare year or month after 到 is the goal's date.
// Forms with 底/末/内/前/上半年/季度… after the year are read by their own scanners (and get the 到 there).
const TO_YEAR = new RegExp(
  `(${alt(words.toWords)})${Y4}年(?:${MON}(?![\\d${CN_NUM}底末份上中下旬日号初前]))?(?![\\d${CN_YEAR_DIGITS}年月底末内前度以起至到~\\-—–―初中上下第半季])`,
  "g",
);
// "2021年全面推广", "2023年6月完成": a year (and month) followed by a completion verb. The text is the time phrase.
const YEAR_DONE = new RegExp(
  `${Y4}年(?:${MON})?(?=(?:${alt(words.completionAdverbs)})?(?:${alt(words.completionVerbs)})(?!的|了))`,
  "g",
);
// "2019/04/19", "2019.4.19", "2019-04-19": numeric dates (year, separator, month, same separator, day)
const NUMERIC_DATE = /(?<![\d./\-])((?:19|20)\d{2})([/.\-])(1[0-2]|0?[1-9])\2(3[01]|[12]\d|0?[1-9])(?![\d%]|\.\d)/g;
// year4 rel q 末底 pre
const QUARTER = new RegExp(`${YEAR}(?:第|(?<![\\d${CN_NUM}每第前]))${QNUM}季度(末|底)?${PRE}?`, "g");
// year4 rel half 末底 pre
const HALF_YEAR = new RegExp(`${YEAR}${HALF}(末|底)?${PRE}?`, "g");
const PLAN = new RegExp(
  `[“"‘]?(${alt(Object.keys(PLAN_PERIODS))})[”"’]?(?:(${alt(words.planPeriodEndSuffixes)})|${alt(words.planPeriodSuffixes)})`,
  "g",
);
const RECUR = new RegExp(alt(Object.keys(RECURRENCE)), "g");
const ONGOING_RE = new RegExp(alt(ONGOING), "g");
// Tails after 每年 / 每月 (sticky): month [day|底末|旬] [前] | 年底 | quarter [末] | half.
const YEARLY_TAIL = new RegExp(
  `${MON}(?:${DAY}|(底|末)|(上旬|中旬|下旬))?${PRE}?|年?(底|末)${PRE}?|第?${QNUM}季度(末)?${PRE}?|${HALF}${PRE}?`,
  "y",
);
const MONTHLY_TAIL = new RegExp(`(?:${DAY}|底|末)${PRE}?`, "y");
const YEAR_BLOCK = new RegExp(
  `^\\s*(?:[(（][${CN_NUM}]+[)）]|[${CN_NUM}]+、|\\d+[.、．])?\\s*(\\d{4})\\s*年\\s*度`,
);
const NOT_DEADLINE_AFTER_DAY = /^(?:起|开始|以来|至今|以后|之后|后|印发|发布|颁布|施行)/;
const NOT_DEADLINE_BEFORE_DAY = /(?:自|从|截至)$/;

// ---------------------------------------------------------------- normalisation

const FULL_WIDTH = /[\uff10-\uff19～－．]/g;
const DATE_SPACE = /(?<=[\d年月日])[ \t\u00a0\u3000]+(?=[\d年月日季])/g;

/** Full-width digits to ASCII; white space between digits and 年/月/日 removed. */
export function normaliseDateText(text: string): string {
  return text
    .replace(FULL_WIDTH, (c) => (c === "～" ? "~" : c === "－" ? "-" : c === "．" ? "." : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .replace(DATE_SPACE, "");
}

// ---------------------------------------------------------------- date helpers

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function monthNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s[0] === "十") return 10 + (s.length > 1 ? CN_DIGIT[s[1]] : 0);
  return CN_DIGIT[s] ?? 0;
}

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, "0")}-${pad(m)}-${pad(d)}`;
const validDay = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);

/** The year a match refers to: an explicit 4-digit year, a relative year, else the base year. */
function resolveYear(year4: string | undefined, rel: string | undefined, base: number | null): number | null {
  if (year4) return Number(year4);
  if (rel !== undefined) return base === null ? null : base + (RELATIVE_YEARS[rel] ?? 0);
  return base;
}

const XUN_DAY: Record<string, number> = { 上旬: 10, 中旬: 20 };

function dateDeadline(text: string, end: string): Deadline {
  return { text, kind: "date", start: null, end, recurrence: null };
}
function periodDeadline(text: string, start: string, end: string): Deadline {
  return { text, kind: "period", start, end, recurrence: null };
}

// ---------------------------------------------------------------- masks

const MAX_TITLE = 120;

/** Spans inside 《…》 (titles): dates there are names, not deadlines. Sorted, non-overlapping. */
function titleSpans(s: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let i = s.indexOf("《");
  let j = -1; // next 》 after i, searched forward only
  while (i >= 0) {
    if (j <= i) j = s.indexOf("》", i + 1);
    if (j < 0) break;
    if (j - i <= MAX_TITLE) {
      spans.push([i, j + 1]);
      i = s.indexOf("《", j + 1);
    } else {
      i = s.indexOf("《", i + 1);
    }
  }
  return spans;
}

// ---------------------------------------------------------------- scanners

type Emit = (start: number, end: number, d: Deadline) => void;

function scanMonthForms(s: string, base: number | null, emit: Emit): void {
  for (const m of s.matchAll(MONTH_FORM)) {
    const [text, y4, rel, mon, day, endWord, xun, fen, pre] = m;
    if (!day && !endWord && !xun && !fen && !pre) continue; // a bare month is not a deadline
    const y = resolveYear(y4, rel, base);
    const mo = monthNumber(mon);
    if (y === null || mo < 1 || mo > 12) continue;
    const start = m.index;
    if (day) {
      const d = Number(day);
      if (!validDay(y, mo, d)) continue;
      if (!pre && (NOT_DEADLINE_AFTER_DAY.test(s.slice(start + text.length, start + text.length + 2)) ||
        NOT_DEADLINE_BEFORE_DAY.test(s.slice(Math.max(0, start - 2), start)))) continue;
      emit(start, start + text.length, dateDeadline(text, iso(y, mo, d)));
    } else if (xun) {
      emit(start, start + text.length, dateDeadline(text, iso(y, mo, XUN_DAY[xun] ?? lastDay(y, mo))));
    } else if (fen && !pre) {
      emit(start, start + text.length, periodDeadline(text, iso(y, mo, 1), iso(y, mo, lastDay(y, mo))));
    } else {
      emit(start, start + text.length, dateDeadline(text, iso(y, mo, lastDay(y, mo))));
    }
  }
}

function scanRanges(s: string, base: number | null, emit: Emit): void {
  for (const m of s.matchAll(MONTH_RANGE)) {
    const [text, y4a, rela, mona, daya, y4b, relb, monb, dayb] = m;
    const ya = resolveYear(y4a, rela, base);
    if (ya === null) continue;
    const yb = y4b || relb !== undefined ? resolveYear(y4b, relb, base) : ya;
    if (yb === null) continue;
    const ma = monthNumber(mona);
    const mb = monthNumber(monb);
    if (ma < 1 || ma > 12 || mb < 1 || mb > 12) continue;
    const da = daya ? Number(daya) : 1;
    const db = dayb ? Number(dayb) : lastDay(yb, mb);
    if (!validDay(ya, ma, da) || !validDay(yb, mb, db)) continue;
    const start = iso(ya, ma, da);
    const end = iso(yb, mb, db);
    if (start > end) continue;
    emit(m.index, m.index + text.length, periodDeadline(text, start, end));
  }
  for (const m of s.matchAll(YEAR_RANGE)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > b || a < 1900 || b > 2199) continue;
    emit(m.index, m.index + m[0].length, periodDeadline(m[0], iso(a, 1, 1), iso(b, 12, 31)));
  }
}

function scanYearEnds(s: string, base: number | null, emit: Emit): void {
  for (const m of s.matchAll(YEAR_END)) {
    const y = resolveYear(m[1], m[2], base);
    if (y === null) continue;
    emit(m.index, m.index + m[0].length, dateDeadline(m[0], iso(y, 12, 31)));
  }
}

function scanYearsBefore(s: string, emit: Emit): void {
  for (const m of s.matchAll(YEAR_BEFORE)) {
    emit(m.index, m.index + m[0].length, dateDeadline(m[0], iso(Number(m[1]), 12, 31)));
  }
}

function scanQuarters(s: string, base: number | null, emit: Emit): void {
  for (const m of s.matchAll(QUARTER)) {
    const [text, y4, rel, qs, endWord, pre] = m;
    const y = resolveYear(y4, rel, base);
    const q = QUARTERS[qs];
    if (y === null || !q) continue;
    const first = q * 3 - 2;
    const last = q * 3;
    const end = iso(y, last, lastDay(y, last));
    emit(m.index, m.index + text.length,
      endWord || pre ? dateDeadline(text, end) : periodDeadline(text, iso(y, first, 1), end));
  }
}

function scanHalfYears(s: string, base: number | null, emit: Emit): void {
  for (const m of s.matchAll(HALF_YEAR)) {
    const [text, y4, rel, half, endWord, pre] = m;
    const y = resolveYear(y4, rel, base);
    const months = HALF_YEARS[half];
    if (y === null || !months) continue;
    const end = iso(y, months[1], lastDay(y, months[1]));
    emit(m.index, m.index + text.length,
      endWord || pre ? dateDeadline(text, end) : periodDeadline(text, iso(y, months[0], 1), end));
  }
}

function scanPlans(s: string, emit: Emit): void {
  for (const m of s.matchAll(PLAN)) {
    const years = PLAN_PERIODS[m[1]];
    if (!years) continue;
    const end = iso(years[1], 12, 31);
    emit(m.index, m.index + m[0].length,
      m[2] ? dateDeadline(m[0], end) : periodDeadline(m[0], iso(years[0], 1, 1), end));
  }
}

/** yearly:MM-DD (or plain yearly) from the tail after 每年, matched at `at`. */
function yearlyTail(s: string, at: number): { len: number; recurrence: string } {
  YEARLY_TAIL.lastIndex = at;
  const t = YEARLY_TAIL.exec(s);
  if (!t) return { len: 0, recurrence: "yearly" };
  const [text, mon, day, endWord, xun, , yearEnd, , , qEnd] = t;
  let mmdd: string | null = null;
  if (mon) {
    const mo = monthNumber(mon);
    if (mo >= 1 && mo <= 12) {
      // a leap day never recurs yearly; month ends use the common-year length
      if (day && validDay(2001, mo, Number(day))) mmdd = `${pad(mo)}-${pad(Number(day))}`;
      else if (endWord) mmdd = `${pad(mo)}-${pad(lastDay(2001, mo))}`;
      else if (xun) mmdd = `${pad(mo)}-${pad(XUN_DAY[xun] ?? lastDay(2001, mo))}`;
    }
  } else if (yearEnd) {
    mmdd = "12-31";
  } else if (qEnd) {
    const q = QUARTERS[t[8]];
    if (q) mmdd = `${pad(q * 3)}-${pad(lastDay(2001, q * 3))}`;
  }
  return { len: text.length, recurrence: mmdd ? `yearly:${mmdd}` : "yearly" };
}

function scanRecurring(s: string, emit: Emit): void {
  for (const m of s.matchAll(RECUR)) {
    const phrase = m[0];
    const end = m.index + phrase.length;
    const banned = RECURRENCE_NOT_FOLLOWED_BY[phrase];
    if (banned && end < s.length && banned.includes(s[end])) continue;
    let recurrence = RECURRENCE[phrase];
    let len = phrase.length;
    if (recurrence === "yearly") {
      const tail = yearlyTail(s, end);
      len += tail.len;
      recurrence = tail.recurrence;
    } else if (recurrence === "monthly") {
      MONTHLY_TAIL.lastIndex = end;
      const t = MONTHLY_TAIL.exec(s);
      if (t) len += t[0].length;
    }
    const text = s.slice(m.index, m.index + len);
    emit(m.index, m.index + len, { text, kind: "recurring", start: null, end: null, recurrence });
  }
}

function scanOngoing(s: string, emit: Emit): void {
  for (const m of s.matchAll(ONGOING_RE)) {
    emit(m.index, m.index + m[0].length, { text: m[0], kind: "ongoing", start: null, end: null, recurrence: null });
  }
}

// ---------------------------------------------------------------- API

const BASE = /^(\d{4})-\d{2}-\d{2}$/;

/**
 * Deadlines in `text`, in text order, duplicates (same kind and end, same recurrence, same ongoing text)
 * listed once. `baseDate` (ISO) gives the year of dates written without one; when null those are skipped.
 */
export function extractDeadlines(text: string, baseDate: string | null): Deadline[] {
  const s = normaliseDateText(text);
  const bm = baseDate ? BASE.exec(baseDate) : null;
  const base = bm ? Number(bm[1]) : null;
  const titles = titleSpans(s);
  const found: Candidate[] = [];
  const emit: Emit = (start, end, d) => found.push({ start, end, d });

  const hasMonth = s.includes("月");
  const hasYear = s.includes("年");
  if (hasMonth) {
    scanMonthForms(s, base, emit);
    scanRanges(s, base, emit);
  } else if (hasYear) {
    scanRanges(s, base, emit); // year ranges only need 年
  }
  if (hasYear) {
    scanYearEnds(s, base, emit);
    scanYearsBefore(s, emit);
    if (s.includes("半年")) scanHalfYears(s, base, emit);
  }
  if (s.includes("季")) scanQuarters(s, base, emit);
  if (s.includes("五")) scanPlans(s, emit);
  if (s.includes("每") || s.includes("按")) scanRecurring(s, emit);
  scanOngoing(s, emit);

  // leftmost-longest: earlier start first, longer first at the same start; overlapping later ones dropped
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Deadline[] = [];
  const seen = new Set<string>();
  let lastEnd = -1;
  let ti = 0;
  for (const c of found) {
    if (c.start < lastEnd) continue;
    while (ti < titles.length && titles[ti][1] <= c.start) ti++;
    if (ti < titles.length && titles[ti][0] <= c.start) continue; // inside 《…》: part of a title
    lastEnd = c.end;
    const d = c.d;
    const key =
      d.kind === "recurring" ? `r:${d.recurrence}` : d.kind === "ongoing" ? `o:${d.text}` : `${d.kind}:${d.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

/** A year-block heading ("(一)2017 年度。", "2018年度") as the period it stands for, else null. */
export function yearBlockDeadline(headingText: string): Deadline | null {
  const m = YEAR_BLOCK.exec(normaliseDateText(headingText));
  if (!m) return null;
  const y = Number(m[1]);
  return periodDeadline(`${y}年度`, iso(y, 1, 1), iso(y, 12, 31));
}
