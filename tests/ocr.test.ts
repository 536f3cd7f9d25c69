// OCR of scanned pages (issue 18), bounded in time: OCR takes seconds to tens of seconds a page on this
// machine, so at most two pages are read per test. Timings are measured by the bench, never asserted here.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PDFParse } from "pdf-parse";
import { buildLines, keepFragment, normaliseOcrText, ocrImage, ocrProperties, renderPdfPage, renderScale, type OcrFragment, type PdfForOcr } from "../extract/loaders/ocr.ts";
import { ocrPdfIsolated } from "../extract/loaders/ocr-pdf.ts";
import { pdfPages } from "../extract/loaders/pdf.ts";
import { extractDocument } from "../extract/document.ts";
import { IngestError } from "../extract/errors.ts";
import { LIMITS } from "../extract/loaders/limits.ts";
import { FIXTURES, SEEDS, SHARED, listDir } from "./helpers/paths.ts";
import { squash } from "./helpers/extract.ts";

const SCANNED = join(SHARED, "scanned-fixtures");
const changshu = () => readFileSync(join(SCANNED, listDir(SCANNED).find((f) => f.startsWith("changshu"))!));
const LONG = 600_000;

/** Levenshtein distance over code points, two rows. */
function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length];
}

/** Page markers ("— 3 —", read as "-3—") are removed by repair in the pipeline; here before comparing. */
const withoutPageMarkers = (s: string) => s.replace(/^[\s\-—–一]*\d{1,3}[\s\-—–一]*$/gm, "");

describe("OCR helpers", () => {
  it("文号 brackets misread by OCR become 〔〕 only before 号; ASCII marks next to Chinese become full-width", () => {
    expect(normaliseOcrText("晋政办发【2018】67号")).toBe("晋政办发〔2018〕67号");
    expect(normaliseOcrText("国发[2017]42号、银发（2014）9号、常人社监〔2013」2号")).toBe("国发〔2017〕42号、银发〔2014〕9号、常人社监〔2013〕2号");
    expect(normaliseOcrText("【2018】年度")).toBe("【2018】年度"); // not a 文号
    expect(normaliseOcrText("(一)工作原则:按照规定,加快推进")).toBe("（一）工作原则：按照规定，加快推进");
    expect(normaliseOcrText("1,000 and 3.5 (x)")).toBe("1,000 and 3.5 (x)");
    expect(normaliseOcrText("2。“两新”：大规模设备更新\n预算到位率争取提高到90%。")).toBe("2.“两新”：大规模设备更新\n预算到位率争取提高到90%。");
  });

  it("fragments become lines top to bottom, left to right; a wide gap is a space", () => {
    const f = (text: string, x0: number, y0: number, x1: number, y1: number): OcrFragment => ({ text, mean: 0.99, x0, y0, x1, y1 });
    const lines = buildLines([f("配合单位", 900, 102, 1100, 140), f("第二行", 100, 160, 300, 200), f("牵头单位：", 100, 100, 300, 138), f("市财政局", 300, 101, 500, 139)]);
    expect(lines).toEqual(["牵头单位：市财政局 配合单位", "第二行"]);
  });

  it("seal ink is dropped, a red 版头 and black text under a seal are kept", () => {
    const f = (text: string, mean: number): OcrFragment => ({ text, mean, x0: 0, y0: 0, x1: 10, y1: 10 });
    expect(keepFragment(f("常熟市人力资源和社会保障局文件", 0.99), { red: 900, dark: 0 })).toBe(true);
    expect(keepFragment(f("常熟市人力资源和社", 0.72), { red: 900, dark: 10 })).toBe(false); // seal ring
    expect(keepFragment(f("局", 0.97), { red: 300, dark: 0 })).toBe(false); // a seal's single character
    expect(keepFragment(f("二〇一三年四月二十二日", 0.95), { red: 400, dark: 300 })).toBe(true);
    expect(keepFragment(f("斑点", 0.55), { red: 0, dark: 50 })).toBe(false);
  });

  it("OCR properties: mean confidence over the pages where something was read", () => {
    expect(ocrProperties([0.96, 0, 0.98])).toEqual({ 文字来源: "OCR", OCR页数: "3", OCR平均置信度: "0.97", OCR每页置信度: "0.96,-,0.98" });
  });

  it("a blank page is not text, and needs no model", async () => {
    const sharp = (await import("sharp")).default;
    const white = await sharp({ create: { width: 600, height: 800, channels: 3, background: "#ffffff" } }).png().toBuffer();
    const page = await ocrImage(white);
    expect(page.text).toBe("");
    expect(page.confidence).toBe(0);
  });

  it("pages are rendered about 1,700 px wide whatever their size in points; landscape wider", () => {
    expect(Math.round(595 * renderScale(595, 842))).toBe(1700);
    expect(Math.round(2480 * renderScale(2480, 3506))).toBe(1700);
    expect(Math.round(842 * renderScale(842, 595))).toBe(2200);
    expect(renderScale(20, 20)).toBe(4);
    const strip = renderScale(595, 14400); // a page at the PDF maximum height: pixels capped, still readable
    expect(595 * strip * 14400 * strip).toBeLessThanOrEqual(40_000_001);
    expect(595 * strip).toBeGreaterThan(1200);
    const huge = renderScale(14400, 14400);
    expect(14400 * huge * 14400 * huge).toBeLessThanOrEqual(40_000_001);
  });
});

describe("OCR of page images", () => {
  it(
    "the first two pages of seed 002, rendered to images without their text layer (the second as a tall strip), read at ≥ 0.97 character accuracy",
    async () => {
      const pdfFile = listDir(FIXTURES).find((f) => f.startsWith("002_") && f.endsWith(".pdf"))!;
      const buf = readFileSync(join(FIXTURES, pdfFile));
      const parser = new PDFParse({ data: new Uint8Array(buf), verbosity: 0 });
      const doc = await (parser as unknown as { load(): Promise<PdfForOcr["doc"]> }).load();
      const withDoc = Object.assign(parser, { doc }) as unknown as PdfForOcr;
      const read: string[] = [];
      const confidences: number[] = [];
      const sharp = (await import("sharp")).default;
      for (const n of [1, 2]) {
        // Only the PNG goes to OCR: no text layer reaches it.
        let png = await renderPdfPage(withDoc, n);
        // Page 2 as a tall strip (600 px of white above it): read in two overlapping bands whose boundary
        // falls in its last lines of text, which must come out once each and in order.
        if (n === 2) png = await sharp(png).extend({ top: 600, background: "#ffffff" }).png().toBuffer();
        const page = await ocrImage(png);
        if (n === 2) expect(page.height).toBeGreaterThan(page.width * 1.5 + 96);
        read.push(page.text);
        confidences.push(page.confidence);
      }
      await parser.destroy();
      // The TXT seed, from its start to where the PDF's page 2 ends.
      const seed = squash(readFileSync(join(SEEDS, pdfFile.replace(/\.pdf$/, ".txt")), "utf8"));
      const layer = await pdfPages(buf);
      const tail = squash(withoutPageMarkers(layer[1])).slice(-12);
      const end = seed.indexOf(tail);
      expect(end).toBeGreaterThan(500);
      // Punctuation compared without its width: the seed itself mixes "," and "，", "(" and "（" where the
      // printed page shows full-width marks.
      const reference = seed.slice(0, end + tail.length).normalize("NFKC");
      const got = squash(withoutPageMarkers(read.join("\n"))).normalize("NFKC");
      const accuracy = 1 - distance(got, reference) / reference.length;
      console.log(`OCR 002 pages 1–2: character accuracy ${accuracy.toFixed(4)} over ${reference.length} characters; confidence ${confidences.map((c) => c.toFixed(3)).join(", ")}`);
      expect(accuracy).toBeGreaterThanOrEqual(0.97);
      expect(squash(read.join(""))).toContain("晋政办发〔2018〕67号");
      for (const c of confidences) expect(c).toBeGreaterThan(0.9);
    },
    LONG,
  );
});

describe("scanned PDFs", () => {
  it(
    "the 37-page scanned 红头文件, first two pages read in the OCR worker, gives its 文号 and title through the pipeline",
    async () => {
      const done: number[] = [];
      const got = await ocrPdfIsolated(changshu(), { firstPages: 2, onPage: (p) => done.push(p) });
      expect(done).toEqual([1, 2]);
      expect(got.pages).toHaveLength(2);
      expect(got.properties["文字来源"]).toBe("OCR");
      expect(Number(got.properties["OCR平均置信度"])).toBeGreaterThan(0.9);
      expect(got.properties["OCR每页置信度"].split(",")).toHaveLength(2);
      expect(squash(got.text)).toContain("常人社监〔2013〕2号");
      // The red seal over the date is not text; the date under it is.
      expect(squash(got.text)).toContain("二〇一三年四月二十二日");
      const doc = extractDocument({ format: "pdf", ...got }, "changshu.pdf").document;
      expect(doc.docNumber).toBe("常人社监〔2013〕2号");
      expect(squash(doc.title ?? "")).toContain("劳动保障A级诚信单位");
    },
    LONG,
  );

  it(
    "more pages than the OCR limit are refused before any page is read, naming the limit",
    async () => {
      const e = await ocrPdfIsolated(changshu(), { maxPages: 10 }).catch((x) => x);
      expect(e).toBeInstanceOf(IngestError);
      expect(e.code).toBe("limit");
      expect(e.reason).toBe("扫描件页数过多（37 页，文字识别上限 10 页）");
      expect(LIMITS.ocr.maxPages).toBeGreaterThanOrEqual(37);
    },
    LONG,
  );

  it(
    "a page over the per-page time limit stops the file, naming the page and the limit",
    async () => {
      const e = await ocrPdfIsolated(changshu(), { pageTimeoutMs: 50 }).catch((x) => x);
      expect(e).toBeInstanceOf(IngestError);
      expect(e.code).toBe("limit");
      expect(e.reason).toBe("文字识别超时（第 1 页超过 0.05 秒），已中止");
    },
    LONG,
  );
});
