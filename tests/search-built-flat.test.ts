// An index built in this process has its postings made flat once the build ends (index/search/flat/compact.ts),
// the form a restored copy reads in place, so that it queries them through the native kernels too. Later
// adds and removes still answer as a fresh build of the same documents; a save takes its flat arrays back
// as the index's postings when the flat form was the index's own.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { Index } from "flexsearch";
import { MeasureIndex } from "../index/search/search.ts";
import { storeSource } from "../index/search/source.ts";
import { addWords } from "../index/search/tokenizer.ts";
import { FlatTermMap, attachPostings, flattenPostings, type Slots } from "../index/search/flat/text-postings.ts";
import { adoptSaved, compactPostings } from "../index/search/flat/compact.ts";
import { StringColumn } from "../index/search/flat/strings.ts";
import { nativeKernels } from "../index/search/native-kernels.ts";
import type { DocRef } from "../index/schema.ts";
import type { Measure } from "../extract/schema.ts";
import { docRefs, useSearchCorpus, query } from "./helpers/search-reference.ts";

const fx = useSearchCorpus("search-built-flat");
const probes = ["风险补偿", "人行", "知识产权质押", "", "科技 保险", "融资 担保"];
const filters = [{}, { unit: "人民银行", role: "lead" as const }, { sort: "date" as const }, { offset: 5, limit: 5 }];

type Text = { body: { map: Map<string, Slots>; reg: Set<number> }; title: { map: Map<string, Slots> }; unitIds: ArrayLike<number>[] };
const text = (idx: MeasureIndex) => idx as unknown as Text;
/** Terms made into flexsearch's arrays (or added) beside the flat lists. */
const made = (idx: MeasureIndex) => Reflect.apply(Object.getOwnPropertyDescriptor(Map.prototype, "size")!.get!, text(idx).body.map, []) as number;

/** The answers that must not depend on how the postings are held: hits (measure, score), totals, facets. */
function answers(idx: MeasureIndex) {
  return probes.flatMap((q) =>
    filters.map((f) => {
      const r = idx.search(query({ q, ...f }));
      return { q, f, hits: r.hits.map((h) => [h.measure.id, h.score]), total: r.total, facets: r.facets };
    }),
  );
}

/** A fresh build of the store's documents and then `extra` (each added as the index adds documents). */
function freshBuild(extra: { ref: DocRef; measures: Measure[] }[], native = true): MeasureIndex {
  const idx = MeasureIndex.fromStore(fx.store, { native });
  for (const d of extra) idx.addDocument(d.ref, d.measures);
  idx.compactPostings();
  return idx;
}

/** A copy of the store's first document naming units, under another id. */
function copyOfFirst(): { ref: DocRef; measures: Measure[] } {
  const first = docRefs(fx.store).find((d) => d.measures.some((m) => m.units.length))!;
  const id = "e".repeat(16);
  return { ref: { ...first.ref, id }, measures: first.measures.map((m) => ({ ...m, id: `${id}:${m.path}` })) };
}

describe("postings of an index built in this process", () => {
  it("are flat once the build ends, read in place with the native kernels, and answer as the flexsearch arrays did", () => {
    const built = MeasureIndex.fromStore(fx.store);
    expect(text(built).body.map).toBeInstanceOf(FlatTermMap);
    expect(text(built).title.map).toBeInstanceOf(FlatTermMap);
    expect(text(built).body.reg.size).toBe(0);
    // Unit postings: views of flat columns, as a restored copy's.
    expect(text(built).unitIds.every((ids) => ids instanceof Int32Array)).toBe(true);
    // The same documents added one by one, never made flat (flexsearch's arrays, the JavaScript kernels' twins).
    const arrays = new MeasureIndex({ source: storeSource(fx.store) });
    addWords(fx.store.unitNames());
    for (const d of docRefs(fx.store)) arrays.addDocument(d.ref, d.measures);
    expect(text(arrays).body.map).not.toBeInstanceOf(FlatTermMap);
    expect(answers(built)).toEqual(answers(arrays));
    if (nativeKernels) expect(made(built)).toBe(0);
  });

  for (const native of [true, false])
    it(`add → search → remove → search answers as a fresh build of the same documents (${native ? "native" : "JavaScript"} kernels)`, () => {
      const idx = MeasureIndex.fromStore(fx.store, { native });
      const before = answers(idx);
      const doc = copyOfFirst();
      idx.addDocument(doc.ref, doc.measures);
      // Its terms' lists are flexsearch's arrays again, the others flat; with the native kernels a search reads
      // copies of those arrays as Int32Array lists (the kernels' form), made again once the arrays grow.
      expect(made(idx)).toBeGreaterThan(0);
      const map = text(idx).body.map as FlatTermMap;
      const term = Map.prototype.keys.call(map).next().value as string;
      const read = map.read(term)!;
      expect(read.every((l) => l instanceof Int32Array)).toBe(true);
      expect(read.map((l) => Array.from(l ?? []))).toEqual(Array.from({ length: read.length }, (_, s) => Array.from(map.get(term)![s] ?? [])));
      expect(map.read(term)).toBe(read);
      expect(answers(idx)).toEqual(answers(freshBuild([doc], native)));
      expect(idx.removeDocument(doc.ref.id)).toBe(true);
      expect(answers(idx)).toEqual(before);
      expect(answers(idx)).toEqual(answers(freshBuild([], native)));
    });

  it("a save takes the flat arrays it wrote as the postings again (the index's own flat form), and a copy loaded from it answers the same", () => {
    const idx = MeasureIndex.fromStore(fx.store);
    const doc = copyOfFirst();
    idx.addDocument(doc.ref, doc.measures);
    expect(made(idx)).toBeGreaterThan(0);
    const dir = join(fx.tmp, "index-built-flat");
    expect(text(idx).unitIds.some((ids) => Array.isArray(ids))).toBe(true);
    idx.save(dir);
    expect(made(idx)).toBe(0);
    expect(text(idx).unitIds.every((ids) => ids instanceof Int32Array)).toBe(true);
    expect((text(idx).body.map as FlatTermMap).owned).toBe(true);
    const fresh = freshBuild([doc]);
    expect(answers(idx)).toEqual(answers(fresh));
    // Loaded with the store as its source, which lacks the added document's measures: their hits are left
    // out of pages (as any measure the source cannot give), so totals and facets are compared.
    const counts = (idx: MeasureIndex) => answers(idx).map(({ q, f, total, facets }) => ({ q, f, total, facets }));
    const loaded = MeasureIndex.fromDir(dir, { source: storeSource(fx.store) })!;
    expect(counts(loaded)).toEqual(counts(fresh));
    // Saved again with nothing made into arrays since: the same flat arrays are written as they are.
    const f = flattenPostings(text(idx).body as unknown as Index, 9);
    expect(f.ids).toBe((text(idx).body.map as FlatTermMap).base()!.ids);
  });
});

describe("the flat form of one text index", () => {
  const slotsOf = (ix: Index) => new Map([...(ix as unknown as { map: Map<string, Slots> }).map].map(([t, s]) => [t, s.map((l) => (l ? [...l] : []))]));
  const fill = (ix: Index, from: number, n: number) => {
    for (let id = from; id < from + n; id++) ix.add(id, id % 3 ? "甲 乙" : "乙 丙 丁");
  };

  it("compactPostings keeps every term's slot lists, and a later add appends to the arrays made from them", () => {
    const ix = new Index({ tokenize: "strict", resolution: 9 });
    fill(ix, 0, 40);
    const lists = slotsOf(ix);
    compactPostings(ix, 9);
    const map = (ix as unknown as { map: Map<string, Slots> }).map as FlatTermMap;
    expect(map).toBeInstanceOf(FlatTermMap);
    expect(map.owned).toBe(true);
    expect(slotsOf(ix)).toEqual(lists);
    fill(ix, 40, 3);
    const grown = new Index({ tokenize: "strict", resolution: 9 });
    fill(grown, 0, 43);
    expect(slotsOf(ix)).toEqual(slotsOf(grown));
  });

  it("adoptSaved: a snapshot's views are kept while the terms made into arrays hold less than half their postings", () => {
    const ix = new Index({ tokenize: "strict", resolution: 9 });
    fill(ix, 0, 40);
    const f = flattenPostings(ix, 9);
    // As a restored copy: views of a file (not the index's own).
    attachPostings(ix, { terms: new StringColumn(f.terms, f.termOff), off: f.off, ids: f.ids, r: 9 });
    ix.add(40, "丁"); // one short term made into arrays
    const map = () => (ix as unknown as { map: Map<string, Slots> }).map as FlatTermMap;
    const first = map();
    adoptSaved(ix, flattenPostings(ix, 9), 9);
    // (Identity compared as booleans: toBe's hint on a mismatch would iterate the maps, making their arrays.)
    expect(map() === first).toBe(true);
    ix.add(41, "乙"); // the longest term too: more than half of the postings are arrays now
    adoptSaved(ix, flattenPostings(ix, 9), 9);
    expect(map() === first).toBe(false);
    expect(map().owned).toBe(true);
    expect(map().base()).not.toBeNull();
  });
});
