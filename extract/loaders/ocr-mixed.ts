// Documents whose pages are partly read by OCR. A PDF that mixes text pages and scanned pages (a signed page
// scanned back in, an attachment photographed):
// each page keeps its text layer where it is usable and is read by OCR where it is not, in page order. A page
// is unusable when it has no Chinese and little other text (a scan, maybe with a page number laid over it) or
// when its text is mostly private-use glyph codes (fonts without a Unicode map). An OFD's glyph-code pages
// (ofd.ts) are drawn with their embedded fonts and read the same way (ofd-render.ts).
import type { LoadedText, LoadOptions } from "./index.ts";
import { ocrOfdIsolated, ocrPdfPagesIsolated } from "./ocr-pdf.ts";
import type { OfdRender } from "./ofd-render.ts";
import type { OcrRead } from "./ocr-worker.ts";
import { ocrProperties } from "./ocr.ts";
import { ocrQuality } from "./ocr-quality.ts";

/** Non-space characters other than Chinese that make a page without Chinese still a text page (an English
 *  page, a table of figures); a page number or a scanner's stamp over a scan is far shorter. */
const MIN_OTHER_CHARS = 40;
/** Share of private-use codes among a page's letters above which its text is glyph codes (as ofd.ts). */
const GLYPH_CODE_SHARE = 0.3;

/** Whether a page's text layer can stand for the page. */
export function usableTextLayer(page: string): boolean {
  const cjk = page.match(/[\u3400-\u9fff]/g)?.length ?? 0;
  const pua = page.match(/[\ue000-\uf8ff]/g)?.length ?? 0;
  if (pua > 0 && pua / (pua + cjk) > GLYPH_CODE_SHARE) return false;
  return cjk > 0 || page.replace(/\s/g, "").length >= MIN_OTHER_CHARS;
}

/** The loaded text layer with its unusable pages read by OCR instead (unchanged when every page is usable). */
export async function mixOcrPages(buf: Buffer, layer: LoadedText, options: LoadOptions): Promise<LoadedText> {
  const pages = layer.pages ?? [];
  const scanned = pages.flatMap((p, i) => (usableTextLayer(p) ? [] : [i + 1]));
  if (scanned.length === 0) return layer;
  return merged(layer, await ocrPdfPagesIsolated(buf, scanned, options), "pdf");
}

/** An OFD with its glyph-code pages (empty in the text) read by OCR from their drawing, in page order. */
export async function mixOfdGlyphPages(layer: LoadedText, render: OfdRender, options: LoadOptions): Promise<LoadedText> {
  return merged(layer, await ocrOfdIsolated(render, options), "ofd");
}

function merged(layer: LoadedText, read: OcrRead, format: "pdf" | "ofd"): LoadedText {
  const pages = layer.pages ?? [];
  const merged = [...pages];
  read.numbers.forEach((n, i) => (merged[n - 1] = read.pages[i]));
  return {
    ...layer,
    text: merged.join("\n"),
    pages: merged,
    properties: { ...layer.properties, ...ocrProperties(read.confidences), OCR页码: read.numbers.join(",") },
    ocr: ocrQuality(format, read.numbers, read.confidences, read.lines),
  };
}
