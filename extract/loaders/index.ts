// Load any supported file into raw text (plus PDF pages), chosen by content as well as by extension. Every
// format runs under the limits of limits.ts: plain text in process (its work is linear in the bytes), HTML,
// PDF, DOCX and DOC in a worker thread with a heap cap and a time limit (isolate.ts). A DOCX's zip directory
// is checked here first, so that a zip bomb is refused before any worker starts or anything is inflated, and
// its entries' CRCs, like a PDF's stream checksums, are checked while streaming in zlib's thread pool.
import type { DocFormat } from "../schema.ts";
import { CANCELLED_REASON, IngestError } from "../errors.ts";
import { detectFormat, detectImage } from "./detect.ts";
import { decodeText } from "./text-decode.ts";
import { assertUndamaged } from "./damage.ts";
import { loadIsolated } from "./isolate.ts";
import { LIMITS, formatMb } from "./limits.ts";
import { normaliseSourcePath } from "./names.ts";
import { checkDocx, inspectZip } from "./zip.ts";
import { verifyPdfStreams } from "./pdf-streams.ts";
import { ocrImageIsolated, ocrPdfIsolated, type OcrOptions } from "./ocr-pdf.ts";
import { mixOcrPages, mixOfdGlyphPages } from "./ocr-mixed.ts";
import type { OcrQuality } from "./ocr-quality.ts";

export { normaliseFileName, normaliseSourcePath } from "./names.ts";
export { LIMITS } from "./limits.ts";
export type { OcrQuality } from "./ocr-quality.ts";

/** What a caller may pass to a load: progress of pages read by OCR, and cancellation. */
export type LoadOptions = Pick<OcrOptions, "onPage" | "signal">;

export interface LoadedText {
  format: DocFormat;
  text: string; // raw text, before repair
  pages: string[] | null; // PDF and OFD: text per page
  encoding?: string;
  /** The file's own properties where it has them (OFD DocInfo: Title, Author, CreationDate …; 签章). */
  properties?: Record<string, string>;
  /** Pages read by OCR: which, how confidently, which lines weakly (kept beside the document, not in its JSON). */
  ocr?: OcrQuality;
}

export const MAX_FILE_BYTES = LIMITS.maxFileBytes;

export function tooLargeReason(bytes: number): string {
  return `文件过大（${(bytes / 1048576).toFixed(1)} MB，上限 ${formatMb(LIMITS.maxFileBytes)}）`;
}

export async function loadBuffer(buf: Buffer, name: string, options: LoadOptions = {}): Promise<LoadedText> {
  name = normaliseSourcePath(name);
  try {
    if (buf.length > MAX_FILE_BYTES) throw new IngestError("too-large", tooLargeReason(buf.length));
    let loaded: LoadedText;
    const image = detectImage(buf, name);
    // An image is a scan of one page (a TIFF: of several): the contract's closed list of formats has no image
    // format, so it is a "pdf" there (the fixed-layout, paged kind); its own format is in loaded.ocr.sourceFormat.
    if (image) loaded = { format: "pdf", ...(await ocrImageIsolated(buf, image, options)) };
    else loaded = await loadDocument(buf, name, options);
    if (options.signal?.aborted) throw new IngestError("cancelled", CANCELLED_REASON);
    const format = loaded.format;
    if (!/[\u4e00-\u9fff]/.test(loaded.text)) {
      throw new IngestError("no-text", format === "pdf" ? "PDF 中没有可提取的文字（可能是扫描件）" : "文件中没有中文文字内容");
    }
    assertUndamaged(loaded.text);
    return loaded;
  } catch (e) {
    if (e instanceof IngestError) throw e.withFile(name);
    // Never an English library message inside a Chinese reason.
    throw new IngestError("corrupt", e instanceof RangeError ? "文件结构过于复杂，超出解析限制" : "无法解析文件（文件可能已损坏）", name);
  }
}

/** A document file (not an image) by its detected format. */
async function loadDocument(buf: Buffer, name: string, options: LoadOptions): Promise<LoadedText> {
  const format = detectFormat(buf, name);
  let loaded: LoadedText;
  switch (format) {
    case "txt": {
      // No encoding takes more than 4 bytes a character: a file over that bound is refused undecoded.
      if (buf.length > LIMITS.maxChars * 4) throw new IngestError("limit", `文字过多（超过 ${LIMITS.maxChars / 10000} 万字）`);
      const { text, encoding } = decodeText(buf);
      if (text.length > LIMITS.maxChars) throw new IngestError("limit", `文字过多（超过 ${LIMITS.maxChars / 10000} 万字）`);
      loaded = { format, text, pages: null, encoding };
      break;
    }
    case "docx":
      await checkDocx(buf);
      loaded = { format, ...(await loadIsolated(format, buf)) };
      break;
    case "pdf":
      await verifyPdfStreams(buf);
      loaded = { format, ...(await loadIsolated(format, buf)) };
      // No text layer (a scan, or glyphs drawn as outlines): the pages are read by OCR (ocr-pdf.ts); a PDF
      // that mixes text and scanned pages has only the pages without usable text read (ocr-mixed.ts).
      if (!/[\u4e00-\u9fff]/.test(loaded.text)) loaded = { format, ...(await ocrPdfIsolated(buf, options)) };
      else loaded = await mixOcrPages(buf, loaded, options);
      break;
    case "html":
    case "doc":
      loaded = { format, ...(await loadIsolated(format, buf)) };
      break;
    case "ofd":
      // The directory here (a bomb is refused before any worker starts); sizes and CRCs while the worker reads it.
      await inspectZip(buf, "OFD");
      {
        // Pages in private-use glyph codes come back empty, with their glyphs and fonts to draw for OCR.
        const { render, ...text } = await loadIsolated(format, buf);
        loaded = { format, ...text };
        if (render) loaded = await mixOfdGlyphPages(loaded, render, options);
      }
      break;
  }
  return loaded;
}
