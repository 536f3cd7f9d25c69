// Evaluation over folders: a gold file <name>.gold.json pairs with the corpus file <name>.<any extension>.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadBuffer } from "../../extract/loaders/index.ts";
import { extractDocument } from "../../extract/document.ts";
import { GoldDocument, scoreDocuments, type ScoreReport } from "../../extract/score.ts";
import { sourceName } from "../documents/ingest.ts";

// When several files share a name, the most faithful text wins.
const PREFERENCE = ["txt", "html", "htm", "docx", "doc", "pdf", "ofd"];

export interface EvalResult { report: ScoreReport; unmatched: string[] }

export async function evaluateFolders(goldDir: string, corpusDir: string): Promise<EvalResult> {
  const golds = readdirSync(goldDir).filter((f) => f.endsWith(".gold.json")).sort();
  const corpus = readdirSync(corpusDir);
  const pairs = [];
  const unmatched: string[] = [];
  for (const g of golds) {
    const name = g.slice(0, -".gold.json".length);
    const candidates = corpus
      .filter((f) => f.startsWith(`${name}.`) && !f.endsWith(".gold.json"))
      .sort((a, b) => rank(a) - rank(b));
    if (candidates.length === 0) {
      unmatched.push(g);
      continue;
    }
    const file = join(corpusDir, candidates[0]);
    const gold = GoldDocument.parse(JSON.parse(readFileSync(join(goldDir, g), "utf8")));
    const got = extractDocument(await loadBuffer(readFileSync(file), sourceName(file)), sourceName(file)).document;
    pairs.push({ name, gold, got });
  }
  return { report: scoreDocuments(pairs), unmatched };
}

function rank(file: string): number {
  const i = PREFERENCE.indexOf(file.split(".").pop()!.toLowerCase());
  return i < 0 ? PREFERENCE.length : i;
}
