// Full documents from the store, for exports that span documents.
import type { StoreEngine as Store } from "../../index/store/engine.ts";

export function allDocuments(store: Store) {
  return store.listDocuments(100000).map((d) => store.getDocument(d.id)!).filter(Boolean);
}
