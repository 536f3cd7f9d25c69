// The native regionOrder (index/native/kernels-regions.cc) against its JavaScript twin (index/search/region-order.ts),
// and regionTree over either: the same shape for random place counts (ties in counts and names, municipalities,
// cities and counties without a counted parent).
import { describe, expect, it } from "vitest";
import { JS_KERNELS, nativeKernels } from "../index/search/native-kernels.ts";
import { regionOrder, regionScratch, regionTable } from "../index/search/region-order.ts";
import { rankNames, regionTree } from "../index/search/regions.ts";

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Random places (provinces, cities, counties; some cities named like their province) and the counts of a query. */
function sample(seed: number) {
  const r = rng(seed);
  const P = 8 + Math.floor(r() * 8);
  const names: string[] = [];
  const cityProvince: number[] = [];
  const countyProvince: number[] = [];
  const countyCity: number[] = [];
  const provinces: number[] = [];
  const cities: number[] = [];
  const counties: number[] = [];
  const add = (name: string, cp: number, kp: number, kc: number) => (names.push(name), cityProvince.push(cp), countyProvince.push(kp), countyCity.push(kc), names.length - 1);
  for (let p = 0; p < P; p++) provinces.push(add(`省${p % 5}${p}`, -1, -1, -1));
  for (let c = 0; c < 3 * P; c++) {
    const p = provinces[Math.floor(r() * P)];
    cities.push(add(r() < 0.1 ? names[p] + "" : `市${c % 7}`, p, -1, -1));
  }
  for (let k = 0; k < 6 * P; k++) {
    const c = r() < 0.9 ? cities[Math.floor(r() * cities.length)] : -1;
    counties.push(add(`县${k % 11}`, -1, c >= 0 ? cityProvince[c] : provinces[Math.floor(r() * P)], c));
  }
  const pick = (xs: number[]) => xs.filter(() => r() < 0.6);
  const levels = [pick(provinces), pick(cities), pick(counties)];
  const counts = [0, 1, 2].map(() => new Int32Array(names.length));
  levels.forEach((codes, l) => codes.forEach((c) => (counts[l][c] = 1 + Math.floor(r() * 4))));
  const parents = { cityProvince: Int32Array.from(cityProvince), countyProvince: Int32Array.from(countyProvince), countyCity: Int32Array.from(countyCity) };
  return { names, parents, levels: { codes: levels.map((c) => Int32Array.from(c)), n: Int32Array.from(levels.map((c) => c.length)), counts } };
}

describe.skipIf(process.env.POLICY_NATIVE === "0")("native kernels: region tree order", () => {
  it("regionOrder orders like the JavaScript twin (roots and every child list), and refuses a short scratch", () => {
    const native = nativeKernels!;
    expect(native.regionOrder).not.toBe(JS_KERNELS.regionOrder);
    for (let seed = 1; seed <= 200; seed++) {
      const { names, parents, levels } = sample(seed);
      const table = regionTable(parents, names);
      const rank = rankNames(names);
      const total = levels.n[0] + levels.n[1] + levels.n[2];
      const run = (order: typeof regionOrder) => {
        const s = regionScratch(names.length, total);
        const roots = order(levels.n, levels.codes[0], levels.codes[1], levels.codes[2], levels.counts[0], levels.counts[1], levels.counts[2], table, rank, s);
        return { roots, s: Array.from(s) };
      };
      expect(run(native.regionOrder)).toEqual(run(regionOrder));
      const tree = (order: typeof regionOrder) => JSON.stringify(regionTree(levels, names, { ...parents, table }, rank, order));
      expect(tree(native.regionOrder)).toEqual(tree(regionOrder));
      // Every list by count, then name (what the tree sorted by before the order was worked out as integers).
      const sorted = (list: { value: string; count: number; children: unknown[] }[]): boolean =>
        list.every((n, i) => i === 0 || list[i - 1].count > n.count || (list[i - 1].count === n.count && list[i - 1].value <= n.value)) && list.every((n) => sorted(n.children as typeof list));
      expect(sorted(regionTree(levels, names, parents, undefined, native.regionOrder))).toBe(true);
    }
    const { names, parents, levels } = sample(7);
    const short = new Int32Array(2 * names.length);
    expect(() => native.regionOrder(levels.n, levels.codes[0], levels.codes[1], levels.codes[2], levels.counts[0], levels.counts[1], levels.counts[2], regionTable(parents, names), rankNames(names), short)).toThrow(/regionOrder/);
  });
});
