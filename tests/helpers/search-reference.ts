// The search tests' brute-force reference: every measure of a store with its document, filtered and
// matched term by term with the tokenizer, counted into facets the index must equal; and the shipped
// corpus in a temporary store with its index (tests/search*.test.ts).
import { afterAll, beforeAll, expect } from "vitest";
import type { Measure } from "../../extract/schema.ts";
import { unitKey } from "../../extract/fields/units.ts";
import { unitQueryKey } from "../../index/search/match-keys.ts";
import type { DocRef, FacetValue, SearchQuery, SearchResponse } from "../../index/schema.ts";
import { MeasureIndex } from "../../index/search/search.ts";
import { storeDocuments } from "../../index/search/source.ts";
import { ROLE_LABEL } from "../../index/search/roles.ts";
import { scopeOf } from "../../index/search/regions.ts";
import type { Store } from "../../index/store/store.ts";
import { dictionaryVersion, queryTokens, tokenize } from "../../index/search/tokenizer.ts";
import { emptyReport, ingestFile } from "../../src/documents/ingest.ts";
import { CORPUS } from "./paths.ts";
import { tempLibrary, type TempLibrary } from "./library.ts";

export interface Row {
  m: Measure;
  doc: DocRef;
  order: number;
}

export async function ingest(s: Store, files: string[]) {
  const report = emptyReport();
  for (const f of files) await ingestFile(s, f, report);
  expect(report.refused).toEqual([]);
}

/** Every document of the store with its measures, in the store's list order (the index's own listing). */
export function docRefs(s: Store): { ref: DocRef; measures: Measure[] }[] {
  return [...storeDocuments(s)];
}

/** Every measure of the store with its document, in document order. */
export function rowsOf(store: Store): Row[] {
  const rows: Row[] = [];
  let order = 0;
  for (const { ref, measures } of docRefs(store)) for (const m of measures) rows.push({ m, doc: ref, order: order++ });
  return rows;
}

/** Values per facet (the index's default). */
const FACET_LIMIT = 50;

export const query = (q: Partial<SearchQuery>): SearchQuery => ({ q: "", limit: 100, offset: 0, ...q });

// The brute-force reference

interface Reference {
  ids: string[]; // matching measure ids, unordered
  titleIds: Set<string>; // those holding a term in their title
  facets: SearchResponse["facets"];
}

// Token sets of texts, kept while the dictionary stays the same (the reference cuts every measure per query).
const tokenCache = new Map<string, Set<string>>();
let tokenCacheVersion = -1;
function tokenSet(text: string): Set<string> {
  if (tokenCacheVersion !== dictionaryVersion()) {
    tokenCache.clear();
    tokenCacheVersion = dictionaryVersion();
  }
  let set = tokenCache.get(text);
  if (!set) tokenCache.set(text, (set = new Set(tokenize(text))));
  return set;
}

function reference(q: SearchQuery, rows: Row[]): Reference {
  const groups = queryTokens(q.q);
  const qk = q.unit ? unitQueryKey(q.unit) : "";
  const matched: Row[] = [];
  const titleIds = new Set<string>();
  for (const r of rows) {
    const { m, doc } = r;
    if (q.doc && doc.id !== q.doc) continue;
    if (q.province && doc.region.province !== q.province) continue;
    if (q.city && doc.region.city !== q.city) continue;
    if (q.county && doc.region.county !== q.county) continue;
    if (q.from && !(doc.date && doc.date >= q.from)) continue;
    if (q.to && !(doc.date && doc.date <= q.to)) continue;
    if (q.unit) {
      const ok = m.units.some((u) => (!q.role || u.role === q.role) && unitKey(u.canonical, doc.region).includes(qk));
      if (!ok) continue;
    } else if (q.role && !m.units.some((u) => u.role === q.role)) continue;
    const text = tokenSet(m.text);
    const title = tokenSet(m.title ?? "");
    if (!groups.every((alts) => alts.some((a) => text.has(a) || title.has(a)))) continue;
    if (groups.length && groups.some((alts) => alts.some((a) => title.has(a)))) titleIds.add(m.id);
    matched.push(r);
  }
  const count = (values: (string | null)[][], label?: Map<string, string>): FacetValue[] => {
    const c = new Map<string, number>();
    for (const vs of values) for (const v of new Set(vs)) if (v) c.set(v, (c.get(v) ?? 0) + 1);
    return [...c]
      .map(([value, n]) => (label ? { value, label: label.get(value)!, count: n } : { value, count: n }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, FACET_LIMIT);
  };
  // Lead units by alias key, shown by their most frequent canonical name in the index (any row).
  const canonCount = new Map<string, Map<string, number>>();
  for (const { m, doc } of rows)
    for (const u of m.units) {
      const k = unitKey(u.canonical, doc.region);
      const c = canonCount.get(k) ?? new Map<string, number>();
      c.set(u.canonical, (c.get(u.canonical) ?? 0) + 1);
      canonCount.set(k, c);
    }
  const display = (k: string) =>
    [...canonCount.get(k)!].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1))[0][0];
  return {
    ids: matched.map((r) => r.m.id),
    titleIds,
    facets: {
      province: count(matched.map((r) => [r.doc.region.province ?? scopeOf(r.doc, unitNames(rows, r.doc.id))])),
      city: count(matched.map((r) => [r.doc.region.city])),
      county: count(matched.map((r) => [r.doc.region.county])),
      document: count(matched.map((r) => [r.doc.id]), new Map(rows.map((r) => [r.doc.id, r.doc.title ?? r.doc.id]))),
      year: count(matched.map((r) => [r.doc.date?.slice(0, 4) ?? null])),
      leadUnit: count(matched.map((r) => r.m.units.filter((u) => u.role === "lead").map((u) => display(unitKey(u.canonical, r.doc.region))))),
      role: count(matched.map((r) => r.m.units.map((u) => u.role))).map((f) => ({ ...f, label: ROLE_LABEL[f.value as keyof typeof ROLE_LABEL] })),
      region: [], // checked against the province facet (regionAgrees)
    },
  };
}

/** All hits of a query, paging through the index. */
export function allHits(q: SearchQuery, idx: MeasureIndex): SearchResponse["hits"] {
  const out: SearchResponse["hits"] = [];
  for (let offset = 0; ; offset += 100) {
    const r = idx.search({ ...q, limit: 100, offset });
    out.push(...r.hits);
    if (r.hits.length < 100) return out;
  }
}

/** Unit names of a document's measures (national or not, for a document without a place). */
const unitNamesCache = new WeakMap<Row[], Map<string, string[]>>();
function unitNames(over: Row[], docId: string): string[] {
  let byDoc = unitNamesCache.get(over);
  if (!byDoc) {
    byDoc = new Map();
    for (const r of over) byDoc.set(r.doc.id, [...(byDoc.get(r.doc.id) ?? []), ...r.m.units.map((u) => u.name)]);
    unitNamesCache.set(over, byDoc);
  }
  return byDoc.get(docId) ?? [];
}

/** The region tree: every match once among its roots; provinces (with 国家层面 / 地区未识别) as the province facet counts them. */
function regionAgrees(res: SearchResponse) {
  const roots = res.facets.region;
  expect(roots.reduce((n, r) => n + r.count, 0)).toBe(res.total);
  const provinces = new Map(res.facets.province.map((f) => [f.value, f.count]));
  for (const r of roots) if (r.param === "province") expect(r.count).toBe(provinces.get(r.value));
  for (const r of roots) for (const c of r.children) expect(c.count).toBeLessThanOrEqual(r.count);
}

function expectSameAsReference(q: SearchQuery, idx: MeasureIndex, over: Row[], plan = "") {
  const ref = reference(q, over);
  const res = idx.search(q);
  const hits = allHits(q, idx);
  const label = `${plan} ${JSON.stringify(q)}`;
  expect(res.total, label).toBe(ref.ids.length);
  expect(hits.map((h) => h.measure.id).sort(), label).toEqual([...ref.ids].sort());
  expect(new Set(hits.map((h) => h.measure.id)).size, label).toBe(hits.length);
  expect({ ...res.facets, region: [] }, label).toEqual(ref.facets);
  regionAgrees(res);
  // Title matches first.
  const firstBodyOnly = hits.findIndex((h) => !ref.titleIds.has(h.measure.id));
  if (firstBodyOnly >= 0) expect(hits.slice(firstBodyOnly).some((h) => ref.titleIds.has(h.measure.id)), label).toBe(false);
  // Scores never increase down the list.
  for (let i = 1; i < hits.length; i++) expect(hits[i].score, label).toBeLessThanOrEqual(hits[i - 1].score);
  return { res, hits, ref };
}

// ---------------------------------------------------------------------------------------------

export interface SearchCorpus {
  lib: TempLibrary;
  tmp: string;
  store: Store;
  index: MeasureIndex;
  rows: Row[];
  /** expectSameAsReference over the corpus's own index and rows unless given others. */
  same(q: SearchQuery, idx?: MeasureIndex, over?: Row[], plan?: string): ReturnType<typeof expectSameAsReference>;
  /** allHits over the corpus's own index unless given another. */
  allHits(q: SearchQuery, idx?: MeasureIndex): SearchResponse["hits"];
}

/** The shipped corpus ingested into a temporary store before the file's tests (removed after), its index and rows; filled in by then. */
export function useSearchCorpus(name: string): SearchCorpus {
  const fx = {} as SearchCorpus;
  beforeAll(async () => {
    const lib = await tempLibrary(name, [CORPUS]);
    expect(lib.report.refused).toEqual([]);
    Object.assign(fx, { lib, tmp: lib.dir, store: lib.store, index: MeasureIndex.fromStore(lib.store), rows: rowsOf(lib.store) });
  });
  afterAll(() => fx.lib?.cleanup());
  fx.same = (q, idx = fx.index, over = fx.rows, plan = "") => expectSameAsReference(q, idx, over, plan);
  fx.allHits = (q, idx = fx.index) => allHits(q, idx);
  return fx;
}
