// Bitset kernels; kernels.ts has the matching and ranking loops, facet-kernels.ts the facet counts,
// bit-ops.ts the primitives they share.
//
// Hot loops of a search over typed arrays, as small standalone functions (V8 optimizes each on its
// own; one large function with many loops keeps losing its optimized code). Internal measure numbers
// index every array; sets of them are bitsets (a million measures: 128 KB, stays in cache). The
// measures of one document have consecutive numbers, so per-document work follows the bitset's words.
//
// Set bits are taken lowest first with x & -x, written Math.imul(x, -1) so that bit 31 never leaves
// 32-bit integer arithmetic (V8 would deoptimize on the overflow).
import { bitIndex, lowBit, popcount32 } from "./bit-ops.ts";

/** Set bits in words[0..words). */
export function popcount(bits: Int32Array, words: number): number {
  let n = 0;
  for (let w = 0; w < words; w++) {
    const x = bits[w];
    if (x !== 0) n += popcount32(x);
  }
  return n;
}

/** a &= b over words[0..words); returns the set bits left. */
export function andInto(a: Int32Array, b: Int32Array, words: number): number {
  let n = 0;
  for (let w = 0; w < words; w++) {
    const x = a[w] & b[w];
    a[w] = x;
    if (x !== 0) n += popcount32(x);
  }
  return n;
}

/** Set bits of a & b over words[0..words) (neither written). */
export function andCount(a: Int32Array, b: Int32Array, words: number): number {
  let n = 0;
  for (let w = 0; w < words; w++) {
    const x = a[w] & b[w];
    if (x !== 0) n += popcount32(x);
  }
  return n;
}

/** a |= b over words[0..words). */
export function orInto(a: Int32Array, b: Int32Array, words: number): void {
  for (let w = 0; w < words; w++) a[w] |= b[w];
}

/** words[0..words) set to zero. */
export function zeroWords(bits: Int32Array, words: number): void {
  bits.fill(0, 0, words);
}

/** Set bits [lo, hi). */
export function setRange(bits: Int32Array, lo: number, hi: number): void {
  if (hi <= lo) return;
  const wl = lo >>> 5;
  const wh = (hi - 1) >>> 5;
  const first = -1 << (lo & 31);
  const last = -1 >>> (31 - ((hi - 1) & 31));
  if (wl === wh) {
    bits[wl] |= first & last;
    return;
  }
  bits[wl] |= first;
  for (let w = wl + 1; w < wh; w++) bits[w] = -1;
  bits[wh] |= last;
}

/** Clear the bits of ids[0..n). */
export function clearIds(bits: Int32Array, ids: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    bits[id >>> 5] &= ~(1 << (id & 31));
  }
}

/** Set the bit of every id of a posting list. */
export function setAll(arr: ArrayLike<number>, bits: Int32Array): void {
  for (let i = 0; i < arr.length; i++) {
    const id = arr[i];
    bits[id >>> 5] |= 1 << (id & 31);
  }
}

/** Set the bit of every id of a unit's postings whose role bits meet `role` (0: any role). */
export function setWithRole(ids: ArrayLike<number>, roles: ArrayLike<number>, role: number, bits: Int32Array): void {
  for (let i = 0; i < ids.length; i++)
    if (role === 0 || (roles[i] & role) !== 0) {
      const id = ids[i];
      bits[id >>> 5] |= 1 << (id & 31);
    }
}

/** Per-document columns a place filter reads (see MeasureIndex). */
export interface FilterColumns {
  groups: Int32Array;
  /** Per facet group: province, city, county place codes and year. */
  codes: Int32Array;
}

/**
 * Set the measure ranges of the documents of a list of (slot, first measure, end, date) quadruples,
 * list[0..4n), dated within [from, to] (0: open) and whose province, city and county key codes
 * (keyOf a place code) are p0, p1, p2 (-1: any). Read front to back; a document's columns are read
 * only for a place (p0..p2 ≥ 0).
 */
export function filterRangeList(bits: Int32Array, list: Int32Array, n: number, from: number, to: number, p0: number, p1: number, p2: number, keyOf: Int32Array, f: FilterColumns): void {
  const { groups, codes } = f;
  const places = p0 >= 0 || p1 >= 0 || p2 >= 0;
  for (let k = 0; k < n; k += 4) {
    const date = list[k + 3];
    if ((from !== 0 && (date === 0 || date < from)) || (to !== 0 && (date === 0 || date > to))) continue;
    if (places) {
      const g = 4 * groups[list[k]];
      if (p0 >= 0 && (codes[g] < 0 || keyOf[codes[g]] !== p0)) continue;
      if (p1 >= 0 && (codes[g + 1] < 0 || keyOf[codes[g + 1]] !== p1)) continue;
      if (p2 >= 0 && (codes[g + 2] < 0 || keyOf[codes[g + 2]] !== p2)) continue;
    }
    setRange(bits, list[k + 1], list[k + 2]);
  }
}

/** Set the bit of every id of a posting list that `within` holds; returns how many were not set before. */
export function setWithin(arr: ArrayLike<number>, bits: Int32Array, within: Int32Array): number {
  let n = 0;
  for (let i = 0; i < arr.length; i++) {
    const id = arr[i];
    const w = id >>> 5;
    const b = 1 << (id & 31);
    if ((within[w] & b) !== 0 && (bits[w] & b) === 0) {
      bits[w] |= b;
      n++;
    }
  }
  return n;
}

/** Ids of a bitset in ascending order into out[at..); returns the new end. Stops at `max` ids. */
export function listBits(bits: Int32Array, words: number, out: Int32Array, at: number, max: number): number {
  let n = at;
  for (let w = 0; w < words && n < max; w++) {
    let x = bits[w];
    while (x !== 0 && n < max) {
      const low = lowBit(x);
      x ^= low;
      out[n++] = (w << 5) + bitIndex(low);
    }
  }
  return n;
}

/** The ids ranked `from`..`to` (0-based) in ascending order. */
export function slicedBits(bits: Int32Array, words: number, from: number, to: number): number[] {
  const out: number[] = [];
  let seen = 0;
  for (let w = 0; w < words && seen < to; w++) {
    let x = bits[w];
    if (x === 0) continue;
    const c = popcount32(x);
    if (seen + c <= from) {
      seen += c;
      continue;
    }
    while (x !== 0 && seen < to) {
      const low = lowBit(x);
      x ^= low;
      if (seen++ >= from) out[out.length] = (w << 5) + bitIndex(low);
    }
  }
  return out;
}

/**
 * Ids of `within` that are set in at least `j` of the bitsets `sets` (bit-sliced counting, up to 15
 * sets) into `out`; returns how many.
 */
const PLANES = new Int32Array(4);

export function atLeast(sets: Int32Array[], j: number, within: Int32Array, words: number, out: Int32Array): number {
  let n = 0;
  const g = sets.length;
  for (let w = 0; w < words; w++) {
    const m = within[w];
    if (m === 0) {
      out[w] = 0;
      continue;
    }
    // Four counter planes: c3 c2 c1 c0 per bit.
    let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
    for (let s = 0; s < g; s++) {
      const x = sets[s][w] & m;
      const k0 = c0 & x;
      c0 ^= x;
      const k1 = c1 & k0;
      c1 ^= k0;
      const k2 = c2 & k1;
      c2 ^= k1;
      c3 ^= k2;
    }
    // Bits whose count >= j: compare the planes with j from the top bit down.
    PLANES[0] = c0;
    PLANES[1] = c1;
    PLANES[2] = c2;
    PLANES[3] = c3;
    let gt = 0;
    let eq = m;
    for (let b = 3; b >= 0; b--) {
      const cb = PLANES[b];
      if ((j >> b) & 1) eq &= cb;
      else {
        gt |= eq & cb;
        eq &= ~cb;
      }
    }
    const ge = gt | eq;
    out[w] = ge;
    if (ge !== 0) n += popcount32(ge);
  }
  return n;
}
