// The embedded store: one SQLite file in the data directory holding documents, their original and
// repaired text, and measures. One document is written in one transaction.
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Measure, PolicyDocument } from "../extract/schema.ts";
import type { DocumentParts, ExtractedDocument } from "../extract/document.ts";

const SCHEMA_VERSION = 1;

const SCHEMA = `
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
`;

export type IngestStatus = "added" | "replaced" | "unchanged" | "duplicate";

export interface IngestOutcome {
  status: IngestStatus;
  id: string;
  /** For a duplicate: the source that already holds the same content. */
  existingSource?: string;
}

export interface DocumentSummary {
  id: string;
  source: string;
  format: string;
  title: string | null;
  docNumber: string | null;
  issuer: string | null;
  region: { province: string | null; city: string | null; county: string | null };
  issuedDate: string | null;
  publishedDate: string | null;
  measureCount: number;
}

type DocRow = {
  id: string; source: string; format: string; title: string | null; doc_number: string | null; issuer: string | null;
  province: string | null; city: string | null; county: string | null; issued_date: string | null;
  published_date: string | null; measure_count?: number;
};
type MeasureRow = { id: string; path: string; title: string | null; text: string; units: string; deadlines: string; targets: string };

function summary(r: DocRow): DocumentSummary {
  return {
    id: r.id, source: r.source, format: r.format, title: r.title, docNumber: r.doc_number, issuer: r.issuer,
    region: { province: r.province, city: r.city, county: r.county },
    issuedDate: r.issued_date, publishedDate: r.published_date, measureCount: r.measure_count ?? 0,
  };
}

function measure(r: MeasureRow): Measure {
  return { id: r.id, path: r.path, title: r.title, text: r.text, units: JSON.parse(r.units), deadlines: JSON.parse(r.deadlines), targets: JSON.parse(r.targets) };
}

export function defaultDataDir(): string {
  return resolve(process.env.DATA_DIR || "data");
}

export class Store {
  readonly db: Database.Database;

  constructor(readonly dataDir: string = defaultDataDir()) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, "policy.db"));
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("foreign_keys = ON");
    const version = this.db.pragma("user_version", { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new Error(`数据目录 ${dataDir} 的数据库版本 ${version} 比程序新，请升级程序`);
    this.db.exec(SCHEMA);
    this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }

  close(): void {
    this.db.close();
  }

  /**
   * Write one document atomically. Same content again: unchanged (or duplicate when it came from another source).
   * A changed file (same source, new content) replaces its old version in the same transaction.
   * `beforeCommit` runs inside the transaction (tests use it to simulate a crash).
   */
  ingest(doc: ExtractedDocument, beforeCommit?: () => void): IngestOutcome {
    const d = doc.document;
    const tx = this.db.transaction((): IngestOutcome => {
      const same = this.db.prepare("SELECT source FROM documents WHERE id = ?").get(d.id) as { source: string } | undefined;
      if (same) return same.source === d.source ? { status: "unchanged", id: d.id } : { status: "duplicate", id: d.id, existingSource: same.source };
      const old = this.db.prepare("DELETE FROM documents WHERE source = ? RETURNING id").get(d.source) as { id: string } | undefined;
      this.insert(doc);
      beforeCommit?.();
      return { status: old ? "replaced" : "added", id: d.id };
    });
    return tx.immediate();
  }

  private insert(doc: ExtractedDocument): void {
    const d = doc.document;
    this.db
      .prepare(
        `INSERT INTO documents (id, source, format, title, doc_number, issuer, province, city, county, issued_date,
          published_date, original_text, repaired_text, parts, ingested_at)
         VALUES (@id, @source, @format, @title, @docNumber, @issuer, @province, @city, @county, @issuedDate,
          @publishedDate, @original, @repaired, @parts, @now)`,
      )
      .run({
        id: d.id, source: d.source, format: d.format, title: d.title, docNumber: d.docNumber, issuer: d.issuer,
        province: d.region.province, city: d.region.city, county: d.region.county, issuedDate: d.issuedDate,
        publishedDate: d.publishedDate, original: doc.original, repaired: doc.repaired, parts: JSON.stringify(doc.parts),
        now: new Date().toISOString(),
      });
    const ins = this.db.prepare(
      "INSERT INTO measures (id, doc_id, seq, path, title, text, units, deadlines, targets) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    d.measures.forEach((m, i) =>
      ins.run(m.id, d.id, i, m.path, m.title, m.text, JSON.stringify(m.units), JSON.stringify(m.deadlines), JSON.stringify(m.targets)),
    );
  }

  documentCount(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM documents").get() as { n: number }).n;
  }

  listDocuments(limit = 100, offset = 0): DocumentSummary[] {
    const rows = this.db
      .prepare(
        `SELECT d.*, (SELECT count(*) FROM measures m WHERE m.doc_id = d.id) AS measure_count
         FROM documents d ORDER BY coalesce(d.issued_date, d.published_date) DESC, d.source LIMIT ? OFFSET ?`,
      )
      .all(limit, offset) as DocRow[];
    return rows.map(summary);
  }

  getDocument(id: string): (PolicyDocument & { parts: DocumentParts; measureCount: number }) | null {
    const r = this.db.prepare("SELECT d.*, (SELECT count(*) FROM measures m WHERE m.doc_id = d.id) AS measure_count, parts FROM documents d WHERE id = ?").get(id) as (DocRow & { parts: string }) | undefined;
    if (!r) return null;
    const s = summary(r);
    return {
      id: s.id, source: s.source, format: s.format as PolicyDocument["format"], title: s.title, docNumber: s.docNumber,
      issuer: s.issuer, region: s.region, issuedDate: s.issuedDate, publishedDate: s.publishedDate,
      measures: this.measuresOf(id), parts: JSON.parse(r.parts), measureCount: s.measureCount,
    };
  }

  getTexts(id: string): { original: string; repaired: string } | null {
    const r = this.db.prepare("SELECT original_text, repaired_text FROM documents WHERE id = ?").get(id) as { original_text: string; repaired_text: string } | undefined;
    return r ? { original: r.original_text, repaired: r.repaired_text } : null;
  }

  measuresOf(docId: string): Measure[] {
    return (this.db.prepare("SELECT * FROM measures WHERE doc_id = ? ORDER BY seq").all(docId) as MeasureRow[]).map(measure);
  }

  getMeasure(id: string): Measure | null {
    const r = this.db.prepare("SELECT * FROM measures WHERE id = ?").get(id) as MeasureRow | undefined;
    return r ? measure(r) : null;
  }

  /** All rows as a snapshot, for tests that check the store did not change. */
  snapshot(): string {
    const docs = this.db.prepare("SELECT id, source, repaired_text FROM documents ORDER BY id").all();
    const ms = this.db.prepare("SELECT id, text, units FROM measures ORDER BY id").all();
    return JSON.stringify({ docs, ms });
  }
}
