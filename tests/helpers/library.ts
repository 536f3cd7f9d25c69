// A real library for tests: a SQLite store in a new temp dir, filled with real documents. Named files
// are extracted and stored directly (their ids by name); files and folders are ingested as the CLI does
// (a report of added, refused, …). cleanup() closes the store and removes the dir.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Store } from "../../index/store/store.ts";
import { collectFiles, emptyReport, ingestFile, type IngestReport } from "../../src/documents/ingest.ts";
import { extractFile } from "./extract.ts";

export interface TempLibrary {
  /** The temp dir: the store is in `dir/data`; other files of the test may go beside it. */
  dir: string;
  store: Store;
  /** Document id of each named file. */
  ids: Record<string, string>;
  /** What ingesting the files and folders gave. */
  report: IngestReport;
  cleanup(): void;
}

export async function tempLibrary(name: string, docs: Record<string, string> | string[] = []): Promise<TempLibrary> {
  const dir = mkdtempSync(join(tmpdir(), `policy-${name}-`));
  const store = new Store(join(dir, "data"));
  const ids: Record<string, string> = {};
  const report = emptyReport();
  const cleanup = () => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    if (Array.isArray(docs)) for (const f of collectFiles(docs).files) await ingestFile(store, f, report);
    else for (const [key, file] of Object.entries(docs)) ids[key] = store.ingest(await extractFile(file)).id;
  } catch (e) {
    cleanup();
    throw e;
  }
  return { dir, store, ids, report, cleanup };
}
