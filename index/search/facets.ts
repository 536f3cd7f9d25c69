// Facet counts over all the matches of a query (on the facet thread when there are many).
import { B_CAND, LEAD, YEAR_RANK, newCounts, type Facets } from "./core.ts";
import { FacetThread } from "./facet-thread.ts";
import { allocate } from "./growable.ts";
import { clearAt, countFacetJob, countFacetsList, sumJobCodes, topCodes, topRuns, type FacetJob } from "./kernels.ts";
import { MatchIndex } from "./matching.ts";
import type { FacetValue } from "../schema.ts";
import { JS_KERNELS } from "./native-kernels.ts";

export abstract class FacetIndex extends MatchIndex {
  /** The display name of a unit code (units.ts). */
  protected abstract unitName(code: number): string;

  /** Rank of each code when its values are sorted (ties in counts go to the smaller value); cached until the table changes. */
  protected ranks(kind: "doc" | "unit" | "place"): { rank: Int32Array; byRank: Int32Array; display?: string[] } {
    const cached = this.rankCache[kind];
    if (cached) return cached;
    let values: string[];
    let display: string[] | undefined;
    if (kind === "doc") values = this.docs.map((d) => d.ref.id);
    else if (kind === "place") values = this.places;
    else values = display = this.unitKeys.map((_, c) => this.unitName(c));
    const byRank = Int32Array.from(values.keys()).sort((a, b) => (values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : a - b));
    const rank = new Int32Array(values.length);
    byRank.forEach((code, r) => (rank[code] = r));
    return (this.rankCache[kind] = { rank, byRank, display });
  }

  /** The facet count of the matches in bitset B_CAND, into this.counts and the code counts. */
  protected newFacetJob(): FacetJob {
    const words = this.words;
    return {
      bits: this.bitsets[B_CAND], words, counts: this.counts,
      cols: {
        docOf: this.docOf.data, docHi: this.docHi.data, wordDoc: this.wordDoc.data, docGroup: this.docGroup.data,
        leadMask: this.bitsOf(this.roleBits[LEAD], words), leadBase: this.leadBase.data, leadUnits: this.leadUnits.data, leadMulti: this.leadMulti.data,
      },
      groupCodes: this.groupCodes.data, codeCounts: this.codeCounts, codeTouched: this.codeTouched, codesOut: this.codesOut,
    };
  }

  /** Start counting the facets of many matches (bitset B_CAND) on the facet thread, if not started already. */
  protected beginFacets(count: number): void {
    if (this.facetJob || !this.candDense || count === 0 || count < this.facetThreadFrom) return;
    const thread = FacetThread.get();
    if (!thread) return;
    this.facetJob = thread.start(this.newFacetJob(), this.k !== JS_KERNELS);
  }

  /**
   * Wait for the facet job. False when it failed: its counts are then dropped (fresh zero arrays; the
   * thread is not used again) and must be counted here.
   */
  protected endFacets(): boolean {
    this.facetJob = false;
    if (FacetThread.get()!.finish()) return true;
    this.dropCounts();
    return false;
  }

  /** Fresh zero count arrays in place of ones holding counts that will not be read. */
  protected dropCounts(): void {
    this.counts = newCounts();
    this.codeCounts = this.codeCounts.map((a) => allocate(Int32Array, a.length, true));
    this.codeTouched = this.codeTouched.map((a) => allocate(Int32Array, a.length, true));
    this.ensureScratch();
  }

  /** Facet counts over all the matches of the last query (`count` of them). */
  protected facets(count: number): Facets {
    if (count === 0) return { province: [], city: [], county: [], document: [], year: [], leadUnit: [] };
    if (!this.facetJob || !this.endFacets()) {
      const job = this.newFacetJob();
      if (this.candDense) countFacetJob(job, this.k.countFacetsBits);
      else {
        countFacetsList(this.cand, count, job.cols, job.counts);
        sumJobCodes(job);
      }
    }
    const c = this.counts;
    const [nd, nu] = c.touched;
    const { docs, docN, unitCount, units } = c;
    const limit = this.facetLimit;
    const touched = this.codesOut;
    const pr = this.ranks("place");
    const byCode = (i: number, rank: Int32Array, byRank: Int32Array, value: (code: number) => string): FacetValue[] => {
      const counts = this.codeCounts[i];
      const top = topCodes(this.codeTouched[i], touched[i], counts, rank, byRank, limit).map((code) => ({ value: value(code), count: counts[code] }));
      clearAt(counts, this.codeTouched[i], touched[i]);
      return top;
    };
    const place = (code: number) => this.places[code];
    const province = byCode(0, pr.rank, pr.byRank, place);
    const city = byCode(1, pr.rank, pr.byRank, place);
    const county = byCode(2, pr.rank, pr.byRank, place);
    const year = byCode(3, YEAR_RANK, YEAR_RANK, (y) => String(y).padStart(4, "0"));
    const dr = this.ranks("doc");
    const document = topRuns(docs, docN, nd, dr.rank, dr.byRank, limit).map(([d, count]) => {
      const ref = this.docs[d].ref;
      return { value: ref.id, label: ref.title ?? ref.id, count };
    });
    const ur = this.ranks("unit");
    const leadUnit = topCodes(units, nu, unitCount, ur.rank, ur.byRank, limit).map((code) => ({ value: ur.display![code], count: unitCount[code] }));
    clearAt(unitCount, units, nu);
    return { province, city, county, document, year, leadUnit };
  }
}
