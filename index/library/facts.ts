// What the library needs of one document, from its own text and metadata only: its plan period, the
// documents it repeals, the documents it cites, and whether its place is unknown. A pure function,
// computed at ingest and again at each metadata correction, stored with the document (documents.facts,
// JSON) so that the library's first build reads them instead of every text. Stored facts carry the
// metadata key (and version) they were computed from: facts of another key are recomputed, never used.
import { createHash } from "node:crypto";
import { z } from "zod";
import VALIDITY_WORDS from "../../extract/data/validity-words.json" with { type: "json" };
import NATIONAL_BODIES from "../../extract/data/national-bodies.json" with { type: "json" };
import NATIONAL_MARKS from "../../extract/data/national-marks.json" with { type: "json" };
import type { Metadata } from "../../extract/fields/metadata.ts";
import { Citation, extractCitations } from "../../extract/fields/citations.ts";
import { Period, Repeal, planPeriod, repealStatements } from "../../extract/fields/validity.ts";
import { UNPLACED_MARK, unplacedLabel } from "../../extract/fields/unit-canonical.ts";

/** Bump when the computation changes: stored facts of an older version are recomputed on first need. */
const FACTS_VERSION = 1;
/** The curated words the facts are read with (validity-words, national bodies and marks): an edit makes stored facts stale too. */
const WORDS_HASH = createHash("sha1").update(JSON.stringify([VALIDITY_WORDS, NATIONAL_BODIES, NATIONAL_MARKS])).digest("hex").slice(0, 12);
/** The computation's version and words together: what the library computed from facts is stale when this differs. */
export const FACTS_BASIS = `${FACTS_VERSION}:${WORDS_HASH}`;

export const DocFacts = z.object({
  /** factsKey of the metadata the facts were computed from. */
  key: z.string(),
  period: Period.nullable(),
  repeals: z.array(Repeal),
  cites: z.array(Citation),
  /** No place and not national: its units are kept apart (unit-canonical.ts unplacedLabel). */
  unplaced: z.boolean(),
});
export type DocFacts = z.infer<typeof DocFacts>;

/** The metadata facts depend on (as corrected). */
export type FactsMeta = Metadata & { id: string };

/** The key of the metadata (and of the computation's version and words) that facts are valid for. */
export function factsKey(d: FactsMeta): string {
  const r = d.region;
  return JSON.stringify([FACTS_VERSION, WORDS_HASH, d.title, d.docNumber, d.issuer, d.issuedDate, d.publishedDate, r.province, r.city, r.county]);
}

/**
 * A document's facts: `text` is its repaired text, `units` its measures' units (names and canonical
 * names as stored; read only for a document without a place: pass a function to read them then).
 */
export function computeFacts(d: FactsMeta, text: string, units: () => { name: string; canonical: string }[]): DocFacts {
  const self = { title: d.title, docNumber: d.docNumber };
  let unplaced = false;
  if (!d.region.province && !d.region.city && !d.region.county) {
    const us = units();
    unplaced = unplacedLabel(d, [...new Set(us.map((u) => u.name))]) !== null || us.some((u) => u.canonical.includes(UNPLACED_MARK));
  }
  return {
    key: factsKey(d),
    period: planPeriod(d.title, text, d.issuedDate ?? d.publishedDate),
    repeals: repealStatements(text, self),
    cites: extractCitations(text, self),
    unplaced,
  };
}

/** Stored facts (JSON) when they are of this metadata and version; null when absent, stale or unreadable. */
export function storedFacts(json: string | null, d: FactsMeta): DocFacts | null {
  if (!json) return null;
  try {
    const f = JSON.parse(json) as DocFacts;
    return f && f.key === factsKey(d) && Array.isArray(f.repeals) && Array.isArray(f.cites) ? f : null;
  } catch {
    return null;
  }
}
