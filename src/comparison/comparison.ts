// Cross-city comparison: the similarity index and its topics, rebuilt when the store's documents change.
// Comparison works in the calling thread (the CLI); ComparisonService, the service's, keeps the index on a
// worker thread of its own (comparison-worker.ts), rebuilt there at the first question after a document
// write (not at the write, not after task progress), so that building it and clustering the topics never
// hold up the event loop or a search.
import { Piscina } from "piscina";
import { workerFile } from "../../extract/worker-file.ts";
import { SimilarityIndex, type SimilarFocus } from "../../index/similar/similarity.ts";
import { buildTopics, topicById, type Topic } from "../../index/similar/topics.ts";
import { compareMeasure, compareQuery, compareTopic, type ComparisonTable } from "../../index/similar/compare.ts";
import type { StoreEngine as Store } from "../../index/store/engine.ts";
import { PgStore } from "../../index/store/postgres/store.ts";
import { documentHead } from "../../index/store/postgres/log.ts";
import { renderComparison, type ComparisonFile } from "./export.ts";
import { namedDocument } from "../documents/named.ts";
import type { DocRef } from "../../index/schema.ts";

/** What a comparison file is of: a term (q), a measure, or a topic. */
export type ComparisonSubjectRef = { q: string } | { measure: string } | { topic: string };

export class Comparison {
  private index: SimilarityIndex;
  private builtTopics: Topic[] | null = null;

  constructor(private readonly store: Store) {
    this.index = SimilarityIndex.fromStore(store);
  }

  /** Rebuild after an ingest (the real corpus takes well under a second). */
  refresh(): void {
    this.index = SimilarityIndex.fromStore(this.store);
    this.builtTopics = null;
  }

  similar(measureId: string, limit: number, excludeSameDoc: boolean, offset = 0, focus: SimilarFocus = "area") {
    if (!this.index.entry(measureId)) return null;
    const { copies, similar, total } = this.index.relatedPage(measureId, { limit, offset, excludeSameDoc, focus });
    return { measureId, focus, similar, copies, total, limit, offset };
  }

  topics(): Topic[] {
    this.builtTopics ??= buildTopics(this.index);
    return this.builtTopics;
  }

  topic(id: string): { topic: Topic; comparison: ComparisonTable } | null {
    const t = topicById(this.topics(), id);
    return t ? { topic: t, comparison: this.named(compareTopic(this.index, t)) } : null;
  }

  compareText(q: string): ComparisonTable {
    return this.named(compareQuery(this.index, q));
  }

  compareMeasure(id: string): ComparisonTable | null {
    const t = compareMeasure(this.index, id);
    return t && this.named(t);
  }

  /**
   * A row's document without a recognised title carries its file name (document.fileName), as a search
   * hit's does: the page and the exported tables name it 未命名文件（file name）, not an empty cell.
   */
  private named(t: ComparisonTable): ComparisonTable {
    const doc = (d: DocRef): DocRef => namedDocument(this.store, d);
    return { ...t, rows: t.rows.map((r) => ({ ...r, document: doc(r.document), others: r.others.map((o) => ({ ...o, document: doc(o.document) })) })) };
  }

  /** The comparison table of a subject (null: no such measure or topic). */
  table(subject: ComparisonSubjectRef): ComparisonTable | null {
    if ("q" in subject) return this.compareText(subject.q);
    if ("measure" in subject) return this.compareMeasure(subject.measure);
    return this.topic(subject.topic)?.comparison ?? null;
  }

  /** The comparison table of a subject as an XLSX, CSV or Markdown file (null: no such measure or topic). */
  async exportFile(subject: ComparisonSubjectRef, format: string): Promise<ComparisonFile | null> {
    const t = this.table(subject);
    return t ? renderComparison(t, format) : null;
  }

  /** The topics as the API lists them. */
  topicList(): TopicSummary[] {
    return this.topics().map(topicSummary);
  }

  /** One topic as the API gives it: its summary and its comparison table. */
  topicDetail(id: string): { topic: TopicSummary; comparison: ComparisonTable } | null {
    const r = this.topic(id);
    return r ? { topic: topicSummary(r.topic), comparison: r.comparison } : null;
  }
}

export type TopicSummary = ReturnType<typeof topicSummary>;
type Awaitable<T> = T | Promise<T>;

/** What the HTTP layer asks of a comparison index, answered now (Comparison) or later (ComparisonService). */
export interface ComparisonAnswers {
  similar(measureId: string, limit: number, excludeSameDoc: boolean, offset?: number, focus?: SimilarFocus): Awaitable<ReturnType<Comparison["similar"]>>;
  topicList(): Awaitable<TopicSummary[]>;
  topicDetail(id: string): Awaitable<ReturnType<Comparison["topicDetail"]>>;
  compareText(q: string): Awaitable<ComparisonTable>;
  compareMeasure(id: string): Awaitable<ComparisonTable | null>;
  exportFile(subject: ComparisonSubjectRef, format: string): Promise<ComparisonFile | null>;
  /** The store changed (this process wrote to it). */
  refresh(): void;
}

/**
 * Moves with every document written, replaced, removed or corrected, by this process or another, and not with task
 * progress (督办) nor upload jobs: SQLite's change counter (documents and corrections only), PostgreSQL's change log
 * without its task entries, or the database's data version where a store has no counter. What the comparison worker
 * rebuilds on (comparison-worker.ts).
 */
export function documentVersion(store: Store): string {
  if (store instanceof PgStore) return String(documentHead(store.db));
  const n = store.changes();
  return n === null ? `v${store.dataVersion()}` : String(n);
}

/** A question for the comparison worker. */
export type ComparisonTask = { dataDir: string; /** PostgreSQL: the worker opens the same engine. */ databaseUrl?: string } & (
  | { op: "similar"; id: string; limit: number; excludeSameDoc: boolean; offset?: number; focus?: SimilarFocus }
  | { op: "topicList" }
  | { op: "topicDetail"; id: string }
  | { op: "compareText"; q: string }
  | { op: "compareMeasure"; id: string }
  | { op: "exportFile"; subject: ComparisonSubjectRef; format: string }
  | { op: "warm" }
);

/** Why a comparison was not answered (503: busy or too slow, try again). */
export class ComparisonRefused extends Error {
  constructor(
    message: string,
    readonly retryAfterSec: number,
  ) {
    super(message);
  }
}

const COMPARISON_WORKER = new URL("./worker.ts", import.meta.url);

/**
 * The service's comparison index, on a worker thread: the worker builds it from the store on first use
 * and again whenever the store's change counter moves (writes by this process or another), clusters
 * the topics there, and answers each question; the event loop only awaits the answer. At most `queue`
 * questions wait; more, or one that takes over `timeoutMs`, is refused with ComparisonRefused.
 */
export class ComparisonService implements ComparisonAnswers {
  private readonly pool: Piscina<ComparisonTask, unknown>;

  constructor(
    private readonly store: Store,
    private readonly opts: { queue: number; timeoutMs: number } = { queue: 64, timeoutMs: 60_000 },
  ) {
    const { file, execArgv } = workerFile("comparison-worker", COMPARISON_WORKER);
    this.pool = new Piscina<ComparisonTask, unknown>({
      filename: file,
      minThreads: 1,
      maxThreads: 1,
      maxQueue: opts.queue,
      idleTimeout: Infinity,
      execArgv,
    });
    // Build the index now, not on the first question.
    this.ask<void>({ op: "warm", dataDir: this.store.dataDir }).catch((e: Error) => process.stderr.write(`对比索引未能建立：${e.message}\n`));
  }

  private async ask<T>(task: ComparisonTask): Promise<T> {
    try {
      return (await this.pool.run({ ...task, databaseUrl: this.store.databaseUrl }, { signal: AbortSignal.timeout(this.opts.timeoutMs) })) as T;
    } catch (e) {
      const err = e as Error;
      if (err.name === "AbortError") throw new ComparisonRefused(`对比计算未能在 ${this.opts.timeoutMs / 1000} 秒内完成，已停止，请稍后重试`, 10);
      if (/queue is at limit/i.test(err.message)) throw new ComparisonRefused(`对比计算繁忙：已有 ${this.pool.queueSize} 个请求在排队（上限 ${this.opts.queue} 个），请稍后重试`, 2);
      throw err;
    }
  }

  similar(id: string, limit: number, excludeSameDoc: boolean, offset = 0, focus: SimilarFocus = "area") {
    return this.ask<ReturnType<Comparison["similar"]>>({ op: "similar", id, limit, excludeSameDoc, offset, focus, dataDir: this.store.dataDir });
  }

  topicList() {
    return this.ask<TopicSummary[]>({ op: "topicList", dataDir: this.store.dataDir });
  }

  topicDetail(id: string) {
    return this.ask<ReturnType<Comparison["topicDetail"]>>({ op: "topicDetail", id, dataDir: this.store.dataDir });
  }

  compareText(q: string) {
    return this.ask<ComparisonTable>({ op: "compareText", q, dataDir: this.store.dataDir });
  }

  compareMeasure(id: string) {
    return this.ask<ComparisonTable | null>({ op: "compareMeasure", id, dataDir: this.store.dataDir });
  }

  async exportFile(subject: ComparisonSubjectRef, format: string): Promise<ComparisonFile | null> {
    const f = await this.ask<ComparisonFile | null>({ op: "exportFile", subject, format, dataDir: this.store.dataDir });
    // the worker's Buffer arrives as a plain Uint8Array
    return f ? { ...f, body: Buffer.from(f.body.buffer, f.body.byteOffset, f.body.byteLength) } : null;
  }

  /** Nothing to do here: the worker sees the store's change counter move before its next answer. */
  refresh(): void {}

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

/** Topic as listed: without the measures' full texts. */
function topicSummary(t: Topic) {
  return {
    id: t.id,
    name: t.name,
    /** From the curated term list (else a frequent noun phrase). */
    curated: t.curated,
    terms: t.terms,
    measureCount: t.measures.length,
    places: t.places.map((p) => ({ name: p.place.name, fullName: p.place.fullName, count: p.measureIds.length })),
    missingPlaces: t.missingPlaces.map((p) => p.name),
  };
}
