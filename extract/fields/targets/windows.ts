// The bounded windows around a figure: its comparator (before/after) and its metric.
import words from "../../data/target-words.json" with { type: "json" };
import { BEFORE, BEFORE_NOT_FOLLOWED, BEFORE_NOT_PRECEDED, BEFORE_WORDS, CHANGE_FROM_YEAR, CHANGE_STARTS, COMPARISON_MARKERS, Comparator, DELIM_AFTER, DELIM_BEFORE, DELIM_FAR, FAR, FAR_OF, GAP_WORDS, M, METRIC_LEADING, METRIC_STOPS, METRIC_TRAILING, METRIC_VERBS, PREPOSITIONS, STRONG_WORDS, WINDOW } from "./patterns.ts";

// ---------------------------------------------------------------- comparator and metric windows

export interface Before {
  comparator: Comparator | null;
  at: number; // where the comparator starts (the figure start when none)
  between: string; // noun between a distant comparator and the figure ("不超过总投入30%" → 总投入)
  changeStart: boolean; // figure is preceded by 从/由
  word: string; // the comparator word as written ("" when none)
}

const NEGATED_GAP = new RegExp(`(${words.negationsBeforeGap.join("|")})[\\u4e00-\\u9fff]{1,2}$`);

export function readBefore(s: string, figStart: number, bound: number): Before {
  let end = figStart;
  while (end > bound && /\s/.test(s[end - 1])) end--;
  const seg = s.slice(Math.max(bound, end - 2 * FAR), end);
  const base = end - seg.length;
  // 从/由 right before the figure, or before its base year (a figure of its own, so read past the bound):
  // 由2021年的135立方米/公顷增加到142立方米/公顷
  let changeStart = CHANGE_STARTS.has(seg[seg.length - 1]) || CHANGE_FROM_YEAR.test(s.slice(Math.max(0, end - 10), end));
  let found = comparatorAtEnd(seg);
  if (!found) {
    // a filler between comparator and figure: 最低可执行5.15%
    for (const g of GAP_WORDS) {
      if (!seg.endsWith(g)) continue;
      found = comparatorAtEnd(seg.slice(0, seg.length - g.length).trimEnd());
      if (found) break;
    }
  }
  // "不得预收超过一个季度以上的租金" (上海 沪府办规〔2021〕12号 二/(三)), "混合假期不得连续超过15天" (a staff handbook on GitHub): a
  // verb or adverb of one or two characters between 不得/不应 and the comparator; the pair reads as written together (不得超过: <=)
  if (found) {
    const neg = NEGATED_GAP.exec(seg.slice(0, found.index));
    const word = neg ? `${neg[1]}${found.word}` : "";
    if (word in BEFORE) found = { word, index: found.index };
  }
  // a starting figure with a bound of its own: "累计补助从不超过 100 万元提高到不超过 200 万元" (a public page on GitHub)
  if (found && CHANGE_STARTS.has(seg[found.index - 1])) changeStart = true;
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

/** A bracket of one to four characters closing the text ("(镇)", "(市、区)"): a gloss, no clause delimiter. */
const GLOSS_BEFORE = /[(（][\u4e00-\u9fff、]{1,4}[)）]$/;

/** The closest non-"=" comparator in seg[0, upTo) with only a short noun phrase (no 的 but a final one) after it. */
export function farComparator(seg: string, upTo: number): { word: string; index: number } | null {
  let from = 0;
  for (let i = upTo - 1; i >= 0; i--) {
    // "达到全市街(镇)总数的 80%" (魅力文明城市): a short bracketed gloss inside the noun phrase ends no clause
    if (/[)）]/.test(seg[i])) {
      const open = GLOSS_BEFORE.exec(seg.slice(Math.max(0, i - 5), i + 1));
      if (open) {
        i -= open[0].length - 1;
        continue;
      }
    }
    if (DELIM_FAR.test(seg[i])) {
      from = i + 1;
      break;
    }
  }
  let best: { word: string; index: number } | null = null;
  // "不得超过普通高中招生计划总数的5%" (河北 2024 招生入学), "实习生人数超过实习单位在岗职工总数的10%": a noun phrase closed by 的
  // may run a little longer (FAR_OF)
  const far = seg[upTo - 1] === "的" ? FAR_OF : FAR;
  for (const w of STRONG_WORDS) {
    const i = seg.lastIndexOf(w, upTo - w.length);
    if (i < from || upTo - (i + w.length) > far) continue;
    const between = seg.slice(i + w.length, upTo);
    if (between.slice(0, -1).includes("的")) continue;
    const banned = BEFORE_NOT_PRECEDED[w];
    if (banned && i > 0 && banned.includes(seg[i - 1])) continue;
    // "按本市最低生活保障标准的1.6倍" (广州 穗府办规〔2021〕7号, unseen14b): 最低 opens the term 最低生活保障, no bound
    if (BEFORE_NOT_FOLLOWED[w]?.some((x) => seg.startsWith(x, i + w.length))) continue;
    // closest to the figure; at the same end the longest (不超过 over 超过)
    if (!best || i + w.length > best.index + best.word.length || (i + w.length === best.index + best.word.length && i < best.index))
      best = { word: w, index: i };
  }
  return best;
}

export function comparatorAtEnd(seg: string): { word: string; index: number } | null {
  for (const w of BEFORE_WORDS) {
    if (!seg.endsWith(w)) continue;
    const index = seg.length - w.length;
    const banned = BEFORE_NOT_PRECEDED[w];
    if (banned && index > 0 && banned.includes(seg[index - 1])) continue;
    return { word: w, index };
  }
  return null;
}

export function stripEdges(x: string): string {
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
export function headOf(x: string): string {
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

export const EDGE_PUNCT = /^[\s、\/]+|[\s、\/]+$/g;
export const endsWithVerb = (x: string) => METRIC_VERBS.find((v) => x.endsWith(v));
export const startsWithVerb = (x: string) => METRIC_VERBS.some((v) => x.startsWith(v));

export interface Metric {
  metric: string | null;
  start: number | null; // set when the metric comes before the figure
  end: number | null; // set when it comes after
}

export function readMetric(s: string, beforeEnd: number, bound: number, afterStart: number, count: boolean): Metric {
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
