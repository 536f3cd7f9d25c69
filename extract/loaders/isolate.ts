// Run a parsing job in a worker thread with a heap cap, a stack size and a time limit; on breach the worker
// is terminated and its whole heap is returned. At most LIMITS.worker.concurrency workers run at once.
import { Worker } from "node:worker_threads";
import { IngestError } from "../errors.ts";
import { LIMITS } from "./limits.ts";
import type { IsolatedFormat, WorkerAnswer } from "./worker.ts";
import { boundedSlots } from "./slots.ts";
import { workerFile } from "../worker-file.ts";
import type { OfdRender } from "./ofd-render.ts";

const ENTRY = new URL("./worker-entry.mjs", import.meta.url);
const LABEL: Record<IsolatedFormat, string> = { html: "HTML", pdf: "PDF", docx: "DOCX", doc: "DOC", ofd: "OFD" };

// No flags are passed on: the worker registers tsx itself, after loading the libraries natively (see
// worker-entry.mjs), and some of the parent's flags (--expose-gc, V8 heap sizes) are refused in a worker.
// From the bundle it runs .build/loader-worker.mjs instead (worker-file.ts).
const WORKER_EXEC_ARGV: string[] = [];

/** A place among the running workers (LIMITS.worker: concurrency, queue). */
const slot = boundedSlots(() => LIMITS.worker, (maxQueue) => `正在解析的文件过多（排队已满 ${maxQueue} 个），请稍后重试`);

type WorkerLimits = Pick<(typeof LIMITS)["worker"], "maxOldGenerationSizeMb" | "maxYoungGenerationSizeMb" | "stackSizeMb" | "timeoutMs">;

export function loadIsolated(format: IsolatedFormat, buf: Buffer): Promise<Loaded> {
  return loadIsolatedWith(format, buf, {});
}

/** loadIsolated with some of the worker limits changed (tests show what happens on breach). */
export async function loadIsolatedWith(
  format: IsolatedFormat,
  buf: Buffer,
  overrides: Partial<Record<keyof WorkerLimits, number>>,
): Promise<Loaded> {
  const release = await slot();
  try {
    // Only workers with the standard limits are kept warm (tests change the limits to show a breach).
    return await runWorker(format, buf, { ...LIMITS.worker, ...overrides }, Object.keys(overrides).length === 0);
  } finally {
    release();
  }
}

/** `render`: an OFD's glyph-code pages, to be drawn and read by OCR (ofd-render.ts). */
type Loaded = { text: string; pages: string[] | null; properties?: Record<string, string>; render?: OfdRender };

// Warm workers: a worker that answered cleanly parses the next file of its format, which saves its start
// (0.6–0.9 s: the libraries' import). One that breached a limit or failed is never reused; a warm one is
// retired after REUSE_MAX files (its heap may have grown) or IDLE_MS without work (its memory goes back).
const REUSE_MAX = 20;
const IDLE_MS = 30_000;
interface Warm { worker: Worker; jobs: number; idle: NodeJS.Timeout }
const warm = new Map<IsolatedFormat, Warm[]>();

function takeWarm(format: IsolatedFormat): { worker: Worker; jobs: number } | null {
  const w = warm.get(format)?.pop();
  if (!w) return null;
  clearTimeout(w.idle);
  return { worker: w.worker, jobs: w.jobs };
}

function keepWarm(format: IsolatedFormat, worker: Worker, jobs: number): void {
  if (jobs >= REUSE_MAX) return void worker.terminate();
  const list = warm.get(format) ?? [];
  const entry: Warm = {
    worker,
    jobs,
    idle: setTimeout(() => {
      list.splice(list.indexOf(entry), 1);
      void worker.terminate();
    }, IDLE_MS),
  };
  entry.idle.unref();
  worker.unref(); // a warm worker must not keep a finished process (the CLI) alive
  list.push(entry);
  warm.set(format, list);
}

function runWorker(format: IsolatedFormat, buf: Buffer, limits: Record<keyof WorkerLimits, number>, reusable: boolean): Promise<Loaded> {
  const { maxOldGenerationSizeMb, maxYoungGenerationSizeMb, stackSizeMb, timeoutMs } = limits;
  return new Promise((resolve, reject) => {
    const job = { format, data: new Uint8Array(buf) };
    let worker: Worker;
    let jobs = 0;
    const reused = reusable ? takeWarm(format) : null;
    if (reused) {
      ({ worker, jobs } = reused);
      worker.ref();
      worker.postMessage(job);
    } else {
      try {
        const { file, execArgv } = workerFile("loader-worker", ENTRY, WORKER_EXEC_ARGV);
        worker = new Worker(file, {
          workerData: { policyLoaderJob: true, ...job },
          resourceLimits: { maxOldGenerationSizeMb, maxYoungGenerationSizeMb, stackSizeMb },
          execArgv,
          // Library warnings (pdf.js) are silenced inside the worker (worker-entry.mjs): captured output streams
          // would hold a port open and keep a finished process alive while a warm worker waits.
        });
      } catch {
        return reject(new IngestError("busy", "解析线程无法启动（服务端问题），请稍后重试"));
      }
    }
    let settled = false;
    const finish = (f: () => void, clean = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      f();
      if (clean && reusable) keepWarm(format, worker, jobs + 1);
      else void worker.terminate();
    };
    const timer = setTimeout(
      () => finish(() => reject(new IngestError("limit", `解析超时（超过 ${timeoutMs / 1000} 秒），已中止`))),
      timeoutMs,
    );
    const onMessage = (answer: WorkerAnswer) =>
      finish(
        () => (answer.ok ? resolve({ text: answer.text, pages: answer.pages, ...(answer.properties ? { properties: answer.properties } : {}), ...(answer.render ? { render: answer.render } : {}) }) : reject(new IngestError(answer.code, answer.reason))),
        answer.ok,
      );
    const onError = (e: Error & { code?: string }) =>
      finish(() =>
        reject(
          e.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new IngestError("limit", `解析时内存超过上限（${maxOldGenerationSizeMb} MB），已中止`)
            : new IngestError("corrupt", `${LABEL[format]} 文件已损坏或格式无效（解析器异常退出）`),
        ),
      );
    const onExit = () => finish(() => reject(new IngestError("corrupt", `${LABEL[format]} 文件已损坏或格式无效（解析器异常退出）`)));
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
  });
}
