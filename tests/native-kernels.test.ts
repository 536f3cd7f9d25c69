// The native kernels (index/native, built by npm install): loaded, and counting and passing over bitsets
// exactly like their JavaScript twins, refusing arrays that break the index's invariants.
import { describe, expect, it } from "vitest";
import { countFacetsBits, type FacetColumns, type FacetCounts } from "../index/search/facet-kernels.ts";
import { JS_KERNELS, nativeKernels } from "../index/search/native-kernels.ts";
describe.skipIf(process.env.POLICY_NATIVE === "0")("native kernels", () => {
  it("are built by npm install and loaded", () => {
    expect(nativeKernels, "index/native 未编译：运行 npm run build:native").not.toBeNull();
  });

  it("count like the JavaScript kernel, and refuse arrays that break the index's invariants", () => {
    // Random documents, groups, lead units (some several) and matches.
    let seed = 7;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const measures = 5000;
    const words = (measures >>> 5) + 1;
    const docHi: number[] = [];
    for (let hi = 0; hi < measures; ) docHi.push((hi = Math.min(measures, hi + 1 + rnd(60))));
    const wordDoc = new Int32Array(words);
    for (let w = 0, d = 0; w < words; w++) {
      while (docHi[d] <= w * 32 && d < docHi.length - 1) d++;
      wordDoc[w] = d;
    }
    const leadMask = new Int32Array(words);
    const leadBase = new Int32Array(words);
    const leadUnits: number[] = [];
    const leadMulti: number[] = [];
    for (let w = 0; w < words; w++) {
      leadBase[w] = leadUnits.length;
      for (let b = 0; b < 32 && w * 32 + b < measures; b++)
        if (rnd(3) === 0) {
          leadMask[w] |= 1 << b;
          if (rnd(5) === 0) {
            leadUnits.push(~leadMulti.length);
            leadMulti.push(2, rnd(40), 40 + rnd(40));
          } else leadUnits.push(rnd(80));
        }
    }
    const cols: FacetColumns = {
      docOf: new Int32Array(0), docHi: Int32Array.from(docHi), wordDoc, docGroup: Int32Array.from(docHi, () => rnd(30)),
      leadMask, leadBase, leadUnits: Int32Array.from(leadUnits), leadMulti: Int32Array.from(leadMulti),
    };
    const counts = (): FacetCounts => ({
      docs: new Int32Array(docHi.length), docN: new Int32Array(docHi.length), docCount: new Int32Array(0), groupCount: new Int32Array(30),
      groups: new Int32Array(30), unitCount: new Int32Array(80), units: new Int32Array(80), touched: new Int32Array(3),
    });
    const seen = (c: FacetCounts) => ({
      docs: [...c.docs.subarray(0, c.touched[0])], docN: [...c.docN.subarray(0, c.touched[0])],
      groups: [...c.groups.subarray(0, c.touched[2])].map((g) => [g, c.groupCount[g]]), units: [...c.units.subarray(0, c.touched[1])].map((u) => [u, c.unitCount[u]]),
    });
    for (const density of [0, 1, 3, 16, 32]) {
      const bits = Int32Array.from({ length: words }, () => (density === 32 ? -1 : Array.from({ length: density }, () => 1 << rnd(32)).reduce((a, b) => a | b, 0)));
      bits[words - 1] &= (1 << (measures & 31)) - 1; // no measures past the last
      const [js, native] = [counts(), counts()];
      countFacetsBits(bits, words, cols, js);
      nativeKernels!.countFacetsBits(bits, words, cols, native);
      expect(seen(native), `density ${density}`).toEqual(seen(js));
    }
    const bits = new Int32Array(words).fill(-1);
    bits[words - 1] = 0;
    expect(() => nativeKernels!.countFacetsBits(bits, words, { ...cols, docHi: cols.docHi.subarray(0, 3) }, counts())).toThrow(RangeError);
    expect(() => nativeKernels!.countFacetsBits(bits, words, { ...cols, leadUnits: new Int32Array(2) }, counts())).toThrow(RangeError);
    expect(() => nativeKernels!.countFacetsBits(bits, words + 5, cols, counts())).toThrow(TypeError);
    expect(() => nativeKernels!.countFacetsBits(bits, words, { ...cols, docGroup: new Float64Array(3) as never }, counts())).toThrow(TypeError);
  });

  it("pass over whole bitsets like the JavaScript kernels", () => {
    let seed = 11;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) | 0);
    const n = 777;
    const random = () => Int32Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : i % 7 === 0 ? -1 : rnd()));
    const [a, b] = [random(), random()];
    for (const words of [0, 1, 31, 400, n]) {
      const js = JS_KERNELS;
      const nat = nativeKernels!;
      expect(nat.popcount(a, words)).toBe(js.popcount(a, words));
      const [a1, a2] = [a.slice(), a.slice()];
      expect(nat.andInto(a1, b, words)).toBe(js.andInto(a2, b, words));
      expect(a1).toEqual(a2);
      nat.orInto(a1, b, words);
      js.orInto(a2, b, words);
      expect(a1).toEqual(a2);
      // Cleared the same, also in shared memory (the facet thread's bitset).
      const shared = new Int32Array(new SharedArrayBuffer(4 * n));
      shared.set(a);
      const [z1, z2] = [a.slice(), a.slice()];
      nat.zeroWords(z1, words);
      nat.zeroWords(shared, words);
      js.zeroWords(z2, words);
      expect(z1).toEqual(z2);
      expect([...shared]).toEqual([...z2]);
      const [p1, p2] = [new Int32Array(n), new Int32Array(n)];
      expect(nat.prefixCounts(a, words, p1, 0)).toBe(js.prefixCounts(a, words, p2, 0));
      expect(p1).toEqual(p2);
      if (words > 2) {
        a1.set(a);
        a1[words - 1] ^= 0x10;
        expect(nat.prefixCounts(a1, words, p1, words - 1)).toBe(js.prefixCounts(a1, words, p2, words - 1));
        expect(p1).toEqual(p2);
      }
    }
    const sets = Array.from({ length: 15 }, random);
    for (let g = 1; g <= 15; g += 7)
      for (let j = 1; j <= g; j += 3) {
        const [o1, o2] = [new Int32Array(n), new Int32Array(n)];
        expect(nativeKernels!.atLeast(sets.slice(0, g), j, b, n, o1)).toBe(JS_KERNELS.atLeast(sets.slice(0, g), j, b, n, o2));
        expect(o1).toEqual(o2);
      }
    expect(() => nativeKernels!.atLeast([a, new Int32Array(3)], 1, b, n, new Int32Array(n))).toThrow(TypeError);
    // Top k by score, scores by id or by position, many ties.
    const acc = Int32Array.from({ length: 32 * n }, () => (rnd() >>> 0) % 40);
    for (const k of [1, 20, 120, 100000])
      for (const byPosition of [false, true]) expect(nativeKernels!.topByScoreBits(a, n, JS_KERNELS.popcount(a, n), acc, k, byPosition)).toEqual(JS_KERNELS.topByScoreBits(a, n, JS_KERNELS.popcount(a, n), acc, k, byPosition));
    expect(() => nativeKernels!.topByScoreBits(a, n, 10000, new Int32Array(5), 10, false)).toThrow(RangeError);
    expect(() => nativeKernels!.andInto(a, new Int32Array(3), 10)).toThrow(TypeError);
    expect(() => nativeKernels!.popcount(a, n + 1)).toThrow(TypeError);
    expect(() => nativeKernels!.zeroWords(a, n + 1)).toThrow(TypeError);
    expect(() => nativeKernels!.prefixCounts(a, 10, new Int32Array(10), 11)).toThrow(TypeError);
  });

  it("name the kernel in the RangeError of an index out of range (one guard for all, kernels.h Guarded)", () => {
    const far = new Int32Array([999]);
    expect(() => nativeKernels!.setAll(far, new Int32Array(2))).toThrow(new RangeError("setAll: 下标越界（索引数据不一致）"));
    expect(() => nativeKernels!.keepMarked(far, 1, new Int32Array(2))).toThrow(new RangeError("keepMarked: 下标越界（索引数据不一致）"));
    expect(() => nativeKernels!.topByScoreBits(new Int32Array(2).fill(-1), 2, 64, new Int32Array(5), 10, false)).toThrow(
      new RangeError("topByScoreBits: 下标越界（索引数据不一致）"),
    );
  });
});

describe.skipIf(process.env.POLICY_NATIVE === "0")("native kernels: read-only counts", () => {
  it("andCount and countRolesBits count like the JavaScript kernels, write nothing, and refuse short arrays", () => {
    let seed = 5;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) | 0);
    const n = 913;
    const random = (zeros: number) => Int32Array.from({ length: n }, (_, i) => (i % zeros === 0 ? 0 : i % 11 === 0 ? -1 : rnd()));
    const [bits, r0, r1, r2] = [random(3), random(5), random(7), random(2)];
    const copies = [bits, r0, r1, r2].map((a) => a.slice());
    for (const words of [0, 1, 32, 500, n]) {
      expect(nativeKernels!.andCount(bits, r1, words)).toBe(JS_KERNELS.andCount(bits, r1, words));
      expect(JS_KERNELS.andCount(bits, r1, words)).toBe(JS_KERNELS.andInto(bits.slice(), r1, words));
      const [o1, o2] = [new Int32Array(3), new Int32Array(3)];
      nativeKernels!.countRolesBits(bits, words, [r0, r1, r2], o1);
      JS_KERNELS.countRolesBits(bits, words, [r0, r1, r2], o2);
      expect(o1).toEqual(o2);
      expect([...o2]).toEqual([r0, r1, r2].map((r) => JS_KERNELS.andCount(bits, r, words)));
    }
    expect([bits, r0, r1, r2]).toEqual(copies);
    expect(() => nativeKernels!.countRolesBits(bits, n, [r0, new Int32Array(4), r2], new Int32Array(3))).toThrow(TypeError);
    expect(() => nativeKernels!.andCount(bits, new Int32Array(4), 10)).toThrow(TypeError);
  });
});

describe.skipIf(process.env.POLICY_NATIVE === "0")("native kernels: facet group sums", () => {
  it("sumGroupCodes sums like the JavaScript kernel (codes in order first met, group counts left zero) and refuses codes past its arrays", () => {
    let seed = 3;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const groupsN = 2000;
    const groupCodes = Int32Array.from({ length: 4 * groupsN }, () => (rnd(5) === 0 ? -1 : rnd(300)));
    const run = (k: typeof JS_KERNELS.sumGroupCodes) => {
      seed = 9;
      const groupCount = new Int32Array(groupsN);
      const groups = new Int32Array(groupsN);
      let ng = 0;
      for (let g = 0; g < groupsN; g++)
        if (rnd(3)) {
          groups[ng++] = g;
          groupCount[g] = 1 + rnd(50);
        }
      const counts = [0, 1, 2, 3].map(() => new Int32Array(300));
      const touched = [0, 1, 2, 3].map(() => new Int32Array(300));
      const out = new Int32Array(4);
      k(groups, ng, groupCount, groupCodes, counts, touched, out);
      return { groupCount, counts, touched, out };
    };
    const [nat, js] = [run(nativeKernels!.sumGroupCodes), run(JS_KERNELS.sumGroupCodes)];
    expect(nat).toEqual(js);
    expect(js.groupCount.every((x) => x === 0)).toBe(true);
    expect([...js.out].every((x) => x > 0)).toBe(true);
    const short = [0, 1, 2, 3].map((i) => new Int32Array(i === 2 ? 10 : 300));
    expect(() => nativeKernels!.sumGroupCodes(Int32Array.of(0, 1, 2), 3, Int32Array.of(1, 1, 1), groupCodes, short, short, new Int32Array(4))).toThrow(RangeError);
    expect(() => nativeKernels!.sumGroupCodes(Int32Array.of(0), 2, Int32Array.of(1), groupCodes, short, short, new Int32Array(4))).toThrow(TypeError);
  });
});

describe.skipIf(process.env.POLICY_NATIVE === "0")("native kernels: top documents", () => {
  it("topRunsInto picks like the JavaScript kernel (highest counts, ties to the lower rank) for any limit, and refuses a short output", () => {
    let seed = 17;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const docsN = 3000;
    const rank = Int32Array.from({ length: docsN }, (_, i) => i);
    for (let i = docsN - 1; i > 0; i--) {
      const j = rnd(i + 1);
      [rank[i], rank[j]] = [rank[j], rank[i]];
    }
    const byRank = new Int32Array(docsN);
    rank.forEach((r, d) => (byRank[r] = d));
    const docs = Int32Array.from({ length: docsN }, (_, i) => (i * 7) % docsN);
    const docN = Int32Array.from({ length: docsN }, () => (rnd(10) ? 1 + rnd(3) : 1 + rnd(40)));
    for (const n of [0, 1, 57, 2999]) {
      for (const limit of [0, 1, 3, 50, 5000]) {
        const [a, b] = [new Int32Array(2 * Math.min(limit, n)), new Int32Array(2 * Math.min(limit, n))];
        expect(nativeKernels!.topRunsInto(docs, docN, n, rank, byRank, limit, a)).toBe(JS_KERNELS.topRunsInto(docs, docN, n, rank, byRank, limit, b));
        expect(a).toEqual(b);
      }
    }
    expect(() => nativeKernels!.topRunsInto(docs, docN, 100, rank, byRank, 50, new Int32Array(99))).toThrow(TypeError);
    expect(() => nativeKernels!.topRunsInto(Int32Array.of(docsN + 5), docN, 1, rank, byRank, 5, new Int32Array(10))).toThrow(RangeError);
  });
});

describe.skipIf(process.env.POLICY_NATIVE === "0")("native kernels: dense lookups of ranked measures", () => {
  it("denseBestRanked keeps the best slot like the JavaScript kernel, also past a term's shorter bitset", () => {
    let seed = 23;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) | 0);
    const words = 400;
    const rank = Int32Array.from({ length: words }, (_, w) => (w % 5 === 0 ? 0 : rnd()));
    for (const held of [words, 250]) {
      const bits = Int32Array.from({ length: held }, (_, w) => (w % 3 === 0 ? 0 : rnd()));
      const pre = new Int32Array(held);
      const n = JS_KERNELS.prefixCounts(bits, held, pre, 0);
      const slot = Uint8Array.from({ length: n }, () => (rnd() >>> 0) % 9);
      const count = JS_KERNELS.popcount(rank, words);
      const [a, b] = [new Int32Array(count).fill(9), new Int32Array(count).fill(9)];
      for (let k = 0; k < 2; k++) {
        nativeKernels!.denseBestRanked(rank, words, bits, pre, slot, a);
        JS_KERNELS.denseBestRanked(rank, words, bits, pre, slot, b);
        slot.forEach((s, i) => (slot[i] = (s + 4) % 9));
      }
      expect(a).toEqual(b);
      expect(a.some((s) => s < 9)).toBe(true);
    }
    expect(() => nativeKernels!.denseBestRanked(Int32Array.of(-1), 1, Int32Array.of(-1), Int32Array.of(0), new Uint8Array(2), new Int32Array(32))).toThrow(RangeError);
  });
});

describe.skipIf(process.env.POLICY_NATIVE === "0")("native kernels: posting lists", () => {
  it("setAll, setWithin, setWithRole, scoreRanked, collectBody, collectTitle, markBody and markTitle read Int32Array lists like the JavaScript kernels, plain arrays go to them, and ids past the bitsets throw", () => {
    let seed = 29;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const measures = 40 * 32 + 7;
    const words = (measures >>> 5) + 1;
    const list = (n: number) => Int32Array.from(new Set(Array.from({ length: n }, () => rnd(measures)))).sort();
    const bitsOf = (density: number) => Int32Array.from({ length: words }, () => (rnd(4) === 0 ? 0 : Array.from({ length: density }, () => 1 << rnd(32)).reduce((a, b) => a | b, 0)));
    const nat = nativeKernels!;
    const js = JS_KERNELS;
    for (const n of [0, 1, 50, 900]) {
      const arr = list(n);
      for (const view of [arr, arr.subarray(n >> 2), [...arr]]) {
        const [a, b] = [bitsOf(2), bitsOf(2)].map((x) => [x, x.slice()]);
        nat.setAll(view, a[0]);
        js.setAll(view, a[1]);
        expect(a[0]).toEqual(a[1]);
        expect(nat.setWithin(view, b[0], a[0])).toBe(js.setWithin(view, b[1], a[1]));
        expect(b[0]).toEqual(b[1]);
        const roles = Uint8Array.from(view, () => rnd(8));
        for (const role of [0, 1, 4]) {
          const [r1, r2] = [new Int32Array(words), new Int32Array(words)];
          nat.setWithRole(view, roles, role, r1);
          js.setWithRole(view, roles, role, r2);
          expect(r1).toEqual(r2);
        }
        // Scores by position among the ranked ids; weights added once per id.
        const ranked = bitsOf(6);
        const pre = new Int32Array(words);
        const count = js.prefixCounts(ranked, words, pre, 0);
        const [s1, s2] = [new Int32Array(words), new Int32Array(words)];
        const [acc1, acc2] = [new Int32Array(count), new Int32Array(count)];
        for (const w of [9, 3]) expect(nat.scoreRanked(view, w, ranked, pre, s1, acc1)).toBe(js.scoreRanked(view, w, ranked, pre, s2, acc2));
        expect(acc1).toEqual(acc2);
        expect(s1).toEqual(s2);
        // Candidates collected once, after those already there, within the filter or not.
        for (const pass of [null, bitsOf(12)]) {
          const before = bitsOf(1);
          const run = (k: typeof js) => {
            const inSet = before.slice();
            const acc = new Int32Array(measures);
            const cand = new Int32Array(measures + 5).fill(-1);
            let m = 3;
            for (const w of [7, 2]) m = k.collectBody(view, w, pass, inSet, acc, cand, m);
            return { m, inSet, acc, cand };
          };
          expect(run(nat)).toEqual(run(js));
          // Title weights once per id, candidates joining; then further groups marked.
          const titles = bitsOf(1);
          const titled = (k: typeof js) => {
            const [inSet, inTitle, next] = [before.slice(), titles.slice(), new Int32Array(words)];
            const acc = Int32Array.from({ length: measures }, (_, i) => i % 5);
            const cand = new Int32Array(measures + 5).fill(-1);
            let m = 2;
            for (const w of [40, 31]) m = k.collectTitle(view, w, pass, inSet, inTitle, acc, cand, m);
            for (const w of [8, 1]) k.markBody(view, w, inSet, next, acc);
            k.markTitle(view, 33, inSet, inTitle.fill(0, 0, words >> 1), next, acc);
            return { m, inSet, inTitle, next, acc, cand };
          };
          expect(titled(nat)).toEqual(titled(js));
        }
      }
    }
    const far = Int32Array.of(3, 32 * words + 1);
    expect(() => nat.setAll(far, new Int32Array(words))).toThrow(RangeError);
    expect(() => nat.setWithin(far, new Int32Array(words), new Int32Array(words))).toThrow(RangeError);
    expect(() => nat.setWithRole(far, new Uint8Array(2), 0, new Int32Array(words))).toThrow(RangeError);
    expect(() => nat.setWithRole(far, new Uint8Array(1), 0, new Int32Array(words))).toThrow(TypeError);
    expect(() => nat.scoreRanked(far, 1, new Int32Array(words).fill(-1), new Int32Array(words), new Int32Array(words), new Int32Array(1))).toThrow(RangeError);
    expect(() => nat.collectBody(far, 1, null, new Int32Array(words), new Int32Array(measures), new Int32Array(1), 0)).toThrow(RangeError);
    expect(() => nat.collectTitle(far, 1, null, new Int32Array(words), new Int32Array(words), new Int32Array(measures), new Int32Array(2), 0)).toThrow(RangeError);
    expect(() => nat.markBody(far, 1, new Int32Array(words).fill(-1), new Int32Array(words), new Int32Array(measures))).toThrow(RangeError);
    expect(() => nat.markTitle(far, 1, new Int32Array(words).fill(-1), new Int32Array(words), new Int32Array(words), new Int32Array(measures))).toThrow(RangeError);
  });

});

describe.skipIf(process.env.POLICY_NATIVE === "0")("native kernels: candidate lists", () => {
  it("listBits, denseBest, addBest and keepMarked work the list plan's candidates like the JavaScript kernels, and refuse a short output or counts past the arrays", () => {
    let seed = 31;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const words = 97;
    const bitsOf = (density: number) => Int32Array.from({ length: words }, () => (rnd(3) === 0 ? 0 : Array.from({ length: density }, () => 1 << rnd(32)).reduce((a, b) => a | b, 0)));
    const nat = nativeKernels!;
    const js = JS_KERNELS;
    const bits = bitsOf(5);
    const total = js.popcount(bits, words);
    for (const [at, max] of [[0, total], [3, total + 3], [0, 17], [5, 5], [9, 4]]) {
      const [o1, o2] = [new Int32Array(total + 3).fill(-1), new Int32Array(total + 3).fill(-1)];
      expect(nat.listBits(bits, words, o1, at, max)).toBe(js.listBits(bits, words, o2, at, max));
      expect(o1).toEqual(o2);
    }
    const cand = new Int32Array(total);
    const n = js.listBits(bits, words, cand, 0, total);
    // A dense term over part of the words (shorter than the index's bitsets), its slots by rank.
    for (const held of [words, 60]) {
      const term = bitsOf(9).subarray(0, held);
      const pre = new Int32Array(held);
      const slot = Uint8Array.from({ length: js.prefixCounts(term, held, pre, 0) }, () => rnd(9));
      const run = (k: typeof js) => {
        const best = new Int32Array(n).fill(9);
        k.denseBest(cand, n, term, pre, slot, best);
        const [next, acc] = [new Int32Array(words), Int32Array.from({ length: 32 * words }, (_, i) => i % 7)];
        k.addBest(cand, n, best, 9, 20, next, acc);
        const c = cand.slice();
        const m = k.keepMarked(c, n, next);
        return { best, next, acc, m, c };
      };
      const [a, b] = [run(nat), run(js)];
      expect(a).toEqual(b);
      expect(a.m).toBeGreaterThan(0);
      expect(a.m).toBeLessThan(n);
    }
    expect(() => nat.listBits(bits, words, new Int32Array(3), 0, 4)).toThrow(TypeError);
    expect(() => nat.keepMarked(cand, n + 1, new Int32Array(words))).toThrow(TypeError);
    expect(() => nat.keepMarked(Int32Array.of(32 * words + 3), 1, new Int32Array(words))).toThrow(RangeError);
    expect(() => nat.addBest(Int32Array.of(32 * words + 3), 1, Int32Array.of(0), 9, 9, new Int32Array(words), new Int32Array(32 * words))).toThrow(RangeError);
    expect(() => nat.denseBest(cand, n, bits, new Int32Array(words).fill(1 << 20), new Uint8Array(4), new Int32Array(n))).toThrow(RangeError);
  });
});
