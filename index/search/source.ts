// What the index reads and gives: where full measure records come from (the store as a source),
// the options of the index, and the unit summaries it answers with.
import type { Deadline, Measure, Unit } from "../../extract/schema.ts";
import type { DocRef } from "../schema.ts";
import type { StoreEngine, StoreEngine as Store } from "../store/engine.ts";

export type UnitRole = Unit["role"];

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
   * fetched (default 32768; 0: always, Infinity: never; tests).
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

/** The store as a measure source (pages of hits read in one statement); either engine. */
export function storeSource(store: StoreEngine): MeasureSource {
  return {
    getMeasure: (id) => store.getMeasure(id),
    getMeasures: (ids) => store.getMeasures(ids),
    findContaining: (words) => store.measureIdsContaining(words),
  };
}

/** A stored document's metadata as the index holds it (its date: issued, else published). */
export function docRefOf(d: Omit<DocRef, "date"> & { issuedDate: string | null; publishedDate: string | null }): DocRef {
  return { id: d.id, title: d.title, docNumber: d.docNumber, issuer: d.issuer, region: d.region, date: d.issuedDate ?? d.publishedDate };
}

/** Every document of the store as a DocRef, in the store's list order (one listing: paging sorted them all again per page). */
export function storeDocumentRefs(store: Store): DocRef[] {
  return store.listDocuments(Number.MAX_SAFE_INTEGER, 0).map(docRefOf);
}

/** Every document of the store as a DocRef with its measures, in the store's list order. */
export function* storeDocuments(store: Store): Generator<{ ref: DocRef; measures: Measure[] }> {
  for (const ref of storeDocumentRefs(store)) yield { ref, measures: store.measuresOf(ref.id) };
}

export function storeDocumentIds(store: Store): string[] {
  return store.documentIds();
}
