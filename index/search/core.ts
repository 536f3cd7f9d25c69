// The columns of the measure index and how documents are added to them. Internal numbers only grow
// and are given a document at a time, so that the measures of a document have consecutive numbers (a
// document indexed again gets new ones; the old are flagged dead, their postings stay until the next
// rebuild and are masked out). See search.ts for the whole picture.
import type { Measure } from "../../extract/schema.ts";
import { DensePostings } from "./dense-postings.ts";
import { kernelsFor, type BitKernels } from "./native-kernels.ts";
import { allocate, Column } from "./growable.ts";
import { MeasureIds } from "./flat/columns.ts";
import type { SavedUnits } from "./flat/units.ts";
import type { FacetCounts } from "./facet-kernels.ts";
import { placeKey, unitKeyIn } from "./match-keys.ts";
import { scopeOf } from "./regions.ts";
import type { DocRef } from "../schema.ts";
import { addWords, dictionaryVersion, wordsSince } from "./tokenizer.ts";
import type { MeasureIndexOptions, MeasureSource, MeasureTokens } from "./source.ts";
import { PRE, newTextIndex } from "./text-index.ts";
import { ROLES, ROLE_BIT } from "./roles.ts";
import { newCounts } from "./query-scratch.ts";

export function dateNumber(d: string | null): number {
  return d ? Number(d.slice(0, 4)) * 10000 + Number(d.slice(5, 7)) * 100 + Number(d.slice(8, 10)) : 0;
}

/** A document's measures are numbered docLo[slot] .. docHi[slot] - 1, in document order. */
export interface DocSlot {
  ref: DocRef;
  /** A document without a place: 国家层面 or 地区未识别 (regions.ts); null when it has one. */
  scope: string | null;
}

export class IndexCore {
  protected body = newTextIndex();
  protected title = newTextIndex();
  /** Their long posting lists as bitsets too (bitset plan). */
  protected denseBody: DensePostings;
  protected denseTitle: DensePostings;
  protected readonly source?: MeasureSource;
  protected readonly facetLimit: number;
  protected readonly probe: "auto" | "always" | "never" | "dense";
  protected readonly bitsetFrom: number;
  protected readonly facetThreadFrom: number;
  /** Facet counting and whole-bitset passes: the native kernels where built, else the JavaScript ones. */
  protected readonly k: BitKernels;
  /** The facets of the current query are being counted on the facet thread. */
  protected facetJob = false;
  /** Measures handed to addDocument that the source does not have. */
  protected overlay = new Map<string, Measure>();

  // Per measure (internal number).
  protected mid = new MeasureIds();
  protected docOf = new Column(Int32Array);
  /** Bitsets: alive measures, and measures naming a unit in each role (lead, coop, responsible). */
  protected aliveBits = new Column(Int32Array);
  protected roleBits = [0, 1, 2].map(() => new Column(Int32Array, 1024, true));
  /** Measures flagged dead (removed or indexed again); while 0, unfiltered queries skip the checks. */
  protected dead = 0;
  protected uOff = new Column(Uint32Array); // units of measure i: uVal[uOff[i] .. uOff[i + 1])
  protected uVal = new Column(Uint32Array); // unit code << 3 | role bits

  // Per document slot.
  protected docs: DocSlot[] = [];
  protected docSlot = new Map<string, number>();
  protected docAlive = new Column(Uint8Array);
  protected docDate = new Column(Uint32Array);
  /** Its measures' numbers are docLo .. docHi - 1 (slots cover the numbers in order). */
  protected docLo = new Column(Int32Array);
  protected docHi = new Column(Int32Array, 1024, true);
  /** Per bitset word: the slot holding its first number. */
  protected wordDoc = new Column(Int32Array, 1024, true);
  /** Lead units (牵头单位) by bitset word, for the facets: see FacetColumns (the mask is the lead role bitset). */
  protected leadBase = new Column(Int32Array, 1024, true);
  protected leadUnits = new Column(Int32Array, 1024, true);
  protected leadMulti = new Column(Int32Array, 1024, true);
  /** Its facet group: documents of the same province, city, county and year count together. */
  protected docGroup = new Column(Int32Array, 1024, true);
  /** Per facet group: province, city, county (place codes), year; -1 none. */
  protected groupCodes = new Column(Int32Array, 1024, true);
  protected groupOf = new Map<string, number>();
  /**
   * For filters, per place ("level:key code") and per year ("y2020"): its documents as (slot, first
   * measure, end, date) quadruples, read front to back; the years seen (first, last).
   */
  protected filterRanges = new Map<string, Column<Int32Array>>();
  protected years = [Infinity, -Infinity];

  // Place names: code -> name, code -> key code (for filters).
  protected places: string[] = [];
  protected placeCode = new Map<string, number>();
  protected placeKeyCodes: number[] = [];
  protected placeKeyCode = new Map<string, number>();

  // Units: code -> key, postings (internal numbers with role bits), names seen.
  protected unitKeys: string[] = [];
  protected unitCode = new Map<string, number>();
  protected unitIds: number[][] = [];
  protected unitRoles: number[][] = [];
  protected unitCanon: (Map<string, number> | undefined)[] = [];
  protected unitSpell: (Set<string> | undefined)[] = [];
  /** Units restored from a snapshot: their names decoded when first asked for (canonOf, spellOf). */
  protected savedUnits: SavedUnits | null = null;
  protected unitMatchCache = new Map<string, number[]>();
  protected rankCache: Partial<Record<"doc" | "unit" | "place", { rank: Int32Array; byRank: Int32Array; display?: string[] }>> = {};

  // Dictionary words the tokens of this index are consistent with.
  protected dictVersion = 0;
  protected covered = new Set<string>();

  // Scratch space for queries.
  protected acc = new Int32Array(0);
  protected cand = new Int32Array(0);
  protected prefix = new Int32Array(0);
  /** Per candidate (or ranked measure): its best slot of a group (dense lookups). */
  protected best = new Int32Array(0);
  protected bitsets: Int32Array[] = [];
  /** The matches of the last query: in bitset B_CAND (dense) or in cand (list). */
  protected candDense = false;
  /** Bitset plan: the measures scored, from which the page is taken (null: the list plan). */
  protected ranked: { bits: Int32Array; count: number; top?: [id: number, score: number][] } | null = null;
  // Facet counts (in shared memory, for the facet thread).
  protected counts: FacetCounts = newCounts();
  /** Counts by province, city, county (place codes) and year (below 10000), the codes touched and how many. */
  protected codeCounts = [0, 1, 2, 3].map(() => allocate(Int32Array, 10000, true));
  protected codeTouched = [0, 1, 2, 3].map(() => allocate(Int32Array, 10000, true));
  protected codesOut = allocate(Int32Array, 4, true);

  constructor(options: MeasureIndexOptions = {}) {
    this.source = options.source;
    this.facetLimit = options.facetLimit ?? 50;
    this.probe = options.probe ?? "auto";
    this.bitsetFrom = options.bitsetFrom ?? 32768;
    // Below ~32k matches the count takes the main thread 0.05-0.3 ms at 1M measures; on a loaded 2-core
    // machine waking and waiting for the thread cost more than that (bench p50 4.3 ms at 4096, 2.3 at 32768).
    this.facetThreadFrom = options.facetThreadFrom ?? 32768;
    this.k = kernelsFor(options.native ?? true);
    this.denseBody = new DensePostings(options.denseFrom ?? 4096);
    this.denseTitle = new DensePostings(options.denseFrom ?? 4096);
    this.uOff.push(0);
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

  /** 国家层面 or 地区未识别 for an indexed document without a place, as the region facet counts it; null otherwise. */
  documentScope(docId: string): string | null {
    const slot = this.docSlot.get(docId);
    return slot === undefined ? null : this.docs[slot].scope;
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
      this.overlay.delete(this.mid.get(id));
    }
    this.docAlive.data[slot] = 0;
    this.docSlot.delete(docId);
    return true;
  }

  protected learnUnitWords(measures: Measure[]): void {
    const words = new Set<string>();
    for (const m of measures) for (const u of m.units) words.add(u.name);
    addWords(words);
  }

  protected insertDocument(doc: DocRef, measures: Measure[], tokens: MeasureTokens[] | undefined, keep: boolean): void {
    if (this.docSlot.has(doc.id)) this.removeDocument(doc.id);
    const slot = this.docs.length;
    this.rankCache.doc = undefined;
    const scope = scopeOf(doc, measures.flatMap((m) => m.units.map((u) => u.name)));
    this.docs.push({ ref: doc, scope });
    this.docSlot.set(doc.id, slot);
    this.docAlive.push(1);
    this.pushDocColumns(doc, scope);
    const lo = this.mid.length;
    measures.forEach((m, i) => {
      this.insertMeasure(slot, m, tokens?.[i]);
      if (keep && this.source?.getMeasure(m.id) == null) this.overlay.set(m.id, m);
    });
    this.pushRange(slot, lo, this.mid.length);
  }

  /** Date and facet group of a new slot. */
  protected pushDocColumns(doc: DocRef, scope: string | null): void {
    this.docDate.push(dateNumber(doc.date));
    const r = doc.region;
    // A document without a place counts under 国家层面 or 地区未识别 (regions.ts).
    const codes = [r.province ?? scope, r.city, r.county].map((name) => (name ? this.placeCodeOf(name) : -1));
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
  protected pushRange(slot: number, lo: number, hi: number): void {
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

  protected placeCodeOf(name: string): number {
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

  /** Canonical name → count of unit `code`. */
  protected canonOf(code: number): Map<string, number> {
    return (this.unitCanon[code] ??= this.savedUnits?.canon(code) ?? new Map());
  }

  /** Spellings of unit `code`. */
  protected spellOf(code: number): Set<string> {
    return (this.unitSpell[code] ??= this.savedUnits?.spell(code) ?? new Set());
  }

  protected unitCodeOf(key: string): number {
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

  protected insertMeasure(slot: number, m: Measure, tokens?: MeasureTokens): number {
    const id = this.mid.length;
    this.mid.push(m.id);
    this.docOf.push(slot);
    const region = this.docs[slot].ref.region;
    if (m.units.length) this.rankCache.unit = undefined;
    const roles = new Map<number, number>();
    for (const u of m.units) {
      const code = this.unitCodeOf(unitKeyIn(u.canonical, region));
      roles.set(code, (roles.get(code) ?? 0) | ROLE_BIT[u.role]);
      const canon = this.canonOf(code);
      canon.set(u.canonical, (canon.get(u.canonical) ?? 0) + 1);
      this.spellOf(code).add(u.name);
    }
    let mask = 0;
    const leads: number[] = [];
    for (const [code, bits] of roles) {
      if (bits & ROLE_BIT.lead) leads.push(code);
      this.uVal.push((code << 3) | bits);
      // A snapshot's unit postings are read-only views (search.ts fromSnapshot) until the unit gains a measure.
      if (!Array.isArray(this.unitIds[code])) [this.unitIds[code], this.unitRoles[code]] = [Array.from(this.unitIds[code]), Array.from(this.unitRoles[code])];
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
  protected syncDictionary(): void {
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
  protected reindexDocument(docId: string): void {
    const slot = this.docSlot.get(docId);
    if (slot === undefined) return;
    const measures = this.getMeasures(this.mid.slice(this.docLo.data[slot], this.docHi.data[slot]));
    if (measures.some((m) => m === null)) return;
    this.insertDocument(this.docs[slot].ref, measures as Measure[], undefined, true);
  }

  /** The lead unit codes of measure `id`, the next number (its lead role bit set with them). */
  protected pushLeads(id: number, codes: number[]): void {
    if ((id & 31) === 0) this.leadBase.push(this.leadUnits.length);
    if (codes.length === 1) this.leadUnits.push(codes[0]);
    else if (codes.length > 1) {
      this.leadUnits.push(~this.leadMulti.length);
      this.leadMulti.push(codes.length);
      for (const c of codes) this.leadMulti.push(c);
    }
  }

  /** Mark a measure in the bitset of each role its units take (mask of role bits). */
  protected setRoleBits(id: number, mask: number): void {
    ROLES.forEach((r, i) => {
      if (mask & ROLE_BIT[r]) this.setBit(this.roleBits[i], id);
    });
  }

  protected isAlive(id: number): boolean {
    return (this.aliveBits.data[id >>> 5] & (1 << (id & 31))) !== 0;
  }

  protected setBit(bits: Column<Int32Array>, id: number): void {
    const w = id >>> 5;
    while (bits.length <= w) bits.push(0);
    bits.data[w] |= 1 << (id & 31);
  }

  protected getMeasure(measureId: string): Measure | null {
    return this.overlay.get(measureId) ?? this.source?.getMeasure(measureId) ?? null;
  }

  protected getMeasures(ids: string[]): (Measure | null)[] {
    const src = this.source;
    if (!src?.getMeasures || ids.length < 2) return ids.map((id) => this.getMeasure(id));
    const missing = ids.filter((id) => !this.overlay.has(id));
    const found = new Map<string, Measure | null>();
    if (missing.length) src.getMeasures(missing).forEach((m, i) => found.set(missing[i], m));
    return ids.map((id) => this.overlay.get(id) ?? found.get(id) ?? null);
  }
}
