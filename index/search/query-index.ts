// The index's side of query understanding: its places and 文号 (for query.ts), synonyms and the
// shortening of long pasted texts to their most distinctive terms (by how few measures hold them),
// "did you mean" suggestions (suggestions.ts, over the index's own terms), and pages in date or document order.
import { B_CAND, B_RANK, B_SEEN, LOOKUP_COST, type Filter } from "./query-scratch.ts";
import { slotOf } from "./kernels.ts";
import type { TermGroup } from "./matching.ts";
import type { Slots } from "./text-index.ts";
import { LONG_CHARS, docNumberKey, queryString, switchedOff, type PlaceEntry, type PlaceLevel, type QueryContext, type QueryPhases } from "./query.ts";
import { isPseudoPlace } from "./regions.ts";
import { placeKey } from "./match-keys.ts";
import { queryWords, synonymsOf } from "./tokenizer.ts";
import { suggestionsFor } from "./suggestions.ts";
import { UnitListIndex } from "./unit-list.ts";
import { docSetBits } from "./doc-sets.ts";
import { postingCount } from "./flat/text-postings.ts";
import type { DocRef, SearchQuery, SearchSort, Understood } from "../schema.ts";

/** A query longer than LONG_CHARS (query.ts) or with more words is searched by its most distinctive terms. */
const LONG_WORDS = 12;
/** Terms kept from a long text, and candidates tried. */
const KEEP_TERMS = 6;
const TRY_TERMS = 16;

type TextMap = { map: Map<string, Slots> };

const popcount = (x: number) => {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

export abstract class QueryIndex extends UnitListIndex implements QueryContext {
  private placeCache: { n: number; groups: number; byKey: Map<string, PlaceEntry[]> } | null = null;
  private numberCache: { docs: number; live: number; byKey: Map<string, DocRef> } | null = null;
  private orderCache = new Map<SearchSort, { docs: number; live: number; slots: Int32Array }>();
  /** Time spent in each phase of understanding since the caller last reset it (bench/search-queries.ts). */
  readonly phases: QueryPhases = { understandMs: 0, groupsMs: 0, suggestMs: 0 };

  placesByKey(): Map<string, PlaceEntry[]> {
    const groups = this.groupOf.size;
    if (this.placeCache && this.placeCache.n === this.places.length && this.placeCache.groups === groups) return this.placeCache.byKey;
    const levels = new Map<number, Set<PlaceLevel>>();
    const g = this.groupCodes.data;
    for (let i = 0; i < groups; i++)
      for (let l = 0; l < 3; l++) {
        const code = g[4 * i + l];
        if (code < 0) continue;
        const set = levels.get(code) ?? new Set();
        set.add(l as PlaceLevel);
        levels.set(code, set);
      }
    const byKey = new Map<string, PlaceEntry[]>();
    for (const [code, ls] of levels) {
      const name = this.places[code];
      if (isPseudoPlace(name)) continue;
      for (const level of ls) for (const key of new Set([placeKey(name), name])) byKey.set(key, [...(byKey.get(key) ?? []), { name, level }]);
    }
    this.placeCache = { n: this.places.length, groups, byKey };
    return byKey;
  }

  placesNest(a: PlaceEntry, b: PlaceEntry): boolean {
    if (a.level === b.level) return false;
    const ca = this.placeCode.get(a.name);
    const cb = this.placeCode.get(b.name);
    if (ca === undefined || cb === undefined) return false;
    // Some document lies in both: 绵阳市 in 四川省, 平阳县 in 浙江省 (not 平阳县 in 四川省).
    const g = this.groupCodes.data;
    for (let i = 0; i < this.groupOf.size; i++) if (g[4 * i + a.level] === ca && g[4 * i + b.level] === cb) return true;
    return false;
  }

  documentByNumber(key: string): DocRef | null {
    if (!this.numberCache || this.numberCache.docs !== this.docs.length || this.numberCache.live !== this.docSlot.size) {
      const byKey = new Map<string, DocRef>();
      for (const slot of this.docSlot.values()) {
        const ref = this.docs[slot].ref;
        if (ref.docNumber) byKey.set(docNumberKey(ref.docNumber), ref);
      }
      this.numberCache = { docs: this.docs.length, live: this.docSlot.size, byKey };
    }
    return this.numberCache.byKey.get(key) ?? null;
  }

  /**
   * For a 文号 the library does not hold: documents whose 文号 has the same issuer code (国办发, the
   * query's code or its end), the nearest year and number first, with how many measures each has.
   */
  protected sameIssuerDocuments(wanted: { key: string; code: string; year: number; no: number }, max: number): { ref: DocRef; measures: number }[] {
    if (this.documentByNumber(wanted.key)) return [];
    const near: { ref: DocRef; d: [number, number] }[] = [];
    for (const [key, ref] of this.numberCache!.byKey) {
      const m = /^(.+)〔(\d{4})〕(\d+)号$/.exec(key);
      if (!m || m[1].length < 2 || !wanted.code.endsWith(m[1])) continue;
      near.push({ ref, d: [Math.abs(Number(m[2]) - wanted.year), Math.abs(Number(m[3]) - wanted.no)] });
    }
    near.sort((a, b) => a.d[0] - b.d[0] || a.d[1] - b.d[1]);
    return near.slice(0, max).map(({ ref }) => {
      const slot = this.docSlot.get(ref.id)!;
      let measures = 0;
      for (let id = this.docLo.data[slot]; id < this.docHi.data[slot]; id++) if (this.isAlive(id)) measures++;
      return { ref, measures };
    });
  }

  unitMeasureCount(name: string): number {
    const ids = new Set<number>();
    for (const c of this.unitCodesMatching(name)) for (const id of this.unitIds[c]) if (this.isAlive(id)) ids.add(id);
    return ids.size;
  }

  /** Bitset of the measures of these documents (cached per set until documents change). */
  protected docSetBits(ids: ReadonlySet<string>): Int32Array {
    return docSetBits(this, ids, { docSlot: this.docSlot, docLo: this.docLo.data, docHi: this.docHi.data, slots: this.docs.length, words: this.words });
  }

  /**
   * Matches of the last search among the measures of these documents: its matches stay in bitset
   * B_CAND (only a search that found nothing goes on to try others, for suggestions: call it after
   * one that found some).
   */
  matchesIn(ids: ReadonlySet<string>): number {
    return this.k.andCount(this.lastMatches(), this.docSetBits(ids), this.words);
  }

  /** The matches of the last search (search.ts keeps them aside while it ranks pages within them). */
  protected lastMatches(): Int32Array {
    return this.bitsets[B_CAND];
  }

  /** Measures holding a term (postings over the body and title slots; a saved index's lists are read in place, not made into arrays). */
  protected termCount(term: string): number {
    // Kept until measures are added or cut again (a pasted paragraph asks for a hundred terms, most of them again and again).
    const at = `${this.mid.length}:${this.dictVersion}`;
    if (this.countCache.at !== at || this.countCache.counts.size > 50_000) this.countCache = { at, counts: new Map() };
    let n = this.countCache.counts.get(term);
    if (n === undefined) {
      n = postingCount((this.body as unknown as TextMap).map, term) + postingCount((this.title as unknown as TextMap).map, term);
      this.countCache.counts.set(term, n);
    }
    return n;
  }

  private countCache = { at: "", counts: new Map<string, number>() };

  /** A word's synonyms (tokenizer.ts synonymsOf: from data loaded once), kept (a pasted text has a hundred words, 3 µs each). */
  private synonymsOf(word: string): readonly string[] {
    let s = this.synonymCache.get(word);
    if (!s) {
      if (this.synonymCache.size > 20_000) this.synonymCache.clear();
      this.synonymCache.set(word, (s = synonymsOf(word)));
    }
    return s;
  }

  private synonymCache = new Map<string, readonly string[]>();


  /**
   * The query groups of a text: its words with their synonyms (reported), a long text cut to its most
   * distinctive terms that still find something together (reported).
   */
  protected queryGroups(q: SearchQuery, text: string, filter: Filter | null, understood: Understood[]): string[][] {
    const t0 = performance.now();
    try {
      return this.groupsOf(q, text, filter, understood);
    } finally {
      this.phases.groupsMs += performance.now() - t0;
    }
  }

  private groupsOf(q: SearchQuery, text: string, filter: Filter | null, understood: Understood[]): string[][] {
    const synonyms = !switchedOff(q, "noSynonym");
    const words = queryWords(text);
    let groups = words.map((w) => (synonyms ? [w, ...this.synonymsOf(w)] : [w]));
    const long = text.length > LONG_CHARS || groups.length > LONG_WORDS;
    if (long && filter && !switchedOff(q, "noShorten")) {
      // Rarest first (the most distinctive), words of two characters or more that the index has.
      const ranked = groups
        .map((g) => ({ g, n: g.reduce((s, t) => s + this.termCount(t), 0) }))
        .filter((x) => x.n > 0 && x.g[0].length >= 2 && !/^[\d.%‰]+$/.test(x.g[0]))
        .sort((a, b) => a.n - b.n)
        .slice(0, TRY_TERMS);
      // Each kept when some measure within the filter holds it and every term kept before: the
      // measures of those kept are carried from term to term (what match([...kept, g], filter, 1) > 0
      // tells, without matching them all again). The rarest term may lie outside the pasted text's own
      // measure (a page's 索引号 line, a preamble's word held by one other measure) and hold the rest off:
      // while no run keeps KEEP_TERMS, each next rarest term is tried first in turn, and the run that
      // keeps the most terms together wins (the earliest on a tie).
      const postings = new Map<string[], TermGroup>();
      let kept: string[][] = [];
      for (let seed = 0; seed < ranked.length && kept.length < KEEP_TERMS; seed++) {
        const run: string[][] = [];
        let holding: Int32Array | null = null;
        for (const { g } of [ranked[seed], ...ranked.slice(0, seed), ...ranked.slice(seed + 1)]) {
          if (run.length >= KEEP_TERMS) break;
          let grp = postings.get(g);
          if (!grp) postings.set(g, (grp = this.termPostings([g])[0]));
          const next: Int32Array = holding ? this.holdingToo(holding, grp) : this.measuresOf(grp, filter);
          if (next.length === 0) continue;
          run.push(g);
          holding = next;
        }
        if (run.length > kept.length) kept = run;
      }
      if (kept.length) {
        const order = new Map(groups.map((g, i) => [g[0], i]));
        groups = kept.sort((a, b) => order.get(a[0])! - order.get(b[0])!);
        understood.push({
          kind: "shortened",
          text: text.length > 30 ? `${text.slice(0, 30)}…` : text,
          label: `长文本（${text.length} 字）按最有区分度的词检索：${groups.map((g) => g[0]).join("、")}`,
          value: { terms: groups.map((g) => g[0]), chars: text.length },
          undo: queryString(q, { noShorten: "1" }),
        });
      }
    }
    for (const g of groups)
      if (g.length > 1) {
        const shown = g.slice(1, 4);
        understood.push({
          kind: "synonym",
          text: g[0],
          label: `同义：${g[0]} → ${shown.join("、")}${g.length > 4 ? " 等" : ""}`,
          value: { word: g[0], alternatives: g.slice(1) },
          undo: queryString(q, { noSynonym: "1" }),
        });
      }
    return groups;
  }

  /** The measures within the filter holding a group (any spelling, body or title), in number order. */
  private measuresOf(grp: TermGroup, filter: Filter): Int32Array {
    const words = this.words;
    const bits = this.zeroBits(B_RANK, words);
    grp.alts.forEach((term, a) => {
      for (const [dense, lists] of [[this.denseBody.get(term), grp.body[a]], [this.denseTitle.get(term), grp.title[a]]] as const)
        if (dense) this.k.orInto(bits, dense, words);
        else for (const arr of lists) if (arr) this.k.setAll(arr, bits);
    });
    const n = filter.bits ? this.k.andInto(bits, filter.bits, words) : this.k.popcount(bits, words);
    const out = new Int32Array(n);
    this.k.listBits(bits, words, out, 0, n);
    return out;
  }

  /**
   * Of the measures `ids`, those also holding a group: each looked up in its postings (binary search
   * per slot list, constant time in a long term's bitset), or, when the group's postings are fewer than
   * those lookups, its postings read against a bitset of the measures.
   */
  private holdingToo(ids: Int32Array, grp: TermGroup): Int32Array {
    const n = ids.length;
    const out = new Int32Array(n);
    let m = 0;
    const parts = grp.alts.flatMap((term, a) => [
      { dense: this.denseBody.get(term), lists: grp.body[a] },
      { dense: this.denseTitle.get(term), lists: grp.title[a] },
    ]);
    // A lookup: one read in a bitset, or a binary search in each non-empty slot list.
    let lookup = 0;
    for (const p of parts)
      if (p.dense) lookup += LOOKUP_COST;
      else for (const arr of p.lists) if (arr?.length) lookup += Math.log2(arr.length) + 1;
    if (n * lookup < grp.size) {
      for (let i = 0; i < n; i++) {
        const id = ids[i];
        if (parts.some((p) => (p.dense ? (p.dense[id >>> 5] & (1 << (id & 31))) !== 0 : slotOf(p.lists, id) >= 0))) out[m++] = id;
      }
    } else {
      const words = this.words;
      const within = this.zeroBits(B_RANK, words);
      for (let i = 0; i < n; i++) within[ids[i] >>> 5] |= 1 << (ids[i] & 31);
      const held = this.zeroBits(B_SEEN, words);
      for (const slots of [...grp.body, ...grp.title]) for (const arr of slots) if (arr) this.k.setWithin(arr, held, within);
      for (let i = 0; i < n; i++) if (held[ids[i] >>> 5] & (1 << (ids[i] & 31))) out[m++] = ids[i];
    }
    return out.subarray(0, m);
  }

  /**
   * "Did you mean": for each query word no measure holds, the index terms closest to it (edit
   * distance, length, shared characters, then the most frequent); then, with several words, the query
   * without one of them. Only queries that find something under the same filters, as the page would
   * send them, with how many they find.
   */
  protected suggest(q: SearchQuery, groups: string[][], filter: Filter | null): { q: string; label: string }[] {
    const t0 = performance.now();
    try {
      if (!filter) return [];
      const finds = (gs: string[][]) => {
        this.trial = true;
        try {
          return gs.length ? this.match(gs, filter, 1) : 0;
        } finally {
          this.trial = false;
        }
      };
      const vocab = (this.body as unknown as TextMap).map;
      return suggestionsFor(q, groups, {
        vocab,
        termCount: (t) => this.termCount(t),
        places: this.placesByKey(),
        sameIssuer: (wanted, max) => this.sameIssuerDocuments(wanted, max),
        finds,
      });
    } finally {
      this.phases.suggestMs += performance.now() - t0;
    }
  }

  /** Document slots in a sort order (live ones; cached until documents change). */
  private slotOrder(sort: SearchSort): Int32Array {
    const c = this.orderCache.get(sort);
    if (c && c.docs === this.docs.length && c.live === this.docSlot.size) return c.slots;
    const slots = Int32Array.from(this.docSlot.values());
    const date = this.docDate.data;
    const title = (s: number) => this.docs[s].ref.title ?? "";
    if (sort === "date") slots.sort((a, b) => date[b] - date[a] || a - b);
    else if (sort === "date-asc") slots.sort((a, b) => (date[a] || 99999999) - (date[b] || 99999999) || a - b);
    else slots.sort((a, b) => title(a).localeCompare(title(b), "zh-CN") || a - b);
    this.orderCache.set(sort, { docs: this.docs.length, live: this.docSlot.size, slots });
    return slots;
  }

  /** A page of the matches (bitset B_CAND) with their documents in a sort order, measures in document order. */
  protected sortedPage(sort: SearchSort, offset: number, limit: number): number[] {
    const bits = this.bitsets[B_CAND];
    const out: number[] = [];
    let skip = offset;
    for (const s of this.slotOrder(sort)) {
      if (out.length >= limit) break;
      const lo = this.docLo.data[s];
      const hi = this.docHi.data[s];
      // Matches in [lo, hi): whole words counted at once while they are skipped.
      let id = lo;
      while (id < hi && out.length < limit) {
        if ((id & 31) === 0 && id + 32 <= hi && skip >= 32) {
          const n = popcount(bits[id >>> 5]);
          if (n <= skip) {
            skip -= n;
            id += 32;
            continue;
          }
        }
        if (bits[id >>> 5] & (1 << (id & 31))) {
          if (skip > 0) skip--;
          else out.push(id);
        }
        id++;
      }
    }
    return out;
  }
}
