// Finding documents on PostgreSQL (the SQL of find.ts in this dialect): the documents with their
// corrections laid over, filters with numbered parameters, and the sort orders in byte order as SQLite's.
// 文号, title and issuer are matched in normalizeDocNumber's form, kept in *_norm columns at write time.
import { normalizeDocNumber } from "../../../extract/fields/doc-number.ts";
import type { DocumentQuery, DocumentSort } from "../find.ts";
import { OVERLAID_COLUMNS } from "../overrides.ts";

/** The documents with their corrections laid over (and the normalised forms that `q` searches). */
export const EFFECTIVE = `(SELECT ${OVERLAID_COLUMNS},
    coalesce(o.title_norm, d.title_norm) AS title_norm, coalesce(o.doc_number_norm, d.doc_number_norm) AS doc_number_norm,
    coalesce(o.issuer_norm, d.issuer_norm) AS issuer_norm
  FROM documents d LEFT JOIN document_overrides o ON o.doc_id = d.id)`;

export const SELECT_DOCS = `SELECT d.id, d.source, d.format, d.title, d.doc_number, d.issuer, d.province, d.city, d.county, d.issued_date,
  d.published_date, d.corrected, (SELECT count(*) FROM measures m WHERE m.doc_id = d.id) AS measure_count FROM ${EFFECTIVE} d`;

// Byte order (COLLATE "C"), as SQLite compares text.
export const ORDER: Record<DocumentSort, string> = {
  date: `coalesce(d.issued_date, d.published_date) IS NULL, coalesce(d.issued_date, d.published_date) COLLATE "C" DESC, d.source COLLATE "C"`,
  "date-asc": `coalesce(d.issued_date, d.published_date) IS NULL, coalesce(d.issued_date, d.published_date) COLLATE "C", d.source COLLATE "C"`,
  title: `d.title IS NULL, d.title COLLATE "C", d.source COLLATE "C"`,
};

export function where(q: DocumentQuery): { sql: string; args: unknown[] } {
  const cond: string[] = [];
  const args: unknown[] = [];
  const arg = (v: unknown) => (args.push(v), `$${args.length}`);
  const words = q.q?.trim();
  if (words) {
    const n = arg(normalizeDocNumber(words));
    // And the file name (as ../find.ts fileNameKey: the source's last part, lower case).
    const f = arg(words.normalize("NFKC").toLowerCase());
    cond.push(`(strpos(d.doc_number_norm, ${n}) > 0 OR strpos(d.title_norm, ${n}) > 0 OR strpos(d.issuer_norm, ${n}) > 0 OR strpos(lower(regexp_replace(d.source, '^.*[/\\\\]', '')), ${f}) > 0)`);
  }
  if (q.issuer?.trim()) cond.push(`strpos(coalesce(d.issuer, ''), ${arg(q.issuer.trim())}) > 0`);
  for (const level of ["province", "city", "county"] as const) {
    const v = q[level]?.trim();
    if (v) cond.push(`d.${level} = ${arg(v)}`);
  }
  if (q.from) cond.push(`coalesce(d.issued_date, d.published_date) >= ${arg(q.from)}`);
  if (q.to) cond.push(`coalesce(d.issued_date, d.published_date) <= ${arg(q.to)}`);
  return { sql: cond.length ? `WHERE ${cond.join(" AND ")}` : "", args };
}
