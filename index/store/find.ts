// Finding documents: by words of the title, 文号 in any bracket form, issuer, file name; by place and date; sorted
// by date or title, with the total. Reads the documents with their corrections laid over.
import type Database from "better-sqlite3";
import { normalizeDocNumber } from "../../extract/fields/doc-number.ts";
import { effectiveDocuments } from "./overrides.ts";

export const DOCUMENT_SORTS = ["date", "date-asc", "title"] as const;
export type DocumentSort = (typeof DOCUMENT_SORTS)[number];

export interface DocumentQuery {
  q?: string;
  issuer?: string;
  province?: string;
  city?: string;
  county?: string;
  from?: string; // document date (issued, else published) on or after
  to?: string;
  sort?: DocumentSort;
  limit?: number;
  offset?: number;
}

export type DocRow = {
  id: string; source: string; format: string; title: string | null; doc_number: string | null; issuer: string | null;
  province: string | null; city: string | null; county: string | null; issued_date: string | null;
  published_date: string | null; measure_count?: number; corrected?: string | null;
};

/** The SQL function the queries use for 文号 (registered on every connection). */
export function registerFunctions(db: Database.Database): void {
  db.function("docno_norm", { deterministic: true }, (s: unknown) => (typeof s === "string" ? normalizeDocNumber(s) : null));
  db.function("file_name_key", { deterministic: true }, (s: unknown) => (typeof s === "string" ? fileNameKey(s) : null));
}

/** A source path's file name as searched: its last part, NFKC, lower case (an untitled document is listed by it). */
function fileNameKey(source: string): string {
  return (source.split(/[\\/]/).pop() ?? "").normalize("NFKC").toLowerCase();
}

const ORDER: Record<DocumentSort, string> = {
  // Undated documents last in both date orders.
  date: "coalesce(d.issued_date, d.published_date) IS NULL, coalesce(d.issued_date, d.published_date) DESC, d.source",
  "date-asc": "coalesce(d.issued_date, d.published_date) IS NULL, coalesce(d.issued_date, d.published_date), d.source",
  title: "d.title IS NULL, d.title, d.source",
};

function where(q: DocumentQuery): { sql: string; args: unknown[] } {
  const cond: string[] = [];
  const args: unknown[] = [];
  const words = q.q?.trim();
  if (words) {
    // Both sides in one form: widths, spaces and bracket shapes do not count (国发 (2018) 38 号, 方案（试行）).
    // And the file name, by which the library names a document whose title was not recognised.
    const n = normalizeDocNumber(words);
    cond.push("(instr(docno_norm(d.doc_number), ?) > 0 OR instr(docno_norm(d.title), ?) > 0 OR instr(docno_norm(d.issuer), ?) > 0 OR instr(file_name_key(d.source), ?) > 0)");
    args.push(n, n, n, words.normalize("NFKC").toLowerCase());
  }
  if (q.issuer?.trim()) {
    cond.push("instr(coalesce(d.issuer, ''), ?) > 0");
    args.push(q.issuer.trim());
  }
  for (const level of ["province", "city", "county"] as const) {
    const v = q[level]?.trim();
    if (v) {
      cond.push(`d.${level} = ?`);
      args.push(v);
    }
  }
  if (q.from) {
    cond.push("coalesce(d.issued_date, d.published_date) >= ?");
    args.push(q.from);
  }
  if (q.to) {
    cond.push("coalesce(d.issued_date, d.published_date) <= ?");
    args.push(q.to);
  }
  return { sql: cond.length ? `WHERE ${cond.join(" AND ")}` : "", args };
}

/**
 * Documents matching `q`, in its order, a page of them and the total. `keep` (a filter the database
 * cannot apply, e.g. validity): applied to every match before paging, so the total counts only kept ones.
 */
export function findDocuments(db: Database.Database, withOverrides: boolean, q: DocumentQuery, keep?: (r: DocRow) => boolean): { total: number; rows: DocRow[] } {
  const from = effectiveDocuments(withOverrides);
  const { sql, args } = where(q);
  const limit = q.limit ?? 100;
  const offset = q.offset ?? 0;
  const select = `SELECT d.* FROM ${from} d ${sql} ORDER BY ${ORDER[q.sort ?? "date"]}`;
  // Each listed document's measure count, counted for the page's rows only (not for every row sorted).
  const counted = (page: string) => `SELECT p.*, (SELECT count(*) FROM measures m WHERE m.doc_id = p.id) AS measure_count FROM (${page}) p`;
  if (keep) {
    const all = (db.prepare(counted(select)).all(...args) as DocRow[]).filter(keep);
    return { total: all.length, rows: all.slice(offset, offset + limit) };
  }
  const total = (db.prepare(`SELECT count(*) FROM ${from} d ${sql}`).pluck().get(...args) as number) ?? 0;
  const rows = db.prepare(counted(`${select} LIMIT ? OFFSET ?`)).all(...args, limit, offset) as DocRow[];
  return { total, rows };
}

/** Documents whose 文号 (corrected, else extracted) is `docNumber` in any bracket form and spacing. */
export function findByDocNumber(db: Database.Database, withOverrides: boolean, docNumber: string): DocRow[] {
  const n = normalizeDocNumber(docNumber);
  if (!n) return [];
  return db
    .prepare(`SELECT d.*, (SELECT count(*) FROM measures m WHERE m.doc_id = d.id) AS measure_count FROM ${effectiveDocuments(withOverrides)} d WHERE docno_norm(d.doc_number) = ? ORDER BY ${ORDER.date}`)
    .all(n) as DocRow[];
}
