// The measures of a set of documents as a bitset (the validity filter, facet and ranking of
// index/library/status-search.ts), kept per set and index until the index's documents change: the
// library hands the same sets to every search, so a search pays for them once, not per query.

/** What the bitset is made from: the index's document slots and their measure ranges. */
export interface DocRanges {
  docSlot: Map<string, number>;
  /** First and end measure number of each slot. */
  docLo: Int32Array;
  docHi: Int32Array;
  /** Slots ever given (grows when a document is added again). */
  slots: number;
  /** Words of a bitset over every measure number. */
  words: number;
}

interface Entry {
  slots: number;
  live: number;
  words: number;
  bits: Int32Array;
}

const cache = new WeakMap<object, WeakMap<ReadonlySet<string>, Entry>>();

/** Bitset (`words` words) of the measures of the documents in `ids` (unknown ids ignored). Read only: shared between searches. */
export function docSetBits(owner: object, ids: ReadonlySet<string>, r: DocRanges): Int32Array {
  let sets = cache.get(owner);
  if (!sets) cache.set(owner, (sets = new WeakMap()));
  const hit = sets.get(ids);
  if (hit && hit.slots === r.slots && hit.live === r.docSlot.size && hit.words === r.words) return hit.bits;
  const bits = new Int32Array(r.words);
  for (const id of ids) {
    const s = r.docSlot.get(id);
    if (s === undefined) continue;
    const hi = r.docHi[s];
    let m = r.docLo[s];
    // Bit by bit to a word boundary, then whole words.
    for (; m < hi && m & 31; m++) bits[m >>> 5] |= 1 << (m & 31);
    for (; m + 32 <= hi; m += 32) bits[m >>> 5] = -1;
    for (; m < hi; m++) bits[m >>> 5] |= 1 << (m & 31);
  }
  sets.set(ids, { slots: r.slots, live: r.docSlot.size, words: r.words, bits });
  return bits;
}
