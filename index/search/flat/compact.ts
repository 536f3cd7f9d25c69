// A text index's postings made flat in memory: the form a restored index reads in place (text-postings.ts
// FlatTermMap), so that the process that built an index queries its lists through the native kernels as a
// replica loaded from the saved copy does, instead of looping over flexsearch's arrays in JavaScript.
// Done once a build ends (compactPostings), and again when a save has flattened the postings anyway
// (adoptSaved). Between the two, a document added makes the lists of its terms flexsearch's arrays again
// (FlatTermMap.get; flexsearch appends to them): those terms are read by the JavaScript kernels until the
// next save, the others stay flat. Postings only grow (a removed document is masked by the alive bitset),
// so the flat lists and the arrays made from them hold the same ids in the same order: same answers.
import type { Index } from "flexsearch";
import { FlatTermMap, attachPostings, flattenPostings, type FlatArrays, type Slots } from "./text-postings.ts";
import { StringColumn } from "./strings.ts";

const termMap = (index: Index) => (index as unknown as { map: Map<string, Slots> }).map;

/** Make the postings of `index` flat in memory (nothing done when they are flat and untouched already). */
export function compactPostings(index: Index, r: number): void {
  const map = termMap(index);
  if (map instanceof FlatTermMap && map.base()) return;
  adopt(index, flattenPostings(index, r), r);
}

/**
 * After a save: take the flat arrays it wrote (`saved`, flattenPostings of this index) as the postings,
 * when terms were made into arrays since the last flat form and it costs no memory to drop them: the
 * flat form was the index's own (a build's end, an earlier save), or the terms made into arrays hold
 * half as many postings as the flat lists (JavaScript arrays take twice the room of Int32Array views).
 * A restored index's flat lists are views of the snapshot file, whose buffer its other columns keep.
 */
export function adoptSaved(index: Index, saved: FlatArrays, r: number): void {
  const map = termMap(index);
  if (map instanceof FlatTermMap) {
    if (map.base()) return;
    const { flat, plain } = map.counts();
    if (!map.owned && 2 * plain < flat) return;
  }
  adopt(index, saved, r);
}

function adopt(index: Index, f: FlatArrays, r: number): void {
  attachPostings(index, { terms: new StringColumn(f.terms, f.termOff), off: f.off, ids: f.ids, r }, true);
  // flexsearch's register of the ids added, empty as a restored index's: an id is never added twice
  // (core.ts: numbers only grow), so it only held memory.
  (index as unknown as { reg?: { clear(): void } }).reg?.clear();
}
