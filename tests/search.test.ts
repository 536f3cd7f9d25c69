// The search index over the real seeds: tokenizer, retrieval, filters, facets, ranking, highlighting and
// persistence, each checked against a brute-force reference (a plain scan of every measure that applies
// the same query tokens and the same filters).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Measure } from "../extract/schema.ts";
import { unitKey } from "../extract/fields/units.ts";
import { FacetThread } from "../index/search/facet-thread.ts";
import { countFacetsBits, type FacetColumns, type FacetCounts } from "../index/search/facet-kernels.ts";
import { JS_KERNELS, nativeKernels } from "../index/search/native-kernels.ts";
import { highlightAll, highlightSnippet } from "../index/search/highlight.ts";
import { unitQueryKey } from "../index/search/match-keys.ts";
import type { DocRef, FacetValue, SearchQuery, SearchResponse } from "../index/schema.ts";
import { MeasureIndex } from "../index/search/search.ts";
import { ROLE_LABEL } from "../index/search/roles.ts";
import { scopeOf } from "../index/search/regions.ts";
import { Store } from "../index/store/store.ts";
import { addWords, dictionaryVersion, queryTokens, tokenize } from "../index/search/tokenizer.ts";
import { collectFiles, emptyReport, ingestFile } from "../src/ingest.ts";
import { CORPUS, CORPUS_EXTRA } from "./helpers/paths.ts";
import { tempLibrary, type TempLibrary } from "./helpers/library.ts";

let lib: TempLibrary;
let tmp: string;
let store: Store;
let index: MeasureIndex;

interface Row {
  m: Measure;
  doc: DocRef;
  order: number;
}
let rows: Row[] = [];
const allRows = () => rows;

async function ingest(s: Store, files: string[]) {
  const report = emptyReport();
  for (const f of files) await ingestFile(s, f, report);
  expect(report.refused).toEqual([]);
}

function docRefs(s: Store): { ref: DocRef; measures: Measure[] }[] {
  return s.listDocuments(1000).map((d) => ({
    ref: { id: d.id, title: d.title, docNumber: d.docNumber, issuer: d.issuer, region: d.region, date: d.issuedDate ?? d.publishedDate },
    measures: s.measuresOf(d.id),
  }));
}

function loadRows() {
  rows = [];
  let order = 0;
  for (const { ref, measures } of docRefs(store)) for (const m of measures) rows.push({ m, doc: ref, order: order++ });
}

/** Values per facet (the index's default). */
const FACET_LIMIT = 50;

const query = (q: Partial<SearchQuery>): SearchQuery => ({ q: "", limit: 100, offset: 0, ...q });

// ---------------------------------------------------------------------------------------------
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

function reference(q: SearchQuery, rows: Row[] = allRows()): Reference {
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
function allHits(q: SearchQuery, idx: MeasureIndex = index): SearchResponse["hits"] {
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

function expectSameAsReference(q: SearchQuery, idx: MeasureIndex = index, over: Row[] = rows, plan = "") {
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

beforeAll(async () => {
  lib = await tempLibrary("search", [CORPUS]);
  ({ dir: tmp, store } = lib);
  expect(lib.report.refused).toEqual([]);
  index = MeasureIndex.fromStore(store);
  loadRows();
});

afterAll(() => lib?.cleanup());

describe("tokenizer", () => {
  it("keeps numbers and amounts whole", () => {
    const t = tokenize("2010年投入5000万元，总规模从2.2亿元扩大到2.5亿元，占比30%，补助3‰，２０１８年");
    for (const w of ["2010", "5000万元", "5000", "2.5亿元", "2.5", "30%", "3‰", "2018"]) expect(t).toContain(w);
    for (const w of ["2", "0", "1", "5", "."]) expect(t).not.toContain(w);
  });

  it("keeps policy terms and unit names whole, with their sub-words", () => {
    const text = "人行绵阳市中心支行推出科创贷，开展投贷联动，设立风险补偿金，推动知识产权质押，设立科技支行，落实尽职免责，提高不良贷款容忍度";
    const t = tokenize(text);
    for (const w of ["人行绵阳市中心支行", "科创贷", "投贷联动", "风险补偿金", "知识产权质押", "科技支行", "尽职免责", "不良贷款容忍度"]) expect(t).toContain(w);
    // Shorter words inside long ones are indexed too.
    for (const w of ["风险补偿", "知识产权", "人行", "容忍度"]) expect(t).toContain(w);
    // A dictionary word across two cut words is found as well (贷款风险|补偿金).
    expect(tokenize("知识产权质押贷款风险补偿金")).toContain("风险补偿");
  });

  it("drops stop words and punctuation, and is deterministic", () => {
    const text = "市财政局和市科技局等部门的工作，（一）加强“组织”领导！";
    const t = tokenize(text);
    for (const w of ["的", "和", "等", "，", "（", "“", "！"]) expect(t).not.toContain(w);
    expect(tokenize(text)).toEqual(t);
  });

  it("gives query terms their alias spellings and ignores question words", () => {
    const flat = (q: string) => queryTokens(q).flat();
    expect(flat("发改委")).toEqual(expect.arrayContaining(["发展改革委", "发展和改革委员会"]));
    expect(flat("人行")).toContain("人民银行");
    expect(flat("人民银行")).toContain("人行");
    expect(flat("银监局")).toContain("银保监局");
    expect(queryTokens("风险补偿金 谁牵头")).toEqual([["风险补偿金", "风险补偿基金", "风险补偿资金"]]);
    expect(queryTokens("风险补偿金 谁牵头", { synonyms: false })).toEqual([["风险补偿金"]]);
    expect(queryTokens("知识产权质押是什么", { synonyms: false })).toEqual([["知识产权质押"]]);
    expect(queryTokens("谁负责")).toEqual([]);
  });
});

describe("retrieval and ranking", () => {
  it("风险补偿 finds the risk-compensation measures of all four places, title matches first", () => {
    const { hits } = expectSameAsReference(query({ q: "风险补偿" }));
    // Every measure that says 风险补偿 is found (all five documents: 攀枝花 2016 and 2017, 绵阳, 山西, 平阳).
    const saying = rows.filter((r) => (r.m.title ?? "").includes("风险补偿") || r.m.text.includes("风险补偿"));
    expect(new Set(hits.map((h) => h.measure.id))).toEqual(new Set(saying.map((r) => r.m.id)));
    const places = new Set(hits.map((h) => h.document.region.county ?? h.document.region.city ?? h.document.region.province));
    expect(places).toEqual(new Set(["攀枝花市", "绵阳市", "山西省", "平阳县"]));
    expect(new Set(hits.map((h) => h.document.id)).size).toBe(5);
    // The measures about risk compensation (in their title) come before those mentioning it in passing.
    const titled = hits.filter((h) => h.measure.title?.includes("风险补偿"));
    expect(titled.length).toBeGreaterThanOrEqual(4);
    expect(hits.slice(0, titled.length).every((h) => h.measure.title?.includes("风险补偿"))).toBe(true);
    expect(new Set(titled.map((h) => h.document.region.city ?? h.document.region.province))).toEqual(new Set(["攀枝花市", "绵阳市", "山西省"]));
  });

  it("知识产权质押: the top hits are about it in their title", () => {
    const { hits } = expectSameAsReference(query({ q: "知识产权质押" }));
    expect(hits.length).toBeGreaterThan(10);
    for (const h of hits.slice(0, 10)) expect(h.measure.title).toContain("知识产权质押");
  });

  it("人行 finds measures naming 人民银行, and 人民银行 finds those naming 人行", () => {
    const a = expectSameAsReference(query({ q: "人行" })).hits;
    expect(a.some((h) => h.measure.text.includes("人民银行") && !h.measure.text.includes("人行"))).toBe(true);
    const b = expectSameAsReference(query({ q: "人民银行" })).hits;
    expect(b.some((h) => h.measure.text.includes("人行") && !h.measure.text.includes("人民银行"))).toBe(true);
    expect(new Set(a.map((h) => h.measure.id))).toEqual(new Set(b.map((h) => h.measure.id)));
  });

  it("发改委 finds 发展改革委, 银监局 finds 银保监局", () => {
    const hits = expectSameAsReference(query({ q: "发改委" })).hits;
    expect(hits.some((h) => h.measure.text.includes("发展改革委") && !h.measure.text.includes("发改委"))).toBe(true);
    const reg = expectSameAsReference(query({ q: "银监局" })).hits;
    expect(reg.some((h) => h.measure.text.includes("银保监局") && !h.measure.text.includes("银监局"))).toBe(true);
  });

  it("all terms are required; question words are not", () => {
    const both = index.search(query({ q: "风险补偿金 谁牵头" }));
    expect(both.tokens).toEqual(["风险补偿金", "风险补偿基金", "风险补偿资金"]);
    expect(both.total).toBe(index.search(query({ q: "风险补偿金" })).total);
    expect(both.total).toBeGreaterThan(0);
    const and = expectSameAsReference(query({ q: "风险补偿 人行" }));
    expect(and.res.total).toBeLessThan(index.search(query({ q: "风险补偿" })).total);
    expect(index.search(query({ q: "风险补偿 量子纠缠" })).total).toBe(0);
  });

  it("an empty query lists measures by filters only, in document order", () => {
    const all = allHits(query({}));
    expect(all.length).toBe(rows.length);
    expect(all.map((h) => h.measure.id)).toEqual(rows.map((r) => r.m.id));
    const res = index.search(query({ city: "攀枝花市", limit: 5, offset: 3 }));
    expect(res.hits.map((h) => h.measure.id)).toEqual(rows.filter((r) => r.doc.region.city === "攀枝花市").slice(3, 8).map((r) => r.m.id));
    expectSameAsReference(query({ city: "绵阳市" }));
  });

  it("pages: offset and limit cut the same ranked list", () => {
    const full = index.search(query({ q: "科技", limit: 100 }));
    const page = index.search(query({ q: "科技", limit: 7, offset: 5 }));
    expect(page.total).toBe(full.total);
    expect(page.hits.map((h) => h.measure.id)).toEqual(full.hits.slice(5, 12).map((h) => h.measure.id));
  });
});

describe("filters and facets against the brute-force reference", () => {
  const queries = ["", "风险补偿", "科技金融", "人行", "发改委", "融资担保", "知识产权", "贷款 贴息", "领导小组", "2.5亿元", "保险", "谁牵头"];
  const filters = (): Partial<SearchQuery>[] => {
    const docs = [...new Set(rows.map((r) => r.doc.id))];
    return [
      {},
      { province: "四川省" },
      { city: "攀枝花市" },
      { county: "平阳县" },
      { province: "山西省" },
      { doc: docs[1] },
      // One document with places and dates: it passes them or nothing does.
      { doc: docs[1], province: "四川省" }, { doc: docs[1], province: "山西省" }, { doc: docs[1], from: "2000-01-01" }, { doc: docs[1], to: "2000-01-01" },
      { from: "2017-01-01" },
      { to: "2018-12-31" },
      { from: "2017-01-01", to: "2022-12-31" },
      { unit: "市财政局" },
      { unit: "财政局", role: "lead" },
      { unit: "人民银行" },
      { unit: "人行", role: "coop" },
      { unit: "发展和改革委员会" },
      { unit: "科技局", role: "responsible" },
      { role: "lead" },
      { province: "四川省", unit: "金融办", from: "2016-01-01", to: "2017-12-31" },
      { city: "绵阳市", unit: "市金融工作局", role: "responsible" },
    ];
  };

  it("every filter, alone and combined, with several queries", () => {
    let nonEmpty = 0;
    for (const q of queries)
      for (const f of filters()) {
        const { res } = expectSameAsReference(query({ q, ...f }));
        if (res.total) nonEmpty++;
      }
    expect(nonEmpty).toBeGreaterThan(100);
  });

  it("facets count the whole result set, not the page", () => {
    const res = index.search(query({ q: "科技", limit: 1 }));
    expect(res.hits.length).toBe(1);
    const sum = (f: FacetValue[]) => f.reduce((n, v) => n + v.count, 0);
    expect(sum(res.facets.document)).toBe(res.total);
    expect(sum(res.facets.year)).toBe(res.total);
    for (const f of Object.values(res.facets)) for (let i = 1; i < f.length; i++) expect(f[i].count).toBeLessThanOrEqual(f[i - 1].count);
  });

  it("place filters accept names without their level suffix; unknown values find nothing", () => {
    expect(index.search(query({ q: "科技", province: "四川" })).total).toBe(index.search(query({ q: "科技", province: "四川省" })).total);
    expect(index.search(query({ city: "攀枝花" })).total).toBe(index.search(query({ city: "攀枝花市" })).total);
    expect(index.search(query({ q: "科技", province: "西藏自治区" })).total).toBe(0);
    expect(index.search(query({ unit: "不存在的单位" })).total).toBe(0);
    expect(index.search(query({ doc: "0000000000000000" })).total).toBe(0);
  });
});

describe("plans at a larger scale (copies of the seeds, in memory)", () => {
  // 30 copies of each seed document under other ids, places and dates: long postings, so that each
  // plan (candidates from postings or from the filter; further terms scanned or probed) is exercised,
  // all against the brute-force reference over the same copies.
  const places = [
    { province: "四川省", city: "成都市", county: null },
    { province: "山东省", city: "济南市", county: null },
    { province: "浙江省", city: "温州市", county: "平阳县" },
    { province: "山西省", city: null, county: null },
  ];
  let copies: Row[] = [];
  const indexes: Record<string, MeasureIndex> = {};

  beforeAll(() => {
    copies = [];
    const here = { facetThreadFrom: Infinity };
    for (const p of ["auto", "always", "never"] as const) indexes[p] = new MeasureIndex({ ...here, probe: p, bitsetFrom: Infinity });
    indexes.bitsets = new MeasureIndex({ ...here, bitsetFrom: 0 });
    indexes.mixed = new MeasureIndex({ ...here, bitsetFrom: 300 });
    // Long postings (here: from a 32nd of the measures) also kept as bitsets.
    indexes.dense = new MeasureIndex({ ...here, bitsetFrom: 0, denseFrom: 1 });
    // List plan, long terms looked up in their bitsets wherever they have them.
    indexes.denseLookup = new MeasureIndex({ ...here, probe: "dense", bitsetFrom: Infinity, denseFrom: 1 });
    // Bitset plan, the ranked measures scored by the same lookups.
    indexes.denseRanked = new MeasureIndex({ ...here, probe: "dense", bitsetFrom: 0, denseFrom: 1 });
    // Facets counted on the facet thread, for every match set held as a bitset.
    indexes.thread = new MeasureIndex({ bitsetFrom: 0, facetThreadFrom: 0 });
    indexes.threadMixed = new MeasureIndex({ bitsetFrom: 300, facetThreadFrom: 0 });
    // The JavaScript facet kernel, here and on the thread (the others use the native one).
    indexes.js = new MeasureIndex({ ...here, bitsetFrom: 0, native: false });
    indexes.threadJs = new MeasureIndex({ bitsetFrom: 300, facetThreadFrom: 0, native: false });
    let order = 0;
    docRefs(store).forEach(({ ref, measures }, b) => {
      for (let c = 0; c < 30; c++) {
        const id = (c * 16 + b).toString(16).padStart(16, "0");
        const doc: DocRef = { ...ref, id, region: c === 0 ? ref.region : places[c % places.length], date: `${2014 + (c % 11)}-0${1 + (c % 9)}-15` };
        const ms = measures.map((m) => ({ ...m, id: `${id}:${m.path}` }));
        for (const idx of Object.values(indexes)) idx.addDocument(doc, ms);
        for (const m of ms) copies.push({ m, doc, order: order++ });
      }
    });
  });

  it("same results, filters and facets as the reference under every plan", () => {
    const docs = [...new Set(copies.map((r) => r.doc.id))];
    const qs = ["尽职免责 科技", "风险补偿 企业", "科技 金融 服务", "人行 贷款", "知识产权质押 融资", "企业", "发改委 科技"];
    const fs: Partial<SearchQuery>[] = [
      {}, { city: "成都市" }, { province: "山西省", from: "2018-01-01" }, { unit: "财政局" }, { unit: "人民银行", role: "lead" },
      { doc: docs[7] }, { role: "coop", to: "2019-12-31" },
      // Dates within a year (copies dated the 15th of months 1–9), places at two levels, a contradiction.
      { from: "2018-08-01" }, { from: "2015-02-01", to: "2016-03-31" }, { province: "浙江省", city: "温州市" }, { province: "四川省", city: "温州市" },
    ];
    let found = 0;
    for (const idx of Object.values(indexes))
      for (const q of qs)
        for (const f of fs) found += expectSameAsReference(query({ q, ...f }), idx, copies, Object.keys(indexes).find((k) => indexes[k] === idx)).res.total;
    expect(found).toBeGreaterThan(1000);
  });

  it("facets counted on the facet thread: really there, and a search that throws meanwhile leaves the next one right", () => {
    const idx = indexes.thread as unknown as { facetJob: boolean; beginFacets(n: number): void; getMeasures(ids: string[]): unknown };
    const starts = vi.spyOn(FacetThread.prototype, "start");
    const want = expectSameAsReference(query({ q: "企业" }), indexes.thread, copies).res;
    expect(starts).toHaveReturnedWith(true);
    starts.mockRestore();
    // The page fetch fails after the facet job started: the job is left running, then drained.
    const fetch = idx.getMeasures;
    idx.getMeasures = () => {
      throw new Error("source failed");
    };
    expect(() => indexes.thread.search(query({ q: "企业" }))).toThrow("source failed");
    expect(idx.facetJob).toBe(true);
    idx.getMeasures = fetch;
    expect(indexes.thread.search(query({ q: "企业" })).facets).toEqual(want.facets);
    expectSameAsReference(query({ q: "风险补偿 企业", city: "成都市" }), indexes.thread, copies);
    // Given time (the page fetch held up), the worker counts the job itself and it cannot be claimed back.
    const thread = FacetThread.get()!;
    const claims = vi.spyOn(FacetThread.prototype, "claim");
    const before = thread.counted;
    let counted = before;
    idx.getMeasures = (ids: string[]) => {
      const until = Date.now() + 2000;
      while (thread.counted === counted && Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      return fetch.call(idx, ids);
    };
    expect(indexes.thread.search(query({ q: "企业" })).facets).toEqual(want.facets);
    expect(thread.counted).toBe(before + 1);
    expect(claims).toHaveReturnedWith(false);
    claims.mockRestore();
    // A page only (facetLimit 0, as index/library/status-search.ts asks for its pages): the same hits, no
    // facets, and what the worker counted meanwhile is cleared, not added to the next search's facets.
    counted = before + 1;
    const page = indexes.thread.search(query({ q: "企业", facetLimit: 0 }));
    idx.getMeasures = fetch;
    expect(thread.counted).toBe(before + 2);
    expect(page.hits).toEqual(want.hits);
    expect(page.facets.region).toEqual([]);
    expect(indexes.thread.search(query({ q: "企业" })).facets).toEqual(want.facets);
  });

  it("a page ranked within the last search's matches (pageWithin) is the page of a search with docIn, under every plan", () => {
    const docs = [...new Set(copies.map((r) => r.doc.id))];
    // Every third document, and all but those (the validity layer's two sets: in force, and not).
    const some = new Set(docs.filter((_, i) => i % 3 === 0));
    const rest = new Set(docs.filter((d) => !some.has(d)));
    let compared = 0;
    for (const [plan, idx] of Object.entries(indexes))
      for (const q of ["企业", "风险补偿 企业", "科技 金融 服务", "人行", "", "尽职免责"])
        for (const f of [{}, { city: "成都市" }, { unit: "财政局" }, { sort: "date" as const }])
          for (const [offset, limit] of [[0, 20], [15, 7]]) {
            const asked = query({ q, ...f, offset, limit });
            const total = idx.search(asked).total;
            if (!total) continue;
            const pages = [some, rest].map((set) => idx.pageWithin(set, offset, limit).map((h) => [h.measure.id, h.score]));
            const want = [some, rest].map((set) => idx.search({ ...asked, facetLimit: 0, docIn: set } as SearchQuery).hits.map((h) => [h.measure.id, h.score]));
            expect(pages, `${plan} ${q} ${JSON.stringify(f)} ${offset}`).toEqual(want);
            compared += want[0].length + want[1].length;
          }
    expect(compared).toBeGreaterThan(1000);
    // Only after a search that found some, and before the index changes.
    indexes.auto.search(query({ q: "不存在的词语" }));
    expect(() => indexes.auto.pageWithin(some, 0, 10)).toThrow("pageWithin");
  });

  it("ranks and pages the same under every plan", () => {
    for (const q of ["尽职免责 科技", "科技 金融 服务", "风险补偿 企业", "企业", "人行", "知识产权质押"]) {
      const lists = Object.values(indexes).map((idx) => idx.search(query({ q, limit: 50 })).hits.map((h) => [h.measure.id, h.score]));
      for (const list of lists.slice(1)) expect(list, q).toEqual(lists[0]);
      for (const idx of Object.values(indexes)) expect(idx.search(query({ q, limit: 7, offset: 30 })).hits.map((h) => [h.measure.id, h.score]), q).toEqual(lists[0].slice(30, 37));
    }
  });
});

// POLICY_NATIVE=0 runs everything on the JavaScript kernels; these then have nothing to compare.
describe.skipIf(process.env.POLICY_NATIVE === "0")("native kernels", () => {
  it("are built by npm install and loaded", () => {
    expect(nativeKernels, "index/native 未编译：运行 npm run build:native").not.toBeNull();
  });

  it("count like the JavaScript kernel, and refuse arrays that break the index's invariants", () => {
    // Random documents, groups, lead units (some several) and matches.
    let seed = 7;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const measures = 5000;
    const words = (measures >>> 5) + 1;
    const docHi: number[] = [];
    for (let hi = 0; hi < measures; ) docHi.push((hi = Math.min(measures, hi + 1 + rnd(60))));
    const wordDoc = new Int32Array(words);
    for (let w = 0, d = 0; w < words; w++) {
      while (docHi[d] <= w * 32 && d < docHi.length - 1) d++;
      wordDoc[w] = d;
    }
    const leadMask = new Int32Array(words);
    const leadBase = new Int32Array(words);
    const leadUnits: number[] = [];
    const leadMulti: number[] = [];
    for (let w = 0; w < words; w++) {
      leadBase[w] = leadUnits.length;
      for (let b = 0; b < 32 && w * 32 + b < measures; b++)
        if (rnd(3) === 0) {
          leadMask[w] |= 1 << b;
          if (rnd(5) === 0) {
            leadUnits.push(~leadMulti.length);
            leadMulti.push(2, rnd(40), 40 + rnd(40));
          } else leadUnits.push(rnd(80));
        }
    }
    const cols: FacetColumns = {
      docOf: new Int32Array(0), docHi: Int32Array.from(docHi), wordDoc, docGroup: Int32Array.from(docHi, () => rnd(30)),
      leadMask, leadBase, leadUnits: Int32Array.from(leadUnits), leadMulti: Int32Array.from(leadMulti),
    };
    const counts = (): FacetCounts => ({
      docs: new Int32Array(docHi.length), docN: new Int32Array(docHi.length), docCount: new Int32Array(0), groupCount: new Int32Array(30),
      groups: new Int32Array(30), unitCount: new Int32Array(80), units: new Int32Array(80), touched: new Int32Array(3),
    });
    const seen = (c: FacetCounts) => ({
      docs: [...c.docs.subarray(0, c.touched[0])], docN: [...c.docN.subarray(0, c.touched[0])],
      groups: [...c.groups.subarray(0, c.touched[2])].map((g) => [g, c.groupCount[g]]), units: [...c.units.subarray(0, c.touched[1])].map((u) => [u, c.unitCount[u]]),
    });
    for (const density of [0, 1, 3, 16, 32]) {
      const bits = Int32Array.from({ length: words }, () => (density === 32 ? -1 : Array.from({ length: density }, () => 1 << rnd(32)).reduce((a, b) => a | b, 0)));
      bits[words - 1] &= (1 << (measures & 31)) - 1; // no measures past the last
      const [js, native] = [counts(), counts()];
      countFacetsBits(bits, words, cols, js);
      nativeKernels!.countFacetsBits(bits, words, cols, native);
      expect(seen(native), `density ${density}`).toEqual(seen(js));
    }
    const bits = new Int32Array(words).fill(-1);
    bits[words - 1] = 0;
    expect(() => nativeKernels!.countFacetsBits(bits, words, { ...cols, docHi: cols.docHi.subarray(0, 3) }, counts())).toThrow(RangeError);
    expect(() => nativeKernels!.countFacetsBits(bits, words, { ...cols, leadUnits: new Int32Array(2) }, counts())).toThrow(RangeError);
    expect(() => nativeKernels!.countFacetsBits(bits, words + 5, cols, counts())).toThrow(TypeError);
    expect(() => nativeKernels!.countFacetsBits(bits, words, { ...cols, docGroup: new Float64Array(3) as never }, counts())).toThrow(TypeError);
  });

  it("pass over whole bitsets like the JavaScript kernels", () => {
    let seed = 11;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) | 0);
    const n = 777;
    const random = () => Int32Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : i % 7 === 0 ? -1 : rnd()));
    const [a, b] = [random(), random()];
    for (const words of [0, 1, 31, 400, n]) {
      const js = JS_KERNELS;
      const nat = nativeKernels!;
      expect(nat.popcount(a, words)).toBe(js.popcount(a, words));
      const [a1, a2] = [a.slice(), a.slice()];
      expect(nat.andInto(a1, b, words)).toBe(js.andInto(a2, b, words));
      expect(a1).toEqual(a2);
      nat.orInto(a1, b, words);
      js.orInto(a2, b, words);
      expect(a1).toEqual(a2);
      const [p1, p2] = [new Int32Array(n), new Int32Array(n)];
      expect(nat.prefixCounts(a, words, p1, 0)).toBe(js.prefixCounts(a, words, p2, 0));
      expect(p1).toEqual(p2);
      if (words > 2) {
        a1.set(a);
        a1[words - 1] ^= 0x10;
        expect(nat.prefixCounts(a1, words, p1, words - 1)).toBe(js.prefixCounts(a1, words, p2, words - 1));
        expect(p1).toEqual(p2);
      }
    }
    const sets = Array.from({ length: 15 }, random);
    for (let g = 1; g <= 15; g += 7)
      for (let j = 1; j <= g; j += 3) {
        const [o1, o2] = [new Int32Array(n), new Int32Array(n)];
        expect(nativeKernels!.atLeast(sets.slice(0, g), j, b, n, o1)).toBe(JS_KERNELS.atLeast(sets.slice(0, g), j, b, n, o2));
        expect(o1).toEqual(o2);
      }
    expect(() => nativeKernels!.atLeast([a, new Int32Array(3)], 1, b, n, new Int32Array(n))).toThrow(TypeError);
    // Top k by score, scores by id or by position, many ties.
    const acc = Int32Array.from({ length: 32 * n }, () => (rnd() >>> 0) % 40);
    for (const k of [1, 20, 120, 100000])
      for (const byPosition of [false, true]) expect(nativeKernels!.topByScoreBits(a, n, JS_KERNELS.popcount(a, n), acc, k, byPosition)).toEqual(JS_KERNELS.topByScoreBits(a, n, JS_KERNELS.popcount(a, n), acc, k, byPosition));
    expect(() => nativeKernels!.topByScoreBits(a, n, 10000, new Int32Array(5), 10, false)).toThrow(RangeError);
    expect(() => nativeKernels!.andInto(a, new Int32Array(3), 10)).toThrow(TypeError);
    expect(() => nativeKernels!.popcount(a, n + 1)).toThrow(TypeError);
    expect(() => nativeKernels!.prefixCounts(a, 10, new Int32Array(10), 11)).toThrow(TypeError);
  });
});

describe.skipIf(process.env.POLICY_NATIVE === "0")("native kernels: read-only counts", () => {
  it("andCount and countRolesBits count like the JavaScript kernels, write nothing, and refuse short arrays", () => {
    let seed = 5;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) | 0);
    const n = 913;
    const random = (zeros: number) => Int32Array.from({ length: n }, (_, i) => (i % zeros === 0 ? 0 : i % 11 === 0 ? -1 : rnd()));
    const [bits, r0, r1, r2] = [random(3), random(5), random(7), random(2)];
    const copies = [bits, r0, r1, r2].map((a) => a.slice());
    for (const words of [0, 1, 32, 500, n]) {
      expect(nativeKernels!.andCount(bits, r1, words)).toBe(JS_KERNELS.andCount(bits, r1, words));
      expect(JS_KERNELS.andCount(bits, r1, words)).toBe(JS_KERNELS.andInto(bits.slice(), r1, words));
      const [o1, o2] = [new Int32Array(3), new Int32Array(3)];
      nativeKernels!.countRolesBits(bits, words, [r0, r1, r2], o1);
      JS_KERNELS.countRolesBits(bits, words, [r0, r1, r2], o2);
      expect(o1).toEqual(o2);
      expect([...o2]).toEqual([r0, r1, r2].map((r) => JS_KERNELS.andCount(bits, r, words)));
    }
    expect([bits, r0, r1, r2]).toEqual(copies);
    expect(() => nativeKernels!.countRolesBits(bits, n, [r0, new Int32Array(4), r2], new Int32Array(3))).toThrow(TypeError);
    expect(() => nativeKernels!.andCount(bits, new Int32Array(4), 10)).toThrow(TypeError);
  });
});

describe("long postings kept as bitsets", () => {
  // Bitset plan (bitsets ORed), and list plan with candidates looked up in them (best slot by rank).
  it.each([{ bitsetFrom: 0 }, { bitsetFrom: 0, probe: "dense" as const }, { bitsetFrom: Infinity, probe: "dense" as const }])("stay in step as documents are added and removed (%o)", (plan) => {
    const idx = new MeasureIndex({ ...plan, denseFrom: 1 });
    const dense = () => (idx as unknown as { denseBody: { size: number } }).denseBody.size;
    const docs = docRefs(store);
    const rowsOf = (list: typeof docs, copy: number): Row[] =>
      list.flatMap(({ ref, measures }) => {
        const id = `${ref.id}-${copy}`;
        const doc: DocRef = { ...ref, id };
        const ms = measures.map((m) => ({ ...m, id: `${id}:${m.path}` }));
        idx.addDocument(doc, ms);
        return ms.map((m) => ({ m, doc, order: 0 }));
      });
    const first = [0, 1, 2, 3].flatMap((c) => rowsOf(docs, c));
    first.forEach((r, i) => (r.order = i));
    const qs = ["企业", "科技 金融 服务", "风险补偿 企业", "发改委"];
    for (const q of qs) expectSameAsReference(query({ q }), idx, first);
    expect(dense()).toBeGreaterThan(0);
    // More copies: the bitsets take the new postings (and, past a sixteenth more, new long terms).
    const all = [...first, ...[4, 5, 6].flatMap((c) => rowsOf(docs, c))];
    all.forEach((r, i) => (r.order = i));
    for (const q of qs) expectSameAsReference(query({ q }), idx, all);
    // Removed documents leave their bits behind, cleared by the alive bitset.
    const gone = new Set([all[0].doc.id, all[all.length - 1].doc.id]);
    for (const id of gone) idx.removeDocument(id);
    const left = all.filter((r) => !gone.has(r.doc.id));
    // Filters too: the removed documents stay in the place and year lists, cleared the same way.
    const province = all[0].doc.region.province!;
    const fs: Partial<SearchQuery>[] = [{}, { province }, { province, city: all[0].doc.region.city ?? undefined }, { from: "2016-03-01" }, { from: "2015-01-01", to: "2020-06-30" }];
    for (const q of qs) for (const f of fs) expectSameAsReference(query({ q, ...f }), idx, left);
  });
});

describe("highlighting", () => {
  it("marks Chinese terms in the title and a snippet around the first match", () => {
    const res = index.search(query({ q: "风险补偿", limit: 20 }));
    const top = res.hits[0];
    expect(top.highlight.title).toContain("<mark>风险补偿</mark>");
    for (const h of res.hits) {
      expect(h.highlight.text).toContain("<mark>");
      const plain = h.highlight.text.replace(/<\/?mark>/g, "");
      expect(plain.replace(/^…|…$/g, "").length).toBeLessThanOrEqual(124);
    }
    const passing = res.hits.find((h) => !h.measure.title?.includes("风险补偿") && h.measure.text.indexOf("风险补偿") > 120)!;
    expect(passing).toBeDefined();
    expect(passing.highlight.text.startsWith("…")).toBe(true);
  });

  it("marks synonyms as found in the text", () => {
    const res = index.search(query({ q: "发改委", limit: 50 }));
    expect(res.hits.some((h) => h.highlight.text.includes("<mark>发展改革委</mark>"))).toBe(true);
  });

  it("escapes HTML and marks without white space between words", () => {
    expect(highlightAll("<b>设立风险补偿金</b>&", ["风险补偿"])).toBe("&lt;b&gt;设立<mark>风险补偿</mark>金&lt;/b&gt;&amp;");
    expect(highlightAll("风险补偿金", ["风险补偿", "补偿金"])).toBe("<mark>风险补偿金</mark>");
    const long = "前".repeat(300) + "知识产权质押" + "后".repeat(300);
    const snip = highlightSnippet(long, ["知识产权质押"]);
    expect(snip).toMatch(/^…前+<mark>知识产权质押<\/mark>后+…$/);
    expect(snip.replace(/<\/?mark>|…/g, "").length).toBe(120);
    expect(highlightSnippet("没有匹配的文字", ["风险"])).toBe("没有匹配的文字");
  });
});

describe("units", () => {
  it("unitsMatching finds a unit by any alias, with counts", () => {
    const fgw = index.unitsMatching("发展和改革委员会");
    expect(fgw.map((u) => u.key).sort()).toEqual(["山西发改委", "攀枝花发改委", "绵阳发改委"]);
    for (const u of fgw) {
      expect(u.count).toBeGreaterThan(0);
      expect(u.lead + u.coop + u.responsible).toBeGreaterThanOrEqual(u.count);
    }
    const pbc = index.unitsMatching("人民银行");
    expect(pbc.map((u) => u.key)).toEqual(expect.arrayContaining(["人行攀枝花中心支行", "人行绵阳中心支行", "人行太原中心支行"]));
    const sum = index.unitsMatching("人行").reduce((n, u) => n + u.count, 0);
    expect(sum).toBe(pbc.reduce((n, u) => n + u.count, 0));
    expect(index.unitsMatching("").length).toBeGreaterThan(20);
  });

  it("measuresOfUnit groups what a unit leads, cooperates on or is responsible for by document, with deadlines", () => {
    const r = index.measuresOfUnit("绵阳市财政局");
    expect(r.units.map((u) => u.key)).toEqual(["绵阳财政局"]);
    expect(r.documents.length).toBe(1);
    const ms = r.documents[0].measures;
    expect(ms.length).toBe(r.total);
    const expected = rows.filter((x) => x.doc.region.city === "绵阳市" && x.m.units.some((u) => unitKey(u.canonical, x.doc.region) === "绵阳财政局"));
    expect(ms.map((m) => m.id)).toEqual(expected.map((x) => x.m.id));
    const tiexi = ms.find((m) => m.path === "二/(二)/5")!;
    expect(tiexi.roles).toEqual(["lead"]);
    expect(tiexi.deadlines.length).toBeGreaterThan(0);
    expect(index.measuresOfUnit("不存在的单位").total).toBe(0);
  });
});

describe("updates", () => {
  it("removeDocument and addDocument change results, filters and facets alike", () => {
    const { ref, measures } = docRefs(store).find((d) => d.ref.region.province === "山西省")!;
    const before = index.search(query({ q: "风险补偿" })).total;
    expect(index.removeDocument(ref.id)).toBe(true);
    expect(index.removeDocument(ref.id)).toBe(false);
    const during = index.search(query({ q: "风险补偿" }));
    expect(during.total).toBeLessThan(before);
    expect(during.facets.province.map((f) => f.value)).not.toContain("山西省");
    expect(index.search(query({ doc: ref.id })).total).toBe(0);
    expect(index.unitsMatching("山西银监局")).toEqual([]);
    index.addDocument(ref, measures);
    expect(index.search(query({ q: "风险补偿" })).total).toBe(before);
    expectSameAsReference(query({ q: "风险补偿", province: "山西省" }));
    // Adding the same document again replaces it.
    index.addDocument(ref, measures);
    expect(index.size.measures).toBe(rows.length);
    expectSameAsReference(query({ q: "科技", unit: "省科技厅" }));
  });

  it("a word added to the dictionary later still finds the measures indexed before", () => {
    const m = rows.find((r) => r.m.text.includes("金鼎担保公司"))!;
    expect(m).toBeDefined();
    addWords(["金鼎担保公司"]);
    expect(queryTokens("金鼎担保公司")).toEqual([["金鼎担保公司"]]);
    const res = index.search(query({ q: "金鼎担保公司" }));
    expect(res.hits.map((h) => h.measure.id)).toContain(m.m.id);
    expectSameAsReference(query({ q: "金鼎担保公司" }));
  });
});

describe("persistence", () => {
  const probes = ["风险补偿", "人行", "知识产权质押", "", "科技 保险"];

  it("save and load round-trip", () => {
    const dir = join(tmp, "index-a");
    index.save(dir);
    const loaded = MeasureIndex.load(dir, store);
    for (const q of probes)
      for (const f of [{}, { city: "绵阳市" }, { unit: "人民银行", role: "lead" as const }]) {
        const a = index.search(query({ q, ...f }));
        const b = loaded.search(query({ q, ...f }));
        expect(b.total).toBe(a.total);
        expect(b.hits.map((h) => [h.measure.id, h.score, h.highlight])).toEqual(a.hits.map((h) => [h.measure.id, h.score, h.highlight]));
        expect(b.facets).toEqual(a.facets);
      }
    expect(loaded.unitsMatching("发改委")).toEqual(index.unitsMatching("发改委"));
    expect(loaded.documentIds()).toEqual(index.documentIds());
  });

  it("a stale or damaged copy is rebuilt from the store", async () => {
    const dir = join(tmp, "index-b");
    index.save(dir);
    expect(MeasureIndex.isStale(dir, store)).toBe(false);
    // The store gains a document: the copy is stale, and load rebuilds (and saves) it.
    const extra = collectFiles([CORPUS_EXTRA]).files.find((f) => f.includes("guojia-2019-rongzi-danbao"))!;
    const s2 = new Store(join(tmp, "data2"));
    await ingest(s2, [...collectFiles([CORPUS]).files, extra]);
    expect(MeasureIndex.isStale(dir, s2)).toBe(true);
    const rebuilt = MeasureIndex.load(dir, s2);
    expect(rebuilt.size.documents).toBe(6);
    expect(MeasureIndex.isStale(dir, s2)).toBe(false);
    expect(rebuilt.search(query({ q: "融资担保" })).total).toBeGreaterThan(index.search(query({ q: "融资担保" })).total);
    // The store lost a document: the copy drops it.
    const s3 = new Store(join(tmp, "data3"));
    await ingest(s3, collectFiles([CORPUS]).files.slice(1));
    const dir3 = join(tmp, "index-d");
    index.save(dir3);
    const fewer = MeasureIndex.load(dir3, s3);
    expect(fewer.size.documents).toBe(4);
    expect(fewer.documentIds()).toEqual(s3.listDocuments().map((d) => d.id).sort());
    expect(fewer.search(query({ q: "风险补偿" })).total).toBeLessThan(index.search(query({ q: "风险补偿" })).total);
    expect(MeasureIndex.isStale(dir3, s3)).toBe(false);
    s3.close();
    // syncWith: an index brought in line with another store's documents.
    const synced = MeasureIndex.fromStore(store);
    expect(synced.syncWith(s2)).toEqual({ added: rebuilt.documentIds().filter((id) => !index.documentIds().includes(id)), removed: [], changed: [] });
    expect(synced.documentIds()).toEqual(rebuilt.documentIds());
    expect(synced.search(query({ q: "融资担保" })).total).toBe(rebuilt.search(query({ q: "融资担保" })).total);
    // A damaged column file: rebuilt rather than trusted.
    writeFileSync(join(dir, "search-index.bin"), "garbage");
    const again = MeasureIndex.load(dir, s2);
    expect(again.size).toEqual(rebuilt.size);
    // Missing: built and saved.
    const fresh = join(tmp, "index-c");
    const built = MeasureIndex.load(fresh, s2);
    expect(existsSync(join(fresh, "search-index.json"))).toBe(true);
    expect(built.search(query({ q: "风险补偿" })).total).toBe(rebuilt.search(query({ q: "风险补偿" })).total);
    s2.close();
  });
});
