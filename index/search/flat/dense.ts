// The long posting lists' bitsets (dense-postings.ts) as flat arrays, for the snapshot: terms as a
// UTF-8 blob with offsets; per term its count and the postings seen in each slot; its bitset words,
// the set bits before each word and the best slot per set bit, each kind concatenated with offsets.
// Restored as views into the snapshot's buffer (a term that grows later gets arrays of its own).
import type { DenseTerm } from "../dense-postings.ts";
import { StringColumn, encodeStrings } from "./strings.ts";

export interface DenseState {
  terms: [string, DenseTerm][];
  syncedAt: number;
  lookedAt: number;
}

export type DenseColumns = Record<"terms" | "termOff" | "meta" | "wordOff" | "bits" | "pre" | "slotOff" | "slot", Uint8Array | Uint32Array | Int32Array>;

/** Flat columns of a DensePostings' export() (`r` slots per term); syncedAt and lookedAt go in the manifest. */
export function flattenDense(state: DenseState, r: number): DenseColumns {
  const n = state.terms.length;
  const meta = new Int32Array(n * (r + 1));
  const wordOff = new Uint32Array(n + 1);
  const slotOff = new Uint32Array(n + 1);
  state.terms.forEach(([, t], i) => {
    wordOff[i + 1] = wordOff[i] + t.bits.length;
    slotOff[i + 1] = slotOff[i] + t.count;
    meta[i * (r + 1)] = t.count;
    for (let s = 0; s < r; s++) meta[i * (r + 1) + 1 + s] = t.seen[s] ?? 0;
  });
  const bits = new Int32Array(wordOff[n]);
  const pre = new Int32Array(wordOff[n]);
  const slot = new Uint8Array(slotOff[n]);
  state.terms.forEach(([, t], i) => {
    bits.set(t.bits, wordOff[i]);
    pre.set(t.pre.subarray(0, t.bits.length), wordOff[i]);
    slot.set(t.slot.subarray(0, t.count), slotOff[i]);
  });
  const { blob, off } = encodeStrings(state.terms.map(([term]) => term));
  return { terms: blob, termOff: off, meta, wordOff, bits, pre, slotOff, slot };
}

/** The state flattenDense() was given, over views of its columns. */
export function restoreDense(c: DenseColumns, r: number, syncedAt: number, lookedAt: number): DenseState {
  const names = new StringColumn(c.terms as Uint8Array, c.termOff as Uint32Array);
  const meta = c.meta as Int32Array;
  const [wordOff, slotOff] = [c.wordOff as Uint32Array, c.slotOff as Uint32Array];
  const terms: [string, DenseTerm][] = [];
  for (let i = 0; i < names.length; i++) {
    const seen: number[] = [];
    for (let s = 0; s < r; s++) {
      const v = meta[i * (r + 1) + 1 + s];
      if (v) seen[s] = v;
    }
    terms.push([
      names.get(i),
      {
        bits: (c.bits as Int32Array).subarray(wordOff[i], wordOff[i + 1]),
        pre: (c.pre as Int32Array).subarray(wordOff[i], wordOff[i + 1]),
        slot: (c.slot as Uint8Array).subarray(slotOff[i], slotOff[i + 1]),
        count: meta[i * (r + 1)],
        seen,
      },
    ]);
  }
  return { terms, syncedAt, lookedAt };
}
