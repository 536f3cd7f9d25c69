// The embedded store: one SQLite file in the data directory holding documents, their original and
// repaired text, and measures. One document is written in one transaction. Every write bumps a
// change counter (triggers on the documents table, so any process's writes count), which the
// server polls to follow writes made by other processes and which the index snapshot records.
// A data directory that cannot be written (read-only, or a full disk that cannot even open the
// database for writing) is opened read-only: reads work, writes are refused with a reason.
import type Database from "better-sqlite3";
import type { Measure, PolicyDocument } from "../../extract/schema.ts";
import type { ExtractedDocument } from "../../extract/document.ts";
import { TaskStore } from "./tasks.ts";
import { openDatabase } from "./open.ts";
import { type DocRow, type DocumentQuery, findByDocNumber, findDocuments, registerFunctions } from "./find.ts";
import { type Corrections, correctionsOf, effectiveDocuments, mergePatch, type MetadataPatch, type OverrideRow, recanonicalise } from "./overrides.ts";
import { contentTypeOf, type OriginalFile } from "./files.ts";
import { ocrQualityOf, ocrQualityWrite } from "./ocr-quality.ts";
import type { OcrQuality } from "../../extract/loaders/ocr-quality.ts";
import { StoreWriteError, writeFailure } from "./errors.ts";
import { ingestOptions, ingestWith, type IngestSteps } from "./ingest-plan.ts";
import { planCarryOver, planRename, removedDocument, type Retiring } from "./task-match.ts";
import { sqliteJobs, type JobStore } from "./jobs.ts";
import { measure, summary, type MeasureRow } from "./rows.ts";
import { type FactsRow, type FactsWrite, hasFactsTable, readFacts, saveFacts, writeFacts } from "./facts.ts";

export { withWal } from "./readonly.ts";
export { DISK_FULL_REASON, READ_ONLY_REASON, StoreWriteError, type StoreWriteErrorCode, writeFailure } from "./errors.ts";

export type { DocumentSummary, ExtractedMetadata, IngestOptions, IngestOutcome, IngestStatus, StoredDocument } from "./types.ts";
import type { DocumentSummary, IngestOptions, IngestOutcome, StoredDocument } from "./types.ts";
import { defaultDataDir } from "./data-dir.ts";
export { defaultDataDir };

export class Store {
  readonly db: Database.Database;
  /** Why the store cannot be written (opened read-only: full disk or read-only directory), or null when it can. */
  readonly writeRefusal: StoreWriteError | null;
  private readonly counterStmt: Database.Statement | null;

  constructor(readonly dataDir: string = defaultDataDir()) {
    const { db, writeRefusal } = openDatabase(dataDir);
    this.writeRefusal = writeRefusal;
    this.db = db;
    registerFunctions(db);
    const has = (name: string) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    this.counterStmt = has("store_changes") ? db.prepare("SELECT n FROM store_changes WHERE one = 1").pluck() : null;
    // A read-only store of schema version 1 has neither: its documents read as extracted, without files.
    this.hasCorrections = has("document_overrides");
    this.hasFiles = has("document_files");
  }

  /** Whether the database has the tables of corrections and of original files (schema 2). */
  private readonly hasCorrections: boolean;
  private readonly hasFiles: boolean;

  /** Why the store cannot be written, or null when it can. */
  get readOnly(): string | null {
    return this.writeRefusal?.reason ?? null;
  }

  close(): void {
    this.db.close();
  }

  private taskStore: TaskStore | null = null;

  /** Follow-up (督办) progress and history of tasks, kept in this database (tasks.ts). */
  tasks(): TaskStore {
    return (this.taskStore ??= new TaskStore(this.db, this.writeRefusal === null));
  }

  private jobStore: JobStore | null = null;

  /** Upload jobs (jobs.ts), in this database. */
  jobs(): JobStore {
    return (this.jobStore ??= sqliteJobs(this.db));
  }

  /**
   * The store's change counter: grows with every document written or removed, by any process.
   * Cheap (one indexed row). Null for a read-only store made by a version without the counter.
   */
  changes(): number | null {
    return this.counterStmt ? (this.counterStmt.get() as number) : null;
  }

  /** SQLite's data_version: changes when another connection commits (this connection's own writes do not count). */
  dataVersion(): number {
    return this.db.pragma("data_version", { simple: true }) as number;
  }

  /**
   * Write one document atomically. Same content again: unchanged (or duplicate when it came from another source).
   * What a new version replaces is decided by `options.identity` (see IngestOptions): never by a name
   * alone unless the same source was given explicitly. A write the disk or the directory does not
   * allow throws a StoreWriteError and leaves the store as it was.
   * `beforeCommit` (or `options.beforeCommit`) runs inside the transaction.
   */
  ingest(doc: ExtractedDocument, options: IngestOptions | (() => void) = {}): IngestOutcome {
    if (this.writeRefusal) throw this.writeRefusal;
    const tx = this.db.transaction((): IngestOutcome => ingestWith(this.ingestSteps, doc, ingestOptions(options)));
    try {
      return tx.immediate();
    } catch (e) {
      throw writeFailure(e);
    }
  }

  /** The reads and writes of an ingest (ingest-plan.ts), in this store's write transaction. */
  private readonly ingestSteps: IngestSteps = {
    sourceOf: (id) => (this.db.prepare("SELECT source FROM documents WHERE id = ?").get(id) as { source: string } | undefined)?.source,
    idAt: (source) => this.db.prepare("SELECT id FROM documents WHERE source = ?").pluck().get(source) as string | undefined,
    remove: (by, key) => (this.db.prepare(`DELETE FROM documents WHERE ${by} = ? RETURNING id`).get(key) as { id: string } | undefined)?.id,
    retiring: (id) => this.retiring(id),
    insert: (doc, source) => this.insert(doc, source),
    insertFile: (id, format, file, ifMissing) =>
      this.db.prepare(`INSERT${ifMissing ? " OR IGNORE" : ""} INTO document_files (doc_id, name, content_type, bytes) VALUES (?, ?, ?, ?)`).run(id, file.name, contentTypeOf(format, file.bytes), file.bytes),
    correct: (id, patch, by) => this.correct(id, patch, by),
    // Corrections kept from an earlier time this content was stored: its units follow them; the library's facts.
    followKept: (doc) => this.followCorrections(doc.document.id, false, doc.repaired),
    measuresOf: (id) => this.measuresOf(id),
    carryOver: (plan) => this.tasks().carryOver(plan),
  };

  private insert(doc: ExtractedDocument, source: string): void {
    const d = doc.document;
    this.db
      .prepare(
        `INSERT INTO documents (id, source, format, title, doc_number, issuer, province, city, county, issued_date,
          published_date, original_text, repaired_text, parts, ingested_at)
         VALUES (@id, @source, @format, @title, @docNumber, @issuer, @province, @city, @county, @issuedDate,
          @publishedDate, @original, @repaired, @parts, @now)`,
      )
      .run({
        id: d.id, source, format: d.format, title: d.title, docNumber: d.docNumber, issuer: d.issuer,
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
    return findDocuments(this.db, this.hasCorrections, { limit, offset }).rows.map(summary);
  }

  /**
   * Documents by words (title, 文号 in any bracket form, issuer), issuer, place and date, sorted, with
   * the total; corrected values count. `keep`: a further filter applied before paging (validity).
   */
  findDocuments(query: DocumentQuery, keep?: (d: DocumentSummary) => boolean): { total: number; documents: DocumentSummary[] } {
    const r = findDocuments(this.db, this.hasCorrections, query, keep ? (row) => keep(summary(row)) : undefined);
    return { total: r.total, documents: r.rows.map(summary) };
  }

  /** Documents whose 文号 is `docNumber` written in any bracket form or spacing (normalizeDocNumber). */
  findByDocNumber(docNumber: string): DocumentSummary[] {
    return findByDocNumber(this.db, this.hasCorrections, docNumber).map(summary);
  }

  getDocument(id: string): StoredDocument | null {
    const base = "SELECT d.*, (SELECT count(*) FROM measures m WHERE m.doc_id = d.id) AS measure_count FROM";
    const r = this.db.prepare(`${base} ${effectiveDocuments(this.hasCorrections)} d WHERE d.id = ?`).get(id) as DocRow | undefined;
    if (!r) return null;
    const raw = this.db.prepare("SELECT * FROM documents WHERE id = ?").get(id) as DocRow & { parts: string };
    const s = summary(r);
    const x = summary(raw);
    return {
      id: s.id, source: s.source, format: s.format as PolicyDocument["format"], title: s.title, docNumber: s.docNumber,
      issuer: s.issuer, region: s.region, issuedDate: s.issuedDate, publishedDate: s.publishedDate,
      measures: this.measuresOf(id), parts: JSON.parse(raw.parts), measureCount: s.measureCount,
      extracted: { title: x.title, docNumber: x.docNumber, issuer: x.issuer, region: x.region, issuedDate: x.issuedDate, publishedDate: x.publishedDate },
      corrections: this.correctionsOf(id),
    };
  }

  /** Who corrected what of a document, and when; null when nothing is corrected. */
  correctionsOf(id: string): Corrections | null {
    if (!this.hasCorrections) return null;
    return correctionsOf(this.db.prepare("SELECT * FROM document_overrides WHERE doc_id = ?").get(id) as OverrideRow | undefined);
  }

  /**
   * Correct a document's metadata (see MetadataPatch: null removes a correction). Kept by content: the
   * same file ingested again finds it. A corrected region re-qualifies the document's unit names.
   * One transaction; bumps the change counter. Unknown document: StoreWriteError "not-found".
   */
  setCorrections(id: string, patch: MetadataPatch, by: string): StoredDocument {
    if (this.writeRefusal) throw new StoreWriteError(this.writeRefusal.code, this.writeRefusal.reason.replace("文件未保存", "更正未保存"));
    const tx = this.db.transaction(() => {
      if (this.db.prepare("SELECT 1 FROM documents WHERE id = ?").get(id) === undefined) throw new StoreWriteError("not-found", `没有编号为 ${id} 的文件`);
      this.correct(id, patch, by);
    });
    try {
      tx.immediate();
    } catch (e) {
      throw writeFailure(e);
    }
    return this.getDocument(id)!;
  }

  /** Inside a transaction: store the merged corrections and let the units follow the region. */
  private correct(id: string, patch: MetadataPatch, by: string): void {
    const retiring = this.retiring(id); // its tasks' ids follow the units' canonical names (task-match.ts planRename)
    const old = this.db.prepare("SELECT * FROM document_overrides WHERE doc_id = ?").get(id) as OverrideRow | undefined;
    const row = mergePatch(id, old, patch, by, new Date().toISOString());
    if (row)
      this.db
        .prepare(
          `INSERT INTO document_overrides (doc_id, title, doc_number, issuer, province, city, county, issued_date, published_date, updated_by, updated_at)
           VALUES (@doc_id, @title, @doc_number, @issuer, @province, @city, @county, @issued_date, @published_date, @updated_by, @updated_at)
           ON CONFLICT (doc_id) DO UPDATE SET title = excluded.title, doc_number = excluded.doc_number, issuer = excluded.issuer,
             province = excluded.province, city = excluded.city, county = excluded.county, issued_date = excluded.issued_date,
             published_date = excluded.published_date, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        )
        .run(row);
    else if (old) this.db.prepare("DELETE FROM document_overrides WHERE doc_id = ?").run(id);
    this.followCorrections(id, true);
    if (retiring) this.tasks().carryOver(planRename(retiring, this.measuresOf(id)));
  }

  /**
   * Inside a transaction: the canonical unit names of a document for its metadata as it now reads (region; title,
   * 文号 and issuer name a unit of unknown place; `always`: even when not corrected), then its library facts (facts.ts).
   */
  private followCorrections(id: string, always: boolean, text?: string): void {
    const r = this.db.prepare(`SELECT * FROM ${effectiveDocuments(this.hasCorrections)} d WHERE d.id = ?`).get(id) as DocRow | undefined;
    if (!r || !this.hasCorrections) return;
    if (always || r.corrected) recanonicalise(this.db, summary(r));
    writeFacts(this.db, r, text);
  }

  /**
   * Remove a document and everything of it (measures, original file, corrections) in one transaction.
   * False when there is no such document. Bumps the change counter.
   */
  deleteDocument(id: string): boolean {
    if (this.writeRefusal) throw new StoreWriteError(this.writeRefusal.code, this.writeRefusal.reason.replace("文件未保存", "文件未删除"));
    const tx = this.db.transaction(() => {
      const retiring = this.retiring(id);
      if (this.hasCorrections) this.db.prepare("DELETE FROM document_overrides WHERE doc_id = ?").run(id);
      // measures and document_files go with the document (ON DELETE CASCADE).
      const gone = this.db.prepare("DELETE FROM documents WHERE id = ?").run(id).changes > 0;
      if (gone && retiring) this.tasks().carryOver(planCarryOver(retiring, null));
      return gone;
    });
    try {
      return tx.immediate();
    } catch (e) {
      throw writeFailure(e);
    }
  }

  /** Inside a write: a document about to be replaced or deleted, with its tasks that have progress (null: none). */
  private retiring(id: string): Retiring | null {
    const rows = this.tasks().rowsOf(id);
    const r = rows.length ? (this.db.prepare(`SELECT * FROM ${effectiveDocuments(this.hasCorrections)} d WHERE d.id = ?`).get(id) as DocRow | undefined) : undefined;
    return r ? { doc: removedDocument(summary(r)), measures: this.measuresOf(id), rows } : null;
  }

  /** The file a document was read from, byte for byte; null when unknown or stored before files were kept. */
  originalFile(id: string): OriginalFile | null {
    if (!this.hasFiles) return null;
    const r = this.db.prepare("SELECT name, content_type, bytes FROM document_files WHERE doc_id = ?").get(id) as { name: string; content_type: string; bytes: Buffer } | undefined;
    return r ? { name: r.name, contentType: r.content_type, bytes: r.bytes } : null;
  }

  /** Library facts (facts.ts): every document's metadata and stored facts in one query; facts computed for rows without them written back. */
  documentFacts = (): FactsRow[] => readFacts(this.db, this.hasCorrections, hasFactsTable(this.db));
  saveFacts = (list: FactsWrite[]): number => (this.writeRefusal || !list.length ? 0 : saveFacts(this.db, list));

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

  /** Measures by id, in the order asked (null for an unknown id); statements kept per count. */
  getMeasures(ids: string[]): (Measure | null)[] {
    if (!ids.length) return [];
    let stmt = this.byCount.get(ids.length);
    if (!stmt) this.byCount.set(ids.length, (stmt = this.db.prepare(`SELECT * FROM measures WHERE id IN (${ids.map(() => "?").join(",")})`)));
    const rows = new Map((stmt.all(...ids) as MeasureRow[]).map((r) => [r.id, r]));
    return ids.map((id) => (rows.has(id) ? measure(rows.get(id)!) : null));
  }
  private readonly byCount = new Map<number, Database.Statement>();

  /** Ids of the measures whose text or title contains any of `words`. */
  measureIdsContaining(words: string[]): string[] {
    const stmt = this.db.prepare("SELECT id FROM measures WHERE instr(text, ?) > 0 OR instr(coalesce(title, ''), ?) > 0").pluck();
    return [...new Set(words.flatMap((w) => stmt.all(w, w) as string[]))];
  }

  /** Every document id, sorted. */
  documentIds(): string[] {
    return this.db.prepare("SELECT id FROM documents ORDER BY id").pluck().all() as string[];
  }

  /** The unit names of every measure (the search dictionary). */
  unitNames(): Set<string> {
    const names = new Set<string>();
    for (const units of this.db.prepare("SELECT units FROM measures").pluck().iterate() as Iterable<string>) for (const u of JSON.parse(units) as { name: string }[]) names.add(u.name);
    return names;
  }

  /** A document's OCR quality (ocr-quality.ts), or null when no page of it was read by OCR. */
  ocrQuality(docId: string): OcrQuality | null {
    return ocrQualityOf(this.db, docId);
  }

  /** Ingest options that store a document's OCR quality in the same transaction. */
  ocrQualityWrite(doc: { document: { id: string }; ocr?: OcrQuality }): { beforeCommit?: () => void } {
    return ocrQualityWrite(this.db, doc);
  }

  /** All rows as a snapshot, for tests that check the store did not change. */
  snapshot(): string {
    const docs = this.db.prepare("SELECT id, source, repaired_text FROM documents ORDER BY id").all();
    const ms = this.db.prepare("SELECT id, text, units FROM measures ORDER BY id").all();
    return JSON.stringify({ docs, ms });
  }
}
