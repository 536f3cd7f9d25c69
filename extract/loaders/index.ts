// Load any supported file into raw text (plus PDF pages), chosen by content as well as by extension. Every
// format runs under the limits of limits.ts: plain text in process (its work is linear in the bytes), HTML,
// PDF, DOCX and DOC in a worker thread with a heap cap and a time limit (isolate.ts). A DOCX's zip directory
// is checked here first, so that a zip bomb is refused before any worker starts or anything is inflated, and
// its entries' CRCs, like a PDF's stream checksums, are checked while streaming in zlib's thread pool.
import type { DocFormat } from "../schema.ts";
import { IngestError } from "../errors.ts";
import { detectFormat } from "./detect.ts";
import { decodeText } from "./text-decode.ts";
import { assertUndamaged } from "./damage.ts";
import { loadIsolated } from "./isolate.ts";
import { LIMITS, formatMb } from "./limits.ts";
import { normaliseSourcePath } from "./names.ts";
import { checkDocx, inspectZip } from "./zip.ts";
import { verifyPdfStreams } from "./pdf-streams.ts";
import { ocrPdfIsolated } from "./ocr-pdf.ts";

export { normaliseFileName, normaliseSourcePath } from "./names.ts";
export { LIMITS } from "./limits.ts";

export interface LoadedText {
  format: DocFormat;
  text: string; // raw text, before repair
  pages: string[] | null; // PDF and OFD: text per page
  encoding?: string;
  /** The file's own properties where it has them (OFD DocInfo: Title, Author, CreationDate …; 签章). */
  properties?: Record<string, string>;
}

export const MAX_FILE_BYTES = LIMITS.maxFileBytes;

export function tooLargeReason(bytes: number): string {
  return `文件过大（${(bytes / 1048576).toFixed(1)} MB，上限 ${formatMb(LIMITS.maxFileBytes)}）`;
}

export async function loadBuffer(buf: Buffer, name: string): Promise<LoadedText> {
  name = normaliseSourcePath(name);
  try {
    if (buf.length > MAX_FILE_BYTES) throw new IngestError("too-large", tooLargeReason(buf.length));
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
        // No text layer (a scan, or glyphs drawn as outlines): the pages are read by OCR (ocr-pdf.ts).
        if (!/[\u4e00-\u9fff]/.test(loaded.text)) loaded = { format, ...(await ocrPdfIsolated(buf)) };
        break;
      case "html":
      case "doc":
        loaded = { format, ...(await loadIsolated(format, buf)) };
        break;
      case "ofd":
        // The directory here (a bomb is refused before any worker starts); sizes and CRCs while the worker reads it.
        await inspectZip(buf, "OFD");
        loaded = { format, ...(await loadIsolated(format, buf)) };
        break;
    }
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
