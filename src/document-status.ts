// The validity filter of the document list: documents whose status (index/library: 现行 / 已到期 /
// 已被替代, as of today) is the one asked for.
import { libraryOf } from "../index/library/library.ts";
import type { DocumentSummary, Store } from "../index/store/store.ts";

export function documentStatusFilter(store: Store, status: string): (d: DocumentSummary) => boolean {
  const statuses = libraryOf(store).statuses();
  return (d) => statuses.get(d.id) === status;
}
