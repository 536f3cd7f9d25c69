// Places for filters and facets: a document without a region is of the central level (国家层面) when its
// issuer, 文号 or title says so (data/places.json, the rules topics use), else of an unknown place
// (地区未识别); both count as a "province" so that they can be filtered and counted like places. The
// region facet is a tree 省 → 市 → 县/区 built from the place counts of a query.
import placeData from "../data/places.json" with { type: "json" };
import { unplacedLabel } from "../../extract/fields/unit-canonical.ts";
import { NATIONAL_LABEL, UNPLACED_LABEL, type DocRef, type RegionNode } from "../schema.ts";
import { SHARED_COUNTS, SharedEntries } from "./shared-entries.ts";
import { regionOrder, regionScratch, regionTable, scratchParts } from "./region-order.ts";

const NATIONAL_ISSUER = placeData.nationalIssuers.map((p) => new RegExp(p));
const NATIONAL_NUMBER = placeData.nationalDocNumbers.map((p) => new RegExp(p));

/**
 * The pseudo-province of a document without any place: 国家层面 when its issuer, 文号 or title is
 * central, or its units name national bodies only (extract's unplacedLabel); else 地区未识别. Null
 * when it has a place.
 */
export function scopeOf(doc: Pick<DocRef, "id" | "region" | "issuer" | "docNumber" | "title">, unitNames: string[] = []): string | null {
  const r = doc.region;
  if (r.province || r.city || r.county) return null;
  const issuer = doc.issuer ?? "";
  const title = doc.title ?? "";
  const national =
    NATIONAL_ISSUER.some((re) => re.test(issuer) || re.test(title)) ||
    (doc.docNumber !== null && NATIONAL_NUMBER.some((re) => re.test(doc.docNumber!))) ||
    unplacedLabel(doc, unitNames) === null;
  return national ? NATIONAL_LABEL : UNPLACED_LABEL;
}

/** Whether a place name is one of the pseudo-places. */
export const isPseudoPlace = (name: string) => name === NATIONAL_LABEL || name === UNPLACED_LABEL;

/** A query's place counts per level (province, city, county): codes[i][0..n[i]) the codes counted, counts[i][code] their counts. */
export interface LevelCounts {
  codes: Int32Array[];
  n: ArrayLike<number>;
  counts: Int32Array[];
}

/** Per place code, its province and city as the facet groups give them (-1 none): of a city, and of a county. */
export interface PlaceParents {
  cityProvince: Int32Array;
  countyProvince: Int32Array;
  countyCity: Int32Array;
  /** The three and each city's municipality flag per code, as region-order.ts reads them (made from the names when missing). */
  table?: Int32Array;
}

const PARAMS = ["province", "city", "county"] as const;

/** The shape of a tree (region-order.ts regionOrder, or its native twin). */
export type RegionOrder = typeof regionOrder;

/** Kept across queries: regionOrder's scratch, and per entry its node while the tree is built (emptied after). */
let scratch: Int32Array | null = null;
let scratchPlaces = -1;
let made: RegionNode[] = [];
/** The child list of every leaf (frozen: one shared empty list). */
const NO_CHILDREN: RegionNode[] = Object.freeze([]) as unknown as RegionNode[];

/** Leaves with a small count, shared by the answers that have them: most of a tree's nodes are counties counted a few times. By place code and level. */
const leaves = new SharedEntries<RegionNode>();

function leafNode(code: number, level: number, label: string, count: number): RegionNode {
  const at = 3 * code + level;
  return leaves.get(at, count, label) ?? leaves.keep(at, count, { value: label, label, count, param: PARAMS[level], children: NO_CHILDREN });
}

/** Each name's rank in the names sorted (ties by code): the order of values among nodes of equal count. */
export function rankNames(name: readonly string[]): Int32Array {
  const byRank = Int32Array.from(name.keys()).sort((a, b) => (name[a] < name[b] ? -1 : name[a] > name[b] ? 1 : a - b));
  const rank = new Int32Array(name.length);
  byRank.forEach((code, r) => (rank[code] = r));
  return rank;
}

/**
 * The region tree of a query's place counts per level. A city named like its province (上海市 in
 * 上海市) is not a level of its own: its counties hang from the province. Children by count, then name
 * (`rank`: each place code's rank in the names sorted, as the facets rank places; worked out when not given).
 * The shape is worked out as integers (`order`: region-order.ts, or its native twin), then the nodes are
 * made from the deepest level up, each child list at its size.
 */
export function regionTree(levels: LevelCounts, name: readonly string[], parents: PlaceParents, rank?: Int32Array, order: RegionOrder = regionOrder): RegionNode[] {
  const places = parents.cityProvince.length;
  const n = levels.n instanceof Int32Array ? levels.n : Int32Array.from(levels.n);
  const [n0, n1] = [n[0], n[1]];
  const total = n0 + n1 + n[2];
  const [c0, c1, c2] = levels.codes;
  if (!scratch || scratchPlaces !== places || scratch.length < 2 * places + 5 * total) {
    scratch = regionScratch(places, 2 * total);
    scratchPlaces = places;
  }
  const s = scratch;
  const roots = order(n, c0, c1, c2, levels.counts[0], levels.counts[1], levels.counts[2], parents.table ?? regionTable(parents, name), rank ?? rankNames(name), s);
  const { parent, kid, first, list, count } = scratchParts(places, total);
  if (made.length < total) made = new Array(2 * total);
  const nodes = made;
  for (let e = total - 1; e >= 0; e--) {
    if (s[parent + e] === -2) continue;
    const level = e < n0 ? 0 : e < n0 + n1 ? 1 : 2;
    const code = level === 0 ? c0[e] : level === 1 ? c1[e - n0] : c2[e - n0 - n1];
    const label = name[code];
    const k = s[kid + e];
    const c = s[count + e];
    if (k === 0) {
      nodes[e] = c < SHARED_COUNTS ? leafNode(code, level, label, c) : { value: label, label, count: c, param: PARAMS[level], children: NO_CHILDREN };
      continue;
    }
    const children: RegionNode[] = new Array(k);
    const from = list + s[first + e];
    for (let i = 0; i < k; i++) children[i] = nodes[s[from + i]];
    nodes[e] = { value: label, label, count: c, param: PARAMS[level], children };
  }
  const out: RegionNode[] = new Array(roots);
  const rootsAt = list + (total === 0 ? 0 : s[first + total - 1] + s[kid + total - 1]);
  for (let i = 0; i < roots; i++) out[i] = nodes[s[rootsAt + i]];
  nodes.fill(undefined as unknown as RegionNode, 0, total); // no node kept alive past its answer
  return out;
}
