// A restored index (a snapshot) searches its postings in place, as views of the snapshot's lists, with the
// native kernels (index/search/text-index.ts postings, flat/text-postings.ts FlatTermMap.read); the terms a
// new document adds to are flexsearch's arrays again, read by the JavaScript kernels. Either way the answers
// are those of the same copy read through arrays only (the JavaScript kernels).
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { MeasureIndex } from "../index/search/search.ts";
import { FlatTermMap } from "../index/search/flat/text-postings.ts";
import { nativeKernels } from "../index/search/native-kernels.ts";
import { docRefs, useSearchCorpus, query } from "./helpers/search-reference.ts";

const fx = useSearchCorpus("search-snapshot-views");
const probes = ["风险补偿", "人行", "知识产权质押", "", "科技 保险"];

describe("postings of a restored copy", () => {
  it("a restored copy searches its postings in place (views of the snapshot) with the native kernels, the arrays flexsearch made once a document adds to them", () => {
    const dir = join(fx.tmp, "index-views");
    fx.index.save(dir);
    const [views, arrays] = [MeasureIndex.load(dir, fx.store), MeasureIndex.load(dir, fx.store, { native: false })];
    const map = (views as unknown as { body: { map: Map<string, unknown> } }).body.map;
    const made = () => Reflect.apply(Object.getOwnPropertyDescriptor(Map.prototype, "size")!.get!, map, []) as number;
    expect(map).toBeInstanceOf(FlatTermMap);
    const same = () => {
      for (const q of probes)
        for (const f of [{}, { unit: "人民银行", role: "lead" as const }]) {
          const [a, b] = [arrays.search(query({ q, ...f })), views.search(query({ q, ...f }))];
          expect(b.hits.map((h) => [h.measure.id, h.score])).toEqual(a.hits.map((h) => [h.measure.id, h.score]));
          expect([b.total, b.facets]).toEqual([a.total, a.facets]);
        }
    };
    same();
    if (nativeKernels) expect(made()).toBe(0);
    // A document added: its terms' lists become flexsearch's arrays (read by the JavaScript kernels).
    const [first] = docRefs(fx.store);
    const id = "f".repeat(16);
    for (const idx of [views, arrays]) idx.addDocument({ ...first.ref, id }, first.measures.map((m) => ({ ...m, id: `${id}:${m.path}` })));
    expect(made()).toBeGreaterThan(0);
    same();
  });
});
