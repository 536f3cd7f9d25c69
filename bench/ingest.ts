// Ingest throughput: TXT (load, repair, segment, extract, store) in characters/s, PDF in pages/s, peak memory.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readdirSync } from "node:fs";
import { Store } from "../index/store/store.ts";
import { ingestBuffer } from "../src/documents/ingest.ts";


const SHARED = resolve(import.meta.dirname, "../../shared");
const list = (dir: string, re: RegExp) => readdirSync(dir).filter((f) => re.test(f)).sort().map((f) => join(dir, f));

export interface IngestBench { txtCharsPerSec: number; txtDocs: number; txtChars: number; pdfPagesPerSec: number; pdfPages: number; ofdPagesPerSec: number; ofdPages: number; peakRssMb: number }

export async function benchIngest(rounds = 5): Promise<IngestBench> {
  const txt = [...list(join(SHARED, "seeds"), /\.txt$/), ...list(join(SHARED, "corpus-extra"), /\.txt$/)].map((f) => ({ f, buf: readFileSync(f) }));
  const pdfs = list(join(SHARED, "fixtures"), /\.pdf$/).map((f) => ({ f, buf: readFileSync(f) }));
  // The real OFD files that carry text (the glyph-code one is refused, by design).
  const ofds = list(join(SHARED, "ofd-fixtures"), /\.ofd$/).filter((f) => !/pua-glyph/.test(f)).map((f) => ({ f, buf: readFileSync(f) }));
  const chars = txt.reduce((n, x) => n + x.buf.toString("utf8").length, 0);
  let peak = process.memoryUsage().rss;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);

  const run = async (items: { f: string; buf: Buffer }[], n: number) => {
    let elapsed = 0;
    for (let r = 0; r < n; r++) {
      const dir = mkdtempSync(join(tmpdir(), "bench-ingest-"));
      const store = new Store(dir);
      const t0 = process.hrtime.bigint();
      for (const { f, buf } of items) await ingestBuffer(store, buf, `${r}/${f}`);
      elapsed += Number(process.hrtime.bigint() - t0) / 1e9;
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
    return elapsed;
  };
  await run(txt.slice(0, 3), 1); // warm-up
  const txtSecs = await run(txt, rounds);
  let pages = 0;
  const { pdfPages } = await import("../extract/loaders/pdf.ts");
  for (const p of pdfs) pages += (await pdfPages(p.buf)).length;
  const pdfSecs = await run(pdfs, Math.max(1, Math.floor(rounds / 2)));
  const { loadBuffer } = await import("../extract/loaders/index.ts");
  let ofdPages = 0;
  for (const o of ofds) ofdPages += (await loadBuffer(o.buf, o.f)).pages?.length ?? 0;
  const ofdRounds = Math.max(1, Math.floor(rounds / 2));
  const ofdSecs = await run(ofds, ofdRounds);
  clearInterval(sample);
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  return {
    txtCharsPerSec: Math.round((chars * rounds) / txtSecs),
    txtDocs: txt.length,
    txtChars: chars,
    pdfPagesPerSec: Math.round((pages * Math.max(1, Math.floor(rounds / 2))) / pdfSecs * 10) / 10,
    pdfPages: pages,
    ofdPagesPerSec: Math.round(((ofdPages * ofdRounds) / ofdSecs) * 10) / 10,
    ofdPages,
    peakRssMb: Math.round(peak / 1048576),
  };
}
