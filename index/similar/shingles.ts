// Near-verbatim copies between documents: character shingles, Jaccard and containment.
const SHINGLE = 4;
const NON_TEXT = /[\s\p{P}\p{S}]/gu;

/** Character shingles of a text without white space, punctuation and figures: distinct 32-bit hashes, sorted. */
export function shingles(text: string): Uint32Array {
  const s = text.replace(NON_TEXT, "").replace(/[0-9０-９]+/g, "#");
  const out = new Uint32Array(Math.max(0, s.length - SHINGLE + 1));
  for (let i = 0; i + SHINGLE <= s.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + SHINGLE; j++) h = Math.imul(h ^ s.charCodeAt(j), 0x01000193);
    out[i] = h >>> 0;
  }
  out.sort();
  let n = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[n++] = out[i];
  return out.slice(0, n);
}

export interface Overlap {
  jaccard: number;
  /** Shared shingles over the smaller side's shingles. */
  containment: number;
  /** Shingles of the smaller side. */
  smaller: number;
}

/** Overlap of two shingle sets (as returned by `shingles`). */
export function overlapOf(a: Uint32Array, b: Uint32Array): Overlap {
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  const smaller = Math.min(a.length, b.length);
  const union = a.length + b.length - shared;
  return { jaccard: union ? shared / union : 0, containment: smaller ? shared / smaller : 0, smaller };
}

/** Near-verbatim: most of the text shared, or a substantial text wholly copied into a longer one. */
export function isNearDuplicate(o: Overlap): boolean {
  return o.smaller >= 8 && (o.jaccard >= 0.5 || (o.containment >= 0.6 && o.smaller >= 20));
}
