// Search over measures: GET /api/search (answers cached by query).

import { SearchQuery, SearchResponse } from "../../../index/schema.ts";
import { ENCODER, type RouteKit, searchKey, sendJson } from "../kit.ts";

export function searchRoutes({ route, state, cache, needIndex, json400 }: RouteKit): void {

  route(
    { method: "get", path: "/api/search", summary: "检索措施（含牵头/配合单位、时限、目标与分面统计）", tags: ["检索"], query: SearchQuery, responses: { 200: { description: "检索结果", schema: SearchResponse }, ...json400 } },
    (c, { query }) => {
      const blocked = needIndex(c);
      if (blocked) return blocked;
      const entry = { body: ENCODER.encode(JSON.stringify(state.index!.search(query as SearchQuery))) };
      cache.set(searchKey(c.req.url), entry);
      return sendJson(c, entry);
    },
    // A repeated query is answered from the cache before validation: only validated queries are cached.
    async (c, next) => {
      const hit = state.index ? cache.get(searchKey(c.req.url)) : undefined;
      if (hit) return sendJson(c, hit);
      await next();
    },
  );
}
