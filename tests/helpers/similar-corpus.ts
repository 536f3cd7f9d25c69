// The similarity tests' corpus: corpus/ and ../shared/corpus-extra ingested into a real SQLite store in a
// temporary directory, with measure ids by file name (without .txt) and path.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Store } from "../../index/store/store.ts";
import { collectFiles, emptyReport, ingestFile } from "../../src/documents/ingest.ts";
import { CORPUS, CORPUS_EXTRA } from "./paths.ts";

export interface SimilarCorpus {
  store: Store;
  /** Document id by file name (without .txt). */
  docIdByName: Map<string, string>;
  /** The measure id of a file name and measure path (throws for a file not ingested). */
  id: (doc: string, path: string) => string;
  /** Files refused on ingest (none expected). */
  refused: unknown[];
  close: () => void;
}

export async function loadSimilarCorpus(): Promise<SimilarCorpus> {
  const dir = mkdtempSync(join(tmpdir(), "similarity-test-"));
  const store = new Store(dir);
  const report = emptyReport();
  for (const f of collectFiles([CORPUS, CORPUS_EXTRA]).files) await ingestFile(store, f, report);
  const docIdByName = new Map<string, string>();
  for (const d of store.listDocuments(1000)) docIdByName.set(basename(d.source).replace(/\.txt$/, ""), d.id);
  const id = (doc: string, path: string) => {
    const d = docIdByName.get(doc);
    if (!d) throw new Error(`document not ingested: ${doc}`);
    return `${d}:${path}`;
  };
  const close = () => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { store, docIdByName, id, refused: report.refused, close };
}
