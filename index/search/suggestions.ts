// "Did you mean" for a query that found nothing: the index terms closest to each word it does not have (edit distance,
// then length, shared characters and frequency), the documents of the same issuer code for a 文号 the library does not
// hold, and the query with fewer words. Only rewrites that find something under the same filters, with their counts.
import { isBody } from "../../extract/fields/unit-aliases.ts";
import { LONG_CHARS, docNumbersIn, type PlaceEntry } from "./query.ts";
import { synonymsOf } from "./tokenizer.ts";
import type { DocRef, SearchQuery } from "../schema.ts";

/** What suggestions need of the index. */
export interface SuggestContext {
  /** The body terms (keys: every term the index holds). */
  vocab: Map<string, unknown>;
  /** Measures holding a term. */
  termCount(term: string): number;
  /** Places by key: never offered in a word's place (they are read as region filters). */
  places: Map<string, PlaceEntry[]>;
  /** Documents of the same issuer code as a 文号 the library does not hold, nearest first, with their measures. */
  sameIssuer(wanted: { key: string; code: string; year: number; no: number }, max: number): { ref: DocRef; measures: number }[];
  /** How many measures these query groups find under the query's filters (0: none). */
  finds(groups: string[][]): number;
}

/** Edit distance (Levenshtein) of two short strings. */
function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/**
 * "Did you mean": for each query word no measure holds, the index terms closest to it (edit distance, length, shared
 * characters, then the most frequent); then, with several words, the query without one of them. Only queries that find
 * something under the same filters, as the page would send them, with how many they find.
 */
export function suggestionsFor(q: SearchQuery, groups: string[][], ix: SuggestContext): { q: string; label: string }[] {
  const out: { q: string; label: string }[] = [];
  const text = q.q.normalize("NFKC");
  const seen = new Set<string>();
  // Counted only while the list has room and the query is new (each count is a match).
  const offer = (query: string, label: string, count: () => number) => {
    if (out.length >= 5 || seen.has(query)) return;
    const n = count();
    if (n > 0) {
      seen.add(query);
      out.push({ q: query, label: `${label}（${n} 条）` });
    }
  };
  /** Index terms closest to a word: edit distance, shared characters, then the most frequent. */
  const { terms, byChar } = vocabIndex(ix.vocab);
  const places = ix.places;
  const shared = new Int32Array(terms.length);
  const closest = (w: string): string[] => {
    const best: { term: string; d: number; shared: number; n: number }[] = [];
    const maxD = Math.max(1, Math.floor(w.length / 2));
    // Terms sharing characters with the word, from the character index: how many of its characters each holds.
    const touched: number[] = [];
    for (const c of new Set(w))
      for (const t of byChar.get(c) ?? [])
        if (shared[t]++ === 0) touched.push(t);
    for (const t of touched) {
      const term = terms[t];
      const n = shared[t];
      shared[t] = 0;
      // A place name is read as a region filter, not searched as a word: never offered in a word's place.
      if (Math.abs(term.length - w.length) > maxD || term.length < 2 || n < w.length - maxD || places.has(term)) continue;
      const d = editDistance(w, term);
      if (d <= maxD) best.push({ term, d, shared: n, n: ix.termCount(term) });
    }
    // Nearest first; of those as near, one of the word's length, and for a body's name a body's name
    // (科技厅 → 科技局 before 科技 and 科技型).
    const len = (t: string) => Math.abs(t.length - w.length);
    const body = isBody(w);
    const kind = (t: string) => (body && !isBody(t) ? 1 : 0);
    best.sort((a, b) => a.d - b.d || len(a.term) - len(b.term) || kind(a.term) - kind(b.term) || b.shared - a.shared || b.n - a.n || (a.term < b.term ? -1 : 1));
    return best.slice(0, 8).map((b) => b.term);
  };
  // A 文号 the library does not hold: the documents of the same issuer code, nearest first; its pieces
  // (国办发, 2019, 99, 号) are not offered as words.
  const numbers = text.length > LONG_CHARS ? [] : docNumbersIn(text); // not one a pasted text cites
  for (const wanted of numbers)
    for (const { ref, measures } of ix.sameIssuer(wanted, 3))
      offer(ref.docNumber!, `库中没有 ${wanted.key}，同一发文字号的文件：${ref.docNumber}${ref.title ? `《${ref.title}》` : ""}`, () => measures);
  const inNumber = (w: string) => numbers.some((n) => n.key.includes(w));
  // A word worth searching alone: two characters or more, not only digits, not a piece of a 文号.
  const worth = (g: string[]) => g[0].length >= 2 && !/^[\d.%‰]+$/.test(g[0]) && !inNumber(g[0]);
  // A typo that broke one word into pieces (风险补尝金 → 风险/补/尝/金, 担抱 → 担/抱): the whole text as one word.
  const compact = text.replace(/\s+/g, "");
  if (groups.length > 1 && /^[\u3400-\u9fff]{2,10}$/.test(compact))
    for (const term of closest(compact)) offer(term, `您是不是要找：${term}`, () => ix.finds([[term, ...synonymsOf(term)]]));
  // A word the index does not have, or the only word, known but not within the filters (绵阳市科技厅:
  // 绵阳's measures name 科技局): its closest terms in its place.
  for (const [gi, g] of groups.entries()) {
    if (out.length >= 5 || (groups.length > 1 && g.some((t) => ix.termCount(t) > 0)) || g[0].length < 2) continue;
    for (const term of closest(g[0])) offer(text.includes(g[0]) ? text.replace(g[0], term) : term, `您是不是要找：${term}`, () => ix.finds(groups.map((x, i) => (i === gi ? [term, ...synonymsOf(term)] : x))));
  }
  // Fewer words: those the index has, each one left out, each one alone.
  // Single characters, numbers and pieces of a 文号 are not offered as a search of their own.
  if (groups.length > 1) {
    const known = groups.filter((g) => g.some((t) => ix.termCount(t) > 0));
    if (known.length && known.length < groups.length && known.some(worth)) offer(known.map((x) => x[0]).join(" "), `只用已收录的词：${known.map((x) => x[0]).join("、")}`, () => ix.finds(known));
    for (const g of groups) {
      const rest = groups.filter((x) => x !== g);
      if (rest.some(worth)) offer(rest.map((x) => x[0]).join(" "), `去掉“${g[0]}”`, () => ix.finds(rest));
    }
    for (const g of known) if (worth(g)) offer(g[0], `只检索“${g[0]}”`, () => ix.finds([g]));
  }
  return out;
}

const vocabCache = new WeakMap<Map<string, unknown>, { size: number; terms: string[]; byChar: Map<string, Int32Array> }>();

/** The index's body terms and, per character, the terms holding it (made again when terms are added). */
function vocabIndex(vocab: Map<string, unknown>): { terms: string[]; byChar: Map<string, Int32Array> } {
  const cached = vocabCache.get(vocab);
  if (cached?.size === vocab.size) return cached;
  const terms = [...vocab.keys()];
  const lists = new Map<string, number[]>();
  terms.forEach((term, t) => {
    for (const c of new Set(term)) {
      const l = lists.get(c);
      if (l) l.push(t);
      else lists.set(c, [t]);
    }
  });
  const byChar = new Map([...lists].map(([c, l]) => [c, Int32Array.from(l)]));
  const made = { size: vocab.size, terms, byChar };
  vocabCache.set(vocab, made);
  return made;
}
