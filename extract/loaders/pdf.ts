// PDF text with pdf-parse, one string per page (page markers are removed later by repair). Tables that
// pdf-parse finds from the page's ruling lines replace their cells' scattered text with tab-separated rows
// ("\v" between the lines of a cell), the form a DOCX table takes, so 任务分工表 read the same way.
import { PDFParse } from "pdf-parse";
import { IngestError } from "../errors.ts";
import { LIMITS } from "./limits.ts";

type Table = string[][];

const squash = (s: string) => s.replace(/\s+/g, "");

/** Put each table's rows where its cells' text began on the page, and drop that text. */
export function substituteTables(pageText: string, tables: Table[]): string {
  let lines = pageText.split("\n");
  for (const table of tables) {
    if (table.length < 2 || table[0].length < 2) continue;
    const fragments = new Set(table.flat().flatMap((cell) => cell.split("\n").map(squash)).filter(Boolean));
    const longest = Math.max(...[...fragments].map((f) => f.length));
    // A line of the table is made of cell fragments only (the text layer runs cells of a row together).
    const isTableLine = (l: string) => {
      const s = squash(l);
      if (!s) return false;
      const ok = new Uint8Array(s.length + 1);
      ok[0] = 1;
      for (let i = 0; i < s.length; i++) {
        if (!ok[i]) continue;
        for (let j = i + 1; j <= Math.min(s.length, i + longest); j++) if (!ok[j] && fragments.has(s.slice(i, j))) ok[j] = 1;
      }
      return ok[s.length] === 1;
    };
    const first = lines.findIndex(isTableLine);
    if (first < 0) continue;
    const rows = table.map((r) => r.map((cell) => cell.trim().replace(/\t/g, " ").replace(/\n/g, "\v")).join("\t"));
    const kept = lines.filter((l, i) => i < first || !isTableLine(l));
    lines = [...kept.slice(0, first), ...rows, ...kept.slice(first)];
  }
  return lines.join("\n");
}

/** pdf.js's English exceptions, as one specific Chinese reason. */
export function pdfError(e: unknown): IngestError {
  if (e instanceof IngestError) return e;
  const name = (e as { name?: string })?.name ?? "";
  const msg = String((e as Error)?.message ?? e);
  if (name === "PasswordException" || /password|encrypt/i.test(msg)) return new IngestError("encrypted", "PDF 已加密，无法读取");
  if (name === "InvalidPDFException" || /Invalid PDF structure/i.test(msg)) return new IngestError("corrupt", "PDF 文件已损坏（文件结构无效，可能不完整）");
  if (/No password given|Incorrect Password/i.test(msg)) return new IngestError("encrypted", "PDF 已加密，无法读取");
  if (/flate|block type|bad fcheck|stream/i.test(msg)) return new IngestError("corrupt", "PDF 文件已损坏（数据流无法解压）");
  if (name === "FormatError" || /operator|Invalid number|Invalid|Unknown|Missing|Bad|Illegal|Unexpected/i.test(msg)) {
    return new IngestError("corrupt", "PDF 文件已损坏（页面内容无法解析）");
  }
  if (e instanceof RangeError) return new IngestError("limit", "PDF 结构过于复杂，超出解析限制");
  return new IngestError("corrupt", "PDF 文件已损坏或格式无效");
}

/**
 * Text per page. Pages that pdf.js cannot parse refuse the file (stopAtErrors) rather than leaving a page's
 * text out; so do more pages than LIMITS.pdf.maxPages. The caller checks the Flate streams' checksums first
 * (pdf-streams.ts verifyPdfStreams).
 */
export async function pdfPages(buf: Buffer): Promise<string[]> {
  const parser = new PDFParse({ data: new Uint8Array(buf), stopAtErrors: true, verbosity: 0 });
  try {
    const doc = await (parser as unknown as { load(): Promise<{ numPages: number }> }).load();
    if (doc.numPages > LIMITS.pdf.maxPages) {
      throw new IngestError("limit", `PDF 页数过多（${doc.numPages} 页，上限 ${LIMITS.pdf.maxPages} 页）`);
    }
    const text = await parser.getText();
    if (text.pages.length !== doc.numPages) throw new IngestError("corrupt", `PDF 文件已损坏（${doc.numPages} 页中只读出 ${text.pages.length} 页）`);
    let tables: { num: number; tables: Table[] }[] = [];
    try {
      tables = (await parser.getTable()).pages;
    } catch {
      tables = []; // table detection is a refinement: the page text stands without it
    }
    const byPage = new Map(tables.map((p) => [p.num, p.tables]));
    return text.pages.map((p) => (byPage.get(p.num)?.length ? substituteTables(p.text, byPage.get(p.num)!) : p.text));
  } catch (e) {
    throw pdfError(e);
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}
