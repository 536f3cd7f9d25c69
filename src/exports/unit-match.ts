// Which of a measure's units are the unit a user asked for, by any alias, in the document's region.
import { unitKey } from "../../extract/fields/units.ts";
import type { Region, Unit } from "../../extract/schema.ts";

export interface UnitMatcher {
  /** The units of `units` that are the asked-for unit. */
  matches(units: Unit[]): Unit[];
}

const strip = (s: string) => s.replace(/\s+/g, "");

/**
 * A matcher for one document: a unit is the asked-for one when its written or canonical name has
 * the same key (unitKey with the document's region) or the user gave its canonical name.
 */
export function unitMatcher(query: string, region: Region): UnitMatcher {
  const q = strip(query);
  const key = unitKey(q, region);
  const cache = new Map<string, boolean>();
  const same = (u: Unit): boolean => {
    const id = `${u.name}\u0000${u.canonical}`;
    let hit = cache.get(id);
    if (hit === undefined) {
      hit = u.canonical === q || u.name === q || unitKey(u.name, region) === key || unitKey(u.canonical, region) === key;
      cache.set(id, hit);
    }
    return hit;
  };
  return { matches: (units) => units.filter(same) };
}
