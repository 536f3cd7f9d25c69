// The library: facts about a document that only the whole collection can tell. Its status (现行 / 已到期
// / 已被替代, with the period text or the repealing document as reason), the documents it cites and
// that cite it, and which documents lack a place. Computed from the store and computed again when the
// store's change counter moves, from each document's facts (facts.ts: period, repeals, citations, place
// unknown) as the store keeps them since ingest: one query, no text read, so that a new process's first
// build and a change cost the links between documents, not every text. A start need not build it at all
// on the main thread (warm.ts): the statuses come from the saved core (status-core.ts) or from a worker
// thread that builds it (build-worker.ts), and are adopted while the store is still at the counter they
// were computed at.
import { z } from "zod";
import type { StoreEngine as Store } from "../store/engine.ts";
import type { FactsRow, FactsWrite } from "../store/facts.ts";
import { isoDate } from "../../extract/schema.ts";
import { Citation, citationMatches, type MatchKeys, rememberedKeys } from "../../extract/fields/citations.ts";
import { Period, type Repeal, type SupersedingDoc, Validity, type ValidityStatus, validityAsOf } from "../../extract/fields/validity.ts";
import { computeFacts, type DocFacts, type FactsMeta, factsKey, storedFacts } from "./facts.ts";
import { coreDates, coreStatuses, saveStatus, type StatusCore } from "./status-core.ts";

/** A library document as a link: what a reader needs to recognise it. */
export const LinkedDoc = z.object({
  id: z.string(),
  title: z.string().nullable(),
  docNumber: z.string().nullable(),
  date: isoDate.nullable(),
});
export type LinkedDoc = z.infer<typeof LinkedDoc>;

/** A citation of a document, with the library documents it names (empty when none is in the library). */
export const CitationLink = Citation.extend({ documents: z.array(LinkedDoc) });
export type CitationLink = z.infer<typeof CitationLink>;

/** A document that cites this one, with the citation as it wrote it. */
export const CitingDoc = LinkedDoc.extend({ text: z.string() });
export type CitingDoc = z.infer<typeof CitingDoc>;

/** Documents whose place is unknown: their units are kept apart until someone sets the place. */
export const Unplaced = z.object({ count: z.number().int(), documents: z.array(LinkedDoc) });
export type Unplaced = z.infer<typeof Unplaced>;

export { Validity, Period };

interface Entry {
  doc: LinkedDoc;
  period: Period | null;
  repeals: Repeal[];
  cites: CitationLink[];
  citedBy: CitingDoc[];
  supersededBy: SupersedingDoc[];
}

const link = (d: FactsMeta): LinkedDoc => ({ id: d.id, title: d.title, docNumber: d.docNumber, date: d.issuedDate ?? d.publishedDate });
const byDate = (a: LinkedDoc, b: LinkedDoc) => (a.date ?? "").localeCompare(b.date ?? "") || a.id.localeCompare(b.id);
const today = () => new Date().toISOString().slice(0, 10);

/**
 * The documents a citation may name (a superset of those citationMatches accepts, so that it is asked of a few
 * documents, not of every one): the same 文号, the same title, or a title of 6 or more characters inside the
 * cited one (found by its first 6 characters at each position of the cited title).
 */
function linkIndex(all: Entry[], keys: MatchKeys): (c: { title: string | null; docNumber: string | null }) => Entry[] {
  const byNo = new Map<string, Entry[]>();
  const byTitle = new Map<string, Entry[]>();
  const byHead = new Map<string, Entry[]>();
  const add = (m: Map<string, Entry[]>, k: string, e: Entry) => (m.get(k) ?? m.set(k, []).get(k)!).push(e);
  for (const e of all) {
    if (e.doc.docNumber) add(byNo, keys.docNumber(e.doc.docNumber), e);
    if (!e.doc.title) continue;
    const b = keys.title(e.doc.title);
    add(byTitle, b, e);
    if (b.length >= 6) add(byHead, b.slice(0, 6), e);
  }
  return (c) => {
    const out = new Set<Entry>(c.docNumber ? byNo.get(c.docNumber) : []);
    if (c.title) {
      const a = keys.title(c.title);
      for (const o of byTitle.get(a) ?? []) out.add(o);
      for (let i = 0; i + 6 <= a.length; i++) for (const o of byHead.get(a.slice(i, i + 6)) ?? []) out.add(o);
    }
    return [...out];
  };
}

/** What a build computed, as another thread hands it over (build-worker.ts): valid while the store's counter is `at`. */
export interface LibraryResult {
  at: number | null;
  core: StatusCore;
  unplaced: LinkedDoc[];
  /** Each document's entry as JSON, in the order of core.ids (parsed when the document is asked about); absent: core only. */
  entries?: string[];
}

export class Library {
  private entries = new Map<string, Entry>();
  /** Entries handed over as JSON (adopt), by id: parsed into `entries` when a document is asked about. */
  private entryJson: { ids: string[]; json: string[]; byId?: Map<string, string> } | null = null;
  /** Whether every document's entry is at hand (not so when only the core was adopted). */
  private full = false;
  private core: StatusCore = { ids: [], expires: [], replaced: [] };
  private unplacedDocs: LinkedDoc[] = [];
  private seen: number | null | undefined = undefined;
  /** A warm-up under way (warm.ts): searches wait for it rather than build on the main thread. */
  private pending: Promise<void> | null = null;

  constructor(private readonly store: Store) {}

  /** Forget what was computed (the next question computes it again). */
  invalidate(): void {
    this.seen = undefined;
  }

  /** Whether what is held was computed at the store's current counter (`full`: with every document's entry). */
  isFresh(full = false): boolean {
    const n = this.store.changes();
    return this.seen !== undefined && n !== null && n === this.seen && (this.full || !full);
  }

  /** Compute again when the store changed since the last time (its change counter moved), or when entries are needed and only the core is held. */
  private fresh(full = false): void {
    if (this.isFresh(full)) return;
    const n = this.store.changes();
    this.build();
    this.seen = n;
    this.save();
  }

  /** Save the core beside the index copy, for the next start (not on a store that cannot be written). */
  private save(): void {
    if (this.seen === null || this.seen === undefined || this.store.readOnly || this.store.writeRefusal) return;
    saveStatus(this.store.dataDir, { at: this.seen, core: this.core, unplaced: this.unplacedDocs });
  }

  /**
   * Take what another thread (or the saved file) computed, when the store is still at the counter it was
   * computed at and it adds to what is held. True when it is held now.
   */
  adopt(r: LibraryResult): boolean {
    if (r.at === null || r.at !== this.store.changes()) return false;
    if (this.seen === r.at && (this.full || !r.entries)) return true;
    this.core = r.core;
    this.unplacedDocs = r.unplaced;
    this.entries = new Map();
    this.entryJson = r.entries ? { ids: r.core.ids, json: r.entries } : null;
    this.full = !!r.entries;
    this.seen = r.at;
    return true;
  }

  /** Everything computed, for another thread to adopt (build-worker.ts). */
  result(): LibraryResult {
    this.fresh(true);
    const entries = this.core.ids.map((id) => JSON.stringify(this.entry(id)));
    return { at: this.seen ?? null, core: this.core, unplaced: this.unplacedDocs, entries };
  }

  /** Searches wait for `p` (a warm-up) instead of building here; it must not reject. */
  waitFor(p: Promise<void>): void {
    const mine: Promise<void> = p.finally(() => {
      if (this.pending === mine) this.pending = null;
    });
    this.pending = mine;
  }

  /** Resolved when no warm-up is under way (or what is held is already current). */
  ready(): Promise<void> {
    return !this.pending || this.isFresh() ? Promise.resolve() : this.pending;
  }

  /** A document's entry: as built here, or parsed from what was adopted. */
  private entry(id: string): Entry | undefined {
    let e = this.entries.get(id);
    if (!e && this.entryJson) {
      const j = this.entryJson;
      j.byId ??= new Map(j.ids.map((x, i) => [x, j.json[i]]));
      const text = j.byId.get(id);
      if (text) this.entries.set(id, (e = JSON.parse(text) as Entry));
    }
    return e;
  }

  /** Facts parsed from their stored JSON, by id, with the JSON they came from (parsed again only when it changes). */
  private parsed = new Map<string, { json: string | null; key: string; facts: DocFacts }>();

  /**
   * A document's facts: as stored (written at ingest and at each correction), else computed from its text
   * (a row stored before facts were kept, or of another metadata key) and queued to be written back.
   */
  private factsOf(r: FactsRow, writeBack: FactsWrite[]): DocFacts {
    const had = this.parsed.get(r.doc.id);
    if (had && had.json === r.facts && had.key === factsKey(r.doc)) return had.facts;
    let facts = storedFacts(r.facts, r.doc);
    if (!facts) {
      const text = this.store.getTexts(r.doc.id)?.repaired ?? "";
      facts = computeFacts(r.doc, text, () => this.store.measuresOf(r.doc.id).flatMap((m) => m.units));
      writeBack.push({ id: r.doc.id, facts: JSON.stringify(facts), was: r.facts });
    }
    this.parsed.set(r.doc.id, { json: r.facts, key: facts.key, facts });
    return facts;
  }

  private build(): void {
    const rows = this.store.documentFacts(); // one query: metadata and facts, no texts
    const entries = new Map<string, Entry>();
    const unplaced: LinkedDoc[] = [];
    const writeBack: FactsWrite[] = [];
    for (const r of rows) {
      const p = this.factsOf(r, writeBack);
      const doc = link(r.doc);
      entries.set(doc.id, { doc, period: p.period, repeals: p.repeals, cites: p.cites.map((c) => ({ ...c, documents: [] })), citedBy: [], supersededBy: [] });
      if (p.unplaced) unplaced.push(doc);
    }
    this.saveComputed(writeBack);
    for (const id of this.parsed.keys()) if (!entries.has(id)) this.parsed.delete(id);
    const all = [...entries.values()];
    const keys = rememberedKeys();
    const named = linkIndex(all, keys);
    for (const e of all) {
      for (const c of e.cites) {
        c.documents = named(c).filter((o) => o !== e && citationMatches(c, o.doc, keys)).map((o) => o.doc).sort(byDate);
        for (const o of c.documents) {
          const target = entries.get(o.id)!;
          if (!target.citedBy.some((x) => x.id === e.doc.id)) target.citedBy.push({ ...e.doc, text: c.text });
        }
      }
      for (const r of e.repeals) {
        const cs = [...r.titles.map((t) => ({ title: t, docNumber: null })), ...r.docNumbers.map((n) => ({ title: null, docNumber: n }))];
        for (const o of new Set(cs.flatMap(named))) {
          if (o === e || o.supersededBy.some((s) => s.id === e.doc.id)) continue;
          // Only a later (or undated) document replaces: an older one naming this title speaks of another version.
          if (o.doc.date && e.doc.date && e.doc.date < o.doc.date) continue;
          if (cs.some((c) => citationMatches(c, o.doc, keys))) o.supersededBy.push({ ...e.doc, text: r.text });
        }
      }
    }
    for (const e of all) {
      e.citedBy.sort(byDate);
      e.supersededBy.sort(byDate);
    }
    this.entries = entries;
    this.entryJson = null;
    this.full = true;
    this.unplacedDocs = unplaced.sort(byDate);
    const core: StatusCore = { ids: [], expires: [], replaced: [] };
    for (const e of all) {
      const [expires, replaced] = coreDates(e.period, e.supersededBy);
      core.ids.push(e.doc.id);
      core.expires.push(expires);
      core.replaced.push(replaced);
    }
    this.core = core;
  }

  /**
   * Write back facts computed here (rows stored before facts were kept), so that the next process reads them:
   * one transaction, only rows that still hold what was read; not at all on a store that cannot be written.
   */
  private saveComputed(list: FactsWrite[]): void {
    if (!list.length || this.store.writeRefusal) return;
    try {
      this.store.saveFacts(list);
    } catch {
      // Not written (e.g. the database is down): computed again by the next process, answers unchanged.
    }
  }

  /** Status of a document as of a date (default today); null for an unknown id. */
  status(id: string, asOf: string = today()): Validity | null {
    this.fresh(true);
    const e = this.entry(id);
    return e ? validityAsOf(e.period, e.supersededBy, asOf) : null;
  }

  /** Status of every document as of a date, by id (for search filters and ranking): from the core alone. */
  statuses(asOf: string = today()): Map<string, ValidityStatus> {
    this.fresh();
    if (this.statusCache?.asOf === asOf && this.statusCache.core === this.core) return this.statusCache.map;
    const out = coreStatuses(this.core, asOf);
    this.statusCache = { asOf, core: this.core, map: out };
    return out;
  }
  private statusCache: { asOf: string; core: StatusCore; map: Map<string, ValidityStatus> } | null = null;

  /** What a document cites, each with the library documents it names; null for an unknown id. */
  citations(id: string): CitationLink[] | null {
    this.fresh(true);
    return this.entry(id)?.cites ?? null;
  }

  /** Library documents that cite this one (oldest first); null for an unknown id. */
  citedBy(id: string): CitingDoc[] | null {
    this.fresh(true);
    return this.entry(id)?.citedBy ?? null;
  }

  /** Documents without a place (not national): count and links, for correction. */
  unplaced(): Unplaced {
    this.fresh();
    return { count: this.unplacedDocs.length, documents: this.unplacedDocs };
  }
}

const libraries = new WeakMap<Store, Library>();

/** The library of a store (one per store, computed on first use). */
export function libraryOf(store: Store): Library {
  let lib = libraries.get(store);
  if (!lib) {
    lib = new Library(store);
    libraries.set(store, lib);
  }
  return lib;
}

/** What GET /api/documents/:id adds to a document: its validity and citations in both directions. */
export const DocumentLibraryFacts = z.object({ validity: Validity, cites: z.array(CitationLink), citedBy: z.array(CitingDoc) });
export type DocumentLibraryFacts = z.infer<typeof DocumentLibraryFacts>;

/** Validity (as of `asOf`, default today), cites and citedBy of a document; empty facts for an unknown id. */
export function libraryFacts(store: Store, id: string, asOf?: string): DocumentLibraryFacts | Record<string, never> {
  const lib = libraryOf(store);
  const validity = lib.status(id, asOf);
  return validity ? { validity, cites: lib.citations(id) ?? [], citedBy: lib.citedBy(id) ?? [] } : {};
}
