// Moving a library from the embedded SQLite store to PostgreSQL (`cli migrate-store`): documents with
// both texts, parts, library facts and measures as stored (units with their canonical names), original files, OCR
// quality, corrections, task progress and history. Each document is copied in one transaction with
// everything of it (a stop halfway leaves whole documents only); one already there is left as it is,
// so running it again copies only what is missing. Tasks and their history are copied for task ids
// the target does not have yet, with the moves and removals of tasks of replaced documents. Upload jobs are not:
// they belong to the running service.
import type Database from "better-sqlite3";
import { normalizeDocNumber } from "../../../extract/fields/doc-number.ts";
import type { Store } from "../store.ts";
import type { PgStore } from "./store.ts";
import { WRITE_LOCK } from "./schema.ts";

export interface CopySummary {
  documents: { copied: number; present: number; conflicts: { id: string; source: string }[] };
  files: number;
  corrections: number;
  ocr: number;
  tasks: { copied: number; present: number; history: number };
}

const norm = (s: unknown) => (typeof s === "string" ? normalizeDocNumber(s) : null);
const has = (db: Database.Database, table: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;

type Rec = Record<string, unknown>;

/** Copy every document and task of `from` (SQLite) that `to` (PostgreSQL) does not have. */
export function copyLibrary(from: Store, to: PgStore, progress?: (done: number, total: number) => void): CopySummary {
  const src = from.db;
  const db = to.db;
  const out: CopySummary = { documents: { copied: 0, present: 0, conflicts: [] }, files: 0, corrections: 0, ocr: 0, tasks: { copied: 0, present: 0, history: 0 } };
  const withFiles = has(src, "document_files");
  const withOverrides = has(src, "document_overrides");
  const withOcr = has(src, "document_ocr");
  const ids = src.prepare("SELECT id FROM documents ORDER BY id").pluck().all() as string[];
  const docStmt = src.prepare("SELECT * FROM documents WHERE id = ?");
  const measuresStmt = src.prepare("SELECT * FROM measures WHERE doc_id = ? ORDER BY seq");
  const fileStmt = withFiles ? src.prepare("SELECT * FROM document_files WHERE doc_id = ?") : null;
  const overrideStmt = withOverrides ? src.prepare("SELECT * FROM document_overrides WHERE doc_id = ?") : null;
  const ocrStmt = withOcr ? src.prepare("SELECT * FROM document_ocr WHERE doc_id = ?") : null;
  const factsStmt = has(src, "document_facts") ? src.prepare("SELECT facts FROM document_facts WHERE doc_id = ?").pluck() : null;

  ids.forEach((id, i) => {
    progress?.(i + 1, ids.length);
    const d = docStmt.get(id) as Rec;
    db.tx(() => {
      const there = db.get<{ id: string; source: string }>("SELECT id, source FROM documents WHERE id = $1 OR source = $2", [id, d.source]);
      if (there?.id === id) return void out.documents.present++;
      if (there) return void out.documents.conflicts.push({ id, source: String(d.source) });
      const ms = measuresStmt.all(id) as Rec[];
      const col = (k: string) => ms.map((m) => m[k]);
      const file = fileStmt?.get(id) as Rec | undefined;
      const o = overrideStmt?.get(id) as Rec | undefined;
      const ocr = ocrStmt?.get(id) as Rec | undefined;
      db.batch([
        {
          sql: `INSERT INTO documents (id, source, format, title, doc_number, issuer, province, city, county, issued_date, published_date,
              original_text, repaired_text, parts, ingested_at, title_norm, doc_number_norm, issuer_norm, facts)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
          params: [
            d.id, d.source, d.format, d.title, d.doc_number, d.issuer, d.province, d.city, d.county, d.issued_date, d.published_date,
            d.original_text, d.repaired_text, d.parts, d.ingested_at, norm(d.title), norm(d.doc_number), norm(d.issuer), factsStmt?.get(id) ?? null, // library facts (none from a store before schema 4)
          ],
        },
        {
          sql: `INSERT INTO measures (id, doc_id, seq, path, title, text, units, deadlines, targets)
            SELECT m.id, $1, m.seq, m.path, m.title, m.text, m.units, m.deadlines, m.targets
            FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
              AS m(id, seq, path, title, text, units, deadlines, targets)`,
          params: [id, col("id"), col("seq"), col("path"), col("title"), col("text"), col("units"), col("deadlines"), col("targets")],
        },
        ...(file ? [{ sql: "INSERT INTO document_files (doc_id, name, content_type, bytes) VALUES ($1, $2, $3, $4)", params: [id, file.name, file.content_type, file.bytes] }] : []),
        ...(ocr ? [{ sql: "INSERT INTO document_ocr (doc_id, quality) VALUES ($1, $2)", params: [id, ocr.quality] }] : []),
        ...(o
          ? [
              {
                sql: `INSERT INTO document_overrides (doc_id, title, doc_number, issuer, province, city, county, issued_date, published_date, updated_by, updated_at,
                    title_norm, doc_number_norm, issuer_norm) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                  ON CONFLICT (doc_id) DO NOTHING`,
                params: [id, o.title, o.doc_number, o.issuer, o.province, o.city, o.county, o.issued_date, o.published_date, o.updated_by, o.updated_at, norm(o.title), norm(o.doc_number), norm(o.issuer)],
              },
            ]
          : []),
        { sql: "INSERT INTO store_changes (doc_id, kind) VALUES ($1, 'added')", params: [id] },
      ]);
      out.documents.copied++;
      if (file) out.files++;
      if (o) out.corrections++;
      if (ocr) out.ocr++;
    }, WRITE_LOCK);
  });

  if (has(src, "task_progress")) {
    const tasks = src.prepare("SELECT * FROM task_progress ORDER BY id").all() as Rec[];
    const history = src.prepare("SELECT * FROM task_history WHERE task_id = ? ORDER BY seq");
    db.tx(() => {
      const present = new Set(db.all<{ id: string }>("SELECT id FROM task_progress").map((r) => r.id));
      for (const t of tasks) {
        if (present.has(t.id as string)) {
          out.tasks.present++;
          continue;
        }
        const h = history.all(t.id) as Rec[];
        const col = (k: string) => h.map((r) => r[k]);
        db.batch([
          {
            sql: `INSERT INTO task_progress (id, doc_id, measure_id, unit, status, completed_on, note, updated_at, updated_by)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            params: [t.id, t.doc_id, t.measure_id, t.unit, t.status, t.completed_on, t.note, t.updated_at, t.updated_by],
          },
          {
            sql: `INSERT INTO task_history (task_id, at, editor, status, completed_on, note, source)
              SELECT $1, h.at, h.editor, h.status, h.completed_on, h.note, h.source
              FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS h(at, editor, status, completed_on, note, source, n)
              ORDER BY h.n`,
            params: [t.id, col("at"), col("editor"), col("status"), col("completed_on"), col("note"), col("source")],
          },
          { sql: "INSERT INTO store_changes (doc_id, kind) VALUES ($1, 'tasks')", params: [t.doc_id] },
        ]);
        out.tasks.copied++;
        out.tasks.history += h.length;
      }
    }, WRITE_LOCK);
  }
  // What became of tasks of replaced documents (task-match.ts): where old ids moved, and removed tasks as they were.
  if (has(src, "task_moves")) {
    const moves = src.prepare("SELECT * FROM task_moves").all() as Rec[];
    const removed = src.prepare("SELECT * FROM task_removed").all() as Rec[];
    if (moves.length || removed.length)
      db.tx(() => {
        db.batch([
          ...moves.map((m) => ({ sql: "INSERT INTO task_moves (old_id, new_id, at) VALUES ($1, $2, $3) ON CONFLICT (old_id) DO NOTHING", params: [m.old_id, m.new_id, m.at] })),
          ...removed.map((r) => ({
            sql: `INSERT INTO task_removed (id, doc_id, doc, measure, unit, removed_at, replaced_by) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
            params: [r.id, r.doc_id, r.doc, r.measure, r.unit, r.removed_at, r.replaced_by],
          })),
        ]);
      }, WRITE_LOCK);
  }
  return out;
}
