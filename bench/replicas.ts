// Replicas over PostgreSQL (issue 19): ingest throughput of the PostgreSQL engine beside SQLite's on the
// same extracted documents; cross-replica visibility (upload through A, first search hit on B) over N
// uploads; HTTP search throughput of two replicas behind a round-robin client beside one. A throwaway
// PostgreSQL is started in a temp dir (tests/helpers/postgres.ts); without one the section says why.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { Store } from "../index/store/store.ts";
import { openStore } from "../index/store/engine.ts";
import type { ExtractedDocument } from "../extract/document.ts";
import { extractFile } from "../tests/helpers/extract.ts";
import { CORPUS_EXTRA, ROOT } from "../tests/helpers/paths.ts";
import { freePort } from "../tests/helpers/server.ts";
import { findPostgres, startPostgres } from "../tests/helpers/postgres.ts";
import { readQueries } from "./search.ts";
import { searchPath } from "./search-queries.ts";

export interface ReplicaBench {
  documents: number;
  measures: number;
  sqliteDocsPerSec: number;
  postgresDocsPerSec: number;
  sqliteMeasuresPerSec: number;
  postgresMeasuresPerSec: number;
  uploads: number;
  visibleP50Ms: number;
  visibleP99Ms: number;
  visibleMaxMs: number;
  /** 1-minute load average when the uploads began and when they ended (the machine may be shared). */
  visibleLoad: [number, number];
  oneReplica: { requestsPerSec: number; p99Ms: number };
  twoReplicas: { requestsPerSec: number; p99Ms: number };
}

const TOKEN = "bench-token";
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : 0;
};

/** Ingest the same documents into a fresh store; documents and measures per second (the write only, not extraction). */
function timeIngest(store: { ingest(d: ExtractedDocument): unknown; close(): void }, docs: ExtractedDocument[]): number {
  const t0 = process.hrtime.bigint();
  for (const d of docs) store.ingest(d);
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  store.close();
  return sec;
}

async function service(env: Record<string, string>, dataDir: string): Promise<{ base: string; proc: ChildProcess }> {
  const port = await freePort();
  const proc = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/service/server.ts")], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, API_TOKEN: TOKEN, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 3000; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).status === 200) return { base, proc };
    } catch {
      // not yet
    }
    if (proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill("SIGTERM");
  throw new Error("基准服务未能启动");
}

async function searchLoad(bases: string[], seconds: number, connections: number): Promise<{ requestsPerSec: number; p99Ms: number }> {
  const requests = readQueries().map((q) => ({ method: "GET" as const, path: searchPath(q), headers: { "accept-encoding": "gzip" } }));
  // Round robin: the connections split evenly over the replicas, each client connection bound to one.
  const per = Math.max(1, Math.floor(connections / bases.length));
  const runs = await Promise.all(bases.map((url) => autocannon({ url, connections: per, requests, duration: seconds })));
  const total = runs.reduce((n, r) => n + r.requests.total, 0);
  return { requestsPerSec: Math.round(total / seconds), p99Ms: Math.max(...runs.map((r) => r.latency.p99)) };
}

async function benchReplicas(opts: { uploads?: number; seconds?: number } = {}): Promise<ReplicaBench | string> {
  const bin = findPostgres();
  if (typeof bin === "string") return bin;
  const uploads = opts.uploads ?? Number(process.env.BENCH_REPLICA_UPLOADS ?? 100);
  const seconds = opts.seconds ?? 5;
  const files = readdirSync(CORPUS_EXTRA).filter((f) => f.endsWith(".txt")).sort().map((f) => join(CORPUS_EXTRA, f));
  const docs: ExtractedDocument[] = [];
  for (const f of files) docs.push(await extractFile(f));
  const measures = docs.reduce((n, d) => n + d.document.measures.length, 0);
  const work = mkdtempSync(join(tmpdir(), "bench-replicas-"));
  const db = await startPostgres(bin);
  const procs: ChildProcess[] = [];
  try {
    const sqliteSec = timeIngest(new Store(join(work, "sqlite")), docs);
    const pgSec = timeIngest(openStore({ dataDir: join(work, "pg-ingest"), databaseUrl: db.url }), docs);

    // Two replicas on the database the ingest filled.
    const a = await service({ DATABASE_URL: db.url }, join(work, "a"));
    procs.push(a.proc);
    const b = await service({ DATABASE_URL: db.url }, join(work, "b"));
    procs.push(b.proc);
    const latencies: number[] = [];
    const load0 = loadavg()[0];
    for (let i = 0; i < uploads; i++) {
      const f = files[i % files.length];
      const text = `${readFileSync(f, "utf8")}\n\n（基准测试副本 ${i}）\n`;
      const form = new FormData();
      form.append("file", new Blob([text]), `bench-${i}-${f.split("/").pop()}`);
      const r = await fetch(`${a.base}/api/documents`, { method: "POST", body: form, headers: { authorization: `Bearer ${TOKEN}` } });
      if (r.status !== 200) throw new Error(`上传失败 ${r.status}：${await r.text()}`);
      const { id } = (await r.json()) as { id: string };
      const t0 = performance.now();
      for (;;) {
        const s = (await (await fetch(`${b.base}/api/search?doc=${id}&limit=1`)).json()) as { total: number };
        if (s.total > 0) break;
        if (performance.now() - t0 > 10000) throw new Error(`副本 B 10 秒内未见到 ${id}`);
        await new Promise((res) => setTimeout(res, 2));
      }
      latencies.push(performance.now() - t0);
    }
    const load1 = loadavg()[0];
    const one = await searchLoad([a.base], seconds, 40);
    const two = await searchLoad([a.base, b.base], seconds, 40);
    return {
      documents: docs.length, measures,
      sqliteDocsPerSec: Math.round(docs.length / sqliteSec), postgresDocsPerSec: Math.round(docs.length / pgSec),
      sqliteMeasuresPerSec: Math.round(measures / sqliteSec), postgresMeasuresPerSec: Math.round(measures / pgSec),
      uploads, visibleP50Ms: Math.round(pct(latencies, 50)), visibleP99Ms: Math.round(pct(latencies, 99)), visibleMaxMs: Math.round(Math.max(...latencies)),
      visibleLoad: [load0, load1],
      oneReplica: one, twoReplicas: two,
    };
  } finally {
    for (const p of procs) p.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    await db.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The section of `npm run bench` (BENCH_ONLY=replicas; BENCH_REPLICA_UPLOADS sets the number of uploads). */
export async function printReplicas(out: (s?: string) => void): Promise<void> {
  const r = await benchReplicas();
  const fmt = (n: number) => n.toLocaleString("en");
  out();
  if (typeof r === "string") {
    out(`== 多副本（PostgreSQL）：跳过，${r}`);
    return;
  }
  out(`== 多副本（PostgreSQL，本机临时实例）`);
  out(`入库写库（同样 ${r.documents} 篇、${fmt(r.measures)} 条措施，不含抽取）  SQLite ${r.sqliteDocsPerSec} 篇/秒（${fmt(r.sqliteMeasuresPerSec)} 条/秒）；PostgreSQL ${r.postgresDocsPerSec} 篇/秒（${fmt(r.postgresMeasuresPerSec)} 条/秒）`);
  out(`跨副本可见（A 上传回答后到 B 检索命中，${r.uploads} 次上传）  p50 ${r.visibleP50Ms} ms，p99 ${r.visibleP99Ms} ms，最长 ${r.visibleMaxMs} ms（目标 ≤ 1000 ms；负载 ${r.visibleLoad.map((x) => x.toFixed(2)).join(" → ")}）`);
  out(`HTTP 检索（40 个并发连接）  一个副本 ${fmt(r.oneReplica.requestsPerSec)} 请求/秒（p99 ${r.oneReplica.p99Ms} ms）；两个副本轮流 ${fmt(r.twoReplicas.requestsPerSec)} 请求/秒（p99 ${r.twoReplicas.p99Ms} ms）`);
}
