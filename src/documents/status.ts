// Validity in the document list: each document's status (index/library: 现行 / 已到期 / 已被替代, as of
// today), and the filter keeping the documents of one status.
import { libraryOf } from "../../index/library/library.ts";
import type { DocumentSummary } from "../../index/store/store.ts";
import type { StoreEngine as Store } from "../../index/store/engine.ts";

export function documentStatusFilter(store: Store, status: string): (d: DocumentSummary) => boolean {
  const statuses = libraryOf(store).statuses();
  return (d) => statuses.get(d.id) === status;
}

/** The documents with their status as of today (null when the library does not know one). */
export function withStatus<T extends { id: string }>(store: Store, docs: T[]): (T & { status: string | null })[] {
  const statuses = libraryOf(store).statuses();
  return docs.map((d) => ({ ...d, status: statuses.get(d.id) ?? null }));
}
