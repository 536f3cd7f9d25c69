// Similar measures across documents: what a measure does, not the boilerplate around it.
//
// Each measure becomes a sparse TF-IDF vector over four kinds of feature:
//   t:<word>     words from the project tokenizer (index/search/tokenizer.ts), the title counted above the body,
//                dictionary words inside a longer word (风险补偿 in 风险补偿金) at a lower weight;
//   g:<xy>       character bigrams of those words, so that 科技支行 / 科技专营支行 still meet;
//   c:<concept>  policy concepts named in the text, in any of their spellings (科技支行, 科技银行, 专营机构 …);
//   m:<column>   the comparable column of each numeric target (concepts and columns: index/data/metric-columns.json).
// Boilerplate (index/data/boilerplate-words.txt), place names, figures, deadlines and the unit lines of a
// measure are left out before weighting; features in most measures of the same document (its theme) are
// discounted on the indexed side; indexed vectors get pivoted length normalisation. Titles are compared on
// their own as well (the title channel: a second vector of the title alone, weighed by how common a
// feature is among titles, its cosine added with weight titleSimWeight), since measures on one policy are
// told apart by their titles while their bodies drift into neighbouring instruments; the titles'
// character n-grams are a third channel (channel.ts, weight titleGramWeight), for titles the tokenizer
// cuts differently or whose words are all boilerplate (基础|研究, 企业|培育); under focus area the policy
// areas titles name in other words (index/data/concept-groups.txt: 技改 / 技术改造) are a fourth, and for a
// title no list knows, its key phrase (keyphrase.ts: 强化安全监管 / 健全标准与监管体系 meet on 监管) a fifth; there, where a
// title names an area and the body says more, the body (the main vectors) weighs less (titledBodyWeight). The first hits are
// re-ranked by latent concepts (latent.ts: LSA over the corpus), so that measures on one policy in other
// words meet without a curated list, and by the votes of the best hits' own neighbours (a measure that
// several good hits also find rises; votes for broad measures near the corpus centroid count less). In
// the title channels, words in most titles of one document (its theme) are discounted. A query walks an
// inverted index with a bounded heap, so its cost depends on the postings of its own features.
// Near-verbatim copies between documents are recognised by character shingles (Jaccard / containment)
// and flagged on each hit, so that a copy is not presented as a discovery.
import type { StoreEngine as Store } from "../store/engine.ts";
import { DEFAULT_TUNING, SIMILAR_MAX, type Related, type SimilarFocus, type SimilarHit, type SimilarOptions, type SimilarityEntry, type TextHit, type TextOptions, type TuningOptions } from "./types.ts";
import { sharedTerms } from "./shared-terms.ts";
import { entriesFromStore, fullText } from "./entries.ts";
import { isNearDuplicate, overlapOf, shingles, type Overlap } from "./shingles.ts";
import { VectorIndex, dot, regionKey, sumOf, type Vector } from "./vectors.ts";
import type { Channel } from "./channel.ts";

export * from "./types.ts";
export * from "./metrics.ts";
export { BOILERPLATE, measureWords, substantiveText } from "./words.ts";
export * from "./shingles.ts";
export { entriesFromStore };

/** Voters' neighbour lists kept per focus at most (each about 0.6 KB); the oldest go first. */
const NEIGHBOUR_CACHE_MAX = 50_000;

export class SimilarityIndex extends VectorIndex {
  /** Query-time settings of each focus (instrument: the tuning as given; area: with tuning.area over it). */
  private readonly focusTuning = new Map<SimilarFocus, TuningOptions>();
  /**
   * Each voter's first-stage list (ignoring the query's exclusions; longer than voteDepth so that they can
   * be applied after), per focus. The index is rebuilt on every document change (src/comparison/comparison.ts, with
   * the store's change counter), so the cache lives and dies with it.
   */
  private readonly neighbourCache = new Map<SimilarFocus, Map<number, { ids: Int32Array; scores: Float64Array }>>();

  /** Build the index over all measures of the corpus (each with its document). */
  static build(entries: SimilarityEntry[], tuning: Partial<TuningOptions> = {}): SimilarityIndex {
    const idx = new SimilarityIndex(entries, { ...DEFAULT_TUNING, ...tuning });
    idx.init();
    return idx;
  }

  /** Build from every document in a store. */
  static fromStore(store: Store, tuning: Partial<TuningOptions> = {}): SimilarityIndex {
    return SimilarityIndex.build(entriesFromStore(store), tuning);
  }

  /** Measures like the given one, best first. Unknown id: empty list. */
  similar(measureId: string, opts: SimilarOptions = {}): SimilarHit[] {
    const qi = this.byId.get(measureId);
    if (qi === undefined) return [];
    const focus = opts.focus ?? "area";
    const t = this.tuningOf(focus);
    const limit = opts.limit ?? 10;
    const excludeSameDoc = opts.excludeSameDoc ?? true;
    const qDoc = this.entries[qi].doc;
    const qRegion = regionKey(qDoc);
    const keep = (i: number) => {
      if (i === qi) return false;
      const d = this.entries[i].doc;
      if (excludeSameDoc && d.id === qDoc.id) return false;
      if (opts.excludeSameRegion && qRegion && regionKey(d) === qRegion) return false;
      return true;
    };
    const q = this.queryVectors[qi];
    const perDoc = opts.maxPerDocument ?? t.maxPerDocument;
    const perDocShared = opts.maxPerDocument === undefined ? t.maxPerDocumentSharedArea : 0;
    const want = limit * 4 + 10;
    let touched = this.accumulate(this.withFeedback(q, keep, t), this.titledBody[qi] ? t.titledBodyWeight : 1);
    if (this.titles && t.titleSimWeight > 0) touched = this.titles.accumulate(qi, t.titleSimWeight, this.scores, this.touched, touched);
    if (this.titleGrams && t.titleGramWeight > 0) touched = this.titleGrams.accumulate(qi, t.titleGramWeight, this.scores, this.touched, touched);
    if (this.concepts && t.conceptChannelWeight > 0) touched = this.concepts.accumulate(qi, t.conceptChannelWeight, this.scores, this.touched, touched);
    // the key-phrase channel only for a query whose title no list knows, and not in the voters' lists (NOTES.md, sixth round)
    if (this.keyPhrases && t.keyPhraseWeight > 0 && !this.listedTitle[qi]) touched = this.keyPhrases.accumulate(qi, t.keyPhraseWeight, this.scores, this.touched, touched);
    const first = this.collect(touched, keep, want, opts.minScore ?? 0);
    // re-ranked by the latent concepts the two measures share (words used together across the corpus)
    const lw = t.latentWeight;
    const top = lw > 0 ? first.map(({ i, score }) => ({ i, score: score + lw * this.latentCosine(qi, i) })).sort((a, b) => b.score - a.score || a.i - b.i) : first;
    if (t.voteNeighbours > 0 && t.voteWeight > 0) this.addVotes(top, keep, focus, t, qi);
    const qShingles = this.shinglesOf(qi);
    const qText = fullText(this.entries[qi].measure);
    const out: SimilarHit[] = [];
    const fromDoc = new Map<string, number>();
    for (const { i, score } of top) {
      const docId = this.entries[i].doc.id;
      const fromThis = fromDoc.get(docId) ?? 0;
      if (fromThis >= perDoc && !(fromThis < perDocShared && this.sharesArea(qi, i))) continue;
      const o = overlapOf(qShingles, this.shinglesOf(i));
      const dup = isNearDuplicate(o);
      if (dup && opts.excludeCopies) continue;
      fromDoc.set(docId, (fromDoc.get(docId) ?? 0) + 1);
      out.push(this.hit(q, qText, i, score, o, dup));
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Whether two measures' titles name a common area of concept-groups.txt (the concept channel's features). */
  private sharesArea(a: number, b: number): boolean {
    const va = this.concepts?.vectors[a];
    const vb = this.concepts?.vectors[b];
    if (!va || !vb) return false;
    for (const f of va.fids) if (vb.fids.includes(f)) return true;
    return false;
  }

  /** The effective settings of a focus. */
  tuningOf(focus: SimilarFocus): TuningOptions {
    let t = this.focusTuning.get(focus);
    if (!t) this.focusTuning.set(focus, (t = focus === "instrument" ? this.tuning : { ...this.tuning, ...this.tuning.area }));
    return t;
  }

  /** The first-stage hits of measure i (main vectors and title channels, no feedback), best first. */
  private firstStage(i: number, keep: (j: number) => boolean, limit: number, t: TuningOptions): { i: number; score: number }[] {
    let touched = this.accumulate(this.queryVectors[i]);
    if (this.titles && t.titleSimWeight > 0) touched = this.titles.accumulate(i, t.titleSimWeight, this.scores, this.touched, touched);
    if (this.titleGrams && t.titleGramWeight > 0) touched = this.titleGrams.accumulate(i, t.titleGramWeight, this.scores, this.touched, touched);
    if (this.concepts && t.conceptChannelWeight > 0) touched = this.concepts.accumulate(i, t.conceptChannelWeight, this.scores, this.touched, touched);
    return this.collect(touched, keep, limit, 0);
  }

  /**
   * A voter's `depth` nearest measures among those `keep` allows, from its cached list (made once per focus
   * with only the voter itself left out, 2 × depth + 10 long). Exact: when the query's exclusions leave
   * fewer than `depth` of a full cached list, the list is made afresh for this query.
   */
  private voterList(n: number, keep: (j: number) => boolean, depth: number, focus: SimilarFocus, t: TuningOptions): { i: number; score: number }[] {
    let cache = this.neighbourCache.get(focus);
    if (!cache) this.neighbourCache.set(focus, (cache = new Map()));
    const size = 2 * depth + 10;
    let c = cache.get(n);
    if (!c) {
      const list = this.firstStage(n, (j) => j !== n, size, t);
      c = { ids: Int32Array.from(list, (h) => h.i), scores: Float64Array.from(list, (h) => h.score) };
      if (cache.size >= NEIGHBOUR_CACHE_MAX) cache.delete(cache.keys().next().value!);
      cache.set(n, c);
    }
    const out: { i: number; score: number }[] = [];
    for (let k = 0; k < c.ids.length && out.length < depth; k++) if (keep(c.ids[k])) out.push({ i: c.ids[k], score: c.scores[k] });
    if (out.length < depth && c.ids.length >= size) return this.firstStage(n, (j) => j !== n && keep(j), depth, t);
    return out;
  }

  /**
   * Neighbours' votes: each of the voteNeighbours best hits lists its own voteDepth nearest measures
   * (outside the query's document); a hit is raised by voteWeight times the mean, over those neighbours,
   * of its score in their list relative to the list's best (a vote for a broad measure counts less:
   * voteFactor), so that a measure several good hits agree on rises. With voteSharedArea the voters are the
   * best hits whose titles name an area the query's title names (sharesArea), then the best others. Sorts
   * `top` again.
   */
  private addVotes(top: { i: number; score: number }[], keep: (j: number) => boolean, focus: SimilarFocus, t: TuningOptions, qi: number): void {
    const k = Math.min(t.voteNeighbours, top.length);
    if (k === 0) return;
    const voters = t.voteSharedArea ? this.votersOnArea(top, qi, k) : top;
    const factor = this.voteFactor(t.voteBreadthPower);
    const votes = new Map<number, number>();
    for (let v = 0; v < k; v++) {
      const list = this.voterList(voters[v].i, keep, t.voteDepth, focus, t);
      const best = list[0]?.score || 1;
      for (const { i, score } of list) votes.set(i, (votes.get(i) ?? 0) + (score / best) * factor[i]);
    }
    for (const h of top) h.score += (t.voteWeight * (votes.get(h.i) ?? 0)) / k;
    top.sort((a, b) => b.score - a.score || a.i - b.i);
  }

  /** The k voters among `top`: those whose title names an area the query's title names first, in rank order, then the others. */
  private votersOnArea(top: readonly { i: number; score: number }[], qi: number, k: number): { i: number; score: number }[] {
    const on: { i: number; score: number }[] = [];
    const off: { i: number; score: number }[] = [];
    for (const h of top) {
      if (on.length >= k) break;
      (this.sharesArea(qi, h.i) ? on : off).push(h);
    }
    return [...on, ...off].slice(0, k);
  }

  /**
   * Pseudo-relevance feedback (Rocchio): the query plus feedbackWeight times the mean of its
   * feedbackDocs nearest measures, so that measures on the same policy in other words (算力资源 /
   * 智算中心) are found through the neighbours that use both. The query's own features keep most weight.
   */
  private withFeedback(q: Vector, keep: (i: number) => boolean, t: TuningOptions): Vector {
    const { feedbackDocs, feedbackWeight } = t;
    if (feedbackDocs <= 0 || feedbackWeight <= 0) return q;
    const first = this.collect(this.accumulate(q), keep, feedbackDocs, 0);
    if (first.length === 0) return q;
    const w = new Map<number, number>();
    for (let k = 0; k < q.fids.length; k++) w.set(q.fids[k], q.weights[k]);
    for (const { i } of first) {
      const v = this.queryVectors[i];
      for (let k = 0; k < v.fids.length; k++) w.set(v.fids[k], (w.get(v.fids[k]) ?? 0) + (feedbackWeight * v.weights[k]) / first.length);
    }
    let norm = 0;
    for (const x of w.values()) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    const order = [...w.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return { fids: Int32Array.from(order, ([f]) => f), weights: Float32Array.from(order, ([, x]) => x / norm) };
  }

  /** Copies and discoveries for one measure (copies: near-verbatim texts in other documents). */
  related(measureId: string, opts: Omit<SimilarOptions, "excludeCopies"> = {}): Related {
    const limit = opts.limit ?? 10;
    const hits = this.similar(measureId, { ...opts, limit: limit * 2 + 5 });
    return { copies: hits.filter((h) => h.nearDuplicate), similar: hits.filter((h) => !h.nearDuplicate).slice(0, limit) };
  }

  /**
   * One page of `related`: the similar measures ranked best first (at most SIMILAR_MAX, the list a reader
   * can page through), `total` of them, this page of them, and every copy (copies are few and not paged).
   */
  relatedPage(measureId: string, opts: Omit<SimilarOptions, "excludeCopies" | "limit"> & { offset?: number; limit?: number } = {}): Related & { total: number } {
    const { offset = 0, limit = 10, ...rest } = opts;
    const all = this.related(measureId, { ...rest, limit: SIMILAR_MAX });
    return { copies: all.copies, similar: all.similar.slice(offset, offset + limit), total: all.similar.length };
  }

  /** Measures matching a free text (a question, a phrase such as 不良贷款容忍度, or a pasted measure). */
  similarToText(text: string, opts: TextOptions = {}): TextHit[] {
    const q = this.textVector(text);
    if (q.fids.length === 0) return [];
    const limit = opts.limit ?? 10;
    const minCoverage = opts.minCoverage ?? 0;
    const want = minCoverage > 0 ? Math.max(limit * 5, 50) : limit;
    const perDoc = opts.maxPerDocument ?? Infinity;
    const top = this.collect(this.accumulate(q), () => true, perDoc < Infinity ? want * 3 : want, opts.minScore ?? 0);
    const qShingles = shingles(text);
    const qWeight = sumOf(q.weights);
    const out: TextHit[] = [];
    const fromDoc = new Map<string, number>();
    for (const { i, score } of top) {
      const coverage = this.coverage(q, i) / (qWeight || 1);
      if (coverage < minCoverage) continue;
      const docId = this.entries[i].doc.id;
      if ((fromDoc.get(docId) ?? 0) >= perDoc) continue;
      fromDoc.set(docId, (fromDoc.get(docId) ?? 0) + 1);
      const o = overlapOf(qShingles, this.shinglesOf(i));
      out.push({ ...this.hit(q, text, i, score, o, isNearDuplicate(o)), coverage });
      if (out.length >= limit) break;
    }
    return out;
  }

  /** The score `similar(a)` gives to measure b (0 when either is unknown). */
  score(measureIdA: string, measureIdB: string): number {
    const a = this.byId.get(measureIdA);
    const b = this.byId.get(measureIdB);
    if (a === undefined || b === undefined) return 0;
    const side = (c: Channel | null, w: number) => (c ? w * dot(c.vectors[a], c.vectors[b]) : 0);
    return dot(this.queryVectors[a], this.vectors[b]) + side(this.titles, this.tuning.titleSimWeight) + side(this.titleGrams, this.tuning.titleGramWeight);
  }

  /** Overlap of two indexed measures' texts, and whether they are near-verbatim copies. */
  copyCheck(measureIdA: string, measureIdB: string): Overlap & { nearDuplicate: boolean } {
    const a = this.byId.get(measureIdA);
    const b = this.byId.get(measureIdB);
    if (a === undefined || b === undefined) return { jaccard: 0, containment: 0, smaller: 0, nearDuplicate: false };
    const o = overlapOf(this.shinglesOf(a), this.shinglesOf(b));
    return { ...o, nearDuplicate: isNearDuplicate(o) };
  }

  /**
   * Groups of near-verbatim copies across documents (each group: measure ids, two or more documents).
   * Candidates come from each measure's nearest neighbours, so the cost is one query per measure.
   */
  copyGroups(neighbours = 8): string[][] {
    const parent = this.entries.map((_, i) => i);
    const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
    for (let i = 0; i < this.entries.length; i++) {
      const qDoc = this.entries[i].doc.id;
      const top = this.collect(this.accumulate(this.queryVectors[i]), (j) => j !== i && this.entries[j].doc.id !== qDoc, neighbours, 0.3);
      for (const { i: j } of top) {
        if (isNearDuplicate(overlapOf(this.shinglesOf(i), this.shinglesOf(j)))) {
          const a = find(i);
          const b = find(j);
          if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
    }
    const groups = new Map<number, number[]>();
    this.entries.forEach((_, i) => {
      const r = find(i);
      groups.set(r, [...(groups.get(r) ?? []), i]);
    });
    return [...groups.values()].filter((g) => g.length > 1).map((g) => g.map((i) => this.entries[i].measure.id));
  }

  /**
   * The k nearest measures of every measure, as undirected edges between index positions (i < j) with the
   * symmetric score (`scoreAt`), for clustering. Same-document pairs included.
   */
  neighbourGraph(k: number, minScore: number): { i: number; j: number; score: number }[] {
    const seen = new Map<number, number>();
    const n = this.entries.length;
    for (let i = 0; i < n; i++) {
      for (const { i: j } of this.collect(this.accumulate(this.queryVectors[i]), (j) => j !== i, k, minScore / 2)) {
        const key = Math.min(i, j) * n + Math.max(i, j);
        if (!seen.has(key)) seen.set(key, this.scoreAt(i, j));
      }
    }
    const edges: { i: number; j: number; score: number }[] = [];
    for (const [key, score] of seen) if (score >= minScore) edges.push({ i: Math.floor(key / n), j: key % n, score });
    return edges.sort((a, b) => a.i - b.i || a.j - b.j);
  }

  /** Weighted features of an indexed measure, heaviest first (name → weight). */
  features(measureId: string): [string, number][] {
    const i = this.byId.get(measureId);
    return i === undefined ? [] : this.featuresAt(i);
  }

  /** Weighted features of a free text under this corpus's IDF, heaviest first. */
  textFeatures(text: string): [string, number][] {
    const v = this.textVector(text);
    return Array.from(v.fids, (f, k) => [this.featureNames[f], v.weights[k]] as [string, number]).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  }

  /**
   * Measures nearest to an arbitrary weighted feature set (e.g. a topic centroid built from `features()`),
   * best first, as index positions. Features unknown to the index are ignored; weights are normalised here.
   */
  nearestToFeatures(features: Iterable<[string, number]>, limit: number, minScore = 0): { position: number; score: number }[] {
    const raw = new Map<number, number>();
    for (const [name, w] of features) {
      const fid = this.fidOf.get(name);
      if (fid !== undefined && w > 0) raw.set(fid, (raw.get(fid) ?? 0) + w);
    }
    let norm = 0;
    for (const w of raw.values()) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    const order = [...raw.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const q: Vector = { fids: Int32Array.from(order.map(([f]) => f)), weights: Float32Array.from(order.map(([, w]) => w / norm)) };
    return this.collect(this.accumulate(q), () => true, limit, minScore).map(({ i, score }) => ({ position: i, score }));
  }

  private hit(q: Vector, qText: string, i: number, score: number, o: Overlap, dup: boolean): SimilarHit {
    const e = this.entries[i];
    return {
      measure: e.measure,
      document: e.doc,
      score: Math.round(score * 10000) / 10000,
      sharedTerms: this.sharedTerms(q, qText, i),
      nearDuplicate: dup,
      overlap: Math.round(Math.max(o.jaccard, o.containment) * 1000) / 1000,
    };
  }

  /** Shared words, most telling first (shared-terms.ts). */
  private sharedTerms(q: Vector, qText: string, i: number): string[] {
    return sharedTerms(q, this.vectors[i], this.featureNames, qText, fullText(this.entries[i].measure));
  }
}
