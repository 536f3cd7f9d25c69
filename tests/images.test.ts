// Images uploaded directly (issue 18): PNG, JPEG and TIFF (one page or many) read by OCR in the OCR worker,
// under the same limits as scanned PDFs, with their quality carried to the store and the API, and uploads run
// as jobs that report the page being read and can be cancelled. Pages come from seed 002's PDF rendered
// without its text layer; at most four pages are read by OCR in this file. No timing is asserted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadBuffer } from "../extract/loaders/index.ts";
import { detectImage, imageFormatOf } from "../extract/loaders/detect.ts";
import { ocrImageIsolated } from "../extract/loaders/ocr-pdf.ts";
import { IngestError } from "../extract/errors.ts";
import { FIXTURES, SHARED, listDir } from "./helpers/paths.ts";
import { squash } from "./helpers/extract.ts";
import { renderPages } from "./helpers/pdf.ts";
import { startServer, type RunningServer } from "./helpers/server.ts";

const LONG = 600_000;
const sharp = async () => (await import("sharp")).default;

/** Pages of seed 002's PDF rendered for OCR (PNG, no text layer). */
function seedPages(numbers: number[]): Promise<Buffer[]> {
  return renderPages(readFileSync(join(FIXTURES, listDir(FIXTURES).find((f) => f.startsWith("002_") && f.endsWith(".pdf"))!)), numbers);
}

/** A multi-page TIFF (baseline: 8-bit grey, uncompressed, one strip a page), written here because sharp writes
 *  one page a file; the reader under test is libvips's, which knows nothing of this writer. */
async function multiPageTiff(pngs: Buffer[]): Promise<Buffer> {
  const s = await sharp();
  const pages = await Promise.all(pngs.map((p) => s(p).greyscale().raw().toBuffer({ resolveWithObject: true })));
  const parts: Buffer[] = [];
  const header = Buffer.alloc(8);
  header.write("II", 0, "latin1");
  header.writeUInt16LE(42, 2);
  let offset = 8;
  parts.push(header);
  const ifdOffsets: { at: number; buf: Buffer }[] = [];
  for (const { data, info } of pages) {
    const stripAt = offset;
    parts.push(data);
    offset += data.length + (data.length % 2); // IFDs start on a word boundary
    if (data.length % 2) parts.push(Buffer.alloc(1));
    const tags: [number, number, number][] = [
      [256, 4, info.width], [257, 4, info.height], [258, 3, 8], [259, 3, 1], [262, 3, 1],
      [273, 4, stripAt], [277, 3, 1], [278, 4, info.height], [279, 4, data.length],
    ];
    const ifd = Buffer.alloc(2 + tags.length * 12 + 4);
    ifd.writeUInt16LE(tags.length, 0);
    tags.forEach(([tag, type, value], i) => {
      ifd.writeUInt16LE(tag, 2 + i * 12);
      ifd.writeUInt16LE(type, 4 + i * 12);
      ifd.writeUInt32LE(1, 6 + i * 12);
      if (type === 3) ifd.writeUInt16LE(value, 10 + i * 12);
      else ifd.writeUInt32LE(value, 10 + i * 12);
    });
    ifdOffsets.push({ at: offset, buf: ifd });
    parts.push(ifd);
    offset += ifd.length;
  }
  header.writeUInt32LE(ifdOffsets[0].at, 4);
  ifdOffsets.forEach((f, i) => f.buf.writeUInt32LE(ifdOffsets[i + 1]?.at ?? 0, f.buf.length - 4));
  return Buffer.concat(parts);
}

/** Tag 259 (Compression) of a little-endian TIFF's first page. */
function tiffCompression(tiff: Buffer): number {
  const ifd = tiff.readUInt32LE(4);
  for (let i = 0; i < tiff.readUInt16LE(ifd); i++) {
    const at = ifd + 2 + i * 12;
    if (tiff.readUInt16LE(at) === 259) return tiff.readUInt16LE(at + 8);
  }
  return 1;
}

/** The top part of a page image (its first lines: less to read, same kind of text). */
async function top(png: Buffer, share: number): Promise<Buffer> {
  const s = await sharp();
  const meta = await s(png).metadata();
  return s(png).extract({ left: 0, top: 0, width: meta.width!, height: Math.round(meta.height! * share) }).png().toBuffer();
}

let page1: Buffer;
let page2: Buffer;
beforeAll(async () => {
  [page1, page2] = await seedPages([1, 2]);
}, LONG);

describe("images are recognised by their bytes", () => {
  it("PNG, JPEG and TIFF (both byte orders) by magic numbers, whatever the name; an image name on other bytes is refused", async () => {
    const s = await sharp();
    const tiny = s({ create: { width: 8, height: 8, channels: 3, background: "#ffffff" } });
    expect(imageFormatOf(await tiny.clone().png().toBuffer())).toBe("png");
    expect(imageFormatOf(await tiny.clone().jpeg().toBuffer())).toBe("jpeg");
    expect(imageFormatOf(await tiny.clone().tiff().toBuffer())).toBe("tiff");
    expect(imageFormatOf(Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]))).toBe("tiff");
    expect(detectImage(await tiny.clone().png().toBuffer(), "scan.pdf")).toBe("png");
    expect(detectImage(Buffer.from("通知全文"), "notice.txt")).toBeNull();
    const e = await loadBuffer(Buffer.from("not an image at all"), "scan.jpg").catch((x) => x);
    expect(e).toBeInstanceOf(IngestError);
    expect(e.code).toBe("corrupt");
    expect(e.reason).toBe("文件内容不是有效的 JPEG 图片（文件可能已损坏）");
  });

  it("a blank image is refused as having no text, without reading anything", async () => {
    const s = await sharp();
    const white = await s({ create: { width: 900, height: 1200, channels: 3, background: "#ffffff" } }).png().toBuffer();
    const e = await loadBuffer(white, "blank.png").catch((x) => x);
    expect(e).toBeInstanceOf(IngestError);
    expect(e.code).toBe("no-text");
    expect(e.reason).toBe("图片中没有识别出中文文字");
  }, LONG);

  it("a page whose header claims more pixels than the limit is refused before it is decoded, naming the limit", async () => {
    // PNG signature, an IHDR of 20,000 × 20,000 (400 million pixels), a few bytes of image data and the end.
    const { crc32, deflateSync } = await import("node:zlib");
    const chunk = (type: string, data: Buffer) => {
      const b = Buffer.alloc(12 + data.length);
      b.writeUInt32BE(data.length, 0);
      b.write(type, 4, "latin1");
      data.copy(b, 8);
      b.writeUInt32BE(crc32(b.subarray(4, 8 + data.length)), 8 + data.length);
      return b;
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(20000, 0);
    ihdr.writeUInt32BE(20000, 4);
    ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit grey
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.alloc(100))), chunk("IEND", Buffer.alloc(0))]);
    const e = await loadBuffer(png, "huge.png").catch((x) => x);
    expect(e).toBeInstanceOf(IngestError);
    expect(e.code).toBe("limit");
    expect(e.reason).toBe("图片过大（第 1 页 20000×20000 像素，上限 100 百万像素）");
  }, LONG);
});

describe("images read by OCR", () => {
  it(
    "a JPEG photographed sideways (EXIF orientation 6) is turned upright and read: 文号, title, confidence, quality record",
    async () => {
      const s = await sharp();
      // The pixels lie on their side; the EXIF tag tells viewers to turn them 90° clockwise.
      const sideways = await s(page1).rotate(-90).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer();
      const pages: number[] = [];
      const loaded = await loadBuffer(sideways, "扫描件.jpg", { onPage: (p) => pages.push(p) });
      expect(pages).toEqual([0, 1]); // 0: reading has begun
      expect(loaded.format).toBe("pdf"); // the contract's paged kind; the image's own format is in the OCR record
      expect(squash(loaded.text)).toContain("晋政办发〔2018〕67号");
      expect(squash(loaded.text)).toContain("山西省人民政府办公厅");
      expect(loaded.properties?.["文字来源"]).toBe("OCR");
      expect(loaded.ocr?.sourceFormat).toBe("jpeg");
      expect(loaded.ocr?.pages).toEqual([1]);
      expect(loaded.ocr!.meanConfidence).toBeGreaterThan(0.9);
      for (const l of loaded.ocr!.lowLines) expect(l.confidence).toBeLessThan(0.85);
    },
    LONG,
  );

  it(
    "a two-page TIFF is read page by page in order; the page limit is checked before any page is read",
    async () => {
      const tiff = await multiPageTiff([await top(page1, 0.35), await top(page2, 0.35)]);
      const s = await sharp();
      expect((await s(tiff).metadata()).pages).toBe(2);
      const refused = await ocrImageIsolated(tiff, "tiff", { maxPages: 1 }).catch((x) => x);
      expect(refused).toBeInstanceOf(IngestError);
      expect(refused.reason).toBe("图片页数过多（2 页，文字识别上限 1 页）");
      const done: [number, number][] = [];
      const got = await ocrImageIsolated(tiff, "tiff", { onPage: (p, n) => done.push([p, n]) });
      // [0, 0]: queued (the refused call's worker frees its place only once it has gone); [0, n]: reading of n pages has begun
      expect(done.filter(([, n]) => n > 0)).toEqual([[0, 2], [1, 2], [2, 2]]);
      expect(done.slice(0, -3).every(([p, n]) => p === 0 && n === 0)).toBe(true);
      expect(got.pages).toHaveLength(2);
      expect(squash(got.pages[0])).toContain("晋政办发〔2018〕67号");
      expect(squash(got.pages[1])).not.toContain("晋政办发〔2018〕67号");
      expect(squash(got.pages[1]).length).toBeGreaterThan(100);
      expect(got.ocr.pages).toEqual([1, 2]);
      expect(got.ocr.confidences).toHaveLength(2);
    },
    LONG,
  );

  it(
    "a bilevel CCITT G4 TIFF (what office scanners write) of the page's head is read",
    async () => {
      const s = await sharp();
      const head = await s(await top(page1, 0.3)).flatten({ background: "#ffffff" }).greyscale().threshold(160).toColourspace("b-w")
        .tiff({ compression: "ccittfax4", bitdepth: 1 }).toBuffer();
      expect(tiffCompression(head)).toBe(4); // T6 (CCITT Group 4)
      const got = await ocrImageIsolated(head, "tiff");
      expect(squash(got.text)).toContain("晋政办发〔2018〕67号");
    },
    LONG,
  );

  it(
    "a cancelled reading stops the worker and answers 已取消; a page over the time limit stops the file",
    async () => {
      const controller = new AbortController();
      const reading = ocrImageIsolated(page1, "png", { signal: controller.signal, onPage: () => undefined });
      setTimeout(() => controller.abort(), 200);
      const e = await reading.catch((x) => x);
      expect(e).toBeInstanceOf(IngestError);
      expect(e.code).toBe("cancelled");
      expect(e.reason).toBe("已取消");
      const slow = await ocrImageIsolated(page1, "png", { pageTimeoutMs: 50 }).catch((x) => x);
      expect(slow.reason).toBe("文字识别超时（第 1 页超过 0.05 秒），已中止");
    },
    LONG,
  );
});

describe("uploads of images run as jobs", () => {
  let srv: RunningServer;
  const auth = { authorization: "Bearer test-token" };
  beforeAll(async () => {
    srv = await startServer({ API_TOKEN: "test-token" });
  }, LONG);
  afterAll(() => srv?.stop());

  const upload = (buf: Buffer, name: string, query = "") => {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(buf)]), name);
    return fetch(`${srv.base}/api/documents${query}`, { method: "POST", headers: auth, body: form });
  };
  const poll = async (url: string) => {
    for (;;) {
      const job = await (await fetch(`${srv.base}${url}`)).json();
      if (job.state !== "running") return job;
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  it(
    "a PNG upload answers 202 with a job, searches are answered while it reads, and the stored document shows its OCR quality",
    async () => {
      const before = (await (await fetch(`${srv.base}/api/documents`)).json()).total;
      const res = await upload(page1, "扫描件.png");
      expect(res.status).toBe(202);
      const job = await res.json();
      expect(job).toMatchObject({ state: "running", file: "扫描件.png", page: 0 });
      expect(res.headers.get("location")).toBe(job.url);
      // The reading runs in the OCR worker: the service answers a search meanwhile.
      const search = await fetch(`${srv.base}/api/search?q=${encodeURIComponent("科技")}`);
      expect(search.status).toBe(200);
      const done = await poll(job.url);
      expect(done).toMatchObject({ state: "done", page: 1, pages: 1, status: "added" });
      expect((await (await fetch(`${srv.base}/api/documents`)).json()).total).toBe(before + 1);
      const doc = await (await fetch(`${srv.base}/api/documents/${done.documentId}`)).json();
      expect(doc.docNumber).toBe("晋政办发〔2018〕67号");
      expect(doc.ocr).toMatchObject({ pages: [1], sourceFormat: "png" });
      expect(doc.ocr.meanConfidence).toBeGreaterThan(0.9);
      expect(Array.isArray(doc.ocr.lowLines)).toBe(true);
      // The original is served back as the image it is (the contract's format says "pdf", the paged kind).
      const original = await fetch(`${srv.base}/api/documents/${done.documentId}/original`);
      expect(original.headers.get("content-type")).toBe("image/png");
      expect(Buffer.from(await original.arrayBuffer()).equals(page1)).toBe(true);
      // A text document has no OCR record.
      const other = (await (await fetch(`${srv.base}/api/documents?limit=50`)).json()).documents.find((d: { id: string }) => d.id !== done.documentId);
      expect((await (await fetch(`${srv.base}/api/documents/${other.id}`)).json()).ocr).toBeNull();
      // A finished job cannot be cancelled.
      const late = await fetch(`${srv.base}${job.url}`, { method: "DELETE", headers: auth });
      expect(late.status).toBe(409);
      expect((await late.json()).error).toBe("任务已结束（已入库），无法取消");
    },
    LONG,
  );

  it(
    "a scanned PDF uploaded without ?async=1 is handed over to a job once OCR begins (202, pages known), and can be cancelled",
    async () => {
      const dir = join(SHARED, "scanned-fixtures");
      const scan = readFileSync(join(dir, listDir(dir).find((f) => f.startsWith("changshu-"))!));
      const before = (await (await fetch(`${srv.base}/api/documents`)).json()).total;
      const res = await upload(scan, "常熟扫描件.pdf");
      expect(res.status).toBe(202);
      const job = await res.json();
      expect(job).toMatchObject({ state: "running", file: "常熟扫描件.pdf", pages: 37 });
      const cancel = await fetch(`${srv.base}${job.url}`, { method: "DELETE", headers: auth });
      expect(cancel.status).toBe(200);
      expect(await poll(job.url)).toMatchObject({ state: "cancelled" });
      expect((await (await fetch(`${srv.base}/api/documents`)).json()).total).toBe(before);
      // A text PDF is still answered in the request.
      const text = readFileSync(join(FIXTURES, listDir(FIXTURES).find((f) => f.startsWith("002_") && f.endsWith(".pdf"))!));
      const direct = await upload(text, "文字版.pdf");
      expect(direct.status).toBe(200);
      expect((await direct.json()).status).toMatch(/added|duplicate/);
    },
    LONG,
  );

  it(
    "a cancelled job stores nothing; unknown jobs and cancelling without the token are refused in Chinese",
    async () => {
      const before = (await (await fetch(`${srv.base}/api/documents`)).json()).total;
      const res = await upload(await multiPageTiff([page2, page1]), "两页.tif", "?async=1");
      expect(res.status).toBe(202);
      const job = await res.json();
      expect((await fetch(`${srv.base}${job.url}`, { method: "DELETE" })).status).toBe(401);
      const del = await fetch(`${srv.base}${job.url}`, { method: "DELETE", headers: auth });
      expect(del.status).toBe(200);
      expect((await del.json()).state).toBe("cancelled");
      expect((await poll(job.url)).state).toBe("cancelled");
      // Wait past the time the pages would have taken: still nothing stored.
      await new Promise((r) => setTimeout(r, 3000));
      expect((await (await fetch(`${srv.base}/api/documents`)).json()).total).toBe(before);
      expect((await (await fetch(`${srv.base}${job.url}`)).json()).state).toBe("cancelled");
      const missing = await fetch(`${srv.base}/api/jobs/00000000-0000-0000-0000-000000000000`);
      expect(missing.status).toBe(404);
      expect((await missing.json()).error).toMatch(/没有编号为 .* 的任务/);
      expect((await fetch(`${srv.base}/api/jobs/abc`)).status).toBe(400);
    },
    LONG,
  );
});
