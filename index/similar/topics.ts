// Topics: the corpus's measures grouped by what they do, each named from its own measures' words, with
// the places that have a measure on it and the places that do not (the gaps are as useful as the matches).
//
// Grouping is average-linkage agglomerative clustering over the similarity index's nearest-neighbour graph
// (missing edges count as 0, so a group holds together only if most of its pairs are alike). A topic then
// takes in, as secondary members, measures of other groups that lie close to its centroid (a measure on
// 科技支行 and 不良贷款容忍度 belongs to both). Names are the words that best tell the group's measures
// from the rest of the corpus, weighted by how many of its documents use them. Everything is
// deterministic: the same corpus gives the same topics, ids and order.
import { createHash } from "node:crypto";
import type { Measure, Region } from "../../extract/schema.ts";
import type { DocRef } from "../schema.ts";
import { BOILERPLATE, SimilarityIndex, measureWords, type SimilarityEntry } from "./similarity.ts";
import placeData from "../data/places.json" with { type: "json" };
import { readFileSync } from "node:fs";

/** Policy terms of the tokenizer's user dictionary: preferred, other things equal, when naming a topic. */
const POLICY_TERMS: ReadonlySet<string> = (() => {
  try {
    const text = readFileSync(new URL("../data/user-dict.txt", import.meta.url), "utf8");
    return new Set(text.split(/\r?\n/).map((l) => l.replace(/#.*/, "").trim().split(/\s+/)[0]).filter((w) => w && w.length >= 2));
  } catch {
    return new Set<string>();
  }
})();

// ---------------------------------------------------------------- places

export type PlaceLevel = "national" | "province" | "city" | "county" | "unknown";

export interface Place {
  /** Stable key: `province|city|county`, `national`, or `doc:<document id>` for a document without a region. */
  key: string;
  /** Short name: 平阳县, 绵阳市, 山西省, 全国, or 地区未识别（title）. */
  name: string;
  /** Full name: 浙江省温州市平阳县. */
  fullName: string;
  level: PlaceLevel;
  region: Region;
}

const NATIONAL_ISSUER = placeData.nationalIssuers.map((p) => new RegExp(p));
const NATIONAL_NUMBER = placeData.nationalDocNumbers.map((p) => new RegExp(p));

/** The place a document speaks for: its region's most specific level, 全国 for central issuers. */
export function placeOf(doc: DocRef): Place {
  const r = doc.region;
  if (r.province || r.city || r.county) {
    const parts = [r.province, r.city, r.county].filter((x, i, a): x is string => !!x && a.indexOf(x) === i);
    const level: PlaceLevel = r.county ? "county" : r.city ? "city" : "province";
    return { key: `${r.province ?? ""}|${r.city ?? ""}|${r.county ?? ""}`, name: r.county ?? r.city ?? r.province!, fullName: parts.join(""), level, region: { ...r } };
  }
  if ((doc.issuer && NATIONAL_ISSUER.some((re) => re.test(doc.issuer!))) || (doc.docNumber && NATIONAL_NUMBER.some((re) => re.test(doc.docNumber!)))) {
    return { key: "national", name: placeData.nationalLabel, fullName: placeData.nationalLabel, level: "national", region: { ...r } };
  }
  const label = `${placeData.unknownLabel}（${doc.title ?? doc.docNumber ?? doc.issuer ?? `文件 ${doc.id.slice(0, 8)}`}）`;
  return { key: `doc:${doc.id}`, name: label, fullName: label, level: "unknown", region: { ...r } };
}

/** The distinct places of a corpus, by name. */
export function placesOf(docs: Iterable<DocRef>): Place[] {
  const out = new Map<string, Place>();
  for (const d of docs) {
    const p = placeOf(d);
    if (!out.has(p.key)) out.set(p.key, p);
  }
  return [...out.values()].sort(comparePlaces);
}

export function comparePlaces(a: Place, b: Place): number {
  const rank: Record<PlaceLevel, number> = { national: 0, province: 1, city: 2, county: 3, unknown: 4 };
  return rank[a.level] - rank[b.level] || (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0);
}

// ---------------------------------------------------------------- topics

export interface TopicMeasure {
  measure: Measure;
  document: DocRef;
  place: Place;
  /** Similarity to the topic's centroid. */
  score: number;
  /** In the topic's own group (false: a measure of another group that is also close to this topic). */
  primary: boolean;
}

export interface TopicPlace {
  place: Place;
  /** Ids of the place's measures in the topic, best first. */
  measureIds: string[];
}

export interface Topic {
  /** Stable id: hash of the ids of the group's own measures. */
  id: string;
  /** From the measures' own words, e.g. 风险补偿 or 科技保险/保险产品. */
  name: string;
  /** The group's most distinctive words, best first. */
  terms: string[];
  measures: TopicMeasure[];
  /** Places with a measure in the topic, with most measures first. */
  places: TopicPlace[];
  /** Places of the corpus without a measure in the topic. */
  missingPlaces: Place[];
}

export interface TopicOptions {
  /** Nearest neighbours per measure in the clustering graph (default 25). */
  neighbours: number;
  /** Average similarity at which two groups still merge (default 0.16). */
  mergeThreshold: number;
  /** A topic needs measures from this many documents (default 2). */
  minDocuments: number;
  /** Similarity to a topic's centroid for a measure of another group to join as secondary (default 0.3). */
  secondaryThreshold: number;
  /** Words in a topic's name (default 2) and in its term list (default 8). */
  nameTerms: number;
  terms: number;
}

export const DEFAULT_TOPIC_OPTIONS: TopicOptions = {
  neighbours: 25,
  mergeThreshold: 0.16,
  minDocuments: 2,
  secondaryThreshold: 0.3,
  nameTerms: 2,
  terms: 8,
};

/** Cluster the corpus's measures into named topics (from entries, or from an index already built). */
export function buildTopics(source: SimilarityEntry[] | SimilarityIndex, options: Partial<TopicOptions> = {}): Topic[] {
  const opts = { ...DEFAULT_TOPIC_OPTIONS, ...options };
  const index = source instanceof SimilarityIndex ? source : SimilarityIndex.build(source);
  const n = index.size;
  if (n === 0) return [];
  const groups = averageLinkage(n, index.neighbourGraph(opts.neighbours, opts.mergeThreshold / 2), opts.mergeThreshold);
  const docOf = (i: number) => index.entryAt(i).doc.id;
  const kept = groups.filter((g) => new Set(g.map(docOf)).size >= opts.minDocuments);

  const allPlaces = placesOf(uniqueDocs(index));
  const words = wordSets(index);
  const topics: Topic[] = [];
  const membership = new Map<number, number>(); // position -> number of topics holding it as primary
  for (const g of kept) for (const i of g) membership.set(i, (membership.get(i) ?? 0) + 1);

  for (const group of kept) {
    const centroid = centroidOf(index, group);
    const primary = new Set(group);
    const scored = new Map<number, { score: number; primary: boolean }>();
    for (const i of group) scored.set(i, { score: 0, primary: true });
    for (const { position, score } of index.nearestToFeatures(centroid, Math.max(50, group.length * 4))) {
      if (primary.has(position)) scored.set(position, { score, primary: true });
      else if (score >= opts.secondaryThreshold) scored.set(position, { score, primary: false });
    }
    const { name, terms } = nameOf(index, group, words, opts);
    const measures: TopicMeasure[] = [...scored.entries()]
      .map(([i, s]) => {
        const e = index.entryAt(i);
        return { measure: e.measure, document: e.doc, place: placeOf(e.doc), score: round(s.score), primary: s.primary };
      })
      .sort((a, b) => Number(b.primary) - Number(a.primary) || b.score - a.score || (a.measure.id < b.measure.id ? -1 : 1));
    const byPlace = new Map<string, TopicPlace>();
    for (const m of measures) {
      const tp = byPlace.get(m.place.key) ?? { place: m.place, measureIds: [] };
      tp.measureIds.push(m.measure.id);
      byPlace.set(m.place.key, tp);
    }
    const places = [...byPlace.values()].sort((a, b) => b.measureIds.length - a.measureIds.length || comparePlaces(a.place, b.place));
    const missingPlaces = allPlaces.filter((p) => !byPlace.has(p.key));
    const id = "t" + createHash("sha256").update(group.map((i) => index.entryAt(i).measure.id).sort().join("\n")).digest("hex").slice(0, 10);
    topics.push({ id, name, terms, measures, places, missingPlaces });
  }
  return topics.sort(
    (a, b) =>
      b.places.length - a.places.length ||
      b.measures.filter((m) => m.primary).length - a.measures.filter((m) => m.primary).length ||
      (a.id < b.id ? -1 : 1),
  );
}

/** A topic by id, or null. */
export function topicById(topics: Topic[], id: string): Topic | null {
  return topics.find((t) => t.id === id) ?? null;
}

/** The topic holding a measure as a primary member, else the first that holds it at all. */
export function topicOfMeasure(topics: Topic[], measureId: string): Topic | null {
  return (
    topics.find((t) => t.measures.some((m) => m.primary && m.measure.id === measureId)) ??
    topics.find((t) => t.measures.some((m) => m.measure.id === measureId)) ??
    null
  );
}

// ---------------------------------------------------------------- clustering

/**
 * Average-linkage agglomerative clustering on a sparse similarity graph: the similarity of two groups is
 * the sum of their edges over |A|·|B| (absent edges count 0); the best pair merges while it reaches the
 * threshold. Ties break on the smaller group ids, so the result does not depend on edge order.
 */
export function averageLinkage(n: number, edges: { i: number; j: number; score: number }[], threshold: number): number[][] {
  const size = new Array<number>(n).fill(1);
  const alive = new Array<boolean>(n).fill(true);
  const members: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const links: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  for (const { i, j, score } of edges) {
    if (i === j) continue;
    links[i].set(j, (links[i].get(j) ?? 0) + score);
    links[j].set(i, (links[j].get(i) ?? 0) + score);
  }
  const heap = new PairHeap();
  const push = (a: number, b: number) => {
    const sum = links[a].get(b);
    if (sum === undefined) return;
    const avg = sum / (size[a] * size[b]);
    if (avg >= threshold) heap.push({ a: Math.min(a, b), b: Math.max(a, b), avg, sa: size[a], sb: size[b] });
  };
  for (let a = 0; a < n; a++) for (const b of links[a].keys()) if (a < b) push(a, b);
  for (;;) {
    const top = heap.pop();
    if (!top) break;
    const { a, b } = top;
    // stale: a group changed since this pair was pushed
    if (!alive[a] || !alive[b] || size[a] !== top.sa || size[b] !== top.sb) continue;
    // merge b into a
    for (const [c, s] of links[b]) {
      if (c === a) continue;
      links[a].set(c, (links[a].get(c) ?? 0) + s);
      links[c].delete(b);
      links[c].set(a, (links[c].get(a) ?? 0) + s);
    }
    links[a].delete(b);
    links[b].clear();
    alive[b] = false;
    size[a] += size[b];
    members[a].push(...members[b]);
    members[b] = [];
    for (const c of links[a].keys()) push(a, c);
  }
  const out: number[][] = [];
  for (let i = 0; i < n; i++) if (alive[i] && members[i].length > 1) out.push(members[i].sort((x, y) => x - y));
  return out;
}

interface HeapItem { a: number; b: number; avg: number; sa: number; sb: number }

/** Max-heap on average similarity; ties: smaller a, then smaller b. */
class PairHeap {
  private items: HeapItem[] = [];
  private before(x: HeapItem, y: HeapItem): boolean {
    return x.avg > y.avg || (x.avg === y.avg && (x.a < y.a || (x.a === y.a && x.b < y.b)));
  }
  push(item: HeapItem): void {
    const h = this.items;
    h.push(item);
    let k = h.length - 1;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (!this.before(h[k], h[p])) break;
      [h[k], h[p]] = [h[p], h[k]];
      k = p;
    }
  }
  pop(): HeapItem | undefined {
    const h = this.items;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let m = k;
        if (l < h.length && this.before(h[l], h[m])) m = l;
        if (r < h.length && this.before(h[r], h[m])) m = r;
        if (m === k) break;
        [h[k], h[m]] = [h[m], h[k]];
        k = m;
      }
    }
    return top;
  }
}

// ---------------------------------------------------------------- naming

/**
 * Candidate name words of every measure, by index position: the words of its text, and the dictionary
 * words inside them only when they are policy terms (风险补偿 inside 风险补偿金, not 一代人 inside 新一代人工智能).
 */
function wordSets(index: SimilarityIndex): Set<string>[] {
  const out: Set<string>[] = [];
  for (let i = 0; i < index.size; i++) {
    const e = index.entryAt(i);
    out.push(new Set(measureWords(e.measure, e.doc).filter((w) => !w.sub || POLICY_TERMS.has(w.word)).map((w) => w.word)));
  }
  return out;
}

function centroidOf(index: SimilarityIndex, group: number[]): Map<string, number> {
  const c = new Map<string, number>();
  for (const i of group) for (const [f, w] of index.featuresAt(i)) c.set(f, (c.get(f) ?? 0) + w / group.length);
  return c;
}

/**
 * A group's name and terms: words scored by how many of the group's documents use them (document
 * coverage), how much more often they occur in the group than outside it (log ratio), and their weight
 * in the group's measures. Words inside a better-scored word are folded into it.
 */
function nameOf(index: SimilarityIndex, group: number[], words: Set<string>[], opts: TopicOptions): { name: string; terms: string[] } {
  const n = index.size;
  const inGroup = new Set(group);
  const docs = new Map<string, Set<string>>(); // word -> documents using it in the group
  const count = new Map<string, number>(); // word -> group measures holding it
  const weight = new Map<string, number>();
  const groupDocs = new Set<string>();
  for (const i of group) {
    const doc = index.entryAt(i).doc.id;
    groupDocs.add(doc);
    for (const w of words[i]) {
      count.set(w, (count.get(w) ?? 0) + 1);
      const ds = docs.get(w) ?? new Set<string>();
      ds.add(doc);
      docs.set(w, ds);
    }
    for (const [f, x] of index.featuresAt(i)) if (f.startsWith("t:")) weight.set(f.slice(2), (weight.get(f.slice(2)) ?? 0) + x);
  }
  const scored: { word: string; score: number }[] = [];
  for (const [w, c] of count) {
    if (BOILERPLATE.has(w) || w.length < 2) continue;
    const total = Math.max(c, index.documentFrequency(`t:${w}`));
    const outside = Math.max(0, total - c);
    const inRate = c / group.length;
    const outRate = outside / Math.max(1, n - group.length);
    const docRate = docs.get(w)!.size / groupDocs.size;
    if (docs.get(w)!.size < Math.min(2, groupDocs.size)) continue;
    const lift = Math.log((inRate + 1e-3) / (outRate + 1e-3));
    if (lift <= 0) continue;
    const avgWeight = (weight.get(w) ?? 0) / group.length;
    const policy = POLICY_TERMS.has(w) ? POLICY_TERM_BONUS : 1;
    scored.push({ word: w, score: docRate * inRate * lift * (0.5 + avgWeight) * policy });
  }
  scored.sort((a, b) => b.score - a.score || b.word.length - a.word.length || (a.word < b.word ? -1 : 1));
  const scoreOf = new Map(scored.map((s) => [s.word, s.score]));
  const terms: string[] = [];
  for (const { word, score } of scored) {
    // one spelling per word: a longer word that scores nearly as well replaces a shorter one inside it
    // (不良 → 不良贷款容忍度); otherwise the first chosen stays (风险补偿 over 风险补偿金)
    const at = terms.findIndex((t) => t.includes(word) || word.includes(t));
    if (at >= 0) {
      if (word.length > terms[at].length && score >= scoreOf.get(terms[at])! * 0.6 && !terms.includes(word)) terms[at] = word;
      continue;
    }
    terms.push(word);
    if (terms.length >= opts.terms) break;
  }
  if (terms.length === 0) {
    const e = index.entryAt(group[0]).measure;
    return { name: (e.title ?? e.text).slice(0, 12), terms: [] };
  }
  // the name: the best word, then the next ones that score nearly as well and say something else
  const top = scoreOf.get(terms[0])!;
  const nameWords = [terms[0]];
  for (const t of terms.slice(1)) {
    if (nameWords.length >= opts.nameTerms) break;
    if (scoreOf.get(t)! >= top * 0.6 && !nameWords.some((w) => sharesBigram(w, t))) nameWords.push(t);
  }
  return { name: nameWords.join("/"), terms };
}

function uniqueDocs(index: SimilarityIndex): DocRef[] {
  const out = new Map<string, DocRef>();
  for (const e of index.allEntries()) if (!out.has(e.doc.id)) out.set(e.doc.id, e.doc);
  return [...out.values()];
}

const POLICY_TERM_BONUS = 1.5;

function sharesBigram(a: string, b: string): boolean {
  for (let i = 0; i + 2 <= a.length; i++) if (b.includes(a.slice(i, i + 2))) return true;
  return false;
}

const round = (x: number) => Math.round(x * 10000) / 10000;
