// The search index as the HTTP layer uses it: MeasureIndex kept in step with the store, saved in DATA_DIR.
import { join } from "node:path";
import { MeasureIndex } from "../index/search.ts";
import type { SearchQuery, SearchResponse } from "../index/schema.ts";
import type { Store } from "../index/store.ts";
import type { SearchIndex } from "./search-index.ts";

const PAGE = 100;
const MAX_EXPORT = 10000;

export class StoreSearchIndex implements SearchIndex {
  private constructor(
    private readonly store: Store,
    readonly index: MeasureIndex,
    private readonly dir: string,
  ) {}

  /** Load the saved copy from DATA_DIR/index, or rebuild it from the store (and save it). */
  static open(store: Store): StoreSearchIndex {
    const dir = join(store.dataDir, "index");
    return new StoreSearchIndex(store, MeasureIndex.load(dir, store), dir);
  }

  search(query: SearchQuery, opts: { all?: boolean } = {}): SearchResponse {
    const first = this.index.search(opts.all ? { ...query, limit: PAGE, offset: 0 } : query);
    if (!opts.all) return first;
    const hits = [...first.hits];
    for (let offset = PAGE; offset < Math.min(first.total, MAX_EXPORT); offset += PAGE) hits.push(...this.index.search({ ...query, limit: PAGE, offset }).hits);
    return { ...first, hits };
  }

  units(q: string, limit: number) {
    return this.index.unitsMatching(q, limit);
  }

  unit(name: string) {
    const r = this.index.measuresOfUnit(name);
    return r.total > 0 ? r : null;
  }

  /** Bring the index in step with the store after an ingest, and save the copy. */
  refresh(): void {
    const { added, removed } = this.index.syncWith(this.store);
    if (added.length || removed.length) this.index.save(this.dir);
  }
}
