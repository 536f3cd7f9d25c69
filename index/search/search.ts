// The search index over measures: flexsearch finds the measures holding each query token (two indexes,
// one of titles and one of texts, with the tokenizer as their encoder); everything else is done here on
// typed arrays keyed by an internal measure number: AND of the query terms (OR within a term's
// synonyms), filters (place, document, unit by alias key and role, date range), ranking, facets over the
// whole result set, and highlighting. flexsearch's own tag filters (reported to drop results with a
// query in 0.8, upstream #533/#551) and its highlighter (white-space words) are not used.
//
// Internal numbers only grow and are given a document at a time, so that the measures of a document
// have consecutive numbers (a document indexed again gets new ones; the old are flagged dead, their
// postings stay until the next rebuild and are masked out). Postings of one term are therefore
// ascending within each of flexsearch's resolution slots (binary search), and per-document counts
// follow the words of a bitset.
//
// Two plans: few candidates (the smallest term or the filter) are kept as a list and scored one by
// one; many are kept as bitsets (terms ORed over their postings, ANDed together and with the filter),
// and only the measures that can reach the requested page are scored: a title match outweighs every
// body score, so when enough candidates hold j terms in their titles, the rest cannot rank above them.
import type Database from "better-sqlite3";
import { Index } from "flexsearch";
import { mkdirSync } from "node:fs";
import type { Deadline, Measure, Unit } from "../../extract/schema.ts";
import { DensePostings, type DenseTerm } from "./dense-postings.ts";
import { FacetThread } from "./facet-thread.ts";
import { type BitKernels, JS_KERNELS, kernelsFor } from "./native-kernels.ts";
import { allocate, Column } from "./growable.ts";
import {
  clearAt, collectBody, collectTitle, countFacetJob, countFacetsList, type FacetCounts, type FacetJob, keepMarked, listBits,
  addBest, addBestRanked, denseBest, denseBestRanked, filterRangeList, markBody, markTitle, scoreRanked, setAll, setRange, setWithin, setWithRole, slicedBits, slotOf, sumJobCodes, topByScore, topCodes, topRuns,
} from "./kernels.ts";
import { highlightAll, highlightSnippet } from "./highlight.ts";
import { placeKey, unitKeyIn, unitKeyMatches, unitQueryKey } from "./match-keys.ts";
import type { DocRef, FacetValue, SearchHit, SearchQuery, SearchResponse } from "../schema.ts";
import { readManifest, readSnapshot, writeSnapshot, type Snapshot } from "./snapshot.ts";
import type { Store } from "../store/store.ts";
import { TOKENIZER_FINGERPRINT, addWords, dictionaryVersion, queryTokens, tokenize, wordsSince } from "./tokenizer.ts";

type UnitRole = Unit["role"];

// ---------------------------------------------------------------------------------------------
// Public types

/** Where the full measure records of hits come from (the store, or a generator in the benchmark). */
export interface MeasureSource {
  getMeasure(id: string): Measure | null;
  /** Several at once (faster for a page of hits); null for an id it does not have. */
  getMeasures?(ids: string[]): (Measure | null)[];
  /** Ids of measures whose title or text contains one of the words (used when the dictionary grows). */
  findContaining?(words: string[]): string[];
}

/** Tokens of one measure, from tokenize(): for bulk loads that already hold them (benchmarks). */
export interface MeasureTokens {
  title: string[];
  text: string[];
}

export interface MeasureIndexOptions {
  source?: MeasureSource;
  /** Values per facet in a response (the most frequent first). Default 50. */
  facetLimit?: number;
  /**
   * How further query terms are matched in the list plan: by cost (default), or always probing,
   * scanning, or looking candidates up in long terms' bitsets where they have them (tests).
   */
  probe?: "auto" | "always" | "never" | "dense";
  /** Candidates from which the bitset plan is used (default 32768, half of it for one group; 0: always, Infinity: never; tests). */
  bitsetFrom?: number;
  /** Postings from which a term is also kept as a bitset, besides a 32nd of the measures (default 4096; tests). */
  denseFrom?: number;
  /**
   * Matches from which the facets are counted on a second thread while the page is ranked and
   * fetched (default 4096; 0: always, Infinity: never; tests).
   */
  facetThreadFrom?: number;
  /** Use the native kernels where they were built (default true; false: the JavaScript ones, tests). */
  native?: boolean;
}

export interface UnitSummary {
  /** Alias key of the unit (region-qualified: 绵阳发改委). */
  key: string;
  /** The canonical name most often seen for the key. */
  name: string;
  /** The names as written in the documents. */
  names: string[];
  /** Measures naming the unit (any role). */
  count: number;
  lead: number;
  coop: number;
  responsible: number;
}

export interface UnitMeasure {
  id: string;
  path: string;
  title: string | null;
  roles: UnitRole[];
  deadlines: Deadline[];
}

export interface UnitMeasures {
  query: string;
  units: UnitSummary[];
  /** Measures found (the documents list at most `limit` of them). */
  total: number;
  documents: { document: DocRef; measures: UnitMeasure[] }[];
}

// ---------------------------------------------------------------------------------------------
// Text indexes

const PRE = "\u0001"; // content that starts with it is a list of tokens already cut, joined by it
const RESOLUTION = 9;

function encode(content: string): string[] {
  return content.charCodeAt(0) === 1 ? content.slice(1).split(PRE) : tokenize(content);
}

function newTextIndex(): Index {
  return new Index({ encode, tokenize: "strict", resolution: RESOLUTION });
}

type Slots = (number[] | null | undefined)[];

/** The postings of one token: one ascending id list per resolution slot (slot 0: the token comes first). */
function postings(index: Index, token: string): Slots {
  const r = index.search(PRE + token, { resolve: false });
  return (r.result ?? []) as unknown as Slots;
}

const ROLE_BIT: Record<UnitRole, number> = { lead: 1, coop: 2, responsible: 4 };
const ROLES: UnitRole[] = ["lead", "coop", "responsible"];
/** Index of the lead role (牵头) in ROLES and roleBits. */
const LEAD = 0;

function dateNumber(d: string | null): number {
  return d ? Number(d.slice(0, 4)) * 10000 + Number(d.slice(5, 7)) * 100 + Number(d.slice(8, 10)) : 0;
}

/** Empty facet counts, in shared memory. */
function newCounts(): FacetCounts {
  const none = () => allocate(Int32Array, 0, true);
  return { docs: none(), docN: none(), docCount: none(), groupCount: none(), groups: none(), unitCount: none(), units: none(), touched: allocate(Int32Array, 3, true) };
}

/** Years rank as themselves (ties in counts go to the earlier year). */
const YEAR_RANK = Int32Array.from({ length: 10000 }, (_, i) => i);

type MeasureRow = { id: string; path: string; title: string | null; text: string; units: string; deadlines: string; targets: string };

const measureOfRow = (r: MeasureRow): Measure => ({
  id: r.id, path: r.path, title: r.title, text: r.text, units: JSON.parse(r.units), deadlines: JSON.parse(r.deadlines), targets: JSON.parse(r.targets),
});

/** The store as a measure source (prepared statements kept, pages of hits read in one statement). */
export function storeSource(store: Store): MeasureSource {
  const byCount = new Map<number, Database.Statement<string[]>>();
  const one = store.db.prepare("SELECT id, path, title, text, units, deadlines, targets FROM measures WHERE id = ?");
  return {
    getMeasure(id) {
      const r = one.get(id) as MeasureRow | undefined;
      return r ? measureOfRow(r) : null;
    },
    getMeasures(ids) {
      if (!ids.length) return [];
      let stmt = byCount.get(ids.length);
      if (!stmt) {
        stmt = store.db.prepare<string[]>(`SELECT id, path, title, text, units, deadlines, targets FROM measures WHERE id IN (${ids.map(() => "?").join(",")})`);
        byCount.set(ids.length, stmt);
      }
      const rows = new Map((stmt.all(...ids) as MeasureRow[]).map((r) => [r.id, r]));
      return ids.map((id) => {
        const r = rows.get(id);
        return r ? measureOfRow(r) : null;
      });
    },
    findContaining(words) {
      if (!words.length) return [];
      const ids = new Set<string>();
      const stmt = store.db.prepare("SELECT id FROM measures WHERE instr(text, ?) > 0 OR instr(coalesce(title, ''), ?) > 0");
      for (const w of words) for (const r of stmt.all(w, w) as { id: string }[]) ids.add(r.id);
      return [...ids];
    },
  };
}

/** Every document of the store as a DocRef with its measures, in the store's list order. */
function* storeDocuments(store: Store): Generator<{ ref: DocRef; measures: Measure[] }> {
  for (let offset = 0; ; offset += 500) {
    const page = store.listDocuments(500, offset);
    for (const d of page) {
      const ref: DocRef = { id: d.id, title: d.title, docNumber: d.docNumber, issuer: d.issuer, region: d.region, date: d.issuedDate ?? d.publishedDate };
      yield { ref, measures: store.measuresOf(d.id) };
    }
    if (page.length < 500) return;
  }
}

function storeDocumentIds(store: Store): string[] {
  return (store.db.prepare("SELECT id FROM documents ORDER BY id").all() as { id: string }[]).map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// The index

/** A document's measures are numbered docLo[slot] .. docHi[slot] - 1, in document order. */
interface DocSlot {
  ref: DocRef;
}

/** The measures a query's filters let through (alive ones only). */
interface Filter {
  /** Bitset of them; null: every measure (none filtered, none dead). Read only. */
  bits: Int32Array | null;
  /** How many. */
  size: number;
}

/** Bitset slots of the query scratch space. */
const B_CAND = 0; // candidates (list plan) / matches (bitset plan)
const B_NEXT = 1; // candidates holding the current term (list plan) / the current term (bitset plan)
const B_TITLE = 2; // title already counted for the term (list plan)
const B_RANK = 3; // the measures scored (bitset plan)
const B_SEEN = 4; // best slot already counted (bitset plan)
const B_FILTER = 5;
const B_UNIT = 6;
const B_TERM_TITLES = 7; // and on: per term, the measures holding it in their title (bitset plan)
const MAX_TIERS = 15;
/** What a lookup in a dense term costs, in postings read from a list (the choice between the two). */
const LOOKUP_COST = 4;

interface Facets {
  province: FacetValue[];
  city: FacetValue[];
  county: FacetValue[];
  document: FacetValue[];
  year: FacetValue[];
  leadUnit: FacetValue[];
}

const SNAPSHOT_FORMAT = 4;

export class MeasureIndex {
  private body = newTextIndex();
  private title = newTextIndex();
  /** Their long posting lists as bitsets too (bitset plan). */
  private denseBody: DensePostings;
  private denseTitle: DensePostings;
  private readonly source?: MeasureSource;
  private readonly facetLimit: number;
  private readonly probe: "auto" | "always" | "never" | "dense";
  private readonly bitsetFrom: number;
  private readonly facetThreadFrom: number;
  /** Facet counting and whole-bitset passes: the native kernels where built, else the JavaScript ones. */
  private readonly k: BitKernels;
  /** The facets of the current query are being counted on the facet thread. */
  private facetJob = false;
  /** Measures handed to addDocument that the source does not have. */
  private overlay = new Map<string, Measure>();

  // Per measure (internal number).
  private mid: string[] = [];
  private docOf = new Column(Int32Array);
  /** Bitsets: alive measures, and measures naming a unit in each role (lead, coop, responsible). */
  private aliveBits = new Column(Int32Array);
  private roleBits = [0, 1, 2].map(() => new Column(Int32Array, 1024, true));
  /** Measures flagged dead (removed or indexed again); while 0, unfiltered queries skip the checks. */
  private dead = 0;
  private uOff = new Column(Uint32Array); // units of measure i: uVal[uOff[i] .. uOff[i + 1])
  private uVal = new Column(Uint32Array); // unit code << 3 | role bits

  // Per document slot.
  private docs: DocSlot[] = [];
  private docSlot = new Map<string, number>();
  private docAlive = new Column(Uint8Array);
  private docDate = new Column(Uint32Array);
  /** Its measures' numbers are docLo .. docHi - 1 (slots cover the numbers in order). */
  private docLo = new Column(Int32Array);
  private docHi = new Column(Int32Array, 1024, true);
  /** Per bitset word: the slot holding its first number. */
  private wordDoc = new Column(Int32Array, 1024, true);
  /** Lead units (牵头单位) by bitset word, for the facets: see FacetColumns (the mask is the lead role bitset). */
  private leadBase = new Column(Int32Array, 1024, true);
  private leadUnits = new Column(Int32Array, 1024, true);
  private leadMulti = new Column(Int32Array, 1024, true);
  /** Its facet group: documents of the same province, city, county and year count together. */
  private docGroup = new Column(Int32Array, 1024, true);
  /** Per facet group: province, city, county (place codes), year; -1 none. */
  private groupCodes = new Column(Int32Array, 1024, true);
  private groupOf = new Map<string, number>();
  /**
   * For filters, per place ("level:key code") and per year ("y2020"): its documents as (slot, first
   * measure, end, date) quadruples, read front to back; the years seen (first, last).
   */
  private filterRanges = new Map<string, Column<Int32Array>>();
  private years = [Infinity, -Infinity];

  // Place names: code -> name, code -> key code (for filters).
  private places: string[] = [];
  private placeCode = new Map<string, number>();
  private placeKeyCodes: number[] = [];
  private placeKeyCode = new Map<string, number>();

  // Units: code -> key, postings (internal numbers with role bits), names seen.
  private unitKeys: string[] = [];
  private unitCode = new Map<string, number>();
  private unitIds: number[][] = [];
  private unitRoles: number[][] = [];
  private unitCanon: Map<string, number>[] = [];
  private unitSpell: Set<string>[] = [];
  private unitMatchCache = new Map<string, number[]>();
  private rankCache: Partial<Record<"doc" | "unit" | "place", { rank: Int32Array; byRank: Int32Array; display?: string[] }>> = {};

  // Dictionary words the tokens of this index are consistent with.
  private dictVersion = 0;
  private covered = new Set<string>();

  // Scratch space for queries.
  private acc = new Int32Array(0);
  private cand = new Int32Array(0);
  private prefix = new Int32Array(0);
  /** Per candidate (or ranked measure): its best slot of a group (dense lookups). */
  private best = new Int32Array(0);
  private bitsets: Int32Array[] = [];
  /** The matches of the last query: in bitset B_CAND (dense) or in cand (list). */
  private candDense = false;
  /** Bitset plan: the measures scored, from which the page is taken (null: the list plan). */
  private ranked: { bits: Int32Array; count: number; top?: [id: number, score: number][] } | null = null;
  // Facet counts (in shared memory, for the facet thread).
  private counts: FacetCounts = newCounts();
  /** Counts by province, city, county (place codes) and year (below 10000), the codes touched and how many. */
  private codeCounts = [0, 1, 2, 3].map(() => allocate(Int32Array, 10000, true));
  private codeTouched = [0, 1, 2, 3].map(() => allocate(Int32Array, 10000, true));
  private codesOut = allocate(Int32Array, 4, true);

  constructor(options: MeasureIndexOptions = {}) {
    this.source = options.source;
    this.facetLimit = options.facetLimit ?? 50;
    this.probe = options.probe ?? "auto";
    this.bitsetFrom = options.bitsetFrom ?? 32768;
    this.facetThreadFrom = options.facetThreadFrom ?? 4096;
    this.k = kernelsFor(options.native ?? true);
    this.denseBody = new DensePostings(options.denseFrom ?? 4096);
    this.denseTitle = new DensePostings(options.denseFrom ?? 4096);
    this.uOff.push(0);
  }

  // -------------------------------------------------------------------------------------------
  // Building

  /** Index every document of the store (in the store's list order). */
  static fromStore(store: Store, options: Omit<MeasureIndexOptions, "source"> = {}): MeasureIndex {
    const index = new MeasureIndex({ ...options, source: storeSource(store) });
    // All unit names first, so that every document is cut with the same dictionary.
    const words = new Set<string>();
    for (const r of store.db.prepare("SELECT units FROM measures").iterate() as Iterable<{ units: string }>)
      for (const u of JSON.parse(r.units) as Unit[]) words.add(u.name);
    addWords(words);
    index.syncDictionary();
    for (const d of storeDocuments(store)) index.insertDocument(d.ref, d.measures, undefined, false);
    return index;
  }

  /** Number of documents and of measures indexed. */
  get size(): { documents: number; measures: number } {
    let measures = 0;
    for (const slot of this.docSlot.values()) measures += this.docHi.data[slot] - this.docLo.data[slot];
    return { documents: this.docSlot.size, measures };
  }

  /** Ids of the indexed documents, sorted. */
  documentIds(): string[] {
    return [...this.docSlot.keys()].sort();
  }

  /**
   * Index a document's measures (replacing an earlier version with the same id). Unit names become
   * dictionary words; measures already indexed that contain a new word are cut again.
   * `tokens` (bulk loads): the tokens of each measure, from tokenize(), in the order of `measures`.
   */
  addDocument(doc: DocRef, measures: Measure[], tokens?: MeasureTokens[]): void {
    if (!tokens) {
      this.learnUnitWords(measures);
      this.syncDictionary();
    }
    this.insertDocument(doc, measures, tokens, !tokens);
  }

  /** Remove a document and its measures. False when it was not indexed. */
  removeDocument(docId: string): boolean {
    const slot = this.docSlot.get(docId);
    if (slot === undefined) return false;
    for (let id = this.docLo.data[slot]; id < this.docHi.data[slot]; id++) {
      this.aliveBits.data[id >>> 5] &= ~(1 << (id & 31));
      this.dead++;
      this.overlay.delete(this.mid[id]);
    }
    this.docAlive.data[slot] = 0;
    this.docSlot.delete(docId);
    return true;
  }

  private learnUnitWords(measures: Measure[]): void {
    const words = new Set<string>();
    for (const m of measures) for (const u of m.units) words.add(u.name);
    addWords(words);
  }

  private insertDocument(doc: DocRef, measures: Measure[], tokens: MeasureTokens[] | undefined, keep: boolean): void {
    if (this.docSlot.has(doc.id)) this.removeDocument(doc.id);
    const slot = this.docs.length;
    this.rankCache.doc = undefined;
    this.docs.push({ ref: doc });
    this.docSlot.set(doc.id, slot);
    this.docAlive.push(1);
    this.pushDocColumns(doc);
    const lo = this.mid.length;
    measures.forEach((m, i) => {
      this.insertMeasure(slot, m, tokens?.[i]);
      if (keep && this.source?.getMeasure(m.id) == null) this.overlay.set(m.id, m);
    });
    this.pushRange(slot, lo, this.mid.length);
  }

  /** Date and facet group of a new slot. */
  private pushDocColumns(doc: DocRef): void {
    this.docDate.push(dateNumber(doc.date));
    const r = doc.region;
    const codes = [r.province, r.city, r.county].map((name) => (name ? this.placeCodeOf(name) : -1));
    codes.push(doc.date ? Number(doc.date.slice(0, 4)) : -1);
    const key = codes.join();
    let group = this.groupOf.get(key);
    if (group === undefined) {
      group = this.groupOf.size;
      this.groupOf.set(key, group);
      for (const c of codes) this.groupCodes.push(c);
    }
    this.docGroup.push(group);
  }

  /** The numbers [lo, hi) of a new slot, and the bitset words that start in it. */
  private pushRange(slot: number, lo: number, hi: number): void {
    this.docLo.push(lo);
    this.docHi.push(hi);
    while (this.wordDoc.length * 32 < hi) this.wordDoc.push(slot);
    const at = 4 * this.docGroup.data[slot];
    const codes = this.groupCodes.data;
    const date = this.docDate.data[slot];
    const keys: string[] = [];
    for (let i = 0; i < 3; i++) if (codes[at + i] >= 0) keys.push(`${i}:${this.placeKeyCodes[codes[at + i]]}`);
    if (date) {
      const year = Math.floor(date / 10000);
      keys.push(`y${year}`);
      this.years = [Math.min(this.years[0], year), Math.max(this.years[1], year)];
    }
    for (const key of keys) {
      let list = this.filterRanges.get(key);
      if (!list) this.filterRanges.set(key, (list = new Column(Int32Array, 64)));
      list.push(slot);
      list.push(lo);
      list.push(hi);
      list.push(date);
    }
  }

  private placeCodeOf(name: string): number {
    let code = this.placeCode.get(name);
    if (code === undefined) {
      code = this.places.length;
      this.rankCache.place = undefined;
      this.places.push(name);
      this.placeCode.set(name, code);
      const key = placeKey(name);
      let kc = this.placeKeyCode.get(key);
      if (kc === undefined) this.placeKeyCode.set(key, (kc = this.placeKeyCode.size));
      this.placeKeyCodes.push(kc);
    }
    return code;
  }

  private unitCodeOf(key: string): number {
    let code = this.unitCode.get(key);
    if (code === undefined) {
      code = this.unitKeys.length;
      this.unitKeys.push(key);
      this.unitCode.set(key, code);
      this.unitIds.push([]);
      this.unitRoles.push([]);
      this.unitCanon.push(new Map());
      this.unitSpell.push(new Set());
      this.unitMatchCache.clear();
    }
    return code;
  }

  private insertMeasure(slot: number, m: Measure, tokens?: MeasureTokens): number {
    const id = this.mid.length;
    this.mid.push(m.id);
    this.docOf.push(slot);
    const region = this.docs[slot].ref.region;
    if (m.units.length) this.rankCache.unit = undefined;
    const roles = new Map<number, number>();
    for (const u of m.units) {
      const code = this.unitCodeOf(unitKeyIn(u.canonical, region));
      roles.set(code, (roles.get(code) ?? 0) | ROLE_BIT[u.role]);
      const canon = this.unitCanon[code];
      canon.set(u.canonical, (canon.get(u.canonical) ?? 0) + 1);
      this.unitSpell[code].add(u.name);
    }
    let mask = 0;
    const leads: number[] = [];
    for (const [code, bits] of roles) {
      if (bits & ROLE_BIT.lead) leads.push(code);
      this.uVal.push((code << 3) | bits);
      this.unitIds[code].push(id);
      this.unitRoles[code].push(bits);
      mask |= bits;
    }
    this.uOff.push(this.uVal.length);
    this.setBit(this.aliveBits, id);
    this.setRoleBits(id, mask);
    this.pushLeads(id, leads);
    const text = tokens ? PRE + tokens.text.join(PRE) : m.text;
    if (text && text !== PRE) this.body.add(id, text);
    const title = tokens ? PRE + tokens.title.join(PRE) : m.title;
    if (title && title !== PRE) this.title.add(id, title);
    return id;
  }

  /**
   * The dictionary only grows (unit names of documents, by this index or another in the process).
   * Measures indexed before a word was added that contain it are cut again, so that a query holding
   * the word finds them.
   */
  private syncDictionary(): void {
    const version = dictionaryVersion();
    if (version === this.dictVersion) return;
    const fresh = wordsSince(this.dictVersion).filter((w) => !this.covered.has(w));
    this.dictVersion = version;
    for (const w of fresh) this.covered.add(w);
    if (!fresh.length || this.mid.length === 0) return;
    const affected = new Set<string>();
    const docOfMeasure = (id: string) => id.slice(0, id.indexOf(":"));
    for (const id of this.source?.findContaining?.(fresh) ?? []) affected.add(docOfMeasure(id));
    for (const m of this.overlay.values()) if (fresh.some((w) => m.text.includes(w) || m.title?.includes(w))) affected.add(docOfMeasure(m.id));
    for (const docId of affected) this.reindexDocument(docId);
  }

  /** Cut a document's measures again (under new numbers, to keep them consecutive). */
  private reindexDocument(docId: string): void {
    const slot = this.docSlot.get(docId);
    if (slot === undefined) return;
    const measures = this.getMeasures(this.mid.slice(this.docLo.data[slot], this.docHi.data[slot]));
    if (measures.some((m) => m === null)) return;
    this.insertDocument(this.docs[slot].ref, measures as Measure[], undefined, true);
  }

  /** The lead unit codes of measure `id`, the next number (its lead role bit set with them). */
  private pushLeads(id: number, codes: number[]): void {
    if ((id & 31) === 0) this.leadBase.push(this.leadUnits.length);
    if (codes.length === 1) this.leadUnits.push(codes[0]);
    else if (codes.length > 1) {
      this.leadUnits.push(~this.leadMulti.length);
      this.leadMulti.push(codes.length);
      for (const c of codes) this.leadMulti.push(c);
    }
  }

  /** Mark a measure in the bitset of each role its units take (mask of role bits). */
  private setRoleBits(id: number, mask: number): void {
    ROLES.forEach((r, i) => {
      if (mask & ROLE_BIT[r]) this.setBit(this.roleBits[i], id);
    });
  }

  private isAlive(id: number): boolean {
    return (this.aliveBits.data[id >>> 5] & (1 << (id & 31))) !== 0;
  }

  private setBit(bits: Column<Int32Array>, id: number): void {
    const w = id >>> 5;
    while (bits.length <= w) bits.push(0);
    bits.data[w] |= 1 << (id & 31);
  }

  private getMeasure(measureId: string): Measure | null {
    return this.overlay.get(measureId) ?? this.source?.getMeasure(measureId) ?? null;
  }

  private getMeasures(ids: string[]): (Measure | null)[] {
    const src = this.source;
    if (!src?.getMeasures || ids.length < 2) return ids.map((id) => this.getMeasure(id));
    const missing = ids.filter((id) => !this.overlay.has(id));
    const found = new Map<string, Measure | null>();
    if (missing.length) src.getMeasures(missing).forEach((m, i) => found.set(missing[i], m));
    return ids.map((id) => this.overlay.get(id) ?? found.get(id) ?? null);
  }

  // -------------------------------------------------------------------------------------------
  // Query scratch space

  private ensureScratch(): void {
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
  private get words(): number {
    return (this.mid.length >>> 5) + 1;
  }

  /** Scratch bitset `i`, its first `words` words zero. */
  private zeroBits(i: number, words = this.words): Int32Array {
    let b = this.bitsets[i];
    if (!b || b.length < words) b = this.bitsets[i] = allocate(Int32Array, Math.max(1024, words * 2), true);
    else b.fill(0, 0, words);
    return b;
  }

  /** A bitset column as a view of `words` words (zero past its end). */
  private bitsOf(c: Column<Int32Array>, words = this.words): Int32Array {
    c.reserve(words);
    while (c.length < words) c.push(0);
    return c.data;
  }

  // -------------------------------------------------------------------------------------------
  // Filters

  /** Unit codes whose key matches a unit name given by any alias (cached). */
  private unitCodesMatching(name: string): number[] {
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

  /** The measures the query's filters let through, as a bitset; null when none can pass. */
  private compileFilter(q: SearchQuery): Filter | null {
    const words = this.words;
    let bits: Int32Array | null = null;
    const placeFilters: [number, number][] = [];
    for (const [i, v] of [q.province, q.city, q.county].entries()) {
      if (!v) continue;
      const kc = this.placeKeyCode.get(placeKey(v));
      if (kc === undefined) return null;
      placeFilters.push([i, kc]);
    }
    const from = q.from ? dateNumber(q.from) : 0;
    const to = q.to ? dateNumber(q.to) : 0;
    if (q.doc !== undefined || placeFilters.length || from || to) {
      const only = q.doc !== undefined ? this.docSlot.get(q.doc) : undefined;
      if (q.doc !== undefined && only === undefined) return null;
      bits = this.zeroBits(B_FILTER, words);
      // Per place level: the key code wanted (-1: any), and each place code's key code.
      const want = [-1, -1, -1];
      for (const [i, kc] of placeFilters) want[i] = kc;
      const keyOf = Int32Array.from(this.placeKeyCodes);
      const cols = { groups: this.docGroup.data, codes: this.groupCodes.data };
      if (only !== undefined) {
        // One document (the slots of docSlot are all live), checked against the places and dates too.
        const list = Int32Array.of(only, this.docLo.data[only], this.docHi.data[only], this.docDate.data[only]);
        filterRangeList(bits, list, 4, from, to, want[0], want[1], want[2], keyOf, cols);
      } else if (placeFilters.length) {
        // The documents of the place with the fewest; further places checked document by document.
        let list: Column<Int32Array> | undefined;
        for (const [i, kc] of placeFilters) {
          const l = this.filterRanges.get(`${i}:${kc}`);
          if (!l) return null;
          if (!list || l.length < list.length) list = l;
        }
        if (placeFilters.length === 1) want.fill(-1);
        filterRangeList(bits, list!.data, list!.length, from, to, want[0], want[1], want[2], keyOf, cols);
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
      for (const c of codes) setWithRole(this.unitIds[c], this.unitRoles[c], role, unitBits);
      if (bits) this.k.andInto(bits, unitBits, words);
      else bits = unitBits;
    } else if (role) {
      // Alone, the role applies to any unit of the measure.
      const roleBits = this.bitsOf(this.roleBits[ROLES.findIndex((r) => ROLE_BIT[r] === role)], words);
      if (bits) this.k.andInto(bits, roleBits, words);
      else (bits = this.zeroBits(B_FILTER, words)).set(roleBits.subarray(0, words));
    }
    const aliveBits = this.bitsOf(this.aliveBits, words);
    if (bits && this.dead) this.k.andInto(bits, aliveBits, words);
    else if (!bits && this.dead) bits = aliveBits;
    const size = bits ? this.k.popcount(bits, words) : this.mid.length;
    return size ? { bits, size } : null;
  }

  // -------------------------------------------------------------------------------------------
  // Search

  search(query: SearchQuery): SearchResponse {
    const t0 = performance.now();
    // A search that threw left its facet job running: let it end, and drop its counts.
    if (this.facetJob) {
      this.endFacets();
      this.dropCounts();
    }
    this.syncDictionary();
    this.syncDense();
    this.ensureScratch();
    const q: SearchQuery = { ...query, q: query.q ?? "", limit: query.limit ?? 20, offset: query.offset ?? 0 };
    const groups = queryTokens(q.q);
    const tokens = [...new Set(groups.flat())];
    const filter = this.compileFilter(q);
    this.ranked = null;
    let count = 0;
    let ranked: [id: number, score: number][] = [];
    if (filter && groups.length === 0) {
      count = this.listAll(filter);
      this.beginFacets(count);
      ranked = slicedBits(this.bitsets[B_CAND], this.words, q.offset, q.offset + q.limit).map((id) => [id, 0]);
    } else if (filter) {
      const k = q.offset + q.limit;
      count = this.match(groups, filter, k);
      this.beginFacets(count);
      ranked = this.topK(count, k).slice(q.offset);
    }
    const hits: SearchHit[] = [];
    const records = this.getMeasures(ranked.map(([id]) => this.mid[id]));
    ranked.forEach(([id, score], i) => {
      const m = records[i];
      if (!m) return;
      hits.push({
        measure: m,
        document: this.docs[this.docOf.data[id]].ref,
        highlight: { title: m.title === null ? null : highlightAll(m.title, tokens), text: highlightSnippet(m.text, tokens) },
        score,
      });
    });
    const facets = this.facets(count);
    return { query: q, tokens, total: count, hits, facets, tookMs: performance.now() - t0 };
  }

  /** Every measure that passes the filter, into bitset B_CAND (number order is document order); returns how many. */
  private listAll(f: Filter): number {
    const words = this.words;
    const all = this.zeroBits(B_CAND, words);
    if (f.bits) all.set(f.bits.subarray(0, words));
    else setRange(all, 0, this.mid.length);
    this.candDense = true;
    return f.size;
  }

  private syncDense(): void {
    this.denseBody.sync(this.body, this.mid.length);
    this.denseTitle.sync(this.title, this.mid.length);
  }

  /** The postings of each group (alternatives' body and title slot lists), smallest group first. */
  private termPostings(groups: string[][]) {
    return groups
      .map((alts) => {
        const body = alts.map((t) => postings(this.body, t));
        const title = alts.map((t) => postings(this.title, t));
        let size = 0;
        let arrays = 0;
        for (const list of [...body, ...title])
          for (const a of list)
            if (a && a.length) {
              size += a.length;
              arrays++;
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
  private match(groups: string[][], f: Filter, k: number): number {
    const G = this.termPostings(groups);
    if (G[0].size === 0) return 0;
    const few = Math.min(G[0].size, f.size);
    // One group is ranked by its title slots in the bitset plan, which pays off from fewer matches.
    const from = G.length === 1 ? this.bitsetFrom / 2 : this.bitsetFrom;
    return few < from ? this.matchList(G, f) : this.matchBits(G, f, k);
  }

  /**
   * List plan: the candidates come from the smallest group's postings, or from the filter when it
   * lets fewer measures through; each further group is then either scanned (its postings checked
   * against a bitset of the candidates, which stays in cache), probed (each candidate looked up by
   * binary search in the group's slots, ascending) or, for long terms, looked up in their bitsets
   * (constant time per candidate), whichever costs less. Scores to `acc`.
   */
  private matchList(G: ReturnType<MeasureIndex["termPostings"]>, f: Filter): number {
    const bonus = 2 * RESOLUTION * G.length + 1;
    const words = this.words;
    const acc = this.acc;
    const cand = this.cand;
    let inSet = this.zeroBits(B_CAND, words);
    let next = this.zeroBits(B_NEXT, words);
    const inTitle = this.zeroBits(B_TITLE, words);
    let n = 0;
    let g0 = 0;
    if (f.bits && f.size < G[0].size) {
      // The filter is the smaller side: its measures are the candidates, every group a further one.
      n = listBits(f.bits, words, cand, 0, f.size);
      inSet.set(f.bits.subarray(0, words));
      for (let c = 0; c < n; c++) acc[cand[c]] = 0;
    } else {
      g0 = 1;
      const first = G[0];
      for (let s = 0; s < RESOLUTION; s++)
        for (const list of first.body) {
          const arr = list[s];
          if (arr) n = collectBody(arr, RESOLUTION - s, f.bits, inSet, acc, cand, n);
        }
      for (let s = 0; s < RESOLUTION; s++)
        for (const list of first.title) {
          const arr = list[s];
          if (arr) n = collectTitle(arr, bonus + RESOLUTION - s, f.bits, inSet, inTitle, acc, cand, n);
        }
      inTitle.fill(0, 0, words);
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
        for (const t of body!.terms) denseBest(cand, n, t.bits, t.pre, t.slot, best);
        addBest(cand, n, best, RESOLUTION, RESOLUTION, next, acc);
        if (title) {
          best.fill(RESOLUTION, 0, n);
          for (const t of title.terms) denseBest(cand, n, t.bits, t.pre, t.slot, best);
          addBest(cand, n, best, RESOLUTION, bonus + RESOLUTION, next, acc);
        }
      } else
        for (let s = 0; s < RESOLUTION; s++)
          for (const list of grp.body) {
            const arr = list[s];
            if (arr) markBody(arr, RESOLUTION - s, inSet, next, acc);
          }
      if (!lookUp || !title) {
        for (let s = 0; s < RESOLUTION; s++)
          for (const list of grp.title) {
            const arr = list[s];
            if (arr) markTitle(arr, bonus + RESOLUTION - s, inSet, inTitle, next, acc);
          }
        inTitle.fill(0, 0, words);
      }
      n = keepMarked(cand, n, next);
      inSet.fill(0, 0, words);
      const t = inSet;
      inSet = next;
      next = t;
      this.bitsets[B_CAND] = inSet;
      this.bitsets[B_NEXT] = next;
    }
    // The candidates stay set in B_CAND. Many: later passes read them from the bitset, in ascending
    // order (per-measure arrays read front to back instead of at random); few: from the list.
    this.candDense = n * 8 > words;
    return n;
  }

  /**
   * The dense terms of a group's body or title postings, for lookups, and how many postings they
   * hold; null when a spelling with postings there has none (then its lists must be read), or when
   * the probe mode forces probing or scanning.
   */
  private denseOf(grp: ReturnType<MeasureIndex["termPostings"]>[number], part: "body" | "title"): { terms: DenseTerm[]; postings: number } | null {
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
  private matchBits(G: ReturnType<MeasureIndex["termPostings"]>, f: Filter, k: number): number {
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
        else for (const arr of grp.body[a]) if (arr) setAll(arr, bits);
        const title = this.denseTitle.get(term);
        if (title) {
          this.k.orInto(bits, title, words);
          if (inTitle) this.k.orInto(inTitle, title, words);
        } else
          for (const arr of grp.title[a])
            if (arr) {
              setAll(arr, bits);
              if (inTitle) setAll(arr, inTitle);
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
  private rankByTitleSlots(grp: ReturnType<MeasureIndex["termPostings"]>[number], matches: Int32Array, k: number, bonus: number) {
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
        if (arr) count += setWithin(arr, rank, matches);
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
  private scoreRank(G: ReturnType<MeasureIndex["termPostings"]>, rank: Int32Array, count: number, bonus: number): void {
    const words = this.words;
    const pre = this.prefix.length >= words ? this.prefix : (this.prefix = new Int32Array(words * 2));
    this.k.prefixCounts(rank, words, pre, 0);
    const acc = this.acc;
    acc.fill(0, 0, count);
    // Slots best first; once every ranked measure has its best slot of a group, the rest can go.
    const score = (lists: Slots[], weight: number) => {
      const seen = this.zeroBits(B_SEEN, words);
      let left = count;
      for (let s = 0; s < RESOLUTION && left > 0; s++)
        for (const list of lists) {
          const arr = list[s];
          if (arr && left > 0) left -= scoreRanked(arr, weight + RESOLUTION - s, rank, pre, seen, acc);
        }
    };
    // A part whose postings are all dense and outnumber the ranked measures: each ranked one looked up.
    const lookUp = (grp: (typeof G)[number], part: "body" | "title", weight: number): boolean => {
      const dense = this.denseOf(grp, part);
      if (!dense || (this.probe !== "dense" && count * LOOKUP_COST * dense.terms.length >= dense.postings)) return false;
      const best = this.best;
      best.fill(RESOLUTION, 0, count);
      for (const t of dense.terms) denseBestRanked(rank, words, t.bits, t.pre, t.slot, best);
      addBestRanked(best, count, RESOLUTION, weight + RESOLUTION, acc);
      return true;
    };
    for (const grp of G) {
      if (!lookUp(grp, "body", 0)) score(grp.body, 0);
      if (!lookUp(grp, "title", bonus)) score(grp.title, bonus);
    }
  }

  /** The k best matches by score (then number, i.e. document order), best first, with their scores. */
  private topK(n: number, k: number): [id: number, score: number][] {
    const words = this.words;
    if (this.ranked?.top) return this.ranked.top;
    if (this.ranked) return this.k.topByScoreBits(this.ranked.bits, words, this.ranked.count, this.acc, k, true);
    return this.candDense ? this.k.topByScoreBits(this.bitsets[B_CAND], words, n, this.acc, k) : topByScore(this.cand, n, this.acc, k);
  }

  /** Rank of each code when its values are sorted (ties in counts go to the smaller value); cached until the table changes. */
  private ranks(kind: "doc" | "unit" | "place"): { rank: Int32Array; byRank: Int32Array; display?: string[] } {
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
  private newFacetJob(): FacetJob {
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
  private beginFacets(count: number): void {
    if (this.facetJob || !this.candDense || count === 0 || count < this.facetThreadFrom) return;
    const thread = FacetThread.get();
    if (!thread) return;
    this.facetJob = thread.start(this.newFacetJob(), this.k !== JS_KERNELS);
  }

  /**
   * Wait for the facet job. False when it failed: its counts are then dropped (fresh zero arrays; the
   * thread is not used again) and must be counted here.
   */
  private endFacets(): boolean {
    this.facetJob = false;
    if (FacetThread.get()!.finish()) return true;
    this.dropCounts();
    return false;
  }

  /** Fresh zero count arrays in place of ones holding counts that will not be read. */
  private dropCounts(): void {
    this.counts = newCounts();
    this.codeCounts = this.codeCounts.map((a) => allocate(Int32Array, a.length, true));
    this.codeTouched = this.codeTouched.map((a) => allocate(Int32Array, a.length, true));
    this.ensureScratch();
  }

  /** Facet counts over all the matches of the last query (`count` of them). */
  private facets(count: number): Facets {
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

  // -------------------------------------------------------------------------------------------
  // Units

  /** The canonical name most often seen for a unit code (ties: the shorter, then the first in code order). */
  private unitName(code: number): string {
    let best = "";
    let bestN = -1;
    for (const [name, n] of this.unitCanon[code]) {
      if (n > bestN || (n === bestN && (name.length < best.length || (name.length === best.length && name < best)))) {
        best = name;
        bestN = n;
      }
    }
    return best || this.unitKeys[code];
  }

  private unitSummary(code: number): UnitSummary | null {
    const ids = this.unitIds[code];
    const roles = this.unitRoles[code];
    const s: UnitSummary = { key: this.unitKeys[code], name: this.unitName(code), names: [...this.unitSpell[code]], count: 0, lead: 0, coop: 0, responsible: 0 };
    for (let i = 0; i < ids.length; i++) {
      if (!this.isAlive(ids[i])) continue;
      s.count++;
      if (roles[i] & ROLE_BIT.lead) s.lead++;
      if (roles[i] & ROLE_BIT.coop) s.coop++;
      if (roles[i] & ROLE_BIT.responsible) s.responsible++;
    }
    return s.count ? s : null;
  }

  /** Units whose name matches `q` by any alias (all units for an empty q), most often named first. */
  unitsMatching(q: string, limit = 50): UnitSummary[] {
    const codes = q.trim() ? this.unitCodesMatching(q.trim()) : this.unitKeys.map((_, c) => c);
    const out: UnitSummary[] = [];
    for (const c of codes) {
      const s = this.unitSummary(c);
      if (s) out.push(s);
    }
    out.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return out.slice(0, limit);
  }

  /**
   * What a unit (any alias of its name) leads, cooperates on or is responsible for, grouped by document
   * (newest first), measures in document order with their roles and deadlines; at most `limit` measures.
   */
  measuresOfUnit(name: string, limit = 500): UnitMeasures {
    const codes = name.trim() ? this.unitCodesMatching(name.trim()) : [];
    const rolesOf = new Map<number, number>();
    for (const c of codes) {
      const ids = this.unitIds[c];
      const roles = this.unitRoles[c];
      for (let i = 0; i < ids.length; i++) if (this.isAlive(ids[i])) rolesOf.set(ids[i], (rolesOf.get(ids[i]) ?? 0) | roles[i]);
    }
    const bySlot = new Map<number, number[]>();
    for (const id of rolesOf.keys()) {
      const s = this.docOf.data[id];
      const list = bySlot.get(s) ?? [];
      list.push(id);
      bySlot.set(s, list);
    }
    const slots = [...bySlot.keys()].sort((a, b) => this.docDate.data[b] - this.docDate.data[a] || a - b);
    const documents: UnitMeasures["documents"] = [];
    let budget = limit;
    for (const s of slots) {
      if (budget <= 0) break;
      const d = this.docs[s];
      // Numbers within a document follow its order.
      const ids = bySlot.get(s)!.sort((a, b) => a - b).slice(0, budget);
      const measures: UnitMeasure[] = [];
      for (const id of ids) {
        const m = this.getMeasure(this.mid[id]);
        if (!m) continue;
        const bits = rolesOf.get(id)!;
        measures.push({ id: m.id, path: m.path, title: m.title, roles: ROLES.filter((r) => bits & ROLE_BIT[r]), deadlines: m.deadlines });
      }
      budget -= ids.length;
      documents.push({ document: d.ref, measures });
    }
    const units = codes.map((c) => this.unitSummary(c)).filter((u): u is UnitSummary => u !== null);
    units.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1));
    return { query: name, units, total: rolesOf.size, documents };
  }

  // -------------------------------------------------------------------------------------------
  // Persistence

  /** Write the index into `dir` (created when missing); `extra`: fields added to the manifest (the store's change counter). */
  save(dir: string, extra: Record<string, unknown> = {}): void {
    mkdirSync(dir, { recursive: true });
    this.syncDictionary();
    const liveSlots = [...this.docSlot.values()];
    const manifest = {
      format: SNAPSHOT_FORMAT,
      tokenizer: TOKENIZER_FINGERPRINT,
      documentIds: this.documentIds(),
      words: [...this.covered],
      // Dead measures as "".
      mid: this.mid.map((m, i) => (this.isAlive(i) ? m : "")),
      docs: this.docs.map((d, s) => (this.docAlive.data[s] ? d.ref : null)),
      places: this.places,
      units: this.unitKeys.map((key, c) => ({ key, canon: [...this.unitCanon[c]], names: [...this.unitSpell[c]] })),
      live: liveSlots.length,
      ...extra,
    };
    writeSnapshot(
      dir,
      manifest,
      {
        docOf: this.docOf.view(),

        docLo: this.docLo.view(),
        docHi: this.docHi.view(),
        uOff: this.uOff.view(),
        uVal: this.uVal.view(),
      },
      { body: this.body, title: this.title },
    );
  }

  /**
   * Start from the copy saved in `dir`. When it is missing, unreadable, or of another format or
   * tokenizer, rebuild from the store. When its document ids differ from the store's (stale): a few
   * documents apart (at most 10, or a tenth), bring it up to date from the store (remove the documents
   * the store no longer has, add the new ones); more, rebuild. A rebuilt or updated copy is saved
   * again (unless `save: false`).
   */
  static load(dir: string, store: Store, options: Omit<MeasureIndexOptions, "source"> & { save?: boolean } = {}): MeasureIndex {
    const storeIds = storeDocumentIds(store);
    const copy = MeasureIndex.fromDir(dir, { ...options, source: storeSource(store) });
    if (copy) {
      const have = new Set(copy.documentIds());
      const differ = storeIds.filter((id) => !have.has(id)).length + [...have].filter((id) => !storeIds.includes(id)).length;
      if (differ === 0) return copy;
      if (differ <= Math.max(10, storeIds.length / 10)) {
        copy.syncWith(store);
        if (options.save !== false) copy.save(dir);
        return copy;
      }
    }
    const index = MeasureIndex.fromStore(store, options);
    if (options.save !== false) index.save(dir);
    return index;
  }

  /**
   * Bring the index in line with the store's documents: remove those the store no longer has (a
   * replaced file's old version too), add those it lacks. For the server after an ingest.
   */
  syncWith(store: Store): { added: string[]; removed: string[] } {
    const storeIds = storeDocumentIds(store);
    const want = new Set(storeIds);
    const removed = this.documentIds().filter((id) => !want.has(id));
    for (const id of removed) this.removeDocument(id);
    const added: string[] = [];
    for (const id of storeIds) {
      if (this.docSlot.has(id)) continue;
      const d = store.getDocument(id);
      if (!d) continue;
      this.addDocument({ id: d.id, title: d.title, docNumber: d.docNumber, issuer: d.issuer, region: d.region, date: d.issuedDate ?? d.publishedDate }, d.measures);
      added.push(id);
    }
    return { added, removed };
  }

  /** Whether the copy in `dir` is missing, of another format or tokenizer, or does not match the store's documents. */
  static isStale(dir: string, store: Store): boolean {
    const m = readManifest(dir);
    return !m || m.format !== SNAPSHOT_FORMAT || m.tokenizer !== TOKENIZER_FINGERPRINT || !sameIds(m.documentIds, storeDocumentIds(store));
  }

  /** The copy saved in `dir` as it is, without comparing it with a store; null when missing or unreadable. */
  static fromDir(dir: string, options: MeasureIndexOptions = {}): MeasureIndex | null {
    const m = readManifest(dir);
    if (!m || m.format !== SNAPSHOT_FORMAT || m.tokenizer !== TOKENIZER_FINGERPRINT) return null;
    const snap = readSnapshot(dir, m);
    if (!snap) return null;
    try {
      return MeasureIndex.fromSnapshot(snap, options);
    } catch {
      return null;
    }
  }

  /** Restore from a snapshot read by readSnapshot(). */
  static fromSnapshot(snap: Snapshot, options: MeasureIndexOptions): MeasureIndex {
    const m = snap.manifest as unknown as {
      words: string[];
      mid: string[];
      docs: (DocRef | null)[];
      places: string[];
      units: { key: string; canon: [string, number][]; names: string[] }[];
    };
    const c = snap.columns;
    const index = new MeasureIndex(options);
    // The dictionary as it was when the documents were cut.
    addWords(m.words);
    for (const w of m.words) index.covered.add(w);
    index.mid = m.mid;
    index.docOf = Column.from(Int32Array, c.docOf);
    index.uOff = Column.from(Uint32Array, c.uOff);
    index.uVal = Column.from(Uint32Array, c.uVal);
    for (const name of m.places) index.placeCodeOf(name);
    for (const u of m.units) {
      const code = index.unitCodeOf(u.key);
      index.unitCanon[code] = new Map(u.canon);
      index.unitSpell[code] = new Set(u.names);
    }
    const [lo, hi] = [c.docLo, c.docHi];
    const [uOff, uVal] = [c.uOff, c.uVal];
    m.docs.forEach((ref, s) => {
      const r = ref ?? { id: "", title: null, docNumber: null, issuer: null, region: { province: null, city: null, county: null }, date: null };
      index.docs.push({ ref: r });
      index.docAlive.push(ref ? 1 : 0);
      index.pushDocColumns(r);
      index.pushRange(s, lo[s], hi[s]);
      if (ref) index.docSlot.set(ref.id, s);
    });
    // Unit postings, lead units, bitsets and the dead count from the per-measure columns (dead: id "").
    const leads: number[] = [];
    for (let id = 0; id < index.mid.length; id++) {
      let mask = 0;
      leads.length = 0;
      for (let j = uOff[id]; j < uOff[id + 1]; j++) {
        const code = uVal[j] >>> 3;
        index.unitIds[code].push(id);
        index.unitRoles[code].push(uVal[j] & 7);
        mask |= uVal[j] & 7;
        if (uVal[j] & ROLE_BIT.lead) leads.push(code);
      }
      if (index.mid[id] !== "") index.setBit(index.aliveBits, id);
      else index.dead++;
      index.setRoleBits(id, mask);
      index.pushLeads(id, leads);
    }
    snap.importText({ body: index.body, title: index.title });
    index.syncDense();
    // Words added in this process that the saved tokens do not know are reconciled on first use.
    index.dictVersion = 0;
    return index;
  }
}

function sameIds(a: unknown, b: string[]): boolean {
  if (!Array.isArray(a) || a.length !== b.length) return false;
  const sa = [...a].sort();
  return sa.every((x, i) => x === b[i]);
}

