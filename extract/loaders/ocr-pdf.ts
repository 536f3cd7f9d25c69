// A PDF without a text layer (a scan), read by OCR in a worker thread of its own (ocr-worker.ts), off the
// event loop, under LIMITS.ocr: a page limit (checked in the worker before any page is read), a time limit
// per page (the worker reports each finished page; a page over the limit stops the file and the worker with
// its memory), a V8 heap cap, and one file at a time with a bounded queue (OCR uses every core).
import { Worker } from "node:worker_threads";
import { IngestError } from "../errors.ts";
import { LIMITS } from "./limits.ts";
import { ocrProperties } from "./ocr.ts";
import type { OcrJob, OcrMessage } from "./ocr-worker.ts";
import { boundedSlots } from "./slots.ts";

const ENTRY = new URL("./ocr-worker-entry.mjs", import.meta.url);

export interface OcrOptions {
  /** LIMITS.ocr overrides (tests). */
  maxPages?: number;
  pageTimeoutMs?: number;
  startTimeoutMs?: number;
  /** Read only the first pages (tests: a long scan in bounded time). */
  firstPages?: number;
  /** Each finished page (for progress reports). */
  onPage?: (page: number, pages: number) => void;
}

export interface OcrResult {
  text: string;
  pages: string[];
  properties: Record<string, string>;
}

/** One OCR file at a time, a few waiting (LIMITS.ocr). */
const slot = boundedSlots(() => LIMITS.ocr, (maxQueue) => `正在识别的扫描件过多（排队已满 ${maxQueue} 个），请稍后重试`);

/** The pages of a scanned PDF read by OCR, with properties that mark the text as OCR-read. */
export async function ocrPdfIsolated(buf: Buffer, options: OcrOptions = {}): Promise<OcrResult> {
  const release = await slot();
  let got: { pages: string[]; confidences: number[] };
  try {
    got = await runOcrWorker(buf, options);
  } finally {
    release();
  }
  const text = got.pages.join("\n");
  if (text.length > LIMITS.maxChars) throw new IngestError("limit", `文字过多（超过 ${LIMITS.maxChars / 10000} 万字）`);
  if (!/[\u4e00-\u9fff]/.test(text)) {
    throw new IngestError("no-text", "PDF 中没有可提取的文字，文字识别（OCR）也未读出中文（页面可能是空白或图片）");
  }
  return { text, pages: got.pages, properties: ocrProperties(got.confidences) };
}

function runOcrWorker(buf: Buffer, options: OcrOptions): Promise<{ pages: string[]; confidences: number[] }> {
  const pageTimeoutMs = options.pageTimeoutMs ?? LIMITS.ocr.pageTimeoutMs;
  const startTimeoutMs = options.startTimeoutMs ?? LIMITS.ocr.startTimeoutMs;
  const job: OcrJob = { data: new Uint8Array(buf), maxPages: options.maxPages ?? LIMITS.ocr.maxPages, firstPages: options.firstPages };
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(ENTRY, {
        workerData: { policyOcrJob: true, ...job },
        resourceLimits: { maxOldGenerationSizeMb: LIMITS.ocr.maxOldGenerationSizeMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
        execArgv: [], // see isolate.ts: the parent's flags are refused in a worker
        stdout: true,
        stderr: true,
      });
    } catch {
      return reject(new IngestError("busy", "文字识别线程无法启动（服务端问题），请稍后重试"));
    }
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    let timer: NodeJS.Timeout;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
      void worker.terminate();
    };
    const arm = (ms: number, reason: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(() => reject(new IngestError("limit", reason))), ms);
    };
    const pageLimit = (page: number) => `文字识别超时（第 ${page} 页超过 ${pageTimeoutMs / 1000} 秒），已中止`;
    arm(startTimeoutMs, `文字识别启动超时（超过 ${startTimeoutMs / 1000} 秒），已中止`);
    worker.on("message", (m: OcrMessage) => {
      if (m.kind === "start") arm(pageTimeoutMs, pageLimit(1));
      else if (m.kind === "page") {
        options.onPage?.(m.page, m.pages);
        arm(pageTimeoutMs, pageLimit(m.page + 1));
      } else if (m.kind === "done") finish(() => resolve({ pages: m.pages, confidences: m.confidences }));
      else finish(() => reject(new IngestError(m.code, m.reason)));
    });
    worker.on("error", (e: Error & { code?: string }) =>
      finish(() =>
        reject(
          e.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new IngestError("limit", `文字识别时内存超过上限（${LIMITS.ocr.maxOldGenerationSizeMb} MB），已中止`)
            : new IngestError("corrupt", "PDF 文件无法进行文字识别（识别程序异常退出）"),
        ),
      ),
    );
    worker.on("exit", () => finish(() => reject(new IngestError("corrupt", "PDF 文件无法进行文字识别（识别程序异常退出）"))));
  });
}
