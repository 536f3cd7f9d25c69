// Scanned pages read by OCR in a worker thread of its own (ocr-worker.ts), off the event loop, under
// LIMITS.ocr: a page limit (checked in the worker before any page is read), a time limit per page (the worker
// reports each finished page; a page over the limit stops the file and the worker with its memory), a V8 heap
// cap, and one file at a time with a bounded queue (OCR uses every core). Three callers: a PDF without a text
// layer (every page), a PDF that mixes text and scans (its pages without usable text), and image files.
// A caller's AbortSignal cancels: the call rejects at once and nothing is returned to be stored; the worker
// stops before its next step (see runOcrWorker) and its place is freed when it has gone.
import { Worker } from "node:worker_threads";
import { CANCELLED_REASON, IngestError } from "../errors.ts";
import { LIMITS } from "./limits.ts";
import { ocrProperties } from "./ocr.ts";
import { ocrQuality, type OcrQuality } from "./ocr-quality.ts";
import type { ImageFormat } from "./ocr-image.ts";
import type { OfdRender } from "./ofd-render.ts";
import type { OcrJob, OcrMessage, OcrRead } from "./ocr-worker.ts";
import { boundedSlots } from "./slots.ts";
import { workerFile } from "../worker-file.ts";

const ENTRY = new URL("./ocr-worker-entry.mjs", import.meta.url);

export interface OcrOptions {
  /** LIMITS.ocr overrides (tests). */
  maxPages?: number;
  pageTimeoutMs?: number;
  startTimeoutMs?: number;
  /** Read only the first pages (tests: a long scan in bounded time). */
  firstPages?: number;
  /** Each finished page (for progress reports): the page done and the pages to read, counted from 1. */
  /** Called with page 0 when reading begins, then after each page read. */
  onPage?: (page: number, pages: number) => void;
  /** Cancels the reading: the worker stops and the call rejects with code "cancelled". */
  signal?: AbortSignal;
}

export interface OcrResult {
  text: string;
  pages: string[];
  properties: Record<string, string>;
  ocr: OcrQuality;
}

/** One OCR file at a time, a few waiting (LIMITS.ocr). */
const slot = boundedSlots(() => LIMITS.ocr, (maxQueue) => `正在识别的扫描件过多（排队已满 ${maxQueue} 个），请稍后重试`);

/** The pages of a scanned PDF read by OCR, with properties that mark the text as OCR-read. */
export async function ocrPdfIsolated(buf: Buffer, options: OcrOptions = {}): Promise<OcrResult> {
  const got = await ocrIsolated({ source: "pdf", data: new Uint8Array(buf), maxPages: options.maxPages ?? LIMITS.ocr.maxPages, firstPages: options.firstPages }, options);
  return finished(got, "pdf", "PDF 中没有可提取的文字，文字识别（OCR）也未读出中文（页面可能是空白或图片）");
}

/** An image file (PNG, JPEG, or a TIFF's pages in order) read by OCR. */
export async function ocrImageIsolated(buf: Buffer, format: ImageFormat, options: OcrOptions = {}): Promise<OcrResult> {
  const got = await ocrIsolated({ source: "image", data: new Uint8Array(buf), maxPages: options.maxPages ?? LIMITS.ocr.maxPages, firstPages: options.firstPages }, options);
  return finished(got, format, "图片中没有识别出中文文字");
}

/** Only the listed pages of a PDF (numbers from 1) read by OCR: the scanned pages of a PDF that also has text. */
export function ocrPdfPagesIsolated(buf: Buffer, only: number[], options: OcrOptions = {}): Promise<OcrRead> {
  return ocrIsolated({ source: "pdf", data: new Uint8Array(buf), maxPages: options.maxPages ?? LIMITS.ocr.maxPages, only }, options);
}

/** An OFD's glyph-code pages drawn with their embedded fonts and read by OCR (ofd-render.ts). */
export function ocrOfdIsolated(render: OfdRender, options: OcrOptions = {}): Promise<OcrRead> {
  return ocrIsolated({ source: "ofd", data: new Uint8Array(0), ofd: render, maxPages: options.maxPages ?? LIMITS.ocr.maxPages, firstPages: options.firstPages }, options);
}

function finished(got: OcrRead, format: OcrQuality["sourceFormat"], noText: string): OcrResult {
  const text = got.pages.join("\n");
  if (text.length > LIMITS.maxChars) throw new IngestError("limit", `文字过多（超过 ${LIMITS.maxChars / 10000} 万字）`);
  if (!/[\u4e00-\u9fff]/.test(text)) throw new IngestError("no-text", noText);
  return { text, pages: got.pages, properties: ocrProperties(got.confidences), ocr: ocrQuality(format, got.numbers, got.confidences, got.lines) };
}

async function ocrIsolated(job: OcrJob, options: OcrOptions): Promise<OcrRead> {
  const cancelled = () => new IngestError("cancelled", CANCELLED_REASON);
  if (options.signal?.aborted) throw cancelled();
  // Queued behind another file's OCR (one at a time): reading has begun as far as the caller is concerned (page 0 of 0 pages
  // known), so an upload waiting on it becomes a job now instead of holding its request until the queue clears.
  const release = await slot(() => options.onPage?.(0, 0));
  if (options.signal?.aborted) {
    release();
    throw cancelled();
  }
  return runOcrWorker(job, options, release); // the place is freed when the worker has gone, not when the call settles
}

function runOcrWorker(job: OcrJob, options: OcrOptions, gone: () => void): Promise<OcrRead> {
  const pageTimeoutMs = options.pageTimeoutMs ?? LIMITS.ocr.pageTimeoutMs;
  const startTimeoutMs = options.startTimeoutMs ?? LIMITS.ocr.startTimeoutMs;
  const what = job.source === "image" ? "图片" : job.source === "ofd" ? "OFD 文件" : "PDF 文件";
  const stop = new Int32Array(new SharedArrayBuffer(4));
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      const { file, execArgv } = workerFile("ocr-worker", ENTRY, []); // see isolate.ts: the parent's flags are refused in a worker
      worker = new Worker(file, {
        workerData: { policyOcrJob: true, ...job, stop },
        resourceLimits: { maxOldGenerationSizeMb: LIMITS.ocr.maxOldGenerationSizeMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
        execArgv,
        stdout: true,
        stderr: true,
      });
    } catch {
      gone();
      return reject(new IngestError("busy", "文字识别线程无法启动（服务端问题），请稍后重试"));
    }
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    let exited = false;
    let timer: NodeJS.Timeout;
    let grace: NodeJS.Timeout | undefined;
    // Terminating the worker while the ONNX runtime is inside a call aborts the whole process ("terminate called
    // after throwing an instance of 'Napi::Error'"): a worker that is mid-page is asked to stop and stops before
    // its next step; it is terminated only once it has nothing in flight (its last message) or, if a page never
    // returns, after the real per-page limit.
    const end = () => {
      if (!exited) void worker.terminate();
    };
    const onAbort = () => finish(() => reject(new IngestError("cancelled", CANCELLED_REASON)), false);
    const finish = (f: () => void, idle: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      f();
      if (idle) return end();
      Atomics.store(stop, 0, 1);
      grace = setTimeout(end, LIMITS.ocr.pageTimeoutMs);
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const arm = (ms: number, reason: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(() => reject(new IngestError("limit", reason)), false), ms);
    };
    const pageLimit = (page: number) => `文字识别超时（第 ${page} 页超过 ${pageTimeoutMs / 1000} 秒），已中止`;
    arm(startTimeoutMs, `文字识别启动超时（超过 ${startTimeoutMs / 1000} 秒），已中止`);
    worker.on("message", (m: OcrMessage) => {
      if (settled) {
        if (m.kind === "done" || m.kind === "failed") end(); // stopped as asked: nothing in flight now
        return;
      }
      if (m.kind === "start") {
        options.onPage?.(0, m.pages); // page 0: reading has begun (an upload waiting on it becomes a job)
        arm(pageTimeoutMs, pageLimit(1));
      }
      else if (m.kind === "page") {
        options.onPage?.(m.page, m.pages);
        arm(pageTimeoutMs, pageLimit(m.page + 1));
      } else if (m.kind === "done") finish(() => resolve({ numbers: m.numbers, pages: m.pages, confidences: m.confidences, lines: m.lines }), true);
      else finish(() => reject(new IngestError(m.code, m.reason)), true);
    });
    worker.on("error", (e: Error & { code?: string }) =>
      finish(
        () =>
          reject(
            e.code === "ERR_WORKER_OUT_OF_MEMORY"
              ? new IngestError("limit", `文字识别时内存超过上限（${LIMITS.ocr.maxOldGenerationSizeMb} MB），已中止`)
              : new IngestError("corrupt", `${what}无法进行文字识别（识别程序异常退出）`),
          ),
        true,
      ),
    );
    worker.on("exit", () => {
      exited = true;
      clearTimeout(grace);
      gone();
      finish(() => reject(new IngestError("corrupt", `${what}无法进行文字识别（识别程序异常退出）`)), true);
    });
  });
}
