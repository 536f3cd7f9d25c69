// The 任务分工表 as it is printed and handed out: the 绵阳 table (29 measures) on at most 3 landscape
// A4 pages in XLSX and DOCX. Where LibreOffice is installed the files are rendered to PDF and their
// pages counted; everywhere the page count is also worked out from the files themselves (row heights
// the XLSX sets, the DOCX's column widths and text), so the layout is checked on every machine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import mammoth from "mammoth";
import type { Store } from "../index/store/store.ts";
import { clerkDeadline, documentTable, dutyList, parseColumns, render, type ExportDocument, type ExportTable } from "../src/exports/index.ts";
import { displayWidth } from "../src/exports/text.ts";
import type { Deadline } from "../extract/schema.ts";
import { CORPUS } from "./helpers/paths.ts";
import { tempLibrary, type TempLibrary } from "./helpers/library.ts";
import { convertToPdf, findOffice } from "./helpers/office.ts";

let tmp: TempLibrary;
let dir: string;
let store: Store;
let mianyang: ExportDocument;
let all: ExportDocument[];

beforeAll(async () => {
  tmp = await tempLibrary("print", [CORPUS]);
  ({ dir, store } = tmp);
  all = store.listDocuments().map((d) => store.getDocument(d.id)!);
  mianyang = all.find((d) => d.source.includes("mianyang"))!;
});
afterAll(() => tmp?.cleanup());

async function write(table: ExportTable, format: string, name: string): Promise<string> {
  const out = await render(table, format);
  const file = join(dir, `${name}.${format}`);
  writeFileSync(file, out.body);
  return file;
}

const A4_SHORT_PT = 595.3;
const A4_LONG_PT = 841.9;

/** Pages of an XLSX worksheet as printed: its row heights, scaled to fit the page width, rows kept whole, the header row repeated. */
async function xlsxPages(file: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  const m = ws.pageSetup.margins!;
  expect(ws.pageSetup.orientation).toBe("landscape");
  expect(ws.pageSetup.paperSize).toBe(9);
  let px = 0;
  for (let c = 1; c <= ws.columnCount; c++) if (!ws.getColumn(c).hidden) px += Math.trunc((ws.getColumn(c).width ?? 9) * 7 + 5);
  const scale = Math.min(1, ((A4_LONG_PT / 72 - m.left - m.right) * 96) / px);
  const usable = (A4_SHORT_PT - (m.top + m.bottom) * 72) / scale;
  const repeat = Number(ws.pageSetup.printTitlesRow!.split(":")[0]);
  const headerHeight = ws.getRow(repeat).height!;
  let pages = 1;
  let used = 0;
  for (let r = 1; r <= ws.rowCount; r++) {
    const h = ws.getRow(r).height;
    expect(h, `row ${r} has a set height`).toBeGreaterThan(0);
    if (used + h! > usable) {
      pages++;
      used = headerHeight;
    }
    used += h!;
  }
  return pages;
}

/** Pages of a DOCX table: each row as tall as its tallest cell's wrapped lines at 10 pt, rows kept whole, the header row repeated. */
async function docxPages(file: string): Promise<number> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = await zip.file("word/document.xml")!.async("string");
  const styles = await zip.file("word/styles.xml")!.async("string");
  const twips = (re: RegExp) => Number(re.exec(xml)![1]);
  const pageH = twips(/<w:pgSz w:w="\d+" w:h="(\d+)"/);
  const top = twips(/<w:pgMar[^>]*w:top="(\d+)"/);
  const bottom = twips(/<w:pgMar[^>]*w:bottom="(\d+)"/);
  const usable = (pageH - top - bottom) / 20;
  const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((g) => Number(g[1]) / 20);
  const lineHeight = Number(/<w:spacing [^>]*w:line="(\d+)"[^>]*w:lineRule="exact"/.exec(styles)?.[1] ?? 276) / 20; // exact line height of the table text
  const heightOf = (rowXml: string) => {
    const cells = [...rowXml.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => c[1]);
    let col = 0;
    let tallest = 0;
    for (const cell of cells) {
      const span = Number(/<w:gridSpan w:val="(\d+)"/.exec(cell)?.[1] ?? 1);
      const width = grid.slice(col, col + span).reduce((a, b) => a + b, 0) - 6;
      col += span;
      const paragraphs = [...cell.matchAll(/<w:p>([\s\S]*?)<\/w:p>|<w:p [\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""));
      const lines = paragraphs.reduce((n, p) => n + Math.max(1, Math.ceil((displayWidth(p) * 5) / width)), 0);
      tallest = Math.max(tallest, lines);
    }
    return tallest * lineHeight + 4;
  };
  const before = xml.slice(0, xml.indexOf("<w:tbl>"));
  let used = (before.match(/<w:p>|<w:p /g) ?? []).length * 22; // title and meta lines
  const rows = [...xml.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>|<w:tr [\s\S]*?<\/w:tr>/g)].map((r) => r[0]);
  const header = heightOf(rows[0]);
  let pages = 1;
  for (const row of rows) {
    const h = heightOf(row);
    if (used + h > usable) {
      pages++;
      used = header;
    }
    used += h;
  }
  return pages;
}

describe("完成时限 as a clerk writes it", () => {
  const d = (kind: Deadline["kind"], end: string | null, recurrence: string | null = null, text = "x"): Deadline => ({ text, kind, start: null, end, recurrence });
  it("dates with the year once, month ends as 月底, repeats and 持续推进 after them", () => {
    expect(clerkDeadline([d("date", "2022-03-31")])).toBe("2022年3月底前");
    expect(clerkDeadline([d("date", "2022-12-31")])).toBe("2022年底前");
    expect(clerkDeadline([d("date", "2022-03-15"), d("period", "2022-06-30"), d("date", "2023-06-30")])).toBe("2022年3月15日、6月底、2023年6月底前");
    expect(clerkDeadline([d("recurring", null, "yearly"), d("recurring", null, "quarterly"), d("date", "2022-03-31"), d("recurring", null, "quarterly")])).toBe("2022年3月底前；每季度末、每年");
    expect(clerkDeadline([d("recurring", null, "yearly:12-20"), d("recurring", null, "yearly")])).toBe("每年12月20日前");
    expect(clerkDeadline([d("ongoing", null, null, "全年推进"), d("recurring", null, "monthly")])).toBe("每月；持续推进");
    expect(clerkDeadline([])).toBe("未明确");
  });
});

describe("columns", () => {
  it("columns= chooses and orders columns by key or Chinese header; unknown ones are named", () => {
    expect(parseColumns("no,task,牵头单位")).toEqual(["no", "task", "lead"]);
    expect(parseColumns("no,bogus")).toMatch(/未知的列：bogus/);
    const t = documentTable(mianyang, { columns: ["no", "task", "deadline"] });
    expect(t.columns.map((c) => c.header)).toEqual(["序号", "重点任务", "完成时限"]);
    const withStatus = documentTable(mianyang, { columns: ["no", "task", "status"] });
    expect(withStatus.columns.map((c) => c.key)).toEqual(["no", "task", "status", "id"]); // 任务编号 kept, hidden, for the import
    expect(withStatus.columns.at(-1)!.hidden).toBe(true);
  });
});

describe("绵阳 任务分工表 on at most 3 landscape A4 pages", () => {
  it("XLSX: title and 文号 line, repeated header, page numbers, rows as tall as their text, ≤ 3 pages", async () => {
    const table = documentTable(mianyang);
    const file = await write(table, "xlsx", "mianyang");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell("A1").text).toContain("金融支持科创企业全生命周期发展十条措施(试行)实施方案");
    expect(ws.pageSetup.printTitlesRow).toBe("3:3");
    expect(ws.headerFooter.oddFooter).toMatch(/&P.*&N/);
    // Row heights follow the text: a one-line row is short, the tallest row is not a fixed size.
    const heights = table.sheets[0].rows.map((_, i) => ws.getRow(4 + i).height!);
    expect(Math.min(...heights)).toBeLessThan(20);
    expect(Math.max(...heights)).toBeLessThan(100);
    expect(new Set(heights).size).toBeGreaterThan(3);
    const pages = await xlsxPages(file);
    console.log(`绵阳 XLSX: ${pages} 页（按行高与缩放推算）`);
    expect(pages).toBeLessThanOrEqual(3);
    // With the full text the table is longer, but still laid out row by row.
    expect(await xlsxPages(await write(documentTable(mianyang, { includeContent: true }), "xlsx", "mianyang-full"))).toBeGreaterThan(pages);
  });

  it("DOCX: title, 文号 or meta line, repeated header row, page numbers in the footer, ≤ 3 pages", async () => {
    const pz = all.find((d) => d.docNumber)!;
    const withNumber = await write(documentTable(pz), "docx", "with-number");
    expect((await mammoth.extractRawText({ buffer: readFileSync(withNumber) })).value).toContain(pz.docNumber!);
    const file = await write(documentTable(mianyang), "docx", "mianyang");
    const zip = await JSZip.loadAsync(readFileSync(file));
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/);
    expect(xml).toContain("<w:tblHeader/>");
    const footer = (await Promise.all(Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n)).map((n) => zip.file(n)!.async("string")))).join("");
    expect(footer).toContain("PAGE");
    expect(footer).toContain("NUMPAGES");
    const pages = await docxPages(file);
    console.log(`绵阳 DOCX: ${pages} 页（按列宽与文字推算）`);
    expect(pages).toBeLessThanOrEqual(3);
  });

  it("duty-list DOCX: date columns wide enough that 2022-02-28 never wraps", async () => {
    const file = await write(dutyList("金融工作局", all, "2022-03-20"), "docx", "duty");
    const xml = await (await JSZip.loadAsync(readFileSync(file))).file("word/document.xml")!.async("string");
    const grid = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((g) => Number(g[1]));
    const header = [...(/<w:tr>[\s\S]*?<\/w:tr>/.exec(xml)![0]).matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]);
    const due = header.indexOf("截止日期");
    expect(due).toBeGreaterThan(0);
    // 10 half-width characters of 10-point text (about 100 twips each) and the cell margins.
    expect(grid[due]).toBeGreaterThanOrEqual(10 * 100 + 120);
  });

  it("LibreOffice renders the XLSX and DOCX on at most 3 pages", async (ctx) => {
    const office = findOffice();
    if (!office) {
      const reason = "未安装 LibreOffice（PATH 中没有 soffice 或 libreoffice）：跳过按 PDF 实际页数的检查（上面按文件推算的页数检查已运行）";
      console.warn(reason);
      ctx.skip(reason);
      return;
    }
    const formats = ["xlsx", "docx"];
    const files: string[] = [];
    for (const format of formats) files.push(await write(documentTable(mianyang), format, `lo-mianyang-${format}`));
    convertToPdf(office, files, dir).forEach((pdf, i) => {
      const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length;
      console.log(`绵阳 ${formats[i].toUpperCase()} → PDF：${pages} 页`);
      expect(pages).toBeGreaterThan(0);
      expect(pages).toBeLessThanOrEqual(3);
    });
  });
});
