// The query side of the search benchmark (bench/search.ts). The fixed queries of bench/queries.txt are
// read with the schema GET /api/search validates with (SearchQuery) and run through the route's own
// search (src/search/adapter.ts searchMeasures: query understanding, then validity), so the figures
// are those of the route without HTTP. Queries come in groups (a "# [name]" comment starts one):
// plain words and filters, and "understood" ones written the way staff ask (places, 文号, synonyms,
// a pasted paragraph, misspellings with no results), timed each and per phase of understanding.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { GCProfiler } from "node:v8";
import { SearchQuery } from "../index/schema.ts";
import type { MeasureIndex } from "../index/search/search.ts";
import type { ValidityStatus } from "../extract/fields/validity.ts";
import { searchMeasures } from "../src/search/adapter.ts";

const QUERIES = join(resolve(import.meta.dirname, ".."), "bench/queries.txt");

export type QueryGroup = "plain" | "understood";

export interface BenchQuery {
  line: string;
  group: QueryGroup;
  /** As the route gets it: SearchQuery.parse of the line's q and parameters. */
  query: SearchQuery;
  /** Parameters besides limit and offset. */
  filtered: boolean;
}

export interface LatencyFigures {
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  samples: number;
}

/** One understood query: its latency, what understanding did, and the median time of each phase. */
export interface UnderstoodFigures {
  line: string;
  p50Ms: number;
  maxMs: number;
  total: number;
  /** Kinds of `understood` items (region, docNumber, synonym, shortened, unit); "suggestions" when it got some. */
  did: string[];
  understandMs: number;
  groupsMs: number;
  suggestMs: number;
}

export interface QueryFigures {
  /** Every query. */
  all: LatencyFigures;
  plain: LatencyFigures;
  understood: LatencyFigures;
  perQuery: UnderstoodFigures[];
}

/** Queries of a file: "q" or "q | key=value&…" a line; "# [group]" starts a group; other # lines are comments. */
export function readQueries(path = QUERIES): BenchQuery[] {
  const out: BenchQuery[] = [];
  let group: QueryGroup = "plain";
  for (const raw of readFileSync(path, "utf8").split(/\r?\n/)) {
    const line = raw.trim();
    const marker = /^#\s*\[(\w+)\]/.exec(line);
    if (marker) group = marker[1] as QueryGroup;
    if (!line || line.startsWith("#")) continue;
    const [q, params] = line.split(" | ");
    const fields = Object.fromEntries(new URLSearchParams(params ?? ""));
    const query = SearchQuery.safeParse({ ...fields, q: q.trim() });
    if (!query.success) throw new Error(`bench/queries.txt 中的查询无效（${line.slice(0, 40)}）：${query.error.issues[0]?.message}`);
    out.push({ line, group, query: query.data, filtered: Object.keys(fields).some((k) => k !== "limit" && k !== "offset") });
  }
  return out;
}

/** A bench query as the HTTP API's GET /api/search path (empty fields left out). */
export function searchPath(q: BenchQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q.query)) if (v !== undefined && v !== "") params.set(k, String(v));
  return `/api/search?${params}`;
}

export function latency(samples: number[]): LatencyFigures {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { p50Ms: round(at(0.5)), p99Ms: round(at(0.99)), meanMs: round(s.reduce((a, b) => a + b, 0) / s.length), maxMs: round(s[s.length - 1]), samples: s.length };
}

/** One bench query, the way the route answers it (src/search/adapter.ts searchMeasures). */
export function benchQuery(index: MeasureIndex, q: BenchQuery, statuses: ReadonlyMap<string, ValidityStatus>) {
  return searchMeasures(index, q.query, statuses);
}

/**
 * Untimed rounds until the young generation has been scavenged twice (at most `maxRounds`): a running service is
 * past the first touch of its second semi-space (128 MB with the service's flags, faulted once per process, 4 KB at a
 * time), which one warm-up round no longer reaches once the postings are read in place. Returns the rounds run.
 */
function warmUntilScavenged(round: () => void, minScavenges = 2, maxRounds = 30): number {
  let scavenges = 0;
  for (let r = 1; r <= maxRounds; r++) {
    const gc = new GCProfiler();
    gc.start();
    round();
    scavenges += gc.stop().statistics.filter((s) => s.gcType === "Scavenge").length;
    if (scavenges >= minScavenges) return r;
  }
  return maxRounds;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * Run the queries `rounds` times (after one warm-up round and untimed rounds until the young generation has cycled) as the route does, with the documents'
 * `statuses`. Totals per query (from the warm-up) to compare runs and engines.
 */
export function runQueries(index: MeasureIndex, queries: BenchQuery[], rounds: number, statuses: ReadonlyMap<string, ValidityStatus>): { figures: QueryFigures; totals: number[] } {
  const phases = index.phases;
  // Only what the figures need is kept from the warm-up answers: holding the answers themselves (about
  // 11 MB for the 62) through the timed rounds made the first scavenges copy and promote them (page faults
  // on fresh memory that a service, which keeps no answers, does not pay).
  const warm = queries.map((q) => {
    const a = benchQuery(index, q, statuses);
    return { total: a.total, kinds: a.understood.map((u) => u.kind as string), suggested: a.suggestions.length > 0 };
  });
  warmUntilScavenged(() => { for (const q of queries) benchQuery(index, q, statuses); });
  const samples = queries.map(() => [] as number[]);
  const phase = queries.map(() => ({ understandMs: [] as number[], groupsMs: [] as number[], suggestMs: [] as number[] }));
  for (let r = 0; r < rounds; r++)
    queries.forEach((q, i) => {
      phases.understandMs = phases.groupsMs = phases.suggestMs = 0;
      const t = performance.now();
      benchQuery(index, q, statuses);
      samples[i].push(performance.now() - t);
      for (const k of ["understandMs", "groupsMs", "suggestMs"] as const) phase[i][k].push(phases[k]);
    });
  const of = (g?: QueryGroup) => latency(samples.filter((_, i) => !g || queries[i].group === g).flat());
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const perQuery = queries.flatMap((q, i): UnderstoodFigures[] => {
    if (q.group !== "understood") return [];
    const l = latency(samples[i]);
    const did = [...new Set(warm[i].kinds)];
    if (warm[i].suggested) did.push("suggestions");
    return [{ line: q.line, p50Ms: l.p50Ms, maxMs: l.maxMs, total: warm[i].total, did, understandMs: round(median(phase[i].understandMs)), groupsMs: round(median(phase[i].groupsMs)), suggestMs: round(median(phase[i].suggestMs)) }];
  });
  const figures = { all: of(), plain: of("plain"), understood: of("understood"), perQuery };
  // As soon as known (the bench prints its table only at the end, after every size).
  const f = (l: LatencyFigures) => `p50 ${l.p50Ms} ms，p99 ${l.p99Ms} ms`;
  process.stderr.write(`检索基准：${index.documentIds().length.toLocaleString("en")} 篇的查询 ${figures.all.samples} 次：全部 ${f(figures.all)}；普通 ${f(figures.plain)}；经查询理解 ${f(figures.understood)}\n`);
  for (const u of perQuery) process.stderr.write(`  · ${u.line.slice(0, 16)}：p50 ${u.p50Ms} ms，最长 ${u.maxMs} ms，${u.total} 条 [${u.did.join("、")}]；理解 ${u.understandMs}，同义/长文 ${u.groupsMs}，纠错建议 ${u.suggestMs} ms\n`);
  return { figures, totals: warm.map((r) => r.total) };
}
