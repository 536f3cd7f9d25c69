// Facet counts over all the matches of a query (on the facet thread when there are many).
import { B_CAND, YEAR_RANK, newCounts, type Facets } from "./query-scratch.ts";
import { LEAD, ROLES, ROLE_LABEL } from "./roles.ts";
import { regionTree, type PlaceParents } from "./regions.ts";
import { regionTable } from "./region-order.ts";
import { FacetThread } from "./facet-thread.ts";
import { allocate } from "./growable.ts";
import { clearAt, countFacetJob, countFacetsList, countRolesList, sumJobCodes, topCodes, type FacetJob } from "./facet-kernels.ts";
import { MatchIndex } from "./matching.ts";
import type { FacetValue } from "../schema.ts";
import { JS_KERNELS } from "./native-kernels.ts";
import { SHARED_COUNTS, SharedEntries } from "./shared-entries.ts";

export abstract class FacetIndex extends MatchIndex {
  /** Matching only to count (query shortening) or to rank a page within the last matches: no facets started. */
  protected trial = false;
  /** The display name of a unit code (units.ts). */
  protected abstract unitName(code: number): string;
  /** Matches per role (lead, coop, responsible), counted with the facets (in shared memory, for the facet thread). */
  private roleOut = allocate(Int32Array, 3, true);

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
      roles: this.roleBits.map((c) => this.bitsOf(c, words)), roleOut: this.roleOut,
    };
  }

  /** Start counting the facets of many matches (bitset B_CAND) on the facet thread, if not started already. */
  protected beginFacets(count: number): void {
    if (this.trial || this.facetJob || !this.candDense || count === 0 || count < this.facetThreadFrom) return;
    const thread = FacetThread.get();
    if (!thread) return;
    this.facetJob = thread.start(this.newFacetJob(), this.k !== JS_KERNELS);
  }

  /**
   * Wait for the facet job. False when it is to be counted here: the worker had not begun it (claimed
   * back, its arrays untouched), or it failed (its counts are then dropped: fresh zero arrays; the
   * thread is not used again).
   */
  protected endFacets(): boolean {
    this.facetJob = false;
    const thread = FacetThread.get()!;
    if (thread.claim()) return false;
    if (thread.finish()) return true;
    this.dropCounts();
    return false;
  }

  /** Zero the counts a facet job left (codes and lead units touched; group counts are left zero by the job). */
  private clearCounts(): void {
    const c = this.counts;
    for (let i = 0; i < 4; i++) clearAt(this.codeCounts[i], this.codeTouched[i], this.codesOut[i]);
    clearAt(c.unitCount, c.units, c.touched[1]);
  }

  /** Fresh zero count arrays in place of ones holding counts that will not be read. */
  protected dropCounts(): void {
    this.counts = newCounts();
    this.codeCounts = this.codeCounts.map((a) => allocate(Int32Array, a.length, true));
    this.codeTouched = this.codeTouched.map((a) => allocate(Int32Array, a.length, true));
    this.roleOut = allocate(Int32Array, 3, true);
    this.ensureScratch();
  }

  /** Facet counts over all the matches of the last query (`count` of them; matches in bitset B_CAND), at most `limit` values each (none for 0). */
  protected facets(count: number, limit = this.facetLimit): { facets: Facets; sizes: Record<string, number> } {
    const none = { province: [], city: [], county: [], document: [], year: [], leadUnit: [], role: [], region: [] };
    const sizes: Record<string, number> = { province: 0, city: 0, county: 0, document: 0, year: 0, leadUnit: 0, role: 0, region: 0 };
    if (count === 0) return { facets: none, sizes };
    if (limit === 0) {
      // A page only (internal: index/library/status-search.ts): a count begun on the thread is ended and cleared.
      if (this.facetJob && this.endFacets()) this.clearCounts();
      return { facets: none, sizes };
    }
    if (!this.facetJob || !this.endFacets()) {
      const job = this.newFacetJob();
      if (this.candDense) countFacetJob(job, this.k.countFacetsBits, this.k.countRolesBits, this.k.sumGroupCodes);
      else {
        countFacetsList(this.cand, count, job.cols, job.counts);
        sumJobCodes(job, this.k.sumGroupCodes);
        countRolesList(this.cand, count, job.roles, job.roleOut);
      }
    }
    const c = this.counts;
    const nd = c.touched[0];
    const nu = c.touched[1];
    const { docs, docN, unitCount, units } = c;
    const touched = this.codesOut;
    const pr = this.ranks("place");
    // Every place counted, per level, for the region tree (before the counts are cleared).
    const region = regionTree({ codes: this.codeTouched, n: touched, counts: this.codeCounts }, this.places, this.placeParents(), pr.rank, this.k.regionOrder);
    sizes.region = touched[0] + touched[1] + touched[2];
    Object.assign(sizes, { province: touched[0], city: touched[1], county: touched[2], year: touched[3], document: nd, leadUnit: nu });
    const province = this.topPlaces(0, pr.rank, pr.byRank, limit);
    const city = this.topPlaces(1, pr.rank, pr.byRank, limit);
    const county = this.topPlaces(2, pr.rank, pr.byRank, limit);
    const year = this.topPlaces(3, YEAR_RANK, YEAR_RANK, limit);
    const dr = this.ranks("doc");
    if (this.docPairs.length < 2 * Math.min(limit, nd)) this.docPairs = new Int32Array(4 * Math.min(limit, nd));
    const pairs = this.docPairs;
    const kept = this.k.topRunsInto(docs, docN, nd, dr.rank, dr.byRank, limit, pairs);
    const document: FacetValue[] = [];
    for (let i = 0; i < kept; i++) {
      const ref = this.docs[pairs[2 * i]].ref;
      document.push({ value: ref.id, label: ref.title ?? ref.id, count: pairs[2 * i + 1] });
    }
    const ur = this.ranks("unit");
    const leadUnit = topCodes(units, nu, unitCount, ur.rank, ur.byRank, limit).map((code) => ({ value: ur.display![code], count: unitCount[code] }));
    clearAt(unitCount, units, nu);
    const role = this.roleCounts();
    sizes.role = role.length;
    return { facets: { province, city, county, document, year, leadUnit, role, region }, sizes };
  }

  /** The top documents of a count as (slot, count) pairs (topRunsInto), kept across queries. */
  private docPairs = new Int32Array(128);

  /** Facet entries of places and years by level, code and count (below SHARED_COUNTS), shared by the answers that have them. */
  private sharedValues = [new SharedEntries<FacetValue>(), new SharedEntries<FacetValue>(), new SharedEntries<FacetValue>(), new SharedEntries<FacetValue>()];

  /** The top values of code level i (3: the year, else a place level), its counts then cleared. */
  private topPlaces(i: number, rank: Int32Array, byRank: Int32Array, limit: number): FacetValue[] {
    const counts = this.codeCounts[i];
    const touched = this.codeTouched[i];
    const n = this.codesOut[i];
    const codes = topCodes(touched, n, counts, rank, byRank, limit);
    const top: FacetValue[] = new Array(codes.length);
    for (let j = 0; j < codes.length; j++) {
      const code = codes[j];
      const count = counts[code];
      const value = i === 3 ? String(code).padStart(4, "0") : this.places[code];
      if (count >= SHARED_COUNTS) {
        top[j] = { value, count };
        continue;
      }
      const shared = this.sharedValues[i];
      top[j] = shared.get(code, count, value) ?? shared.keep(code, count, { value, count });
    }
    clearAt(counts, touched, n);
    return top;
  }

  /** Matches per role, as counted with the facets: measures naming some unit as 牵头 / 配合 / 责任. */
  private roleCounts(): FacetValue[] {
    const out: FacetValue[] = [];
    ROLES.forEach((r, i) => {
      const n = this.roleOut[i];
      if (n) out.push({ value: r, label: ROLE_LABEL[r], count: n });
    });
    return out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }

  private parentCache: { groups: number; places: number; parents: PlaceParents } | null = null;

  /** The province and city codes of each city and county code (from the facet groups, the first that has it; -1 none). */
  protected placeParents(): PlaceParents {
    const groups = this.groupOf.size;
    const n = this.places.length;
    if (!this.parentCache || this.parentCache.groups !== groups || this.parentCache.places !== n) {
      const parents = { cityProvince: new Int32Array(n).fill(-1), countyProvince: new Int32Array(n).fill(-1), countyCity: new Int32Array(n).fill(-1) };
      const seen = [new Uint8Array(n), new Uint8Array(n)];
      const g = this.groupCodes.data;
      for (let i = 0; i < groups; i++) {
        const [p, ci, k] = [g[4 * i], g[4 * i + 1], g[4 * i + 2]];
        if (ci >= 0 && !seen[0][ci]) {
          seen[0][ci] = 1;
          parents.cityProvince[ci] = p;
        }
        if (k >= 0 && !seen[1][k]) {
          seen[1][k] = 1;
          parents.countyProvince[k] = p;
          parents.countyCity[k] = ci;
        }
      }
      this.parentCache = { groups, places: n, parents: { ...parents, table: regionTable(parents, this.places) } };
    }
    return this.parentCache.parents;
  }
}
