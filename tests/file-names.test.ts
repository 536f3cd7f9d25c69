// File names from uploads and folders: bidi controls and zero-width characters removed, NFC applied,
// long names cut keeping the extension, in a real store.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LIMITS, normaliseFileName, normaliseSourcePath } from "../extract/loaders/index.ts";
import { Store } from "../index/store/store.ts";
import { emptyReport, ingestBuffer, ingestFile, safeFileName } from "../src/documents/ingest.ts";
import { CORPUS } from "./helpers/paths.ts";

const dir = mkdtempSync(join(tmpdir(), "policy-names-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("file names", () => {
  it("bidi controls and zero-width characters are removed, NFC applied", () => {
    expect(normaliseFileName("报告\u202Efdp.txt")).toBe("报告fdp.txt");
    expect(normaliseFileName("\u2066通知\u2069\u200b\u200d\ufeff.docx")).toBe("通知.docx");
    expect(normaliseFileName("Cafe\u0301.txt")).toBe("Café.txt");
    expect(normaliseSourcePath("dir\u202E/报告\u200b.pdf")).toBe("dir/报告.pdf");
  });

  it("long names are cut to 200 characters keeping the extension", () => {
    const long = `${"关于印发科技金融实施方案的通知".repeat(30)}.docx`;
    const cut = normaliseFileName(long);
    expect(Array.from(cut).length).toBe(LIMITS.names.maxNameChars);
    expect(cut.endsWith(".docx")).toBe(true);
    const upload = safeFileName(`C:\\docs\\${long}`);
    expect(upload.endsWith(".docx")).toBe(true);
    expect(Array.from(upload).length).toBe(200);
  });

  it("an uploaded name with a right-to-left override is stored without it", async () => {
    const text = readFileSync(join(CORPUS, "pingyang-2024-keji-jinrong.txt"));
    const name = safeFileName("报告\u202Efdp.txt");
    const s = new Store(join(dir, "names"));
    try {
      const out = await ingestBuffer(s, text, `upload/${name}`);
      expect(out.status).toBe("added");
      expect(s.listDocuments()[0].source).toBe("upload/报告fdp.txt");
    } finally {
      s.close();
    }
  });

  it("an ingested file with such a name too, and a long one keeps its extension", async () => {
    const sub = mkdtempSync(join(dir, "names-"));
    const rtl = join(sub, "通知\u202Etxt.fdp\u200b.txt");
    const long = join(sub, `${"a".repeat(240)}.txt`);
    writeFileSync(rtl, readFileSync(join(CORPUS, "pingyang-2024-keji-jinrong.txt")));
    writeFileSync(long, readFileSync(join(CORPUS, "mianyang-2022-jinrong-shitiao.txt")));
    const s = new Store(join(dir, "names2"));
    try {
      const report = emptyReport();
      await ingestFile(s, rtl, report);
      await ingestFile(s, long, report);
      expect(report.refused).toEqual([]);
      const sources = s.listDocuments().map((d) => d.source);
      expect(sources.some((x) => x.endsWith("/通知txt.fdp.txt"))).toBe(true);
      const cut = sources.find((x) => x.includes("aaaa"))!;
      expect(cut.endsWith(".txt")).toBe(true);
      expect(Array.from(cut.split("/").pop()!).length).toBe(200);
      for (const x of sources) expect(x).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b-\u200d]/);
    } finally {
      s.close();
    }
  });
});
