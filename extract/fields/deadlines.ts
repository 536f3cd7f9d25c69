// Deadline extraction (docs/labelling.md, section Deadlines): text → Deadline records. Pure functions.
// Every regex is compiled once at module load; each form is one linear pass, candidates are merged
// leftmost-longest, so the cost is linear in the text length.
import words from "../data/deadline-words.json" with { type: "json" };
import type { Deadline } from "../schema.ts";

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
const DAY =
  "(3[01]|[12]\\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三][〇○]|[一二三四五六七八九])(?:日|号(?![线文楼院令码]))";
/** "(星期二)" after a day: read over. */
const WEEKDAY = "(?:[(（](?:星期|周)[一二三四五六日天][)）])?";
const QNUM = `(${alt(Object.keys(QUARTERS))})`;
const SEP = "(?:~|〜|-|—{1,2}|–|―|至|到)";
const HALF = `(${alt(Object.keys(HALF_YEARS))})`;

// year4 rel month day 底末 旬 份 pre
const MONTH_FORM = new RegExp(`${YEAR}${MON}(?:${DAY}${WEEKDAY}|(底|末)|(上旬|中旬|下旬)|(份))?${PRE}?`, "g");
// year4 rel month day — year4 rel month day
const MONTH_RANGE = new RegExp(`${YEAR}${MON}(?:${DAY})?${SEP}${YEAR}${MON}(?:${DAY})?`, "g");
// "2024—2026年", "2022年至2025年"
const YEAR_RANGE = new RegExp(`(?<!\\d)(\\d{4})年?${SEP}(\\d{4})年(?![\\d月度])`, "g");
// year4 | rel | bare (not after a numeral or a relative word); then 底/末/内 and 前
const YEAR_END = new RegExp(
  `(?:(?<![\\d${CN_YEAR_DIGITS}])(\\d{4}|[${CN_YEAR_DIGITS}]{4})年?|${REL}年?|(?<![\\d${CN_NUM}百千几数多半上下同近前后每去全个这该其当]))年(底|末|内)${PRE}?`,
  "g",
);
// "2027年前": the end of that year, like "X月前" (4-digit years only; not "2022年前三季度")
const YEAR_BEFORE = new RegExp(`${Y4}年${PRE}(?![\\d${CN_NUM}个季半])`, "g");
// "到2025年" / "力争到2025年" / "至2030年" / "到2023年6月": a bare year or month after 到 is the goal's date.
// Forms with 底/末/内/前/上半年/季度… after the year are read by their own scanners (and get the 到 there).
const TO_YEAR = new RegExp(
  `(${alt(words.toWords)})${Y4}年(?:${MON}(?![\\d${CN_NUM}底末份上中下旬日号初前]))?(?![\\d${CN_YEAR_DIGITS}年月底末内前度以起至到~\\-—–―初上下第半季])`,
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
const DATE_SPACE = /(?<=[\d年月日号])[ \t\u00a0\u3000]+(?=[\d年月日号季])/g;

/** Full-width digits to ASCII; white space between digits and 年/月/日 removed. */
export function normaliseDateText(text: string): string {
  return text
    .replace(FULL_WIDTH, (c) => (c === "～" ? "~" : c === "－" ? "-" : c === "．" ? "." : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .replace(DATE_SPACE, "");
}

// ---------------------------------------------------------------- date helpers

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

const CN_YEAR_DIGIT: Record<string, number> = { 〇: 0, "○": 0, 零: 0, ...CN_DIGIT };

/** A month or day number, Arabic or Chinese up to 三十一 ("十二" → 12, "二十三" → 23). */
function monthNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const ten = s.indexOf("十");
  if (ten < 0) return s.length === 2 ? (CN_DIGIT[s[0]] ?? 0) * 10 + (CN_YEAR_DIGIT[s[1]] ?? 0) : CN_DIGIT[s] ?? 0; // 三〇 → 30
  const tens = ten === 0 ? 1 : CN_DIGIT[s[0]] ?? 0;
  return tens * 10 + (ten + 1 < s.length ? CN_DIGIT[s[ten + 1]] ?? 0 : 0);
}
const dayNumber = monthNumber;

/** "2022" or "二〇二二" → 2022. */
function yearNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let y = 0;
  for (const c of s) y = y * 10 + (CN_YEAR_DIGIT[c] ?? 0);
  return y;
}

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, "0")}-${pad(m)}-${pad(d)}`;
/** A year a policy can set a time limit in (a typo such as "到7671年" is not one). */
const plausibleYear = (y: number) => y >= 1949 && y <= 2100;
const validDay = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);

/** The year a match refers to: an explicit 4-digit year, a relative year, else the base year. */
function resolveYear(year4: string | undefined, rel: string | undefined, base: number | null): number | null {
  if (year4) return yearNumber(year4);
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

const TO_WORDS = new Set<string>(words.toWords);
const TO_OPENERS = [...words.toAllowedAfter].sort((a, b) => b.length - a.length);
// "为到" / "为了到" anywhere in the clause, or a bare "为了" just before the date
const PURPOSE_TO = new RegExp(`(?:${alt(words.purposeBefore)})(?:${alt(words.toWords)})`);
const PURPOSE_ONLY = words.purposeBefore.filter((w) => w.length > 1);
const AS_OF = [...words.asOfBefore].sort((a, b) => b.length - a.length);
const PAST = [...words.pastMarkers].sort((a, b) => b.length - a.length);
const ISSUER_END = new RegExp(`(?:${alt(words.issuerSuffixes)})$`);
const ISSUER_PLACE = /^(?:[\u4e00-\u9fff]{2,}?[省市县区州盟旗]|国务院|中共|中华人民共和国)/;
const CLOSING_LINE = new RegExp(`^[(（]?(?:${alt(words.closingLines)})`);
const NOT_DEADLINE_CLAUSE = new RegExp(alt(words.notDeadlineClauses), "g");
const SENTENCE_END = /[。；;！!？?\n]/;
const CJK = /[\u3400-\u9fff]/;

const endsWithAny = (x: string, ws: string[]) => ws.some((w) => x.endsWith(w));

/** 到/至 at `at` opens the clause: after punctuation, white space or the text start, or after 力争, 争取 … */
function toOpensClause(s: string, at: number): boolean {
  if (at === 0 || !CJK.test(s[at - 1])) return true;
  const before = s.slice(Math.max(0, at - 4), at);
  return endsWithAny(before, TO_OPENERS);
}

/**
 * A date inside a purpose clause: "为到2020年进入创新型国家行列、到2030年跻身…作出贡献", "为了2022年…".
 * The clause runs back to the last ，。；; it is a purpose when it opens with 为(了)到/至 or 为了.
 */
function inPurpose(s: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && !/[，,。；;：:\n]/.test(s[i])) i--;
  const clause = s.slice(i + 1, at);
  return PURPOSE_TO.test(clause) || endsWithAny(clause, PURPOSE_ONLY);
}

/** Sentences (。；！？ or a line break) holding an 有效期, 同时废止 or 起施行 clause: their dates are not time limits. */
function clauseMasks(s: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  NOT_DEADLINE_CLAUSE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NOT_DEADLINE_CLAUSE.exec(s)) !== null) {
    let a = m.index;
    while (a > 0 && !SENTENCE_END.test(s[a - 1])) a--;
    let b = m.index + m[0].length;
    while (b < s.length && !SENTENCE_END.test(s[b])) b++;
    if (spans.length && spans[spans.length - 1][1] >= a) spans[spans.length - 1][1] = b;
    else spans.push([a, b]);
    NOT_DEADLINE_CLAUSE.lastIndex = b;
  }
  return spans;
}

/** A full date alone on its line that is the signature: the base date itself, or under an issuer's name at the end. */
function isSignatureDate(s: string, start: number, end: number, d: Deadline, baseIso: string | null): boolean {
  const ls = s.lastIndexOf("\n", start - 1) + 1;
  let le = s.indexOf("\n", end);
  if (le < 0) le = s.length;
  if (s.slice(ls, start).trim() || s.slice(end, le).trim()) return false;
  if (baseIso && d.end === baseIso) return true;
  // the nearest non-blank line above, and what follows (only a closing line may)
  let pe = ls - 1;
  while (pe > 0 && /\s/.test(s[pe - 1])) pe--;
  const prevLine = s.slice(s.lastIndexOf("\n", pe - 1) + 1, pe).replace(/\s+/g, "");
  let ns = le;
  while (ns < s.length && /\s/.test(s[ns])) ns++;
  // an issuer signs with its place (银川市司法局, 国务院办公厅); a table's unit cell (市财政局) does not
  return ISSUER_END.test(prevLine) && ISSUER_PLACE.test(prevLine) && (ns === s.length || CLOSING_LINE.test(s.slice(ns, ns + 4)));
}

const RATE_AFTER = [...words.rateAfterYearly].sort((a, b) => b.length - a.length);
const CONDITION_STARTS = [...words.conditionClauseStarts];
const CLAUSE_DELIM = /[，,。；;：:\n]/;

/**
 * 每年/每月… that is not a recurring task: part of a rate ("每家企业每年", "每年每个园区给予20万元",
 * "每年分别给予5000元"), or inside an eligibility condition ("对…每年保持稳定增长的企业").
 */
function isRate(s: string, start: number, end: number): boolean {
  if (s[end] === "每") return true;
  const after = s.slice(end, end + 6);
  if (RATE_AFTER.some((w) => after.startsWith(w))) return true;
  let i = start - 1;
  for (; i >= Math.max(0, start - 40); i--) {
    if (CLAUSE_DELIM.test(s[i])) break;
    if (s[i] === "每" && start - i <= 12 && !/[、]/.test(s.slice(i, start))) return true;
  }
  const clauseStart = i + 1;
  return CONDITION_STARTS.some((w) => s.startsWith(w, clauseStart)) && /^[^，,。；;：:\n]*的/.test(s.slice(end, end + 30));
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
      const d = dayNumber(day);
      if (!validDay(y, mo, d)) continue;
      if (!pre && (NOT_DEADLINE_AFTER_DAY.test(s.slice(start + text.length, start + text.length + 6).trimStart()) ||
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

/** "到2025年" → that year's end; "到2023年6月" → that month's end. Only where 到/至 opens the clause or follows 力争 etc. */
function scanToYears(s: string, emit: Emit): void {
  for (const m of s.matchAll(TO_YEAR)) {
    if (!toOpensClause(s, m.index)) continue;
    const y = yearNumber(m[2]);
    const mo = m[3] ? monthNumber(m[3]) : 12;
    if (!plausibleYear(y) || mo < 1 || mo > 12) continue;
    emit(m.index, m.index + m[0].length, dateDeadline(m[0], iso(y, mo, lastDay(y, mo))));
  }
}

/** "2021年全面推广", "2023年6月完成" → the end of that year or month (not when the date lies before the base date). */
function scanYearsDone(s: string, baseIso: string | null, emit: Emit): void {
  for (const m of s.matchAll(YEAR_DONE)) {
    const y = yearNumber(m[1]);
    const mo = m[2] ? monthNumber(m[2]) : 12;
    if (!plausibleYear(y) || mo < 1 || mo > 12) continue;
    const end = iso(y, mo, lastDay(y, mo));
    if (baseIso && end < baseIso) continue; // a report of what was done, not a time limit
    if (endsWithAny(s.slice(Math.max(0, m.index - 3), m.index), PAST)) continue; // 已于2017年完成
    emit(m.index, m.index + m[0].length, dateDeadline(m[0], end));
  }
}

/** "2019/04/19", "2019.4.19", "2019-04-19". */
function scanNumericDates(s: string, emit: Emit): void {
  for (const m of s.matchAll(NUMERIC_DATE)) {
    const y = Number(m[1]);
    const mo = Number(m[3]);
    const d = Number(m[4]);
    if (!validDay(y, mo, d)) continue;
    const end = m.index + m[0].length;
    if (NOT_DEADLINE_AFTER_DAY.test(s.slice(end, end + 6).trimStart()) ||
      NOT_DEADLINE_BEFORE_DAY.test(s.slice(Math.max(0, m.index - 2), m.index))) continue;
    emit(m.index, end, dateDeadline(m[0], iso(y, mo, d)));
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
    const da = daya ? dayNumber(daya) : 1;
    const db = dayb ? dayNumber(dayb) : lastDay(yb, mb);
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
    emit(m.index, m.index + m[0].length, dateDeadline(m[0], iso(yearNumber(m[1]), 12, 31)));
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
      if (day && validDay(2001, mo, dayNumber(day))) mmdd = `${pad(mo)}-${pad(dayNumber(day))}`;
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
    if (phrase.startsWith("每") && isRate(s, m.index, end)) continue;
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
 * Deadlines in `text`, in text order, one per occurrence (a phrase written twice is listed twice).
 * `baseDate` (ISO) gives the year of dates written without one; when null those are skipped.
 */
export function extractDeadlines(text: string, baseDate: string | null): Deadline[] {
  const s = normaliseDateText(text);
  const bm = baseDate ? BASE.exec(baseDate) : null;
  const base = bm ? Number(bm[1]) : null;
  const baseIso = bm ? baseDate : null;
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
    scanToYears(s, emit);
    scanYearsDone(s, baseIso, emit);
    if (s.includes("半年")) scanHalfYears(s, base, emit);
  }
  if (/\d[/.\-]\d/.test(s)) scanNumericDates(s, emit);
  if (s.includes("季")) scanQuarters(s, base, emit);
  if (s.includes("五")) scanPlans(s, emit);
  if (s.includes("每") || s.includes("按")) scanRecurring(s, emit);
  scanOngoing(s, emit);

  // leftmost-longest: earlier start first, longer first at the same start; overlapping later ones dropped
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const masks = found.length ? clauseMasks(s) : [];
  const out: Deadline[] = [];
  let lastEnd = -1;
  let ti = 0;
  let mi = 0;
  for (const c of found) {
    if (c.start < lastEnd) continue;
    while (ti < titles.length && titles[ti][1] <= c.start) ti++;
    if (ti < titles.length && titles[ti][0] <= c.start) continue; // inside 《…》: part of a title
    const d = c.d;
    if (d.kind === "date" || d.kind === "period") {
      while (mi < masks.length && masks[mi][1] <= c.start) mi++;
      if (mi < masks.length && masks[mi][0] <= c.start) continue; // 有效期至…, …同时废止, 自…起施行
      let start = c.start;
      // 到2025年底: the 到 belongs to the phrase where it opens the clause
      const to = start > 0 && TO_WORDS.has(s[start - 1]) && !TO_WORDS.has(d.text[0]) && start - 1 >= lastEnd;
      if (to && toOpensClause(s, start - 1)) {
        start--;
        d.text = s[start] + d.text;
      }
      const lead = TO_WORDS.has(s[start]) ? start + 1 : start;
      const before = s.slice(Math.max(0, start - 5), start);
      if (endsWithAny(before, AS_OF) || endsWithAny(s.slice(Math.max(0, lead - 5), lead), AS_OF)) continue; // 截至2022年底: the date data are as of
      if (inPurpose(s, lead)) continue; // 为到2020年…、到2030年…: a purpose
      if (d.kind === "date" && isSignatureDate(s, c.start, c.end, d, baseIso)) continue;
    }
    lastEnd = c.end;
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
