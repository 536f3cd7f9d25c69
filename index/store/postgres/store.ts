// The PostgreSQL engine of the store (engine.ts): the same documents, measures, corrections, original
// files, OCR quality and tasks as the SQLite store, with the same guarantees: one document in one
// transaction, the same content changes nothing, a failed or killed write leaves nothing. Writers take a
// transaction-level advisory lock (one writer at a time across every replica, as SQLite's BEGIN IMMEDIATE),
// and each write appends to the change log `store_changes` in its transaction; changes() is its latest seq.
import type { Measure, PolicyDocument, Unit } from "../../../extract/schema.ts";
import type { ExtractedDocument } from "../../../extract/document.ts";
import { OcrQuality } from "../../../extract/loaders/ocr-quality.ts";
import { normalizeDocNumber } from "../../../extract/fields/doc-number.ts";
import type { DocumentSummary, IngestOptions, IngestOutcome, StoredDocument } from "../store.ts";
import type { StoreEngine } from "../engine.ts";
import { DOCUMENT_SORTS, type DocRow, type DocumentQuery } from "../find.ts";
import { EFFECTIVE, ORDER, SELECT_DOCS, where } from "./find.ts";
import { correctionsOf, mergePatch, recanonicalRows, type Corrections, type MetadataPatch, type OverrideRow, type UnitsRow } from "../overrides.ts";
import { contentTypeOf, type OriginalFile } from "../files.ts";
import { StoreWriteError, DISK_FULL_REASON } from "../errors.ts";
import { asBuffer, PgConnection, type PgError } from "./connection.ts";
import { migratePg, WRITE_LOCK } from "./schema.ts";
import { PgTaskStore } from "./tasks.ts";
import { ingestOptions, ingestWith, type IngestSteps } from "../ingest-plan.ts";
import { planCarryOver, planRename, removedDocument, type Retiring } from "../task-match.ts";
import type { JobStore } from "../jobs.ts";
import { pgJobs } from "./jobs.ts";
import { measure, summary, type MeasureRow } from "../rows.ts";
import type { FactsRow, FactsWrite } from "../facts.ts";
import { readPgFacts, savePgFacts, writePgFacts } from "./facts.ts";

const norm = (s: string | null | undefined) => (typeof s === "string" ? normalizeDocNumber(s) : null);

/** PostgreSQL errors that mean "cannot write here", as the store's StoreWriteError. */
function pgWriteFailure(e: unknown): unknown {
  if (e instanceof StoreWriteError) return e;
  const code = (e as PgError)?.code;
  if (code === "53100") return new StoreWriteError("disk-full", DISK_FULL_REASON);
  if (code === "25006") return new StoreWriteError("read-only", "数据库只读（备用服务器），文件未保存");
  return e;
}

export class PgStore implements StoreEngine {
  readonly writeRefusal = null;
  readonly readOnly = null;
  private taskStore: PgTaskStore | null = null;

  private constructor(
    readonly db: PgConnection,
    readonly databaseUrl: string,
    readonly dataDir: string,
    /** Schema versions this open applied (none when another replica or an earlier start had). */
    readonly migrated: number[],
  ) {}

  /** Connect and bring the schema up to date (safe when several replicas start at once). */
  static open(url: string, dataDir: string, opts: { migrate?: boolean } = {}): PgStore {
    let db: PgConnection;
    try {
      db = PgConnection.open(url);
    } catch (e) {
      throw new Error(`无法连接数据库 ${url.replace(/\/\/[^@/]*@/, "//…@")}：${(e as Error).message}`);
    }
    try {
      return new PgStore(db, url, dataDir, opts.migrate === false ? [] : migratePg(db)); // a standby takes its schema from the primary
    } catch (e) {
      db.close();
      throw e;
    }
  }

  close(): void {
    this.db.close();
  }

  tasks(): PgTaskStore {
    return (this.taskStore ??= new PgTaskStore(this.db, (docId) => this.logChange(docId, "tasks")));
  }

  private jobStore: JobStore | null = null;

  jobs(): JobStore {
    return (this.jobStore ??= pgJobs(this.db));
  }

  changes(): number {
    return this.db.value<number>("SELECT coalesce(max(seq), 0) FROM store_changes") ?? 0;
  }

  /** No per-connection data version here: the change log moves with every write of any replica. */
  dataVersion(): number {
    return this.changes();
  }

  /** Append to the change log (inside the write's transaction). */
  private logChange(docId: string | null, kind: "added" | "removed" | "corrected" | "tasks"): void {
    this.db.batch([{ sql: "INSERT INTO store_changes (doc_id, kind) VALUES ($1, $2)", params: [docId, kind] }]);
  }

  /** One write transaction: writers take turns; database refusals become StoreWriteError. */
  private write<T>(body: () => T): T {
    try {
      return this.db.tx(body, WRITE_LOCK);
    } catch (e) {
      throw pgWriteFailure(e);
    }
  }

  ingest(doc: ExtractedDocument, options: IngestOptions | (() => void) = {}): IngestOutcome {
    return this.write(() => ingestWith(this.ingestSteps, doc, ingestOptions(options)));
  }

  /** The reads and writes of an ingest (ingest-plan.ts), in this engine's write transaction. */
  private readonly ingestSteps: IngestSteps = {
    sourceOf: (id) => this.db.get<{ source: string }>("SELECT source FROM documents WHERE id = $1", [id])?.source,
    idAt: (source) => this.db.value<string>("SELECT id FROM documents WHERE source = $1", [source]),
    remove: (by, key) => this.db.get<{ id: string }>(`DELETE FROM documents WHERE ${by} = $1 RETURNING id`, [key])?.id,
    retiring: (id) => this.retiring(id),
    insert: (doc, source) => this.insert(doc, source),
    insertFile: (id, format, file, ifMissing) => this.insertFile(id, format, file, ifMissing),
    correct: (id, patch, by) => this.correct(id, patch, by),
    followKept: (doc) => {
      this.followCorrections(doc.document.id, false);
      writePgFacts(this.db, doc.document.id, doc.repaired); // the library's facts (facts.ts); a correction writes them again
    },
    measuresOf: (id) => this.measuresOf(id),
    carryOver: (plan) => this.tasks().carryOver(plan),
    logged: (id, kind) => this.logChange(id, kind),
  };

  private insertFile(docId: string, format: string, file: { bytes: Buffer; name: string }, ifMissing: boolean): void {
    this.db.batch([
      {
        sql: `INSERT INTO document_files (doc_id, name, content_type, bytes) VALUES ($1, $2, $3, $4)${ifMissing ? " ON CONFLICT (doc_id) DO NOTHING" : ""}`,
        params: [docId, file.name, contentTypeOf(format, file.bytes), file.bytes],
      },
    ]);
  }

  private insert(doc: ExtractedDocument, source: string): void {
    const d = doc.document;
    const ms = d.measures;
    this.db.batch([
      {
        sql: `INSERT INTO documents (id, source, format, title, doc_number, issuer, province, city, county, issued_date, published_date,
            original_text, repaired_text, parts, ingested_at, title_norm, doc_number_norm, issuer_norm)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
        params: [
          d.id, source, d.format, d.title, d.docNumber, d.issuer, d.region.province, d.region.city, d.region.county, d.issuedDate, d.publishedDate,
          doc.original, doc.repaired, JSON.stringify(doc.parts), new Date().toISOString(), norm(d.title), norm(d.docNumber), norm(d.issuer),
        ],
      },
      {
        sql: `INSERT INTO measures (id, doc_id, seq, path, title, text, units, deadlines, targets)
          SELECT m.id, $1, m.seq, m.path, m.title, m.text, m.units, m.deadlines, m.targets
          FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
            AS m(id, seq, path, title, text, units, deadlines, targets)`,
        params: [
          d.id, ms.map((m) => m.id), ms.map((_, i) => i), ms.map((m) => m.path), ms.map((m) => m.title), ms.map((m) => m.text),
          ms.map((m) => JSON.stringify(m.units)), ms.map((m) => JSON.stringify(m.deadlines)), ms.map((m) => JSON.stringify(m.targets)),
        ],
      },
    ]);
  }

  documentCount(): number {
    return this.db.value<number>("SELECT count(*) FROM documents") ?? 0;
  }

  listDocuments(limit = 100, offset = 0): DocumentSummary[] {
    return this.findDocuments({ limit, offset }).documents;
  }

  findDocuments(query: DocumentQuery, keep?: (d: DocumentSummary) => boolean): { total: number; documents: DocumentSummary[] } {
    const { sql, args } = where(query);
    const limit = query.limit ?? 100;
    const offset = query.offset ?? 0;
    const sort = DOCUMENT_SORTS.includes(query.sort ?? "date") ? (query.sort ?? "date") : "date";
    const select = `${SELECT_DOCS} ${sql} ORDER BY ${ORDER[sort]}`;
    if (keep) {
      const all = this.db.all<DocRow>(select, args).map(summary).filter(keep);
      return { total: all.length, documents: all.slice(offset, offset + limit) };
    }
    const [count, rows] = this.db.batch([
      { sql: `SELECT count(*) AS n FROM ${EFFECTIVE} d ${sql}`, params: args },
      { sql: `${select} LIMIT $${args.length + 1} OFFSET $${args.length + 2}`, params: [...args, limit, offset] },
    ]);
    return { total: Number(count[0]?.n ?? 0), documents: (rows as DocRow[]).map(summary) };
  }

  findByDocNumber(docNumber: string): DocumentSummary[] {
    const n = normalizeDocNumber(docNumber);
    if (!n) return [];
    return this.db.all<DocRow>(`${SELECT_DOCS} WHERE d.doc_number_norm = $1 ORDER BY ${ORDER.date}`, [n]).map(summary);
  }

  getDocument(id: string): StoredDocument | null {
    const [eff, raw, ms, ov] = this.db.batch([
      { sql: `${SELECT_DOCS} WHERE d.id = $1`, params: [id] },
      { sql: "SELECT id, source, format, title, doc_number, issuer, province, city, county, issued_date, published_date, parts FROM documents WHERE id = $1", params: [id] },
      { sql: "SELECT id, path, title, text, units, deadlines, targets FROM measures WHERE doc_id = $1 ORDER BY seq", params: [id] },
      { sql: "SELECT * FROM document_overrides WHERE doc_id = $1", params: [id] },
    ]);
    if (!eff.length || !raw.length) return null;
    const s = summary(eff[0] as DocRow);
    const x = summary(raw[0] as DocRow);
    return {
      id: s.id, source: s.source, format: s.format as PolicyDocument["format"], title: s.title, docNumber: s.docNumber,
      issuer: s.issuer, region: s.region, issuedDate: s.issuedDate, publishedDate: s.publishedDate,
      measures: (ms as MeasureRow[]).map(measure), parts: JSON.parse(raw[0].parts as string), measureCount: s.measureCount,
      extracted: { title: x.title, docNumber: x.docNumber, issuer: x.issuer, region: x.region, issuedDate: x.issuedDate, publishedDate: x.publishedDate },
      corrections: correctionsOf(ov[0] as OverrideRow | undefined),
    };
  }

  correctionsOf(id: string): Corrections | null {
    return correctionsOf(this.db.get<OverrideRow>("SELECT * FROM document_overrides WHERE doc_id = $1", [id]));
  }

  setCorrections(id: string, patch: MetadataPatch, by: string): StoredDocument {
    this.write(() => {
      if (this.db.get("SELECT 1 FROM documents WHERE id = $1", [id]) === undefined) throw new StoreWriteError("not-found", `没有编号为 ${id} 的文件`);
      this.correct(id, patch, by);
    });
    return this.getDocument(id)!;
  }

  /** Inside a transaction: store the merged corrections and let the units follow the region. */
  private correct(id: string, patch: MetadataPatch, by: string): void {
    const retiring = this.retiring(id);
    const old = this.db.get<OverrideRow>(
      "SELECT doc_id, title, doc_number, issuer, province, city, county, issued_date, published_date, updated_by, updated_at FROM document_overrides WHERE doc_id = $1",
      [id],
    );
    const row = mergePatch(id, old, patch, by, new Date().toISOString());
    if (row)
      this.db.batch([
        {
          sql: `INSERT INTO document_overrides (doc_id, title, doc_number, issuer, province, city, county, issued_date, published_date, updated_by, updated_at,
              title_norm, doc_number_norm, issuer_norm)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            ON CONFLICT (doc_id) DO UPDATE SET title = excluded.title, doc_number = excluded.doc_number, issuer = excluded.issuer,
              province = excluded.province, city = excluded.city, county = excluded.county, issued_date = excluded.issued_date,
              published_date = excluded.published_date, updated_by = excluded.updated_by, updated_at = excluded.updated_at,
              title_norm = excluded.title_norm, doc_number_norm = excluded.doc_number_norm, issuer_norm = excluded.issuer_norm`,
          params: [
            row.doc_id, row.title, row.doc_number, row.issuer, row.province, row.city, row.county, row.issued_date, row.published_date, row.updated_by, row.updated_at,
            norm(row.title), norm(row.doc_number), norm(row.issuer),
          ],
        },
      ]);
    else if (old) this.db.batch([{ sql: "DELETE FROM document_overrides WHERE doc_id = $1", params: [id] }]);
    if (row || old) this.logChange(id, "corrected");
    this.followCorrections(id, true);
    if (retiring) this.tasks().carryOver(planRename(retiring, this.measuresOf(id))); // task ids follow the units' names
    writePgFacts(this.db, id);
  }

  /** Inside a transaction: canonical unit names of a document's measures for its metadata as it now reads (overrides.ts recanonicalRows). */
  private followCorrections(id: string, always: boolean): void {
    if (!always && this.db.get("SELECT 1 FROM document_overrides WHERE doc_id = $1", [id]) === undefined) return;
    const [docRows, rows, texts] = this.db.batch([
      { sql: `SELECT d.id, d.title, d.doc_number, d.issuer, d.province, d.city, d.county FROM ${EFFECTIVE} d WHERE d.id = $1`, params: [id] },
      { sql: "SELECT id, units FROM measures WHERE doc_id = $1", params: [id] },
      { sql: "SELECT repaired_text FROM documents WHERE id = $1", params: [id] },
    ]);
    const r = docRows[0] as DocRow | undefined;
    if (!r) return;
    const doc = { id: r.id, title: r.title, docNumber: r.doc_number, issuer: r.issuer, region: { province: r.province, city: r.city, county: r.county } };
    const changed = recanonicalRows(doc, rows as UnitsRow[], (texts[0] as { repaired_text: string } | undefined)?.repaired_text ?? "");
    if (changed.length)
      this.db.batch([
        {
          sql: "UPDATE measures m SET units = u.units FROM unnest($1::text[], $2::text[]) AS u(id, units) WHERE m.id = u.id",
          params: [changed.map((m) => m.id), changed.map((m) => m.units)],
        },
      ]);
  }

  deleteDocument(id: string): boolean {
    return this.write(() => {
      const retiring = this.retiring(id);
      this.db.batch([{ sql: "DELETE FROM document_overrides WHERE doc_id = $1", params: [id] }]);
      const gone = this.db.get("DELETE FROM documents WHERE id = $1 RETURNING id", [id]) !== undefined;
      if (gone) this.logChange(id, "removed");
      if (gone && retiring) this.tasks().carryOver(planCarryOver(retiring, null));
      return gone;
    });
  }

  /** Inside a write: a document about to be replaced or deleted, with its tasks that have progress (null: none). */
  private retiring(id: string): Retiring | null {
    const rows = this.tasks().rowsOf(id);
    const r = rows.length ? this.db.get<DocRow>(`${SELECT_DOCS} WHERE d.id = $1`, [id]) : undefined;
    return r ? { doc: removedDocument(summary(r)), measures: this.measuresOf(id), rows } : null;
  }

  originalFile(id: string): OriginalFile | null {
    const r = this.db.get<{ name: string; content_type: string; bytes: Uint8Array }>("SELECT name, content_type, bytes FROM document_files WHERE doc_id = $1", [id]);
    return r ? { name: r.name, contentType: r.content_type, bytes: asBuffer(r.bytes) } : null;
  }

  getTexts(id: string): { original: string; repaired: string } | null {
    const r = this.db.get<{ original_text: string; repaired_text: string }>("SELECT original_text, repaired_text FROM documents WHERE id = $1", [id]);
    return r ? { original: r.original_text, repaired: r.repaired_text } : null;
  }

  documentFacts = (): FactsRow[] => readPgFacts(this.db);
  saveFacts = (list: FactsWrite[]): number => savePgFacts(this.db, list);

  measuresOf(docId: string): Measure[] {
    return this.db.all<MeasureRow>("SELECT id, path, title, text, units, deadlines, targets FROM measures WHERE doc_id = $1 ORDER BY seq", [docId]).map(measure);
  }

  getMeasure(id: string): Measure | null {
    const r = this.db.get<MeasureRow>("SELECT id, path, title, text, units, deadlines, targets FROM measures WHERE id = $1", [id]);
    return r ? measure(r) : null;
  }

  getMeasures(ids: string[]): (Measure | null)[] {
    if (!ids.length) return [];
    const rows = new Map(this.db.all<MeasureRow>("SELECT id, path, title, text, units, deadlines, targets FROM measures WHERE id = ANY($1::text[])", [ids]).map((r) => [r.id, r]));
    return ids.map((id) => {
      const r = rows.get(id);
      return r ? measure(r) : null;
    });
  }

  measureIdsContaining(words: string[]): string[] {
    if (!words.length) return [];
    const rows = this.db.all<{ id: string }>(
      "SELECT DISTINCT m.id FROM measures m, unnest($1::text[]) AS w(word) WHERE strpos(m.text, w.word) > 0 OR strpos(coalesce(m.title, ''), w.word) > 0",
      [words],
    );
    return rows.map((r) => r.id);
  }

  documentIds(): string[] {
    return this.db.all<{ id: string }>(`SELECT id FROM documents ORDER BY id COLLATE "C"`).map((r) => r.id);
  }

  unitNames(): Set<string> {
    const names = new Set<string>();
    for (const r of this.db.all<{ units: string }>("SELECT units FROM measures")) for (const u of JSON.parse(r.units) as Unit[]) names.add(u.name);
    return names;
  }

  ocrQuality(docId: string): OcrQuality | null {
    const r = this.db.get<{ quality: string }>("SELECT quality FROM document_ocr WHERE doc_id = $1", [docId]);
    if (!r) return null;
    const parsed = OcrQuality.safeParse(JSON.parse(r.quality));
    return parsed.success ? parsed.data : null;
  }

  ocrQualityWrite(doc: { document: { id: string }; ocr?: OcrQuality }): { beforeCommit?: () => void } {
    const quality = doc.ocr;
    if (!quality) return {};
    // Runs inside the ingest's transaction (held open on this connection).
    return {
      beforeCommit: () =>
        this.db.batch([
          {
            sql: "INSERT INTO document_ocr (doc_id, quality) VALUES ($1, $2) ON CONFLICT (doc_id) DO UPDATE SET quality = excluded.quality",
            params: [doc.document.id, JSON.stringify(OcrQuality.parse(quality))],
          },
        ]),
    };
  }

  snapshot(): string {
    const [docs, ms] = this.db.batch([
      { sql: `SELECT id, source, repaired_text FROM documents ORDER BY id COLLATE "C"` },
      { sql: `SELECT id, text, units FROM measures ORDER BY id COLLATE "C"` },
    ]);
    return JSON.stringify({ docs, ms });
  }
}
