// Small helpers of the vector engine (vectors.ts): sparse dot products, sums, the corpus centroid's cosines
// for the breadth of votes, and the region key of a document.
import type { DocRef } from "../schema.ts";
import type { Vector } from "./vectors.ts";

/**
 * Cosine of each measure with the corpus centroid: broad measures (a whole field in one measure) lie near it,
 * and a vote for them counts less (VectorIndex.voteFactor).
 */
export function centroidCosines(vectors: readonly Vector[], featureCount: number): Float64Array {
  const sum = new Float64Array(featureCount);
  for (const v of vectors) for (let k = 0; k < v.fids.length; k++) sum[v.fids[k]] += v.weights[k];
  let norm = 0;
  for (const x of sum) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return Float64Array.from(vectors, (v) => {
    let s = 0;
    let n = 0;
    for (let k = 0; k < v.fids.length; k++) {
      s += v.weights[k] * sum[v.fids[k]];
      n += v.weights[k] ** 2;
    }
    return s / norm / (Math.sqrt(n) || 1);
  });
}

export function dot(a: Vector, b: Vector): number {
  const m = new Map<number, number>();
  for (let k = 0; k < b.fids.length; k++) m.set(b.fids[k], b.weights[k]);
  let s = 0;
  for (let k = 0; k < a.fids.length; k++) s += a.weights[k] * (m.get(a.fids[k]) ?? 0);
  return s;
}

export function sumOf(xs: Float32Array): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

export function regionKey(d: DocRef): string {
  const r = d.region;
  return r.province || r.city || r.county ? `${r.province ?? ""}|${r.city ?? ""}|${r.county ?? ""}` : "";
}
