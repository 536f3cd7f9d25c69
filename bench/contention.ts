// Contention: cached GET /api/search throughput and latency (autocannon, 50 connections, as in http.ts)
// on its own, then while 4 clients loop on GET /api/assignments?format=docx (the whole store, seconds
// each). The service is the real app on a real store in a child process: the shipped corpus and
// copies of it (about 40 documents, as the drill that filed issue 14 had). The DOCX clients hold the
// API token, so the per-address limit for anonymous clients does not thin them out: every export is
// built, on the export workers. Not a test: nothing here asserts.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { Store } from "../index/store/store.ts";
import { createApp, type AppState } from "../src/http/app.ts";
import { SERVER_NODE_FLAGS, serveApp, serverEnv } from "../src/http/http-server.ts";
import { ingestBuffer } from "../src/documents/ingest.ts";
import { StoreSearchIndex } from "../src/search/adapter.ts";
import { readQueries } from "./search.ts";
import { searchPath } from "./search-queries.ts";

const CORPUS = resolve(import.meta.dirname, "../corpus");
const TOKEN = "bench-token";

export const CONTENTION_TARGETS = { requestsPerSec: 1000, p99Ms: 50 };

export interface SearchFigures { requestsPerSec: number; p50Ms: number; p99Ms: number; errors: number; non2xx: number }

export interface ContentionBench {
  documents: number;
  measures: number;
  exportClients: number;
  alone: SearchFigures;
  contended: SearchFigures;
  /** DOCX exports finished while the contended search ran, and their mean time. */
  exportsDone: number;
  exportMeanSec: number;
  exportRefused: number;
  exportBytes: number;
}

/** A data directory with the corpus and `copies` altered copies of each file. */
async function buildStore(copies: number): Promise<{ dir: string; documents: number; measures: number }> {
  const dir = mkdtempSync(join(tmpdir(), "bench-contention-"));
  const store = new Store(join(dir, "data"));
  try {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith(".txt")).sort();
    for (let k = 0; k <= copies; k++)
      for (const f of files) {
        const text = readFileSync(join(CORPUS, f), "utf8");
        await ingestBuffer(store, Buffer.from(k === 0 ? text : `${text}\n（基准测试副本 ${k}）\n`, "utf8"), k === 0 ? `corpus/${f}` : `copies/${k}/${f}`);
      }
    const docs = store.listDocuments(100000);
    return { dir, documents: docs.length, measures: docs.reduce((n, d) => n + d.measureCount, 0) };
  } finally {
    store.close();
  }
}

/** Child: serve the app on the store, warm the export workers, print "READY <port>". */
async function serveChild(dataDir: string): Promise<void> {
  const store = new Store(dataDir);
  const state: AppState = { store, index: StoreSearchIndex.open(store), ready: true, apiToken: TOKEN };
  const app = createApp(state);
  serveApp(app, state, { port: 0, hostname: "127.0.0.1" }, (info) => process.stdout.write(`READY ${info.port}\n`));
  process.on("SIGTERM", () => {
    store.close();
    process.exit(0);
  });
}

function figures(r: autocannon.Result): SearchFigures {
  return { requestsPerSec: Math.round(r.requests.average), p50Ms: r.latency.p50, p99Ms: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

export async function benchContention(opts: { seconds?: number; connections?: number; exportClients?: number; copies?: number } = {}): Promise<ContentionBench> {
  const seconds = opts.seconds ?? 10;
  const connections = opts.connections ?? 50;
  const exportClients = opts.exportClients ?? 4;
  const { dir, documents, measures } = await buildStore(opts.copies ?? 7);
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, "--import", "tsx", fileURLToPath(import.meta.url), "serve", join(dir, "data")], { env: serverEnv(), stdio: ["ignore", "pipe", "inherit"] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (b) => {
        out += b;
        const m = /READY (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.on("exit", (code) => reject(new Error(`基准服务进程退出（${code}）`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const exportUrl = `${base}/api/assignments?format=docx`;
    const auth = { authorization: `Bearer ${TOKEN}` };
    // One export first: the workers are loaded and warm before anything is measured.
    const first = await fetch(exportUrl, { headers: auth });
    if (first.status !== 200) throw new Error(`导出失败：${first.status} ${await first.text()}`);
    const exportBytes = (await first.arrayBuffer()).byteLength;

    const headers = { "accept-encoding": "gzip, deflate, br" };
    const requests = readQueries().map((q) => ({ method: "GET" as const, path: searchPath(q), headers }));
    const run = { url: base, connections, requests, workers: 2 };
    await autocannon({ ...run, duration: 2 }); // fills the response cache
    const alone = figures(await autocannon({ ...run, duration: seconds }));

    // The DOCX clients: each asks again as soon as its file has arrived.
    let stop = false;
    let done = 0;
    let refused = 0;
    let exportMs = 0;
    let measuring = false;
    const loop = async () => {
      while (!stop) {
        const t0 = performance.now();
        const r = await fetch(exportUrl, { headers: auth });
        await r.arrayBuffer();
        if (!measuring) continue;
        if (r.status === 200) {
          done++;
          exportMs += performance.now() - t0;
        } else refused++;
      }
    };
    const loops = Array.from({ length: exportClients }, loop);
    await new Promise((r) => setTimeout(r, 1000));
    measuring = true;
    const contended = figures(await autocannon({ ...run, duration: seconds }));
    measuring = false;
    stop = true;
    await Promise.all(loops);
    return { documents, measures, exportClients, alone, contended, exportsDone: done, exportMeanSec: done ? Math.round(exportMs / done / 10) / 100 : 0, exportRefused: refused, exportBytes };
  } finally {
    child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "serve") await serveChild(process.argv[3]);
else if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(`${JSON.stringify(await benchContention(), null, 1)}\n`);
