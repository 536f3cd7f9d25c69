// The service's own start, timed: a data directory as the service keeps it (the documents in its SQLite
// store, the index snapshot saved at the store's change counter), then `npm start`'s command (the bundle of
// src/service/bundle.mjs, its node flags and environment) on it, from spawn to /api/health 200; the RSS then; the
// first search; every bench query's total compared with the index as built. Used by bench/search.ts
// (`npm run bench`) and bench/snapshot-phases.ts (`store` and `serve`).
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Measure } from "../extract/schema.ts";
import type { DocRef, SearchQuery } from "../index/schema.ts";
import type { MeasureSource } from "../index/search/search.ts";
import { Store } from "../index/store/store.ts";
import { SERVER_NODE_FLAGS, serverEnv } from "../src/http/http-server.ts";

const ROOT = resolve(import.meta.dirname, "..");

/** Store the documents (full measures from `full`) in a SQLite store in `dataDir`; returns its change counter. */
export function writeServiceStore(dataDir: string, docs: Iterable<{ clone: { ref: DocRef }; measures: Measure[] }>, full: MeasureSource): number | null {
  const store = new Store(dataDir);
  try {
    for (const { clone, measures } of docs) {
      const r = clone.ref;
      const document = { id: r.id, source: `${r.id}.txt`, format: "txt" as const, title: r.title, docNumber: r.docNumber, issuer: r.issuer, region: r.region, issuedDate: r.date, publishedDate: null, measures: measures.map((m) => full.getMeasure(m.id)!) };
      store.ingest({ document, original: "", repaired: "", parts: { preamble: "", closing: "", outline: [] } });
    }
    return store.changes();
  } finally {
    store.close();
  }
}

export interface ServiceStart {
  /** From spawn to the first /api/health 200. */
  readySec: number;
  /** CPU time of the service's threads until then. */
  cpuSec: number;
  /** CPU time of its main thread until then. */
  mainCpuSec: number;
  rssMb: number;
  /** The service's own account (its stdout): node and modules, snapshot read and restored, then the wait for jieba's dictionary (built on its own thread meanwhile). */
  parts: { importedSec: number; jiebaSec: number; snapshotSec: number } | null;
  /** The first search after ready (HTTP, its total). */
  firstSearchMs: number;
  firstTotal: number;
  /** CPU time of all the service's threads once the first search is answered (a library worker's included). */
  cpuAfterFirstSec: number;
  /** Queries whose total equals `want` (the index as built), of how many. */
  same: number;
  queries: number;
}

const url = (port: number, q: SearchQuery) => `http://127.0.0.1:${port}/api/search?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`;

/** Start the service on `dataDir`, time it to ready, search; stopped afterwards. */
export async function timeServiceStart(dataDir: string, queries: SearchQuery[], want: number[]): Promise<ServiceStart> {
  const built = spawnSync(process.execPath, [join(ROOT, "src/service/bundle.mjs")], { cwd: ROOT, stdio: "inherit" }); // npm start's prestart
  if (built.status !== 0) throw new Error("服务未能打包");
  const port = 20000 + (process.pid % 20000);
  const t0 = performance.now();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, join(ROOT, ".build/server.mjs")], { cwd: ROOT, env: { ...serverEnv(), DATA_DIR: dataDir, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`服务退出：${out}`);
      const r = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
      if (r?.status === 200) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const readySec = (performance.now() - t0) / 1000;
    const rssMb = Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0) / 1024);
    // CPU time of all its threads (utime + stime, clock ticks of 1/100 s): less sensitive to a loaded machine than wall time.
    const cpuOf = (stat: string) => stat.slice(stat.lastIndexOf(")") + 2).split(" ").slice(11, 13).map(Number).reduce((a, b) => a + b) / 100;
    const cpuSec = cpuOf(readFileSync(`/proc/${child.pid}/stat`, "utf8"));
    // The main thread's alone (its task's stat): what ready waits for on a quiet machine.
    const main = readFileSync(`/proc/${child.pid}/task/${child.pid}/stat`, "utf8");
    const mainCpuSec = main.slice(main.lastIndexOf(")") + 2).split(" ").slice(11, 13).map(Number).reduce((a, b) => a + b) / 100;
    const t1 = performance.now();
    const first = (await (await fetch(url(port, queries[0]))).json()) as { total: number };
    const firstSearchMs = performance.now() - t1;
    const cpuAfterFirstSec = cpuOf(readFileSync(`/proc/${child.pid}/stat`, "utf8"));
    let same = 0;
    for (let i = 0; i < queries.length; i++) if (((await (await fetch(url(port, queries[i]))).json()) as { total: number }).total === want[i]) same++;
    const m = /载入模块 ([\d.]+)，读取并恢复索引副本 ([\d.]+)，再等 jieba 词典 ([\d.]+)/.exec(out);
    const parts = m ? { importedSec: Number(m[1]), snapshotSec: Number(m[2]), jiebaSec: Number(m[3]) } : null;
    return { readySec, cpuSec, mainCpuSec, rssMb, parts, firstSearchMs, firstTotal: first.total, cpuAfterFirstSec, same, queries: queries.length };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
  }
}
