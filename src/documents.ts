// Full documents from the store, for exports that span documents.
import type { Store } from "../index/store/store.ts";

export function allDocuments(store: Store) {
  return store.listDocuments(100000).map((d) => store.getDocument(d.id)!).filter(Boolean);
}
