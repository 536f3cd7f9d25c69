// Images uploaded directly (PNG, JPEG, TIFF), as page images for OCR (ocr.ts), inside the OCR worker.
//
// TIFF is decoded by sharp (libvips with libtiff 4.6, already installed with the OCR engine, which uses sharp
// for its own image work), not by a pure-JS decoder: libtiff reads every compression scanners write (CCITT
// G3/G4 fax, LZW, Deflate, PackBits, JPEG-in-TIFF), multi-page files page by page, in native code off the
// JS heap; the pure-JS decoders (utif2, tiff) would be a second dependency, decode into the worker's heap,
// and `tiff` does not read CCITT at all. Each page is decoded on its own (`page: n`), so a 60-page TIFF never
// holds more than one page in memory.
//
// Bounds, as for PDFs: pages (LIMITS.ocr.maxPages, checked from the header before any page is decoded) and
// pixels per page (LIMITS.ocr.maxImagePixels, from the header too); the per-page time limit is the OCR
// worker's. A page is turned upright (EXIF orientation) and scaled to the width pages are rendered at for
// OCR (ocr.ts renderScale): a 600 dpi scan is scaled down, a small screenshot up at most twice.
import { IngestError } from "../errors.ts";
import { LIMITS } from "./limits.ts";
import { renderScale } from "./ocr.ts";
import { imageFormatOf, type ImageFormat } from "./detect.ts";

export type { ImageFormat } from "./detect.ts";

const LABEL: Record<ImageFormat, string> = { png: "PNG", jpeg: "JPEG", tiff: "TIFF" };

async function sharpOf() {
  return (await import("sharp")).default;
}

/** Pages of an image file (TIFF may have many), refused over the page limit before any page is decoded. */
export async function imagePageCount(buf: Uint8Array, maxPages: number): Promise<number> {
  const format = imageFormatOf(buf);
  if (!format) throw new IngestError("unknown-format", "无法识别的图片格式（支持 PNG、JPEG、TIFF）");
  const sharp = await sharpOf();
  let pages: number;
  try {
    const meta = await sharp(buf, { limitInputPixels: false }).metadata();
    pages = meta.pages ?? 1;
  } catch {
    throw new IngestError("corrupt", `${LABEL[format]} 图片已损坏或格式无效`);
  }
  if (pages > maxPages) throw new IngestError("limit", `图片页数过多（${pages} 页，文字识别上限 ${maxPages} 页）`);
  return pages;
}

/** Page `n` (from 1) of an image file, upright and scaled for OCR, as PNG. */
export async function imagePage(buf: Uint8Array, n: number): Promise<Buffer> {
  const format = imageFormatOf(buf) ?? "png";
  const sharp = await sharpOf();
  const max = LIMITS.ocr.maxImagePixels;
  let meta;
  try {
    meta = await sharp(buf, { page: n - 1, limitInputPixels: false }).metadata();
  } catch {
    throw new IngestError("corrupt", `${LABEL[format]} 图片已损坏（第 ${n} 页无法读取）`);
  }
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  if (!width || !height) throw new IngestError("corrupt", `${LABEL[format]} 图片已损坏（第 ${n} 页没有尺寸）`);
  if (width * height > max) {
    throw new IngestError("limit", `图片过大（第 ${n} 页 ${width}×${height} 像素，上限 ${Math.round(max / 1e6)} 百万像素）`);
  }
  // EXIF orientation 5–8 swaps the sides.
  const [w, h] = (meta.orientation ?? 1) >= 5 ? [height, width] : [width, height];
  const scale = Math.min(2, renderScale(w, h));
  try {
    return await sharp(buf, { page: n - 1, limitInputPixels: max })
      .rotate()
      .resize({ width: Math.max(1, Math.round(w * scale)), height: Math.max(1, Math.round(h * scale)), fit: "fill" })
      .flatten({ background: "#ffffff" })
      .toColourspace("srgb")
      .png({ compressionLevel: 1 })
      .toBuffer();
  } catch {
    throw new IngestError("corrupt", `${LABEL[format]} 图片已损坏（第 ${n} 页无法解码）`);
  }
}
