// The export worker (run by pool.ts on a worker thread): reads the documents it needs from the store
// itself, builds the table and renders the file, so that none of this runs on the service's event loop.
// A job names documents, measures or a unit; the answer is the file (its bytes moved, not copied) or a
// 404 reason in Chinese.
import { move, transferableSymbol, valueSymbol } from "piscina";
import { Store } from "../../index/store/store.ts";
import { allDocuments } from "../documents.ts";
import { documentTable, dutyList, filteredTable, render, type ExportTable, type MeasurePair } from "./index.ts";

export type ExportJob = { dataDir: string; format: string; includeContent: boolean } & (
  | { kind: "document"; id: string }
  | { kind: "duty"; unit: string; asOf?: string }
  /** Measures by document, in the order they were found (a search's hits). */
  | { kind: "filtered"; title: string; groups: [docId: string, measureIds: string[]][] }
);

export type ExportAnswer =
  | { status: 200; body: Uint8Array; contentType: string; fileName: string }
  | { status: 404; error: string };

/** One connection per data directory, opened on first use and kept (SQLite sees other writers' commits). */
const stores = new Map<string, Store>();

function storeOf(dataDir: string): Store {
  let s = stores.get(dataDir);
  if (!s) stores.set(dataDir, (s = new Store(dataDir)));
  return s;
}

function tableOf(job: ExportJob, store: Store): ExportTable | string {
  const opts = { includeContent: job.includeContent };
  switch (job.kind) {
    case "document": {
      const doc = store.getDocument(job.id);
      return doc ? documentTable(doc, opts) : `没有编号为 ${job.id} 的文件`;
    }
    case "duty": {
      const table = dutyList(job.unit, allDocuments(store), job.asOf, opts);
      return table.sheets.some((s) => s.rows.some((r) => r.kind !== "section")) ? table : `没有找到单位：${job.unit}`;
    }
    case "filtered": {
      const pairs: MeasurePair[] = [];
      for (const [docId, measureIds] of job.groups) {
        const doc = store.getDocument(docId);
        if (doc) for (const measure of measureIds) pairs.push({ document: doc, measure });
      }
      return pairs.length > 0 ? filteredTable(pairs, { title: job.title, includeContent: job.includeContent }) : "没有符合条件的措施（检索到的文件已被删除）";
    }
  }
}

export default async function runExport(job: ExportJob): Promise<ExportAnswer> {
  const table = tableOf(job, storeOf(job.dataDir));
  if (typeof table === "string") return { status: 404, error: table };
  const out = await render(table, job.format);
  // The bytes in an ArrayBuffer of their own, moved to the main thread rather than copied.
  const own = out.body.byteOffset === 0 && out.body.byteLength === out.body.buffer.byteLength ? out.body : Buffer.from(out.body);
  const body = new Uint8Array(own.buffer, own.byteOffset, own.byteLength);
  const answer: ExportAnswer = { status: 200, body, contentType: out.contentType, fileName: out.fileName };
  return move({ [transferableSymbol]: [body.buffer], [valueSymbol]: answer } as never) as unknown as ExportAnswer;
}
