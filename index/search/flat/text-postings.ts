// The postings of a flexsearch text index as flat arrays, for the snapshot: its terms sorted (one UTF-8
// blob with offsets), per term and resolution slot an offset into one array of measure numbers. On load
// the index's term map becomes a FlatTermMap over those arrays (views into the snapshot file, nothing
// parsed): a term's slot lists are made into the plain arrays flexsearch works on only when it is first
// asked for (a query, or a new document holding it); the other terms stay in the flat arrays. An index
// built in the process is given the same form in memory once the build ends (compact.ts).
import type { Index } from "flexsearch";
import { StringColumn, encodeStrings } from "./strings.ts";

export type Slots = (number[] | null | undefined)[];
type SlotsLike = ArrayLike<ArrayLike<number> | null | undefined>;

export interface FlatPostings {
  terms: StringColumn;
  /** Slot lists of term t: ids[off[t * r + s] .. off[t * r + s + 1]) for slot s < r. */
  off: Uint32Array;
  ids: Int32Array;
  /** Resolution (slots per term). */
  r: number;
}

const termMap = (index: Index) => (index as unknown as { map: Map<string, Slots> }).map;

/** Flat postings as a snapshot's sections hold them: the terms' UTF-8 blob and offsets, slot offsets, ids. */
export interface FlatArrays {
  terms: Uint8Array;
  termOff: Uint32Array;
  off: Uint32Array;
  ids: Int32Array;
}

/**
 * The flat form of a text index's postings (flexsearch's map; a FlatTermMap read without making arrays).
 * A FlatTermMap none of whose terms were made into arrays gives its flat arrays as they are.
 */
export function flattenPostings(index: Index, r: number): FlatArrays {
  const map = termMap(index);
  const base = map instanceof FlatTermMap ? map.base() : null;
  if (base && base.r === r) {
    const { blob, off: termOff } = base.terms.encoded;
    return { terms: blob, termOff, off: base.off, ids: base.ids };
  }
  const terms = [...map.keys()].sort();
  const lists = terms.map((t) => (map instanceof FlatTermMap ? map.peek(t) : map.get(t)) as SlotsLike);
  let total = 0;
  for (const slots of lists) for (let s = 0; s < r && s < slots.length; s++) total += slots[s]?.length ?? 0;
  const off = new Uint32Array(terms.length * r + 1);
  const ids = new Int32Array(total);
  let at = 0;
  lists.forEach((slots, t) => {
    for (let s = 0; s < r; s++) {
      off[t * r + s] = at;
      const list = s < slots.length ? slots[s] : null;
      if (list) for (let i = 0; i < list.length; i++) ids[at++] = list[i];
    }
  });
  off[terms.length * r] = at;
  const { blob, off: termOff } = encodeStrings(terms);
  return { terms: blob, termOff, off, ids };
}

/**
 * Put the flat postings under `index` in place of its term map (empty, or holding the same postings).
 * `owned`: the arrays are the index's own (made in memory), not views of a snapshot file's buffer.
 */
export function attachPostings(index: Index, flat: FlatPostings, owned = false): void {
  (index as unknown as { map: Map<string, Slots> }).map = new FlatTermMap(flat, owned);
}

/** A term's slot lists, read only: views of a snapshot's flat lists that have not been made into arrays. */
export function peekSlots(map: Map<string, Slots>, term: string): SlotsLike | undefined {
  return map instanceof FlatTermMap ? map.peek(term) : map.get(term);
}

/** The number of postings of a term over all its slots, without making its arrays. */
export function postingCount(map: Map<string, Slots>, term: string): number {
  const slots = map instanceof FlatTermMap ? map.peek(term) : map.get(term);
  let n = 0;
  if (slots) for (let s = 0; s < slots.length; s++) n += slots[s]?.length ?? 0;
  return n;
}

/** Terms whose views read() keeps (about 1 KB each); past this many the cache starts again. */
const VIEW_CACHE = 4096;

/**
 * flexsearch's term → slot lists map, backed by flat arrays: `get` makes a term's plain arrays on first
 * use and keeps them (flexsearch appends to them); keys, size and iteration cover both kinds.
 */
export class FlatTermMap extends Map<string, Slots> {
  /** Terms set here that the flat arrays do not hold. */
  private extra = 0;

  constructor(
    private flat: FlatPostings | null,
    /** The flat arrays were made in memory (a build's end, a save), not views of a snapshot file. */
    readonly owned = false,
  ) {
    super();
  }

  /** The flat postings, when no term has been made into arrays nor added beside them (else null). */
  base(): FlatPostings | null {
    return super.size === 0 ? this.flat : null;
  }

  /** Postings in the flat arrays, and in the terms made into arrays (or added) since. */
  counts(): { flat: number; plain: number } {
    let plain = 0;
    for (const slots of super.values()) for (let s = 0; s < slots.length; s++) plain += slots[s]?.length ?? 0;
    return { flat: this.flat?.ids.length ?? 0, plain };
  }

  private find(term: string): number {
    const terms = this.flat?.terms;
    if (!terms) return -1;
    let lo = 0;
    let hi = terms.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = terms.get(mid);
      if (t === term) return mid;
      if (t < term) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The slot lists of flat term t, as views (read only). */
  private views(t: number): Int32Array[] {
    const { off, ids, r } = this.flat!;
    const out: Int32Array[] = [];
    for (let s = 0; s < r; s++) out.push(ids.subarray(off[t * r + s], off[t * r + s + 1]));
    return out;
  }

  /** A term's slot lists without making arrays: the plain ones when made, else views of the flat ones. */
  peek(term: string): SlotsLike | undefined {
    const own = super.get(term);
    if (own !== undefined) return own;
    const t = this.find(term);
    return t < 0 ? undefined : this.views(t);
  }

  /** Views of flat terms' lists by term (null: no such flat term), made once: the flat arrays never change. */
  private viewCache = new Map<string, Int32Array[] | null>();

  /**
   * A term's slot lists to search (read only): once made into arrays (flexsearch appends to those), copies of
   * them as Int32Array lists, so that the native kernels read an upload's terms too; else views of the flat
   * ones, without making arrays (`get` would, and keep them).
   */
  read(term: string): Slots | Int32Array[] | undefined {
    const own = super.get(term);
    if (own !== undefined) return this.packedOf(term, own);
    let v = this.viewCache.get(term);
    if (v === undefined) {
      const t = this.find(term);
      v = t < 0 ? null : this.views(t);
      if (this.viewCache.size >= VIEW_CACHE) this.viewCache.clear();
      this.viewCache.set(term, v);
    }
    return v ?? undefined;
  }

  /** Int32Array copies of the terms made into arrays (an upload's terms), read by the native kernels; made again once the arrays grow. */
  private packed = new Map<string, Int32Array[]>();

  /** A term's arrays as Int32Array copies: the copy kept while every slot list still has its length (postings only grow). */
  private packedOf(term: string, own: Slots): Int32Array[] {
    const kept = this.packed.get(term);
    if (kept && kept.length === own.length && kept.every((v, s) => v.length === (own[s]?.length ?? 0))) return kept;
    const out: Int32Array[] = [];
    for (let s = 0; s < own.length; s++) out.push(own[s] ? Int32Array.from(own[s]!) : new Int32Array(0));
    if (this.packed.size >= VIEW_CACHE) this.packed.clear();
    this.packed.set(term, out);
    return out;
  }

  override get(term: string): Slots | undefined {
    const own = super.get(term);
    if (own !== undefined || !this.flat) return own;
    const t = this.find(term);
    if (t < 0) return undefined;
    const slots: Slots = [];
    this.views(t).forEach((v, s) => {
      if (v.length) slots[s] = Array.from(v);
    });
    super.set(term, slots);
    return slots;
  }

  override has(term: string): boolean {
    return super.has(term) || this.find(term) >= 0;
  }

  override set(term: string, slots: Slots): this {
    if (!super.has(term) && this.find(term) < 0) this.extra++;
    return super.set(term, slots);
  }

  override delete(term: string): boolean {
    // Not used by the index (postings only grow); made plain first so that the flat copy goes too.
    if (!this.has(term)) return false;
    this.materializeAll();
    return super.delete(term);
  }

  override clear(): void {
    this.flat = null;
    this.viewCache.clear();
    this.packed.clear();
    this.extra = 0;
    super.clear();
  }

  override get size(): number {
    return this.flat ? this.flat.terms.length + this.extra : super.size;
  }

  override *keys(): MapIterator<string> {
    const terms = this.flat?.terms;
    if (terms) for (let t = 0; t < terms.length; t++) yield terms.get(t);
    for (const k of super.keys()) if (!terms || this.find(k) < 0) yield k;
  }

  override *entries(): MapIterator<[string, Slots]> {
    for (const k of this.keys()) yield [k, this.get(k)!];
  }

  override *values(): MapIterator<Slots> {
    for (const k of this.keys()) yield this.get(k)!;
  }

  override [Symbol.iterator](): MapIterator<[string, Slots]> {
    return this.entries();
  }

  override forEach(fn: (value: Slots, key: string, map: Map<string, Slots>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }

  private materializeAll(): void {
    const terms = this.flat?.terms;
    if (!terms) return;
    for (let t = 0; t < terms.length; t++) this.get(terms.get(t));
    this.flat = null;
    this.viewCache.clear();
    this.extra = 0;
  }
}
