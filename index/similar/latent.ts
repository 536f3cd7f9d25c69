// Latent concepts of the corpus (LSA): a truncated SVD of the measure × feature matrix, by a randomised
// range finder with two power iterations (Halko, Martinsson & Tropp 2011). Measures on one policy in
// different words (资本供给 / 金融支持, 众创空间 / 孵化器) meet in the few dimensions that words used together
// across the corpus share, without a curated list. The directions are fitted on at most `sample` measures
// (evenly spread) over the `maxFeatures` most common features, so time and memory stay bounded at any
// corpus size; every measure is then projected on them: one unit-length row of `dims` numbers each.
import type { Vector } from "./vectors.ts";

/** Deterministic uniform numbers in [-0.5, 0.5) (the same embedding for the same corpus). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

/**
 * Row-normalised latent vectors (n × dims, row-major) of the given sparse vectors. Features are
 * renumbered to the `maxFeatures` most frequent ones; rows without any of them stay zero.
 */
export function latentRows(all: readonly Vector[], df: Int32Array, dims: number, maxFeatures: number, sample = 10_000): Float32Array {
  const out = new Float32Array(all.length * dims);
  const step = Math.max(1, Math.ceil(all.length / sample));
  const vectors = all.filter((_, i) => i % step === 0);
  const n = vectors.length;
  const k = Math.min(dims, n);
  if (k < 2) return out;
  // the most frequent features, renumbered 0…f-1
  const order = Array.from(df.keys()).filter((f) => df[f] > 1).sort((a, b) => df[b] - df[a] || a - b).slice(0, maxFeatures);
  const col = new Int32Array(df.length).fill(-1);
  order.forEach((f, j) => (col[f] = j));
  const f = order.length;
  if (f < k) return out;
  // X m (m: f × k, into y: n × k) or, transposed, Xᵀ m (m: n × k, into y: f × k): one walk over the sparse rows
  const product = (m: Float64Array, y: Float64Array, transposed: boolean) => {
    y.fill(0);
    for (let i = 0; i < n; i++) {
      const v = vectors[i];
      const row = i * k;
      for (let p = 0; p < v.fids.length; p++) {
        const c = col[v.fids[p]];
        if (c < 0) continue;
        const w = v.weights[p];
        const o = c * k;
        if (transposed) for (let j = 0; j < k; j++) y[o + j] += w * m[row + j];
        else for (let j = 0; j < k; j++) y[row + j] += w * m[o + j];
      }
    }
  };
  const timesDense = (m: Float64Array, y: Float64Array) => product(m, y, false);
  const transposeTimes = (q: Float64Array, b: Float64Array) => product(q, b, true);
  // Gram–Schmidt on the k columns of an n × k matrix
  const orthonormalise = (y: Float64Array) => {
    for (let j = 0; j < k; j++) {
      for (let jj = 0; jj < j; jj++) {
        let d = 0;
        for (let i = 0; i < n; i++) d += y[i * k + j] * y[i * k + jj];
        for (let i = 0; i < n; i++) y[i * k + j] -= d * y[i * k + jj];
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += y[i * k + j] ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let i = 0; i < n; i++) y[i * k + j] /= norm;
    }
  };
  const next = random(20240607);
  const omega = Float64Array.from({ length: f * k }, next);
  const q = new Float64Array(n * k);
  const b = new Float64Array(f * k);
  timesDense(omega, q);
  orthonormalise(q);
  for (let it = 0; it < 2; it++) {
    transposeTimes(q, b);
    timesDense(b, q);
    orthonormalise(q);
  }
  transposeTimes(q, b); // B = Qᵀ X, kept as its transpose (f × k)
  // C = B Bᵀ (k × k), its eigenvectors by Jacobi rotations
  const c = Array.from({ length: k }, () => new Float64Array(k));
  for (let t = 0; t < f; t++) {
    const o = t * k;
    for (let a = 0; a < k; a++) {
      const x = b[o + a];
      if (x !== 0) for (let z = 0; z < k; z++) c[a][z] += x * b[o + z];
    }
  }
  const e = Array.from({ length: k }, (_, i) => Float64Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) {
      for (let r = p + 1; r < k; r++) {
        const apr = c[p][r];
        off += apr * apr;
        if (Math.abs(apr) < 1e-14) continue;
        const theta = (c[r][r] - c[p][p]) / (2 * apr);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cs = 1 / Math.sqrt(t * t + 1);
        const sn = t * cs;
        for (let z = 0; z < k; z++) {
          const x = c[z][p];
          const y = c[z][r];
          c[z][p] = cs * x - sn * y;
          c[z][r] = sn * x + cs * y;
        }
        for (let z = 0; z < k; z++) {
          const x = c[p][z];
          const y = c[r][z];
          c[p][z] = cs * x - sn * y;
          c[r][z] = sn * x + cs * y;
        }
        for (let z = 0; z < k; z++) {
          const x = e[z][p];
          const y = e[z][r];
          e[z][p] = cs * x - sn * y;
          e[z][r] = sn * x + cs * y;
        }
      }
    }
    if (off < 1e-20) break;
  }
  // right singular directions V = Bᵀ E Σ⁻¹ (f × k); a measure's latent row is x V = its coordinates on
  // them, scaled by their weight (U Σ of X ≈ U Σ Vᵀ)
  const sigma = Array.from({ length: k }, (_, j) => Math.sqrt(Math.max(0, c[j][j])));
  const v = new Float64Array(f * k);
  for (let t = 0; t < f; t++) {
    for (let j = 0; j < k; j++) {
      if (sigma[j] <= 1e-12) continue;
      let s = 0;
      for (let a = 0; a < k; a++) s += b[t * k + a] * e[a][j];
      v[t * k + j] = s / sigma[j];
    }
  }
  const row = new Float64Array(k);
  all.forEach((x, i) => {
    row.fill(0);
    for (let p = 0; p < x.fids.length; p++) {
      const cc = col[x.fids[p]];
      if (cc < 0) continue;
      const w = x.weights[p];
      for (let j = 0; j < k; j++) row[j] += w * v[cc * k + j];
    }
    let norm = 0;
    for (let j = 0; j < k; j++) norm += row[j] * row[j];
    norm = Math.sqrt(norm);
    if (norm > 0) for (let j = 0; j < k; j++) out[i * dims + j] = row[j] / norm;
  });
  return out;
}
