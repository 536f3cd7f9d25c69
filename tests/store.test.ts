// The store: a real SQLite file in a temporary data directory.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync, copyFileSync, readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Store } from "../index/store/store.ts";
import { collectFiles, emptyReport, ingestFile } from "../src/documents/ingest.ts";
import { CORPUS, OWN_FIXTURES, ROOT } from "./helpers/paths.ts";
import { extractFile } from "./helpers/extract.ts";

let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "policy-store-"));
  store = new Store(join(dir, "data"));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function ingestAll(files: string[]) {
  const report = emptyReport();
  for (const f of files) await ingestFile(store, f, report);
  return report;
}

describe("store", () => {
  it("holds documents, both texts, parts and measures", async () => {
    const { files } = collectFiles([CORPUS]);
    const r = await ingestAll(files);
    expect(r.added.length).toBe(5);
    expect(r.refused).toEqual([]);
    const docs = store.listDocuments();
    expect(docs.length).toBe(5);
    const mianyang = docs.find((d) => d.title?.startsWith("金融支持科创企业"))!;
    expect(mianyang.measureCount).toBe(29);
    const full = store.getDocument(mianyang.id)!;
    expect(full.measures[0].path).toBe("一/1");
    expect(full.parts.outline.length).toBeGreaterThan(29);
    const texts = store.getTexts(mianyang.id)!;
    expect(texts.original).toContain("浏览次数");
    expect(texts.repaired).not.toContain("浏览次数");
    expect(store.getMeasure(`${mianyang.id}:五/29`)?.title).toContain("修订完善人才金融政策");
  });

  it("the same content again changes nothing; the same content from elsewhere is a duplicate", async () => {
    const file = join(CORPUS, "shanxi-2018-keji-jinrong.txt");
    await ingestAll([file]);
    const before = store.snapshot();
    const r = await ingestAll([file]);
    expect(r.unchanged.length).toBe(1);
    expect(store.snapshot()).toBe(before);
    const copy = join(dir, "copy.txt");
    copyFileSync(file, copy);
    const r2 = await ingestAll([copy]);
    expect(r2.duplicate.length).toBe(1);
    expect(store.snapshot()).toBe(before);
  });

  it("a changed file replaces its old version", async () => {
    const file = join(dir, "plan.txt");
    const text = readFileSync(join(CORPUS, "pingyang-2024-keji-jinrong.txt"), "utf8");
    writeFileSync(file, text);
    await ingestAll([file]);
    const [old] = store.listDocuments();
    writeFileSync(file, text.replace("科创类贷款新增50亿元", "科创类贷款新增60亿元"));
    const r = await ingestAll([file]);
    expect(r.replaced.length).toBe(1);
    const docs = store.listDocuments();
    expect(docs.length).toBe(1);
    expect(docs[0].id).not.toBe(old.id);
    expect(store.getDocument(old.id)).toBeNull();
    expect(store.getMeasure(`${old.id}:一`)).toBeNull();
    expect(store.getDocument(docs[0].id)!.measures[0].text).toContain("60亿元");
  });

  it("a failure inside the write leaves the store as it was", async () => {
    const file = join(dir, "plan.txt");
    const text = readFileSync(join(CORPUS, "pingyang-2024-keji-jinrong.txt"), "utf8");
    writeFileSync(file, text);
    await ingestAll([file]);
    const before = store.snapshot();
    writeFileSync(file, text.replace("50亿元", "70亿元"));
    const doc = await extractFile(file, "plan.txt");
    doc.document.source = store.listDocuments()[0].source;
    expect(() => store.ingest(doc, () => { throw new Error("disk full"); })).toThrow("disk full");
    expect(store.snapshot()).toBe(before);
  });

  it("a process killed in the middle of a write leaves the store as it was", async () => {
    const file = join(CORPUS, "shanxi-2018-keji-jinrong.txt");
    await ingestAll([file]);
    const before = store.snapshot();
    store.close();
    const script = `
      import { Store } from ${JSON.stringify(join(ROOT, "index/store/store.ts"))};
      import { loadBuffer } from ${JSON.stringify(join(ROOT, "extract/loaders/index.ts"))};
      import { extractDocument } from ${JSON.stringify(join(ROOT, "extract/document.ts"))};
      import { readFileSync } from "node:fs";
      const s = new Store(${JSON.stringify(join(dir, "data"))});
      const f = ${JSON.stringify(join(CORPUS, "mianyang-2022-jinrong-shitiao.txt"))};
      const doc = extractDocument(await loadBuffer(readFileSync(f), "m.txt"), "m.txt");
      s.ingest(doc, () => process.kill(process.pid, "SIGKILL"));
    `;
    const scriptFile = join(dir, "crash.mts");
    writeFileSync(scriptFile, script);
    const child = spawnSync(process.execPath, ["--import", "tsx", scriptFile], { cwd: ROOT, encoding: "utf8" });
    expect(child.signal, child.stderr).toBe("SIGKILL");
    store = new Store(join(dir, "data"));
    expect(store.snapshot()).toBe(before);
  });

  it("bad input is refused with its reason and writes nothing", async () => {
    await ingestAll([join(CORPUS, "shanxi-2018-keji-jinrong.txt")]);
    const before = store.snapshot();
    const bad: Record<string, Buffer | string> = {
      "empty.txt": Buffer.alloc(0),
      "fake.pdf": "not a pdf",
      "noise.bin": Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0, 0, 0]),
      "english.txt": "hello world",
      "broken.docx": Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("word/document.xml garbage")]),
    };
    const files = Object.entries(bad).map(([name, content]) => {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    });
    files.push(join(OWN_FIXTURES, "encrypted.pdf"), join(OWN_FIXTURES, "truncated.pdf"), join(dir, "missing.txt"));
    const r = await ingestAll(files);
    expect(r.refused.length).toBe(files.length);
    for (const x of r.refused) expect(x.reason.length).toBeGreaterThan(2);
    expect(r.refused.find((x) => x.file.endsWith("encrypted.pdf"))?.reason).toContain("加密");
    expect(store.snapshot()).toBe(before);
  });

  it("keeps its data in DATA_DIR across restarts", async () => {
    await ingestAll([join(CORPUS, "shanxi-2018-keji-jinrong.txt")]);
    store.close();
    store = new Store(join(dir, "data"));
    expect(store.documentCount()).toBe(1);
  });
});
