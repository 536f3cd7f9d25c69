// The library made ready off the main thread at a start, so that the first search neither builds it on
// the event loop nor holds up other requests meanwhile: the saved core (status-core.ts: tens of ms at
// 43,749 documents) when it was computed at the store's current counter, else a worker thread that
// builds the whole library (build-worker.ts) and that the main thread adopts (Library.adopt) unless the
// store moved meanwhile. Searches await
// Library.ready() until the statuses are there; whatever asks synchronously before that (a document
// page) builds it on the spot as before, with the same answers.
import { Worker } from "node:worker_threads";
import { workerFile } from "../../extract/worker-file.ts";
import type { StoreEngine as Store, StoreTarget } from "../store/engine.ts";
import { libraryOf, type LibraryResult } from "./library.ts";
import { readStatus } from "./status-core.ts";

// From the bundle: .build/library-worker.mjs; else the entry that requires build-worker.ts through tsx.
const WORKER_SOURCE = new URL("./build-worker-entry.cjs", import.meta.url);

function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

/** Build the library of `target` on a worker thread; null when it failed or took longer than `timeoutMs`. */
export function buildInWorker(target: StoreTarget, timeoutMs: number): Promise<LibraryResult | null> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      // The TypeScript sources run through tsx there whatever started this process (a test runner, the CLI).
      const { file, execArgv } = workerFile("library-worker", WORKER_SOURCE, ["--import", "tsx"]);
      worker = new Worker(file, { workerData: target, execArgv });
    } catch (e) {
      log(`文件效力未能在后台计算（${(e as Error).message.slice(0, 120)}），将在首次检索时计算`);
      resolve(null);
      return;
    }
    worker.unref();
    const timer = setTimeout(() => {
      log(`文件效力的后台计算超过 ${Math.round(timeoutMs / 1000)} 秒，已停止，将在首次检索时计算`);
      void worker.terminate();
      resolve(null);
    }, timeoutMs);
    timer.unref();
    worker.once("message", (r: LibraryResult) => {
      clearTimeout(timer);
      resolve(r);
    });
    worker.once("error", (e) => {
      clearTimeout(timer);
      log(`文件效力未能在后台计算（${String(e.message).slice(0, 120)}），将在首次检索时计算`);
      resolve(null);
    });
    worker.once("exit", () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
}

export interface WarmOptions {
  /** How long the worker may take before searches build the library themselves (default 120 s). */
  timeoutMs?: number;
  /** Where the worker opens the store (default: the store's own data directory and database). */
  target?: StoreTarget;
  /** From how many documents a worker builds it (default 2,000); a smaller library is built here (milliseconds). */
  workerFrom?: number;
  /** After the saved core was taken: how long after the start the worker builds the rest (document pages), default 2 s. */
  restAfterMs?: number;
  /** Where to say how the statuses were obtained (the service's log). */
  log?: (line: string) => void;
}

/** The worker build under way for a library, which searches wait for. */
const building = new WeakMap<object, Promise<void>>();

const ms = (t0: number) => `${Math.round(performance.now() - t0)} ms`;

function build(store: Store, opts: WarmOptions): Promise<void> {
  const lib = libraryOf(store);
  const target = opts.target ?? { dataDir: store.dataDir, databaseUrl: store.databaseUrl };
  const t0 = performance.now();
  const p = buildInWorker(target, opts.timeoutMs ?? 120_000).then((r) => {
    if (r && lib.adopt(r)) opts.log?.(`文件效力已在后台算出（${r.core.ids.length} 个文件，${ms(t0)}）`);
    building.delete(lib);
  });
  building.set(lib, p);
  return p;
}

/**
 * When the service is ready: make the library of `store` ready without holding up the event loop. The
 * saved core is taken (after the current turn, so that a request already in hand is answered first), and
 * a worker builds the rest a little later (document pages), or everything at once when the core was
 * missing or stale (a worker started before ready would compete with the start for the CPU). A small
 * library is built here. Searches (Library.ready) wait for the statuses only. Resolves when all is done;
 * never rejects.
 */
export function warmLibrary(store: Store, opts: WarmOptions = {}): Promise<void> {
  const lib = libraryOf(store);
  const running = building.get(lib);
  if (running) return running;
  let rest: Promise<void> = Promise.resolve();
  const core = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
    try {
      if (lib.isFresh(true)) return;
      const docs = store.documentCount();
      if (docs < (opts.workerFrom ?? 2000)) {
        lib.statuses();
        return;
      }
      const t0 = performance.now();
      const saved = lib.isFresh() ? null : readStatus(store.dataDir, store.changes());
      if (saved && saved.core.ids.length === docs && lib.adopt(saved)) {
        lib.statuses();
        opts.log?.(`文件效力取自保存的结果（${docs} 个文件，${ms(t0)}）`);
      }
    } catch {
      return; // the store cannot be read now (database down): the first search works it out
    }
    if (!lib.isFresh()) return (rest = build(store, opts));
    rest = new Promise<void>((resolve) => setTimeout(resolve, opts.restAfterMs ?? 2000).unref()).then(() => (lib.isFresh(true) || building.has(lib) ? undefined : build(store, opts)));
  });
  lib.waitFor(core);
  return core.then(() => rest);
}
