// Target extraction (docs/labelling.md, section Targets): text → Target records. Pure functions.
// One regex pass finds every figure (number, magnitude, unit, optional range); the comparator, exclusions
// and metric are then read from a bounded window around each figure, so the cost is linear in the text.
import words from "./data/target-words.json" with { type: "json" };
import type { Target } from "./schema.ts";

type Comparator = Target["comparator"];

// ---------------------------------------------------------------- word lists

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const byLength = (xs: Iterable<string>) => [...xs].sort((a, b) => b.length - a.length);
const alt = (xs: Iterable<string>) => byLength(xs).map(esc).join("|");

const BEFORE: Record<string, Comparator> = words.comparatorsBefore as Record<string, Comparator>;
const BEFORE_WORDS = byLength(Object.keys(BEFORE));
// comparators that may stand a few words before their figure (one-character ones only adjacent: 达成, 发达)
const STRONG_WORDS = BEFORE_WORDS.filter((w) => BEFORE[w] !== "=" && w.length > 1);
const BEFORE_NOT_PRECEDED: Record<string, string> = words.comparatorNotPrecededBy;
const GAP_WORDS = byLength(words.comparatorGap);
const AFTER: Record<string, Comparator> = words.comparatorsAfter as Record<string, Comparator>;
const AFTER_NOT_FOLLOWED: Record<string, string> = words.comparatorAfterNotFollowedBy;
const CHANGE_STARTS = new Set(words.changeStarts);

/** Magnitude prefix of a money unit → multiplier ("万" → 1e4); the bare magnitude also means money. */
const MAGNITUDES = new Map<string, number>();
for (const [unit, mult] of Object.entries(words.moneyUnits)) if (unit !== "元") MAGNITUDES.set(unit.replace(/元$/, ""), mult);

/** Unit as written → unit as recorded, and whether it is a time unit needing a comparator. */
interface UnitInfo {
  unit: string;
  kind: "money" | "count" | "ratio" | "time";
  always: boolean;
}
const UNITS = new Map<string, UnitInfo>();
UNITS.set("元", { unit: "元", kind: "money", always: true });
for (const w of words.measureWords) UNITS.set(w, { unit: w, kind: "count", always: true });
for (const w of words.ratioUnits) UNITS.set(w, { unit: w, kind: "ratio", always: true });
for (const t of words.timeUnits) UNITS.set(t.text, { unit: t.unit, kind: "time", always: t.always });

const M = words.metric;
const METRIC_VERBS = byLength(M.verbs);
const METRIC_LEADING = byLength(M.leading);
const METRIC_TRAILING = byLength(M.trailing);
// the noun after a figure ends at a verb, a comparator (of the next figure) or a digit
const METRIC_STOPS = new RegExp(`${alt([...M.stops, ...BEFORE_WORDS.filter((w) => w.length > 1)])}|\\d`);
const COMPARISON_MARKERS = byLength(M.comparisonMarkers);
const PREPOSITIONS = new RegExp(`[${M.prepositions}](?![${M.prepositionNotFollowedBy}])`, "g");

// ---------------------------------------------------------------- the figure regex

const CN_NUM = "[一二两三四五六七八九十][〇零一二两三四五六七八九十百千]*";
const NUM = `(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?(?!\\d)|\\d+(?:\\.\\d+)?|${CN_NUM})`;
const APPROX = `(?:${alt(words.approxFillers)})`;
const MAG = `(${alt(MAGNITUDES.keys())})?`;
const UNIT = `(${alt(UNITS.keys())})?`;
const WS = "[ \\t\\u00a0\\u3000]*";
const SEPS = alt(words.rangeSeparators);
const IGNORED = words.ignoredAfterFigure.map(esc).join("|");
// groups: 1 first figure, 2 num, 3 mag, 4 unit, 5 sep, 6 num2, 7 mag2, 8 unit2
// no two white-space runs are adjacent, so a failed range never backtracks quadratically
const FIG = `${NUM}${WS}(?:${APPROX}${WS})?(?:${MAG}${WS})?${UNIT}`;
const FIGURE = new RegExp(`(${FIG})(?:${WS}(?:(?:${IGNORED})${WS})?(${SEPS})${WS}${FIG})?`, "g");
const AFTER_RE = new RegExp(`${WS}(?:(?:${IGNORED})${WS})?(${alt(Object.keys(AFTER))})`, "y");
const IGNORED_RE = new RegExp(`${WS}(?:${IGNORED})`, "y");
const CHANGE_TAIL = /^[ \t]*[\u4e00-\u9fff]{0,4}?(?:到|至)[ \t]*[\d一二两三四五六七八九十]/;
/** Clause delimiters for the comparator / metric window before a figure. */
const DELIM_BEFORE = /[,，。;；:：!！?？\n()（）【】\[\]“”《》]/;
/** Clause delimiters after a figure (parentheses stay: they qualify the noun). */
const DELIM_AFTER = /[,，。;；:：!！?？\n“”《》\/]/;
/** How far back a comparator may stand from its figure, and what it may not reach across. */
const FAR = 10;
const DELIM_FAR = /[,，。;；:：!！?？\n()（）【】\[\]“”《》、]/;
const NOT_FIGURES = new RegExp(alt(words.notFigures), "y");
const MONEY_BOUNDARY = /^(?:$|[\s,，。;；:：!！?？、)）的])/;
const WINDOW = 40;

// ---------------------------------------------------------------- normalisation and masks

const WIDTH = /[\uff10-\uff19％～－．（）]/g;
const WIDTH_MAP: Record<string, string> = { "％": "%", "～": "~", "－": "-", "．": ".", "（": "(", "）": ")" };

/** One-for-one character normalisation, so offsets stay those of the original text. */
function normalise(text: string): string {
  return text.replace(WIDTH, (c) => WIDTH_MAP[c] ?? String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const PAIRS: Record<string, string> = { "《": "》", "“": "”", "「": "」", "『": "』", "〔": "〕" };
const MAX_QUOTE = 80;

/** Spans inside 《》, quotes and 〔〕 (titles, names, document numbers). Sorted, non-overlapping. */
function maskedSpans(s: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const next = new Map<string, number>(); // next position of each closing mark: each is searched forward once
  for (let i = 0; i < s.length; i++) {
    const close = PAIRS[s[i]];
    if (!close) continue;
    let j = next.get(close);
    if (j === undefined || (j >= 0 && j <= i)) {
      j = s.indexOf(close, i + 1);
      next.set(close, j);
    }
    if (j < 0 || j - i > MAX_QUOTE) continue;
    spans.push([i, j + 1]);
    i = j;
  }
  return spans;
}

// ---------------------------------------------------------------- numbers

const CN_DIGIT: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_POWER: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** "十五" → 15, "二十" → 20, "三百零五" → 305; null for digit strings such as "二三". */
function parseChinese(s: string): number | null {
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    const p = CN_POWER[ch];
    if (p) {
      total += (digit < 0 ? 1 : digit) * p;
      digit = -1;
    } else if (ch === "〇" || ch === "零") {
      digit = -1;
    } else {
      if (digit >= 0) return null;
      digit = CN_DIGIT[ch];
    }
  }
  return total + (digit < 0 ? 0 : digit);
}

/** The value of a written number times an integer multiplier, exact for decimals ("2.5" × 1e8 = 250000000). */
function scaled(num: string, mult: number): number | null {
  if (!/^\d/.test(num)) {
    const v = parseChinese(num);
    return v === null ? null : v * mult;
  }
  const [int, frac = ""] = num.replace(/,/g, "").split(".");
  if (!frac) return Number(int) * mult;
  const scale = 10 ** frac.length;
  const mantissa = Number(int + frac);
  return mult % scale === 0 ? mantissa * (mult / scale) : (mantissa * mult) / scale;
}

// ---------------------------------------------------------------- comparator and metric windows

interface Before {
  comparator: Comparator | null;
  at: number; // where the comparator starts (the figure start when none)
  between: string; // noun between a distant comparator and the figure ("不超过总投入30%" → 总投入)
  changeStart: boolean; // figure is preceded by 从/由
}

function readBefore(s: string, figStart: number, bound: number): Before {
  let end = figStart;
  while (end > bound && /\s/.test(s[end - 1])) end--;
  const seg = s.slice(Math.max(bound, end - 2 * FAR), end);
  const base = end - seg.length;
  const changeStart = CHANGE_STARTS.has(seg[seg.length - 1]);
  let found = comparatorAtEnd(seg);
  if (!found) {
    // a filler between comparator and figure: 最低可执行5.15%
    for (const g of GAP_WORDS) {
      if (!seg.endsWith(g)) continue;
      found = comparatorAtEnd(seg.slice(0, seg.length - g.length).trimEnd());
      if (found) break;
    }
  }
  if (found && BEFORE[found.word] !== "=") return { comparator: BEFORE[found.word], at: base + found.index, between: "", changeStart };
  // a stronger comparator a few words back in the clause: 最高资助100万元, 不超过总投入的30%, 最高可至3000万元
  const far = farComparator(seg, found ? found.index : seg.length);
  if (far) {
    const between = seg.slice(far.index + far.word.length, found ? found.index : seg.length);
    return { comparator: BEFORE[far.word], at: base + far.index, between, changeStart };
  }
  if (found) return { comparator: "=", at: base + found.index, between: "", changeStart };
  return { comparator: null, at: figStart, between: "", changeStart };
}

/** The closest non-"=" comparator in seg[0, upTo) with only a short noun phrase (no 的 but a final one) after it. */
function farComparator(seg: string, upTo: number): { word: string; index: number } | null {
  let from = 0;
  for (let i = upTo - 1; i >= 0; i--)
    if (DELIM_FAR.test(seg[i])) {
      from = i + 1;
      break;
    }
  let best: { word: string; index: number } | null = null;
  for (const w of STRONG_WORDS) {
    const i = seg.lastIndexOf(w, upTo - w.length);
    if (i < from || upTo - (i + w.length) > FAR) continue;
    const between = seg.slice(i + w.length, upTo);
    if (between.slice(0, -1).includes("的")) continue;
    const banned = BEFORE_NOT_PRECEDED[w];
    if (banned && i > 0 && banned.includes(seg[i - 1])) continue;
    // closest to the figure; at the same end the longest (不超过 over 超过)
    if (!best || i + w.length > best.index + best.word.length || (i + w.length === best.index + best.word.length && i < best.index))
      best = { word: w, index: i };
  }
  return best;
}

function comparatorAtEnd(seg: string): { word: string; index: number } | null {
  for (const w of BEFORE_WORDS) {
    if (!seg.endsWith(w)) continue;
    const index = seg.length - w.length;
    const banned = BEFORE_NOT_PRECEDED[w];
    if (banned && index > 0 && banned.includes(seg[index - 1])) continue;
    return { word: w, index };
  }
  return null;
}

function stripEdges(x: string): string {
  let changed = true;
  while (changed && x) {
    changed = false;
    const trimmed = x.replace(EDGE_PUNCT, "");
    if (trimmed !== x) {
      x = trimmed;
      changed = true;
    }
    for (const w of BEFORE_WORDS)
      if (w.length > 1 && x.endsWith(w)) {
        x = x.slice(0, -w.length);
        changed = true;
        break;
      }
    for (const w of METRIC_TRAILING)
      if (x.endsWith(w)) {
        x = x.slice(0, -w.length).trimEnd();
        changed = true;
        break;
      }
    for (const w of METRIC_LEADING)
      if (x.startsWith(w)) {
        x = x.slice(w.length).trimStart();
        changed = true;
        break;
      }
  }
  return x;
}

/** The noun phrase before: ahead of a comparison (较), after the last 的 and the last preposition (按/对/在). */
function headOf(x: string): string {
  for (const c of COMPARISON_MARKERS) {
    const i = x.indexOf(c);
    if (i > 0) {
      x = stripEdges(x.slice(0, i));
      break;
    }
  }
  const de = x.lastIndexOf("的");
  if (de >= 0) x = x.slice(de + 1);
  let cut = -1;
  for (const m of x.matchAll(PREPOSITIONS)) cut = m.index;
  if (cut >= 0 && cut < x.length - 1) x = x.slice(cut + 1);
  return x;
}

const EDGE_PUNCT = /^[\s、\/]+|[\s、\/]+$/g;
const endsWithVerb = (x: string) => METRIC_VERBS.find((v) => x.endsWith(v));
const startsWithVerb = (x: string) => METRIC_VERBS.some((v) => x.startsWith(v));

interface Metric {
  metric: string | null;
  start: number | null; // set when the metric comes before the figure
  end: number | null; // set when it comes after
}

function readMetric(s: string, beforeEnd: number, bound: number, afterStart: number, count: boolean): Metric {
  const none: Metric = { metric: null, start: null, end: null };
  // before: the clause up to the comparator (or the figure)
  let b0 = Math.max(bound, beforeEnd - WINDOW);
  for (let i = beforeEnd - 1; i >= b0; i--)
    if (DELIM_BEFORE.test(s[i])) {
      b0 = i + 1;
      break;
    }
  const rawBefore = s.slice(b0, beforeEnd).replace(/\s+/g, "");
  let before = stripEdges(rawBefore);
  // after: the noun the figure qualifies, up to a delimiter or a verb
  let a1 = Math.min(s.length, afterStart + WINDOW);
  for (let i = afterStart; i < a1; i++)
    if (DELIM_AFTER.test(s[i])) {
      a1 = i;
      break;
    }
  let after = s.slice(afterStart, a1);
  const lead = after.length - after.replace(/^[\s的、/]+/, "").length;
  after = after.slice(lead);
  const stop = METRIC_STOPS.exec(after);
  if (stop) after = after.slice(0, stop.index);
  const close = after.search(/[)）]/);
  if (close >= 0 && !/[(（]/.test(after.slice(0, close))) after = after.slice(0, close);
  after = after.replace(/[\s、和及与或等(（/]+$/, "").replace(/\s+/g, "");
  const fromAfter = (): Metric => ({ metric: after || null, start: null, end: afterStart + lead + after.length });

  const verb = endsWithVerb(before);
  if (verb) {
    if (after) return fromAfter();
    before = stripEdges(before.slice(0, -verb.length));
  } else if (!before || ((count || startsWithVerb(before)) && after)) {
    if (after) return fromAfter();
  }
  const head = headOf(before).slice(-M.maxLength);
  if (!head) return none;
  // offset of the head in s: rawBefore is s[b0, beforeEnd) without white space
  let k = rawBefore.lastIndexOf(head);
  let at = b0;
  for (; at < beforeEnd; at++) if (!/\s/.test(s[at]) && k-- === 0) break;
  return { metric: head, start: at < beforeEnd ? at : null, end: null };
}

// ---------------------------------------------------------------- API

/** Targets in `text`, in text order: every figure with a unit, normalised as docs/labelling.md says. */
export function extractTargets(text: string): Target[] {
  const s = normalise(text);
  const masks = maskedSpans(s);
  let mi = 0;
  const out: Target[] = [];
  let prevEnd = 0; // end of the previous figure: windows never reach back past it

  FIGURE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FIGURE.exec(s)) !== null) {
    const start = m.index;
    const [whole, first, num] = m;
    const mag: string | undefined = m[3];
    const unitText: string | undefined = m[4];
    let sep: string | undefined = m[5];
    let num2: string | undefined = m[6];
    let mag2: string | undefined = m[7];
    let unit2: string | undefined = m[8];
    let figEnd = start + whole.length;
    // a range needs a unit or magnitude on its second figure, and units that agree
    if (sep && ((!unit2 && !mag2) || (unitText && unit2 && UNITS.get(unitText)?.unit !== UNITS.get(unit2)?.unit))) {
      sep = num2 = mag2 = unit2 = undefined;
      figEnd = start + first.length;
      FIGURE.lastIndex = figEnd;
    }
    const bound = prevEnd;
    if (num !== "一" && (/^\d/.test(num) || unitText || mag)) prevEnd = figEnd;

    while (mi < masks.length && masks[mi][1] <= start) mi++;
    if (mi < masks.length && masks[mi][0] <= start) continue; // inside 《》, quotes, 〔〕
    const prev = start > 0 ? s[start - 1] : "";
    if (/[\dA-Za-z.+_]/.test(prev) || prev === "第") continue; // part of a name, code or ordinal

    // unit: the first figure's own, else (range) the second's; a bare magnitude is money
    let uText: string | undefined = unitText;
    let mult1 = mag ? MAGNITUDES.get(mag)! : 1;
    const mult2 = mag2 ? MAGNITUDES.get(mag2)! : 1;
    if (sep) {
      if (!uText) uText = unit2;
      if (!mag && !unitText) mult1 = mult2;
    }
    let info = uText ? UNITS.get(uText) : undefined;
    if (!info && (mag || (sep && mag2))) {
      if (!MONEY_BOUNDARY.test(s.slice(figEnd, figEnd + 1))) continue;
      info = UNITS.get("元");
    }
    if (!info) continue;
    if (num === "一" && !mag && !sep) continue; // 一个周期, 一批
    if (info.kind === "money" && !mag && !mag2 && !/^\d/.test(num)) continue; // 三元 is a name; money in words has 万/亿
    NOT_FIGURES.lastIndex = start;
    if (NOT_FIGURES.test(s)) continue; // 二次开发, 三次产业
    if (num.includes("〇")) continue; // 二〇二二年
    if (info.unit === "年") {
      if (/^\d{4}$/.test(num) || (num2 && /^\d{4}$/.test(num2))) continue; // a year, not a duration
      if (/^[\d月度底末初]/.test(s.slice(figEnd, figEnd + 1))) continue;
    }

    const before = readBefore(s, start, bound);
    AFTER_RE.lastIndex = figEnd;
    let afterCmp: Comparator | null = null;
    let tailEnd = figEnd;
    const a = AFTER_RE.exec(s);
    if (a) {
      const word = a[1];
      const banned = AFTER_NOT_FOLLOWED[word];
      const next = s[figEnd + a[0].length] ?? "";
      if (!banned || !banned.includes(next)) {
        afterCmp = AFTER[word];
        tailEnd = figEnd + a[0].length;
      }
    }
    if (!afterCmp) {
      IGNORED_RE.lastIndex = figEnd;
      const ig = IGNORED_RE.exec(s);
      if (ig) tailEnd = figEnd + ig[0].length;
    }
    if (info.kind === "time" && !info.always && !before.comparator && !afterCmp) continue;
    // 从2.2亿元扩大到2.5亿元: the starting figure is not a target
    if (before.changeStart && !sep && CHANGE_TAIL.test(s.slice(tailEnd, tailEnd + 8))) continue;

    const v1 = scaled(num, mult1);
    const v2 = sep ? scaled(num2!, mult2) : null;
    if (v1 === null || (sep && v2 === null)) continue;

    let comparator: Comparator;
    let min: number | null = null;
    let max: number | null = null;
    if (sep) {
      comparator = "range";
      min = Math.min(v1, v2!);
      max = Math.max(v1, v2!);
    } else {
      const strong = before.comparator && before.comparator !== "=" ? before.comparator : null;
      comparator = strong ?? afterCmp ?? "=";
      if (comparator === "=") min = max = v1;
      else if (comparator === ">=" || comparator === ">") min = v1;
      else max = v1;
    }

    prevEnd = tailEnd;
    // a time limit measures the noun before its comparator ("贷款期限最高可达5年"), else nothing
    const between = stripEdges(before.between);
    const metric =
      info.kind === "time" && (!before.comparator || before.comparator === "=")
        ? { metric: null, start: null, end: null }
        : between && endsWithVerb(between) !== between // not a bare verb (最高资助100万元)
          ? { metric: headOf(between), start: null, end: null }
          : readMetric(s, before.at, bound, tailEnd, info.kind === "count");
    const textStart = metric.start ?? before.at;
    const textEnd = Math.max(tailEnd, metric.end ?? 0);
    out.push({
      text: text.slice(textStart, textEnd).trim(),
      metric: metric.metric,
      comparator,
      min,
      max,
      unit: info.unit,
    });
  }
  return out;
}
