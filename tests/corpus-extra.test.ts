// Every document of ../shared/corpus-extra ingests without an error and gives a non-empty measure tree.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { CORPUS_EXTRA, listDir } from "./helpers/paths.ts";
import { extractFile } from "./helpers/extract.ts";
import { PolicyDocument } from "../extract/schema.ts";

const files = listDir(CORPUS_EXTRA).filter((f) => f.endsWith(".txt"));

describe("corpus-extra", () => {
  it("is there", () => expect(files.length).toBeGreaterThanOrEqual(30));
  for (const f of files) {
    it(f, async () => {
      const d = await extractFile(join(CORPUS_EXTRA, f));
      expect(() => PolicyDocument.parse(d.document)).not.toThrow();
      expect(d.document.measures.length).toBeGreaterThan(0);
      // A document that prints its own headline and 文号 at the top gets its title and 文号.
      const head = d.original.slice(0, 400).replace(/\s+/g, "");
      if (/关于.{4,60}(通知|意见)/.test(head) && /〔\d{4}〕\d+号/.test(head)) {
        expect(d.document.title).toBeTruthy();
        expect(d.document.docNumber).toMatch(/〔\d{4}〕\d+号$/);
      }
      for (const m of d.document.measures) expect(m.text.length).toBeGreaterThan(0);
    });
  }
});
