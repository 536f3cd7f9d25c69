// The index under every plan (candidates from postings or filters, terms scanned, probed or looked up in
// bitsets, facets counted here, natively or on the facet thread), at a larger scale: copies of the seeds,
// against the brute-force reference (tests/helpers/search-reference.ts).
import { beforeAll, describe, expect, it, vi } from "vitest";
import { FacetThread } from "../index/search/facet-thread.ts";
import type { DocRef, SearchQuery } from "../index/schema.ts";
import { MeasureIndex } from "../index/search/search.ts";
import { docRefs, useSearchCorpus, query, type Row } from "./helpers/search-reference.ts";

const fx = useSearchCorpus("search-plans");

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
    docRefs(fx.store).forEach(({ ref, measures }, b) => {
      for (let c = 0; c < 30; c++) {
        const id = (c * 16 + b).toString(16).padStart(16, "0");
        const doc: DocRef = { ...ref, id, region: c === 0 ? ref.region : places[c % places.length], date: `${2014 + (c % 11)}-0${1 + (c % 9)}-15` };
        const ms = measures.map((m) => ({ ...m, id: `${id}:${m.path}` }));
        for (const idx of Object.values(indexes)) idx.addDocument(doc, ms);
        for (const m of ms) copies.push({ m, doc, order: order++ });
      }
    });
  });

  it("same results, filters and facets as the reference under every plan", { timeout: 240_000 }, () => {
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
        for (const f of fs) found += fx.same(query({ q, ...f }), idx, copies, Object.keys(indexes).find((k) => indexes[k] === idx)).res.total;
    expect(found).toBeGreaterThan(1000);
  });

  it("facets counted on the facet thread: really there, and a search that throws meanwhile leaves the next one right", () => {
    const idx = indexes.thread as unknown as { facetJob: boolean; beginFacets(n: number): void; getMeasures(ids: string[]): unknown };
    const starts = vi.spyOn(FacetThread.prototype, "start");
    const want = fx.same(query({ q: "企业" }), indexes.thread, copies).res;
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
    fx.same(query({ q: "风险补偿 企业", city: "成都市" }), indexes.thread, copies);
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
            // Whole hits: those of the first page met again keep their record and highlight.
            const pages = [some, rest].map((set) => idx.pageWithin(set, offset, limit));
            const want = [some, rest].map((set) => idx.search({ ...asked, facetLimit: 0, docIn: set } as SearchQuery).hits);
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

describe("long postings kept as bitsets", () => {
  // Bitset plan (bitsets ORed), and list plan with candidates looked up in them (best slot by rank).
  it.each([{ bitsetFrom: 0 }, { bitsetFrom: 0, probe: "dense" as const }, { bitsetFrom: Infinity, probe: "dense" as const }])("stay in step as documents are added and removed (%o)", (plan) => {
    const idx = new MeasureIndex({ ...plan, denseFrom: 1 });
    const dense = () => (idx as unknown as { denseBody: { size: number } }).denseBody.size;
    const docs = docRefs(fx.store);
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
    for (const q of qs) fx.same(query({ q }), idx, first);
    expect(dense()).toBeGreaterThan(0);
    // More copies: the bitsets take the new postings (and, past a sixteenth more, new long terms).
    const all = [...first, ...[4, 5, 6].flatMap((c) => rowsOf(docs, c))];
    all.forEach((r, i) => (r.order = i));
    for (const q of qs) fx.same(query({ q }), idx, all);
    // Removed documents leave their bits behind, cleared by the alive bitset.
    const gone = new Set([all[0].doc.id, all[all.length - 1].doc.id]);
    for (const id of gone) idx.removeDocument(id);
    const left = all.filter((r) => !gone.has(r.doc.id));
    // Filters too: the removed documents stay in the place and year lists, cleared the same way.
    const province = all[0].doc.region.province!;
    const fs: Partial<SearchQuery>[] = [{}, { province }, { province, city: all[0].doc.region.city ?? undefined }, { from: "2016-03-01" }, { from: "2015-01-01", to: "2020-06-30" }];
    for (const q of qs) for (const f of fs) fx.same(query({ q, ...f }), idx, left);
  });
});
