// OFD (GB/T 33190) files: every real file of ../shared/ofd-fixtures, and an OFD laid out from each seed.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { loadBuffer } from "../extract/loaders/index.ts";
import { extractDocument } from "../extract/document.ts";
import { expandDeltas } from "../extract/loaders/ofd.ts";
import { CORPUS, SHARED, listDir } from "./helpers/paths.ts";
import { squash } from "./helpers/extract.ts";
import { writeOfd } from "./helpers/ofd-writer.ts";

const DIR = join(SHARED, "ofd-fixtures");
const file = (prefix: string) => listDir(DIR).find((f) => f.startsWith(prefix))!;
const load = (prefix: string) => loadBuffer(readFileSync(join(DIR, file(prefix))), file(prefix));

describe("OFD fixtures", () => {
  it("every readable fixture loads as OFD, pages in the order Document.xml lists", async () => {
    for (const f of listDir(DIR).filter((x) => !x.startsWith("browser-guide"))) {
      const d = await loadBuffer(readFileSync(join(DIR, f)), f);
      expect(d.format, f).toBe("ofd");
      expect(d.pages!.length, f).toBeGreaterThan(0);
      expect(d.text, f).not.toMatch(/[\ue000-\uf8ff\ufffd]/);
    }
    const poems = await load("poems-11pages");
    expect(poems.pages).toHaveLength(11);
    const first = poems.text.indexOf("1、一日不见兮");
    const twelfth = poems.text.indexOf("12、蜡烛有心还惜别");
    expect(first).toBeGreaterThanOrEqual(0);
    expect(twelfth).toBeGreaterThan(first);
  });

  it("the 红头文件 批复 gives its 文号 and title; its seal is a property, not text", async () => {
    const d = await load("luqiao-weishengju");
    expect(squash(d.text)).toContain("路卫发〔2011〕76号");
    expect(squash(d.text)).toContain("关于同意张阿三同志辞职的批复");
    expect(d.properties?.["签章数"]).toBe("1");
    expect(d.properties?.["签章类型"]).toBe("电子印章");
    // Reading order: the 文号 line comes before the title, the body before the 印发 line.
    expect(d.text.indexOf("路卫发")).toBeLessThan(d.text.indexOf("关于同意"));
  });

  it("the WPS 公文 specimen: title, 文号, issuer and date; 印发 and 抄送 are document parts, not measures", async () => {
    const loaded = await load("wps-gongwen");
    const x = extractDocument(loaded, file("wps-gongwen"));
    expect(x.document.docNumber).toBe("国防部发〔2012〕21号");
    expect(x.document.title).toBe("国防部关于放假的通知");
    expect(x.document.issuer).toBe("国防部");
    expect(x.document.measures).toEqual([]);
    expect(x.parts.closing).toContain("抄送");
    expect(x.parts.closing).toContain("印发");
  });

  it("text held only in composite graphic units is read, each unit once as drawn", async () => {
    const d = await load("haiguan-dangan");
    // DocumentRes.xml holds 9,606 characters of TextCode: every unit twice, one copy referenced by the pages.
    expect(squash(d.text).length).toBeGreaterThan(4700);
    expect(d.text).toContain("数字档案室建设");
  });

  it("CDATA text, an orphan page not listed, a pre-2016 namespace and a ruled table", async () => {
    const invoice = await load("invoice-zhejiang");
    expect(invoice.text).toContain("浙江增值税电子普通发票");
    expect(invoice.pages).toHaveLength(1);
    const std = await load("gbt33190-excerpt");
    expect(std.text).toContain("字型变换");
    const form = await load("shouwen-chulidan");
    expect(form.text).toContain("公文标题市委主要领导同志调研后续落实事项的通知");
  });

  it(
    "pages written in private-use glyph codes are routed to OCR: drawn with their embedded fonts and read, never stored as garbage",
    async () => {
      const done: number[] = [];
      const guide = await loadBuffer(readFileSync(join(DIR, file("browser-guide"))), file("browser-guide"), { onPage: (p) => done.push(p) });
      expect(done).toEqual([0, 1, 2]); // reading begins (0), then two pages read: the document's pages 2 and 3
      expect(guide.pages).toHaveLength(3);
      expect(guide.text).not.toMatch(/[\ue000-\uf8ff\ufffd]/);
      expect(squash(guide.pages![0])).toContain("可信安全浏览器Web应用开发指南");
      // The table of contents, in page order, read from the glyphs the codes stand for.
      expect(squash(guide.pages![1])).toContain("扩展开发入门");
      expect(squash(guide.pages![2])).toContain("内容脚本");
      expect(guide.ocr).toMatchObject({ pages: [2, 3], sourceFormat: "ofd" });
      expect(guide.ocr!.meanConfidence).toBeGreaterThan(0.9);
      expect(guide.properties).toMatchObject({ 文字来源: "OCR", OCR页码: "2,3", Author: "whzeng" });
    },
    600_000,
  );

  it("DeltaX with g repeats", () => {
    expect(expandDeltas("g 3 16.89 2")).toEqual([16.89, 16.89, 16.89, 2]);
    expect(expandDeltas("5.57 2.77")).toEqual([5.57, 2.77]);
    expect(expandDeltas(null)).toEqual([]);
  });
});

describe("an OFD of each seed gives the TXT seed's measures", () => {
  for (const f of listDir(CORPUS).filter((x) => x.endsWith(".txt"))) {
    it(f, async () => {
      const text = readFileSync(join(CORPUS, f), "utf8");
      const ofd = extractDocument(await loadBuffer(await writeOfd(text), f.replace(/\.txt$/, ".ofd")), f).document;
      const txt = extractDocument(await loadBuffer(Buffer.from(text), f), f).document;
      expect(ofd.format).toBe("ofd");
      expect(ofd.measures.map((m) => m.path)).toEqual(txt.measures.map((m) => m.path));
      const a = new Set(txt.measures.map((m) => squash(m.text)));
      const b = new Set(ofd.measures.map((m) => squash(m.text)));
      const shared = [...a].filter((t) => b.has(t)).length;
      expect(shared / (a.size + b.size - shared)).toBeGreaterThanOrEqual(0.95);
      expect([ofd.title, ofd.docNumber, ofd.issuer]).toEqual([txt.title, txt.docNumber, txt.issuer]);
    });
  }
});
