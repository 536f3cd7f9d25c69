// One scanner per date form: each is one linear pass that emits candidate deadlines.
import type { Deadline } from "../../schema.ts";
import { DAY_SPAN, HALF_YEAR, HALF_YEARS, MONTHLY_TAIL, MONTH_FORM, MONTH_RANGE, MONTH_SPAN, NOT_DEADLINE_AFTER_DAY, NOT_DEADLINE_BEFORE_DAY, NUMERIC_DATE, ONE_PER, ONE_PER_PERIOD, ONGOING_CELL, ONGOING_NOT_FOLLOWED_BY, ONGOING_RE, MONTH_CELL, PERIOD_MEETING, PERIOD_MEETING_PERIOD, PLAN, PLAN_PERIODS, QUARTER, QUARTERS, RECUR, RELATIVE_SPAN, RELATIVE_SPANS, RECURRENCE, RECURRENCE_NOT_FOLLOWED_BY, TO_YEAR, YEAR_CELL, YEARLY_TAIL, YEAR_BEFORE, YEAR_COMMA_DONE, YEAR_DONE, YEAR_END, YEARS_FROM, YEAR_RANGE } from "./patterns.ts";
import { XUN_DAY, dateDeadline, dayNumber, iso, lastDay, monthNumber, pad, periodDeadline, plausibleYear, resolveYear, validDay, yearNumber } from "./dates.ts";
import { PAST, endsWithAny, isRate, toOpensClause } from "./masks.ts";

// ---------------------------------------------------------------- scanners

export type Emit = (start: number, end: number, d: Deadline) => void;

export function scanMonthForms(s: string, base: number | null, emit: Emit): void {
  for (const m of s.matchAll(MONTH_FORM)) {
    const [text, y4, rel, mon, day, endWord, xun, fen, pre] = m;
    if (!day && !endWord && !xun && !fen && !pre) continue; // a bare month is not a deadline
    // a month without a year: the year opening its sentence as the topic ("2024年任务目标力争10月底前基本完成" in a plan signed
    // 2023-12-13, 河北 2024 民生工程), else the base year; with no base date the year of a date before it in the sentence
    // ("须于2017年6月底前下达60%以上、9月底前下达80%以上", 云南 2017)
    const y = y4 || rel ? resolveYear(y4, rel, base) : (topicYear(s, m.index) ?? base ?? yearBeforeInSentence(s, m.index));
    const mo = monthNumber(mon);
    if (y === null || mo < 1 || mo > 12) continue;
    const start = m.index;
    // "《政务公开专区建设指南》…已于2022年2月28日由省市场监管局发布" (河北 2022 政务公开专区, unseen15b), "…实施意见》已于2022年12月21日经区政府
    // 第23次常务会议审议通过" (虹口 2022, unseen12b): a date after 已于/曾于 … with no 前 tells what was done (pastMarkers), as for a year
    if (!pre && endsWithAny(s.slice(Math.max(0, start - 3), start), PAST)) continue;
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

/** "2024年任务目标…": a year opening the sentence before `at` as its topic (not a date: 2023年底, 2024年3月, 2024年内 …), else null. */
function topicYear(s: string, at: number): number | null {
  let i = at - 1;
  while (i >= Math.max(0, at - 200) && s[i] !== "。" && s[i] !== "\n") i--;
  const m = /^[ \t\u3000]*(\d{4})年(?![底末内前中初上下全度\d一二三四五六七八九十起以至到—\-~、，,])/.exec(s.slice(i + 1, at));
  return m && plausibleYear(Number(m[1])) ? Number(m[1]) : null;
}

/** The last four-digit year written before `at` in the same sentence (up to 。 or a line break), else null. */
function yearBeforeInSentence(s: string, at: number): number | null {
  let i = at - 1;
  while (i >= Math.max(0, at - 200) && s[i] !== "。" && s[i] !== "\n") i--;
  const years = [...s.slice(i + 1, at).matchAll(/(?<!\d)(\d{4})年/g)];
  const y = years.length ? Number(years[years.length - 1][1]) : null;
  return y !== null && plausibleYear(y) ? y : null;
}

/** "到2025年" → that year's end; "到2023年6月" → that month's end. Only where 到/至 opens the clause or follows 力争 etc. */
export function scanToYears(s: string, emit: Emit): void {
  for (const m of s.matchAll(TO_YEAR)) {
    if (!toOpensClause(s, m.index)) continue;
    const y = yearNumber(m[2]);
    const mo = m[3] ? monthNumber(m[3]) : 12;
    if (!plausibleYear(y) || mo < 1 || mo > 12) continue;
    emit(m.index, m.index + m[0].length, dateDeadline(m[0], iso(y, mo, lastDay(y, mo))));
  }
}

/** "2012年起5年内" → the span from that year's first day to the last day of its N-th year. */
/** "今明两年…" → a period from the base year's 01-01 to the end of the last year it counts (relativeSpans). */
export function scanRelativeSpans(s: string, base: number | null, emit: Emit): void {
  if (base === null) return;
  for (const m of s.matchAll(RELATIVE_SPAN)) {
    const [a, b] = RELATIVE_SPANS[m[0]];
    emit(m.index, m.index + m[0].length, periodDeadline(m[0], iso(base + a, 1, 1), iso(base + b, 12, 31)));
  }
}

export function scanYearsFrom(s: string, emit: Emit): void {
  for (const m of s.matchAll(YEARS_FROM)) {
    const y = yearNumber(m[1]);
    const n = /^\d+$/.test(m[2]) ? Number(m[2]) : monthNumber(m[2]);
    if (!plausibleYear(y) || n < 1 || n > 30) continue;
    emit(m.index, m.index + m[0].length, periodDeadline(m[0], iso(y, 1, 1), iso(y + n - 1, 12, 31)));
  }
}

/**
 * "2021年全面推广", "2023年6月完成", "2027年，制定出台…" → the end of that year or month (not when the date lies before
 * the base date).
 */
export function scanYearsDone(s: string, baseIso: string | null, emit: Emit): void {
  for (const m of [...s.matchAll(YEAR_DONE), ...s.matchAll(YEAR_COMMA_DONE)]) {
    const y = yearNumber(m[1]);
    const mo = m[2] ? monthNumber(m[2]) : 12;
    if (!plausibleYear(y) || mo < 1 || mo > 12) continue;
    const end = iso(y, mo, lastDay(y, mo));
    if (baseIso && end < baseIso) continue; // a report of what was done, not a time limit
    if (endsWithAny(s.slice(Math.max(0, m.index - 3), m.index), PAST)) continue; // 已于2017年完成
    emit(m.index, m.index + m[0].length, dateDeadline(m[0], end));
  }
}

// "分别于2022年4月10日、7月10日、10月10日和2023年1月10日前报送": dates listed before one 前 are each a deadline;
// a day with no year takes the year of the date before it in the list.
const DATE_LIST = /(\d{4})年\d{1,2}月\d{1,2}日(?:[、，,和及或](?:\d{4}年)?\d{1,2}月\d{1,2}日)+(?:之?前)/g;
const LIST_DAY = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/g;

/** The yearless days inside a list of dates ending in 前 (the dated ones are read by the other scanners). */
export function scanDateLists(s: string, emit: Emit): void {
  for (const m of s.matchAll(DATE_LIST)) {
    let year = Number(m[1]);
    for (const d of m[0].matchAll(LIST_DAY)) {
      if (d[1]) {
        year = Number(d[1]);
        continue;
      }
      const mo = Number(d[2]);
      const day = Number(d[3]);
      if (!validDay(year, mo, day)) continue;
      const start = m.index! + d.index!;
      emit(start, start + d[0].length, dateDeadline(d[0], iso(year, mo, day)));
    }
  }
}

/** "2019/04/19", "2019.4.19", "2019-04-19". */
export function scanNumericDates(s: string, emit: Emit): void {
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

export function scanRanges(s: string, base: number | null, emit: Emit): void {
  for (const m of s.matchAll(MONTH_RANGE)) {
    const [text, y4a, rela, mona, daya, enda, y4b, relb, monb, dayb] = m;
    const ya = resolveYear(y4a, rela, base);
    if (ya === null) continue;
    const yb = y4b || relb !== undefined ? resolveYear(y4b, relb, base) : ya;
    if (yb === null) continue;
    const ma = monthNumber(mona);
    const mb = monthNumber(monb);
    if (ma < 1 || ma > 12 || mb < 1 || mb > 12) continue;
    const da = daya ? dayNumber(daya) : enda ? lastDay(ya, ma) : 1;
    const db = dayb ? dayNumber(dayb) : lastDay(yb, mb);
    if (!validDay(ya, ma, da) || !validDay(yb, mb, db)) continue;
    // "2022年9月1日至2023年8月31日期间出生的适龄幼儿" (广州 天河 2026 幼儿园招生工作方案 二, unseen14b); a kindergarten's 2024 notice on
    // GitHub "2020年9月1日至2021年8月31日期间出生的适龄儿童": a span with its years written that ends before the base year names whom or
    // what is meant (a birth span, a past campaign), no time frame, as a year range does
    if (base !== null && y4a && yb < base) continue;
    const start = iso(ya, ma, da);
    const end = iso(yb, mb, db);
    if (start > end) continue;
    emit(m.index, m.index + text.length, periodDeadline(text, start, end));
  }
  for (const m of s.matchAll(DAY_SPAN)) {
    const [text, y4, rel, mon, da, db] = m;
    const y = resolveYear(y4, rel, base);
    const mo = monthNumber(mon);
    if (y === null || mo < 1 || mo > 12) continue;
    const [a, b] = [dayNumber(da), dayNumber(db)];
    if (a >= b || !validDay(y, mo, a) || !validDay(y, mo, b)) continue;
    if (base !== null && y4 && y < base) continue; // a past span, as above
    emit(m.index, m.index + text.length, periodDeadline(text, iso(y, mo, a), iso(y, mo, b)));
  }
  for (const m of s.matchAll(MONTH_SPAN)) {
    const [text, y4, rel, mona, monb] = m;
    const y = resolveYear(y4, rel, base);
    const ma = Number(mona);
    const mb = Number(monb);
    if (y === null || ma >= mb) continue;
    emit(m.index, m.index + text.length, periodDeadline(text, iso(y, ma, 1), iso(y, mb, lastDay(y, mb))));
  }
  for (const m of s.matchAll(YEAR_RANGE)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > b || a < 1900 || b > 2199) continue;
    // "对2001年至2003年严查行动中已经受到查处的" (河北 2004, signed 2004): a span over before the base year names a past campaign
    if (base !== null && b < base) continue;
    emit(m.index, m.index + m[0].length, periodDeadline(m[0], iso(a, 1, 1), iso(b, 12, 31)));
  }
}

export function scanYearEnds(s: string, base: number | null, emit: Emit): void {
  for (const m of s.matchAll(YEAR_END)) {
    const y = resolveYear(m[1], m[2], base);
    if (y === null) continue;
    emit(m.index, m.index + m[0].length, dateDeadline(m[0], iso(y, 12, 31)));
  }
}

export function scanYearsBefore(s: string, emit: Emit): void {
  for (const m of s.matchAll(YEAR_BEFORE)) {
    emit(m.index, m.index + m[0].length, dateDeadline(m[0], iso(yearNumber(m[1]), 12, 31)));
  }
}

export function scanQuarters(s: string, base: number | null, emit: Emit): void {
  scanMonthSpans(s, base, emit, QUARTER, (k) => (QUARTERS[k] ? [QUARTERS[k] * 3 - 2, QUARTERS[k] * 3] : undefined));
}

export function scanHalfYears(s: string, base: number | null, emit: Emit): void {
  scanMonthSpans(s, base, emit, HALF_YEAR, (k) => HALF_YEARS[k]);
}

/** A span of months named by a word (第三季度, 上半年): a date at its last day after an end word (末, 底) or 前置, else the period. */
function scanMonthSpans(s: string, base: number | null, emit: Emit, re: RegExp, months: (key: string) => number[] | undefined): void {
  for (const m of s.matchAll(re)) {
    const [text, y4, rel, key, endWord, pre] = m;
    const y = resolveYear(y4, rel, base);
    const span = months(key);
    if (y === null || !span) continue;
    const end = iso(y, span[1], lastDay(y, span[1]));
    emit(m.index, m.index + text.length,
      endWord || pre ? dateDeadline(text, end) : periodDeadline(text, iso(y, span[0], 1), end));
  }
}

export function scanPlans(s: string, base: number | null, emit: Emit): void {
  for (const m of s.matchAll(PLAN)) {
    const years = PLAN_PERIODS[m[1]];
    if (!years) continue;
    // "“十三五”期间，…各地形成了一批…好经验" (河北 2021 师德师风巩固年, signed 2021): a plan period over before the base year
    // names a past span, as a year range does (scanRanges)
    if (!m[2] && base !== null && years[1] < base) continue;
    const end = iso(years[1], 12, 31);
    emit(m.index, m.index + m[0].length,
      m[2] ? dateDeadline(m[0], end) : periodDeadline(m[0], iso(years[0], 1, 1), end));
  }
}

/** yearly:MM-DD (or plain yearly) from the tail after 每年, matched at `at`. */
export function yearlyTail(s: string, at: number): { len: number; recurrence: string } {
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

export function scanRecurring(s: string, emit: Emit): void {
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

/** "一月一报告", "一季度一复核", "一年一签": one task per period is recurring (the quarter there is no period of its own). */
export function scanOnePer(s: string, emit: Emit): void {
  for (const m of s.matchAll(ONE_PER)) {
    emit(m.index, m.index + m[0].length, { text: m[0], kind: "recurring", start: null, end: null, recurrence: ONE_PER_PERIOD[m[1]] });
  }
}

// RECUR without its global flag: a test of one clause, no lastIndex carried between calls.
const RECUR_IN_CLAUSE = new RegExp(RECUR.source);

/** "召开月度工作例会": a meeting named by its period, held, is a recurring task. */
export function scanPeriodMeetings(s: string, emit: Emit): void {
  for (const m of s.matchAll(PERIOD_MEETING)) {
    // "每季度召开季度例会": the clause's own 每季度 already recurs
    const clause = s.slice(Math.max(0, m.index - 30), m.index).split(/[，,。；;\n]/).pop() ?? "";
    if (RECUR_IN_CLAUSE.test(clause)) continue;
    emit(m.index, m.index + m[0].length, { text: m[0], kind: "recurring", start: null, end: null, recurrence: PERIOD_MEETING_PERIOD[m[1]] });
  }
}

export function scanOngoing(s: string, emit: Emit): void {
  for (const m of s.matchAll(ONGOING_RE)) {
    const after = s.slice(m.index + m[0].length, m.index + m[0].length + 4);
    if (ONGOING_NOT_FOLLOWED_BY.some((w) => after.startsWith(w))) continue; // 常态化推进机制 (数字广东 2025)
    emit(m.index, m.index + m[0].length, { text: m[0], kind: "ongoing", start: null, end: null, recurrence: null });
  }
}

/** "完成时限:全年": a 完成时限 cell (or labelled line) holding only 全年 is ongoing, its text the value (霍山 2025). */
export function scanOngoingCells(s: string, emit: Emit): void {
  for (const m of s.matchAll(ONGOING_CELL)) {
    const start = m.index + m[0].length - m[1].length;
    emit(start, start + m[1].length, { text: m[1], kind: "ongoing", start: null, end: null, recurrence: null });
  }
}

/** "完成时限：2022年": a deadline label whose value is a bare year is due by that year's end (国科发农〔2020〕192号). */
export function scanYearCells(s: string, emit: Emit): void {
  for (const m of s.matchAll(YEAR_CELL)) {
    const y = yearNumber(m[1]);
    if (!plausibleYear(y)) continue;
    const start = m.index + m[0].length - m[1].length - 1;
    emit(start, start + m[1].length + 1, dateDeadline(`${m[1]}年`, iso(y, 12, 31)));
  }
}

/** "时间节点：2025年3月": a deadline label whose value is a year and a month is due by that month's end (上海 沪交法〔2025〕175号). */
export function scanMonthCells(s: string, emit: Emit): void {
  for (const m of s.matchAll(MONTH_CELL)) {
    const y = yearNumber(m[1]);
    const mo = monthNumber(m[2]);
    if (!plausibleYear(y) || mo < 1 || mo > 12) continue;
    const text = `${m[1]}年${m[2]}月`;
    const start = m.index + m[0].length - text.length;
    emit(start, start + text.length, dateDeadline(text, iso(y, mo, lastDay(y, mo))));
  }
}
