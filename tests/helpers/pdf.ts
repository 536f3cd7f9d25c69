// PDFs for tests: one written from its objects (header, objects, cross-reference table and trailer), and
// the pages of one rendered for OCR.
import { PDFParse } from "pdf-parse";
import { renderPdfPage, type PdfForOcr } from "../../extract/loaders/ocr.ts";

export function pdfFromObjects(objs: string[]): Buffer {
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** Pages of a PDF rendered for OCR (PNG, no text layer). */
export async function renderPages(pdf: Buffer, numbers: number[]): Promise<Buffer[]> {
  const parser = new PDFParse({ data: new Uint8Array(pdf), verbosity: 0 });
  const doc = await (parser as unknown as { load(): Promise<PdfForOcr["doc"]> }).load();
  const withDoc = Object.assign(parser, { doc }) as unknown as PdfForOcr;
  const out: Buffer[] = [];
  for (const n of numbers) out.push(await renderPdfPage(withDoc, n));
  await parser.destroy();
  return out;
}
