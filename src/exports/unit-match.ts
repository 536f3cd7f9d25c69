// Which of a measure's units are the unit a user asked for, by any alias, in the document's region:
// the same rule as the unit page (/api/units/:name, index/search/match-keys.ts), so that a 责任清单
// lists exactly the measures the page shows.
import { unitKeyIn, unitKeyMatches, unitQueryKey } from "../../index/search/match-keys.ts";
import type { Region, Unit } from "../../extract/schema.ts";

export interface UnitMatcher {
  /** The units of `units` that are the asked-for unit. */
  matches(units: Unit[]): Unit[];
  /** The matched unit a unit belongs to (its region-qualified alias key, one per unit on the page). */
  groupKey(unit: Unit): string;
}

/**
 * A matcher for one document: a unit matches when its region-qualified key contains the query's key, or,
 * given the keys the unit page counts for the name (merged twins, synonyms: UnitListIndex.unitKeysFor), is one of them
 * (none given or none found: by the query's key).
 */
export function unitMatcher(query: string, region: Region, keys?: ReadonlySet<string>): UnitMatcher {
  const qk = unitQueryKey(query);
  const groupKey = (u: Unit) => unitKeyIn(u.canonical, region);
  const matches = keys?.size ? (u: Unit) => keys.has(groupKey(u)) : (u: Unit) => unitKeyMatches(groupKey(u), qk);
  return { matches: (units) => units.filter(matches), groupKey };
}
