// The OCR job, inside the worker that ocr-pdf.ts starts: render each page of a PDF without a text layer (or
// only the listed pages of a PDF that mixes text and scans), or decode each page of an image file (PNG, JPEG,
// TIFF: ocr-image.ts), and read it with ocr.ts. The worker reports the page count, then each page as it is
// done (the parent's per-page time limit, and progress), then the result or an IngestError's code and reason.
import { parentPort, workerData } from "node:worker_threads";
import { PDFParse } from "pdf-parse";
import { CANCELLED_REASON, IngestError } from "../errors.ts";
import { ocrImage, renderPdfPage, type OcrLine, type PdfForOcr } from "./ocr.ts";
import { imagePage, imagePageCount } from "./ocr-image.ts";
import { renderOfdPage, type OfdRender } from "./ofd-render.ts";
import { pdfError } from "./pdf.ts";

export interface OcrJob {
  /** What the bytes are: a PDF whose pages are rendered, an image file whose pages are decoded, or an OFD's
   *  glyph-code pages (`ofd`; `data` is empty) drawn with their embedded fonts. */
  source: "pdf" | "image" | "ofd";
  ofd?: OfdRender;
  data: Uint8Array;
  /** Refuse files with more pages to read than this (LIMITS.ocr.maxPages unless a test says otherwise). */
  maxPages: number;
  /** Read only the first pages (tests: a long scan read in bounded time). */
  firstPages?: number;
  /** PDF: read only these pages (numbers from 1; the pages of a mixed PDF without a usable text layer). */
  only?: number[];
  /** Set to 1 by the parent (ocr-pdf.ts) to stop before the next step: terminating a worker while the ONNX
   *  runtime is inside a call aborts the whole process, so a cancel or a timeout asks, and the worker stops. */
  stop?: Int32Array;
}

export interface OcrRead {
  /** The page numbers read (from 1), each page's text, confidence and lines. */
  numbers: number[];
  pages: string[];
  confidences: number[];
  lines: OcrLine[][];
}

export type OcrMessage =
  | { kind: "start"; pages: number }
  | { kind: "page"; page: number; pages: number; confidence: number }
  | ({ kind: "done" } & OcrRead)
  | { kind: "failed"; code: IngestError["code"]; reason: string };

type Report = (m: OcrMessage) => void;

/** Throws "cancelled" once the parent has asked the worker to stop. */
function checkStop(stop: Int32Array | undefined): void {
  if (stop && Atomics.load(stop, 0) === 1) throw new IngestError("cancelled", CANCELLED_REASON);
}

/** Read the listed pages in order; `page(n)` gives page n as an image. Stops between steps when asked. */
async function readPages(numbers: number[], page: (n: number) => Promise<Buffer>, report: Report, stop?: Int32Array): Promise<OcrRead> {
  report({ kind: "start", pages: numbers.length });
  const out: OcrRead = { numbers, pages: [], confidences: [], lines: [] };
  for (const [i, n] of numbers.entries()) {
    checkStop(stop);
    const image = await page(n);
    checkStop(stop);
    const read = await ocrImage(image);
    out.pages.push(read.text);
    out.confidences.push(read.confidence);
    out.lines.push(read.lines);
    report({ kind: "page", page: i + 1, pages: numbers.length, confidence: read.confidence });
  }
  return out;
}

const range = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

/** Pages of a PDF read by OCR, in order; `report` hears the page count and each finished page. */
export async function ocrPdf(buf: Uint8Array, job: Omit<OcrJob, "data" | "source">, report: Report = () => {}): Promise<OcrRead> {
  const parser = new PDFParse({ data: buf, verbosity: 0 });
  try {
    const doc = await (parser as unknown as { load(): Promise<PdfForOcr["doc"]> }).load();
    if (job.only) {
      if (job.only.length > job.maxPages) {
        throw new IngestError("limit", `需要文字识别的页数过多（${job.only.length} 页没有文字层，文字识别上限 ${job.maxPages} 页）`);
      }
    } else if (doc.numPages > job.maxPages) {
      throw new IngestError("limit", `扫描件页数过多（${doc.numPages} 页，文字识别上限 ${job.maxPages} 页）`);
    }
    const numbers = (job.only ?? range(doc.numPages)).filter((n) => n >= 1 && n <= doc.numPages).slice(0, job.firstPages ?? Infinity);
    const withDoc = Object.assign(parser, { doc }) as unknown as PdfForOcr;
    return await readPages(numbers, (n) => renderPdfPage(withDoc, n), report, job.stop);
  } catch (e) {
    throw e instanceof IngestError ? e : pdfError(e);
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

/** Every page of an image file (one, or a TIFF's pages in order) read by OCR. */
export async function ocrImageFile(buf: Uint8Array, job: Omit<OcrJob, "data" | "source">, report: Report = () => {}): Promise<OcrRead> {
  const count = Math.min(await imagePageCount(buf, job.maxPages), job.firstPages ?? Infinity);
  return readPages(range(count), (n) => imagePage(buf, n), report, job.stop);
}

/** An OFD's glyph-code pages, drawn with their embedded fonts and read by OCR, in page order. */
export async function ocrOfdPages(render: OfdRender, job: Omit<OcrJob, "data" | "source">, report: Report = () => {}): Promise<OcrRead> {
  if (render.pages.length > job.maxPages) {
    throw new IngestError("limit", `需要文字识别的页数过多（${render.pages.length} 页是字形编码，文字识别上限 ${job.maxPages} 页）`);
  }
  const pages = render.pages.slice(0, job.firstPages ?? Infinity);
  const byNumber = new Map(pages.map((p) => [p.number, p]));
  return readPages(pages.map((p) => p.number), (n) => renderOfdPage(byNumber.get(n)!, render.fonts), report, job.stop);
}

if (parentPort && workerData?.policyOcrJob) {
  const port = parentPort;
  const { source, data, ofd, ...job } = workerData as OcrJob;
  try {
    const report = (m: OcrMessage) => port.postMessage(m);
    const got = source === "ofd" ? await ocrOfdPages(ofd!, job, report) : await (source === "image" ? ocrImageFile : ocrPdf)(data, job, report);
    port.postMessage({ kind: "done", ...got } satisfies OcrMessage);
  } catch (e) {
    const failed: OcrMessage =
      e instanceof IngestError
        ? { kind: "failed", code: e.code, reason: e.reason }
        : { kind: "failed", code: "corrupt", reason: `${source === "image" ? "图片" : source === "ofd" ? "OFD 文件" : "PDF 文件"}无法进行文字识别（文件可能已损坏）` };
    port.postMessage(failed);
  }
}
