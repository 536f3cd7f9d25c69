// Hot loops of a search over typed arrays, as small standalone functions (V8 optimizes each on its
// own; one large function with many loops keeps losing its optimized code). Internal measure numbers
// index every array; sets of them are bitsets (a million measures: 128 KB, stays in cache).

/** What a measure must pass: the query's filters over per-measure and per-document arrays. */
export interface Check {
  /** Nothing to check (no filter, no dead measure). */
  all: boolean;
  alive: Uint8Array;
  docPass: Uint8Array;
  /** Per measure: document slot at 2i, lead unit at 2i + 1. */
  meta: Int32Array;
  umark: Int32Array;
  unitGen: number;
  roleMask: Uint8Array;
  role: number;
}

export function passes(c: Check, id: number): boolean {
  return (
    c.all ||
    (c.alive[id] === 1 &&
      c.docPass[c.meta[2 * id]] === 1 &&
      (c.unitGen === 0 || c.umark[id] === c.unitGen) &&
      (c.role === 0 || (c.roleMask[id] & c.role) !== 0))
  );
}

/**
 * First group, one body posting list: each id not yet a candidate nor rejected becomes a candidate
 * with weight w when it passes (lists are visited best slot first, so the first weight is the best).
 */
export function collectBody(arr: number[], w: number, c: Check, inSet: Int32Array, reject: Int32Array, acc: Int32Array, cand: Int32Array, n: number): number {
  for (let i = 0; i < arr.length; i++) {
    const id = arr[i];
    const word = id >>> 5;
    const bit = 1 << (id & 31);
    if (((inSet[word] | reject[word]) & bit) !== 0) continue;
    if (passes(c, id)) {
      inSet[word] |= bit;
      acc[id] = w;
      cand[n++] = id;
    } else reject[word] |= bit;
  }
  return n;
}

/** First group, one title posting list: the title weight once per id; an id only in titles joins too. */
export function collectTitle(
  arr: number[], w: number, c: Check, inSet: Int32Array, reject: Int32Array, inTitle: Int32Array, acc: Int32Array, cand: Int32Array, n: number,
): number {
  for (let i = 0; i < arr.length; i++) {
    const id = arr[i];
    const word = id >>> 5;
    const bit = 1 << (id & 31);
    if (((inTitle[word] | reject[word]) & bit) !== 0) continue;
    inTitle[word] |= bit;
    if ((inSet[word] & bit) === 0) {
      if (!passes(c, id)) {
        reject[word] |= bit;
        continue;
      }
      inSet[word] |= bit;
      acc[id] = 0;
      cand[n++] = id;
    }
    acc[id] += w;
  }
  return n;
}

/** Further group, one body posting list: candidates holding it are marked in `next`, best weight once. */
export function markBody(arr: number[], w: number, inSet: Int32Array, next: Int32Array, acc: Int32Array): void {
  for (let i = 0; i < arr.length; i++) {
    const id = arr[i];
    const word = id >>> 5;
    const bit = 1 << (id & 31);
    if ((inSet[word] & bit) !== 0 && (next[word] & bit) === 0) {
      next[word] |= bit;
      acc[id] += w;
    }
  }
}

/** Further group, one title posting list. */
export function markTitle(arr: number[], w: number, inSet: Int32Array, inTitle: Int32Array, next: Int32Array, acc: Int32Array): void {
  for (let i = 0; i < arr.length; i++) {
    const id = arr[i];
    const word = id >>> 5;
    const bit = 1 << (id & 31);
    if ((inSet[word] & bit) !== 0 && (inTitle[word] & bit) === 0) {
      inTitle[word] |= bit;
      next[word] |= bit;
      acc[id] += w;
    }
  }
}

/** Keep the candidates marked in `next`, in place; returns how many. */
export function keepMarked(cand: Int32Array, n: number, next: Int32Array): number {
  let m = 0;
  for (let c = 0; c < n; c++) {
    const id = cand[c];
    if ((next[id >>> 5] & (1 << (id & 31))) !== 0) cand[m++] = id;
  }
  return m;
}

export function hasSorted(arr: number[], id: number): boolean {
  let lo = 0;
  let hi = arr.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = arr[mid];
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The best slot (0 best) of an id in a term's postings (one ascending list per slot), -1 when absent. */
export function slotOf(slots: (number[] | null | undefined)[], id: number): number {
  for (let s = 0; s < slots.length; s++) {
    const arr = slots[s];
    if (arr && arr.length && arr[0] <= id && arr[arr.length - 1] >= id && hasSorted(arr, id)) return s;
  }
  return -1;
}

/** Bounded min-heap of the largest keys (heap.length is the bound); returns the new size. */
export function heapPush(heap: Float64Array, size: number, kv: number): number {
  if (size < heap.length) {
    let i = size++;
    heap[i] = kv;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p] <= heap[i]) break;
      const t = heap[i];
      heap[i] = heap[p];
      heap[p] = t;
      i = p;
    }
    return size;
  }
  if (size === 0 || kv <= heap[0]) return size;
  heap[0] = kv;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < size && heap[l] < heap[m]) m = l;
    if (r < size && heap[r] < heap[m]) m = r;
    if (m === i) return size;
    const t = heap[i];
    heap[i] = heap[m];
    heap[m] = t;
    i = m;
  }
}

const TWO32 = 4294967296;

/** The k best of cand[0..n) by score, then smaller number first; best first. */
export function topByScore(cand: Int32Array, n: number, acc: Int32Array, k: number): number[] {
  const heap = new Float64Array(Math.min(k, n));
  let size = 0;
  for (let c = 0; c < n; c++) {
    const id = cand[c];
    const kv = acc[id] * TWO32 + (TWO32 - 1 - id);
    if (size === heap.length && kv <= heap[0]) continue;
    size = heapPush(heap, size, kv);
  }
  const sorted = heap.subarray(0, size).sort();
  const out: number[] = [];
  for (let i = size - 1; i >= 0; i--) out[out.length] = TWO32 - 1 - (sorted[i] % TWO32);
  return out;
}

/** The `limit` codes of codes[0..n) with the highest counts, ties to the lower rank; best first. */
export function topCodes(codes: Int32Array, n: number, count: Int32Array, rank: Int32Array, byRank: Int32Array, limit: number): number[] {
  const heap = new Float64Array(Math.min(limit, n));
  let size = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    const kv = count[c] * TWO32 + (TWO32 - 1 - rank[c]);
    if (size === heap.length && kv <= heap[0]) continue;
    size = heapPush(heap, size, kv);
  }
  const sorted = heap.subarray(0, size).sort();
  const out: number[] = [];
  for (let i = size - 1; i >= 0; i--) out[out.length] = byRank[TWO32 - 1 - (sorted[i] % TWO32)];
  return out;
}

/**
 * Per document and per lead unit counts of cand[0..n): touched documents into docs, touched units
 * into units; returns the number of documents, and the number of units in out[0]. Measures with
 * several lead units (meta lead -2) take their units from uOff/uVal.
 */
export function countDocsAndLeads(
  cand: Int32Array, n: number, meta: Int32Array, uOff: Uint32Array, uVal: Uint32Array,
  docCount: Int32Array, docs: Int32Array, unitCount: Int32Array, units: Int32Array, out: Int32Array,
): number {
  let nd = 0;
  let nu = 0;
  for (let i = 0; i < n; i++) {
    const id = cand[i];
    const d = meta[2 * id];
    if (docCount[d]++ === 0) docs[nd++] = d;
    const l = meta[2 * id + 1];
    if (l >= 0) {
      if (unitCount[l]++ === 0) units[nu++] = l;
    } else if (l === -2) nu = countLeads(id, uOff, uVal, unitCount, units, nu);
  }
  out[0] = nu;
  return nd;
}

function countLeads(id: number, uOff: Uint32Array, uVal: Uint32Array, unitCount: Int32Array, units: Int32Array, nu: number): number {
  const end = uOff[id + 1];
  for (let j = uOff[id]; j < end; j++) {
    const v = uVal[j];
    if ((v & 1) !== 0) {
      const c = v >>> 3;
      if (unitCount[c]++ === 0) units[nu++] = c;
    }
  }
  return nu;
}

/** countDocsAndLeads over the ids set in a bitset, in ascending order (memory read front to back). */
export function countDocsAndLeadsBits(
  bits: Int32Array, words: number, meta: Int32Array, uOff: Uint32Array, uVal: Uint32Array,
  docCount: Int32Array, docs: Int32Array, unitCount: Int32Array, units: Int32Array, out: Int32Array,
): number {
  let nd = 0;
  let nu = 0;
  for (let w = 0; w < words; w++) {
    let x = bits[w];
    while (x !== 0) {
      const low = x & -x;
      x ^= low;
      const id = (w << 5) + (31 - Math.clz32(low));
      const d = meta[2 * id];
      if (docCount[d]++ === 0) docs[nd++] = d;
      const l = meta[2 * id + 1];
      if (l >= 0) {
        if (unitCount[l]++ === 0) units[nu++] = l;
      } else if (l === -2) nu = countLeads(id, uOff, uVal, unitCount, units, nu);
    }
  }
  out[0] = nu;
  return nd;
}

/** topByScore over the ids set in a bitset. */
export function topByScoreBits(bits: Int32Array, words: number, n: number, acc: Int32Array, k: number): number[] {
  const heap = new Float64Array(Math.min(k, n));
  let size = 0;
  for (let w = 0; w < words; w++) {
    let x = bits[w];
    while (x !== 0) {
      const low = x & -x;
      x ^= low;
      const id = (w << 5) + (31 - Math.clz32(low));
      const kv = acc[id] * TWO32 + (TWO32 - 1 - id);
      if (size === heap.length && kv <= heap[0]) continue;
      size = heapPush(heap, size, kv);
    }
  }
  const sorted = heap.subarray(0, size).sort();
  const out: number[] = [];
  for (let i = size - 1; i >= 0; i--) out[out.length] = TWO32 - 1 - (sorted[i] % TWO32);
  return out;
}

/** Sum document counts by a per-document code (-1: none) into count, touched codes into touched; returns how many. */
export function sumByCode(docs: Int32Array, nd: number, docCount: Int32Array, codeOf: Int32Array, count: Int32Array, touched: Int32Array): number {
  let m = 0;
  for (let k = 0; k < nd; k++) {
    const d = docs[k];
    const c = codeOf[d];
    if (c < 0) continue;
    if (count[c] === 0) touched[m++] = c;
    count[c] += docCount[d];
  }
  return m;
}

/** Zero count at the touched codes. */
export function clearAt(count: Int32Array, touched: Int32Array, n: number): void {
  for (let k = 0; k < n; k++) count[touched[k]] = 0;
}
