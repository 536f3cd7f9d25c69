// The search index over measures: flexsearch finds the measures holding each query token (two indexes,
// one of titles and one of texts, with the tokenizer as their encoder); everything else is done here on
// typed arrays keyed by an internal measure number: AND of the query terms (OR within a term's
// synonyms), filters (place, document, unit by alias key and role, date range), ranking, facets over the
// whole result set, and highlighting. flexsearch's own tag filters (reported to drop results with a
// query in 0.8, upstream #533/#551) and its highlighter (white-space words) are not used.
//
// Internal numbers only grow and are given a document at a time, so that the measures of a document
// have consecutive numbers (a document indexed again gets new ones; the old are flagged dead, their
// postings stay until the next rebuild and are masked out). Postings of one term are therefore
// ascending within each of flexsearch's resolution slots (binary search), and per-document counts
// follow the words of a bitset.
//
// Two plans: few candidates (the smallest term or the filter) are kept as a list and scored one by
// one; many are kept as bitsets (terms ORed over their postings, ANDed together and with the filter),
// and only the measures that can reach the requested page are scored: a title match outweighs every
// body score, so when enough candidates hold j terms in their titles, the rest cannot rank above them.
//
// The class is built in layers, one module each: core.ts (columns, adding documents) → filters.ts
// (scratch space, filters) → matching.ts (matching, ranking) → facets.ts → units.ts
// → query-index.ts (the index's side of query understanding, sorted pages) → persisted.ts (snapshot
// columns and restore) → this file (the search entry point, loading and keeping in step with the
// store); query.ts reads places and 文号 in a query, suggestions.ts makes did-you-mean rewrites. source.ts holds the public types and the store source.
// Shared by the layers: text-index.ts (the flexsearch indexes), roles.ts (unit roles), query-scratch.ts
// (the filter, bitset slots, facet counts).
import { mkdirSync } from "node:fs";
import { B_BASE, B_CAND, B_FILTER, type Filter } from "./query-scratch.ts";
import { slicedBits } from "./bit-kernels.ts";
import { highlightAll, highlightSnippet } from "./highlight.ts";
import type { DocRef, SearchHit, SearchQuery, SearchResponse, Understood } from "../schema.ts";
import { readManifest, readSnapshot, writeSnapshot, type Snapshot } from "./snapshot.ts";
import type { StoreEngine as Store } from "../store/engine.ts";
import { TOKENIZER_FINGERPRINT, addWords } from "./tokenizer.ts";
import { docRefOf, storeDocumentIds, storeDocumentRefs, storeDocuments, storeSource, type MeasureIndexOptions } from "./source.ts";
import { PersistedIndex, SNAPSHOT_FORMAT } from "./persisted.ts";
import { understand } from "./query.ts";

export { storeSource, type MeasureIndexOptions, type MeasureSource, type MeasureTokens, type UnitMeasure, type UnitMeasures, type UnitSummary } from "./source.ts";

export class MeasureIndex extends PersistedIndex {
  // -------------------------------------------------------------------------------------------
  // Building

  /** Index every document of the store (in the store's list order). */
  static fromStore(store: Store, options: Omit<MeasureIndexOptions, "source"> = {}): MeasureIndex {
    const index = new MeasureIndex({ ...options, source: storeSource(store) });
    // All unit names first, so that every document is cut with the same dictionary.
    addWords(store.unitNames());
    index.syncDictionary();
    for (const d of storeDocuments(store)) index.insertDocument(d.ref, d.measures, undefined, false);
    index.compactPostings();
    return index;
  }

  // -------------------------------------------------------------------------------------------
  // Search

  /**
   * Search. Unless switched off, the query is understood first (query.ts: places as region filters, a
   * 文号 as its document; query-index.ts: synonyms, long texts by their distinctive terms), and what was
   * done is reported in `understood`; a query with no results gets `suggestions`.
   */
  search(query: SearchQuery): SearchResponse {
    const t0 = performance.now();
    // A search that threw left its facet job running: let it end, and drop its counts.
    if (this.facetJob) {
      this.endFacets();
      this.dropCounts();
    }
    this.syncDictionary();
    this.syncDense();
    this.ensureScratch();
    const asked: SearchQuery = { ...query, q: query.q ?? "", limit: query.limit ?? 20, offset: query.offset ?? 0 };
    const { query: q, understood } = understand(asked, this);
    if (q.year !== undefined) {
      // A year is a date range (within any from/to given).
      const [y0, y1] = [`${String(q.year).padStart(4, "0")}-01-01`, `${String(q.year).padStart(4, "0")}-12-31`];
      q.from = q.from && q.from > y0 ? q.from : y0;
      q.to = q.to && q.to < y1 ? q.to : y1;
    }
    this.lastSearch = null;
    const filter = this.compileFilter(q);
    const groups = this.queryGroups(q, q.q, filter, understood);
    const tokens = [...new Set(groups.flat())];
    const { count, ranked } = this.pageOf(q, groups, filter);
    const hits = this.hitsOf(ranked, tokens, null);
    const { facets, sizes } = this.facets(count, q.facetLimit ?? this.facetLimit);
    const suggestions = count === 0 && groups.length && asked.literal !== "1" && asked.literal !== "true" ? keepUnderstood(this.suggest(q, groups, filter), understood) : [];
    if (count > 0) this.lastSearch = { q, groups, tokens, kept: false, measures: this.mid.length, scored: this.scoredById, hits };
    return { query: asked, tokens, total: count, hits, facets, facetSizes: sizes, understood, suggestions, tookMs: performance.now() - t0 };
  }

  /**
   * The last search that found some: the query as understood, its groups and tokens; its matches are
   * in bitset B_CAND, or in B_BASE once a page was ranked within them (`kept`).
   */
  private lastSearch: {
    q: SearchQuery & { offset: number; limit: number };
    groups: string[][];
    tokens: string[];
    kept: boolean;
    measures: number;
    /** Every match has its score in acc[id] (the list plan), and nothing has matched since. */
    scored: boolean;
    /** Its page: hits met again in a page within its matches are not fetched nor highlighted again. */
    hits: SearchHit[];
  } | null = null;

  /** The matches of the last search (B_CAND, or B_BASE while pages are ranked within them). */
  protected override lastMatches(): Int32Array {
    return this.bitsets[this.lastSearch?.kept ? B_BASE : B_CAND];
  }

  /**
   * The hits of the last search (it found some) among the measures of these documents, `offset` and
   * `limit` as asked: what search({ ...query, docIn: ids, facetLimit: 0, offset, limit }) answers, without
   * understanding the query again or matching it over the whole index (its matches within these
   * documents are the filter). For index/library/status-search.ts.
   */
  pageWithin(ids: ReadonlySet<string>, offset: number, limit: number): SearchHit[] {
    const last = this.lastSearch;
    if (!last || last.measures !== this.mid.length) throw new Error("pageWithin：没有可用的上一次检索（之后未找到结果或索引已变）");
    const words = this.words;
    const relevance = (last.q.sort ?? "relevance") === "relevance";
    if (last.scored && relevance) {
      // The list plan scored every match by number, and nothing matched since: the page is the best of
      // them within the documents (score, then number, as a search with docIn ranks them), unmatched.
      const bits = this.zeroBits(B_FILTER, words);
      bits.set(this.lastMatches().subarray(0, words));
      const size = this.k.andInto(bits, this.docSetBits(ids), words);
      if (size === 0) return [];
      return this.hitsOf(this.k.topByScoreBits(bits, words, size, this.acc, offset + limit).slice(offset), last.tokens, last.hits);
    }
    if (!last.kept) {
      // Matching again overwrites B_CAND: the matches are kept aside for further pages and counts.
      this.zeroBits(B_BASE, words).set(this.bitsets[B_CAND].subarray(0, words));
      last.kept = true;
      last.scored = false;
    }
    const bits = this.zeroBits(B_FILTER, words);
    bits.set(this.bitsets[B_BASE].subarray(0, words));
    const size = this.k.andInto(bits, this.docSetBits(ids), words);
    if (size === 0) return [];
    this.trial = true;
    try {
      const { ranked } = this.pageOf({ ...last.q, offset, limit }, last.groups, { bits, size });
      return this.hitsOf(ranked, last.tokens, last.hits);
    } finally {
      this.trial = false;
    }
  }

  /** Match (or list) the measures of the filter and rank the page asked for: how many match, and the page's numbers with their scores. */
  private pageOf(q: SearchQuery & { offset: number; limit: number }, groups: string[][], filter: Filter | null): { count: number; ranked: [id: number, score: number][] } {
    this.ranked = null;
    this.scoredById = false;
    let count = 0;
    let ranked: [id: number, score: number][] = [];
    const sort = q.sort ?? "relevance";
    if (filter && groups.length === 0) {
      count = this.listAll(filter);
      this.beginFacets(count);
      if (sort === "relevance") ranked = slicedBits(this.bitsets[B_CAND], this.words, q.offset, q.offset + q.limit).map((id) => [id, 0]);
    } else if (filter) {
      const k = q.offset + q.limit;
      count = this.match(groups, filter, sort === "relevance" ? k : 1);
      this.beginFacets(count);
      if (sort === "relevance") ranked = this.topK(count, k).slice(q.offset);
    }
    if (count > 0 && sort !== "relevance") ranked = this.sortedPage(sort, q.offset, q.limit).map((id) => [id, 0]);
    return { count, ranked };
  }

  /**
   * Hits of ranked measure numbers: the records, their documents and the tokens highlighted. A measure
   * among `prior` (the last search's page, same tokens) keeps its record and highlight.
   */
  private hitsOf(ranked: [id: number, score: number][], tokens: string[], prior: SearchHit[] | null): SearchHit[] {
    const n = ranked.length;
    const mids: string[] = [];
    const reuse: (SearchHit | undefined)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const mid = this.mid.get(ranked[i][0]);
      let p: SearchHit | undefined;
      if (prior) for (let j = 0; j < prior.length && !p; j++) if (prior[j].measure.id === mid) p = prior[j];
      if (p) reuse[i] = p;
      else mids.push(mid);
    }
    const records = mids.length ? this.getMeasures(mids) : [];
    const hits: SearchHit[] = [];
    for (let i = 0, r = 0; i < n; i++) {
      const id = ranked[i][0];
      const score = ranked[i][1];
      const p = reuse[i];
      if (p) {
        hits.push({ measure: p.measure, document: p.document, highlight: p.highlight, score });
        continue;
      }
      const m = records[r++];
      if (!m) continue;
      hits.push({
        measure: m,
        document: this.docs[this.docOf.data[id]].ref,
        highlight: { title: m.title === null ? null : highlightAll(m.title, tokens), text: highlightSnippet(m.text, tokens) },
        score,
      });
    }
    return hits;
  }

  // -------------------------------------------------------------------------------------------
  // Persistence

  /**
   * Write the index into `dir` (created when missing) as flat columns (snapshot.ts, flat/*): read back
   * without parsing. `extra`: fields added to the manifest (the store's change counter).
   */
  save(dir: string, extra: Record<string, unknown> = {}): void {
    mkdirSync(dir, { recursive: true });
    const { manifest, columns } = this.snapshotParts(extra);
    writeSnapshot(dir, manifest, columns);
    this.keepSavedPostings(columns);
  }

  /**
   * Start from the copy saved in `dir`. When it is missing, unreadable, or of another format or
   * tokenizer, rebuild from the store. When its document ids differ from the store's (stale): a few
   * documents apart (at most 10, or a tenth), bring it up to date from the store (remove the documents
   * the store no longer has, add the new ones); more, rebuild. A rebuilt or updated copy is saved
   * again (unless `save: false`).
   */
  static load(dir: string, store: Store, options: Omit<MeasureIndexOptions, "source"> & { save?: boolean } = {}): MeasureIndex {
    const storeIds = storeDocumentIds(store);
    const copy = MeasureIndex.fromDir(dir, { ...options, source: storeSource(store) });
    if (copy) {
      const have = new Set(copy.documentIds());
      const want = new Set(storeIds); // (a list's includes here was 10^9 comparisons at 43,749 documents: seconds of start-up)
      const differ = storeIds.filter((id) => !have.has(id)).length + [...have].filter((id) => !want.has(id)).length;
      if (differ === 0) return copy;
      if (differ <= Math.max(10, storeIds.length / 10)) {
        copy.syncWith(store);
        if (options.save !== false) copy.save(dir);
        return copy;
      }
    }
    const index = MeasureIndex.fromStore(store, options);
    if (options.save !== false) index.save(dir);
    return index;
  }

  /**
   * Bring the index in line with the store's documents: remove those the store no longer has (a
   * replaced file's old version too), add those it lacks. For the server after an ingest.
   */
  syncWith(store: Store): { added: string[]; removed: string[]; changed: string[] } {
    const storeIds = storeDocumentIds(store);
    const want = new Set(storeIds);
    const removed = this.documentIds().filter((id) => !want.has(id));
    for (const id of removed) this.removeDocument(id);
    const added: string[] = [];
    for (const id of storeIds) {
      if (this.docSlot.has(id)) continue;
      const d = store.getDocument(id);
      if (!d) continue;
      this.addDocument(docRefOf(d), d.measures);
      added.push(id);
    }
    // Documents whose metadata was corrected (title, 文号, region, date): indexed again, so that facets,
    // units and the canonical unit names (which follow the region) change with them.
    const changed: string[] = [];
    const fresh = new Set(added);
    for (const ref of storeDocumentRefs(store)) {
      const slot = this.docSlot.get(ref.id);
      if (slot === undefined || fresh.has(ref.id) || refKey(this.docs[slot].ref) === refKey(ref)) continue;
      this.addDocument(ref, store.measuresOf(ref.id));
      changed.push(ref.id);
    }
    return { added, removed, changed };
  }

  /**
   * Bring just the named documents in line with the store (a replica applying a change log): each is
   * indexed again as the store has it now (a replaced version, corrected metadata) or removed when the
   * store no longer has it. One read per document; the others are not looked at.
   */
  syncDocuments(store: Store, ids: Iterable<string>): { added: string[]; removed: string[]; changed: string[] } {
    const added: string[] = [];
    const removed: string[] = [];
    const changed: string[] = [];
    for (const id of new Set(ids)) {
      const d = store.getDocument(id);
      if (!d) {
        if (this.removeDocument(id)) removed.push(id);
        continue;
      }
      const ref = docRefOf(d);
      const slot = this.docSlot.get(id);
      if (slot !== undefined && refKey(this.docs[slot].ref) === refKey(ref)) continue; // as indexed (an id is its content)
      (slot === undefined ? added : changed).push(id);
      this.learnUnitWords(d.measures);
      this.syncDictionary();
      // The measures are the store's (the index's source): no copy kept beside them.
      this.insertDocument(ref, d.measures, undefined, false);
    }
    return { added, removed, changed };
  }

  /** Whether the copy in `dir` is missing, of another format or tokenizer, or does not match the store's documents. */
  static isStale(dir: string, store: Store): boolean {
    const m = readManifest(dir);
    return !m || m.format !== SNAPSHOT_FORMAT || m.tokenizer !== TOKENIZER_FINGERPRINT || !sameIds(m.documentIds, storeDocumentIds(store));
  }

  /** The copy saved in `dir` as it is, without comparing it with a store; null when missing or unreadable. */
  static fromDir(dir: string, options: MeasureIndexOptions = {}): MeasureIndex | null {
    const m = readManifest(dir);
    if (!m || m.format !== SNAPSHOT_FORMAT || m.tokenizer !== TOKENIZER_FINGERPRINT) return null;
    const snap = readSnapshot(dir, m);
    if (!snap) return null;
    try {
      return MeasureIndex.fromSnapshot(snap, options);
    } catch {
      return null;
    }
  }

  /** Restore from a snapshot read by readSnapshot(): the columns are taken over as views, the postings looked up in place. */
  static fromSnapshot(snap: Snapshot, options: MeasureIndexOptions): MeasureIndex {
    const index = new MeasureIndex(options);
    index.restore(snap);
    return index;
  }
}

/** A document's metadata as the index holds it, comparable. */
const refKey = (r: DocRef) => JSON.stringify([r.title, r.docNumber, r.issuer, r.region.province, r.region.city, r.region.county, r.date]);

function sameIds(a: unknown, b: string[]): boolean {
  if (!Array.isArray(a) || a.length !== b.length) return false;
  const sa = [...a].sort();
  return sa.every((x, i) => x === b[i]);
}

/**
 * Suggestions are counted under the filters understood from the query (绵阳 in "绵阳 平台"): each one's
 * query keeps the words they were read from, so that following it finds what its count says.
 */
function keepUnderstood(suggestions: { q: string; label: string }[], understood: Understood[]): { q: string; label: string }[] {
  const kept = understood.filter((u) => u.kind === "region" || u.kind === "unit" || u.kind === "docNumber").map((u) => u.text);
  return kept.length ? suggestions.map((s) => ({ ...s, q: [...kept, s.q].join(" ") })) : suggestions;
}
