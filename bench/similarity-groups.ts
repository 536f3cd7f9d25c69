// Precision@5 and recall@10 of similar measures on labelled topic groups (tests/data/topic-groups): for
// each member, the other members outside its own document are the positives. Shared by the test and
// the bench. Run alone (`npx tsx bench/similarity-groups.ts`) it scores the sixteen sets, groups.json (tuned
// on), heldout.json … heldout10.json (each labelled blind), natural-dev.json, natural-dev2.json and natural-dev3.json (groups seeded by random measures), heldout11.json … heldout14.json (likewise, labelled blind by others; 11–12 scored only at the start and end of session 27, 13–14 of session 28), on an index of corpus-extra alone under focus "area"
// (what they test), and the labelled seed pairs (tests/data/similar-pairs.json) on an index of corpus/ and
// corpus-extra under both foci ("instrument" is what they test), as tests/similarity(-groups).test.ts do.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { SimilarityIndex, entriesFromStore, type SimilarFocus } from "../index/similar/similarity.ts";

export interface GroupScores {
  precision: number;
  recall: number;
  queries: number;
  byGroup: { id: string; precision: number; recall: number }[];
}

export interface TopicGroup {
  id: string;
  name?: string;
  members: [string, string][];
}

const GROUP_DIR = resolve(import.meta.dirname, "../tests/data/topic-groups");

export type GroupSet = "groups" | "heldout" | "heldout2" | "heldout3" | "heldout4" | "heldout5" | "heldout6" | "heldout7" | "heldout8" | "heldout9" | "heldout10" | "natural-dev" | "natural-dev2" | "natural-dev3" | "heldout11" | "heldout12" | "heldout13" | "heldout14";

const GROUP_SETS: readonly GroupSet[] = ["groups", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "natural-dev", "natural-dev2", "natural-dev3", "heldout11", "heldout12", "heldout13", "heldout14"];

/** The groups of one labelled set: "groups" (tuned on), "heldout" … "heldout10" (labelled blind; NOTES.md says which were looked at since). */
export function loadGroups(set: GroupSet): TopicGroup[] {
  return (JSON.parse(readFileSync(join(GROUP_DIR, `${set}.json`), "utf8")) as { groups: TopicGroup[] }).groups;
}

export function groupScores(index: SimilarityIndex, groups: { id: string; members: [string, string][] }[], idOf: (doc: string, path: string) => string, focus: SimilarFocus = "area"): GroupScores {
  let p = 0;
  let r = 0;
  let n = 0;
  const byGroup: GroupScores["byGroup"] = [];
  for (const g of groups) {
    const ids = g.members.map(([doc, path]) => idOf(doc, path));
    const docOf = (x: string) => index.entry(x)?.doc.id;
    let gp = 0;
    let gr = 0;
    let gn = 0;
    for (const q of ids) {
      if (!index.entry(q)) throw new Error(`labelled measure not in the index: ${q}`);
      const pos = new Set(ids.filter((x) => x !== q && docOf(x) !== docOf(q)));
      if (pos.size === 0) continue;
      const hits = index.similar(q, { limit: 10, focus }).map((h) => h.measure.id);
      gp += hits.slice(0, 5).filter((h) => pos.has(h)).length / Math.min(5, pos.size);
      gr += hits.filter((h) => pos.has(h)).length / Math.min(10, pos.size);
      gn++;
    }
    byGroup.push({ id: g.id, precision: gn ? gp / gn : 0, recall: gn ? gr / gn : 0 });
    p += gp;
    r += gr;
    n += gn;
  }
  return { precision: n ? p / n : 0, recall: n ? r / n : 0, queries: n, byGroup };
}

/**
 * Precision@5 and recall@10 on the labelled seed pairs (tests/data/similar-pairs.json): for each measure
 * in a positive pair, the measures it is paired with are its positives (an unlabelled hit counts as a miss).
 */
export function pairScores(index: SimilarityIndex, idOf: (doc: string, path: string) => string, focus: SimilarFocus = "instrument"): { precision: number; recall: number; queries: number } {
  const pairs = (JSON.parse(readFileSync(resolve(import.meta.dirname, "../tests/data/similar-pairs.json"), "utf8")) as { pairs: { a: [string, string]; b: [string, string]; same: boolean }[] }).pairs;
  const positives = new Map<string, Set<string>>();
  for (const p of pairs.filter((x) => x.same)) {
    const a = idOf(...p.a);
    const b = idOf(...p.b);
    for (const [x, y] of [[a, b], [b, a]]) positives.set(x, (positives.get(x) ?? new Set()).add(y));
  }
  let precision = 0;
  let recall = 0;
  for (const [query, pos] of positives) {
    const hits = index.similar(query, { limit: 10, focus }).map((h) => h.measure.id);
    precision += hits.slice(0, 5).filter((h) => pos.has(h)).length / Math.min(5, pos.size);
    recall += hits.filter((h) => pos.has(h)).length / pos.size;
  }
  const n = positives.size || 1;
  return { precision: precision / n, recall: recall / n, queries: positives.size };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { Store } = await import("../index/store/store.ts");
  const { collectFiles, emptyReport, ingestFile } = await import("../src/documents/ingest.ts");
  const dir = mkdtempSync(join(tmpdir(), "bench-groups-"));
  const store = new Store(dir);
  const report = emptyReport();
  // the seeds (corpus/) too, for the labelled pairs; the groups are scored on corpus-extra alone
  for (const f of collectFiles([resolve(import.meta.dirname, "../corpus"), resolve(import.meta.dirname, "../../shared/corpus-extra")]).files) await ingestFile(store, f, report);
  const docs = store.listDocuments(1000);
  const docByName = new Map(docs.map((d) => [basename(d.source).replace(/\.txt$/, ""), d.id]));
  const extra = new Set(docs.filter((d) => d.source.includes("corpus-extra")).map((d) => d.id));
  const all = entriesFromStore(store);
  store.close();
  rmSync(dir, { recursive: true, force: true });
  const index = SimilarityIndex.build(all.filter((e) => extra.has(e.doc.id)));
  const label: Record<GroupSet, string> = { groups: "调参组 groups.json  ", heldout: "留出组 heldout.json ", heldout2: "留出组 heldout2.json", heldout3: "留出组 heldout3.json", heldout4: "留出组 heldout4.json", heldout5: "留出组 heldout5.json", heldout6: "留出组 heldout6.json", heldout7: "留出组 heldout7.json", heldout8: "留出组 heldout8.json", heldout9: "留出组 heldout9.json", heldout10: "留出组 heldout10.json", "natural-dev": "自然组 natural-dev.json", "natural-dev2": "自然组 natural-dev2.json", "natural-dev3": "自然组 natural-dev3.json", heldout11: "自然留出 heldout11.json", heldout12: "自然留出 heldout12.json", heldout13: "自然留出 heldout13.json", heldout14: "自然留出 heldout14.json" };
  const only = process.env.SETS?.split(",");
  for (const set of GROUP_SETS.filter((x) => !only || only.includes(x))) {
    const groups = loadGroups(set);
    const s = groupScores(index, groups, (doc, path) => `${docByName.get(doc)}:${path}`);
    process.stdout.write(`${label[set]}  同一政策领域（area）  precision@5 ${s.precision.toFixed(3)}，recall@10 ${s.recall.toFixed(3)}（${groups.length} 组，${s.queries} 条查询措施）\n`);
    if (process.env.VERBOSE) process.stdout.write(`  ${s.byGroup.map((g) => `${g.id} ${g.precision.toFixed(2)}/${g.recall.toFixed(2)}`).join("，")}\n`);
  }
  const seeds = SimilarityIndex.build(all);
  for (const [focus, name] of [["instrument", "同一政策工具（instrument）"], ["area", "同一政策领域（area）"]] as const) {
    const p = pairScores(seeds, (doc, path) => `${docByName.get(doc)}:${path}`, focus);
    process.stdout.write(`标注措施对 similar-pairs  ${name}  precision@5 ${p.precision.toFixed(3)}，recall@10 ${p.recall.toFixed(3)}（${p.queries} 条查询措施，corpus/ 与 corpus-extra）\n`);
  }
}
