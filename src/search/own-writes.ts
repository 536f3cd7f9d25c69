// The replica that made a write (an upload, a correction, a deletion) brings its own index in step by reading
// again only the documents that changed, as followers do with the change log (src/service/replica.ts), instead of
// checking every document. It must know that nothing else changed since the position its index is at:
// - PostgreSQL: the change log's entries up to the head name every document written meanwhile, by any replica;
// - SQLite (no log): SQLite's data_version, which moves only when another connection commits, is the same as
//   when the index was last known to be at the store's counter; then every write since was this process's own,
//   and each of them names its documents here.
// Anything else (a gap or backlog in the log, an entry naming no document, another process's commit, a standby
// serving the reads, an index that moved by another path) falls back to the full check.
import type { StoreEngine } from "../../index/store/engine.ts";
import { PgStore } from "../../index/store/postgres/store.ts";
import { loggedEntries } from "../../index/store/postgres/log.ts";
import { StoreSearchIndex } from "./adapter.ts";
import type { SearchIndex } from "./search-index.ts";

/** How the index took a write: only the named documents ("documents"), every document ("all"), or not at all (no index yet). */
export type OwnApply = { how: "documents" | "all" | "none"; changed: boolean; why?: string };

export class OwnWrites {
  /** SQLite: data_version read when the index was at the store's counter `at` (data_version first, then the counter). */
  private base: { at: number; dataVersion: number } | null = null;

  constructor(private readonly state: { store: StoreEngine; index: SearchIndex | null }) {}

  /** Before a write: remember SQLite's data_version while the index is at the store's counter (two cheap reads). */
  note(): void {
    const { store, index } = this.state;
    if (!(index instanceof StoreSearchIndex) || store instanceof PgStore || this.base?.at === index.storeChanges) return;
    const dataVersion = store.dataVersion(); // before the counter: a commit between the two reads moves it
    const at = store.changes();
    this.base = at !== null && at === index.storeChanges ? { at, dataVersion } : null;
  }

  /** After this process's write of `docIds` (every document it added, replaced, removed or corrected). */
  apply(docIds: Iterable<string> | undefined): OwnApply {
    const index = this.state.index;
    if (!index) return { how: "none", changed: false };
    const why = !(index instanceof StoreSearchIndex) ? "不是数据库索引" : docIds === undefined ? "未写明文件" : null;
    const only = why === null ? this.documentsOnly(index as StoreSearchIndex, [...docIds!]) : why;
    if (typeof only === "boolean") return { how: "documents", changed: only };
    const changed = index.refresh() !== false;
    this.base = null;
    this.note();
    return { how: "all", changed, why: only };
  }

  /** Apply just the documents written since the index's position; the reason when that cannot be known. */
  private documentsOnly(index: StoreSearchIndex, own: string[]): boolean | string {
    const store = this.state.store;
    const from = index.storeChanges;
    if (from === null) return "索引位置未知";
    if (store instanceof PgStore) {
      if ((store as { readsFrom?: string }).readsFrom === "standby") return "读取来自备库";
      const to = store.changes();
      if (to < from) return "变更日志的位置不可比";
      const entries = loggedEntries(store.db, from, to);
      if (entries === "gap") return "变更日志有缺口";
      if (entries === "many") return "变更日志积压过多";
      if (entries.some((e) => e.kind !== "tasks" && !e.docId)) return "变更日志未写明文件";
      const ids = [...own, ...entries.flatMap((e) => (e.kind !== "tasks" && e.docId ? [e.docId] : []))];
      return index.applyLogged(from, to, ids) ?? "索引已从别处更新";
    }
    const to = store.changes(); // before data_version: a commit after this read is left to the follower
    if (to === null) return "没有变更计数";
    if (!this.base || this.base.at !== from) return "索引位置与写入前不同";
    if (store.dataVersion() !== this.base.dataVersion) return "其他进程写入了数据库";
    const changed = index.applyLogged(from, to, own);
    if (changed === null) return "索引已从别处更新";
    this.base = { at: to, dataVersion: this.base.dataVersion };
    return changed;
  }
}
