// The shape of a query's region tree as integers (regions.ts makes the nodes from it): each counted place's
// parent entry, its children sorted by count then name rank, the roots. The native regionOrder
// (../native/kernels-regions.cc) is its twin: same arguments, same results.
//
// Entries: the places counted at each level, provinces then cities then counties, in the order counted.
// `table`: per place code four numbers: its province as a city's, its province and city as a county's (-1
// none), and 1 when it is a city named like its province (上海市 in 上海市: not a level of its own, its
// counties hang from the province). `rank`: each place code's rank in the names sorted.
// `scratch` (regionScratch): per place code and level (province, city) an entry (-1 none; left so), then per
// entry its parent (-1 a root, -2 a municipality's city), children, first child in `list`, `list` (children
// grouped by parent, then the roots), count. Returns the number of roots.

/** Scratch of regionOrder for `places` place codes and up to `entries` entries (its first 2·places all -1). */
export function regionScratch(places: number, entries: number): Int32Array {
  const s = new Int32Array(2 * places + 5 * entries);
  s.fill(-1, 0, 2 * places);
  return s;
}

/** Where each part of the scratch starts. */
export function scratchParts(places: number, total: number) {
  const parent = 2 * places;
  return { parent, kid: parent + total, first: parent + 2 * total, list: parent + 3 * total, count: parent + 4 * total };
}

export function regionOrder(
  n: Int32Array, c0: Int32Array, c1: Int32Array, c2: Int32Array, k0: Int32Array, k1: Int32Array, k2: Int32Array,
  table: Int32Array, rank: Int32Array, scratch: Int32Array,
): number {
  const places = table.length >> 2;
  const n0 = n[0];
  const n1 = n[1];
  const n2 = n[2];
  const total = n0 + n1 + n2;
  const s = scratch;
  const { parent, kid, first, list, count } = scratchParts(places, total);
  s.fill(0, kid, kid + total);
  let roots = n0;
  for (let i = 0; i < n0; i++) {
    s[c0[i]] = i;
    s[parent + i] = -1;
  }
  for (let i = 0; i < n1; i++) {
    const code = c1[i];
    const e = n0 + i;
    const p = table[4 * code];
    const pe = p >= 0 ? s[p] : -1;
    if (pe >= 0 && table[4 * code + 3] !== 0) {
      s[places + code] = pe;
      s[parent + e] = -2;
      continue;
    }
    s[places + code] = e;
    s[parent + e] = pe;
    if (pe >= 0) s[kid + pe]++;
    else roots++;
  }
  for (let i = 0; i < n2; i++) {
    const code = c2[i];
    const p = table[4 * code + 1];
    const c = table[4 * code + 2];
    let pe = c >= 0 ? s[places + c] : -1;
    if (pe < 0 && p >= 0) pe = s[p];
    s[parent + n0 + n1 + i] = pe;
    if (pe >= 0) s[kid + pe]++;
    else roots++;
  }
  for (let i = 0; i < n0; i++) s[c0[i]] = -1;
  for (let i = 0; i < n1; i++) s[places + c1[i]] = -1;
  const codeOf = (e: number) => (e < n0 ? c0[e] : e < n0 + n1 ? c1[e - n0] : c2[e - n0 - n1]);
  let at = 0;
  for (let e = 0; e < total; e++) {
    const code = codeOf(e);
    s[count + e] = e < n0 ? k0[code] : e < n0 + n1 ? k1[code] : k2[code];
    s[first + e] = at;
    at += s[kid + e];
    s[kid + e] = 0;
  }
  const rootsAt = list + at;
  let r = 0;
  for (let e = 0; e < total; e++) {
    const pe = s[parent + e];
    if (pe === -2) continue;
    if (pe < 0) s[rootsAt + r++] = e;
    else s[list + s[first + pe] + s[kid + pe]++] = e;
  }
  const before = (a: number, b: number) => s[count + b] - s[count + a] || rank[codeOf(a)] - rank[codeOf(b)] || a - b;
  sortRange(s, rootsAt, rootsAt + roots, before);
  for (let e = 0; e < n0 + n1; e++) {
    const k = s[kid + e];
    if (k > 1) sortRange(s, list + s[first + e], list + s[first + e] + k, before);
  }
  return roots;
}

/** Sort s[from, to) by `before` (a total order): insertion for the short lists most are. */
function sortRange(s: Int32Array, from: number, to: number, before: (a: number, b: number) => number): void {
  if (to - from > 16) {
    s.subarray(from, to).sort(before);
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const x = s[i];
    let j = i - 1;
    for (; j >= from && before(s[j], x) > 0; j--) s[j + 1] = s[j];
    s[j + 1] = x;
  }
}

/** The table of regionOrder from a place's parents and names. */
export function regionTable(parents: { cityProvince: Int32Array; countyProvince: Int32Array; countyCity: Int32Array }, name: readonly string[]): Int32Array {
  const places = parents.cityProvince.length;
  const t = new Int32Array(4 * places);
  for (let c = 0; c < places; c++) {
    const p = parents.cityProvince[c];
    t[4 * c] = p;
    t[4 * c + 1] = parents.countyProvince[c];
    t[4 * c + 2] = parents.countyCity[c];
    t[4 * c + 3] = p >= 0 && name[p] === name[c] ? 1 : 0;
  }
  return t;
}
