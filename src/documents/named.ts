// A document named as search hits name it, everywhere a document is shown (search hits, a measure's page, similar
// measures, comparison rows and their exports): 国家层面 or 地区未识别 (scope) for one without a place, its file name
// (fileName) for one whose title was not recognised.
import type { StoreEngine as Store } from "../../index/store/engine.ts";
import type { SearchIndex } from "../search/search-index.ts";
import { documentScope, type Placed } from "./scope.ts";
import { documentFileName } from "./file-name.ts";

/** The document with scope and fileName added where they apply (a copy; the document itself when neither does). */
export function namedDocument<T extends Placed>(store: Store, d: T, index?: SearchIndex | null): T & { scope?: string; fileName?: string } {
  const scope = documentScope(store, d, index);
  const fileName = d.title ? null : documentFileName(store, d.id);
  return scope || fileName ? { ...d, ...(scope ? { scope } : {}), ...(fileName ? { fileName } : {}) } : d;
}
