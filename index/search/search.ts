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
// (scratch space, filters) → matching.ts (matching, ranking) → facets.ts → units.ts → this file
// → query-index.ts (the index's side of query understanding, sorted pages) → this file (the search
// entry point and persistence); query.ts reads places and 文号 in a query. source.ts holds the public types and the store source.
// Shared by the layers: text-index.ts (the flexsearch indexes), roles.ts (unit roles), query-scratch.ts
// (the filter, bitset slots, facet counts).
import { mkdirSync } from "node:fs";
import type { Unit } from "../../extract/schema.ts";
import { B_CAND } from "./query-scratch.ts";
import { RESOLUTION } from "./text-index.ts";
import { slicedBits } from "./bit-kernels.ts";
import { highlightAll, highlightSnippet } from "./highlight.ts";
import type { DocRef, SearchHit, SearchQuery, SearchResponse } from "../schema.ts";
import { readManifest, readSnapshot, writeSnapshot, type Snapshot } from "./snapshot.ts";
import type { Index } from "flexsearch";
import type { DensePostings } from "./dense-postings.ts";
import { attachPostings, flattenPostings } from "./flat/text-postings.ts";
import { flattenDense, restoreDense, type DenseColumns } from "./flat/dense.ts";
import { columnOver, decodeIds, encodeIds } from "./flat/columns.ts";
import { StringColumn, encodeStrings } from "./flat/strings.ts";
import { decodeDocs, encodeDocs } from "./flat/docs.ts";
import type { StoreEngine as Store } from "../store/engine.ts";
import { TOKENIZER_FINGERPRINT, addWords } from "./tokenizer.ts";
import { storeDocumentIds, storeDocuments, storeSource, type MeasureIndexOptions } from "./source.ts";
import { QueryIndex } from "./query-index.ts";
import { understand } from "./query.ts";
import { scopeOf } from "./regions.ts";

export { storeSource, type MeasureIndexOptions, type MeasureSource, type MeasureTokens, type UnitMeasure, type UnitMeasures, type UnitSummary } from "./source.ts";

const SNAPSHOT_FORMAT = 7; // 5: documents without a place under 国家层面 / 地区未识别; 6: flat columns and postings (read without parsing); 7: per-document columns saved

export class MeasureIndex extends QueryIndex {
  // -------------------------------------------------------------------------------------------
  // Building

  /** Index every document of the store (in the store's list order). */
  static fromStore(store: Store, options: Omit<MeasureIndexOptions, "source"> = {}): MeasureIndex {
    const index = new MeasureIndex({ ...options, source: storeSource(store) });
    // All unit names first, so that every document is cut with the same dictionary.
    addWords(store.unitNames());
    index.syncDictionary();
    for (const d of storeDocuments(store)) index.insertDocument(d.ref, d.measures, undefined, false);
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
    const filter = this.compileFilter(q);
    const groups = this.queryGroups(q, q.q, filter, understood);
    const tokens = [...new Set(groups.flat())];
    this.ranked = null;
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
    const hits: SearchHit[] = [];
    const records = this.getMeasures(ranked.map(([id]) => this.mid.get(id)));
    ranked.forEach(([id, score], i) => {
      const m = records[i];
      if (!m) return;
      hits.push({
        measure: m,
        document: this.docs[this.docOf.data[id]].ref,
        highlight: { title: m.title === null ? null : highlightAll(m.title, tokens), text: highlightSnippet(m.text, tokens) },
        score,
      });
    });
    const { facets, sizes } = this.facets(count, q.facetLimit ?? this.facetLimit);
    const suggestions = count === 0 && groups.length && asked.literal !== "1" && asked.literal !== "true" ? this.suggest(q, groups, filter) : [];
    return { query: asked, tokens, total: count, hits, facets, facetSizes: sizes, understood, suggestions, tookMs: performance.now() - t0 };
  }

  // -------------------------------------------------------------------------------------------
  // Persistence

  /**
   * Write the index into `dir` (created when missing) as flat columns (snapshot.ts, flat/*): read back
   * without parsing. `extra`: fields added to the manifest (the store's change counter).
   */
  save(dir: string, extra: Record<string, unknown> = {}): void {
    mkdirSync(dir, { recursive: true });
    this.syncDictionary();
    this.syncDense();
    // Unit postings, unit by unit.
    const unitOff = new Uint32Array(this.unitKeys.length + 1);
    this.unitIds.forEach((ids, c) => (unitOff[c + 1] = unitOff[c] + ids.length));
    const unitIds = new Int32Array(unitOff[this.unitKeys.length]);
    const unitRoles = new Uint8Array(unitIds.length);
    this.unitIds.forEach((ids, c) => {
      unitIds.set(ids, unitOff[c]);
      unitRoles.set(this.unitRoles[c], unitOff[c]);
    });
    const text = (name: string, index: Index) => {
      const f = flattenPostings(index, RESOLUTION);
      return { [`${name}Terms`]: f.terms, [`${name}TermOff`]: f.termOff, [`${name}Off`]: f.off, [`${name}Ids`]: f.ids };
    };
    const dense = (name: string, d: DensePostings) => {
      const state = d.export();
      const cols = flattenDense(state, RESOLUTION);
      return { cols: Object.fromEntries(Object.entries(cols).map(([k, v]) => [`${name}${k[0].toUpperCase()}${k.slice(1)}`, v])), marks: [state.syncedAt, state.lookedAt] };
    };
    const [db, dt] = [dense("denseBody", this.denseBody), dense("denseTitle", this.denseTitle)];
    // Per place and year: its documents' (slot, first, end, date) quadruples, one after another.
    const ranges = [...this.filterRanges];
    const rangeKeys = encodeStrings(ranges.map(([k]) => k));
    const rangeOff = new Uint32Array(ranges.length + 1);
    ranges.forEach(([, col], i) => (rangeOff[i + 1] = rangeOff[i] + col.length));
    const rangeData = new Int32Array(rangeOff[ranges.length]);
    ranges.forEach(([, col], i) => rangeData.set(col.view(), rangeOff[i]));
    const filterRanges = { rangeKeys: rangeKeys.blob, rangeKeyOff: rangeKeys.off, rangeOff, rangeData };
    const manifest = {
      format: SNAPSHOT_FORMAT,
      tokenizer: TOKENIZER_FINGERPRINT,
      documentIds: this.documentIds(),
      words: [...this.covered],
      measures: this.mid.length,
      dead: this.dead,
      scopes: this.docs.map((d) => d.scope),
      places: this.places,
      units: this.unitKeys.map((key, c) => ({ key, canon: [...this.unitCanon[c]], names: [...this.unitSpell[c]] })),
      dense: { body: db.marks, title: dt.marks },
      years: Number.isFinite(this.years[0]) ? this.years : null,
      live: this.docSlot.size,
      ...extra,
    };
    writeSnapshot(dir, manifest, {
      // Dead measures as "".
      ...((ids) => ({ mid: ids.blob, midOff: ids.off }))(encodeIds(this.mid, (i) => this.isAlive(i))),
      ...encodeDocs(this.docs, (s) => this.docAlive.data[s] === 1),
      docOf: this.docOf.view(),
      docLo: this.docLo.view(),
      docHi: this.docHi.view(),
      uOff: this.uOff.view(),
      uVal: this.uVal.view(),
      aliveBits: this.aliveBits.view(),
      roleLead: this.roleBits[0].view(),
      roleCoop: this.roleBits[1].view(),
      roleResponsible: this.roleBits[2].view(),
      leadBase: this.leadBase.view(),
      leadUnits: this.leadUnits.view(),
      leadMulti: this.leadMulti.view(),
      unitOff,
      unitIds,
      unitRoles,
      docDate: this.docDate.view(),
      docGroup: this.docGroup.view(),
      groupCodes: this.groupCodes.view(),
      wordDoc: this.wordDoc.view(),
      ...filterRanges,
      ...text("body", this.body),
      ...text("title", this.title),
      ...db.cols,
      ...dt.cols,
    });
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
      this.addDocument({ id: d.id, title: d.title, docNumber: d.docNumber, issuer: d.issuer, region: d.region, date: d.issuedDate ?? d.publishedDate }, d.measures);
      added.push(id);
    }
    // Documents whose metadata was corrected (title, 文号, region, date): indexed again, so that facets,
    // units and the canonical unit names (which follow the region) change with them.
    const changed: string[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = store.listDocuments(500, offset);
      for (const d of page) {
        const slot = this.docSlot.get(d.id);
        const ref: DocRef = { id: d.id, title: d.title, docNumber: d.docNumber, issuer: d.issuer, region: d.region, date: d.issuedDate ?? d.publishedDate };
        if (slot === undefined || added.includes(d.id) || refKey(this.docs[slot].ref) === refKey(ref)) continue;
        this.addDocument(ref, store.measuresOf(d.id));
        changed.push(d.id);
      }
      if (page.length < 500) break;
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
      const ref: DocRef = { id: d.id, title: d.title, docNumber: d.docNumber, issuer: d.issuer, region: d.region, date: d.issuedDate ?? d.publishedDate };
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
    const m = snap.manifest as unknown as {
      words: string[];
      measures: number;
      dead: number;
      /** Before the documents were columns (docIds, docRefs): their metadata, by slot. */
      docs?: (DocRef | null)[];
      scopes?: (string | null)[];
      places: string[];
      units: { key: string; canon: [string, number][]; names: string[] }[];
      dense: { body: [number, number]; title: [number, number] };
      years: [number, number] | null;
    };
    const c = snap.columns as Record<string, never>; // each of the type it was saved as
    const index = new MeasureIndex(options);
    // The dictionary as it was when the documents were cut.
    addWords(m.words);
    for (const w of m.words) index.covered.add(w);
    index.mid = decodeIds(c.mid, m.measures, c.midOff);
    index.docOf = columnOver(Int32Array, c.docOf);
    index.uOff = columnOver(Uint32Array, c.uOff);
    index.uVal = columnOver(Uint32Array, c.uVal);
    index.aliveBits = columnOver(Int32Array, c.aliveBits);
    index.roleBits = [c.roleLead, c.roleCoop, c.roleResponsible].map((v) => columnOver(Int32Array, v, true));
    index.leadBase = columnOver(Int32Array, c.leadBase, true);
    index.leadUnits = columnOver(Int32Array, c.leadUnits, true);
    index.leadMulti = columnOver(Int32Array, c.leadMulti, true);
    index.dead = m.dead;
    if (index.docOf.length !== m.measures || index.uOff.length !== m.measures + 1) throw new Error("索引副本的列长度不一致");
    for (const name of m.places) index.placeCodeOf(name);
    // Units: keys, names and postings set in one pass (unitCodeOf would make each twice).
    const [unitOff, unitIds, unitRoles]: [Uint32Array, Int32Array, Uint8Array] = [c.unitOff, c.unitIds, c.unitRoles];
    if (unitOff.length !== m.units.length + 1) throw new Error("索引副本的单位列长度不一致");
    index.unitKeys = m.units.map((u) => u.key);
    index.unitCode = new Map(index.unitKeys.map((k, i) => [k, i]));
    index.unitCanon = m.units.map((u) => new Map(u.canon));
    index.unitSpell = m.units.map((u) => new Set(u.names));
    // Postings as views of the file (read as arrays everywhere; core.ts makes them arrays when a unit grows).
    index.unitIds = m.units.map((_, i) => unitIds.subarray(unitOff[i], unitOff[i + 1]) as unknown as number[]);
    index.unitRoles = m.units.map((_, i) => unitRoles.subarray(unitOff[i], unitOff[i + 1]) as unknown as number[]);
    index.unitMatchCache.clear();
    // Per-document columns as saved (dates, facet groups, the slot of each bitset word, filter ranges).
    if ((c.docHi as Int32Array).length !== (c.docLo as Int32Array).length || (c.docGroup as Int32Array).length !== (c.docLo as Int32Array).length) throw new Error("索引副本的文件列长度不一致");
    index.docLo = columnOver(Int32Array, c.docLo);
    index.docHi = columnOver(Int32Array, c.docHi, true);
    index.docDate = columnOver(Uint32Array, c.docDate);
    index.docGroup = columnOver(Int32Array, c.docGroup, true);
    index.groupCodes = columnOver(Int32Array, c.groupCodes, true);
    index.wordDoc = columnOver(Int32Array, c.wordDoc, true);
    const codes: Int32Array = c.groupCodes;
    for (let g = 0; g < codes.length / 4; g++) index.groupOf.set(Array.from(codes.subarray(4 * g, 4 * g + 4)).join(), g);
    const [rangeKeys, rangeOff, rangeData] = [new StringColumn(c.rangeKeys, c.rangeKeyOff), c.rangeOff as Uint32Array, c.rangeData as Int32Array];
    for (let i = 0; i < rangeKeys.length; i++) index.filterRanges.set(rangeKeys.get(i), columnOver(Int32Array, rangeData.subarray(rangeOff[i], rangeOff[i + 1])));
    if (m.years) index.years = m.years;
    const alive = new Uint8Array(index.docLo.length);
    if (snap.columns.docIds && m.scopes) {
      // Ids decoded now, each document's metadata when first asked for.
      const { slots, ids } = decodeDocs(snap.columns as never, m.scopes);
      index.docs = slots;
      ids.forEach((id, s) => {
        if (!id) return;
        alive[s] = 1;
        index.docSlot.set(id, s);
      });
    } else {
      // A copy written before the documents were columns: their metadata in the manifest.
      if (!Array.isArray(m.docs) || m.docs.length !== alive.length) throw new Error("索引副本的文件列长度不一致");
      m.docs.forEach((ref, s) => {
        const r = ref ?? { id: "", title: null, docNumber: null, issuer: null, region: { province: null, city: null, county: null }, date: null };
        // A saved scope (null: the document has a place) is taken as it is.
        const scope = m.scopes && m.scopes[s] !== undefined ? m.scopes[s] : scopeOf(r);
        index.docs.push({ ref: r, scope });
        if (ref) {
          alive[s] = 1;
          index.docSlot.set(ref.id, s);
        }
      });
    }
    index.docAlive = columnOver(Uint8Array, alive);
    attachPostings(index.body, { terms: new StringColumn(c.bodyTerms, c.bodyTermOff), off: c.bodyOff, ids: c.bodyIds, r: RESOLUTION });
    attachPostings(index.title, { terms: new StringColumn(c.titleTerms, c.titleTermOff), off: c.titleOff, ids: c.titleIds, r: RESOLUTION });
    const dense = (name: string) => Object.fromEntries(["terms", "termOff", "meta", "wordOff", "bits", "pre", "slotOff", "slot"].map((k) => [k, c[`${name}${k[0].toUpperCase()}${k.slice(1)}`]])) as unknown as DenseColumns;
    index.denseBody.restore(restoreDense(dense("denseBody"), RESOLUTION, ...m.dense.body));
    index.denseTitle.restore(restoreDense(dense("denseTitle"), RESOLUTION, ...m.dense.title));
    index.syncDense();
    // Words added in this process that the saved tokens do not know are reconciled on first use.
    index.dictVersion = 0;
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

