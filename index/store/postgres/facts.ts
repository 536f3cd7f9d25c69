// The library's per-document facts (index/library/facts.ts) on PostgreSQL, as the SQLite store's facts.ts:
// written in the ingest's and each correction's transaction, all read in one query, written back by the
// library for rows stored without them (one statement, compare-and-set).
import type { Unit } from "../../../extract/schema.ts";
import { computeFacts } from "../../library/facts.ts";
import type { DocRow } from "../find.ts";
import { type FactsRow, type FactsWrite, metaOf } from "../facts.ts";
import type { PgConnection } from "./connection.ts";
import { EFFECTIVE, ORDER } from "./find.ts";

const COLS = "d.id, d.source, d.title, d.doc_number, d.issuer, d.province, d.city, d.county, d.issued_date, d.published_date";

/** Inside a write: compute and store the facts of document `id` for its metadata as it now reads; `text`: its repaired text when at hand. */
export function writePgFacts(db: PgConnection, id: string, text?: string): void {
  const r = db.get<DocRow & { repaired_text?: string }>(
    `SELECT ${COLS}${text === undefined ? ", x.repaired_text" : ""} FROM ${EFFECTIVE} d JOIN documents x ON x.id = d.id WHERE d.id = $1`,
    [id],
  );
  if (!r) return;
  const units = () => db.all<{ units: string }>("SELECT units FROM measures WHERE doc_id = $1", [id]).flatMap((m) => JSON.parse(m.units) as Unit[]);
  const facts = computeFacts(metaOf(r), text ?? r.repaired_text ?? "", units);
  db.batch([{ sql: "UPDATE documents SET facts = $1 WHERE id = $2", params: [JSON.stringify(facts), id] }]);
}

/** Every document's metadata (as corrected) and stored facts, in one query (date order, as listDocuments). */
export function readPgFacts(db: PgConnection): FactsRow[] {
  return db
    .all<DocRow & { facts: string | null }>(`SELECT ${COLS}, x.facts FROM ${EFFECTIVE} d JOIN documents x ON x.id = d.id ORDER BY ${ORDER.date}`)
    .map((r) => ({ doc: metaOf(r), facts: r.facts }));
}

/** Write back facts computed by the library, where the row still holds what was read; how many rows took them. */
export function savePgFacts(db: PgConnection, list: FactsWrite[]): number {
  if (!list.length) return 0;
  return db.all(
    `UPDATE documents d SET facts = u.facts FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, facts, was)
      WHERE d.id = u.id AND d.facts IS NOT DISTINCT FROM u.was RETURNING d.id`,
    [list.map((w) => w.id), list.map((w) => w.facts), list.map((w) => w.was)],
  ).length;
}
