// The PostgreSQL schema and its versioned migrations: the same tables as the SQLite store (schema.ts,
// ocr-quality.ts, tasks.ts), plus a change log `store_changes` that every write appends to in its own
// transaction. Applied versions are kept in schema_migrations; migrating takes a session-wide advisory
// lock, so replicas started at once take turns and only the first applies anything.
import type { PgConnection } from "./connection.ts";
import { MOVES_AND_JOBS } from "../schema.ts";

/** Advisory lock keys (any fixed numbers unlikely to collide with other applications). */
const MIGRATION_LOCK = 7_319_001;
export const WRITE_LOCK = 7_319_002;

/** Version 1: everything the SQLite store has at its schema 2, OCR quality and tasks, and the change log. */
const V1 = `
CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL UNIQUE,
  format TEXT NOT NULL,
  title TEXT,
  doc_number TEXT,
  issuer TEXT,
  province TEXT,
  city TEXT,
  county TEXT,
  issued_date TEXT,
  published_date TEXT,
  original_text TEXT NOT NULL,
  repaired_text TEXT NOT NULL,
  parts TEXT NOT NULL,
  ingested_at TEXT NOT NULL,
  -- title, 文号 and issuer in normalizeDocNumber's form (written by the program: the database has no such function)
  title_norm TEXT,
  doc_number_norm TEXT,
  issuer_norm TEXT
);
CREATE TABLE IF NOT EXISTS measures (
  id TEXT PRIMARY KEY,
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  path TEXT NOT NULL,
  title TEXT,
  text TEXT NOT NULL,
  units TEXT NOT NULL,
  deadlines TEXT NOT NULL,
  targets TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS measures_doc ON measures(doc_id, seq);
CREATE TABLE IF NOT EXISTS document_files (
  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  bytes BYTEA NOT NULL
);
CREATE TABLE IF NOT EXISTS document_overrides (
  doc_id TEXT PRIMARY KEY,
  title TEXT,
  doc_number TEXT,
  issuer TEXT,
  province TEXT,
  city TEXT,
  county TEXT,
  issued_date TEXT,
  published_date TEXT,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  title_norm TEXT,
  doc_number_norm TEXT,
  issuer_norm TEXT
);
CREATE TABLE IF NOT EXISTS document_ocr (
  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  quality TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS task_progress (
  id TEXT PRIMARY KEY,
  doc_id TEXT NOT NULL,
  measure_id TEXT NOT NULL,
  unit TEXT NOT NULL,
  status TEXT NOT NULL,
  completed_on TEXT,
  note TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS task_progress_doc ON task_progress(doc_id);
CREATE TABLE IF NOT EXISTS task_history (
  seq BIGSERIAL PRIMARY KEY,
  task_id TEXT NOT NULL,
  at TEXT NOT NULL,
  editor TEXT NOT NULL,
  status TEXT,
  completed_on TEXT,
  note TEXT,
  source TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS task_history_task ON task_history(task_id, seq);
-- The change log: one row per write (kind: added, removed, corrected, tasks), in the write's transaction.
CREATE TABLE IF NOT EXISTS store_changes (
  seq BIGSERIAL PRIMARY KEY,
  doc_id TEXT,
  kind TEXT NOT NULL,
  at TIMESTAMPTZ NOT NULL DEFAULT now()
);
`;

/** Version 2: what became of tasks when their document was replaced, and upload jobs (as the SQLite schema's version 3). */
const V2 = MOVES_AND_JOBS;

/**
 * Version 3: the library's facts of each document (index/library/facts.ts, JSON with the metadata key they were
 * computed from; the SQLite schema's version 4 keeps them in a table of their own). A column here: PostgreSQL
 * keeps the long texts out of line (TOAST), so reading it does not read them. Rows stored before are filled by
 * the library on first need.
 */
const V3 = "ALTER TABLE documents ADD COLUMN IF NOT EXISTS facts TEXT";

/** Migrations in order: MIGRATIONS[i] brings version i to version i + 1. */
const MIGRATIONS = [V1, V2, V3];
export const PG_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Bring the database to PG_SCHEMA_VERSION. Under a session advisory lock: a second replica starting at
 * the same moment waits, then finds every version applied and writes nothing. Each version is applied
 * in its own transaction with its schema_migrations row. Returns the versions this call applied.
 */
export function migratePg(db: PgConnection): number[] {
  const applied: number[] = [];
  db.batch([{ sql: "SELECT pg_advisory_lock($1)", params: [MIGRATION_LOCK] }]);
  try {
    db.batch([{ sql: "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())" }]);
    const done = new Set(db.all<{ version: number }>("SELECT version FROM schema_migrations").map((r) => r.version));
    const newest = Math.max(0, ...done);
    if (newest > PG_SCHEMA_VERSION) throw new Error(`数据库的结构版本 ${newest} 比程序新（程序支持到 ${PG_SCHEMA_VERSION}），请升级程序`);
    MIGRATIONS.forEach((sql, i) => {
      const version = i + 1;
      if (done.has(version)) return;
      db.tx(() => {
        db.batch([{ sql }, { sql: "INSERT INTO schema_migrations (version) VALUES ($1)", params: [version] }]);
      });
      applied.push(version);
    });
  } finally {
    db.batch([{ sql: "SELECT pg_advisory_unlock($1)", params: [MIGRATION_LOCK] }]);
  }
  return applied;
}
