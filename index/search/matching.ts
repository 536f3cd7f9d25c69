// Matching and ranking. Two plans: few candidates (the smallest term or the filter) are kept as a list
// and scored one by one; many are kept as bitsets (terms ORed over their postings, ANDed together and
// with the filter), and only the measures that can reach the requested page are scored: a title match
// outweighs every body score, so when enough candidates hold j terms in their titles, the rest cannot
// rank above them.
import { B_CAND, B_NEXT, B_RANK, B_SEEN, B_TERM_TITLES, B_TITLE, LOOKUP_COST, MAX_TIERS, type Filter } from "./query-scratch.ts";
import { RESOLUTION, postings, type PostingSlots } from "./text-index.ts";
import type { DenseTerm } from "./dense-postings.ts";
import { FilterIndex } from "./filters.ts";
import { setRange } from "./bit-kernels.ts";
import { JS_KERNELS } from "./native-kernels.ts";
import { addBestRanked, slotOf, topByScore } from "./kernels.ts";

/** One query group (a term and its synonyms): body and title slot lists per alternative. */
export interface TermGroup {
  alts: string[];
  body: PostingSlots[];
  title: PostingSlots[];
  size: number;
  arrays: number;
}

export abstract class MatchIndex extends FilterIndex {
  /** Start counting the facets of the final matches (facets.ts). */
  protected abstract beginFacets(count: number): void;

  /** Every measure that passes the filter, into bitset B_CAND (number order is document order); returns how many. */
  protected listAll(f: Filter): number {
    const words = this.words;
    const all = this.zeroBits(B_CAND, words);
    if (f.bits) all.set(f.bits.subarray(0, words));
    else setRange(all, 0, this.mid.length);
    this.candDense = true;
    return f.size;
  }

  protected syncDense(): void {
    this.denseBody.sync(this.body, this.mid.length);
    this.denseTitle.sync(this.title, this.mid.length);
  }

  /**
   * The postings of each group (alternatives' body and title slot lists), smallest group first. With the
   * native kernels, a restored index's lists are read in place (views of its snapshot, never made into arrays).
   */
  protected termPostings(groups: string[][]): TermGroup[] {
    const views = this.k !== JS_KERNELS;
    return groups
      .map((alts) => {
        const body = alts.map((t) => postings(this.body, t, views));
        const title = alts.map((t) => postings(this.title, t, views));
        let size = 0;
        let arrays = 0;
        for (let p = 0; p < 2; p++) {
          const part = p === 0 ? body : title;
          for (let l = 0; l < part.length; l++) {
            const list = part[l];
            for (let s = 0; s < list.length; s++) {
              const a = list[s];
              if (a && a.length) {
                size += a.length;
                arrays++;
              }
            }
          }
        }
        return { alts, body, title, size, arrays };
      })
      .sort((a, b) => a.size - b.size);
  }

  /**
   * Measures holding every group (any of its tokens) that pass the filter; returns how many. A
   * group's score: the weight of its best body slot, plus a bonus above all body weights together
   * when the title holds it (best title slot). `k`: how many of the best are wanted.
   */
  protected match(groups: string[][], f: Filter, k: number): number {
    this.scoredById = false;
    const G = this.termPostings(groups);
    if (G[0].size === 0) return 0;
    const few = Math.min(G[0].size, f.size);
    // One group is ranked by its title slots in the bitset plan, which pays off from fewer matches.
    const from = G.length === 1 ? this.bitsetFrom / 2 : this.bitsetFrom;
    this.scoredById = few < from;
    return this.scoredById ? this.matchList(G, f) : this.matchBits(G, f, k);
  }

  /** The last match was the list plan: every match has its score in acc[id] (search.ts ranks pages within them from it). */
  protected scoredById = false;

  /**
   * List plan: the candidates come from the smallest group's postings, or from the filter when it
   * lets fewer measures through; each further group is then either scanned (its postings checked
   * against a bitset of the candidates, which stays in cache), probed (each candidate looked up by
   * binary search in the group's slots, ascending) or, for long terms, looked up in their bitsets
   * (constant time per candidate), whichever costs less. Scores to `acc`.
   */
  protected matchList(G: TermGroup[], f: Filter): number {
    const bonus = 2 * RESOLUTION * G.length + 1;
    const words = this.words;
    const acc = this.acc;
    const cand = this.cand;
    const home = this.zeroBits(B_CAND, words);
    let inSet = home;
    let next = this.zeroBits(B_NEXT, words);
    const inTitle = this.zeroBits(B_TITLE, words);
    let n = 0;
    let g0 = 0;
    if (f.bits && f.size < G[0].size) {
      // The filter is the smaller side: its measures are the candidates, every group a further one.
      n = this.k.listBits(f.bits, words, cand, 0, f.size);
      inSet.set(f.bits.subarray(0, words));
      for (let c = 0; c < n; c++) acc[cand[c]] = 0;
    } else {
      g0 = 1;
      const first = G[0];
      for (let s = 0; s < RESOLUTION; s++)
        for (const list of first.body) {
          const arr = list[s];
          if (arr) n = this.k.collectBody(arr, RESOLUTION - s, f.bits, inSet, acc, cand, n);
        }
      for (let s = 0; s < RESOLUTION; s++)
        for (const list of first.title) {
          const arr = list[s];
          if (arr) n = this.k.collectTitle(arr, bonus + RESOLUTION - s, f.bits, inSet, inTitle, acc, cand, n);
        }
      this.clearListed(inTitle, cand, n, words); // set only for candidates
    }

    for (let g = g0; g < G.length && n > 0; g++) {
      const grp = G[g];
      const probeCost = n * grp.arrays * (Math.log2(grp.size / Math.max(1, grp.arrays) + 1) + 1);
      const body = this.denseOf(grp, "body");
      const title = body && this.denseOf(grp, "title");
      const denseCost = body ? n * LOOKUP_COST * (body.terms.length + (title ? title.terms.length : 0)) + (title ? 0 : grp.size - body.postings) : Infinity;
      const lookUp = body !== null && body.terms.length > 0 && (this.probe === "dense" || denseCost < Math.min(probeCost, grp.size));
      if (!lookUp && (this.probe === "always" || (this.probe !== "never" && probeCost < grp.size))) {
        // Few candidates, long postings: look each candidate up.
        let m = 0;
        for (let c = 0; c < n; c++) {
          const id = cand[c];
          let bodySlot = RESOLUTION;
          let titleSlot = RESOLUTION;
          for (const list of grp.body) {
            const s = slotOf(list, id);
            if (s >= 0 && s < bodySlot) bodySlot = s;
          }
          for (const list of grp.title) {
            const s = slotOf(list, id);
            if (s >= 0 && s < titleSlot) titleSlot = s;
          }
          if (bodySlot === RESOLUTION && titleSlot === RESOLUTION) {
            inSet[id >>> 5] &= ~(1 << (id & 31));
            continue;
          }
          if (bodySlot < RESOLUTION) acc[id] += RESOLUTION - bodySlot;
          if (titleSlot < RESOLUTION) acc[id] += bonus + RESOLUTION - titleSlot;
          cand[m++] = id;
        }
        n = m;
        continue;
      }
      // The candidates holding the group are marked in `next`, with their weights.
      if (lookUp) {
        // Long postings: each candidate looked up in the terms' bitsets, in constant time.
        const best = this.best;
        best.fill(RESOLUTION, 0, n);
        for (const t of body!.terms) this.k.denseBest(cand, n, t.bits, t.pre, t.slot, best);
        this.k.addBest(cand, n, best, RESOLUTION, RESOLUTION, next, acc);
        if (title) {
          best.fill(RESOLUTION, 0, n);
          for (const t of title.terms) this.k.denseBest(cand, n, t.bits, t.pre, t.slot, best);
          this.k.addBest(cand, n, best, RESOLUTION, bonus + RESOLUTION, next, acc);
        }
      } else
        for (let s = 0; s < RESOLUTION; s++)
          for (const list of grp.body) {
            const arr = list[s];
            if (arr) this.k.markBody(arr, RESOLUTION - s, inSet, next, acc);
          }
      if (!lookUp || !title) {
        for (let s = 0; s < RESOLUTION; s++)
          for (const list of grp.title) {
            const arr = list[s];
            if (arr) this.k.markTitle(arr, bonus + RESOLUTION - s, inSet, inTitle, next, acc);
          }
        this.clearListed(inTitle, cand, n, words); // set only for candidates
      }
      // inSet holds exactly the candidates before they are cut to those marked.
      this.clearListed(inSet, cand, n, words);
      n = this.k.keepMarked(cand, n, next);
      const t = inSet;
      inSet = next;
      next = t;
      this.bitsets[B_CAND] = inSet;
      this.bitsets[B_NEXT] = next;
    }
    // The candidates stay set in B_CAND (the array it started with: the facet thread has it already).
    // Many: later passes read them from the bitset, in ascending order (per-measure arrays read front to
    // back instead of at random); few: from the list.
    if (inSet !== home) {
      home.set(inSet.subarray(0, words));
      this.clearListed(inSet, cand, n, words);
      this.bitsets[B_CAND] = home;
      this.bitsets[B_NEXT] = inSet;
    }
    // Both left zero (cleared as above): the next list plan need not clear them again.
    this.leftZero(B_NEXT, words);
    this.leftZero(B_TITLE, words);
    this.candDense = n * 8 > words;
    return n;
  }

  /**
   * The dense terms of a group's body or title postings, for lookups, and how many postings they
   * hold; null when a spelling with postings there has none (then its lists must be read), or when
   * the probe mode forces probing or scanning.
   */
  protected denseOf(grp: TermGroup, part: "body" | "title"): { terms: DenseTerm[]; postings: number } | null {
    if (this.probe === "always" || this.probe === "never") return null; // those modes read the lists
    const dense = part === "body" ? this.denseBody : this.denseTitle;
    const terms: DenseTerm[] = [];
    let postings = 0;
    for (let a = 0; a < grp.alts.length; a++) {
      let n = 0;
      for (const arr of grp[part][a]) if (arr) n += arr.length;
      if (n === 0) continue;
      const d = dense.term(grp.alts[a]);
      if (!d) return null;
      terms.push(d);
      postings += n;
    }
    return { terms, postings };
  }

  /**
   * Bitset plan: each group's postings ORed into a bitset and ANDed with the others and the filter.
   * Then only the measures that can reach the first k are scored: those holding j groups in their
   * title, for the largest j with at least k of them (a title match outweighs all body weights).
   */
  protected matchBits(G: TermGroup[], f: Filter, k: number): number {
    const bonus = 2 * RESOLUTION * G.length + 1;
    const words = this.words;
    const matches = this.zeroBits(B_CAND, words);
    // Title tiers (how many groups a title holds) for several groups; one group is ranked by title slots.
    const tiers = G.length > 1 && G.length <= MAX_TIERS;
    const titles: Int32Array[] = [];
    let n = 0;
    G.forEach((grp, g) => {
      const bits = g === 0 ? matches : this.zeroBits(B_NEXT, words);
      const inTitle = tiers ? this.zeroBits(B_TERM_TITLES + g, words) : null;
      grp.alts.forEach((term, a) => {
        const body = this.denseBody.get(term);
        if (body) this.k.orInto(bits, body, words);
        else for (const arr of grp.body[a]) if (arr) this.k.setAll(arr, bits);
        const title = this.denseTitle.get(term);
        if (title) {
          this.k.orInto(bits, title, words);
          if (inTitle) this.k.orInto(inTitle, title, words);
        } else
          for (const arr of grp.title[a])
            if (arr) {
              this.k.setAll(arr, bits);
              if (inTitle) this.k.setAll(arr, inTitle);
            }
      });
      if (inTitle) titles.push(inTitle);
      if (g > 0) this.k.andInto(matches, bits, words);
    });
    n = f.bits ? this.k.andInto(matches, f.bits, words) : this.k.popcount(matches, words);
    this.candDense = true;
    if (n === 0) return 0;
    // The matches are final: their facets are counted while they are ranked.
    this.beginFacets(n);

    // The measures to score.
    let rank = matches;
    let rankCount = n;
    if (G.length === 1 && k < n) {
      const bySlots = this.rankByTitleSlots(G[0], matches, k, bonus);
      if (bySlots) {
        this.ranked = bySlots;
        return n;
      }
    } else if (tiers && k < n) {
      const out = this.zeroBits(B_RANK, words);
      for (let j = G.length; j >= 1; j--) {
        const c = this.k.atLeast(titles, j, matches, words, out);
        if (c >= k) {
          rank = out;
          rankCount = c;
          break;
        }
      }
    }
    this.scoreRank(G, rank, rankCount, bonus);
    this.ranked = { bits: rank, count: rankCount };
    return n;
  }

  /**
   * One group: its title slots taken best first, until the matches holding the term in those slots
   * are at least k and the k-th best of them outscores anything else. A measure whose title first
   * holds the term at slot t scores at most bonus + RESOLUTION − t + (RESOLUTION − the best body slot
   * of the term), one without it in its title at most the body part. Null when fewer than k titles
   * hold it (then every match is scored).
   */
  protected rankByTitleSlots(grp: TermGroup, matches: Int32Array, k: number, bonus: number) {
    const words = this.words;
    const rank = this.zeroBits(B_RANK, words);
    // The best body slot any measure holds the term in.
    let body = 0;
    while (body < RESOLUTION && !grp.body.some((list) => list[body]?.length)) body++;
    const bodyMost = RESOLUTION - body;
    // Slots up to `need` at least; once scored, the k-th best score tells how far they must go
    // (it only grows as slots are added), so there are at most two rounds of scoring.
    let need = 0;
    let count = 0;
    for (let t = 0; t < RESOLUTION; t++) {
      for (const list of grp.title) {
        const arr = list[t];
        if (arr) count += this.k.setWithin(arr, rank, matches);
      }
      if (count < k || t < need) continue;
      this.scoreRank([grp], rank, count, bonus);
      const top = this.k.topByScoreBits(rank, words, count, this.acc, k, true);
      const kth = top[k - 1][1];
      const outside = (t + 1 < RESOLUTION ? bonus + RESOLUTION - (t + 1) : 0) + bodyMost;
      if (kth > outside) return { bits: rank, count, top };
      need = Math.min(RESOLUTION - 1, bonus + RESOLUTION + bodyMost - kth);
    }
    return null;
  }

  /** Scores of the ranked measures (bitset `rank`, `count` of them), by position among them: acc[0..count). */
  protected scoreRank(G: TermGroup[], rank: Int32Array, count: number, bonus: number): void {
    const words = this.words;
    const pre = this.prefix.length >= words ? this.prefix : (this.prefix = new Int32Array(words * 2));
    this.k.prefixCounts(rank, words, pre, 0);
    const acc = this.acc;
    acc.fill(0, 0, count);
    for (let g = 0; g < G.length; g++) {
      const grp = G[g];
      if (!this.lookUpRanked(grp, "body", 0, rank, count)) this.scoreSlots(grp.body, 0, rank, count, pre);
      if (!this.lookUpRanked(grp, "title", bonus, rank, count)) this.scoreSlots(grp.title, bonus, rank, count, pre);
    }
  }

  /** Scores of a part's lists into acc by position (slots best first; once every ranked measure has its best slot, the rest can go). */
  private scoreSlots(lists: PostingSlots[], weight: number, rank: Int32Array, count: number, pre: Int32Array): void {
    const seen = this.zeroBits(B_SEEN, this.words);
    const acc = this.acc;
    let left = count;
    for (let s = 0; s < RESOLUTION && left > 0; s++)
      for (let l = 0; l < lists.length; l++) {
        const arr = lists[l][s];
        if (arr && left > 0) left -= this.k.scoreRanked(arr, weight + RESOLUTION - s, rank, pre, seen, acc);
      }
  }

  /** A part whose postings are all dense and outnumber the ranked measures: each ranked one looked up (false: not so). */
  private lookUpRanked(grp: TermGroup, part: "body" | "title", weight: number, rank: Int32Array, count: number): boolean {
    const dense = this.denseOf(grp, part);
    if (!dense || (this.probe !== "dense" && count * LOOKUP_COST * dense.terms.length >= dense.postings)) return false;
    const best = this.best;
    best.fill(RESOLUTION, 0, count);
    for (const t of dense.terms) this.k.denseBestRanked(rank, this.words, t.bits, t.pre, t.slot, best);
    addBestRanked(best, count, RESOLUTION, weight + RESOLUTION, this.acc);
    return true;
  }

  /** The k best matches by score (then number, i.e. document order), best first, with their scores. */
  protected topK(n: number, k: number): [id: number, score: number][] {
    const words = this.words;
    if (this.ranked?.top) return this.ranked.top;
    if (this.ranked) return this.k.topByScoreBits(this.ranked.bits, words, this.ranked.count, this.acc, k, true);
    return this.candDense ? this.k.topByScoreBits(this.bitsets[B_CAND], words, n, this.acc, k) : topByScore(this.cand, n, this.acc, k);
  }
}
