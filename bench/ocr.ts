// OCR of a scanned PDF (issue 18): seconds per page and peak RSS, in the OCR worker as ingestion runs it.
// The 37-page scanned 红头文件 of ../shared/scanned-fixtures, its first BENCH_OCR_PAGES pages (default 3).
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { ocrPdfIsolated } from "../extract/loaders/ocr-pdf.ts";

export async function benchOcr(pages = Number(process.env.BENCH_OCR_PAGES ?? 3)) {
  const dir = resolve(import.meta.dirname, "../../shared/scanned-fixtures");
  const file = readdirSync(dir).find((f) => f.startsWith("changshu"))!;
  const buf = readFileSync(join(dir, file));
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const start = performance.now();
  const done: number[] = [];
  try {
    const r = await ocrPdfIsolated(buf, { firstPages: pages, onPage: () => done.push(performance.now()) });
    const firstSec = (done[0] - start) / 1000;
    const laterSec = done.length > 1 ? (done[done.length - 1] - done[0]) / 1000 / (done.length - 1) : firstSec;
    return {
      pages: done.length,
      firstPageSec: Number(firstSec.toFixed(1)), // worker start, models and the first page
      secPerPage: Number(laterSec.toFixed(1)),
      totalSec: Number(((performance.now() - start) / 1000).toFixed(1)),
      confidence: r.properties["OCR平均置信度"],
      peakRssMb: Math.round(peak / 1048576),
    };
  } finally {
    clearInterval(sampler);
  }
}
