// The search index as the HTTP layer uses it: MeasureIndex kept in step with the store, saved in DATA_DIR.
// The saved copy records the store's change counter; the server polls that counter and catches up with
// documents written by other processes (the CLI) on the same DATA_DIR.
import { join } from "node:path";
import { MeasureIndex } from "../../index/search/search.ts";
import type { SearchQuery, SearchResponse } from "../../index/schema.ts";
import type { UnitListQuery } from "../../index/search/unit-list.ts";
import type { StoreEngine as Store } from "../../index/store/engine.ts";
import { readManifest, removeTemporaries } from "../../index/search/snapshot.ts";
import type { SearchIndex } from "./search-index.ts";
import { libraryOf } from "../../index/library/library.ts";
import { searchWithStatus, type StatusResponse } from "../../index/library/status-search.ts";
import type { ValidityStatus } from "../../extract/fields/validity.ts";

const PAGE = 100;

/**
 * The search GET and POST /api/search answer (through StoreSearchIndex) and bench/search.ts measures, given
 * a query as SearchQuery validated it: the index understands it (index/search/query.ts: 文号, units, places;
 * query-index.ts: synonyms, long texts, did-you-mean) and searchWithStatus adds each document's validity
 * (`statuses`: id → status, as libraryOf(store).statuses() gives them).
 */
export function searchMeasures(index: MeasureIndex, query: SearchQuery, statuses: ReadonlyMap<string, ValidityStatus>): StatusResponse {
  return searchWithStatus(index, query, statuses);
}
const MAX_EXPORT = 10000;

function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

export class StoreSearchIndex implements SearchIndex {
  /** The store's change counter the index last caught up with (read before the store's documents were). */
  private synced: number | null;
  private saveTimer: NodeJS.Timeout | null = null;
  /** How long after a change the copy is saved (a replica on a shared database saves less often: the log catches it up). */
  saveDelayMs = 1000;

  private constructor(
    private readonly store: Store,
    readonly index: MeasureIndex,
    private readonly dir: string,
    synced: number | null,
  ) {
    this.synced = synced;
  }

  /**
   * Load the saved copy from DATA_DIR/index, or rebuild it from the store. A copy whose files do not
   * match their checksums is rebuilt; one whose store counter or documents differ from the store's is
   * brought up to date (and saved again, when the directory can be written). Leftover temporary
   * files of an unfinished save are removed first.
   */
  static open(store: Store): StoreSearchIndex {
    const dir = join(store.dataDir, "index");
    if (!store.readOnly) {
      const left = removeTemporaries(dir);
      if (left.length) log(`已清理未完成的索引临时文件 ${left.length} 个`);
    }
    const changes = store.changes();
    const before = readManifest(dir);
    const index = MeasureIndex.load(dir, store, { save: false });
    const s = new StoreSearchIndex(store, index, dir, changes);
    const same = before && changes !== null && before.storeChanges === changes && sameIds(before.documentIds, index.documentIds());
    if (!same) {
      index.syncWith(store); // corrections made while the copy was saved (same documents, other metadata)
      s.save();
    }
    return s;
  }

  /** The store counter the index is at (for tests and health checks). */
  get storeChanges(): number | null {
    return this.synced;
  }

  /** Resolved once the documents' validity is at hand (after a start it is worked out off the event loop: index/library/warm.ts). */
  ready(): Promise<void> {
    return libraryOf(this.store).ready();
  }

  /** One page, with the validity of each hit's document, the status facet and filter (index/library/status-search.ts). */
  private statusSearch(query: SearchQuery): SearchResponse {
    return searchMeasures(this.index, query, libraryOf(this.store).statuses());
  }

  search(query: SearchQuery, opts: { all?: boolean } = {}): SearchResponse {
    const first = this.statusSearch(opts.all ? { ...query, limit: PAGE, offset: 0 } : query);
    if (!opts.all) return first;
    const hits = [...first.hits];
    // Further pages without facets (facetLimit 0: the engine counts none).
    for (let offset = PAGE; offset < Math.min(first.total, MAX_EXPORT); offset += PAGE) hits.push(...this.statusSearch({ ...query, limit: PAGE, offset, facetLimit: 0 }).hits);
    return { ...first, hits };
  }

  units(query: UnitListQuery) {
    return this.index.unitList(query);
  }

  unit(name: string) {
    const r = this.index.measuresOfUnit(name);
    return r.total > 0 ? r : null;
  }

  documentScope(docId: string): string | null {
    return this.index.documentScope(docId);
  }

  unitKeys(name: string): string[] {
    return this.index.unitKeysFor(name);
  }

  private dataVersion = -1;

  /** Whether the store has changed since the index last caught up (one cheap read). */
  behind(): boolean {
    const now = this.store.changes();
    if (now !== null) return now !== this.synced;
    // A read-only store from a version without the counter: SQLite's data_version (other connections' commits).
    const v = this.store.dataVersion();
    const moved = v !== this.dataVersion;
    this.dataVersion = v;
    return moved;
  }

  /**
   * Bring the index in step with the store after an ingest (in this process or another), and save
   * the copy soon after (several changes in a row are saved once). True when documents were added or removed.
   */
  refresh(): boolean {
    const changes = this.store.changes();
    const { added, removed, changed } = this.index.syncWith(this.store);
    const counterMoved = changes !== this.synced;
    this.synced = changes;
    if (added.length || removed.length || counterMoved) this.scheduleSave();
    return added.length > 0 || removed.length > 0 || changed.length > 0;
  }

  /**
   * Apply what a change log names between the position the index is at (`from`) and `to`: only those
   * documents are read from the store (src/service/replica.ts). Null when the index has moved from `from`
   * meanwhile (nothing done); else true when documents were added, replaced, removed or corrected.
   */
  applyLogged(from: number, to: number, docIds: Iterable<string>): boolean | null {
    if (this.synced !== from) return null;
    const { added, removed, changed } = this.index.syncDocuments(this.store, docIds);
    this.synced = to;
    this.scheduleSave();
    return added.length > 0 || removed.length > 0 || changed.length > 0;
  }

  /** Save now when a save is pending (on shutdown). */
  flush(): void {
    if (!this.saveTimer) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.save();
  }

  private scheduleSave(): void {
    if (this.saveTimer || this.store.readOnly) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.save();
    }, this.saveDelayMs);
    this.saveTimer.unref();
  }

  /** Save the copy with the store counter it is at; a disk that cannot take it leaves the old copy (rebuilt or caught up at the next start). */
  private save(): void {
    if (this.store.readOnly) return;
    try {
      this.index.save(this.dir, { storeChanges: this.synced });
    } catch (e) {
      log(`索引副本未能保存（${(e as NodeJS.ErrnoException).code === "ENOSPC" ? "磁盘空间不足" : String((e as Error).message).slice(0, 100)}），下次启动时将从数据库更新`);
    }
  }
}

function sameIds(a: unknown, b: string[]): boolean {
  if (!Array.isArray(a) || a.length !== b.length) return false;
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.every((x, i) => x === sb[i]);
}

/** What the store follower updates: the index, the answers cached from it, and the comparison index. */
export interface FollowedState {
  store: Store;
  index: SearchIndex | null;
  searchCache?: { clear(): void };
  comparison?: { refresh(): void } | null;
}

/**
 * Apply the store's current documents to the index and empty the caches built from the old ones.
 * The path an upload takes, and the one the follower takes for writes made by other processes.
 */
export function applyStoreChanges(state: FollowedState): boolean {
  if (!state.index?.refresh()) return false;
  state.searchCache?.clear();
  state.comparison?.refresh();
  return true;
}

/**
 * Poll the store's change counter every `intervalMs` (one indexed read; the timer does not keep the
 * process alive) and catch the index up when another process wrote. Returns a function that stops it.
 */
export function followStore(state: FollowedState, intervalMs = 250): () => void {
  const timer = setInterval(() => {
    const index = state.index;
    if (!(index instanceof StoreSearchIndex) || !index.behind()) return;
    try {
      applyStoreChanges(state);
    } catch (e) {
      log(`索引更新失败：${String((e as Error).message).slice(0, 200)}`);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
