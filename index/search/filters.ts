// Query scratch space and filters: the measures a query's place, document, date, unit and role let through.
import { IndexCore, dateNumber } from "./core.ts";
import { ROLE_BIT, ROLES } from "./roles.ts";
import { B_CAND, B_FILTER, B_UNIT, type Filter } from "./query-scratch.ts";
import { allocate, type Column } from "./growable.ts";
import { docSetBits } from "./doc-sets.ts";
import { clearIds, filterRangeList } from "./bit-kernels.ts";
import { placeKey, unitKeyMatches, unitQueryKey } from "./match-keys.ts";
import type { SearchQuery } from "../schema.ts";
import type { PlaceChoice, UnderstoodQuery } from "./query.ts";

export class FilterIndex extends IndexCore {
  // -------------------------------------------------------------------------------------------
  // Query scratch space

  protected ensureScratch(): void {
    const n = this.mid.length;
    if (this.acc.length < n) {
      const cap = Math.max(1024, n * 2);
      this.acc = new Int32Array(cap);
      this.cand = new Int32Array(cap);
      this.best = new Int32Array(cap);
    }
    const c = this.counts;
    if (c.docCount.length < this.docs.length) {
      c.docCount = allocate(Int32Array, Math.max(256, this.docs.length * 2), true);
      c.docs = allocate(Int32Array, c.docCount.length, true);
      c.docN = allocate(Int32Array, c.docCount.length, true);
    }
    if (c.groupCount.length < this.groupOf.size) {
      c.groupCount = allocate(Int32Array, this.groupOf.size * 2, true);
      c.groups = allocate(Int32Array, this.groupOf.size * 2, true);
    }
    if (c.unitCount.length < this.unitKeys.length) {
      c.unitCount = allocate(Int32Array, Math.max(256, this.unitKeys.length * 2), true);
      c.units = allocate(Int32Array, c.unitCount.length, true);
    }
    if (this.codeCounts[0].length < this.places.length)
      for (let i = 0; i < 3; i++) {
        this.codeCounts[i] = allocate(Int32Array, this.places.length * 2, true);
        this.codeTouched[i] = allocate(Int32Array, this.places.length * 2, true);
      }
  }

  /** Words of a bitset over every measure number. */
  protected get words(): number {
    return (this.mid.length >>> 5) + 1;
  }

  /** Scratch bitsets known to be zero over their first `cleanWords[i]` words (left so by their last user). */
  private cleanWords: number[] = [];

  /**
   * Scratch bitset `i`, its first `words` words zero. Only B_CAND goes to the facet thread, so only it is
   * in shared memory: V8 fills a shared array element by element (relaxed atomic stores), other arrays
   * with memset (five fills of 125 KB a query at a million measures).
   */
  protected zeroBits(i: number, words = this.words): Int32Array {
    let b = this.bitsets[i];
    const clean = this.cleanWords[i] ?? 0;
    this.cleanWords[i] = 0;
    if (!b || b.length < words) b = this.bitsets[i] = allocate(Int32Array, Math.max(1024, words * 2), i === B_CAND);
    else if (clean < words) this.k.zeroWords(b, words);
    return b;
  }

  /** Scratch bitset `i` is left zero over its first `words` words: the next zeroBits need not clear it. */
  protected leftZero(i: number, words = this.words): void {
    this.cleanWords[i] = words;
  }

  /** Clear the bits of ids[0..n) in `bits` (all its set bits among them): one by one when few, else the first `words` words. */
  protected clearListed(bits: Int32Array, ids: Int32Array, n: number, words = this.words): void {
    if (n * 16 < words) clearIds(bits, ids, n);
    else this.k.zeroWords(bits, words);
  }

  /** A bitset column as a view of `words` words (zero past its end). */
  protected bitsOf(c: Column<Int32Array>, words = this.words): Int32Array {
    c.reserve(words);
    while (c.length < words) c.push(0);
    return c.data;
  }

  // -------------------------------------------------------------------------------------------
  // Filters

  private keyArray: { of: number[]; keys: Int32Array } | null = null;

  /** The place key code of each place code, as a typed array (place codes are only added: kept while their number stands). */
  private placeKeyArray(): Int32Array {
    const of = this.placeKeyCodes;
    if (!this.keyArray || this.keyArray.of !== of || this.keyArray.keys.length !== of.length) this.keyArray = { of, keys: Int32Array.from(of) };
    return this.keyArray.keys;
  }

  /** Unit codes whose key matches a unit name given by any alias (cached). */
  protected unitCodesMatching(name: string): number[] {
    let codes = this.unitMatchCache.get(name);
    if (!codes) {
      const qk = unitQueryKey(name);
      codes = [];
      for (let c = 0; c < this.unitKeys.length; c++) if (unitKeyMatches(this.unitKeys[c], qk)) codes.push(c);
      if (this.unitMatchCache.size > 1000) this.unitMatchCache.clear();
      this.unitMatchCache.set(name, codes);
    }
    return codes;
  }

  /**
   * The place filters of a query as sets of [level, place key code]: none, the query's own, or one per place choice
   * (query.ts anyPlace, each with the query's own places); null when no set can match (a place the index does not have).
   */
  private placeSets(q: UnderstoodQuery): [number, number][][] | null {
    const own: PlaceChoice = { province: q.province, city: q.city, county: q.county };
    const sets: [number, number][][] = [];
    for (const choice of q.anyPlace ?? [own]) {
      const places = { ...own, ...choice };
      const set: [number, number][] = [];
      for (const [i, v] of [places.province, places.city, places.county].entries()) {
        if (!v) continue;
        const kc = this.placeKeyCode.get(placeKey(v));
        if (kc === undefined) break;
        set.push([i, kc]);
      }
      if (set.length === [places.province, places.city, places.county].filter(Boolean).length) sets.push(set);
    }
    if (!sets.length && (q.anyPlace || own.province || own.city || own.county)) return null;
    return sets.filter((s) => s.length);
  }

  /** The measures the query's filters let through, as a bitset; null when none can pass. */
  protected compileFilter(q: UnderstoodQuery): Filter | null {
    const words = this.words;
    let bits: Int32Array | null = null;
    // The place filters: one set of [level, key code] (the query's own, with the places read from its text), or one per
    // place choice when its text named places that do not nest (绵阳 平阳: the measures of either).
    const placeSets = this.placeSets(q);
    if (!placeSets) return null;
    const from = q.from ? dateNumber(q.from) : 0;
    const to = q.to ? dateNumber(q.to) : 0;
    if (q.doc !== undefined || placeSets.length || from || to) {
      const only = q.doc !== undefined ? this.docSlot.get(q.doc) : undefined;
      if (q.doc !== undefined && only === undefined) return null;
      bits = this.zeroBits(B_FILTER, words);
      const keyOf = this.placeKeyArray();
      const cols = { groups: this.docGroup.data, codes: this.groupCodes.data };
      // Per place level: the key code wanted (-1: any), and each place code's key code.
      const wanted = (set: [number, number][]) => {
        const want = [-1, -1, -1];
        for (const [i, kc] of set) want[i] = kc;
        return want;
      };
      if (only !== undefined) {
        // One document (the slots of docSlot are all live), checked against the places and dates too.
        const list = Int32Array.of(only, this.docLo.data[only], this.docHi.data[only], this.docDate.data[only]);
        for (const set of placeSets.length ? placeSets : [[]]) {
          const want = wanted(set);
          filterRangeList(bits, list, 4, from, to, want[0], want[1], want[2], keyOf, cols);
        }
      } else if (placeSets.length) {
        for (const set of placeSets) {
          // The documents of the place with the fewest; further places checked document by document.
          let list: Column<Int32Array> | undefined;
          for (const [i, kc] of set) {
            const l = this.filterRanges.get(`${i}:${kc}`);
            if (!l) {
              list = undefined;
              break;
            }
            if (!list || l.length < list.length) list = l;
          }
          if (!list) continue;
          const want = set.length === 1 ? [-1, -1, -1] : wanted(set);
          filterRangeList(bits, list.data, list.length, from, to, want[0], want[1], want[2], keyOf, cols);
        }
      } else {
        // Dates alone: the documents of each year in range (dates checked in the end years only).
        const y0 = Math.max(this.years[0], Math.floor(from / 10000));
        const y1 = Math.min(this.years[1], to ? Math.floor(to / 10000) : Infinity);
        for (let y = y0; y <= y1; y++) {
          const list = this.filterRanges.get(`y${y}`);
          const edge = y === Math.floor(from / 10000) || y === Math.floor(to / 10000);
          if (list) filterRangeList(bits, list.data, list.length, edge ? from : 0, edge ? to : 0, -1, -1, -1, keyOf, cols);
        }
      }
    }
    const role = q.role ? ROLE_BIT[q.role] : 0;
    if (q.unit) {
      // The role applies to that unit.
      const codes = this.unitCodesMatching(q.unit);
      if (!codes.length) return null;
      const unitBits = this.zeroBits(B_UNIT, words);
      for (const c of codes) this.k.setWithRole(this.unitIds[c], this.unitRoles[c], role, unitBits);
      if (bits) this.k.andInto(bits, unitBits, words);
      else bits = unitBits;
    } else if (role) {
      // Alone, the role applies to any unit of the measure.
      const roleBits = this.bitsOf(this.roleBits[ROLES.findIndex((r) => ROLE_BIT[r] === role)], words);
      if (bits) this.k.andInto(bits, roleBits, words);
      else (bits = this.zeroBits(B_FILTER, words)).set(roleBits.subarray(0, words));
    }
    // Only the measures of these documents (the validity filter and ranking, index/library/status-search.ts).
    const docIn = (q as SearchQuery & { docIn?: ReadonlySet<string> }).docIn;
    if (docIn) {
      // Made once per set (doc-sets.ts) and shared: copied before anything is ANDed into it.
      const only = docSetBits(this, docIn, { docSlot: this.docSlot, docLo: this.docLo.data, docHi: this.docHi.data, slots: this.docs.length, words });
      if (bits) this.k.andInto(bits, only, words);
      else (bits = this.zeroBits(B_FILTER, words)).set(only.subarray(0, words));
    }
    const aliveBits = this.bitsOf(this.aliveBits, words);
    if (bits && this.dead) this.k.andInto(bits, aliveBits, words);
    else if (!bits && this.dead) bits = aliveBits;
    const size = bits ? this.k.popcount(bits, words) : this.mid.length;
    return size ? { bits, size } : null;
  }
}
