// Corrections of a document's metadata made by people: what may be corrected (a zod schema, shared by
// the HTTP API and the CLI), how the stored corrections are laid over the extracted values when a
// document is read, and the canonical unit names that follow a corrected region.
import { z } from "zod";
import type Database from "better-sqlite3";
import { canonicalUnit, townDocument, unplacedLabel } from "../../extract/fields/unit-canonical.ts";
import { checkRegion, isRealDate } from "../../extract/fields/divisions.ts";
import type { Region, Unit } from "../../extract/schema.ts";

const TITLE_MAX = 200;

export const CORRECTABLE = ["title", "docNumber", "issuer", "region", "issuedDate", "publishedDate"] as const;
export type Correctable = (typeof CORRECTABLE)[number];


const text = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .min(1, `${label}不能为空（要撤销更正请给 null）`)
    .max(max, `${label}过长（上限 ${max} 字）`);

const date = (label: string) =>
  z
    .string({ error: `${label}应为 YYYY-MM-DD 格式的日期` })
    .trim()
    .refine(isRealDate, { message: `${label}不是有效日期（应为 YYYY-MM-DD，且该日存在）` });

/** A corrected region: names from the division data (checked; a county alone gets its city). */
const RegionPatch = z
  .object({
    province: z.string({ error: "region.province（省级行政区）必填" }).trim().min(1, "region.province（省级行政区）不能为空").max(30),
    city: z.string().trim().max(30).nullish(),
    county: z.string().trim().max(30).nullish(),
  })
  .strict()
  .transform((r, ctx): Region => {
    const c = checkRegion(r);
    if (!c.ok) {
      ctx.addIssue({ code: "custom", message: `地区无效：${c.error}`, path: [c.field] });
      return z.NEVER;
    }
    return c.region;
  });

/**
 * A correction: each field given replaces the extracted value; null removes an earlier correction
 * (the extracted value shows again); a field left out stays as it is.
 */
export const MetadataFields = {
  title: text("标题", TITLE_MAX).nullable().optional(),
  docNumber: text("文号", 60).nullable().optional(),
  issuer: text("发文机关", 100).nullable().optional(),
  region: RegionPatch.nullable().optional(),
  issuedDate: date("成文日期").nullable().optional(),
  publishedDate: date("发布日期").nullable().optional(),
};
export const NOTHING_TO_CORRECT = "没有要更正的字段（可更正 title、docNumber、issuer、region、issuedDate、publishedDate）";
export const hasSomeField = (p: Record<string, unknown>) => CORRECTABLE.some((k) => p[k] !== undefined);
export const MetadataPatch = z.object(MetadataFields).strict().refine(hasSomeField, { message: NOTHING_TO_CORRECT });
export type MetadataPatch = z.infer<typeof MetadataPatch>;


export interface Corrections {
  /** The fields corrected by a person. */
  fields: Correctable[];
  updatedBy: string;
  updatedAt: string;
}

export type OverrideRow = {
  doc_id: string; title: string | null; doc_number: string | null; issuer: string | null; province: string | null;
  city: string | null; county: string | null; issued_date: string | null; published_date: string | null;
  updated_by: string; updated_at: string;
};

/**
 * A document's metadata columns with its corrections laid over (documents d LEFT JOIN document_overrides o), in
 * SQL both engines read alike; the region is corrected as a whole. The PostgreSQL view adds its *_norm columns.
 */
export const OVERLAID_COLUMNS = `d.id, d.source, d.format, coalesce(o.title, d.title) AS title, coalesce(o.doc_number, d.doc_number) AS doc_number,
      coalesce(o.issuer, d.issuer) AS issuer,
      CASE WHEN o.province IS NULL THEN d.province ELSE o.province END AS province,
      CASE WHEN o.province IS NULL THEN d.city ELSE o.city END AS city,
      CASE WHEN o.province IS NULL THEN d.county ELSE o.county END AS county,
      coalesce(o.issued_date, d.issued_date) AS issued_date, coalesce(o.published_date, d.published_date) AS published_date,
      d.ingested_at, o.doc_id AS corrected`;

/** The documents with their corrections laid over (same column names as the documents table). */
export function effectiveDocuments(withOverrides: boolean): string {
  // Metadata columns only, as the corrected view: the texts (tens of KB a row) are never read through
  // it, and a sorted page that selected them read every row's texts (a listing of 43,749 documents: 43 s).
  if (!withOverrides) return "(SELECT id, source, format, title, doc_number, issuer, province, city, county, issued_date, published_date, ingested_at, NULL AS corrected FROM documents)";
  return `(SELECT ${OVERLAID_COLUMNS}
    FROM documents d LEFT JOIN document_overrides o ON o.doc_id = d.id)`;
}

export function correctionsOf(o: OverrideRow | undefined): Corrections | null {
  if (!o) return null;
  const fields: Correctable[] = [];
  if (o.title !== null) fields.push("title");
  if (o.doc_number !== null) fields.push("docNumber");
  if (o.issuer !== null) fields.push("issuer");
  if (o.province !== null) fields.push("region");
  if (o.issued_date !== null) fields.push("issuedDate");
  if (o.published_date !== null) fields.push("publishedDate");
  return fields.length ? { fields, updatedBy: o.updated_by, updatedAt: o.updated_at } : null;
}

/** The stored row after applying `patch` to `old` (null: nothing is corrected any more). */
export function mergePatch(docId: string, old: OverrideRow | undefined, patch: MetadataPatch, by: string, at: string): OverrideRow | null {
  const row: OverrideRow = old ? { ...old } : {
    doc_id: docId, title: null, doc_number: null, issuer: null, province: null, city: null, county: null, issued_date: null, published_date: null, updated_by: by, updated_at: at,
  };
  if (patch.title !== undefined) row.title = patch.title;
  if (patch.docNumber !== undefined) row.doc_number = patch.docNumber;
  if (patch.issuer !== undefined) row.issuer = patch.issuer;
  if (patch.region !== undefined) {
    row.province = patch.region?.province ?? null;
    row.city = patch.region?.city ?? null;
    row.county = patch.region?.county ?? null;
  }
  if (patch.issuedDate !== undefined) row.issued_date = patch.issuedDate;
  if (patch.publishedDate !== undefined) row.published_date = patch.publishedDate;
  row.updated_by = by;
  row.updated_at = at;
  return correctionsOf(row) ? row : null;
}

/** What canonical unit names depend on: the region, and for a document without one its title, 文号 and issuer. */
export interface UnitContextOf {
  id: string; title: string | null; docNumber: string | null; issuer: string | null; region: Region;
}

/** A measure's stored units (JSON), by measure id. */
export type UnitsRow = { id: string; units: string };

/**
 * Canonical unit names of a document's measures computed again for its metadata as it now reads (as
 * extraction does in its second look: with every unit name the document gives, and a unit of a
 * document of unknown place kept apart, and a town's own bare offices as written: `text`, the document's repaired text, says
 * whether it speaks as a town): the rows whose units change, with their new units, in order.
 * Both engines write what it returns (recanonicalise here, the PostgreSQL store's followCorrections).
 */
export function recanonicalRows(doc: UnitContextOf, rows: UnitsRow[], text: string): UnitsRow[] {
  const parsed = rows.map((r) => ({ id: r.id, before: r.units, units: JSON.parse(r.units) as Unit[] }));
  const known = [...new Set(parsed.flatMap((m) => m.units.map((u) => u.name)))];
  const unplaced = unplacedLabel(doc, known);
  // as extraction reads it (document.ts): the issuer a 镇/乡 government or a 街道办事处, or no issuer and a text saying 我镇 …
  const town = townDocument(doc.issuer, text);
  const changed: UnitsRow[] = [];
  for (const m of parsed) {
    for (const u of m.units) u.canonical = canonicalUnit(u.name, doc.region, known, unplaced, town);
    const after = JSON.stringify(m.units);
    if (after !== m.before) changed.push({ id: m.id, units: after });
  }
  return changed;
}

/** recanonicalRows over a document's measures in the SQLite store, the rows that change rewritten; returns how many. */
export function recanonicalise(db: Database.Database, doc: UnitContextOf): number {
  const rows = db.prepare("SELECT id, units FROM measures WHERE doc_id = ?").all(doc.id) as UnitsRow[];
  const text = (db.prepare("SELECT repaired_text FROM documents WHERE id = ?").get(doc.id) as { repaired_text: string } | undefined)?.repaired_text ?? "";
  const update = db.prepare("UPDATE measures SET units = ? WHERE id = ?");
  const changed = recanonicalRows(doc, rows, text);
  for (const m of changed) update.run(m.units, m.id);
  return changed.length;
}
