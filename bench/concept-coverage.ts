// Coverage of the concept channel (index/data/concept-groups.txt) on the corpus the service ships and is
// scored on (corpus/ and ../shared/corpus-extra): the title words of the segmented measures that occur in
// titles of MIN_DOCS or more documents (default 3) and that no line names, most documents first, and the
// share of titled measures whose title names some area. Lines are derived from this list, not from the
// labelled sets (tests/data/topic-groups/NOTES.md, seventh round).
//   npx tsx bench/concept-coverage.ts            (MIN_DOCS=4 TOP=80 to narrow)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Store } from "../index/store/store.ts";
import { entriesFromStore } from "../index/similar/similarity.ts";
import { conceptFeatures, titleTerms } from "../index/similar/words.ts";
import { collectFiles, emptyReport, ingestFile } from "../src/documents/ingest.ts";

const minDocs = Number(process.env.MIN_DOCS ?? 3);
const top = Number(process.env.TOP ?? 200);

const dir = mkdtempSync(join(tmpdir(), "bench-concepts-"));
const store = new Store(dir);
const report = emptyReport();
for (const f of collectFiles([resolve(import.meta.dirname, "../corpus"), resolve(import.meta.dirname, "../../shared/corpus-extra")]).files) await ingestFile(store, f, report);
const entries = entriesFromStore(store);
store.close();
rmSync(dir, { recursive: true, force: true });

/** Whether a lone word names an area (as a title holding only it would). */
const named = (w: string) => conceptFeatures({ title: w, text: w, deadlines: [], targets: [] } as never).size > 0;

const docsOf = new Map<string, Set<string>>();
const measuresOf = new Map<string, number>();
const example = new Map<string, string>();
let titled = 0;
let covered = 0;
for (const { measure, doc } of entries) {
  if (!measure.title) continue;
  titled++;
  if (conceptFeatures(measure).size > 0) covered++;
  const seen = new Set<string>();
  for (const { word } of titleTerms(measure, doc)) {
    if (seen.has(word)) continue;
    seen.add(word);
    docsOf.set(word, (docsOf.get(word) ?? new Set()).add(doc.id));
    measuresOf.set(word, (measuresOf.get(word) ?? 0) + 1);
    if (!example.has(word)) example.set(word, measure.title);
  }
}

const rows = [...docsOf]
  .filter(([w, d]) => d.size >= minDocs && !named(w))
  .sort((a, b) => b[1].size - a[1].size || (measuresOf.get(b[0]) ?? 0) - (measuresOf.get(a[0]) ?? 0) || a[0].localeCompare(b[0]));
process.stdout.write(
  `措施 ${entries.length} 条，有标题 ${titled} 条，标题含某一领域（concept-groups.txt）${covered} 条（${((100 * covered) / Math.max(1, titled)).toFixed(1)}%）；` +
    `出现在 ${minDocs} 个及以上文件标题中、不属于任何领域的词 ${rows.length} 个${rows.length > top ? `（列出前 ${top} 个）` : ""}：\n`,
);
for (const [w, d] of rows.slice(0, top)) process.stdout.write(`${w}\t${d.size} 个文件\t${measuresOf.get(w)} 条\t例：${example.get(w)}\n`);
