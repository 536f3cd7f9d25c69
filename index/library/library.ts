// The library: facts about a document that only the whole collection can tell. Its status (现行 / 已到期
// / 已被替代, with the period text or the repealing document as reason), the documents it cites and
// that cite it, and which documents lack a place. Computed from the store (read only) and computed
// again when the store's change counter moves; a document's text is read and parsed once (again only
// when its metadata is corrected), so that a change costs the links between documents, not every text.
import { z } from "zod";
import type { DocumentSummary } from "../store/store.ts";
import type { StoreEngine as Store } from "../store/engine.ts";
import { isoDate } from "../../extract/schema.ts";
import { Citation, citationMatches, extractCitations, rememberedKeys } from "../../extract/fields/citations.ts";
import { Period, type Repeal, type SupersedingDoc, Validity, type ValidityStatus, planPeriod, repealStatements, validityAsOf } from "../../extract/fields/validity.ts";
import { UNPLACED_MARK, unplacedLabel } from "../../extract/fields/unit-canonical.ts";

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

const link = (d: DocumentSummary): LinkedDoc => ({ id: d.id, title: d.title, docNumber: d.docNumber, date: d.issuedDate ?? d.publishedDate });
const byDate = (a: LinkedDoc, b: LinkedDoc) => (a.date ?? "").localeCompare(b.date ?? "") || a.id.localeCompare(b.id);
const today = () => new Date().toISOString().slice(0, 10);

export class Library {
  private entries = new Map<string, Entry>();
  private unplacedDocs: LinkedDoc[] = [];
  private seen: number | null | undefined = undefined;

  constructor(private readonly store: Store) {}

  /** Forget what was computed (the next question computes it again). */
  invalidate(): void {
    this.seen = undefined;
  }

  /** Compute again when the store changed since the last time (its change counter moved). */
  private fresh(): void {
    const n = this.store.changes();
    if (this.seen !== undefined && n !== null && n === this.seen) return;
    this.build();
    this.seen = n;
  }

  /** What a document's own text and metadata give (kept between builds: read and parsed again only when they change). */
  private parsed = new Map<string, { key: string; period: Period | null; repeals: Repeal[]; cites: Citation[]; unplaced: boolean }>();

  private parse(d: DocumentSummary) {
    const key = JSON.stringify([d.title, d.docNumber, d.issuedDate, d.publishedDate, d.region.province, d.region.city, d.region.county]);
    const had = this.parsed.get(d.id);
    if (had?.key === key) return had; // an id is its content
    const text = this.store.getTexts(d.id)?.repaired ?? "";
    const self = { title: d.title, docNumber: d.docNumber };
    let unplaced = false;
    if (!d.region.province && !d.region.city && !d.region.county) {
      const units = this.store.measuresOf(d.id).flatMap((m) => m.units);
      const label = unplacedLabel(d, [...new Set(units.map((u) => u.name))]);
      unplaced = label !== null || units.some((u) => u.canonical.includes(UNPLACED_MARK));
    }
    const p = { key, period: planPeriod(d.title, text, d.issuedDate ?? d.publishedDate), repeals: repealStatements(text, self), cites: extractCitations(text, self), unplaced };
    this.parsed.set(d.id, p);
    return p;
  }

  private build(): void {
    const docs: DocumentSummary[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = this.store.listDocuments(500, offset);
      docs.push(...page);
      if (page.length < 500) break;
    }
    const entries = new Map<string, Entry>();
    const unplaced: LinkedDoc[] = [];
    for (const d of docs) {
      const p = this.parse(d);
      entries.set(d.id, { doc: link(d), period: p.period, repeals: p.repeals, cites: p.cites.map((c) => ({ ...c, documents: [] })), citedBy: [], supersededBy: [] });
      if (p.unplaced) unplaced.push(link(d));
    }
    for (const id of this.parsed.keys()) if (!entries.has(id)) this.parsed.delete(id);
    const all = [...entries.values()];
    const keys = rememberedKeys();
    for (const e of all) {
      for (const c of e.cites) {
        c.documents = all.filter((o) => o !== e && citationMatches(c, o.doc, keys)).map((o) => o.doc).sort(byDate);
        for (const o of c.documents) {
          const target = entries.get(o.id)!;
          if (!target.citedBy.some((x) => x.id === e.doc.id)) target.citedBy.push({ ...e.doc, text: c.text });
        }
      }
      for (const r of e.repeals) {
        const named = [...r.titles.map((t) => ({ title: t, docNumber: null })), ...r.docNumbers.map((n) => ({ title: null, docNumber: n }))];
        for (const o of all) {
          if (o === e || o.supersededBy.some((s) => s.id === e.doc.id)) continue;
          // Only a later (or undated) document replaces: an older one naming this title speaks of another version.
          if (o.doc.date && e.doc.date && e.doc.date < o.doc.date) continue;
          if (named.some((c) => citationMatches(c, o.doc, keys))) o.supersededBy.push({ ...e.doc, text: r.text });
        }
      }
    }
    for (const e of all) {
      e.citedBy.sort(byDate);
      e.supersededBy.sort(byDate);
    }
    this.entries = entries;
    this.unplacedDocs = unplaced.sort(byDate);
  }

  /** Status of a document as of a date (default today); null for an unknown id. */
  status(id: string, asOf: string = today()): Validity | null {
    this.fresh();
    const e = this.entries.get(id);
    return e ? validityAsOf(e.period, e.supersededBy, asOf) : null;
  }

  /** Status of every document as of a date, by id (for search filters and ranking). */
  statuses(asOf: string = today()): Map<string, ValidityStatus> {
    this.fresh();
    if (this.statusCache?.asOf === asOf && this.statusCache.entries === this.entries) return this.statusCache.map;
    const out = new Map<string, ValidityStatus>();
    for (const [id, e] of this.entries) out.set(id, validityAsOf(e.period, e.supersededBy, asOf).status);
    this.statusCache = { asOf, entries: this.entries, map: out };
    return out;
  }
  private statusCache: { asOf: string; entries: Map<string, Entry>; map: Map<string, ValidityStatus> } | null = null;

  /** What a document cites, each with the library documents it names; null for an unknown id. */
  citations(id: string): CitationLink[] | null {
    this.fresh();
    return this.entries.get(id)?.cites ?? null;
  }

  /** Library documents that cite this one (oldest first); null for an unknown id. */
  citedBy(id: string): CitingDoc[] | null {
    this.fresh();
    return this.entries.get(id)?.citedBy ?? null;
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
