// A document's file name (the last part of its source path), for naming a document whose title was not
// recognised (the document facet, unit labels of an unknown place, exported tables).
import { basename } from "node:path";
import type { StoreEngine as Store } from "../../index/store/engine.ts";

/** id → file name, for documents that have a source (a document's id and source do not change). */
const NAMES = new Map<string, string>();

export function documentFileName(store: Store, id: string): string | null {
  let name = NAMES.get(id);
  if (name === undefined) {
    const source = store.getDocument(id)?.source;
    if (!source) return null;
    name = basename(source.replace(/\\/g, "/"));
    NAMES.set(id, name);
  }
  return name;
}

/** How a document whose title was not recognised is named, on the page (web/format.js docName) as in answers and tables. */
export function untitledName(file: string | null | undefined): string {
  return file ? `未命名文件（${file}）` : "未命名文件";
}
