// Precision@5 and recall@10 of similar measures on labelled topic groups (tests/data/topic-groups): for
// each member, the other members outside its own document are the positives. Shared by the test and
// the bench.
import type { SimilarityIndex } from "../index/similar/similarity.ts";

export interface GroupScores {
  precision: number;
  recall: number;
  queries: number;
  byGroup: { id: string; precision: number; recall: number }[];
}

export function groupScores(index: SimilarityIndex, groups: { id: string; members: [string, string][] }[], idOf: (doc: string, path: string) => string): GroupScores {
  let p = 0;
  let r = 0;
  let n = 0;
  const byGroup: GroupScores["byGroup"] = [];
  for (const g of groups) {
    const ids = g.members.map(([doc, path]) => idOf(doc, path));
    const docOf = (x: string) => index.entry(x)?.doc.id;
    let gp = 0;
    let gr = 0;
    for (const q of ids) {
      if (!index.entry(q)) throw new Error(`labelled measure not in the index: ${q}`);
      const pos = new Set(ids.filter((x) => x !== q && docOf(x) !== docOf(q)));
      if (pos.size === 0) continue;
      const hits = index.similar(q, { limit: 10 }).map((h) => h.measure.id);
      const qp = hits.slice(0, 5).filter((h) => pos.has(h)).length / Math.min(5, pos.size);
      const qr = hits.filter((h) => pos.has(h)).length / Math.min(10, pos.size);
      gp += qp;
      gr += qr;
      n++;
    }
    byGroup.push({ id: g.id, precision: gp / ids.length, recall: gr / ids.length });
    p += gp;
    r += gr;
  }
  return { precision: n ? p / n : 0, recall: n ? r / n : 0, queries: n, byGroup };
}
