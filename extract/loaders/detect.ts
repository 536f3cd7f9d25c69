// Decide a file's format from its bytes first, its extension second.
import type { DocFormat } from "../schema.ts";
import { isEncryptedPackage, isEncryptedWord, oleEntries } from "./ole.ts";
import { IngestError } from "../errors.ts";

const EXT: Record<string, DocFormat> = {
  txt: "txt", text: "txt", htm: "html", html: "html", shtml: "html", xhtml: "html",
  pdf: "pdf", docx: "docx", doc: "doc", ofd: "ofd",
};

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

export type ImageFormat = "png" | "jpeg" | "tiff";
const IMAGE_EXT: Record<string, ImageFormat> = { png: "png", jpg: "jpeg", jpeg: "jpeg", tif: "tiff", tiff: "tiff" };

/** An image read by OCR (PNG, JPEG, TIFF) from its magic bytes, or null; an image extension on other bytes is
 *  refused as corrupt (unless the bytes are a format of their own, which detectFormat then names). */
export function detectImage(buf: Buffer, name: string): ImageFormat | null {
  const format = imageFormatOf(buf);
  if (format) return format;
  const ext = IMAGE_EXT[extensionOf(name)];
  if (ext && buf.length > 0 && !startsWith(buf, [0x25, 0x50, 0x44, 0x46]) && !startsWith(buf, [0x50, 0x4b, 0x03, 0x04]) && !startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new IngestError("corrupt", `文件内容不是有效的 ${ext === "jpeg" ? "JPEG" : ext.toUpperCase()} 图片（文件可能已损坏）`);
  }
  return null;
}

/** The image format from the magic numbers: PNG signature, JPEG SOI + marker, TIFF II*\0 / MM\0*. */
export function imageFormatOf(buf: Uint8Array): ImageFormat | null {
  const at = (bytes: number[]) => bytes.every((b, i) => buf[i] === b);
  if (at([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (at([0xff, 0xd8, 0xff])) return "jpeg";
  if (at([0x49, 0x49, 0x2a, 0x00]) || at([0x4d, 0x4d, 0x00, 0x2a])) return "tiff";
  return null;
}

export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m ? m[1].toLowerCase() : "";
}

/** Sniff the format. Throws IngestError for empty or unrecognisable input. */
export function detectFormat(buf: Buffer, name: string): DocFormat {
  if (buf.length === 0) throw new IngestError("empty", "文件为空");
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46])) return "pdf"; // %PDF
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // OLE2: a Word 97–2003 document, unless a password protects it (then its bytes are ciphertext, no text to read).
    const entries = oleEntries(buf);
    if (isEncryptedPackage(entries)) throw new IngestError("encrypted", "Word 文件已加密（设有打开密码），无法读取：请在 Word 中取消密码后再上传");
    if (isEncryptedWord(buf, entries)) throw new IngestError("encrypted", "DOC 已加密（设有打开密码），无法读取：请在 Word 中取消密码后再上传");
    return "doc";
  }
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) {
    // ZIP: DOCX holds word/document.xml, OFD holds OFD.xml; file names sit in the local headers and
    // again in the central directory at the end (a large package's first entries may be images).
    const ends = buf.subarray(0, Math.min(buf.length, 1 << 20)).toString("latin1") + buf.subarray(Math.max(0, buf.length - (1 << 20))).toString("latin1");
    if (ends.includes("word/")) return "docx";
    if (/OFD\.xml/i.test(ends)) return "ofd";
    throw new IngestError("unknown-format", "无法识别的压缩文件格式（不是 DOCX 或 OFD）");
  }
  const ext = EXT[extensionOf(name)];
  const probe = buf.subarray(0, 2048).toString("latin1").trimStart().toLowerCase();
  if (probe.startsWith("<!doctype html") || probe.startsWith("<html") || /<(head|body|meta|div|p)[\s>]/.test(probe)) {
    return "html";
  }
  if (ext === "pdf" || ext === "docx" || ext === "doc" || ext === "ofd") {
    // The extension promises a binary format the bytes do not have.
    throw new IngestError("corrupt", `文件内容不是有效的 ${ext.toUpperCase()} 格式（文件可能已损坏）`);
  }
  if (ext === "txt" || ext === "html") return ext;
  if (looksLikeText(buf)) return "txt";
  throw new IngestError("unknown-format", `不支持的文件格式${extensionOf(name) ? `（.${extensionOf(name)}）` : ""}`);
}

/** Text has no NUL bytes, unless it is UTF-16. */
function looksLikeText(buf: Buffer): boolean {
  if (startsWith(buf, [0xff, 0xfe]) || startsWith(buf, [0xfe, 0xff])) return true;
  const n = Math.min(buf.length, 4096) & ~1;
  let even = 0, odd = 0;
  for (let i = 0; i < n; i += 2) { if (buf[i] === 0) even++; if (buf[i + 1] === 0) odd++; }
  if (even + odd === 0) return true;
  // UTF-16 without BOM: NULs (of ASCII characters) all on one side of the code units.
  return (even === 0 && odd > 0) || (odd === 0 && even > 0);
}
