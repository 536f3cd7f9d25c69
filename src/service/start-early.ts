// Imported first by server.ts: what a start can begin before the service's other modules are even
// evaluated. jieba's dictionary is built on a thread of its own (the lean addon, index/search/jieba.ts)
// and the index snapshot's files are read on libuv's threadpool (snapshot.ts prefetchSnapshot), both
// while the modules load, the store opens and the index is restored. Ready waits for both.
import { join } from "node:path";
import { loadDictionaryAsync } from "../../index/search/tokenizer.ts";
import { prefetchSnapshot } from "../../index/search/snapshot.ts";
import { defaultDataDir } from "../../index/store/data-dir.ts";

export const dictionaryLoaded: Promise<void> = loadDictionaryAsync();
/** The snapshot of DATA_DIR/index read ahead (the store opens on the same DATA_DIR with either engine). */
export const snapshotReadAhead: Promise<void> = prefetchSnapshot(join(defaultDataDir(), "index"));
