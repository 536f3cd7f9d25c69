// Extraction on documents no rule was written from: the development gold of ../shared/dev-gold and the
// team's own labels in tests/gold-extra, both over ../shared/corpus-extra. Each field's F1 (and the
// metadata accuracy) must stay at or above its floor in tests/data/eval-floors.json: raise floors as
// extraction improves, never lower them.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { evaluateFolders } from "../src/cli/evaluate.ts";
import { FIELDS, formatReport } from "../extract/score.ts";
import { CORPUS_EXTRA, ROOT, SHARED } from "./helpers/paths.ts";

const floors = JSON.parse(readFileSync(join(ROOT, "tests/data/eval-floors.json"), "utf8")) as Record<string, Record<string, number>>;
// Every other set in the floors file is a folder of tests/data that holds its texts beside its labels
// (labelled blind, sessions 23–25; tests/data/unseen*/SOURCES.md says how each was made).
const SHARED_SETS: Record<string, string> = { "dev-gold": join(SHARED, "dev-gold"), "gold-extra": join(ROOT, "tests/gold-extra") };
const LOCAL_SETS = Object.keys(floors).filter((k) => !k.startsWith("_") && !(k in SHARED_SETS));
const SETS: Record<string, string> = { ...SHARED_SETS, ...Object.fromEntries(LOCAL_SETS.map((k) => [k, join(ROOT, "tests/data", k)])) };
const CORPUS: Record<string, string> = Object.fromEntries(LOCAL_SETS.map((k) => [k, join(ROOT, "tests/data", k)]));

describe("extraction on unseen documents", () => {
  for (const [name, dir] of Object.entries(SETS)) {
    it(`${name}: every field at or above its floor`, async () => {
      const { report, unmatched } = await evaluateFolders(dir, CORPUS[name] ?? CORPUS_EXTRA);
      expect(unmatched).toEqual([]);
      const table = formatReport(report).split("\n").slice(0, 2 + FIELDS.length).join("\n");
      process.stdout.write(`${name}\n${table}\n`);
      const floor = floors[name];
      for (const f of FIELDS) expect(report.fields[f].f1, `${name} ${f}\n${table}`).toBeGreaterThanOrEqual(floor[f]);
      expect(report.metadataScore.accuracy, `${name} metadata\n${table}`).toBeGreaterThanOrEqual(floor.metadata);
    }, 120_000);
  }
});
