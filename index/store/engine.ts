// The store behind one interface, two engines: the embedded SQLite file in DATA_DIR (store.ts, the
// default) or a shared PostgreSQL database when DATABASE_URL is set (postgres/store.ts). Both are
// synchronous: the PostgreSQL engine blocks on its connection thread for each call (postgres/connection.ts),
// so every caller works unchanged on either. Worker threads that open the store themselves are given
// the same choice (StoreTarget), not only the data directory.
import type { Measure } from "../../extract/schema.ts";
import type { ExtractedDocument } from "../../extract/document.ts";
import type { OcrQuality } from "../../extract/loaders/ocr-quality.ts";
import type { DocumentQuery } from "./find.ts";
import type { OriginalFile } from "./files.ts";
import type { Corrections, MetadataPatch } from "./overrides.ts";
import type { TaskChange, TaskHistoryEntry, TaskProgress } from "./tasks.ts";
import type { RemovedTask } from "./task-match.ts";
import type { JobStore } from "./jobs.ts";
import type { FactsRow, FactsWrite } from "./facts.ts";
import { defaultDataDir, Store, type DocumentSummary, type IngestOptions, type IngestOutcome, type StoredDocument, type StoreWriteError } from "./store.ts";
import { PgStore } from "./postgres/store.ts";
import { splitReads } from "./postgres/read-split.ts";

/** Follow-up (督办) progress and its history (TaskStore on SQLite, PgTaskStore on PostgreSQL). */
export interface TaskEngine {
  all(): Map<string, TaskProgress>;
  get(id: string): TaskProgress | null;
  history(id: string): TaskHistoryEntry[];
  /** The task an old id moved to when its document was replaced by a changed version (task-match.ts), or null. */
  movedTo(id: string): string | null;
  /** A task its document's new version no longer has, or whose document was deleted, as it was; or null. */
  removed(id: string): RemovedTask | null;
  /** Every removed task, the latest removed first. */
  removedList(): RemovedTask[];
  apply(changes: TaskChange[], editor: string, source: "api" | "import", now?: Date): TaskProgress[];
  snapshot(): string;
}

/** Everything the application asks of the store. */
export interface StoreEngine {
  /** The local data directory (the search index's saved copy lives there with either engine). */
  readonly dataDir: string;
  /** The PostgreSQL database, or undefined for the embedded SQLite store. */
  readonly databaseUrl?: string;
  readonly writeRefusal: StoreWriteError | null;
  readonly readOnly: string | null;
  close(): void;
  tasks(): TaskEngine;
  /** Upload jobs (jobs.ts): state and progress of files read in the background, seen by every replica. */
  jobs(): JobStore;
  /** Grows with every write (SQLite: the change counter; PostgreSQL: the change log's latest seq). */
  changes(): number | null;
  dataVersion(): number;
  ingest(doc: ExtractedDocument, options?: IngestOptions | (() => void)): IngestOutcome;
  documentCount(): number;
  listDocuments(limit?: number, offset?: number): DocumentSummary[];
  findDocuments(query: DocumentQuery, keep?: (d: DocumentSummary) => boolean): { total: number; documents: DocumentSummary[] };
  findByDocNumber(docNumber: string): DocumentSummary[];
  getDocument(id: string): StoredDocument | null;
  correctionsOf(id: string): Corrections | null;
  setCorrections(id: string, patch: MetadataPatch, by: string): StoredDocument;
  deleteDocument(id: string): boolean;
  originalFile(id: string): OriginalFile | null;
  getTexts(id: string): { original: string; repaired: string } | null;
  /** Every document's metadata (as corrected) with its stored library facts (index/library/facts.ts, JSON or null), in one query, date order. */
  documentFacts(): FactsRow[];
  /** Write back facts the library computed for rows stored without them (only where the row still holds `was`); 0 when read-only. */
  saveFacts(list: FactsWrite[]): number;
  measuresOf(docId: string): Measure[];
  getMeasure(id: string): Measure | null;
  /** Measures by id, in the order asked (null for an unknown id). */
  getMeasures(ids: string[]): (Measure | null)[];
  /** Ids of the measures whose text or title contains any of `words`. */
  measureIdsContaining(words: string[]): string[];
  /** Every document id, sorted. */
  documentIds(): string[];
  /** The unit names of every measure (the search dictionary). */
  unitNames(): Set<string>;
  /** A document's OCR quality, or null when no page of it was read by OCR. */
  ocrQuality(docId: string): OcrQuality | null;
  /** Ingest options that store a document's OCR quality in the same transaction (none when not OCR-read). */
  ocrQualityWrite(doc: { document: { id: string }; ocr?: OcrQuality }): { beforeCommit?: () => void };
  snapshot(): string;
}

/** Which store to open: a process passes it to its worker threads so that they open the same one. */
export interface StoreTarget {
  dataDir?: string;
  /** postgres://… selects PostgreSQL; absent: SQLite in dataDir. */
  databaseUrl?: string;
  /** DATABASE_READ_URL: a PostgreSQL streaming standby that serves the reads (postgres/read-split.ts). */
  readUrl?: string;
}

/** Whether a connection string names PostgreSQL. */
export function isPostgresUrl(url: string | undefined): boolean {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

/** The engine chosen by the environment: DATABASE_URL (PostgreSQL) or else DATA_DIR (SQLite). */
function targetFromEnv(env: NodeJS.ProcessEnv = process.env): StoreTarget {
  return { dataDir: defaultDataDir(), databaseUrl: env.DATABASE_URL?.trim() || undefined, readUrl: env.DATABASE_READ_URL?.trim() || undefined };
}

/** Open the store: PostgreSQL when a database URL is given (migrated on open), else SQLite (the default). */
export function openStore(target: StoreTarget = targetFromEnv()): StoreEngine {
  const dataDir = target.dataDir ?? defaultDataDir();
  if (target.databaseUrl) {
    if (!isPostgresUrl(target.databaseUrl)) throw new Error(`DATABASE_URL 无效：应以 postgres:// 或 postgresql:// 开头（${target.databaseUrl.slice(0, 40)}）`);
    const primary = PgStore.open(target.databaseUrl, dataDir);
    if (!target.readUrl) return primary;
    if (!isPostgresUrl(target.readUrl)) throw new Error(`DATABASE_READ_URL 无效：应以 postgres:// 或 postgresql:// 开头（${target.readUrl.slice(0, 40)}）`);
    return splitReads(primary, PgStore.open(target.readUrl, dataDir, { migrate: false })); // reads from the standby, writes to the primary
  }
  return new Store(dataDir);
}
