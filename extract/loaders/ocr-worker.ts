// The OCR job, inside the worker that ocr-pdf.ts starts: render each page of a PDF without a text layer and
// read it with ocr.ts. The worker reports the page count, then each page as it is done (the parent's per-page
// time limit, and progress), then the result or an IngestError's code and reason.
import { parentPort, workerData } from "node:worker_threads";
import { PDFParse } from "pdf-parse";
import { IngestError } from "../errors.ts";
import { LIMITS } from "./limits.ts";
import { ocrImage, renderPdfPage, type PdfForOcr } from "./ocr.ts";
import { pdfError } from "./pdf.ts";

export interface OcrJob {
  data: Uint8Array;
  /** Refuse PDFs with more pages than this (LIMITS.ocr.maxPages unless a test says otherwise). */
  maxPages: number;
  /** Read only the first pages (tests: a long scan read in bounded time). */
  firstPages?: number;
}

export type OcrMessage =
  | { kind: "start"; pages: number }
  | { kind: "page"; page: number; pages: number; confidence: number }
  | { kind: "done"; pages: string[]; confidences: number[] }
  | { kind: "failed"; code: IngestError["code"]; reason: string };

/** Every page of a PDF read by OCR, in order; `report` hears the page count and each finished page. */
export async function ocrPdf(buf: Uint8Array, job: Omit<OcrJob, "data">, report: (m: OcrMessage) => void = () => {}): Promise<{ pages: string[]; confidences: number[] }> {
  const parser = new PDFParse({ data: buf, verbosity: 0 });
  try {
    const doc = await (parser as unknown as { load(): Promise<PdfForOcr["doc"]> }).load();
    if (doc.numPages > job.maxPages) {
      throw new IngestError("limit", `扫描件页数过多（${doc.numPages} 页，文字识别上限 ${job.maxPages} 页）`);
    }
    const count = Math.min(doc.numPages, job.firstPages ?? doc.numPages);
    report({ kind: "start", pages: count });
    const withDoc = Object.assign(parser, { doc }) as unknown as PdfForOcr;
    const pages: string[] = [];
    const confidences: number[] = [];
    for (let n = 1; n <= count; n++) {
      const page = await ocrImage(await renderPdfPage(withDoc, n));
      pages.push(page.text);
      confidences.push(page.confidence);
      report({ kind: "page", page: n, pages: count, confidence: page.confidence });
    }
    return { pages, confidences };
  } catch (e) {
    throw e instanceof IngestError ? e : pdfError(e);
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

if (parentPort && workerData?.policyOcrJob) {
  const port = parentPort;
  const { data, maxPages, firstPages } = workerData as OcrJob;
  try {
    const got = await ocrPdf(data, { maxPages, firstPages }, (m) => port.postMessage(m));
    port.postMessage({ kind: "done", ...got } satisfies OcrMessage);
  } catch (e) {
    const failed: OcrMessage =
      e instanceof IngestError ? { kind: "failed", code: e.code, reason: e.reason } : { kind: "failed", code: "corrupt", reason: "PDF 文件无法进行文字识别（文件可能已损坏）" };
    port.postMessage(failed);
  }
}
