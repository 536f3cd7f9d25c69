// Export speed: a 任务分工表 of 10,000 measures (the corpus's measures cloned into as many document
// copies as needed) rendered as XLSX, DOCX, CSV and Markdown; seconds and bytes for each.
// Not a test: nothing here asserts. Run alone with `tsx bench/exports.ts`.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { loadBuffer } from "../extract/loaders/index.ts";
import { extractDocument } from "../extract/document.ts";
import { filteredTable, render, type ExportDocument, type MeasurePair } from "../src/exports/index.ts";

const CORPUS = resolve(import.meta.dirname, "../corpus");
const FORMATS = ["xlsx", "docx", "csv", "md"] as const;

export interface ExportBench {
  measures: number;
  rows: number;
  sheets: number;
  seconds: Record<(typeof FORMATS)[number], number>;
  bytes: Record<(typeof FORMATS)[number], number>;
}

async function seeds(): Promise<ExportDocument[]> {
  const files = readdirSync(CORPUS).filter((f) => f.endsWith(".txt")).sort();
  const docs: ExportDocument[] = [];
  for (const f of files) {
    const x = extractDocument(await loadBuffer(readFileSync(join(CORPUS, f)), `corpus/${f}`), `corpus/${f}`);
    docs.push({ ...x.document, parts: x.parts });
  }
  return docs;
}

/** Copies of the seed documents (new ids and titles) until `count` measures, as (document, measure) pairs. */
function clonedPairs(docs: ExportDocument[], count: number): MeasurePair[] {
  const pairs: MeasurePair[] = [];
  for (let copy = 1; pairs.length < count; copy++)
    for (const d of docs) {
      if (pairs.length >= count) break;
      const id = `${d.id.slice(0, 10)}${copy.toString(16).padStart(6, "0")}`;
      const clone: ExportDocument = {
        ...d,
        id,
        title: `${d.title ?? "无标题"}（副本${copy}）`,
        measures: d.measures.map((m) => ({ ...m, id: `${id}:${m.path}` })),
      };
      for (const m of clone.measures) if (pairs.length < count) pairs.push({ document: clone, measure: m });
    }
  return pairs;
}

export async function benchExports(count = 10_000): Promise<ExportBench> {
  const table = filteredTable(clonedPairs(await seeds(), count), { title: `${count} 项措施` });
  const rows = table.sheets.reduce((n, s) => n + s.rows.length, 0);
  await render(filteredTable(clonedPairs(await seeds(), 50)), "xlsx"); // warm-up: load the libraries
  const seconds = {} as ExportBench["seconds"];
  const bytes = {} as ExportBench["bytes"];
  for (const f of FORMATS) {
    const t0 = process.hrtime.bigint();
    const out = await render(table, f);
    seconds[f] = Math.round(Number(process.hrtime.bigint() - t0) / 1e7) / 100;
    bytes[f] = out.body.length;
  }
  return { measures: count, rows, sheets: table.sheets.length, seconds, bytes };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const r = await benchExports(Number(process.env.BENCH_MEASURES ?? 10_000));
  process.stdout.write(`导出 ${r.measures.toLocaleString("en")} 项措施（${r.rows.toLocaleString("en")} 行，${r.sheets} 个文件）\n`);
  for (const f of FORMATS) process.stdout.write(`  ${f.toUpperCase().padEnd(5)} ${r.seconds[f].toFixed(2)} 秒  ${(r.bytes[f] / 1048576).toFixed(1)} MB\n`);
}
