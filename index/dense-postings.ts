// Long posting lists also kept as bitsets. A term held by many measures (at least a 32nd of them:
// then a bitset takes no more room than the list) is matched by ORing its bitset, a pass over the
// words, instead of setting a bit per posting at random. Posting lists only grow (new measures get
// new numbers; removed ones are cleared through the alive bitset), so a bitset is kept in step by
// adding the new tail of each of its slot lists.
import type { Index } from "flexsearch";
import { setAll } from "./kernels.ts";

type Slots = (number[] | null | undefined)[];

interface DenseTerm {
  bits: Int32Array;
  /** How many postings of each slot the bitset holds. */
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
    for (const [term, t] of this.terms) this.addTail(t, map.get(term) as Slots | undefined, words);
    if (this.lookedAt >= 0 && measures - this.lookedAt < this.lookedAt / 16) return;
    this.lookedAt = measures;
    const least = Math.max(this.from, measures / 32);
    for (const [term, slots] of map as Map<string, Slots>) {
      if (this.terms.has(term)) continue;
      let n = 0;
      for (const arr of slots) if (arr) n += arr.length;
      if (n < least) continue;
      const t: DenseTerm = { bits: new Int32Array(0), seen: [] };
      this.addTail(t, slots, words);
      this.terms.set(term, t);
    }
  }

  private addTail(t: DenseTerm, slots: Slots | undefined, words: number): void {
    if (t.bits.length < words) {
      const bits = new Int32Array(words + (words >>> 3));
      bits.set(t.bits);
      t.bits = bits;
    }
    if (!slots) return;
    slots.forEach((arr, s) => {
      const seen = t.seen[s] ?? 0;
      if (!arr || arr.length <= seen) return;
      setAll(seen === 0 ? arr : arr.slice(seen), t.bits);
      t.seen[s] = arr.length;
    });
  }

  get size(): number {
    return this.terms.size;
  }
}
