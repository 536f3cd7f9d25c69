// Search with validity (issue 15, item 5): every hit says its document's status (现行 / 已到期 / 已被替代),
// the response has a status facet, `status=` keeps one status, and by default (relevance order) the
// measures of documents in force come first: the engine ranks each part on its own (current, then the
// rest), so a measure of an expired plan never outranks one of a current plan.
import type { SearchHit, SearchQuery, SearchResponse } from "../schema.ts";
import type { ValidityStatus } from "../../extract/fields/validity.ts";

/** The index as this module uses it: a search that also takes the documents to keep (`docIn`). */
export interface DocFilterSearch {
  search(query: SearchQuery & { docIn?: ReadonlySet<string> }): SearchResponse;
}

export const STATUS_ORDER: readonly ValidityStatus[] = ["现行", "已到期", "已被替代"];
const FULL = 10000; // values per facet when the document facet must be complete (status counts)
const DEFAULT_FACETS = 50;

export type StatusHit = SearchHit & { status: ValidityStatus };
export type StatusResponse = SearchResponse & { hits: StatusHit[]; facets: SearchResponse["facets"] & { status: { value: string; count: number }[] } };

function trimFacets(facets: SearchResponse["facets"], limit: number): SearchResponse["facets"] {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(facets)) out[k] = Array.isArray(v) ? v.slice(0, limit) : v;
  return out as SearchResponse["facets"];
}

/**
 * Search `index` with the documents' statuses (`statuses`: id → status; a document missing from it counts
 * as 现行). `query.status` keeps the measures of documents with that status. Without it, in relevance
 * order, measures of documents in force are ranked before the others (each part in the engine's order);
 * other orders (date, document) are kept as asked.
 */
export function searchWithStatus(index: DocFilterSearch, query: SearchQuery & { status?: ValidityStatus }, statuses: ReadonlyMap<string, ValidityStatus>): StatusResponse {
  const statusOf = (id: string): ValidityStatus => statuses.get(id) ?? "现行";
  const { status: wanted, ...rest } = query;
  const plain = rest as SearchQuery;
  const limit = plain.facetLimit ?? DEFAULT_FACETS;
  const idsWith = (keep: (s: ValidityStatus) => boolean) => new Set([...statuses].filter(([, s]) => keep(s)).map(([id]) => id));
  const annotate = (hits: SearchHit[]): StatusHit[] => hits.map((h) => ({ ...h, status: statusOf(h.document.id) }));

  // A library where every document is in force: one plain search.
  if (![...statuses.values()].some((s) => s !== "现行")) {
    const r = wanted && wanted !== "现行" ? index.search({ ...plain, docIn: new Set() }) : index.search(plain);
    return { ...r, query: wanted ? ({ ...r.query, status: wanted } as SearchQuery) : r.query, hits: annotate(r.hits), facets: { ...r.facets, status: r.total ? [{ value: "现行", count: r.total }] : [] } };
  }
  // Every matching document with its count (a complete document facet): the status facet.
  const base = index.search({ ...plain, facetLimit: FULL });
  const counts = new Map<ValidityStatus, number>();
  for (const d of base.facets.document) counts.set(statusOf(d.value), (counts.get(statusOf(d.value)) ?? 0) + d.count);
  const statusFacet = STATUS_ORDER.filter((s) => counts.get(s)).map((s) => ({ value: s, count: counts.get(s)! }));
  const answer = (r: SearchResponse, hits: SearchHit[]): StatusResponse => ({
    ...r,
    query: wanted ? { ...r.query, status: wanted } as SearchQuery : r.query,
    hits: annotate(hits),
    facets: { ...trimFacets(r.facets, limit), status: statusFacet },
  });

  if (wanted) {
    const r = index.search({ ...plain, docIn: idsWith((s) => s === wanted) });
    return answer(r, r.hits);
  }
  const current = counts.get("现行") ?? 0;
  const relevance = (plain.sort ?? "relevance") === "relevance";
  if (!relevance || current === 0 || current === base.total) return answer(base, base.hits);

  // Current documents first, then the others, each ranked by the engine; the page cut across the two.
  const offset = plain.offset ?? 0;
  const size = plain.limit ?? 20;
  const hits: SearchHit[] = [];
  if (offset < current) hits.push(...index.search({ ...plain, docIn: idsWith((s) => s === "现行"), offset, limit: Math.min(size, current - offset) }).hits);
  const left = size - hits.length;
  if (left > 0 && offset + size > current)
    hits.push(...index.search({ ...plain, docIn: idsWith((s) => s !== "现行"), offset: Math.max(0, offset - current), limit: left }).hits);
  return answer(base, hits);
}
