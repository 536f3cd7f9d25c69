// A document without a place is of the central level (国家层面) or of an unknown place (地区未识别), by the
// rule the region facet uses (index/search/regions.ts scopeOf, over all the document's units), so that
// the library and the reader say what the facet counts. The index keeps each indexed document's scope
// (SearchIndex.documentScope, as search hits read it); the store is read only for a document the index
// does not hold yet (before the index is ready, or a write not yet applied).
import type { StoreEngine as Store } from "../../index/store/engine.ts";
import { scopeOf } from "../../index/search/regions.ts";
import type { SearchIndex } from "../search/search-index.ts";

/** What decides a document's scope and name: its place, and the title, 文号 and issuer a correction may change. */
export interface Placed {
  id: string;
  title: string | null;
  docNumber: string | null;
  issuer: string | null;
  region: { province: string | null; city: string | null; county: string | null };
}

/** Keyed by what decides it (a correction of title, issuer or 文号 asks again). */
const SCOPES = new Map<string, string>();

/** 国家层面 or 地区未识别 for a document without a place; undefined for one with a place. */
export function documentScope(store: Store, d: Placed, index?: SearchIndex | null): string | undefined {
  if (d.region.province || d.region.city || d.region.county) return undefined;
  const indexed = index?.documentScope(d.id);
  if (indexed) return indexed;
  const key = `${d.id}|${d.title ?? ""}|${d.issuer ?? ""}|${d.docNumber ?? ""}`;
  let scope = SCOPES.get(key);
  if (scope === undefined) {
    const units = store.measuresOf(d.id).flatMap((m) => m.units.map((u) => u.name));
    scope = scopeOf({ ...d, region: d.region }, units) ?? undefined;
    if (scope) {
      if (SCOPES.size > 100_000) SCOPES.clear();
      SCOPES.set(key, scope);
    }
  }
  return scope;
}

/** The documents with their scope added where they have no place (copies; the others as they are). */
export function withScope<T extends Placed>(store: Store, docs: T[], index?: SearchIndex | null): (T & { scope?: string })[] {
  return docs.map((d) => {
    const scope = documentScope(store, d, index);
    return scope ? { ...d, scope } : d;
  });
}
