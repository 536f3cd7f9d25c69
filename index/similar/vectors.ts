// The vector engine of the similarity index: IDF-weighted sparse vectors of every measure (query side with
// whole weights, index side with document themes discounted and pivoted length normalisation), an
// inverted index walked with a bounded heap, and cached shingles for the copy check.
import type { SimilarityEntry, TuningOptions } from "./types.ts";
import { keyPhraseFeatures } from "./keyphrase.ts";
import { conceptFeatures, hasOwnBody, termCounts, rawFeatures, rawTextFeatures, rawTitleFeatures, substantiveText, titleGrams } from "./words.ts";
import { Channel, addPostings, internFeatures, invertVectors } from "./channel.ts";
import { shingles } from "./shingles.ts";
import { latentRows } from "./latent.ts";
import { centroidCosines, dot } from "./vector-math.ts";

export { dot, regionKey, sumOf } from "./vector-math.ts";

/** Raw (un-IDF-weighted) feature weights of one measure. */
export interface Raw {
  fids: Int32Array;
  ws: Float32Array;
}

export interface Vector {
  fids: Int32Array;
  weights: Float32Array; // L2-normalised
}

export class VectorIndex {
  protected readonly entries: SimilarityEntry[];
  protected readonly byId = new Map<string, number>();
  protected readonly fidOf = new Map<string, number>();
  protected readonly featureNames: string[] = [];
  protected df: Int32Array = new Int32Array(0);
  protected idf: Float32Array = new Float32Array(0);
  /** Vectors as indexed (document themes discounted). */
  protected vectors: Vector[] = [];
  /** Vectors as queries (whole weight: a measure asks for what it says, theme included). */
  protected queryVectors: Vector[] = [];
  protected postDocs: Int32Array[] = [];
  protected postWeights: Float32Array[] = [];
  /**
   * The title channel: the title's words, bigrams and terms alone, weighed by how common a feature is
   * among titles (the verbs and frames of headings, 加大…力度, 强化…支撑, are common there even where they
   * are rare in the text); null when titleSimWeight is 0.
   */
  protected titles: Channel | null = null;
  /** Latent rows (LSA, `latentDims` numbers per measure, unit length; empty when latentWeight is 0). */
  protected latent: Float32Array = new Float32Array(0);
  /** The titles' character n-grams (null when titleGramWeight is 0). */
  protected titleGrams: Channel | null = null;
  /** The policy-area concepts each title names (index/data/concept-groups.txt; used where conceptChannelWeight > 0). */
  protected concepts: Channel | null = null;
  /** The titles' key phrases (keyphrase.ts; null when no focus uses keyPhraseWeight). */
  protected keyPhrases: Channel | null = null;
  /** Measures whose title names an area of concept-groups.txt and whose body says more (titledBodyWeight applies to their queries). */
  protected titledBody: Uint8Array = new Uint8Array(0);
  /** Measures whose title names a listed area or curated term (concept-groups.txt, topic-terms.txt): the key-phrase channel leaves their queries alone. */
  protected listedTitle: Uint8Array = new Uint8Array(0);
  /** Cosine of each measure with the corpus centroid (for the breadth of votes; made on first use). */
  private centroidCos: Float64Array | null = null;
  /** How much a vote for each measure counts, by breadth power (1 for all but broad measures). */
  private readonly voteFactors = new Map<number, Float32Array>();
  protected readonly shingleCache = new Map<number, Uint32Array>();
  protected scores: Float64Array;
  protected touched: Int32Array;
  readonly tuning: TuningOptions;

  protected constructor(entries: SimilarityEntry[], tuning: TuningOptions) {
    this.entries = entries;
    this.tuning = tuning;
    this.scores = new Float64Array(entries.length);
    this.touched = new Int32Array(entries.length);
  }

  get size(): number {
    return this.entries.length;
  }

  entry(measureId: string): SimilarityEntry | null {
    const i = this.byId.get(measureId);
    return i === undefined ? null : this.entries[i];
  }

  allEntries(): readonly SimilarityEntry[] {
    return this.entries;
  }

  protected init(): void {
    const raws: Raw[] = [];
    const dfCount: number[] = [];
    this.entries.forEach((e, i) => {
      if (!this.byId.has(e.measure.id)) this.byId.set(e.measure.id, i);
      raws.push(internFeatures(rawFeatures(e.measure, e.doc, this.tuning), this.fidOf, dfCount, this.featureNames));
    });
    const n = this.entries.length;
    const maxDf = Math.max(2, Math.floor(n * this.tuning.maxDfRatio));
    this.df = Int32Array.from(dfCount);
    this.idf = new Float32Array(dfCount.length);
    for (let f = 0; f < dfCount.length; f++) {
      const d = dfCount[f];
      this.idf[f] = d > maxDf ? 0 : Math.log((n + 1) / (d + 0.5));
    }
    // query side first (whole weights), then the document themes are discounted for the index side
    this.queryVectors = raws.map((raw) => this.weigh(raw));
    this.discountThemes(raws);
    // Index side: pivoted length normalisation (Singhal et al.), so that a long measure that covers the
    // query's subject among others is not buried under short ones; query side: plain L2.
    const norms = raws.map((raw) => this.normOf(raw));
    const avgNorm = norms.reduce((a, b) => a + b, 0) / (norms.length || 1) || 1;
    const slope = this.tuning.pivotSlope;
    this.vectors = raws.map((raw, i) => this.weigh(raw, (1 - slope) * avgNorm + slope * norms[i], false));
    ({ docs: this.postDocs, weights: this.postWeights } = invertVectors(this.vectors, dfCount.length));
    if (this.tuning.titleSimWeight > 0) this.titles = new Channel(this.titleThemes(this.entries.map((e) => rawTitleFeatures(e.measure, e.doc, this.tuning))));
    if (this.tuning.titleGramWeight > 0) this.titleGrams = new Channel(this.titleThemes(this.entries.map((e) => titleGrams(e.measure, e.doc, this.tuning.titleGramMax))), this.tuning.titleGramMaxDf);
    this.concepts = new Channel(this.entries.map((e) => conceptFeatures(e.measure, this.tuning.conceptModifierWeight)), 1, "l2", "max");
    this.titledBody = Uint8Array.from(this.entries, (e, i) => (this.concepts!.vectors[i].fids.length > 0 && hasOwnBody(e.measure) ? 1 : 0));
    if (this.tuning.keyPhraseWeight > 0 || (this.tuning.area.keyPhraseWeight ?? 0) > 0) {
      this.keyPhrases = new Channel(this.titleThemes(this.entries.map((e) => keyPhraseFeatures(e.measure, e.doc, this.tuning.keyPhraseHeadBoost))), 1, "global");
      this.listedTitle = Uint8Array.from(this.entries, (e, i) => (this.concepts!.vectors[i].fids.length > 0 || (!!e.measure.title && termCounts(e.measure.title).size > 0) ? 1 : 0));
    }
    if (this.tuning.latentWeight > 0) this.latent = latentRows(this.vectors, this.df, this.tuning.latentDims, this.tuning.latentFeatures);
  }

  /**
   * Title features that most titles of the same document share (its theme) discounted as in
   * discountThemes, with titleThemeDiscount; documents of fewer than 5 measures keep theirs.
   */
  protected titleThemes(raws: Map<string, number>[]): Map<string, number>[] {
    const alpha = this.tuning.titleThemeDiscount;
    if (alpha <= 0) return raws;
    for (const members of this.byDocument().values()) {
      if (members.length < 5) continue;
      const count = new Map<string, number>();
      for (const i of members) for (const k of raws[i].keys()) count.set(k, (count.get(k) ?? 0) + 1);
      for (const i of members) {
        for (const [k, w] of raws[i]) {
          const share = count.get(k)! / members.length;
          if (share > 0.2) raws[i].set(k, w * (1 - (alpha * (share - 0.2)) / 0.8));
        }
      }
    }
    return raws;
  }

  /**
   * How much a vote for each measure counts: × ((1 − cos) / (1 − mean cos))^power where its cosine with the
   * corpus centroid is above the mean (broad measures are in everyone's neighbour lists), else 1.
   */
  protected voteFactor(power: number): Float32Array {
    let out = this.voteFactors.get(power);
    if (out) return out;
    this.centroidCos ??= centroidCosines(this.vectors, this.featureNames.length);
    const cos = this.centroidCos;
    out = new Float32Array(cos.length).fill(1);
    if (power > 0 && cos.length > 0) {
      const mean = cos.reduce((a, b) => a + b, 0) / cos.length;
      cos.forEach((c, i) => (out![i] = Math.min(1, ((1 - c) / (1 - mean || 1)) ** power)));
    }
    this.voteFactors.set(power, out);
    return out;
  }

  /** Index positions of each document's measures. */
  protected byDocument(): Map<string, number[]> {
    const byDoc = new Map<string, number[]>();
    this.entries.forEach((e, i) => {
      const list = byDoc.get(e.doc.id) ?? [];
      list.push(i);
      byDoc.set(e.doc.id, list);
    });
    return byDoc;
  }

  /** Cosine of two measures' latent rows (0 without them). */
  protected latentCosine(a: number, b: number): number {
    const d = this.tuning.latentDims;
    if (this.latent.length === 0) return 0;
    let s = 0;
    for (let j = 0; j < d; j++) s += this.latent[a * d + j] * this.latent[b * d + j];
    return s;
  }

  /** IDF-weighted, L2-normalised vector of raw feature weights, heaviest feature first. */
  protected weigh(raw: Raw, divisor?: number, heaviestFirst = true): Vector {
    const m = raw.fids.length;
    const fids = new Int32Array(m);
    const ws = new Float32Array(m);
    let n = 0;
    let norm = 0;
    for (let k = 0; k < m; k++) {
      const fid = raw.fids[k];
      const x = raw.ws[k] * this.idf[fid];
      if (x <= 0) continue;
      fids[n] = fid;
      ws[n++] = x;
      norm += x * x;
    }
    norm = divisor ?? (Math.sqrt(norm) || 1);
    for (let k = 0; k < n; k++) ws[k] /= norm;
    if (!heaviestFirst || n <= this.tuning.maxQueryFeatures) {
      // order only matters where a query is cut to its heaviest features
      return { fids: fids.slice(0, n), weights: ws.slice(0, n) };
    }
    const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => ws[b] - ws[a] || fids[a] - fids[b]);
    return { fids: Int32Array.from(order, (k) => fids[k]), weights: Float32Array.from(order, (k) => ws[k]) };
  }

  protected normOf(raw: Raw): number {
    let n = 0;
    for (let k = 0; k < raw.fids.length; k++) n += (raw.ws[k] * this.idf[raw.fids[k]]) ** 2;
    return Math.sqrt(n) || 1;
  }

  /** Lower the weight of features that most measures of their document share (the document's theme). */
  protected discountThemes(raws: Raw[]): void {
    const alpha = this.tuning.themeDiscount;
    if (alpha <= 0) return;
    for (const members of this.byDocument().values()) {
      if (members.length < 5) continue;
      const count = new Map<number, number>();
      for (const i of members) for (const fid of raws[i].fids) count.set(fid, (count.get(fid) ?? 0) + 1);
      for (const i of members) {
        const { fids, ws } = raws[i];
        for (let k = 0; k < fids.length; k++) {
          if (this.featureNames[fids[k]].startsWith("m:")) continue;
          const share = count.get(fids[k])! / members.length;
          if (share > 0.2) ws[k] *= 1 - (alpha * (share - 0.2)) / 0.8;
        }
      }
    }
  }

  /** The vector of a free text, weighted by this corpus's IDF. */
  protected textVector(text: string): Vector {
    const fids: number[] = [];
    const ws: number[] = [];
    for (const [name, w] of rawTextFeatures(text, this.tuning)) {
      const fid = this.fidOf.get(name);
      if (fid === undefined) continue;
      fids.push(fid);
      ws.push(w);
    }
    return this.weigh({ fids: Int32Array.from(fids), ws: Float32Array.from(ws) });
  }

  /**
   * weight × the dot products of a query vector with every measure sharing a feature, into the score buffer; the touched
   * positions go to the touched buffer, whose used length is returned.
   */
  protected accumulate(q: Vector, weight = 1): number {
    return addPostings(q, this.tuning.maxQueryFeatures, weight, this.postDocs, this.postWeights, this.scores, this.touched, 0);
  }

  /** Top hits among the touched measures; resets the score buffer. */
  protected collect(count: number, keep: (i: number) => boolean, limit: number, minScore: number): { i: number; score: number }[] {
    // a bounded min-heap of the best `limit` (worst at the root); ties keep the smaller position
    const scores = this.scores;
    const touched = this.touched;
    const hs = new Float64Array(Math.max(1, limit));
    const hi = new Int32Array(Math.max(1, limit));
    let n = 0;
    const worse = (sa: number, ia: number, sb: number, ib: number) => sa < sb || (sa === sb && ia > ib);
    for (let t = 0; t < count; t++) {
      const i = touched[t];
      const s = scores[i];
      scores[i] = 0;
      if (s <= 0 || s < minScore || limit <= 0) continue;
      if (n === limit && !worse(hs[0], hi[0], s, i)) continue;
      if (!keep(i)) continue;
      let k: number;
      if (n < limit) {
        k = n++;
        while (k > 0) {
          const p = (k - 1) >> 1;
          if (!worse(s, i, hs[p], hi[p])) break;
          hs[k] = hs[p];
          hi[k] = hi[p];
          k = p;
        }
      } else {
        k = 0;
        for (;;) {
          const l = 2 * k + 1;
          if (l >= n) break;
          const r = l + 1;
          const c = r < n && worse(hs[r], hi[r], hs[l], hi[l]) ? r : l;
          if (!worse(hs[c], hi[c], s, i)) break;
          hs[k] = hs[c];
          hi[k] = hi[c];
          k = c;
        }
      }
      hs[k] = s;
      hi[k] = i;
    }
    const out: { i: number; score: number }[] = [];
    for (let k = 0; k < n; k++) out.push({ i: hi[k], score: hs[k] });
    return out.sort((a, b) => b.score - a.score || a.i - b.i);
  }

  protected shinglesOf(i: number): Uint32Array {
    let s = this.shingleCache.get(i);
    if (!s) {
      const m = this.entries[i].measure;
      s = shingles(substantiveText(m.text));
      if (this.shingleCache.size >= 50_000) this.shingleCache.clear();
      this.shingleCache.set(i, s);
    }
    return s;
  }


  /** Entry at an index position. */
  entryAt(position: number): SimilarityEntry {
    return this.entries[position];
  }

  /** Query-side features of the measure at an index position (name → weight, heaviest first). */
  featuresAt(position: number): [string, number][] {
    const v = this.queryVectors[position];
    return Array.from(v.fids, (f, k) => [this.featureNames[f], v.weights[k]] as [string, number]).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  }

  /** Number of measures holding a feature (t:word, g:bigram, m:column). */
  documentFrequency(feature: string): number {
    const f = this.fidOf.get(feature);
    return f === undefined ? 0 : this.df[f];
  }

  /** Index position of a measure (stable for the life of the index). */
  position(measureId: string): number {
    return this.byId.get(measureId) ?? -1;
  }

  /** Symmetric similarity by index positions (mean of both directions). */
  scoreAt(a: number, b: number): number {
    return (dot(this.queryVectors[a], this.vectors[b]) + dot(this.queryVectors[b], this.vectors[a])) / 2;
  }

  protected coverage(q: Vector, i: number): number {
    const v = this.vectors[i];
    const have = new Set(v.fids);
    let c = 0;
    for (let k = 0; k < q.fids.length; k++) if (have.has(q.fids[k])) c += q.weights[k];
    return c;
  }
}
