// Long posting lists also kept as bitsets. A term held by many measures (at least a 32nd of them:
// then a bitset takes no more room than the list) is matched by ORing its bitset, a pass over the
// words, instead of setting a bit per posting at random. With the bitset go the set bits before
// each word (`pre`) and each held measure's best slot by its rank among them (`slot`): whether a
// measure holds the term, and in which slot, is then looked up in constant time (list plan: a few
// candidates against a long term). Posting lists only grow and new measures get higher numbers
// (removed ones are cleared through the alive bitset), so a term is kept in step by adding the new
// tail of each of its slot lists, whose measures rank after all it held before.
import type { Index } from "flexsearch";
import { setAll } from "./bit-kernels.ts";
import { fillBestSlots, prefixCounts } from "./kernels.ts";
import { peekSlots, postingCount } from "./flat/text-postings.ts";

type Slots = (number[] | null | undefined)[];

export interface DenseTerm {
  bits: Int32Array;
  /** Per word: the set bits in the words before it. */
  pre: Int32Array;
  /** Per set bit, in number order: the measure's best slot. */
  slot: Uint8Array;
  /** Set bits. */
  count: number;
  /** How many postings of each slot the term holds. */
  seen: number[];
}

export class DensePostings {
  private terms = new Map<string, DenseTerm>();
  /** Measures counted at the last sync and at the last look for new long lists. */
  private syncedAt = -1;
  private lookedAt = -1;

  /** `from`: the fewest postings a term needs (besides a 32nd of the measures). */
  constructor(private readonly from: number) {}

  /** The bitset of a term, when it has one (its words past the measures zero). */
  get(term: string): Int32Array | undefined {
    return this.terms.get(term)?.bits;
  }

  /** The whole record of a term, when it has one. */
  term(term: string): DenseTerm | undefined {
    return this.terms.get(term);
  }

  /**
   * Bring the bitsets in step with `index`, which holds `measures` measures (numbers below it):
   * new postings added; every time the index has grown by a sixteenth, terms whose lists have grown
   * long are given a bitset.
   */
  sync(index: Index, measures: number): void {
    if (measures === this.syncedAt) return;
    this.syncedAt = measures;
    const words = (measures >>> 5) + 1;
    const map = (index as unknown as { map?: unknown }).map;
    if (!(map instanceof Map)) return; // not the flexsearch layout this relies on: postings are read as lists
    for (const [term, t] of this.terms) addTail(t, peekSlots(map as Map<string, Slots>, term) as Slots | undefined, words);
    if (this.lookedAt >= 0 && measures - this.lookedAt < this.lookedAt / 16) return;
    this.lookedAt = measures;
    const least = Math.max(this.from, measures / 32);
    for (const term of (map as Map<string, Slots>).keys()) {
      if (this.terms.has(term)) continue;
      // Counted without making the lists of a snapshot's flat postings into arrays.
      if (postingCount(map as Map<string, Slots>, term) < least) continue;
      const t: DenseTerm = { bits: new Int32Array(0), pre: new Int32Array(0), slot: new Uint8Array(0), count: 0, seen: [] };
      // Read in place: a flat term's lists are not made into arrays (they stay views for the native kernels).
      addTail(t, peekSlots(map as Map<string, Slots>, term) as Slots, words);
      this.terms.set(term, t);
    }
  }

  get size(): number {
    return this.terms.size;
  }

  /** The terms with their records and the sync marks, for a snapshot. */
  export(): { terms: [string, DenseTerm][]; syncedAt: number; lookedAt: number } {
    return { terms: [...this.terms], syncedAt: this.syncedAt, lookedAt: this.lookedAt };
  }

  /** Take over the records of a snapshot (made with export() at the same measures). */
  restore(state: { terms: [string, DenseTerm][]; syncedAt: number; lookedAt: number }): void {
    this.terms = new Map(state.terms);
    this.syncedAt = state.syncedAt;
    this.lookedAt = state.lookedAt;
  }
}

/** Add the postings of `slots` past those the term has seen (all numbered above the ones it holds). */
function addTail(t: DenseTerm, slots: Slots | undefined, words: number): void {
  if (t.bits.length < words) {
    const cap = words + (words >>> 3);
    const bits = new Int32Array(cap);
    bits.set(t.bits);
    t.bits = bits;
    const pre = new Int32Array(cap);
    pre.set(t.pre);
    t.pre = pre;
  }
  if (!slots) return;
  const tails: [slot: number, ids: number[]][] = [];
  slots.forEach((arr, s) => {
    const seen = t.seen[s] ?? 0;
    if (!arr || arr.length <= seen) return;
    tails.push([s, seen === 0 ? arr : arr.slice(seen)]);
    t.seen[s] = arr.length;
  });
  if (!tails.length) return;
  const before = t.count;
  let low = Infinity;
  for (const [, ids] of tails) {
    setAll(ids, t.bits);
    if (ids[0] < low) low = ids[0];
  }
  // Set bits before each word, from the first word that changed.
  t.count = prefixCounts(t.bits, t.bits.length, t.pre, low >>> 5);
  const n = t.count;
  if (t.slot.length < n) {
    const slot = new Uint8Array(n + (n >>> 3));
    slot.set(t.slot.subarray(0, before));
    t.slot = slot;
  }
  // A measure in several slot lists keeps the best.
  t.slot.fill(255, before, n);
  for (const [s, ids] of tails) fillBestSlots(ids, s, t.bits, t.pre, t.slot);
}
