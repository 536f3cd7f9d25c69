// Hostile and damaged input, built here: zip bombs, a 100,000-paragraph DOCX, bit-flipped DOCX and PDF,
// deeply nested HTML, damaged text; each refused with a specific Chinese reason and the store left as it
// was. Then a seeded fuzz run over the fixtures: no crash, no hang, no garbage. (File names: file-names.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { loadBuffer, LIMITS } from "../extract/loaders/index.ts";
import { loadIsolatedWith } from "../extract/loaders/isolate.ts";
import { brokenShare, countDamage, damageReason, damageShare } from "../extract/loaders/damage.ts";
import { flateStreams } from "../extract/loaders/pdf-streams.ts";
import { IngestError } from "../extract/errors.ts";
import { Store } from "../index/store/store.ts";
import { emptyReport, ingestBuffer, ingestFile } from "../src/documents/ingest.ts";
import { CORPUS, FIXTURES, OWN_FIXTURES, listDir } from "./helpers/paths.ts";
import { pdfFromObjects } from "./helpers/pdf.ts";
import { tempLibrary, type TempLibrary } from "./helpers/library.ts";

const fixture = (ext: string) => readFileSync(join(FIXTURES, listDir(FIXTURES).find((f) => f.endsWith(ext))!));
const corpusText = readFileSync(join(CORPUS, "shanxi-2018-keji-jinrong.txt"), "utf8");

/** A reason a person can read: Chinese, one line, no English library message inside. */
function expectChineseReason(reason: string): void {
  expect(reason).toMatch(/[\u4e00-\u9fff]/);
  expect(reason).not.toContain("\n");
  expect(reason, reason).not.toMatch(/[a-z]{3,}/);
}

async function refusal(buf: Buffer, name: string): Promise<IngestError> {
  try {
    await loadBuffer(buf, name);
  } catch (e) {
    expect(e).toBeInstanceOf(IngestError);
    expectChineseReason((e as IngestError).reason);
    return e as IngestError;
  }
  throw new Error(`${name} was accepted`);
}

/** A DOCX built from a real one, with `change` applied to its parts. */
async function docxWith(change: (zip: JSZip) => void | Promise<void>, compression: "DEFLATE" | "STORE" = "DEFLATE"): Promise<Buffer> {
  const zip = await JSZip.loadAsync(fixture(".docx"));
  await change(zip);
  return zip.generateAsync({ type: "nodebuffer", compression, compressionOptions: { level: 9 } });
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const paragraphs = (n: number) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${"<w:p><w:r><w:t>一、加强科技金融服务。</w:t></w:r></w:p>".repeat(n)}</w:body></w:document>`;

// The hostile files, and a store holding one real document that none of them may change.
const BOMB_MB = 256;
let bomb: Buffer;
let lib: TempLibrary;
let dir: string;
let store: Store;
let before: string;

beforeAll(async () => {
  // The body's XML with BOMB_MB of spaces inside it: before these limits, mammoth inflated and parsed all of it.
  bomb = await docxWith(async (zip) => {
    const xml = Buffer.from(await zip.file("word/document.xml")!.async("nodebuffer"));
    const at = xml.indexOf("<w:body>") + "<w:body>".length;
    zip.file("word/document.xml", Buffer.concat([xml.subarray(0, at), Buffer.alloc(BOMB_MB * 1024 * 1024, 0x20), xml.subarray(at)]));
  });
  lib = await tempLibrary("limits", [join(CORPUS, "shanxi-2018-keji-jinrong.txt")]);
  ({ dir, store } = lib);
  expect(lib.report.added.length).toBe(1);
  before = store.snapshot();
}, 120_000);

afterAll(() => lib?.cleanup());

/** Ingest through the real path and check the refusal and that the store is unchanged. */
async function refusedByStore(buf: Buffer, name: string): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, buf);
  const report = emptyReport();
  await ingestFile(store, file, report);
  expect(report.refused.length, JSON.stringify(report)).toBe(1);
  expectChineseReason(report.refused[0].reason);
  expect(store.snapshot()).toBe(before);
  return report.refused[0].reason;
}

describe("zip containers are checked before they are inflated", () => {
  it(`a zip bomb (${BOMB_MB} MB of spaces in a few hundred KB) is refused from its directory`, async () => {
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const e = await refusal(bomb, "bomb.docx");
    expect(e.code).toBe("limit");
    expect(e.reason).toContain(`解压后超过 ${LIMITS.zip.maxUncompressedBytes / 1048576} MB`);
    expect(await refusedByStore(bomb, "bomb.docx")).toContain("解压后超过 200 MB");
  });

  it("a bomb whose directory understates its size is stopped while inflating", async () => {
    // Rewrite the central directory's uncompressed size of the padded body to 1 MB.
    const lying = Buffer.from(bomb);
    const name = Buffer.from("word/document.xml");
    for (let i = lying.indexOf(name); i >= 0; i = lying.indexOf(name, i + 1)) {
      if (lying.readUInt32LE(i - 46) === 0x02014b50) lying.writeUInt32LE(1024 * 1024, i - 46 + 24);
    }
    const e = await refusal(lying, "lying.docx");
    expect(e.reason).toMatch(/DOCX 文件已损坏（解压后的大小与压缩包目录不符）|解压后超过/);
    await refusedByStore(lying, "lying.docx");
  });

  it("too many entries", async () => {
    const many = await docxWith((zip) => {
      for (let i = 0; i < LIMITS.zip.maxEntries + 10; i++) zip.file(`word/media/e${i}.txt`, "");
    });
    const e = await refusal(many, "many.docx");
    expect(e.reason).toMatch(new RegExp(`^压缩包条目过多（\\d+ 个，上限 ${LIMITS.zip.maxEntries} 个）$`));
    await refusedByStore(many, "many.docx");
  });

  it("a DOCX of 100,000 paragraphs is refused before mammoth builds them", async () => {
    const big = await docxWith((zip) => void zip.file("word/document.xml", paragraphs(100_000)));
    expect(big.length).toBeLessThan(1024 * 1024);
    const e = await refusal(big, "paragraphs.docx");
    const counted = Number(/^DOCX 段落过多（(\d+) 段，上限 (\d+) 段）$/.exec(e.reason)?.[1]);
    expect(counted).toBeGreaterThanOrEqual(100_000); // the body's, and the header's and footer's
    expect(e.reason).toContain(`上限 ${LIMITS.docx.maxParagraphs} 段`);
    await refusedByStore(big, "paragraphs.docx");
  });

  it("a DOCX whose CRC fails is refused", async () => {
    // Stored (not deflated), so that the flipped bit inflates fine and only the CRC can tell.
    const stored = await docxWith(() => undefined, "STORE");
    expect((await loadBuffer(stored, "stored.docx")).text).toContain("科技");
    const flipped = Buffer.from(stored);
    const at = flipped.indexOf("<w:body>") + 200;
    flipped[at] ^= 0x02;
    const e = await refusal(flipped, "crc.docx");
    expect(e.reason).toBe("DOCX 文件已损坏（CRC 校验失败）");
    await refusedByStore(flipped, "crc.docx");
  });

  it("a bit flipped inside a DOCX's deflated text is refused", async () => {
    const docx = fixture(".docx");
    const flipped = Buffer.from(docx);
    flipped[Math.floor(docx.length / 3)] ^= 0x10;
    const e = await refusal(flipped, "flipped.docx");
    expect(e.reason).toMatch(/^DOCX (文件已损坏|已加密)/);
  });
});

describe("PDF", () => {
  it("a bit flipped in a content stream is refused by its checksum, not stored with text missing", async () => {
    const pdf = fixture(".pdf");
    const [first] = flateStreams(pdf);
    const flipped = Buffer.from(pdf);
    flipped[first.byteOffset - pdf.byteOffset + Math.floor(first.length / 2)] ^= 0x04;
    const e = await refusal(flipped, "flipped.pdf");
    expect(e.reason).toBe("PDF 文件已损坏（数据流校验失败）");
    await refusedByStore(flipped, "flipped.pdf");
  });

  it("a page whose content cannot be parsed refuses the file, rather than the file being stored without it", async () => {
    const e = await refusal(pdfOf(2, "BT 12 0 0 12 72 712 Tm (abc) Tj ET"), "badpage.pdf");
    expect(e.reason).toBe("PDF 文件已损坏（页面内容无法解析）");
    await refusedByStore(pdfOf(2, "BT 12 0 0 12 72 712 Tm (abc) Tj ET"), "badpage.pdf");
  });

  it("more pages than the limit", async () => {
    const e = await refusal(pdfOf(LIMITS.pdf.maxPages + 1, ""), "pages.pdf");
    expect(e.reason).toBe(`PDF 页数过多（${LIMITS.pdf.maxPages + 1} 页，上限 ${LIMITS.pdf.maxPages} 页）`);
  });

  it("library errors come out in Chinese", async () => {
    const e = await refusal(readFileSync(join(OWN_FIXTURES, "truncated.pdf")), "truncated.pdf");
    expect(e.reason).toBe("PDF 文件已损坏（文件结构无效，可能不完整）");
  });
});

/** A PDF of `pages` pages that all show one uncompressed content stream. */
function pdfOf(pages: number, content: string): Buffer {
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    `<< /Type /Pages /Kids [${Array.from({ length: pages }, (_, i) => `${i + 4} 0 R`).join(" ")}] /Count ${pages} >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    ...Array.from({ length: pages }, () => "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"),
  ];
  return pdfFromObjects(objs);
}

describe("text size", () => {
  it("more characters than the limit", async () => {
    const long = corpusText.repeat(Math.ceil((LIMITS.maxChars + 1) / corpusText.length));
    const e = await refusal(Buffer.from(long), "long.txt");
    expect(e.reason).toBe(`文字过多（超过 ${LIMITS.maxChars / 10000} 万字）`);
  });
});

describe("HTML nesting", () => {
  it("deeply nested HTML is refused with its depth, not a stack overflow", async () => {
    const deep = `<html><body>${"<div>".repeat(20_000)}<p>一、加强科技金融服务。</p>${"</div>".repeat(20_000)}</body></html>`;
    const e = await refusal(Buffer.from(deep), "deep.html");
    expect(e.reason).toBe(`HTML 嵌套层数过深（超过 ${LIMITS.html.maxDepth} 层）`);
    await refusedByStore(Buffer.from(deep), "deep.html");
  });

  it("nesting under the limit still reads", async () => {
    const body = corpusText.split("\n").slice(0, 40).map((l) => `<p>${l}</p>`).join("");
    const html = `<html><body>${"<div>".repeat(LIMITS.html.maxDepth - 20)}${body}${"</div>".repeat(LIMITS.html.maxDepth - 20)}</body></html>`;
    expect((await loadBuffer(Buffer.from(html), "nested.html")).text).toContain("科技");
  });
});

describe("damaged text", () => {
  const lines = corpusText.split("\n");
  it("replacement characters above the share are refused, naming the share", async () => {
    const damaged = lines.map((l, i) => (i % 3 === 0 ? l.replace(/[\u4e00-\u9fff]{3}/g, "\ufffd\ufffd") : l)).join("\n");
    const share = brokenShare(countDamage(damaged));
    const e = await refusal(Buffer.from(damaged), "damaged.txt");
    expect(e.code).toBe("corrupt");
    expect(e.reason).toContain(`文字损坏：替换字符占 ${(share * 100).toFixed(1)}%`);
    await refusedByStore(Buffer.from(damaged), "damaged.txt");
  });

  it("control characters too", async () => {
    const damaged = corpusText.replace(/。/g, "。\u0001\u0002\u0003");
    const e = await refusal(Buffer.from(damaged), "control.txt");
    expect(e.reason).toMatch(/^文字损坏：控制字符占 \d+\.\d%/);
  });

  it("a text mostly in private-use codes is refused", async () => {
    const codes = corpusText.replace(/[\u4e00-\u9fff]/g, (c) => String.fromCharCode(0xe000 + (c.charCodeAt(0) % 0x1000)));
    const e = await refusal(Buffer.from(`一${codes}`), "glyphs.txt");
    expect(e.reason).toMatch(/^文字损坏：私用区字符占 \d+\.\d%（上限 5%）/);
  });

  it("a few private-use glyphs (a numbering dot) are not damage", async () => {
    const dotted = lines.map((l, i) => (i % 20 === 0 ? `\ue010${l}` : l)).join("\n");
    expect(damageShare(countDamage(dotted))).toBeGreaterThan(0);
    expect((await loadBuffer(Buffer.from(dotted), "dotted.txt")).text).toBe(dotted);
  });

  it("UTF-8 with a flipped bit still reads as UTF-8", async () => {
    const buf = Buffer.from(corpusText);
    buf[1001] ^= 0x40;
    const t = await loadBuffer(buf, "flip.txt");
    expect(t.encoding).toBe("utf-8");
    expect(t.text.slice(0, 300)).toBe(corpusText.slice(0, 300));
  });
});

describe("workers are capped and stopped", () => {
  it("a parse over the heap cap is stopped and named", async () => {
    const pdf = fixture(".pdf");
    const e = await loadIsolatedWith("pdf", pdf, { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 }).catch((x) => x);
    expect(e).toBeInstanceOf(IngestError);
    expect(e.reason).toBe("解析时内存超过上限（8 MB），已中止");
  });

  it("a parse over the time limit is stopped and named", async () => {
    const e = await loadIsolatedWith("pdf", fixture(".pdf"), { timeoutMs: 50 }).catch((x) => x);
    expect(e).toBeInstanceOf(IngestError);
    expect(e.reason).toBe("解析超时（超过 0.05 秒），已中止");
  });
});

// ---- fuzz -------------------------------------------------------------------------------------------------

/** mulberry32: a small seeded generator, so that every run mutates the same way. */
function generator(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(src: Buffer, rnd: () => number): { buf: Buffer; how: string } {
  const buf = Buffer.from(src);
  const at = () => Math.floor(rnd() * buf.length);
  const kind = Math.floor(rnd() * 5);
  if (kind <= 1) {
    const n = 1 + Math.floor(rnd() * 3);
    const where: number[] = [];
    for (let i = 0; i < n; i++) {
      const p = at();
      buf[p] ^= 1 << Math.floor(rnd() * 8);
      where.push(p);
    }
    return { buf, how: `flip ${where.join(",")}` };
  }
  if (kind === 2) {
    const n = Math.max(1, Math.floor(buf.length * (0.05 + 0.9 * rnd())));
    return { buf: buf.subarray(0, n), how: `truncate ${n}` };
  }
  if (kind === 3) {
    const p = at();
    const n = 1 + Math.floor(rnd() * 32);
    for (let i = p; i < Math.min(buf.length, p + n); i++) buf[i] = Math.floor(rnd() * 256);
    return { buf, how: `overwrite ${p}+${n}` };
  }
  const p = at();
  const n = 1 + Math.floor(rnd() * 512);
  return { buf: Buffer.concat([buf.subarray(0, p), buf.subarray(Math.max(0, p - n), p), buf.subarray(p)]), how: `repeat ${p}-${n}` };
}

describe("fuzz: mutated copies of the fixtures", () => {
  const CASES = 200;
  const BUDGET_MS = 120_000; // a bound on the run; each case has the loaders' own time limit too

  it(`${CASES} seeded mutations: refused in Chinese or loaded without garbage, nothing damaged stored`, async () => {
    const inputs = [
      ...listDir(FIXTURES).map((f) => ({ name: f, buf: readFileSync(join(FIXTURES, f)) })),
      { name: "fengong.pdf", buf: readFileSync(join(OWN_FIXTURES, "fengong.pdf")) },
      { name: "page.html", buf: Buffer.from(`<html><head><title>通知</title></head><body><div class="article">${corpusText.split("\n").map((l) => `<p>${l}</p>`).join("")}</div></body></html>`) },
      { name: "utf8.txt", buf: Buffer.from(corpusText) },
    ];
    const rnd = generator(20260614);
    const fuzzStore = new Store(join(dir, "fuzz"));
    const started = Date.now();
    const outcome = { refused: 0, loaded: 0, stored: 0 };
    try {
      let i = 0;
      const next = async (): Promise<void> => {
        while (i < CASES && Date.now() - started < BUDGET_MS) {
          const input = inputs[i % inputs.length];
          const { buf, how } = mutate(input.buf, rnd);
          i++;
          const label = `${input.name} ${how}`;
          let loaded;
          try {
            loaded = await loadBuffer(buf, input.name);
          } catch (e) {
            expect(e, label).toBeInstanceOf(IngestError);
            const reason = (e as IngestError).reason;
            expect(reason, label).toMatch(/[\u4e00-\u9fff]/);
            expect(reason, `${label}: ${reason}`).not.toMatch(/[a-z]{3,}/);
            outcome.refused++;
            continue;
          }
          outcome.loaded++;
          expect(damageReason(loaded.text), label).toBeNull();
          try {
            await ingestBuffer(fuzzStore, buf, `fuzz/${i}-${input.name}`);
            outcome.stored++;
          } catch (e) {
            expect(e, label).toBeInstanceOf(IngestError);
          }
        }
      };
      await Promise.all([next(), next()]); // two at a time, like the service's two parse workers
      expect(outcome.refused + outcome.loaded).toBeGreaterThanOrEqual(Math.min(CASES, 40));
      for (const d of fuzzStore.listDocuments(100_000)) {
        const texts = fuzzStore.getTexts(d.id)!;
        expect(damageReason(texts.original), d.source).toBeNull();
        expect(damageReason(texts.repaired), d.source).toBeNull();
      }
      console.log(`fuzz: ${outcome.refused + outcome.loaded} cases, ${outcome.refused} refused, ${outcome.loaded} loaded, ${outcome.stored} stored`);
    } finally {
      fuzzStore.close();
    }
  }, 240_000);
});
