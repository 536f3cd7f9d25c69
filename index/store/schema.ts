// The store's schema and its versioned migrations (PRAGMA user_version). Each migration brings a
// database from the version before it to its own; running them again is harmless (IF NOT EXISTS), so
// a database that was half set up by an older program still ends complete.
import type Database from "better-sqlite3";

/** Version 1: documents, measures and the change counter. */
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
  ingested_at TEXT NOT NULL
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
-- The change counter: one row, bumped by every insert or delete of a document (a replacement is both).
CREATE TABLE IF NOT EXISTS store_changes (one INTEGER PRIMARY KEY CHECK (one = 1), n INTEGER NOT NULL);
INSERT OR IGNORE INTO store_changes (one, n) VALUES (1, 0);
CREATE TRIGGER IF NOT EXISTS documents_added AFTER INSERT ON documents BEGIN UPDATE store_changes SET n = n + 1 WHERE one = 1; END;
CREATE TRIGGER IF NOT EXISTS documents_removed AFTER DELETE ON documents BEGIN UPDATE store_changes SET n = n + 1 WHERE one = 1; END;
`;

/**
 * Version 2: the original file of each document (bytes, name, content type; gone with the document),
 * and the corrections made by people (kept by document id, i.e. by content: a re-ingest of the same
 * file finds them again). A column left NULL is not corrected; the region is corrected as a whole
 * (province set). Every write of a correction bumps the change counter.
 */
const V2 = `
CREATE TABLE IF NOT EXISTS document_files (
  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  bytes BLOB NOT NULL
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
  updated_at TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS overrides_added AFTER INSERT ON document_overrides BEGIN UPDATE store_changes SET n = n + 1 WHERE one = 1; END;
CREATE TRIGGER IF NOT EXISTS overrides_changed AFTER UPDATE ON document_overrides BEGIN UPDATE store_changes SET n = n + 1 WHERE one = 1; END;
CREATE TRIGGER IF NOT EXISTS overrides_removed AFTER DELETE ON document_overrides BEGIN UPDATE store_changes SET n = n + 1 WHERE one = 1; END;
`;

/**
 * Tables written in SQL both engines read alike (PostgreSQL's schema has them at its version 2): what became of
 * tasks when their document was replaced (task-match.ts), and upload jobs (jobs.ts).
 */
export const MOVES_AND_JOBS = `
CREATE TABLE IF NOT EXISTS task_moves (
  old_id TEXT PRIMARY KEY,
  new_id TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS task_moves_new ON task_moves(new_id);
CREATE TABLE IF NOT EXISTS task_removed (
  id TEXT PRIMARY KEY,
  doc_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  measure TEXT NOT NULL,
  unit TEXT NOT NULL,
  removed_at TEXT NOT NULL,
  replaced_by TEXT
);
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY,
  file TEXT NOT NULL,
  state TEXT NOT NULL,
  page INTEGER NOT NULL DEFAULT 0,
  pages INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  document_id TEXT,
  status TEXT,
  replica TEXT NOT NULL,
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX IF NOT EXISTS jobs_replica ON jobs(replica, state);
CREATE INDEX IF NOT EXISTS jobs_finished ON jobs(finished_at);
`;

/**
 * Version 3: follow-up (督办) tables (made on first use before), what became of tasks when their document was
 * replaced (task_moves: old id → the matching task of the new version; task_removed: a task the new version
 * no longer has, described as it was), and upload jobs (routes/jobs.ts: state and progress of a file read in
 * the background, the replica running it, a cancel request from any replica).
 */
const V3 = `
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
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id TEXT NOT NULL,
  at TEXT NOT NULL,
  editor TEXT NOT NULL,
  status TEXT,
  completed_on TEXT,
  note TEXT,
  source TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS task_history_task ON task_history(task_id, seq);
${MOVES_AND_JOBS}`;

/**
 * Version 4: the library's facts of each document (index/library/facts.ts: plan period, repeals, citations,
 * place unknown; JSON with the metadata key they were computed from), written with the document and at each
 * correction; gone with the document. A table of their own, not a column of documents: a column after the texts
 * is reached only through the texts' overflow pages (all facts at 43,749 documents of 30 KB texts: 2.2-2.7 s,
 * from this table 0.08-0.16 s). Rows stored before are filled by the library on first need (a start stays fast).
 */
const V4 = `
CREATE TABLE IF NOT EXISTS document_facts (
  doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  facts TEXT NOT NULL
);
`;

/**
 * Version 5: the documents' metadata columns as a covering index. A listing or a sort over every document
 * (the library's listings, the index's check for corrected metadata) otherwise reads each row through its
 * texts' overflow pages (43,749 documents of 30 KB texts: 1.8 s for the metadata of all; 0.2 s from the index).
 */
const V5 = `
CREATE INDEX IF NOT EXISTS documents_meta ON documents(id, source, format, title, doc_number, issuer, province, city, county, issued_date, published_date, ingested_at);
`;

/** Migrations in order: MIGRATIONS[i] brings version i to version i + 1. */
const MIGRATIONS = [V1, V2, V3, V4, V5];
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Objects the current schema has: a store that has them all and is at SCHEMA_VERSION needs no write. */
const OBJECTS = [
  "documents", "measures", "measures_doc", "store_changes", "documents_added", "documents_removed",
  "document_files", "document_overrides", "overrides_added", "overrides_changed", "overrides_removed",
  "task_progress", "task_progress_doc", "task_history", "task_history_task", "task_moves", "task_moves_new", "task_removed",
  "jobs", "jobs_replica", "jobs_finished", "document_facts", "documents_meta",
];

export function newerSchemaError(dataDir: string, version: number): Error {
  return new Error(`数据目录 ${dataDir} 的数据库版本 ${version} 比程序新，请升级程序`);
}

/**
 * Bring a writable connection to SCHEMA_VERSION, in one transaction; writes nothing when it is
 * already there (a full disk can still open a ready store). A newer schema is refused.
 */
export function migrate(db: Database.Database, dataDir: string): void {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > SCHEMA_VERSION) throw newerSchemaError(dataDir, version);
  const objects = new Set(db.prepare("SELECT name FROM sqlite_master").pluck().all() as string[]);
  if (version === SCHEMA_VERSION && OBJECTS.every((n) => objects.has(n))) return;
  db.transaction(() => {
    // Every step is idempotent: all run, so a store made before versions were kept ends complete too.
    for (const step of MIGRATIONS) db.exec(step);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
