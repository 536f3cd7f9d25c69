// Search records: the contract between the index, the HTTP API and the web page.
import { z } from "zod";
import { Measure, Region, UnitRole, isoDate } from "../extract/schema.ts";

/** Longest query text: a pasted paragraph is searched by its most distinctive terms. */
const MAX_QUERY_CHARS = 5000;

/** A "1"/"0" switch of the query string. */
const flag = z.enum(["1", "0", "true", "false"], { error: "应为 1 或 0" }).optional();

export const SearchSort = z.enum(["relevance", "date", "date-asc", "document"]);
export type SearchSort = z.infer<typeof SearchSort>;

/** Validity of a document as of today (index/library): in force, its period ended, replaced by a later one. */
const DocStatus = z.enum(["现行", "已到期", "已被替代"], { error: "status 应为 现行、已到期、已被替代 之一" });

/** Fields of the query string of GET /api/search (the other list endpoints reuse them; SearchQuery adds the checks across fields). */
export const SearchQueryFields = z.object({
  q: z.string().max(MAX_QUERY_CHARS, `查询过长（上限 ${MAX_QUERY_CHARS} 字）`).default(""),
  province: z.string().max(50).optional(),
  city: z.string().max(50).optional(),
  county: z.string().max(50).optional(),
  doc: z.string().regex(/^[0-9a-f]{16}$/, "doc 应为 16 位十六进制文件编号").optional(),
  unit: z.string().max(80).optional(), // any alias of a unit name
  role: UnitRole.optional(), // with unit: only measures where the unit has this role
  from: isoDate.optional(), // document date (issued, else published) on or after
  to: isoDate.optional(), // document date on or before
  year: z.coerce.number().int().min(1900, "year 应为四位年份").max(2100, "year 应为四位年份").optional(), // year of the document date
  sort: SearchSort.optional(), // relevance (default), date (newest first), date-asc, document (by title, then measure order)
  facetLimit: z.coerce.number().int().min(1).max(10000).optional(), // values per facet (default 50)
  // Query understanding, switched off as a whole (literal) or per kind (each understood item names its switch).
  literal: flag,
  noRegion: flag,
  noSynonym: flag,
  noDocNumber: flag,
  noShorten: flag,
  noUnit: flag,
  noPlace: z.string().max(200, "noPlace 过长（上限 200 字）").optional(), // place names of the query not read as filters, separated by ","
  status: DocStatus.optional(), // validity of the measure's document (index/library)
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10000).default(0),
});

/** A date range runs forwards: from after to can match nothing, so it is refused instead of answering 0 results. */
export function fromNotAfterTo(q: { from?: string; to?: string }): boolean {
  return !(q.from && q.to && q.from > q.to);
}
export const DATE_ORDER_ERROR = { message: "from 不能晚于 to（起始日期应早于或等于截止日期）", path: ["from"] };

/** Query string of GET /api/search (and the filters of the other list endpoints). */
export const SearchQuery = SearchQueryFields.refine(fromNotAfterTo, DATE_ORDER_ERROR);
export type SearchQuery = z.infer<typeof SearchQuery>;

/** What the index knows of a measure's document. */
export const DocRef = z.object({
  id: z.string(),
  title: z.string().nullable(),
  docNumber: z.string().nullable(),
  issuer: z.string().nullable(),
  region: Region,
  date: isoDate.nullable(), // issuedDate, else publishedDate
  /** A document without a place in search hits: 国家层面 or 地区未识别, as the region facet counts it (src/http/routes/search.ts). */
  scope: z.string().optional(),
  /** A document without a recognised title in search hits: its file name, to name it by (src/http/routes/search.ts). */
  fileName: z.string().optional(),
});
export type DocRef = z.infer<typeof DocRef>;

export const SearchHit = z.object({
  measure: Measure,
  document: DocRef,
  /** HTML-escaped snippets with <mark>…</mark> around matched terms. */
  highlight: z.object({ title: z.string().nullable(), text: z.string() }),
  score: z.number(),
  status: DocStatus.optional(), // validity of its document (index/library/status-search.ts)
});
export type SearchHit = z.infer<typeof SearchHit>;

export const FacetValue = z.object({ value: z.string(), label: z.string().optional(), count: z.number().int() });
export type FacetValue = z.infer<typeof FacetValue>;

/** A node of the region facet: 省 → 市 → 县/区; filter with `param=value`. */
export interface RegionNode {
  value: string;
  label: string;
  count: number;
  param: "province" | "city" | "county";
  children: RegionNode[];
}
export const RegionNode: z.ZodType<RegionNode> = z.lazy(() =>
  z.object({ value: z.string(), label: z.string(), count: z.number().int(), param: z.enum(["province", "city", "county"]), children: z.array(RegionNode) }),
).meta({ id: "RegionNode" });

/** Places that are not places: documents of the central level, and documents whose place was not found. */
export const NATIONAL_LABEL = "国家层面";
export const UNPLACED_LABEL = "地区未识别";

const UnderstoodKind = z.enum(["region", "unit", "docNumber", "synonym", "shortened"]);
/** One thing the query understanding did, with the query string that undoes it. */
export const Understood = z.object({
  kind: UnderstoodKind,
  text: z.string(), // the part of the query it read
  label: z.string(), // what it did, in Chinese (按地区：绵阳市)
  value: z.record(z.string(), z.unknown()),
  undo: z.string(), // query string of the same search without it
});
export type Understood = z.infer<typeof Understood>;

export const SearchResponse = z.object({
  query: SearchQuery,
  tokens: z.array(z.string()), // the query as the index read it (after segmentation and synonyms)
  total: z.number().int(),
  hits: z.array(SearchHit),
  facets: z.object({
    province: z.array(FacetValue),
    city: z.array(FacetValue),
    county: z.array(FacetValue),
    document: z.array(FacetValue), // value: document id, label: title
    year: z.array(FacetValue), // year of the document date
    leadUnit: z.array(FacetValue), // canonical lead unit
    role: z.array(FacetValue), // value: lead|coop|responsible, label: 牵头|配合|责任
    region: z.array(RegionNode), // 省 → 市 → 县/区, with 国家层面 and 地区未识别 entries
    status: z.array(FacetValue).optional(), // 现行 / 已到期 / 已被替代 (index/library/status-search.ts)
  }),
  /** Distinct values per facet (a list shorter than this has more: ask with a larger facetLimit). */
  facetSizes: z.record(z.string(), z.number().int()),
  understood: z.array(Understood),
  /** With no results: other queries that would find something ("did you mean"). */
  suggestions: z.array(z.object({ q: z.string(), label: z.string() })),
  tookMs: z.number(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

