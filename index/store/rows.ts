// Rows of documents and measures as both store engines read them, as the store's types.
import type { Measure } from "../../extract/schema.ts";
import type { DocRow } from "./find.ts";
import type { DocumentSummary } from "./store.ts";

export type MeasureRow = { id: string; path: string; title: string | null; text: string; units: string; deadlines: string; targets: string };

export function summary(r: DocRow): DocumentSummary {
  return {
    id: r.id, source: r.source, format: r.format, title: r.title, docNumber: r.doc_number, issuer: r.issuer,
    region: { province: r.province, city: r.city, county: r.county },
    issuedDate: r.issued_date, publishedDate: r.published_date, measureCount: r.measure_count ?? 0, corrected: !!r.corrected,
  };
}

export function measure(r: MeasureRow): Measure {
  return { id: r.id, path: r.path, title: r.title, text: r.text, units: JSON.parse(r.units), deadlines: JSON.parse(r.deadlines), targets: JSON.parse(r.targets) };
}
