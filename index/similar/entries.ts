// The similarity index's input: every measure of a store with its document, and a measure's full text.
import type { Measure } from "../../extract/schema.ts";
import type { DocRef } from "../schema.ts";
import type { StoreEngine as Store } from "../store/engine.ts";
import type { SimilarityEntry } from "./types.ts";
import { squashWs } from "./words.ts";

/** A measure's title and text (the title put before a text that does not begin with it). */
export function fullText(m: Measure): string {
  const t = m.title ?? "";
  return t && !squashWs(m.text).startsWith(squashWs(t)) ? `${t}。${m.text}` : m.text;
}

/** Every measure of a store with its document reference (one listing of the documents: paging sorted them all again per page). */
export function entriesFromStore(store: Store): SimilarityEntry[] {
  const out: SimilarityEntry[] = [];
  for (const d of store.listDocuments(Number.MAX_SAFE_INTEGER, 0)) {
    const doc: DocRef = { id: d.id, title: d.title, docNumber: d.docNumber, issuer: d.issuer, region: d.region, date: d.issuedDate ?? d.publishedDate };
    for (const measure of store.measuresOf(d.id)) out.push({ measure, doc });
  }
  return out;
}
