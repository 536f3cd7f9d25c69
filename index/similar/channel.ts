// A side channel of the similarity index: one short text per measure (its title), compared on its own
// features with IDF among those texts, and an inverted index to add `weight × cosine` of every measure
// sharing a feature to the score buffer of a query. The title channel (words of the title) and the
// title n-gram channel (its characters) are two of them.
import type { Vector } from "./vectors.ts";

const EMPTY: Vector = { fids: new Int32Array(0), weights: new Float32Array(0) };

/** A vector over its largest weight (a vector of fewer than two features as it is). */
function overLargest(v: Vector): Vector {
  if (v.weights.length < 2) return v;
  const top = Math.max(...v.weights);
  return { fids: v.fids, weights: v.weights.map((w) => w / top) };
}

export class Channel {
  readonly vectors: Vector[];
  /** The query side: the vectors, or (queryNorm "max") each over its largest weight. */
  private readonly queries: Vector[];
  private readonly postDocs: Int32Array[];
  private readonly postWeights: Float32Array[];

  /**
   * `raws[i]`: raw feature weights of measure i (empty: nothing to compare). Features are weighed by
   * log((n + 1) / (df + 0.5)) among the non-empty texts; those in more than maxDfRatio of them, or in
   * one text only, carry nothing (the norm still counts the latter, so a long title is not favoured).
   * norm "l2": each text to unit length (cosine); "global": every weight over the largest weight of any text,
   * so that two texts meet by the rarity of what they share, not by how little else they say.
   * queryNorm "max": as a query, a text's vector over its largest weight instead, so that a text naming two
   * features meets the texts of each in full, not at 1/√2 (a title naming two areas, NOTES.md thirteenth round).
   */
  constructor(raws: readonly Map<string, number>[], maxDfRatio = 1, norm: "l2" | "global" = "l2", queryNorm: "same" | "max" = "same") {
    const fidOf = new Map<string, number>();
    const df: number[] = [];
    const rows = raws.map((raw) => internFeatures(raw, fidOf, df));
    const n = rows.filter((r) => r.fids.length > 0).length;
    const maxDf = Math.max(2, Math.floor(n * maxDfRatio));
    const idf = Float32Array.from(df, (d) => (d > maxDf ? 0 : Math.log((n + 1) / (d + 0.5))));
    // "global": every weight over the largest IDF × the largest raw weight of any text, so that a shared rare word counts most
    let globalMax = 0;
    for (const { fids, ws } of rows) for (let k = 0; k < ws.length; k++) globalMax = Math.max(globalMax, ws[k] * idf[fids[k]]);
    this.vectors = rows.map(({ fids, ws }) => {
      if (fids.length === 0) return EMPTY;
      let sq = 0;
      for (let k = 0; k < ws.length; k++) {
        ws[k] *= idf[fids[k]];
        sq += ws[k] * ws[k];
      }
      const div = (norm === "global" ? globalMax : Math.sqrt(sq)) || 1;
      // features of one text only or too common take no place in the postings
      const keep: number[] = [];
      for (let k = 0; k < fids.length; k++) if (ws[k] > 0 && df[fids[k]] > 1) keep.push(k);
      return { fids: Int32Array.from(keep, (k) => fids[k]), weights: Float32Array.from(keep, (k) => ws[k] / div) };
    });
    ({ docs: this.postDocs, weights: this.postWeights } = invertVectors(this.vectors, df.length));
    this.queries = queryNorm === "same" ? this.vectors : this.vectors.map(overLargest);
  }

  /**
   * Adds weight × cosine with measure `q` to `scores` for every measure sharing a feature; positions
   * first touched go to `touched` from `n` on; returns the new used length.
   */
  accumulate(q: number, weight: number, scores: Float64Array, touched: Int32Array, n: number): number {
    const qv = this.queries[q];
    if (weight <= 0 || !qv) return n;
    return addPostings(qv, qv.fids.length, weight, this.postDocs, this.postWeights, scores, touched, n);
  }
}

/**
 * Raw feature weights as parallel arrays of feature ids and weights, in the map's order. A name seen for
 * the first time gets the next id (`df.length`; pushed onto `names` too when given); each id's count of
 * texts is raised in `df`.
 */
export function internFeatures(raw: ReadonlyMap<string, number>, fidOf: Map<string, number>, df: number[], names?: string[]): { fids: Int32Array; ws: Float32Array } {
  const fids = new Int32Array(raw.size);
  const ws = new Float32Array(raw.size);
  let k = 0;
  for (const [name, w] of raw) {
    let f = fidOf.get(name);
    if (f === undefined) {
      f = df.length;
      fidOf.set(name, f);
      names?.push(name);
      df.push(0);
    }
    df[f]++;
    fids[k] = f;
    ws[k++] = w;
  }
  return { fids, ws };
}

/** The inverted index of `vectors` over `featureCount` features: for each feature, the measures holding it and their weights. */
export function invertVectors(vectors: readonly Vector[], featureCount: number): { docs: Int32Array[]; weights: Float32Array[] } {
  const count = new Int32Array(featureCount);
  for (const v of vectors) for (const f of v.fids) count[f]++;
  const docs = Array.from(count, (c) => new Int32Array(c));
  const weights = Array.from(count, (c) => new Float32Array(c));
  const fill = new Int32Array(featureCount);
  vectors.forEach((v, i) => {
    for (let k = 0; k < v.fids.length; k++) {
      const f = v.fids[k];
      docs[f][fill[f]] = i;
      weights[f][fill[f]] = v.weights[k];
      fill[f]++;
    }
  });
  return { docs, weights };
}

/**
 * Add `weight × q · v` for every measure v sharing one of the first `limit` features of `q` to `scores`;
 * a measure scored for the first time is listed in `touched` from position `n`. Returns the new count.
 */
export function addPostings(q: Vector, limit: number, weight: number, docs: readonly Int32Array[], weights: readonly Float32Array[], scores: Float64Array, touched: Int32Array, n: number): number {
  const end = Math.min(q.fids.length, limit);
  for (let k = 0; k < end; k++) {
    const f = q.fids[k];
    const qw = q.weights[k] * weight;
    const ds = docs[f];
    const ws = weights[f];
    for (let p = 0; p < ds.length; p++) {
      const d = ds[p];
      if (scores[d] === 0) touched[n++] = d;
      scores[d] += qw * ws[p];
    }
  }
  return n;
}
