// What a query passes between the index layers: the filter, the bitset slots of the scratch space,
// the facet counts (in shared memory, for the facet thread) and the facets answered.
import { allocate } from "./growable.ts";
import type { FacetCounts } from "./facet-kernels.ts";
import type { FacetValue, RegionNode } from "../schema.ts";

/** The measures a query's filters let through (alive ones only). */
export interface Filter {
  /** Bitset of them; null: every measure (none filtered, none dead). Read only. */
  bits: Int32Array | null;
  /** How many. */
  size: number;
}

/** Bitset slots of the query scratch space. */
export const B_CAND = 0; // candidates (list plan) / matches (bitset plan)
export const B_NEXT = 1; // candidates holding the current term (list plan) / the current term (bitset plan)
export const B_TITLE = 2; // title already counted for the term (list plan)
export const B_RANK = 3; // the measures scored (bitset plan)
export const B_SEEN = 4; // best slot already counted (bitset plan)
export const B_FILTER = 5;
export const B_UNIT = 6;
export const B_TERM_TITLES = 7; // and on: per term, the measures holding it in their title (bitset plan)
export const MAX_TIERS = 15;
/** The matches of the last search, kept while pages are ranked within them (search.ts pageWithin). */
export const B_BASE = B_TERM_TITLES + MAX_TIERS;
/** What a lookup in a dense term costs, in postings read from a list (the choice between the two). */
export const LOOKUP_COST = 4;

/** Empty facet counts, in shared memory. */
export function newCounts(): FacetCounts {
  const none = () => allocate(Int32Array, 0, true);
  return { docs: none(), docN: none(), docCount: none(), groupCount: none(), groups: none(), unitCount: none(), units: none(), touched: allocate(Int32Array, 3, true) };
}

/** Years rank as themselves (ties in counts go to the earlier year). */
export const YEAR_RANK = Int32Array.from({ length: 10000 }, (_, i) => i);

export interface Facets {
  province: FacetValue[];
  city: FacetValue[];
  county: FacetValue[];
  document: FacetValue[];
  year: FacetValue[];
  leadUnit: FacetValue[];
  role: FacetValue[];
  region: RegionNode[];
}
