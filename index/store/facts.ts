// The library's per-document facts (index/library/facts.ts) in the SQLite store (table document_facts, see
// schema.ts version 4): written with the document in its ingest transaction and again in each correction's,
// all read in one query for the library's build,
// and written back by the library for rows stored before facts were kept (compare-and-set: a row changed
// meanwhile is left as it is).
import type Database from "better-sqlite3";
import type { Unit } from "../../extract/schema.ts";
import { computeFacts, type FactsMeta } from "../library/facts.ts";
import { effectiveDocuments } from "./overrides.ts";
import type { DocRow } from "./find.ts";

/** A document's metadata (as corrected) with its stored facts (JSON; null when none were stored). */
export interface FactsRow {
  doc: FactsMeta;
  facts: string | null;
}

/** Facts written back by the library: `was` is the value it read (the row is updated only if still so). */
export interface FactsWrite {
  id: string;
  facts: string;
  was: string | null;
}

/** Document date order (as listDocuments): newest first, undated last. */
const FACTS_ORDER = "coalesce(d.issued_date, d.published_date) IS NULL, coalesce(d.issued_date, d.published_date) DESC, d.source";

export const metaOf = (r: DocRow): FactsMeta => ({
  id: r.id, title: r.title, docNumber: r.doc_number, issuer: r.issuer, region: { province: r.province, city: r.city, county: r.county },
  issuedDate: r.issued_date, publishedDate: r.published_date,
});

export const hasFactsTable = (db: Database.Database) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'document_facts'").get() !== undefined;

/** Inside a write: compute and store the facts of document `r` (its effective row); `text`: its repaired text when at hand. */
export function writeFacts(db: Database.Database, r: DocRow, text?: string): void {
  const repaired = text ?? (db.prepare("SELECT repaired_text FROM documents WHERE id = ?").pluck().get(r.id) as string | undefined) ?? "";
  const units = () => (db.prepare("SELECT units FROM measures WHERE doc_id = ?").pluck().all(r.id) as string[]).flatMap((u) => JSON.parse(u) as Unit[]);
  db.prepare("INSERT INTO document_facts (doc_id, facts) VALUES (?, ?) ON CONFLICT (doc_id) DO UPDATE SET facts = excluded.facts").run(r.id, JSON.stringify(computeFacts(metaOf(r), repaired, units)));
}

/** Every document's metadata and stored facts, in one query (date order). */
export function readFacts(db: Database.Database, withOverrides: boolean, withFacts: boolean): FactsRow[] {
  const cols = "d.id, d.source, d.title, d.doc_number, d.issuer, d.province, d.city, d.county, d.issued_date, d.published_date";
  const [facts, join] = withFacts ? ["f.facts", "LEFT JOIN document_facts f ON f.doc_id = d.id"] : ["NULL", ""];
  const rows = db.prepare(`SELECT ${cols}, ${facts} AS facts FROM ${effectiveDocuments(withOverrides)} d ${join} ORDER BY ${FACTS_ORDER}`).all() as (DocRow & { facts: string | null })[];
  return rows.map((r) => ({ doc: metaOf(r), facts: r.facts }));
}

/** Write back facts computed by the library, in one transaction; returns how many rows took them. */
export function saveFacts(db: Database.Database, list: FactsWrite[]): number {
  const add = db.prepare("INSERT INTO document_facts (doc_id, facts) SELECT ?, ? WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?) ON CONFLICT (doc_id) DO NOTHING");
  const update = db.prepare("UPDATE document_facts SET facts = ? WHERE doc_id = ? AND facts = ?");
  const one = (w: FactsWrite) => (w.was === null ? add.run(w.id, w.facts, w.id) : update.run(w.facts, w.id, w.was)).changes;
  return db.transaction(() => list.reduce((n, w) => n + one(w), 0)).immediate();
}
