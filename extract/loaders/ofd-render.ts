// OFD pages whose text is private-use glyph codes (a producer that wrote each glyph's index into a subset font
// instead of its character), drawn so that OCR can read them: every glyph at its place and size on a white page,
// in the embedded font the page names, which maps those codes to the glyphs they stand for. Runs in the OCR
// worker (@napi-rs/canvas, already installed as the PDF renderer's canvas). Only text is drawn: the page's
// images and paths are not needed to read its words. A glyph whose font is not embedded, or cannot be loaded
// (a bare CFF font skia does not open), is drawn with the page's other embedded fonts as fallbacks.
import { OCR_MAX_PIXELS, renderScale } from "./ocr.ts";

/** One glyph on a page: its origin (left of the baseline) and em size in millimetres, its font's ID. */
export interface OfdGlyph {
  x: number;
  y: number;
  size: number;
  font: string;
  ch: string;
}

export interface OfdRenderPage {
  /** Page number in the document, from 1. */
  number: number;
  /** Physical box in millimetres. */
  width: number;
  height: number;
  glyphs: OfdGlyph[];
}

export interface OfdRender {
  pages: OfdRenderPage[];
  /** Embedded font files by font ID. */
  fonts: Record<string, Uint8Array>;
}

const PT_PER_MM = 72 / 25.4;

/** Register the embedded fonts once per worker; the families that loaded, by font ID. */
async function registerFonts(fonts: Record<string, Uint8Array>, registered: Map<string, string>): Promise<void> {
  const { GlobalFonts } = await import("@napi-rs/canvas");
  for (const [id, bytes] of Object.entries(fonts)) {
    if (registered.has(id)) continue;
    const family = `ofd-font-${id}`;
    try {
      if (GlobalFonts.register(Buffer.from(bytes), family)) registered.set(id, family);
    } catch {
      // a font skia cannot open: its glyphs fall back to the others
    }
  }
}

const families = new Map<string, string>();

/** One glyph-code page drawn for OCR, about OCR_WIDTH pixels wide (as PDF pages are rendered), as PNG. */
export async function renderOfdPage(page: OfdRenderPage, fonts: Record<string, Uint8Array>): Promise<Buffer> {
  await registerFonts(fonts, families);
  const { createCanvas } = await import("@napi-rs/canvas");
  const wPt = Math.max(1, page.width * PT_PER_MM);
  const hPt = Math.max(1, page.height * PT_PER_MM);
  const pxPerMm = renderScale(wPt, hPt) * PT_PER_MM;
  const width = Math.max(1, Math.round(page.width * pxPerMm));
  const height = Math.max(1, Math.min(Math.round(page.height * pxPerMm), Math.floor(OCR_MAX_PIXELS / width)));
  const canvas = createCanvas(width, height);
  const g = canvas.getContext("2d");
  g.fillStyle = "#ffffff";
  g.fillRect(0, 0, width, height);
  g.fillStyle = "#000000";
  g.textBaseline = "alphabetic";
  const all = [...families.values()].map((f) => `"${f}"`);
  let current = "";
  for (const glyph of page.glyphs) {
    const own = families.get(glyph.font);
    const px = Math.max(1, Math.round(glyph.size * pxPerMm * 10) / 10);
    const font = `${px}px ${[...(own ? [`"${own}"`] : []), ...all.filter((f) => f !== `"${own}"`), "sans-serif"].join(", ")}`;
    if (font !== current) g.font = current = font;
    g.fillText(glyph.ch, glyph.x * pxPerMm, glyph.y * pxPerMm);
  }
  return canvas.toBuffer("image/png");
}
