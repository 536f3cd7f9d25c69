// Load any supported file into raw text (plus PDF pages), chosen by content as well as by extension.
import type { DocFormat } from "../schema.ts";
import { IngestError } from "../errors.ts";
import { detectFormat } from "./detect.ts";
import { decodeText } from "./text-decode.ts";
import { htmlToText } from "./html.ts";
import { docText, docxText } from "./word.ts";

export interface LoadedText {
  format: DocFormat;
  text: string; // raw text, before repair
  pages: string[] | null; // PDF only: text per page
  encoding?: string;
}

export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export async function loadBuffer(buf: Buffer, name: string): Promise<LoadedText> {
  try {
    if (buf.length > MAX_FILE_BYTES) throw new IngestError("too-large", `文件过大（${(buf.length / 1048576).toFixed(1)} MB，上限 ${MAX_FILE_BYTES / 1048576} MB）`);
    const format = detectFormat(buf, name);
    let loaded: LoadedText;
    switch (format) {
      case "txt": {
        const { text, encoding } = decodeText(buf);
        loaded = { format, text, pages: null, encoding };
        break;
      }
      case "html":
        loaded = { format, text: htmlToText(decodeText(buf).text), pages: null };
        break;
      case "pdf": {
        // Loaded on first use: pdf.js installs core-js polyfills (Array.prototype.push, JSON.parse) that slow
        // the whole process, so a service that never reads a PDF should not pay for them.
        const { pdfPages } = await import("./pdf.ts");
        const pages = await pdfPages(buf);
        loaded = { format, text: pages.join("\n"), pages };
        break;
      }
      case "docx":
        loaded = { format, text: await docxText(buf), pages: null };
        break;
      case "doc":
        loaded = { format, text: await docText(buf), pages: null };
        break;
      case "ofd":
        throw new IngestError("unsupported-format", "暂不支持 OFD 格式");
    }
    if (!/[\u4e00-\u9fff]/.test(loaded.text)) {
      throw new IngestError("no-text", format === "pdf" ? "PDF 中没有可提取的文字（可能是扫描件）" : "文件中没有中文文字内容");
    }
    return loaded;
  } catch (e) {
    if (e instanceof IngestError) throw e.withFile(name);
    throw new IngestError("corrupt", `无法解析文件（${String((e as Error)?.message ?? e).slice(0, 80)}）`, name);
  }
}
