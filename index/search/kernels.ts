// Matching and ranking kernels: candidates from postings (list plan), title and body weights, the k
// best by score, ranks within a bitset, dense-term lookups. Same rules as bit-kernels.ts: small
// standalone functions over typed arrays, set bits taken lowest first.
import { bitIndex, heapPush, lowBit, popcount32, TWO32 } from "./bit-ops.ts";

/**
 * First group, one body posting list (candidates from postings): each id that passes `pass` (null:
 * all) and is not yet a candidate becomes one with weight w (lists are visited best slot first).
 */
export function collectBody(arr: ArrayLike<number>, w: number, pass: Int32Array | null, inSet: Int32Array, acc: Int32Array, cand: Int32Array, n: number): number {
  for (let i = 0; i < arr.length; i++) {
    const id = arr[i];
    const word = id >>> 5;
    const bit = 1 << (id & 31);
    if ((inSet[word] & bit) !== 0 || (pass !== null && (pass[word] & bit) === 0)) continue;
    inSet[word] |= bit;
    acc[id] = w;
    cand[n++] = id;
  }
  return n;
}

/** First group, one title posting list: the title weight once per id; an id only in titles joins too. */
export function collectTitle(
  arr: ArrayLike<number>, w: number, pass: Int32Array | null, inSet: Int32Array, inTitle: Int32Array, acc: Int32Array, cand: Int32Array, n: number,
): number {
  for (let i = 0; i < arr.length; i++) {
    const id = arr[i];
    const word = id >>> 5;
    const bit = 1 << (id & 31);
    if ((inTitle[word] & bit) !== 0 || (pass !== null && (pass[word] & bit) === 0)) continue;
    inTitle[word] |= bit;
    if ((inSet[word] & bit) === 0) {
      inSet[word] |= bit;
      acc[id] = 0;
      cand[n++] = id;
    }
    acc[id] += w;
  }
  return n;
}

/** Further group, one body posting list: candidates holding it are marked in `next`, best weight once. */
export function markBody(arr: ArrayLike<number>, w: number, inSet: Int32Array, next: Int32Array, acc: Int32Array): void {
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
export function markTitle(arr: ArrayLike<number>, w: number, inSet: Int32Array, inTitle: Int32Array, next: Int32Array, acc: Int32Array): void {
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

export function hasSorted(arr: ArrayLike<number>, id: number): boolean {
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
export function slotOf(slots: readonly (ArrayLike<number> | null | undefined)[], id: number): number {
  for (let s = 0; s < slots.length; s++) {
    const arr = slots[s];
    if (arr && arr.length && arr[0] <= id && arr[arr.length - 1] >= id && hasSorted(arr, id)) return s;
  }
  return -1;
}

/** The heap's entries as [id, score], best first. */
function drain(heap: Float64Array, size: number): [id: number, score: number][] {
  const sorted = heap.subarray(0, size).sort();
  const out: [number, number][] = [];
  for (let i = size - 1; i >= 0; i--) out[out.length] = [TWO32 - 1 - (sorted[i] % TWO32), Math.floor(sorted[i] / TWO32)];
  return out;
}

/** The k best of cand[0..n) by score, then smaller number first; best first. */
export function topByScore(cand: Int32Array, n: number, acc: Int32Array, k: number): [id: number, score: number][] {
  const heap = new Float64Array(Math.min(k, n));
  let size = 0;
  for (let c = 0; c < n; c++) {
    const id = cand[c];
    const kv = acc[id] * TWO32 + (TWO32 - 1 - id);
    if (size === heap.length && kv <= heap[0]) continue;
    size = heapPush(heap, size, kv);
  }
  return drain(heap, size);
}

/**
 * topByScore over the ids set in a bitset; scores indexed by id, or with `byPosition` by the id's
 * position among the set ones (see scoreRanked).
 */
export function topByScoreBits(bits: Int32Array, words: number, n: number, acc: Int32Array, k: number, byPosition = false): [id: number, score: number][] {
  const heap = new Float64Array(Math.min(k, n));
  let size = 0;
  let pos = 0;
  for (let w = 0; w < words; w++) {
    let x = bits[w];
    while (x !== 0) {
      const low = lowBit(x);
      x ^= low;
      const id = (w << 5) + bitIndex(low);
      const kv = acc[byPosition ? pos : id] * TWO32 + (TWO32 - 1 - id);
      pos++;
      if (size === heap.length && kv <= heap[0]) continue;
      size = heapPush(heap, size, kv);
    }
  }
  return drain(heap, size);
}

/**
 * Per word of a bitset: the set bits in the words before it (positions of ids among the set ones),
 * from word `from` on (out[from - 1] already right); returns all the set bits.
 */
export function prefixCounts(bits: Int32Array, words: number, out: Int32Array, from = 0): number {
  let n = from === 0 ? 0 : out[from - 1] + popcount32(bits[from - 1]);
  for (let w = from; w < words; w++) {
    out[w] = n;
    const x = bits[w];
    if (x !== 0) n += popcount32(x);
  }
  return n;
}

/** Rank of a set bit among the set ones (`pre` from prefixCounts). */
const rankOf = (bits: Int32Array, pre: Int32Array, id: number) => pre[id >>> 5] + popcount32(bits[id >>> 5] & ~(-1 << (id & 31)));

/** Slot `s` for each of `ids` (all set in `bits`) whose slot by rank is worse. */
export function fillBestSlots(ids: number[], s: number, bits: Int32Array, pre: Int32Array, slot: Uint8Array): void {
  for (let i = 0; i < ids.length; i++) {
    const r = rankOf(bits, pre, ids[i]);
    if (slot[r] > s) slot[r] = s;
  }
}

/**
 * For each candidate cand[c] that a dense term holds (bits, pre, slot by rank: see DensePostings),
 * best[c] lowered to its slot there.
 */
export function denseBest(cand: Int32Array, n: number, bits: Int32Array, pre: Int32Array, slot: Uint8Array, best: Int32Array): void {
  for (let c = 0; c < n; c++) {
    const id = cand[c];
    const w = id >>> 5;
    const x = bits[w];
    const b = id & 31;
    if ((x & (1 << b)) === 0) continue;
    const s = slot[pre[w] + popcount32(x & ~(-1 << b))];
    if (s < best[c]) best[c] = s;
  }
}

/** denseBest for the ids of bitset `rank`, best[] by position among them. */
export function denseBestRanked(rank: Int32Array, words: number, bits: Int32Array, pre: Int32Array, slot: Uint8Array, best: Int32Array): void {
  let pos = 0;
  for (let w = 0; w < words; w++) {
    let r = rank[w];
    if (r === 0) continue;
    const x = bits[w];
    const p = pre[w];
    while (r !== 0) {
      const low = lowBit(r);
      r ^= low;
      if ((x & low) !== 0) {
        const s = slot[p + popcount32(x & (low - 1))];
        if (s < best[pos]) best[pos] = s;
      }
      pos++;
    }
  }
}

/** acc[pos] raised by `w0` − best[pos] where best[pos] < `none` (positions among ranked ids). */
export function addBestRanked(best: Int32Array, count: number, none: number, w0: number, acc: Int32Array): void {
  for (let p = 0; p < count; p++) {
    const s = best[p];
    if (s < none) acc[p] += w0 - s;
  }
}

/**
 * Weights from best slots (best[c] < `none`): each held candidate marked in `next`, acc[id] raised by
 * `w0` − its slot.
 */
export function addBest(cand: Int32Array, n: number, best: Int32Array, none: number, w0: number, next: Int32Array, acc: Int32Array): void {
  for (let c = 0; c < n; c++) {
    const s = best[c];
    if (s >= none) continue;
    const id = cand[c];
    next[id >>> 5] |= 1 << (id & 31);
    acc[id] += w0 - s;
  }
}

/**
 * scoreList with the scores kept by position among the ranked ids (a small array read and written
 * in cache, where one indexed by measure number would cost a miss per id): pos = pre[word] + the
 * ranked bits below the id's. Returns how many ids it scored.
 */
export function scoreRanked(arr: ArrayLike<number>, w: number, ranked: Int32Array, pre: Int32Array, seen: Int32Array, acc: Int32Array): number {
  let n = 0;
  for (let i = 0; i < arr.length; i++) {
    const id = arr[i];
    const word = id >>> 5;
    const b = id & 31;
    const bit = 1 << b;
    const r = ranked[word];
    if ((r & bit) !== 0 && (seen[word] & bit) === 0) {
      seen[word] |= bit;
      acc[pre[word] + popcount32(r & ~(-1 << b))] += w;
      n++;
    }
  }
  return n;
}
