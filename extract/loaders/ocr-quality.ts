// What OCR says about the text it read: which pages, how confidently, and which lines were read weakly.
// Kept beside the document (never in the contract's JSON): the store keeps it in a table of its own and the
// API shows it with the document, so that a reader knows which text came from a scan and how far to trust it.
import { z } from "zod";

/** A line read with less confidence than this is flagged for the reader (its fragments passed MIN_CONFIDENCE). */
export const LOW_LINE_CONFIDENCE = 0.85;
/** Flagged lines kept per document at most (a bad scan would otherwise list every line). */
export const MAX_LOW_LINES = 200;

export const OcrLowLine = z.object({
  page: z.number().int().positive().meta({ description: "页码（从 1 起）" }),
  text: z.string(),
  confidence: z.number().min(0).max(1),
});
export type OcrLowLine = z.infer<typeof OcrLowLine>;

export const OcrQuality = z.object({
  /** Pages read by OCR, numbers from 1, in document order (a mixed PDF lists only its scanned pages). */
  pages: z.array(z.number().int().positive()).meta({ description: "经文字识别读出的页码" }),
  /** Each of those pages' confidence (0: nothing was read on it). */
  confidences: z.array(z.number().min(0).max(1)),
  /** Mean over the pages where something was read. */
  meanConfidence: z.number().min(0).max(1).meta({ description: "平均置信度（只计读出文字的页）" }),
  lowLines: z.array(OcrLowLine).meta({ description: `置信度低于 ${LOW_LINE_CONFIDENCE} 的行（至多 ${MAX_LOW_LINES} 行）` }),
  /** The file's own format where the contract's format cannot say it (an image is stored as a one-page scan). */
  sourceFormat: z.enum(["pdf", "ofd", "png", "jpeg", "tiff"]),
});
export type OcrQuality = z.infer<typeof OcrQuality>;

/** The quality record of pages read by OCR: `lines` holds each page's lines with their confidence. */
export function ocrQuality(
  sourceFormat: OcrQuality["sourceFormat"],
  pages: number[],
  confidences: number[],
  lines: { text: string; confidence: number }[][],
): OcrQuality {
  const read = confidences.filter((c) => c > 0);
  const meanConfidence = read.length ? read.reduce((a, b) => a + b, 0) / read.length : 0;
  const lowLines: OcrLowLine[] = [];
  lines.forEach((pageLines, i) => {
    for (const l of pageLines) {
      if (l.confidence < LOW_LINE_CONFIDENCE && l.text.trim() && lowLines.length < MAX_LOW_LINES) {
        lowLines.push({ page: pages[i], text: l.text, confidence: Number(l.confidence.toFixed(3)) });
      }
    }
  });
  return { pages, confidences: confidences.map((c) => Number(c.toFixed(3))), meanConfidence: Number(meanConfidence.toFixed(3)), lowLines, sourceFormat };
}
