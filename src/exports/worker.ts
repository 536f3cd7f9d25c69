// The export worker (run by pool.ts on a worker thread): reads the documents it needs from the store
// itself, builds the table and renders the file, so that none of this runs on the service's event loop.
// A job names documents, measures, a unit or a 督办 view; the answer is the file (its bytes moved, not
// copied) or a 404 reason in Chinese.
import { move, transferableSymbol, valueSymbol } from "piscina";
import { openStore, type StoreEngine as Store } from "../../index/store/engine.ts";
import { allDocuments } from "../documents/all.ts";
import { normaliseAsOf } from "./due.ts";
import type { FollowUpContext } from "./followup.ts";
import { documentTable, dutyList, filteredTable, render, type ColumnKey, type ExportDocument, type ExportTable, type MeasurePair } from "./index.ts";
import { overview, overviewHeading, tasksTable, type OverviewParams } from "./overview.ts";

export type ExportJob = {
  dataDir: string;
  /** PostgreSQL: the worker opens the same engine. */
  databaseUrl?: string;
  format: string;
  includeContent: boolean;
  /** Columns wanted, in order; default per table kind. */
  columns?: ColumnKey[];
  /** As-of date of lights and marks (YYYY-MM-DD); default today in China. */
  asOf?: string;
  /** Days before a deadline a task turns yellow. */
  yellowDays?: number;
  /** Calendar reminders, days before each deadline. */
  remindDays?: number;
} & (
  | { kind: "document"; id: string }
  | { kind: "duty"; unit: string; province?: string; city?: string; county?: string; doc?: string; unitKeys?: string[] }
  /** Measures by document, in the order they were found (a search's hits). */
  | { kind: "filtered"; title: string; groups: [docId: string, measureIds: string[]][] }
  /** The 督办 view. */
  | { kind: "tasks"; view: Omit<OverviewParams, "asOf"> }
);

export type ExportAnswer =
  | { status: 200; body: Uint8Array; contentType: string; fileName: string }
  | { status: 404; error: string };

/** One connection per data directory, opened on first use and kept (SQLite sees other writers' commits). */
const stores = new Map<string, Store>();

function storeOf(dataDir: string, databaseUrl?: string): Store {
  const key = databaseUrl ?? dataDir;
  let s = stores.get(key);
  if (!s) stores.set(key, (s = openStore({ dataDir, databaseUrl })));
  return s;
}

const hasItems = (t: ExportTable) => t.sheets.some((s) => s.rows.some((r) => r.kind !== "section"));

function tableOf(job: ExportJob, store: Store): ExportTable | string {
  const followUp: FollowUpContext = { progress: store.tasks().all(), asOf: normaliseAsOf(job.asOf), yellowDays: job.yellowDays ?? 15 };
  const opts = { includeContent: job.includeContent, columns: job.columns, followUp };
  switch (job.kind) {
    case "document": {
      const doc = store.getDocument(job.id);
      return doc ? documentTable(doc, opts) : `没有编号为 ${job.id} 的文件`;
    }
    case "duty": {
      const docs = allDocuments(store).filter(
        (d: ExportDocument) =>
          (!job.doc || d.id === job.doc) && (!job.province || d.region.province === job.province) && (!job.city || d.region.city === job.city) && (!job.county || d.region.county === job.county),
      );
      const table = dutyList(job.unit, docs, job.asOf, { ...opts, unitKeys: job.unitKeys });
      return hasItems(table) ? table : `没有找到单位：${job.unit}${job.province || job.city || job.county || job.doc ? "（在所选地区或文件中）" : ""}`;
    }
    case "filtered": {
      const pairs: MeasurePair[] = [];
      for (const [docId, measureIds] of job.groups) {
        const doc = store.getDocument(docId);
        if (doc) for (const measure of measureIds) pairs.push({ document: doc, measure });
      }
      return pairs.length > 0 ? filteredTable(pairs, { title: job.title, ...opts }) : "没有符合条件的措施（检索到的文件已被删除）";
    }
    case "tasks": {
      const docs = allDocuments(store);
      const params: OverviewParams = { ...job.view, asOf: followUp.asOf };
      const tasks = overview(docs, followUp, params);
      return tasksTable(tasks, { ...overviewHeading(docs, params, tasks), columns: job.columns, includeContent: false });
    }
  }
}

export default async function runExport(job: ExportJob): Promise<ExportAnswer> {
  const table = tableOf(job, storeOf(job.dataDir, job.databaseUrl));
  if (typeof table === "string") return { status: 404, error: table };
  const out = await render(table, job.format, { remindDays: job.remindDays });
  // The bytes in an ArrayBuffer of their own, moved to the main thread rather than copied.
  const own = out.body.byteOffset === 0 && out.body.byteLength === out.body.buffer.byteLength ? out.body : Buffer.from(out.body);
  const body = new Uint8Array(own.buffer, own.byteOffset, own.byteLength);
  const answer: ExportAnswer = { status: 200, body, contentType: out.contentType, fileName: out.fileName };
  return move({ [transferableSymbol]: [body.buffer], [valueSymbol]: answer } as never) as unknown as ExportAnswer;
}
