// Deadline extraction (docs/labelling.md, section Deadlines): text → Deadline records. Pure functions.
// Every regex is compiled once at module load; each form is one linear pass, candidates are merged
// leftmost-longest, so the cost is linear in the text length.

import type { Deadline } from "../schema.ts";
import words from "../data/deadline-words.json" with { type: "json" };
import { Candidate, RECURRENCE_GLOSS, YEAR_BLOCK, normaliseDateText } from "./deadlines/patterns.ts";
import { iso, periodDeadline } from "./deadlines/dates.ts";
import { AS_OF, SENTENCE_END, TO_WORDS, clauseMasks, endsWithAny, inCitationBracket, inPlanName, inPreviousYear, inPurpose, isPreferenceWindow, isSignatureDate, sinceHabit, titleSpans, toOpensClause } from "./deadlines/masks.ts";
import { Emit, scanDateLists, scanHalfYears, scanMonthForms, scanNumericDates, scanOnePer, scanOngoing, scanOngoingCells, scanPeriodMeetings, scanPlans, scanQuarters, scanRanges, scanRecurring, scanRelativeSpans, scanToYears, scanMonthCells, scanYearCells, scanYearEnds, scanYearsBefore, scanYearsDone, scanYearsFrom } from "./deadlines/scanners.ts";

// ---------------------------------------------------------------- API

const BASE = /^(\d{4})-\d{2}-\d{2}$/;
// "各地要对标2035年建成教育强国目标" (河北 2024 特岗计划), "面向到2035年建成教育强国目标，对…作出全面系统部署" (新华社 2025): a goal
// named as the object of 对标/面向 (namedGoalOpeners) is no time frame of the task.
const NAMED_GOAL_BEFORE = new RegExp(`(?:${words.namedGoalOpeners.join("|")})[^。；;，,\\n]{0,6}$`);
const NAMED_GOAL_AFTER = /^[^。；;，,\n]{0,20}目标/;
// "2000年前建成的早期商品房" (上海 沪府办发〔2026〕10号 五/(十二)), "力争基本完成2000年底前建成的城镇老旧小区改造任务" (国办发〔2020〕23号,
// as quoted on public pages): a date with 前 before a completion verb and 的 says which objects are meant (when they were built),
// as "2018年完成的技改项目" does after a bare year.
const DONE_BEFORE_DE = new RegExp(`^(?:${words.completionAdverbs.join("|")})?(?:${words.completionVerbs.join("|")})的`);

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
    scanDateLists(s, emit);
  } else if (hasYear) {
    scanRanges(s, base, emit); // year ranges only need 年
  }
  if (hasYear) {
    scanYearEnds(s, base, emit);
    scanYearsBefore(s, emit);
    scanToYears(s, emit);
    scanYearsDone(s, baseIso, emit);
    scanYearCells(s, emit);
    if (hasMonth) scanMonthCells(s, emit);
    if (s.includes("年起")) scanYearsFrom(s, emit);
    if (s.includes("两年")) scanRelativeSpans(s, base, emit);
    if (s.includes("半年")) scanHalfYears(s, base, emit);
  }
  if (/\d[/.\-]\d/.test(s)) scanNumericDates(s, emit);
  if (s.includes("季")) scanQuarters(s, base, emit);
  if (s.includes("五")) scanPlans(s, base, emit);
  if (s.includes("每") || s.includes("按")) scanRecurring(s, emit);
  if (s.includes("一")) scanOnePer(s, emit);
  if (s.includes("例会")) scanPeriodMeetings(s, emit);
  scanOngoing(s, emit);
  if (s.includes("全年")) scanOngoingCells(s, emit);

  // leftmost-longest: earlier start first, longer first at the same start; overlapping later ones dropped
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const masks = found.length ? clauseMasks(s) : [];
  const out: Deadline[] = [];
  let lastEnd = -1;
  let ti = 0;
  let mi = 0;
  let glossEnd = -1; // the end of a bracket of dates glossing the recurring time before it
  for (const c of found) {
    if (c.start < lastEnd) continue;
    if (c.start < glossEnd) continue;
    while (ti < titles.length && titles[ti][1] <= c.start) ti++;
    if (ti < titles.length && titles[ti][0] <= c.start) continue; // inside 《…》: part of a title
    const d = c.d;
    if (d.kind === "date" || d.kind === "period") {
      while (mi < masks.length && masks[mi][1] <= c.start) mi++;
      if (mi < masks.length && masks[mi][0] <= c.start) continue; // 有效期至…, …同时废止, 自…起施行
      // 自…至…，…减按15%: a tax preference's window; the dates inside the span go with it
      if (d.kind === "period" && isPreferenceWindow(s, c.start, c.end)) { lastEnd = c.end; continue; }
      if (d.kind === "period" && /^\d{4}/.test(d.text) && inPlanName(s, c.start, c.end)) { lastEnd = c.end; continue; }
      if (inCitationBracket(s, c.start, c.end)) { lastEnd = c.end; continue; }
      if (inPreviousYear(s, c.start, d)) { lastEnd = c.end; continue; } // 上一年度1月至12月: the previous year's months
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
      if (NAMED_GOAL_BEFORE.test(s.slice(Math.max(0, start - 8), start)) && NAMED_GOAL_AFTER.test(s.slice(c.end, c.end + 24))) continue;
      if (d.kind === "date" && isSignatureDate(s, c.start, c.end, d, baseIso)) continue;
      if (d.kind === "date" && /前$/.test(d.text) && DONE_BEFORE_DE.test(s.slice(c.end, c.end + 8))) continue;
      // "按照2005年11月18日全省钢铁工业座谈会要求" (河北 2006 工业经济, signed 2006-02-07): a day with no 前 in a year before the
      // base year is a past event (a day earlier in the base year may be a phase of the plan: "动员部署(2025年1月10日)", 后湖 2025)
      if (d.kind === "date" && base !== null && Number(d.end!.slice(0, 4)) < base && /[日号]$/.test(d.text)) continue;
      // "从今年底开始，在全省乡镇推广…" (河北 2004 安全生产示范乡镇): 从/自 + a date + 开始/起 is a start, no time limit
      if (d.kind === "date" && /[从自]$/.test(s.slice(Math.max(0, start - 1), start)) && /^(?:开始|起)/.test(s.slice(c.end, c.end + 2))) continue;
    }
    // "2020年起，每年2月底前各省份完成…，3月底前国家卫生健康委完成…" (国办发〔2019〕4号 三级公立医院 四, unseen15h2): a month with no year
    // after a dated yearly time in the same sentence recurs with it
    const prev = out[out.length - 1];
    if (d.kind === "date" && /^(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月/.test(d.text) && prev?.recurrence?.startsWith("yearly:") &&
      lastEnd >= 0 && !SENTENCE_END.test(s.slice(lastEnd, c.start))) {
      Object.assign(d, { kind: "recurring", end: null, recurrence: `yearly:${d.end!.slice(5)}` });
    }
    if (sinceHabit(s, c.start, d)) continue; // 自70年代以来，我局每年都进行…: a habit since then
    lastEnd = c.end;
    out.push(d);
    if (d.kind === "recurring") {
      RECURRENCE_GLOSS.lastIndex = c.end;
      const g = RECURRENCE_GLOSS.exec(s);
      if (g) glossEnd = c.end + g[0].length;
    }
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
