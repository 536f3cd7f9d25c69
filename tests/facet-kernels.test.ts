// The facet kernels' top values and group sums (index/search/facet-kernels.ts) against plain
// reference code: topRunsInto keeps the highest counts with ties to the lower rank, sumGroupCodes sums each
// touched group into its four codes in the order the codes are first met.
import { describe, expect, it } from "vitest";
import { sumGroupCodes, topRunsInto } from "../index/search/facet-kernels.ts";

function topRuns(docs: Int32Array, docN: Int32Array, n: number, rank: Int32Array, byRank: Int32Array, limit: number): [number, number][] {
  const pairs = new Int32Array(2 * Math.max(0, Math.min(limit, n)));
  const size = topRunsInto(docs, docN, n, rank, byRank, limit, pairs);
  return Array.from({ length: size }, (_, i) => [pairs[2 * i], pairs[2 * i + 1]] as [number, number]);
}

let seed = 11;
const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);

describe("facet kernels", () => {
  it("topRunsInto: the documents with the highest counts, ties to the lower rank, for any limit", () => {
    for (let trial = 0; trial < 200; trial++) {
      const docsN = 1 + rnd(400);
      const n = rnd(docsN + 1);
      const rank = Int32Array.from({ length: docsN }, (_, i) => i);
      for (let i = docsN - 1; i > 0; i--) {
        const j = rnd(i + 1);
        [rank[i], rank[j]] = [rank[j], rank[i]];
      }
      const byRank = new Int32Array(docsN);
      rank.forEach((r, d) => (byRank[r] = d));
      // Distinct documents with counts from a few values (many ties), as a facet count leaves them.
      const docs = Int32Array.from(rank.slice(0, n)).map((_, i) => (i * 7919) % docsN);
      const unique = [...new Set(docs)];
      const docN = Int32Array.from(unique, () => 1 + rnd(trial % 3 === 0 ? 2 : 6));
      const limit = 1 + rnd(60);
      const want = unique
        .map((d, i) => [d, docN[i]] as [number, number])
        .sort((a, b) => b[1] - a[1] || rank[a[0]] - rank[b[0]])
        .slice(0, limit);
      expect(topRuns(Int32Array.from(unique), docN, unique.length, rank, byRank, limit)).toEqual(want);
    }
  });

  it("sumGroupCodes: each code's total, codes listed as first met, group counts left zero", () => {
    const groupsN = 300;
    const groupCodes = new Int32Array(4 * groupsN);
    for (let g = 0; g < groupsN; g++) for (let i = 0; i < 4; i++) groupCodes[4 * g + i] = rnd(4) === 0 ? -1 : rnd(40);
    const groupCount = new Int32Array(groupsN);
    const groups = new Int32Array(groupsN);
    let ng = 0;
    for (let g = 0; g < groupsN; g++)
      if (rnd(2)) {
        groups[ng++] = g;
        groupCount[g] = 1 + rnd(9);
      }
    const want = [0, 1, 2, 3].map(() => new Map<number, number>());
    for (let k = 0; k < ng; k++)
      for (let i = 0; i < 4; i++) {
        const c = groupCodes[4 * groups[k] + i];
        if (c >= 0) want[i].set(c, (want[i].get(c) ?? 0) + groupCount[groups[k]]);
      }
    const counts = [0, 1, 2, 3].map(() => new Int32Array(40));
    const touched = [0, 1, 2, 3].map(() => new Int32Array(40));
    const out = Int32Array.of(9, 9, 9, 9);
    sumGroupCodes(groups, ng, groupCount, groupCodes, counts, touched, out);
    for (let i = 0; i < 4; i++) {
      expect([...touched[i].subarray(0, out[i])]).toEqual([...want[i].keys()]);
      expect([...touched[i].subarray(0, out[i])].map((c) => counts[i][c])).toEqual([...want[i].values()]);
    }
    expect(groupCount.every((x) => x === 0)).toBe(true);
  });
});
