// Search with validity (issue 15, item 5): every hit says its document's status (现行 / 已到期 / 已被替代),
// the response has a status facet, `status=` keeps one status, and by default (relevance order) the
// measures of documents in force come first: the engine ranks each part on its own (current, then the
// rest), so a measure of an expired plan never outranks one of a current plan.
import type { SearchHit, SearchQuery, SearchResponse } from "../schema.ts";
import type { ValidityStatus } from "../../extract/fields/validity.ts";

/** The index as this module uses it: a search that also takes the documents to keep (`docIn`), and the matches of the last search among some documents. */
export interface DocFilterSearch {
  search(query: SearchQuery & { docIn?: ReadonlySet<string> }): SearchResponse;
  /** Matches of the last search among the measures of these documents (counts without another search). */
  matchesIn(ids: ReadonlySet<string>): number;
  /** A page of the last search's matches among the measures of these documents, ranked as a search with `docIn` would rank them (without another search). */
  pageWithin(ids: ReadonlySet<string>, offset: number, limit: number): SearchHit[];
}

const STATUS_ORDER: readonly ValidityStatus[] = ["现行", "已到期", "已被替代"];
const DEFAULT_FACETS = 50;

export type StatusHit = SearchHit & { status: ValidityStatus };
export type StatusResponse = SearchResponse & { hits: StatusHit[]; facets: SearchResponse["facets"] & { status: { value: string; count: number }[] } };

function trimFacets(facets: SearchResponse["facets"], limit: number): SearchResponse["facets"] {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(facets)) out[k] = Array.isArray(v) ? v.slice(0, limit) : v;
  return out as SearchResponse["facets"];
}

/** The documents of each status, and of any status but 现行 (made once per statuses map, which is not changed after use). */
interface StatusSets {
  /** 现行's set, nearly every document, is made on first use (most searches need only the others: 40-70 ms at 43,749 documents). */
  of(s: ValidityStatus): Set<string>;
  notCurrent: Set<string>;
}
const setsCache = new WeakMap<ReadonlyMap<string, ValidityStatus>, StatusSets>();

function statusSets(statuses: ReadonlyMap<string, ValidityStatus>): StatusSets {
  let sets = setsCache.get(statuses);
  if (!sets) {
    const of = new Map<ValidityStatus, Set<string>>(STATUS_ORDER.slice(1).map((s) => [s, new Set<string>()]));
    const notCurrent = new Set<string>();
    for (const [id, s] of statuses)
      if (s !== "现行") {
        of.get(s)?.add(id);
        notCurrent.add(id);
      }
    const current = () => new Set([...statuses].flatMap(([id, s]) => (s === "现行" ? [id] : [])));
    sets = { of: (s) => of.get(s) ?? of.set(s, current()).get(s)!, notCurrent };
    setsCache.set(statuses, sets);
  }
  return sets;
}

/**
 * Search `index` with the documents' statuses (`statuses`: id → status; a document missing from it counts
 * as 现行). `query.status` keeps the measures of documents with that status. Without it, in relevance
 * order, measures of documents in force are ranked before the others (each part in the engine's order);
 * other orders (date, document) are kept as asked. The status facet is counted on the matches of the
 * first search; when its page holds measures of documents not in force, the page is ranked again within
 * its matches (pageWithin: the query is not understood nor matched again).
 */
export function searchWithStatus(index: DocFilterSearch, query: SearchQuery & { status?: ValidityStatus }, statuses: ReadonlyMap<string, ValidityStatus>): StatusResponse {
  const statusOf = (id: string): ValidityStatus => statuses.get(id) ?? "现行";
  const { status: wanted, ...rest } = query;
  const plain = rest as SearchQuery;
  const limit = plain.facetLimit ?? DEFAULT_FACETS;
  const sets = statusSets(statuses);
  // Written out: a spread with a property added took V8's slow path (3-4 µs a hit against 0.1-0.3).
  const annotate = (hits: SearchHit[]): StatusHit[] =>
    hits.map((h) => ({ measure: h.measure, document: h.document, highlight: h.highlight, score: h.score, status: statusOf(h.document.id) }));
  // The query as asked (without the internal document set and facet limit of the searches made for it).
  const echo = (r: SearchResponse): SearchQuery => {
    const { docIn: _, ...q } = r.query as SearchQuery & { docIn?: unknown };
    return { ...q, facetLimit: plain.facetLimit, ...(wanted ? { status: wanted } : {}) } as SearchQuery;
  };

  // A library where every document is in force: one plain search.
  if (sets.notCurrent.size === 0) {
    const r = wanted && wanted !== "现行" ? index.search({ ...plain, docIn: new Set() }) : index.search(plain);
    return { ...r, query: echo(r), hits: annotate(r.hits), facets: { ...r.facets, status: r.total ? [{ value: "现行", count: r.total }] : [] } };
  }
  // Every match, with its facets; the status facet from the same matches.
  const base = index.search(plain);
  const counts = new Map<ValidityStatus, number>();
  if (base.total > 0) {
    let current = base.total;
    for (const s of STATUS_ORDER.slice(1)) {
      const n = sets.of(s).size ? index.matchesIn(sets.of(s)) : 0;
      counts.set(s, n);
      current -= n;
    }
    counts.set("现行", current);
  }
  const statusFacet = STATUS_ORDER.filter((s) => counts.get(s)).map((s) => ({ value: s, count: counts.get(s)! }));
  const answer = (r: SearchResponse, hits: SearchHit[]): StatusResponse => ({
    ...r,
    query: echo(r),
    hits: annotate(hits),
    facets: { ...trimFacets(r.facets, limit), status: statusFacet },
  });

  if (wanted) {
    const r = index.search({ ...plain, docIn: sets.of(wanted) });
    return answer(r, r.hits);
  }
  const current = counts.get("现行") ?? 0;
  const relevance = (plain.sort ?? "relevance") === "relevance";
  if (!relevance || current === 0 || current === base.total) return answer(base, base.hits);

  const offset = plain.offset ?? 0;
  const size = plain.limit ?? 20;
  // The first page of all matches holds only measures in force: it is the first page of those.
  if (offset === 0 && base.hits.length === Math.min(size, base.total) && base.hits.every((h) => statusOf(h.document.id) === "现行")) return answer(base, base.hits);
  // Current documents first, then the others, each ranked by the engine; the page cut across the two
  // (each from the first search's matches: it found `current` in force, the rest not).
  const hits: SearchHit[] = [];
  if (offset < current) hits.push(...index.pageWithin(sets.of("现行"), offset, Math.min(size, current - offset)));
  const left = size - hits.length;
  if (left > 0 && offset + size > current) hits.push(...index.pageWithin(sets.notCurrent, Math.max(0, offset - current), left));
  return answer(base, hits);
}
