// PDF text with pdf-parse, one string per page (page markers are removed later by repair). Tables that
// pdf-parse finds from the page's ruling lines replace their cells' scattered text with tab-separated rows
// ("\v" between the lines of a cell), the form a DOCX table takes, so 任务分工表 read the same way.
import { PDFParse } from "pdf-parse";
import { IngestError } from "../errors.ts";

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

export async function pdfPages(buf: Buffer): Promise<string[]> {
  const parser = new PDFParse({ data: new Uint8Array(buf) });
  try {
    const text = await parser.getText();
    let tables: { num: number; tables: Table[] }[] = [];
    try {
      tables = (await parser.getTable()).pages;
    } catch {
      tables = []; // table detection is a refinement: the page text stands without it
    }
    const byPage = new Map(tables.map((p) => [p.num, p.tables]));
    return text.pages.map((p) => (byPage.get(p.num)?.length ? substituteTables(p.text, byPage.get(p.num)!) : p.text));
  } catch (e) {
    const name = (e as { name?: string }).name ?? "";
    const msg = String((e as Error).message ?? e);
    if (name === "PasswordException" || /password|encrypt/i.test(msg)) throw new IngestError("encrypted", "PDF 已加密，无法读取");
    throw new IngestError("corrupt", `PDF 文件已损坏或格式无效（${msg.slice(0, 80)}）`);
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}
