// Search records: the contract between the index, the HTTP API and the web page.
import { z } from "zod";
import { Measure, Region, UnitRole, isoDate } from "../extract/schema.ts";

/** Query string of GET /api/search (and the filters of the other list endpoints). */
export const SearchQuery = z.object({
  q: z.string().max(200, "查询过长（上限 200 字）").default(""),
  province: z.string().max(50).optional(),
  city: z.string().max(50).optional(),
  county: z.string().max(50).optional(),
  doc: z.string().regex(/^[0-9a-f]{16}$/, "doc 应为 16 位十六进制文件编号").optional(),
  unit: z.string().max(80).optional(), // any alias of a unit name
  role: UnitRole.optional(), // with unit: only measures where the unit has this role
  from: isoDate.optional(), // document date (issued, else published) on or after
  to: isoDate.optional(), // document date on or before
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10000).default(0),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** What the index knows of a measure's document. */
export const DocRef = z.object({
  id: z.string(),
  title: z.string().nullable(),
  docNumber: z.string().nullable(),
  issuer: z.string().nullable(),
  region: Region,
  date: isoDate.nullable(), // issuedDate, else publishedDate
});
export type DocRef = z.infer<typeof DocRef>;

export const SearchHit = z.object({
  measure: Measure,
  document: DocRef,
  /** HTML-escaped snippets with <mark>…</mark> around matched terms. */
  highlight: z.object({ title: z.string().nullable(), text: z.string() }),
  score: z.number(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const FacetValue = z.object({ value: z.string(), label: z.string().optional(), count: z.number().int() });
export type FacetValue = z.infer<typeof FacetValue>;

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
  }),
  tookMs: z.number(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

