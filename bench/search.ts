// Search benchmark: the seeds (corpus/) and ../shared/corpus-extra are ingested, tokenized once, and
// cloned into synthetic documents (other document ids, regions, dates; the clone's place names
// substituted in text, tokens and unit names) until there are 100,000 and 1,000,000 measures. For each
// size, three child processes (clean memory figures): build the index, run the fixed queries of
// bench/queries.txt and save it; start from the saved copy and run the queries again; build a SQLite
// FTS5 table over the same jieba tokens (space-joined) and run the same queries there (the baseline).
// Not a test: nothing here asserts. `benchSearch()` returns the figures; bench/search-main.ts prints them.
import "../src/service/young-generation.ts"; // as the service: the fixed young generation is the main thread's only
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { MeasureIndex } from "../index/search/search.ts";
import { queryTokens } from "../index/search/tokenizer.ts";
import { SERVER_NODE_FLAGS, serverEnv } from "../src/http/http-server.ts";
import { timeServiceStart, writeServiceStore } from "./service-start.ts";
import { latency, readQueries, runQueries, type BenchQuery, type LatencyFigures, type QueryFigures } from "./search-queries.ts";
import { synthetic } from "./synthetic-corpus.ts";

const { prepareBase, places, clones, cloneSource, cloneStatuses } = synthetic;

export { readQueries, type LatencyFigures };

const ROOT = resolve(import.meta.dirname, "..");
const CHILD_FLAG = "--search-bench-child";

/** loadSec: a new replica (the service started on a saved copy) ready within it; startRssMb: its RSS then (issue 19: 1.7 GB). */
export const SEARCH_TARGETS = { p50Ms: 1, p99Ms: 10, loadSec: 2, rssMb: 4096, startRssMb: 1740 };

export interface SearchScaleFigures {
  measures: number;
  documents: number;
  /** Building the index from tokens already cut (flexsearch add, unit keys, tables; the postings made flat at the end). */
  buildSec: number;
  buildRssMb: number;
  /** In-process latency of the route's search (understanding, hits with highlights, facets, validity), right after the build: every query. */
  queries: LatencyFigures;
  /** The same by group (plain, understood) and for each understood query with its phases. */
  queryGroups: QueryFigures;
  saveSec: number;
  snapshotMb: number;
  /** Start-up from the saved copy, in a fresh process. */
  loadSec: number;
  /**
   * The service itself started on the copy (bench/service-start.ts: `npm start`'s command on a data
   * directory holding the same documents): from spawn to /api/health 200 (target loadSec), its RSS then.
   */
  startSec: number;
  /** CPU time of its threads until ready (less sensitive to a loaded machine than startSec). */
  startCpuSec: number;
  /** Of which the main thread's (what ready waits for on a quiet machine). */
  startMainCpuSec: number;
  startRssMb: number;
  /** Its parts as the service reports them: node and the modules; the jieba dictionary; the snapshot read (overlapping jieba) and restored. */
  startParts: { importedSec: number; jiebaSec: number; snapshotSec: number };
  /** The first search it answers (HTTP). */
  firstSearchMs: number;
  loadedRssMb: number;
  loadedQueries: LatencyFigures;
  /** Totals after loading equal those after building, query by query. */
  loadConsistent: boolean;
  fts5: {
    buildSec: number;
    queries: LatencyFigures;
    /** Queries with terms (FTS5 needs at least one); filters are not applied there. */
    queryCount: number;
    /** FTS5 p50 / ours, FTS5 p99 / ours (above 1: ours is faster). */
    ratioP50: number;
    ratioP99: number;
    /** Queries without filters whose FTS5 count differs from our total (same tokens: expected 0). */
    countMismatches: number;
  };
}

export interface SearchBench {
  base: { documents: number; measures: number; chars: number; tokenizeCharsPerSec: number };
  scales: SearchScaleFigures[];
  targets: typeof SEARCH_TARGETS;
}

// ---------------------------------------------------------------------------------------------
// The base corpus and its clones

const rssMb = () => Math.round(process.memoryUsage().rss / 1048576);
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function childBuild(size: number, dir: string, rounds: number) {
  const base = await prepareBase();
  const pool = places();
  const index = new MeasureIndex({ source: cloneSource(base, pool) });
  const t0 = performance.now();
  let n = 0;
  let docs = 0;
  for (const { clone, measures, tokens } of clones(base, pool, size)) {
    index.addDocument(clone.ref, measures, tokens);
    n += measures.length;
    docs++;
  }
  // The build's end, as MeasureIndex.fromStore ends it: the postings made flat (read by the native kernels).
  index.compactPostings();
  const buildSec = (performance.now() - t0) / 1000;
  gc();
  const buildRssMb = rssMb();
  const { figures, totals } = runQueries(index, readQueries(), rounds, cloneStatuses(base, index.documentIds()));
  const t1 = performance.now();
  index.save(dir);
  const saveSec = (performance.now() - t1) / 1000;
  const snapshotMb = Math.round(readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0) / 1048576);
  return {
    base: { documents: base.docs.length, measures: base.docs.reduce((s, d) => s + d.measures.length, 0), chars: base.chars, tokenizeCharsPerSec: base.tokenizeCharsPerSec },
    measures: n, documents: docs, buildSec, buildRssMb, queries: figures, totals, saveSec, snapshotMb,
  };
}

/** The service's data directory for the copy in `dir`: the same documents in its SQLite store, the copy saved there at the store's counter. */
async function childService(size: number, dir: string, dataDir: string) {
  const base = await prepareBase();
  const pool = places();
  const changes = writeServiceStore(dataDir, clones(base, pool, size), cloneSource(base, pool));
  const index = MeasureIndex.fromDir(dir, {});
  if (!index) throw new Error(`无法读取索引副本：${dir}`);
  index.save(join(dataDir, "index"), { storeChanges: changes });
  return { changes };
}

async function childLoad(dir: string, rounds: number) {
  const base = await prepareBase();
  const pool = places();
  gc();
  const t0 = performance.now();
  const index = MeasureIndex.fromDir(dir, { source: cloneSource(base, pool) });
  if (!index) throw new Error(`无法读取索引副本：${dir}`);
  const loadSec = (performance.now() - t0) / 1000;
  gc();
  const loadedRssMb = rssMb();
  const { figures, totals } = runQueries(index, readQueries(), rounds, cloneStatuses(base, index.documentIds()));
  return { loadSec, loadedRssMb, loadedQueries: figures.all, totals };
}

/** FTS5 match expression for our query terms: AND of groups, OR of a group's spellings. */
function ftsMatch(q: string): string | null {
  const groups = queryTokens(q);
  if (!groups.length) return null;
  return groups.map((alts) => `(${alts.map((a) => `"${a.replace(/"/g, '""')}"`).join(" OR ")})`).join(" AND ");
}

async function childFts(size: number, rounds: number) {
  const base = await prepareBase();
  const pool = places();
  const dir = mkdtempSync(join(tmpdir(), "bench-search-fts-"));
  try {
    const db = new Database(join(dir, "fts.db"));
    db.pragma("journal_mode = OFF");
    db.pragma("synchronous = OFF");
    db.exec(`CREATE VIRTUAL TABLE f USING fts5(title, body, tokenize = "unicode61 tokenchars '.%‰'")`);
    const ins = db.prepare("INSERT INTO f (rowid, title, body) VALUES (?, ?, ?)");
    const t0 = performance.now();
    let row = 0;
    const batch = db.transaction((items: { title: string[]; text: string[] }[]) => {
      for (const t of items) ins.run(++row, t.title.join(" "), t.text.join(" "));
    });
    for (const { tokens } of clones(base, pool, size)) batch(tokens);
    db.exec("INSERT INTO f (f) VALUES ('optimize')");
    const buildSec = (performance.now() - t0) / 1000;
    const top = db.prepare("SELECT rowid FROM f WHERE f MATCH ? ORDER BY bm25(f, 10.0, 1.0) LIMIT 20");
    const count = db.prepare("SELECT count(*) AS n FROM f WHERE f MATCH ?");
    // Plain queries only: FTS5 has no query understanding to compare with.
    const queries = readQueries()
      .filter((q) => q.group === "plain")
      .map((q) => ({ ...q, match: ftsMatch(q.query.q) }))
      .filter((q): q is BenchQuery & { match: string } => q.match !== null);
    const run = (q: { match: string }) => {
      top.all(q.match);
      return (count.get(q.match) as { n: number }).n;
    };
    const counts = new Map(queries.map((q) => [q.line, run(q)])); // warm-up
    const samples: number[] = [];
    for (let r = 0; r < rounds; r++)
      for (const q of queries) {
        const t = performance.now();
        run(q);
        samples.push(performance.now() - t);
      }
    db.close();
    return { buildSec, queries: latency(samples), queryCount: queries.length, counts: Object.fromEntries(counts) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function childMain(argv: string[]): Promise<void> {
  const [mode, a, b, c] = argv.slice(argv.indexOf(CHILD_FLAG) + 1);
  const out =
    mode === "build"
      ? await childBuild(Number(a), b, Number(c))
      : mode === "load"
        ? await childLoad(a, Number(b))
        : mode === "service"
          ? await childService(Number(a), b, c)
          : await childFts(Number(a), Number(b));
  process.stdout.write(`@@RESULT ${JSON.stringify(out)}\n`);
}

function spawnChild(args: string[]): Record<string, unknown> & { peakRssMb: number } {
  // The service's V8 flags (its young generation size changes how often queries meet a scavenge) and environment.
  const r = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, "--import", "tsx", "--expose-gc", "--max-old-space-size=16000", import.meta.filename, CHILD_FLAG, ...args], {
    cwd: ROOT,
    env: serverEnv(),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = r.stdout?.split("\n").find((l) => l.startsWith("@@RESULT "));
  if (r.status !== 0 || !line) throw new Error(`检索基准子进程失败（${args.join(" ")}）：退出码 ${r.status}`);
  return JSON.parse(line.slice("@@RESULT ".length));
}

// ---------------------------------------------------------------------------------------------

/** Run the search benchmark at the given sizes (default 100,000 and 1,000,000 measures). */
export async function benchSearch(opts: { sizes?: number[]; rounds?: number; log?: (s: string) => void } = {}): Promise<SearchBench> {
  const sizes = opts.sizes ?? [100_000, 1_000_000];
  const rounds = opts.rounds ?? 5;
  const log = opts.log ?? ((s: string) => process.stderr.write(`${s}\n`));
  const queries = readQueries();
  const scales: SearchScaleFigures[] = [];
  let baseInfo: SearchBench["base"] | null = null;
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), "bench-search-index-"));
    try {
      log(`检索基准：${size.toLocaleString("en")} 条措施，建索引并查询…`);
      const built = spawnChild(["build", String(size), dir, String(rounds)]) as unknown as Awaited<ReturnType<typeof childBuild>>;
      baseInfo = built.base;
      log(`检索基准：${size.toLocaleString("en")} 条措施，从副本启动…`);
      const loaded = spawnChild(["load", dir, String(rounds)]) as unknown as Awaited<ReturnType<typeof childLoad>>;
      log(`检索基准：${size.toLocaleString("en")} 条措施，服务（npm start 的命令）从副本启动到可服务…`);
      const serviceDir = join(dir, "service");
      spawnChild(["service", String(size), dir, serviceDir]);
      const started = await timeServiceStart(serviceDir, queries.map((q) => q.query), built.totals);
      // BENCH_FTS=0 skips the FTS5 baseline (minutes at a million measures).
      const fts: Awaited<ReturnType<typeof childFts>> =
        process.env.BENCH_FTS === "0"
          ? { buildSec: NaN, queries: latency([NaN]), queryCount: 0, counts: {} }
          : (log(`检索基准：${size.toLocaleString("en")} 条措施，SQLite FTS5 对照…`), spawnChild(["fts", String(size), String(rounds)]) as unknown as Awaited<ReturnType<typeof childFts>>);
      let mismatches = 0;
      queries.forEach((q, i) => {
        const n = fts.counts[q.line];
        if (q.group === "plain" && !q.filtered && q.query.q && n !== undefined && n !== built.totals[i]) mismatches++;
      });
      const round2 = (x: number) => Math.round(x * 100) / 100;
      scales.push({
        measures: built.measures,
        documents: built.documents,
        buildSec: round2(built.buildSec),
        buildRssMb: built.buildRssMb,
        queries: built.queries.all,
        queryGroups: built.queries,
        saveSec: round2(built.saveSec),
        snapshotMb: built.snapshotMb,
        loadSec: round2(loaded.loadSec),
        loadedRssMb: loaded.loadedRssMb,
        startSec: round2(started.readySec),
        startCpuSec: round2(started.cpuSec),
        startMainCpuSec: round2(started.mainCpuSec),
        startRssMb: started.rssMb,
        startParts: started.parts ?? { importedSec: NaN, jiebaSec: NaN, snapshotSec: NaN },
        firstSearchMs: Math.round(started.firstSearchMs),
        loadedQueries: loaded.loadedQueries,
        loadConsistent: loaded.totals.every((t, i) => t === built.totals[i]) && started.same === started.queries,
        fts5: {
          buildSec: round2(fts.buildSec),
          queries: fts.queries,
          queryCount: fts.queryCount,
          ratioP50: round2(fts.queries.p50Ms / built.queries.plain.p50Ms),
          ratioP99: round2(fts.queries.p99Ms / built.queries.plain.p99Ms),
          countMismatches: mismatches,
        },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { base: baseInfo!, scales, targets: SEARCH_TARGETS };
}

if (process.argv.includes(CHILD_FLAG)) await childMain(process.argv);

/** The synthetic corpus, for profiling scripts. */
export { synthetic };
