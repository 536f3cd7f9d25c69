// Search over measures: GET /api/search (answers cached by query); POST /api/search with the same
// fields as a JSON body, for long pasted texts that do not fit in an address.

import { SearchQuery, SearchResponse } from "../../../index/schema.ts";
import { documentFileName, untitledName } from "../../documents/file-name.ts";
import { namedDocument } from "../../documents/named.ts";
import { ENCODER, type AppState, type RouteKit, json413, jsonBodyLimit, searchKey, sendJson } from "../kit.ts";
import LONG_EXAMPLE from "../search-long-example.json" with { type: "json" };

/**
 * The answer as the page shows it: the document facet names a document whose title was not recognised by
 * its file name, never by its bare id, and so does a hit (document.fileName); a hit of a document without a
 * place says whether it is 国家层面 or 地区未识别: the scope the index keeps for the region facet.
 */
function forReaders(state: AppState, answer: SearchResponse): SearchResponse {
  // Copies: the engine's hits, document refs and facet entries may be shared between answers (and frozen).
  const hits = answer.hits.map((h) => {
    const document = namedDocument(state.store, h.document, state.index);
    return document === h.document ? h : { ...h, document };
  });
  return labelUntitled(state, { ...answer, hits });
}

/** The document facet names a document whose title was not recognised by its file name, never by its bare id. */
function labelUntitled(state: AppState, answer: SearchResponse): SearchResponse {
  const list = answer.facets?.document;
  if (!list?.some((f) => !f.label || f.label === f.value)) return answer;
  const document = list.map((f) => {
    if (f.label && f.label !== f.value) return f;
    return { ...f, label: untitledName(documentFileName(state.store, f.value) ?? f.value) };
  });
  return { ...answer, facets: { ...answer.facets, document } };
}

export function searchRoutes({ route, state, cache, needIndex, json400, jsonBody }: RouteKit): void {

  route(
    { method: "get", path: "/api/search", summary: "检索措施（含牵头/配合单位、时限、目标与分面统计）", tags: ["检索"], query: SearchQuery, responses: { 200: { description: "检索结果", schema: SearchResponse }, ...json400 } },
    async (c, { query }) => {
      const blocked = needIndex(c);
      if (blocked) return blocked;
      await state.index!.ready?.(); // validity being worked out after a start: wait for it, not on the event loop
      const entry = { body: ENCODER.encode(JSON.stringify(forReaders(state, state.index!.search(query as SearchQuery)))) };
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

  route(
    {
      method: "post", path: "/api/search", operationId: "searchMeasuresByBody", summary: "检索措施（检索条件放在 JSON 请求体中，用于长段文字，q 上限 5,000 字）", tags: ["检索"],
      body: { contentType: "application/json", schema: SearchQuery }, responses: { 200: { description: "检索结果", schema: SearchResponse }, ...json400, ...json413 }, examples: LONG_EXAMPLE,
    },
    async (c) => {
      const blocked = needIndex(c);
      if (blocked) return blocked;
      const query = await jsonBody(c, SearchQuery, "请求体必须是 JSON：{\"q\": \"…\", \"limit\": 20}");
      if (query instanceof Response) return query;
      await state.index!.ready?.();
      return c.json(forReaders(state, state.index!.search(query)));
    },
    jsonBodyLimit,
  );
}
