// Target extraction (docs/labelling.md, section Targets): text → Target records. Pure functions.
// One regex pass finds every figure (number, magnitude, unit, optional range); the comparator, exclusions
// and metric are then read from a bounded window around each figure, so the cost is linear in the text.
import words from "../data/target-words.json" with { type: "json" };
import type { Target } from "../schema.ts";
import { CN_DIGIT, parseChinese, parseDecimal, parsePair, scaled } from "./numerals.ts";

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
const APPROX: Record<string, Comparator> = words.approxFillers as Record<string, Comparator>;

/** Magnitude prefix of a money unit → multiplier ("万" → 1e4); the bare magnitude also means money. */
const MAGNITUDES = new Map<string, number>();
for (const [unit, mult] of Object.entries(words.moneyUnits)) if (unit !== "元") MAGNITUDES.set(unit.replace(/元$/, ""), mult);

/** Unit as written → unit as recorded; time units need a comparator (or 连续/分) unless `always`. */
interface UnitInfo {
  unit: string | null;
  kind: "money" | "count" | "ratio" | "time" | "bare";
  always: boolean;
}
const UNITS = new Map<string, UnitInfo>();
UNITS.set("元", { unit: "元", kind: "money", always: true });
for (const w of words.moneyAliases) UNITS.set(w, UNITS.get("元")!); // 肆佰叁拾萬圆
for (const w of words.measureWords) UNITS.set(w, { unit: w, kind: "count", always: true });
for (const w of words.weakMeasureWords) UNITS.set(w, { unit: w, kind: "count", always: false });
for (const w of words.physicalUnits) UNITS.set(w, { unit: w, kind: "count", always: true });
for (const w of words.ratioUnits) UNITS.set(w, { unit: w, kind: "ratio", always: true });
for (const t of words.timeUnits) UNITS.set(t.text, { unit: t.unit, kind: "time", always: t.always });
const MONEY = UNITS.get("元")!;
const BARE: UnitInfo = { unit: null, kind: "bare", always: true };

const M = words.metric;
const METRIC_VERBS = byLength(M.verbs);
const METRIC_LEADING = byLength(M.leading);
const METRIC_TRAILING = byLength(M.trailing);
// the noun after a figure ends at a verb, a comparator (of the next figure) or a digit
const METRIC_STOPS = new RegExp(`${alt([...M.stops, ...BEFORE_WORDS.filter((w) => w.length > 1)])}|\\d`);
const COMPARISON_MARKERS = byLength(M.comparisonMarkers);
const PREPOSITIONS = new RegExp(`[${M.prepositions}](?![${M.prepositionNotFollowedBy}])`, "g");

// ---------------------------------------------------------------- the figure regexes

/** Chinese digits (小写 and 大写), powers and section units. */
const CN_DIGITS = "〇零一二两兩三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖";
const CN_POWERS = "十百千拾佰仟";
const CN_SECTIONS = "万萬亿億";
// a Chinese numeral starts with a non-zero digit, a power or 万 (千家企业, 万名, 十五) and may run through 万/亿 sections
const CN_NUM = `[${CN_DIGITS.replace(/[〇零]/g, "")}${CN_POWERS}万萬][${CN_DIGITS}${CN_POWERS}${CN_SECTIONS}]*`;
const WS = "[ \\t\\u00a0\\u3000]*";
// 1,000 / 82，225.00 (a full-width comma only before a decimal part or a money unit) / 12.5 / 六十四万零一百四十三
const NUM =
  `\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?(?![\\d，])` +
  `|\\d{1,3}(?:[,，]\\d{3})+(?:\\.\\d+)?(?=${WS}(?:[万亿元圆]|百万|千万))` +
  `|\\d+(?:\\.\\d+)?|${CN_NUM}`;
const APPROX_RE = alt(Object.keys(APPROX));
const MAG = alt(MAGNITUDES.keys());
const UNIT = alt(UNITS.keys());
const SEPS = alt(words.rangeSeparators);
const IGNORED = words.ignoredAfterFigure.map(esc).join("|");
const fig = (i: number) =>
  `(?<num${i}>${NUM})${WS}(?:(?<ap${i}>${APPROX_RE})${WS})?(?:(?<mag${i}>${MAG})${WS})?(?:(?<apm${i}>${APPROX_RE})${WS})?(?<unit${i}>${UNIT})?`;
// no two white-space runs are adjacent, so a failed range never backtracks quadratically
const FIGURE = new RegExp(`(?<first>${fig(1)})(?:${WS}(?:(?:${IGNORED})${WS})?(?<sep>${SEPS})${WS}${fig(2)})?`, "g");
const AFTER_RE = new RegExp(`${WS}(?:(?:${IGNORED})${WS})?(${alt(Object.keys(AFTER))})`, "y");
const IGNORED_RE = new RegExp(`${WS}(?:${IGNORED})`, "y");
// 百分之八 (%), 千分之三 (‰), 五分之一 (a bare fraction, unit null)
const CN_DEC = `[${CN_DIGITS}${CN_POWERS}]+(?:点[${CN_DIGITS}]+)?|\\d+(?:\\.\\d+)?`;
const FRACTION = new RegExp(`(?<per>[百千])分之(?<pnum>${CN_DEC})|(?<den>[${CN_DIGITS}${CN_POWERS}]+|\\d+)分之(?<nom>[${CN_DIGITS}${CN_POWERS}]+|\\d+)`, "g");
// a figure with no measure word: "出资8000" (a verb, a number, then the clause ends), "百万青年"
const BARE_AFTER_VERB = new RegExp(
  `(?:${alt([...words.bareFigureVerbs, ...BEFORE_WORDS.filter((w) => w.length > 1)])})${WS}(?<num>\\d+(?:\\.\\d+)?)` +
    `(?=${WS}(?:(?:${alt(words.bareFigureAfter)})${WS})?(?:[，,。；;、)）\\n]|$))`,
  "g",
);
const VAGUE = words.vagueBeforeNumeral;
const BARE_MAGNITUDE = new RegExp(`(?<![${CN_DIGITS}${CN_POWERS}${CN_SECTIONS}\\d第${VAGUE}])(?<num>[十百千]万)(?=[\\u4e00-\\u9fff])(?![${words.bareMagnitudeNotBefore}${CN_DIGITS}${CN_POWERS}${CN_SECTIONS}]|${UNIT}|${MAG})`, "g");
const CHANGE_TAIL = /^[ \t]*[\u4e00-\u9fff]{0,4}?(?:到|至)[ \t]*[\d一二两三四五六七八九十]/;
/** Clause delimiters for the comparator / metric window before a figure. */
const DELIM_BEFORE = /[,，。;；:：!！?？\n()（）【】\[\]“”《》]/;
/** Clause delimiters after a figure (parentheses stay: they qualify the noun). */
const DELIM_AFTER = /[,，。;；:：!！?？\n“”《》\/]/;
/** How far back a comparator may stand from its figure, and what it may not reach across. */
const FAR = 10;
const DELIM_FAR = /[,，。;；:：!！?？\n()（）【】\[\]“”《》、]/;
const NOT_FIGURES = new RegExp(alt(words.notFigures), "y");
const NOT_FIGURE_AFTER = byLength(words.notFigureAfter);
const LIST_COUNT_BEFORE = byLength(words.listCountBefore);
const DOCUMENT_PARTS = byLength(words.documentPartNouns);
const SCOPE_BEFORE = byLength(words.scopeBeforeCount);
const LIST_JOINERS = new Set(words.listJoiners);
const RANGE_GAP = new RegExp(`^[\\s${words.rangeJoiners.join("")}]*$`);
const TIME_QUALIFIERS = byLength(words.timeQualifiers);
const PROGRAMME_ENDS = byLength(words.programmeNameEnds);
const VERB_ONLY = new Set<string>(words.verbOnlyMeasureWords);
const TIME_QUALIFIER_NOT_PRECEDED: Record<string, string> = words.timeQualifierNotPrecededBy;
/** 元一角七分: the jiao and fen after a yuan amount. */
const JIAO_FEN = new RegExp(`(?:(?<jiao>[${CN_DIGITS}]|\\d)角)?(?:(?<fen>[${CN_DIGITS}]|\\d)分)?`, "y");
const COUNT_NOUNS = byLength(words.countNounsBeforeBareMagnitude);
const MONEY_BOUNDARY = /^(?:$|[\s,，。;；:：!！?？、)）的])/;
/** A class name after a figure ("千亿级产业", "百亿亿次级"): a target only with a comparator ("达到万亿级"). */
const CLASS_SUFFIX = new RegExp(`^(?:${alt(words.classSuffixes)})`);
const AGE_UNITS = new Set<string>(words.ageUnits);
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
  const nextOpen = new Map<string, number>(); // likewise for the opening marks
  for (let i = 0; i < s.length; i++) {
    const close = PAIRS[s[i]];
    if (!close) continue;
    let j = next.get(close);
    if (j === undefined || (j >= 0 && j <= i)) {
      j = s.indexOf(close, i + 1);
      next.set(close, j);
    }
    if (j < 0 || j - i > MAX_QUOTE) continue;
    // “山东科技大市场“建设…“一站式”: an opening mark that opens again before it closes is a typo, not a span
    let again = nextOpen.get(s[i]);
    if (again === undefined || (again >= 0 && again <= i)) {
      again = s.indexOf(s[i], i + 1);
      nextOpen.set(s[i], again);
    }
    if (again >= 0 && again < j) continue;
    spans.push([i, j + 1]);
    i = j;
  }
  return spans;
}

// ---------------------------------------------------------------- comparator and metric windows

interface Before {
  comparator: Comparator | null;
  at: number; // where the comparator starts (the figure start when none)
  between: string; // noun between a distant comparator and the figure ("不超过总投入30%" → 总投入)
  changeStart: boolean; // figure is preceded by 从/由
  word: string; // the comparator word as written ("" when none)
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
  if (found && BEFORE[found.word] !== "=")
    return { comparator: BEFORE[found.word], at: base + found.index, between: "", changeStart, word: found.word };
  // a stronger comparator a few words back in the clause: 最高资助100万元, 不超过总投入的30%, 最高可至3000万元
  const far = farComparator(seg, found ? found.index : seg.length);
  if (far) {
    const between = seg.slice(far.index + far.word.length, found ? found.index : seg.length);
    return { comparator: BEFORE[far.word], at: base + far.index, between, changeStart, word: far.word };
  }
  if (found) return { comparator: "=", at: base + found.index, between: "", changeStart, word: found.word };
  return { comparator: null, at: figStart, between: "", changeStart, word: "" };
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

// ---------------------------------------------------------------- candidates

/** One figure found in the text, before its context (comparator, exclusions, metric) is read. */
interface Figure {
  start: number;
  figEnd: number;
  /** A figure with digits, a magnitude or a unit: later windows do not reach back past it. */
  setsBound: boolean;
  /** Excluded already (no unit, a year, a name …): it only moves the window bound. */
  skip: boolean;
  num: string; // the (first) number as written
  v1: number;
  v2: number | null; // the upper bound of a range
  info: UnitInfo;
  approx: Comparator | null; // 多 / 余 after the number
  magnitude: boolean;
  classSuffix: boolean; // 级 follows
}

const skipped = (start: number, figEnd: number, setsBound: boolean): Figure =>
  ({ start, figEnd, setsBound, skip: true, num: "", v1: 0, v2: null, info: BARE, approx: null, magnitude: false, classSuffix: false });

/** The Figure of one FIGURE match (a range when the second figure carries its own unit or magnitude). */
function fromMatch(s: string, m: RegExpExecArray): Figure {
  const g = m.groups!;
  const start = m.index;
  let figEnd = start + m[0].length;
  const num = g.num1;
  const mag = g.mag1;
  const unitText = g.unit1;
  let sep: string | undefined = g.sep;
  let num2: string | undefined = g.num2;
  let mag2: string | undefined = g.mag2;
  let unit2: string | undefined = g.unit2;
  // 两到三万, 十八至三十万: the 万 closing a Chinese second figure is the range's magnitude
  if (sep && num2 && !mag2 && !mag && /^[^\d].*[万萬亿億]$/.test(num2) && num2.length > 1) {
    mag2 = /[万萬]$/.test(num2) ? "万" : "亿";
    num2 = num2.slice(0, -1);
  }
  // a range needs a unit or magnitude on its second figure, and units that agree
  if (sep && ((!unit2 && !mag2) || (unitText && unit2 && UNITS.get(unitText)?.unit !== UNITS.get(unit2)?.unit))) {
    sep = num2 = mag2 = unit2 = undefined;
    figEnd = start + g.first.length;
    FIGURE.lastIndex = figEnd;
  }
  const setsBound = num !== "一" && (/^\d/.test(num) || !!unitText || !!mag);
  const skip = skipped(start, figEnd, setsBound);
  const prev = start > 0 ? s[start - 1] : "";
  if (/[\dA-Za-z.+_%]/.test(prev) || prev === "第") return skip; // part of a name, code, URL escape or ordinal
  if (prev && VAGUE.includes(prev) && !/^\d/.test(num)) return skip; // 数十亿元, 几百家, 上万家: no exact figure

  // unit: the first figure's own, else (range) the second's; a bare magnitude is money
  let uText: string | undefined = unitText;
  let mult1 = mag ? MAGNITUDES.get(mag)! : 1;
  const mult2 = mag2 ? MAGNITUDES.get(mag2)! : 1;
  if (sep) {
    if (!uText) uText = unit2;
    if (!mag && !unitText) mult1 = mult2;
  }
  let info = uText ? UNITS.get(uText) : undefined;
  const chinese = !/^\d/.test(num);
  let extra = 0; // 角 and 分 after 元
  const next = s.slice(figEnd, figEnd + 2);
  const classSuffix = CLASS_SUFFIX.test(next);
  // a bare magnitude is money: 2.5亿, 千亿 (a Chinese numeral ending in 万/亿)
  if (!info && (mag || (sep && mag2) || (chinese && /[万萬亿億]$/.test(num)))) {
    if (!MONEY_BOUNDARY.test(next) && !classSuffix) return skip;
    // 贫困人口减少6800多万: the clause counts people, so the magnitude is a bare figure, not money
    const clause = /[^,，。;；:：\n]{0,16}$/.exec(s.slice(Math.max(0, start - 16), start))![0];
    info = COUNT_NOUNS.some((w) => clause.includes(w)) ? BARE : MONEY;
  }
  if (!info) return skip;
  if (info.kind === "money" && uText && !sep) {
    JIAO_FEN.lastIndex = figEnd;
    const jf = JIAO_FEN.exec(s);
    if (jf && jf[0]) {
      const digit = (x?: string) => (x ? (/\d/.test(x) ? Number(x) : CN_DIGIT[x] ?? 0) : 0);
      extra = (digit(jf.groups!.jiao) * 10 + digit(jf.groups!.fen)) / 100;
      figEnd += jf[0].length;
      FIGURE.lastIndex = Math.max(FIGURE.lastIndex, figEnd);
    }
  }
  NOT_FIGURES.lastIndex = start;
  if (NOT_FIGURES.test(s)) {
    FIGURE.lastIndex = Math.max(FIGURE.lastIndex, NOT_FIGURES.lastIndex); // the whole of 千家万户
    return skip; // 二次开发, 三次产业, 千家万户
  }
  if (num.includes("〇")) return skip; // 二〇二二年
  // 三元 is a name: money in Chinese numerals has a power or a magnitude (一千元, 六十四万零一百四十三元)
  if (info.kind === "money" && !mag && !mag2 && chinese && !/[十百千万亿拾佰仟萬億]/.test(num)) return skip;
  const money = info.kind === "money";
  if (info.unit === "年") {
    if (/^\d{4}$/.test(num) || (num2 && /^\d{4}$/.test(num2))) return skip; // a year, not a duration
    if (/^[\d月度底末初]/.test(s.slice(figEnd, figEnd + 1))) return skip;
  }
  let v1: number | null;
  let v2: number | null = null;
  const pair = chinese && !sep ? parsePair(num) : null;
  if (pair) {
    v1 = pair[0] * mult1;
    v2 = pair[1] * mult1;
  } else {
    v1 = scaled(num, mult1);
    if (sep) v2 = scaled(num2!, mult2);
    if (v1 === null || (sep && v2 === null)) return skip;
    if (extra) v1 = Math.round((v1 + extra) * 100) / 100;
  }
  const ap = g.ap1 ?? g.apm1;
  return {
    start, figEnd, setsBound, skip: false, num, v1: v1!, v2, info,
    approx: ap ? APPROX[ap] : null, magnitude: !!(mag || mag2) || (money && chinese), classSuffix,
  };
}

/** Figures the main regex cannot see: 百分之八, 千分之三, 五分之一, 出资8000, 百万青年. Sorted by start. */
function otherFigures(s: string): Figure[] {
  const out: Figure[] = [];
  const add = (start: number, figEnd: number, num: string, v: number | null, info: UnitInfo | undefined) => {
    if (v === null || !info || !Number.isFinite(v)) return;
    if (start > 0 && /[\dA-Za-z.+_%]/.test(s[start - 1])) return; // MM百万青年…: part of a name or code
    NOT_FIGURES.lastIndex = start;
    if (NOT_FIGURES.test(s)) return;
    out.push({ start, figEnd, setsBound: true, skip: false, num, v1: v, v2: null, info, approx: null, magnitude: false, classSuffix: false });
  };
  if (s.includes("分之")) {
    for (const m of s.matchAll(FRACTION)) {
      const g = m.groups!;
      const end = m.index + m[0].length;
      if (g.per) add(m.index, end, m[0], parseDecimal(g.pnum), UNITS.get(g.per === "百" ? "%" : "‰"));
      else {
        const den = parseDecimal(g.den);
        const nom = parseDecimal(g.nom);
        if (den && nom !== null) add(m.index, end, m[0], Math.round((nom / den) * 1e6) / 1e6, BARE);
      }
    }
  }
  for (const m of s.matchAll(BARE_AFTER_VERB)) {
    const num = m.groups!.num;
    const end = m.index + m[0].length;
    add(end - num.length, end, num, Number(num), BARE);
  }
  if (s.includes("万")) for (const m of s.matchAll(BARE_MAGNITUDE)) add(m.index, m.index + m[0].length, m[0], parseChinese(m[0]), BARE);
  return out.sort((a, b) => a.start - b.start);
}

const endsWithAny = (x: string, ws: string[]) => ws.find((w) => x.endsWith(w));
const startsWithAny = (x: string, ws: string[]) => ws.find((w) => x.startsWith(w));

/** Counts that only count parts of the document or its lists, scopes and rates: not targets. */
function notACount(s: string, f: Figure): boolean {
  const { start, figEnd } = f;
  const before = s.slice(Math.max(0, start - 4), start);
  const after = s.slice(figEnd, figEnd + 4);
  if (endsWithAny(before, LIST_COUNT_BEFORE)) return true; // 知识产权保护方面5项, 上述两个表格
  // 自然指数前100名高校: a rank, not a quantity (排名前10位 is a comparator, <=)
  if (before.endsWith("前") && !BEFORE_WORDS.some((w) => w.length > 1 && w.endsWith("前") && before.endsWith(w))) return true;
  if (inScope(s, start)) return true; // 围绕37条产业链和40个产业集群: existing sets
  if (/[(（]共?$/.test(before) && /^[)）]/.test(after)) return true; // (共23项)
  if (/^\s*[:：]/.test(after)) return true; // 方面5项：a list follows
  if (startsWithAny(after, DOCUMENT_PARTS)) return true; // 三个等级, 两个表格
  // 每认定1家: the unit of a per-item award, not a goal
  if (f.v1 === 1 && f.v2 === null && /每(?![年季月周天日个家户人名位项])[\u4e00-\u9fff]{0,3}$/.test(before)) return true;
  return false;
}

/** A count in the object of 围绕/聚焦/针对… with no other verb between: it names an existing set. */
function inScope(s: string, start: number): boolean {
  let i = start - 1;
  while (i >= Math.max(0, start - 16) && !/[,，。;；:：\n]/.test(s[i])) i--;
  const clause = s.slice(i + 1, start);
  for (const w of SCOPE_BEFORE) {
    const k = clause.lastIndexOf(w);
    if (k < 0) continue;
    const between = clause.slice(k + w.length);
    if (!METRIC_VERBS.some((v) => v !== "等" && between.includes(v))) return true;
  }
  return false;
}

/** 千人计划, 万名专家服务基层行动计划, 百万青年创业计划: a round Chinese count that opens a programme's name. */
function programmeName(s: string, f: Figure): boolean {
  if (!/^[十百千万]/.test(f.num)) return false;
  const clause = /^[^,，。;；、:：\n]{0,16}/.exec(s.slice(f.figEnd))![0];
  return PROGRAMME_ENDS.some((w) => clause.includes(w));
}

/** 每 earlier in the clause: "每年实施一期", "每个省培育一家", "至少每季度公开曝光一次". */
function perBefore(s: string, start: number): boolean {
  for (let i = start - 1; i >= Math.max(0, start - 20); i--) {
    if (/[,，。;；:：\n]/.test(s[i])) return false;
    if (s[i] === "每") return true;
  }
  return false;
}

/** 连续两年, 分三年, 连续补贴三年: a duration that is a stated term. */
function qualifiedDuration(s: string, start: number): boolean {
  const before = s.slice(Math.max(0, start - 6), start);
  for (const q of TIME_QUALIFIERS) {
    const i = before.lastIndexOf(q);
    if (i < 0) continue;
    const gap = before.slice(i + q.length);
    if (q.length === 1 ? gap !== "" : !/^[\u4e00-\u9fff]{0,3}$/.test(gap)) continue;
    const banned = TIME_QUALIFIER_NOT_PRECEDED[q];
    const prev = before[i - 1] ?? s[start - before.length + i - 1];
    if (banned && prev && banned.includes(prev)) continue;
    return true;
  }
  return false;
}

// ---------------------------------------------------------------- API

/** Targets in `text`, in text order: every figure with a unit, normalised as docs/labelling.md says. */
export function extractTargets(text: string): Target[] {
  const s = normalise(text);
  const masks = maskedSpans(s);
  const extras = otherFigures(s);
  let mi = 0;
  let xi = 0;
  const out: Target[] = [];
  let prevEnd = 0; // end of the previous figure: windows never reach back past it
  let consumed = 0; // end of the last figure taken from `extras`
  // the last target: for a comparator that governs a list, and for two one-sided bounds that make a range
  let last: { target: Target; tailEnd: number; textStart: number; fromBefore: boolean } | null = null;

  const consider = (f: Figure) => {
    const bound = prevEnd;
    if (f.setsBound) prevEnd = f.figEnd;
    if (f.skip) return;
    const { start, figEnd, info } = f;
    while (mi < masks.length && masks[mi][1] <= start) mi++;
    if (mi < masks.length && masks[mi][0] <= start) return; // inside 《》, quotes, 〔〕
    if (info.kind === "count" && notACount(s, f)) return;
    if ((info.kind === "count" || info.kind === "bare") && programmeName(s, f)) return;
    if (startsWithAny(s.slice(figEnd, figEnd + 4), NOT_FIGURE_AFTER)) return; // 三位一体
    // 14EFlops(每秒百亿亿次浮点运算): a gloss of the unit just before, in brackets right after it
    if (bound > 0 && /^[(（][每即]/.test(s.slice(bound, start)) && !/[)）]/.test(s.slice(bound, start))) return;

    const before = readBefore(s, start, bound);
    AFTER_RE.lastIndex = figEnd;
    let afterCmp: Comparator | null = null;
    let tailEnd = figEnd;
    const a = AFTER_RE.exec(s);
    if (a) {
      const word = a[1];
      // 内销 after a figure is domestic sales, but after a duration 内 is "within" (销售后1年内销售合同…)
      const banned = info.kind === "time" ? undefined : AFTER_NOT_FOLLOWED[word];
      const next = s[figEnd + a[0].length] ?? "";
      if (!banned || !banned.includes(next)) {
        afterCmp = AFTER[word];
        tailEnd = figEnd + a[0].length;
      }
    }
    if (!afterCmp && f.classSuffix) tailEnd = figEnd + 1; // 达到万亿级
    if (!afterCmp) {
      IGNORED_RE.lastIndex = tailEnd;
      const ig = IGNORED_RE.exec(s);
      if (ig) tailEnd += ig[0].length;
    }
    const range = f.v2 !== null;
    let strong = before.comparator && before.comparator !== "=" ? before.comparator : null;
    // 突破百项关键技术: 突破 is the verb (make N breakthroughs) when a noun follows the count; 突破1000家 / 100亿元 exceed
    if (strong && before.word.endsWith("突破") && info.kind === "count" && /^[\u4e00-\u9fff]/.test(s.slice(tailEnd, tailEnd + 1)))
      strong = null;
    const compared = !!(strong || afterCmp || f.approx);
    // 一 before a measure word (一批, 一个周期) and weak measure words (二期工程) count only when compared or per 每
    if ((f.num === "一" && !f.magnitude && !range) || (info.kind === "count" && !info.always)) {
      if (info.unit === "批" || !(compared || perBefore(s, start))) return;
    }
    // 条 counts after a verb or a comparator (建设10条示范线); after a noun it ends a name (人才新政30条, 金融十条)
    if (VERB_ONLY.has(info.unit!) && !compared && !endsWithVerb(s.slice(Math.max(bound, start - 6), start).trimEnd())) return;
    // a duration needs a comparator, 内/以上 after it, or 连续/分 before it (60多年的演进 is no term)
    if (info.kind === "time" && !info.always && !strong && !afterCmp && !range && !qualifiedDuration(s, start)) return;
    if (AGE_UNITS.has(info.unit!) && range && !compared) return; // 3—6岁学龄前儿童: who is meant, not a target
    if (f.classSuffix && !compared) return; // 千亿级产业, E级(百亿亿次级)
    // 从2.2亿元扩大到2.5亿元: the starting figure is not a target
    if (before.changeStart && !range && CHANGE_TAIL.test(s.slice(tailEnd, tailEnd + 8))) return;

    let comparator: Comparator;
    let min: number | null = null;
    let max: number | null = null;
    let fromBefore = false;
    if (range) {
      comparator = "range";
      min = Math.min(f.v1, f.v2!);
      max = Math.max(f.v1, f.v2!);
    } else {
      // a comparator before a list governs every figure of it: 分别给予最高60万元、40万元; 首次达到2000万元、5000万元
      const inherited =
        !compared && last && last.fromBefore && last.target.unit === info.unit &&
        LIST_JOINERS.has(s.slice(last.tailEnd, start).trim())
          ? last.target.comparator
          : null;
      comparator = strong ?? afterCmp ?? f.approx ?? inherited ?? "=";
      fromBefore = !!(strong || (inherited && !afterCmp));
      if (comparator === "=") min = max = f.v1;
      else if (comparator === ">=" || comparator === ">") min = f.v1;
      else max = f.v1;
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

    // 大于10家小于20家, 10%以上20%以下: a lower and an upper bound side by side are one range
    if (
      last && !range && (comparator === "<" || comparator === "<=") &&
      (last.target.comparator === ">" || last.target.comparator === ">=") &&
      last.target.unit === info.unit && last.tailEnd <= before.at && RANGE_GAP.test(s.slice(last.tailEnd, before.at))
    ) {
      const t = last.target;
      t.comparator = "range";
      t.max = max;
      t.text = text.slice(last.textStart, textEnd).trim();
      last = null;
      return;
    }
    const target: Target = {
      text: text.slice(textStart, textEnd).trim(),
      metric: metric.metric,
      comparator,
      min,
      max,
      unit: info.unit,
    };
    out.push(target);
    last = { target, tailEnd, textStart, fromBefore };
  };

  FIGURE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FIGURE.exec(s)) !== null) {
    while (xi < extras.length && extras[xi].start <= m.index) {
      const x = extras[xi++];
      if (x.start < consumed) continue;
      consider(x);
      consumed = x.figEnd;
    }
    if (m.index < consumed) {
      if (FIGURE.lastIndex < consumed) FIGURE.lastIndex = consumed;
      continue;
    }
    consider(fromMatch(s, m));
  }
  for (; xi < extras.length; xi++) if (extras[xi].start >= consumed) consider(extras[xi]);
  return out;
}
