// The PDF, DOCX, DOC and GB18030 versions of a seed give the same measures as its UTF-8 TXT.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { CORPUS, FIXTURES, SEED_NAMES, SEEDS, listDir } from "./helpers/paths.ts";
import { extractFile, squash } from "./helpers/extract.ts";

const fixtures = listDir(FIXTURES);

describe("every fixture matches its TXT seed", () => {
  it("has fixtures in every format", () => {
    const exts = new Set(fixtures.map((f) => f.split(".").pop()));
    expect([...exts].sort()).toEqual(["doc", "docx", "pdf", "txt"]);
  });

  it("the corpus holds the seeds' text untouched", () => {
    for (const [prefix, name] of Object.entries(SEED_NAMES)) {
      const seed = listDir(SEEDS).find((f) => f.startsWith(prefix))!;
      expect(readFileSync(join(CORPUS, `${name}.txt`))).toEqual(readFileSync(join(SEEDS, seed)));
    }
  });

  for (const f of fixtures) {
    it(`${f}: same measure paths and texts as the seed`, async () => {
      const seedName = SEED_NAMES[f.slice(0, 3)];
      const txt = (await extractFile(join(CORPUS, `${seedName}.txt`))).document;
      const other = (await extractFile(join(FIXTURES, f))).document;
      expect(other.format).toBe(f.endsWith(".gb18030.txt") ? "txt" : f.split(".").pop());
      expect(other.measures.map((m) => m.path)).toEqual(txt.measures.map((m) => m.path));
      expect(other.measures.map((m) => squash(m.text))).toEqual(txt.measures.map((m) => squash(m.text)));
      expect(other.measures.length).toBeGreaterThan(10);
      // Same metadata whatever the format.
      const meta = (d: typeof txt) => [d.title, d.docNumber, d.issuer, d.region, d.issuedDate, d.publishedDate];
      expect(meta(other)).toEqual(meta(txt));
    });
  }

  it("GB18030 text decodes to exactly the UTF-8 seed's text", async () => {
    const gb = await extractFile(join(FIXTURES, fixtures.find((f) => f.includes("gb18030"))!));
    const utf = await extractFile(join(CORPUS, `${SEED_NAMES["000"]}.txt`));
    expect(gb.original).toBe(utf.original);
    expect(gb.original).not.toMatch(/\ufffd/);
  });

  it("PDF page markers are gone and broken lines rejoined", async () => {
    const pdf = await extractFile(join(FIXTURES, fixtures.find((f) => f.startsWith("002") && f.endsWith(".pdf"))!));
    expect(pdf.repaired).not.toMatch(/—\s*\d+\s*—/);
    expect(pdf.repaired).toContain("(山西银监局牵头,省科技厅、省金融办、人行太原中心支行等配合)");
    expect(pdf.repaired).toContain("(省金融办、省科技厅牵头,省发展改革委");
    const m = pdf.document.measures.find((x) => x.path === "二/(一)")!;
    expect(m.text).toContain("符合小微企业授信特点");
  });
});
