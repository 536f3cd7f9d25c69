// The exports tests' shared library: the shipped corpus in a real temporary store, the two seeds the
// tests read (绵阳 2022, 攀枝花 2016), and readers that parse written exports back with real parsers
// (exceljs, mammoth, a strict RFC 4180 reader written here so the exporter is not checked by its own code).
import { afterAll, beforeAll, expect } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import mammoth from "mammoth";
import { parseHTML } from "linkedom";
import type { Store } from "../../index/store/store.ts";
import {
  render,
  type ExportDocument,
  type ExportTable,
  type ItemRow,
  type SectionRow,
} from "../../src/exports/index.ts";
import { CORPUS } from "./paths.ts";
import { tempLibrary, type TempLibrary } from "./library.ts";

export const MIANYANG = "mianyang-2022-jinrong-shitiao.txt";
export const PANZHIHUA = "panzhihua-2016-zhishichanquan-zhiya.txt";
export const AS_OF = "2022-03-20";
const NOW = new Date("2024-05-01T08:00:00Z");

export interface ExportFixture {
  dir: string;
  store: Store;
  all: ExportDocument[];
  mianyang: ExportDocument;
  panzhihua: ExportDocument;
  /** Renders `table` as `format` into the fixture's directory; the file written. */
  write(table: ExportTable, format: string, name: string): Promise<string>;
}

/** The shipped corpus ingested into a fresh temporary store before the file's tests (removed after); filled in by then. */
export function useExportFixture(name: string): ExportFixture {
  const fx = {} as ExportFixture;
  let tmp: TempLibrary | undefined;
  beforeAll(async () => {
    tmp = await tempLibrary(name, [CORPUS]);
    expect(tmp.report.refused).toEqual([]);
    const store = tmp.store;
    const all = store.listDocuments().map((d) => store.getDocument(d.id)!);
    const mianyang = all.find((d) => d.source.endsWith(MIANYANG))!;
    expect(mianyang.measures.length).toBe(29);
    Object.assign(fx, { dir: tmp.dir, store, all, mianyang, panzhihua: all.find((d) => d.source.endsWith(PANZHIHUA))! });
  });
  afterAll(() => tmp?.cleanup());
  fx.write = async (table, format, file) => {
    const out = await render(table, format, { now: NOW });
    const path = join(fx.dir, `${file}.${out.extension}`);
    writeFileSync(path, out.body);
    return path;
  };
  return fx;
}

export const items = (t: ExportTable) => t.sheets.flatMap((s) => s.rows.filter((r): r is ItemRow => r.kind === "item"));
export const sections = (t: ExportTable) => t.sheets.flatMap((s) => s.rows.filter((r): r is SectionRow => r.kind === "section"));
export const item = (t: ExportTable, path: string) => items(t).find((r) => r.cells.path === path)!;

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ExcelJS.Buffer);
  return wb;
}

/** Word tables read back by mammoth: per table, per row, the cells' paragraphs joined by \n. */
export async function docxTables(file: string): Promise<{ tables: { header: string[][]; body: string[][] }[]; html: string }> {
  const html = (await mammoth.convertToHtml({ buffer: readFileSync(file) })).value;
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const cellText = (cell: Element) => {
    const ps = [...cell.querySelectorAll("p")];
    return ps.length > 0 ? ps.map((p) => p.textContent ?? "").join("\n") : (cell.textContent ?? "");
  };
  const tables = [...document.querySelectorAll("table")].map((t) => ({
    header: [...t.querySelectorAll("thead tr")].map((tr) => [...tr.querySelectorAll("th,td")].map(cellText)),
    body: [...t.querySelectorAll("tbody tr")].map((tr) => [...tr.querySelectorAll("th,td")].map(cellText)),
  }));
  return { tables, html };
}

/** RFC 4180 reader: quoted fields with "" escapes and line breaks, records ended by CRLF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else if (ch === "\n") throw new Error(`bare LF outside quotes at ${i}`);
    else field += ch;
  }
  if (field !== "" || row.length > 0) throw new Error("last record not ended by CRLF");
  return rows;
}

