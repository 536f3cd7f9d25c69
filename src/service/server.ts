// `npm start`: ingest the shipped corpus into an empty store, then serve the API on PORT (default 8787),
// following writes that other processes make to the same DATA_DIR. A DATA_DIR that cannot be written
// (read-only, disk full) is served read-only.
// Start-up at a large index: from the first module on (start-early.ts), jieba's dictionary is built on
// a thread of its own and the index snapshot's files are read on libuv's threadpool; the index is
// restored from them. Ready (health 200) once the
// index answers and the replica follows the store; the comparison worker and the export workers start
// after that, so that they do not compete for the CPU with the start. `npm start` runs this module
// bundled (src/service/bundle.mjs), without compiling TypeScript on start.
import "./young-generation.ts"; // before any worker starts: the fixed young generation is the main thread's only
import { dictionaryLoaded, snapshotReadAhead } from "./start-early.ts"; // first: jieba builds and the snapshot is read meanwhile
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openStore } from "../../index/store/engine.ts";
import { createApp, type AppState } from "../http/app.ts";
import { serveApp } from "../http/http-server.ts";
import { collectFiles, emptyReport, ingestFile } from "../documents/ingest.ts";
import { StoreSearchIndex } from "../search/adapter.ts";
import { startReplica } from "./replica.ts";
import { ComparisonService } from "../comparison/comparison.ts";
import { parseApiTokens } from "../http/routes/tasks.ts";
import { dropPrefetched } from "../../index/search/snapshot.ts";
import { recoverJobs } from "../http/routes/jobs.ts";

const CORPUS = resolve(fileURLToPath(new URL("../../corpus", import.meta.url)));

async function main() {
  const imported = performance.now(); // since the process started: node and the modules
  const port = Number(process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT 无效：${process.env.PORT}`);
  const store = openStore(); // DATABASE_URL: PostgreSQL; else SQLite in DATA_DIR
  const interrupted = recoverJobs(store); // jobs this replica ran before it stopped: failed (routes/jobs.ts)
  if (interrupted.length) process.stderr.write(`上次停止时未完成的后台任务 ${interrupted.length} 个，已标记为失败\n`);
  if (store.readOnly) process.stderr.write(`数据目录 ${store.dataDir} 无法写入（${store.readOnly.replace("，文件未保存", "")}）：只提供查询，上传将被拒绝\n`);
  const state: AppState = { store, index: null, ready: false, apiToken: process.env.API_TOKEN || undefined, apiTokens: parseApiTokens(process.env.API_TOKENS) };
  const app = createApp(state);
  const server = serveApp(app, state, { port, hostname: process.env.HOST ?? "127.0.0.1" }, (info) => {
    process.stdout.write(`政策知识服务已启动：http://${info.address === "::1" ? "localhost" : info.address}:${info.port}/\n`);
  });
  if (store.documentCount() === 0 && !store.readOnly) {
    const report = emptyReport();
    const { files } = collectFiles([CORPUS]);
    for (const f of files) await ingestFile(store, f, report);
    process.stdout.write(`已导入内置文件 ${report.added.length} 个${report.refused.length ? `，拒绝 ${report.refused.length} 个` : ""}\n`);
    for (const r of report.refused) process.stderr.write(`  拒绝 ${r.file}：${r.reason}\n`);
  }
  const t0 = performance.now();
  await snapshotReadAhead;
  const index = StoreSearchIndex.open(store);
  dropPrefetched();
  const t1 = performance.now();
  await dictionaryLoaded; // built meanwhile on its own thread (a cut before this waited for it)
  const t2 = performance.now();
  state.index = index;
  const sec = (ms: number) => (ms / 1000).toFixed(2);
  process.stdout.write(`索引就绪（${sec(t2 - t0)} 秒；进程启动后 ${sec(t2)} 秒：载入模块 ${sec(imported)}，读取并恢复索引副本 ${sec(t1 - t0)}，再等 jieba 词典 ${sec(t2 - t1)}）\n`);
  // Documents written by other processes (the CLI, other replicas on DATABASE_URL): searchable within a second.
  // Ready only once the replica follows the store, so health always reports its position (a database that is
  // down does not hold this up: the listener retries in the background).
  const replica = (state.replica = await startReplica(state));
  state.ready = true;
  state.comparison = new ComparisonService(store); // on a worker thread: builds and rebuilds never hold up requests
  state.exportPool?.warm(); // the export workers load their libraries now, not on the first export
  const stop = () => {
    void replica.stop();
    index.flush();
    server.close();
    store.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  process.stderr.write(`启动失败：${(e as Error).message}\n`);
  process.exit(1);
});
