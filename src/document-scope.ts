// A document without a place is of the central level (国家层面) or of an unknown place (地区未识别), by the
// rule the region facet uses (index/search/regions.ts scopeOf, over all the document's units), so that
// the library and the reader say what the facet counts (search hits take the index's own: SearchIndex.documentScope).
import type { StoreEngine as Store } from "../index/store/engine.ts";
import { scopeOf } from "../index/search/regions.ts";

interface Placed {
  id: string;
  title: string | null;
  docNumber: string | null;
  issuer: string | null;
  region: { province: string | null; city: string | null; county: string | null };
}

/** Keyed by what decides it (a correction of title, issuer or 文号 asks again). */
const SCOPES = new Map<string, string>();

/** 国家层面 or 地区未识别 for a document without a place; undefined for one with a place. */
export function documentScope(store: Store, d: Placed): string | undefined {
  if (d.region.province || d.region.city || d.region.county) return undefined;
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
export function withScope<T extends Placed>(store: Store, docs: T[]): (T & { scope?: string })[] {
  return docs.map((d) => {
    const scope = documentScope(store, d);
    return scope ? { ...d, scope } : d;
  });
}
