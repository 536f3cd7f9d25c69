// What the HTTP layer needs of the search index.
import type { z } from "zod";
import type { SearchQuery, SearchResponse } from "../../index/schema.ts";
import type { UnitListQuery } from "../../index/search/unit-list.ts";
import type { UnitDetail, UnitSummary } from "../http/api-schemas.ts";

export interface SearchIndex {
  /** `all`: every hit in `hits` (for exports), not just one page. */
  search(query: SearchQuery, opts?: { all?: boolean }): SearchResponse;
  /** Resolved when a search can be answered without first working out the documents' validity on the event loop. */
  ready?(): Promise<void>;
  /** A page of the units list (units only, twins merged) and the total. */
  units(query: UnitListQuery): { total: number; units: z.infer<typeof UnitSummary>[] };
  unit(name: string): z.infer<typeof UnitDetail> | null;
  /** 国家层面 or 地区未识别 for an indexed document without a place, as the region facet counts it; null otherwise. */
  documentScope(docId: string): string | null;
  /** The unit keys the unit page counts for a name (its merged twins), so that a 责任清单 lists the same measures. */
  unitKeys?(name: string): string[];
  /** Bring the index in step with the store after an ingest (this process's or another's); true when it changed. */
  refresh(): boolean | void;
}
