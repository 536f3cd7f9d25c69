// The snapshot format (index/search/snapshot.ts, index/search/flat/*): flat columns read back as views
// of one file buffer, the same answers after a load, after documents added to a loaded index and after
// saving a loaded index again; a changed, cut or foreign file is not trusted, also when it was read ahead.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SearchQuery } from "../index/schema.ts";
import { MeasureIndex, storeSource } from "../index/search/search.ts";
import { MANIFEST, dropPrefetched, prefetchLimits, prefetchSnapshot, readManifest, readSnapshot } from "../index/search/snapshot.ts";
import { FlatTermMap } from "../index/search/flat/text-postings.ts";
import { StringColumn, encodeStrings } from "../index/search/flat/strings.ts";
import { MeasureIds, decodeIds, encodeIds } from "../index/search/flat/columns.ts";
import { Store } from "../index/store/store.ts";
import { collectFiles, emptyReport, ingestFile } from "../src/documents/ingest.ts";
import { CORPUS, CORPUS_EXTRA } from "./helpers/paths.ts";

let tmp: string;
let store: Store;
let extraStore: Store;
// denseFrom 8: long posting lists (with their bitsets) even in the small corpus.
const OPTIONS = { denseFrom: 8 };

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "policy-snapshot-"));
  store = new Store(join(tmp, "data"));
  const report = emptyReport();
  for (const f of collectFiles([CORPUS]).files) await ingestFile(store, f, report);
  // A document the first store lacks, to add to a loaded index.
  extraStore = new Store(join(tmp, "extra"));
  const extra = collectFiles([CORPUS_EXTRA]).files.find((f) => f.includes("guojia-2019-rongzi-danbao"))!;
  await ingestFile(extraStore, extra, report);
}, 180000);

afterAll(() => {
  store?.close();
  extraStore?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const query = (q: Partial<SearchQuery>): SearchQuery => ({ q: "", limit: 50, offset: 0, ...q });
const PROBES: Partial<SearchQuery>[] = [
  { q: "风险补偿" },
  { q: "科技 保险" },
  { q: "融资担保" },
  { q: "人行" },
  { q: "", city: "绵阳市" },
  { unit: "人民银行", role: "lead" },
  { q: "知识产权质押", sort: "date" },
  { q: "贷款", offset: 10, limit: 20 },
  { q: "贷款", year: 2022 },
  { q: "担保", from: "2020-01-01", to: "2023-06-30", sort: "date-asc" },
];

function answers(index: MeasureIndex) {
  const searches = PROBES.map((p) => {
    const r = index.search(query(p));
    return { total: r.total, hits: r.hits.map((h) => [h.measure.id, h.score, h.highlight]), facets: r.facets };
  });
  // Every unit with its names and counts, and one unit's measures.
  return { searches, units: index.unitList({ limit: 100000, offset: 0 }), unit: index.measuresOfUnit("人民银行") };
}

function addExtra(index: MeasureIndex): void {
  for (const d of extraStore.listDocuments()) {
    const doc = extraStore.getDocument(d.id)!;
    index.addDocument({ id: doc.id, title: doc.title, docNumber: doc.docNumber, issuer: doc.issuer, region: doc.region, date: doc.issuedDate ?? doc.publishedDate }, doc.measures);
  }
}

describe("snapshot of flat columns", () => {
  it("loads as views of one file buffer, with the same answers, also after documents are added and after saving again", () => {
    const built = MeasureIndex.fromStore(store, OPTIONS);
    const want = answers(built);
    expect(want.searches[0].total).toBeGreaterThan(0);
    expect(want.units.total).toBeGreaterThan(20);
    const dir = join(tmp, "a");
    built.save(dir);

    const snap = readSnapshot(dir)!;
    expect(snap).not.toBeNull();
    const cols = Object.values(snap.columns);
    // Not copied: every column is a view of the one buffer the file was read into, at a multiple of 8.
    expect(new Set(cols.map((c) => c.buffer)).size).toBe(1);
    for (const c of cols) expect(c.byteOffset % 8).toBe(0);
    expect(snap.columns.bodyIds.length).toBeGreaterThan(1000);
    expect(snap.columns.denseBodyMeta.length).toBeGreaterThan(0); // long lists kept as bitsets too
    const bin = readFileSync(join(dir, "search-index.bin"));
    expect(bin.toString("latin1", 0, 4)).toBe("PKSF");
    expect(bin.readUInt32LE(4)).toBe(2);
    expect(bin.toString("latin1", 8, 24)).toBe(snap.manifest.snapshot);

    const loaded = MeasureIndex.fromDir(dir, { ...OPTIONS, source: storeSource(store) })!;
    expect(loaded).not.toBeNull();
    expect(answers(loaded)).toEqual(want);
    expect(loaded.size).toEqual(built.size);
    expect(loaded.unitsMatching("发改委")).toEqual(built.unitsMatching("发改委"));
    expect(loaded.unitList({ limit: 20, offset: 0 })).toEqual(built.unitList({ limit: 20, offset: 0 }));

    // A document added to both: the loaded index grows its flat postings like the built one.
    const unitLists = (i: MeasureIndex) => (i as unknown as { unitIds: ArrayLike<number>[] }).unitIds;
    expect(unitLists(loaded).some((l) => Array.isArray(l))).toBe(false); // views of the file
    addExtra(built);
    addExtra(loaded);
    // Units the added document names too became arrays of their own and grew; the rest stay views.
    expect(unitLists(loaded).some((l) => Array.isArray(l))).toBe(true);
    expect(unitLists(loaded).some((l) => !Array.isArray(l))).toBe(true);
    const grown = answers(built);
    expect(grown.searches[2].total).toBeGreaterThan(want.searches[2].total);
    expect(answers(loaded)).toEqual(grown);

    // A loaded (and grown) index saved again and loaded again.
    const dir2 = join(tmp, "b");
    loaded.save(dir2);
    const again = MeasureIndex.fromDir(dir2, { ...OPTIONS, source: storeSource(store) })!;
    // The added document's measures come from an index's overlay, not the store: totals and facets only.
    const strip = (a: ReturnType<typeof answers>) => ({ searches: a.searches.map(({ total, facets }) => ({ total, facets })), units: a.units });
    expect(strip(answers(again))).toEqual(strip(grown));
    expect(again.documentIds()).toEqual(built.documentIds());
  });

  it("a changed byte, a cut file, a changed manifest or an older format is not trusted", () => {
    const dir = join(tmp, "c");
    MeasureIndex.fromStore(store, OPTIONS).save(dir);
    const binPath = join(dir, "search-index.bin");
    const bin = readFileSync(binPath);
    expect(MeasureIndex.fromDir(dir)).not.toBeNull();

    const flipped = Buffer.from(bin);
    flipped[Math.floor(bin.length / 2)] ^= 1;
    writeFileSync(binPath, flipped);
    expect(readSnapshot(dir)).toBeNull();
    expect(MeasureIndex.fromDir(dir)).toBeNull();

    writeFileSync(binPath, bin.subarray(0, bin.length - 8));
    expect(readSnapshot(dir)).toBeNull();
    writeFileSync(binPath, bin);
    expect(readSnapshot(dir)).not.toBeNull();

    // The section table is covered by the manifest's own checksum.
    const manPath = join(dir, MANIFEST);
    const text = readFileSync(manPath, "utf8");
    const at = text.indexOf('"sections":[');
    const tampered = text.slice(0, at) + text.slice(at).replace(/\d/, (d) => String((Number(d) + 1) % 10));
    writeFileSync(manPath, tampered);
    expect(readManifest(dir)).toBeNull();
    expect(MeasureIndex.fromDir(dir)).toBeNull();

    // An index of format 5 (flexsearch export): rebuilt from the store, and saved in the new format.
    writeFileSync(manPath, text);
    const m = readManifest(dir)!;
    const format = m.format as number;
    expect(format).toBeGreaterThanOrEqual(6);
    const old = text.replace(`"format":${format}`, '"format":5');
    const body = `{${old.slice(old.indexOf('",') + 2)}`;
    writeFileSync(manPath, `{"checksum":"${createHash("sha256").update(body).digest("hex")}",${body.slice(1)}`);
    expect(readManifest(dir)?.format).toBe(5);
    expect(MeasureIndex.fromDir(dir)).toBeNull();
    const rebuilt = MeasureIndex.load(dir, store, OPTIONS);
    expect(rebuilt.search(query({ q: "风险补偿" })).total).toBeGreaterThan(0);
    expect(readManifest(dir)?.format).toBe(format);
  });

  it("a file read ahead (while jieba loads) is taken only while it is the same file, and checked like any other", async () => {
    const dir = join(tmp, "d");
    const built = MeasureIndex.fromStore(store, OPTIONS);
    built.save(dir);
    const binPath = join(dir, "search-index.bin");
    const bin = readFileSync(binPath);
    const flipped = Buffer.from(bin);
    flipped[Math.floor(bin.length / 3)] ^= 1;

    await prefetchSnapshot(dir);
    const loaded = MeasureIndex.fromDir(dir, { ...OPTIONS, source: storeSource(store) })!;
    expect(answers(loaded)).toEqual(answers(built));

    // Read ahead, then replaced by a corrupt file: the file as it is now is read, and refused.
    await prefetchSnapshot(dir);
    writeFileSync(binPath, flipped);
    expect(readSnapshot(dir)).toBeNull();
    // A corrupt file read ahead is refused too (the CRC-32 is checked on what was read ahead).
    await prefetchSnapshot(dir);
    expect(readSnapshot(dir)).toBeNull();
    // Read ahead while corrupt, then repaired: the repaired file is read, not the corrupt bytes.
    await prefetchSnapshot(dir);
    writeFileSync(binPath, bin);
    expect(readSnapshot(dir)).not.toBeNull();
    // The same with the CRC-32 taken on a thread of its own (as for large files).
    const limit = prefetchLimits.crcThreadMin;
    prefetchLimits.crcThreadMin = 0;
    try {
      await prefetchSnapshot(dir);
      expect(answers(MeasureIndex.fromDir(dir, { ...OPTIONS, source: storeSource(store) })!)).toEqual(answers(built));
      await prefetchSnapshot(dir);
      writeFileSync(binPath, flipped);
      expect(readSnapshot(dir)).toBeNull();
      await prefetchSnapshot(dir);
      expect(readSnapshot(dir)).toBeNull();
      writeFileSync(binPath, bin);
    } finally {
      prefetchLimits.crcThreadMin = limit;
    }
    // Nothing to read ahead: no error, and the read that follows finds no snapshot.
    await prefetchSnapshot(join(tmp, "missing"));
    expect(readSnapshot(join(tmp, "missing"))).toBeNull();
    dropPrefetched();
  });
});

describe("flat parts", () => {
  it("strings: one blob with offsets, decoded on access", () => {
    const list = ["", "风险补偿", "a", "绵阳市财政局", "x\ty", "𠀀甲", "b"];
    const { blob, off } = encodeStrings(list);
    const col = new StringColumn(blob, off);
    expect(col.length).toBe(7);
    expect(col.get(3)).toBe("绵阳市财政局");
    expect(col.toArray()).toEqual(list);
    expect(() => new StringColumn(blob.subarray(0, 3), off)).toThrow("字符串列已损坏");
    // ASCII only (document ids): decoded at once and cut by the offsets.
    const ascii = ["0000000100000000", "", "ab", "x y"];
    const a = encodeStrings(ascii);
    expect(new StringColumn(a.blob, a.off).toArray()).toEqual(ascii);
  });

  it("measure ids: one blob decoded on access, with saved offsets or (older copies) found by a scan; a torn blob is refused", () => {
    const ids = new MeasureIds();
    for (const id of ["0000000100000000:一", "0000000100000000:七/12", "gone", "x:(二)/3"]) ids.push(id);
    const { blob, off } = encodeIds(ids, (i) => i !== 2);
    const want = ["0000000100000000:一", "0000000100000000:七/12", "", "x:(二)/3"];
    // The blob is the ids joined by line breaks, as copies before the offsets were saved hold it.
    expect(Buffer.from(blob).toString("utf8")).toBe(want.join("\n"));
    for (const restored of [decodeIds(blob, 4, off), decodeIds(blob, 4)]) {
      expect(restored.length).toBe(4);
      expect(restored.slice(0, 4)).toEqual(want);
      restored.push("新");
      expect([restored.length, restored.get(4), restored.get(3)]).toEqual([5, "新", "x:(二)/3"]);
    }
    expect(decodeIds(new Uint8Array(0), 0).length).toBe(0);
    expect(() => decodeIds(blob, 5)).toThrow("措施编号列已损坏");
    expect(() => decodeIds(blob, 3)).toThrow("措施编号列已损坏");
    expect(() => decodeIds(blob.subarray(0, 10), 4, off)).toThrow("措施编号列已损坏");
  });

  it("the term map: flat terms found, made into arrays on first use, new terms beside them", () => {
    const terms = ["乙", "甲", "丙"].sort();
    const { blob, off: termOff } = encodeStrings(terms);
    // Two slots per term: term 0 = [[1, 2], [5]], term 1 = [[], [3]], term 2 = [[4], []].
    const off = Uint32Array.from([0, 2, 3, 3, 4, 5, 5]);
    const ids = Int32Array.from([1, 2, 5, 3, 4]);
    const map = new FlatTermMap({ terms: new StringColumn(blob, termOff), off, ids, r: 2 });
    expect(map.size).toBe(3);
    expect([...map.keys()]).toEqual(terms);
    expect(map.has(terms[1])).toBe(true);
    expect(map.has("丁")).toBe(false);
    expect(map.get("丁")).toBeUndefined();
    const peeked = map.peek(terms[0])!;
    expect(Array.from(peeked[0]!)).toEqual([1, 2]);
    const got = map.get(terms[0])!;
    expect(got).toEqual([[1, 2], [5]]);
    got[0]!.push(7); // flexsearch appends to the arrays it is given
    expect(map.get(terms[0])![0]).toEqual([1, 2, 7]);
    expect(map.get(terms[1])).toEqual([undefined, [3]]);
    map.set("丁", [[9]]);
    expect(map.size).toBe(4);
    expect(new Map(map)).toEqual(new Map([...terms.map((t) => [t, map.get(t)!] as const), ["丁", [[9]]]]));
  });
});
