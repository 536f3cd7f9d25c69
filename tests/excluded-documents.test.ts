// Guard: no stored text under tests/data is one of the documents the shared material keeps out on purpose
// (tests/data/excluded-documents.json, from ../shared/corpus-extra/SOURCES.md, Caveats). Those are most likely the
// documents extraction is scored on; session 31 found three of them in tests/data/unseen7c and removed them.
// A text IS such a document when its own 文号 line, headline or title names it:
// - the 文号 on a line holding nothing else (a 文号 line, also "文 号: | X |"), or on a line of the text's head (its first
//   10 non-empty lines) with no sentence punctuation (a headline or page title carrying it);
// - all words of a title key on one title-like line anywhere (no sentence punctuation, at most 80 characters), which also
//   catches a second enclosed document's title.
// A passing mention inside another document's sentence ("根据《…》（X〔2021〕82号）要求，制定本方案。") is fine.
// The seeds in corpus/ are exempt: they are not under tests/data, and nothing here reads corpus/.
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { z } from "zod";
import { ROOT } from "./helpers/paths.ts";

const ExcludedFile = z.object({
  documents: z.array(z.object({
    docNumber: z.string().optional(),
    label: z.string().optional(),
    titleKeys: z.array(z.array(z.string().min(1)).min(1)).optional(),
    seed: z.boolean().optional(),
  }).refine((d) => d.docNumber || d.titleKeys, "a 文号 or a title key")),
});
type Excluded = z.infer<typeof ExcludedFile>["documents"][number];

const EXCLUDED = ExcludedFile.parse(JSON.parse(readFileSync(join(ROOT, "tests/data/excluded-documents.json"), "utf8"))).documents;
const HEAD_LINES = 10;
const SENTENCE = /[，。；,;！？!?]/;
const NUMBER_LABEL = /^(?:发文字号|发文号|文号|字号)?[:：]?/;

/** One form for brackets, widths and white space: "陕发改能电力[2021]634号" and "陕发改能电力〔2021〕634号" compare equal. */
function norm(s: string): string {
  return s.normalize("NFKC").replace(/[\s|]+/g, "").replace(/[[【〔(]/g, "〔").replace(/[\]】〕)]/g, "〕");
}

/** Where `text` names one of `docs` as its own (1-based line numbers), with the reason. */
export function ownHits(text: string, docs: Excluded[]): string[] {
  const lines = text.split("\n").map(norm).filter((l) => l.length > 0);
  const hits: string[] = [];
  lines.forEach((line, i) => {
    for (const d of docs) {
      const name = d.docNumber ?? d.label;
      if (d.docNumber) {
        const no = norm(d.docNumber);
        if (line.includes(no)) {
          const alone = line.replace(no, "").replace(/[:：]/g, "").replace(NUMBER_LABEL, "").length === 0;
          if (alone || (i < HEAD_LINES && !SENTENCE.test(line))) hits.push(`${i + 1}: 文号 ${name}`);
        }
      }
      const titleLike = !SENTENCE.test(line) && line.length <= 80;
      if (titleLike && d.titleKeys?.some((keys) => keys.every((k) => line.includes(norm(k))))) hits.push(`${i + 1}: title ${name}`);
    }
  });
  return hits;
}

function storedTexts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? storedTexts(join(dir, e.name)) : e.name.endsWith(".txt") ? [join(dir, e.name)] : []);
}

describe("documents the shared material excludes are not stored (tests/data/excluded-documents.json)", () => {
  it("lists the exclusion list's 21 documents, 5 of them the seeds", () => {
    expect(EXCLUDED).toHaveLength(21);
    expect(EXCLUDED.filter((d) => d.seed)).toHaveLength(5);
  });
  it("no stored text under tests/data is one of them by its 文号 line, headline or title", () => {
    const texts = storedTexts(join(ROOT, "tests/data"));
    expect(texts.length).toBeGreaterThan(100);
    const found = texts.flatMap((f) => ownHits(readFileSync(f, "utf8"), EXCLUDED).map((h) => `${relative(ROOT, f)}:${h}`));
    expect(found).toEqual([]);
  });
  it("a document's own 文号 line, page-title row or headline counts; a passing mention in a sentence does not", () => {
    const d = EXCLUDED.filter((x) => x.docNumber === "陕发改能电力[2021]634号" || x.label === "石城县 河长制");
    expect(ownHits("某某委员会文件\n陕发改能电力〔2021〕634号\n关于某某的通知", d)).toEqual(["2: 文号 陕发改能电力[2021]634号"]);
    expect(ownHits("文 号: | 陕发改能电力[2021]634号 | 是否有效: | |", d)).toHaveLength(1);
    expect(ownHits("某某市人民政府\n关于某某的通知\n根据《某某通知》（陕发改能电力〔2021〕634号）要求，制定本方案。", d)).toEqual([]);
    expect(ownHits("前言\n".repeat(12) + "依照陕发改能电力〔2021〕634号文件精神", d)).toEqual([]);
    expect(ownHits("一、工作要求\n做好工作。\n石城县全面推行河长制工作方案\n一、总体要求", d)).toEqual(["3: title 石城县 河长制"]);
    expect(ownHits("学习石城县推行河长制的经验，做好本地工作。", d)).toEqual([]);
  });
});
