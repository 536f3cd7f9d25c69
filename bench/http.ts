// HTTP throughput and p99 latency of GET /api/search under 50 concurrent connections (autocannon on loopback),
// against the real Hono app serving a synthetic index of N measures in a child process: clients that
// accept gzip (as browsers do) and clients that ask for plain JSON.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { MeasureIndex } from "../index/search/search.ts";
import { Store } from "../index/store/store.ts";
import { createApp, type AppState } from "../src/http/app.ts";
import { SERVER_NODE_FLAGS, serveApp, serverEnv } from "../src/http/http-server.ts";
import { readQueries, synthetic } from "./search.ts";
import { searchPath } from "./search-queries.ts";

export interface HttpBench { measures: number; encoding: Encoding; requestsPerSec: number; p50Ms: number; p99Ms: number; errors: number; non2xx: number; durationSec: number; connections: number; meanBytes: number }

/** What the client asks for: gzip as browsers do ("gzip, deflate, br"), or plain JSON. */
export type Encoding = "gzip" | "identity";

export const HTTP_TARGETS = { requestsPerSec: 2000, p99Ms: 25 };

/** Child: build the synthetic index, serve the app on a free loopback port, print "READY <port>". */
async function serveChild(size: number): Promise<void> {
  const base = await synthetic.prepareBase();
  const pool = synthetic.places();
  // BENCH_INDEX_DIR: start from an index saved there (scratch/build1m.ts) instead of building one.
  const saved = process.env.BENCH_INDEX_DIR ? MeasureIndex.fromDir(process.env.BENCH_INDEX_DIR, { source: synthetic.cloneSource(base, pool) }) : null;
  const index = saved ?? new MeasureIndex({ source: synthetic.cloneSource(base, pool) });
  if (!saved) for (const { clone, measures, tokens } of synthetic.clones(base, pool, size)) index.addDocument(clone.ref, measures, tokens);
  const dir = mkdtempSync(join(tmpdir(), "bench-http-"));
  const store = new Store(dir);
  const state: AppState = {
    store,
    ready: true,
    index: { search: (q) => index.search(q), units: (q) => index.unitList(q), unit: () => null, documentScope: (id) => index.documentScope(id), refresh: () => undefined },
  };
  const app = createApp(state);
  serveApp(app, state, { port: 0, hostname: "127.0.0.1" }, (info) => process.stdout.write(`READY ${info.port} ${index.size.measures}\n`));
  process.on("SIGTERM", () => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
}

/** One service child of `size` measures; a warm-up and a measured run per client encoding. */
export async function benchHttp(size: number, opts: { seconds?: number; connections?: number; encodings?: Encoding[] } = {}): Promise<HttpBench[]> {
  const seconds = opts.seconds ?? 10;
  const connections = opts.connections ?? 50;
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, "--import", "tsx", fileURLToPath(import.meta.url), "serve", String(size)], { env: serverEnv(), stdio: ["ignore", "pipe", "inherit"] });
  try {
    const { port, measures } = await new Promise<{ port: number; measures: number }>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (b) => {
        out += b;
        const m = /READY (\d+) (\d+)/.exec(out);
        if (m) resolve({ port: Number(m[1]), measures: Number(m[2]) });
      });
      child.on("exit", (code) => reject(new Error(`基准服务进程退出（${code}）`)));
    });
    const out: HttpBench[] = [];
    for (const encoding of opts.encodings ?? ["gzip", "identity"]) {
      const headers = { "accept-encoding": encoding === "gzip" ? "gzip, deflate, br" : "identity" };
      const requests = readQueries().map((q) => ({ method: "GET" as const, path: searchPath(q), headers }));
      // Warm-up, then the measured run. Two worker threads: one alone cannot parse the plain responses
      // (about 55 KB each) as fast as the service sends them, and would measure itself.
      const run = { url: `http://127.0.0.1:${port}`, connections, requests, workers: 2 };
      await autocannon({ ...run, duration: 2 });
      const r = await autocannon({ ...run, duration: seconds });
      out.push({
        measures,
        encoding,
        requestsPerSec: Math.round(r.requests.average),
        p50Ms: r.latency.p50,
        p99Ms: r.latency.p99,
        errors: r.errors + r.timeouts,
        non2xx: r.non2xx,
        durationSec: seconds,
        connections,
        meanBytes: Math.round(r.throughput.total / Math.max(1, r.requests.total)),
      });
    }
    return out;
  } finally {
    child.kill("SIGTERM");
  }
}

if (process.argv[2] === "serve") await serveChild(Number(process.argv[3]));
else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const size = Number(process.argv[2] ?? 100000);
  for (const r of await benchHttp(size)) process.stdout.write(`${JSON.stringify(r)}\n`);
}
