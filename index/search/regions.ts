// Places for filters and facets: a document without a region is of the central level (国家层面) when its
// issuer, 文号 or title says so (data/places.json, the rules topics use), else of an unknown place
// (地区未识别); both count as a "province" so that they can be filtered and counted like places. The
// region facet is a tree 省 → 市 → 县/区 built from the place counts of a query.
import placeData from "../data/places.json" with { type: "json" };
import { unplacedLabel } from "../../extract/fields/unit-canonical.ts";
import { NATIONAL_LABEL, UNPLACED_LABEL, type DocRef, type RegionNode } from "../schema.ts";
import { SHARED_COUNTS, SharedEntries } from "./shared-entries.ts";

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
}

const PARAMS = ["province", "city", "county"] as const;

// Scratch kept across queries (typed arrays: no old-to-young pointers): per place code and level, the
// entry of its node (-1 none); per entry, its parent entry (-1 a root, -2 a municipality's city) and
// its number of children, then the next free child slot.
let slot = new Int32Array(0);
let parentOf = new Int32Array(0);
let kids = new Int32Array(0);
/** Per entry of a province or city, its node while the tree is built (kept across queries, emptied after). */
let made: RegionNode[] = [];
/** The child list of every leaf (frozen: one shared empty list). */
const NO_CHILDREN: RegionNode[] = Object.freeze([]) as unknown as RegionNode[];

/** Leaves with a small count, shared by the answers that have them: most of a tree's nodes are counties counted a few times. By place code and level. */
const leaves = new SharedEntries<RegionNode>();

function leafNode(code: number, level: number, label: string, count: number): RegionNode {
  const at = 3 * code + level;
  return leaves.get(at, count, label) ?? leaves.keep(at, count, { value: label, label, count, param: PARAMS[level], children: NO_CHILDREN });
}

/**
 * The region tree of a query's place counts per level. A city named like its province (上海市 in
 * 上海市) is not a level of its own: its counties hang from the province. Children by count, then name.
 * The parents and child counts are found first, so that every child list is allocated at its size.
 */
export function regionTree(levels: LevelCounts, name: readonly string[], parents: PlaceParents): RegionNode[] {
  const places = parents.cityProvince.length;
  const [n0, n1, n2] = [levels.n[0], levels.n[1], levels.n[2]];
  const [c0, c1, c2] = levels.codes;
  const total = n0 + n1 + n2;
  if (slot.length < 2 * places) slot = new Int32Array(2 * places).fill(-1);
  if (parentOf.length < total) [parentOf, kids] = [new Int32Array(total), new Int32Array(total)];
  kids.fill(0, 0, total);
  // Entry e's parent entry p (-1 a root); its children and the roots counted.
  let roots = n0;
  for (let i = 0; i < n0; i++) {
    slot[c0[i]] = i;
    parentOf[i] = -1;
  }
  for (let i = 0; i < n1; i++) {
    const code = c1[i];
    const e = n0 + i;
    const p = parents.cityProvince[code];
    const pe = p >= 0 ? slot[p] : -1;
    if (pe >= 0 && name[p] === name[code]) {
      slot[places + code] = pe; // municipality: the province itself
      parentOf[e] = -2;
      continue;
    }
    slot[places + code] = e;
    parentOf[e] = pe;
    if (pe >= 0) kids[pe]++;
    else roots++;
  }
  for (let i = 0; i < n2; i++) {
    const p = parents.countyProvince[c2[i]];
    const c = parents.countyCity[c2[i]];
    let pe = c >= 0 ? slot[places + c] : -1;
    if (pe < 0 && p >= 0) pe = slot[p];
    parentOf[n0 + n1 + i] = pe;
    if (pe >= 0) kids[pe]++;
    else roots++;
  }
  for (let i = 0; i < n0; i++) slot[c0[i]] = -1;
  for (let i = 0; i < n1; i++) slot[places + c1[i]] = -1;
  // The nodes, in the order the places were counted; kids[e] becomes the next free slot of e's children.
  const out: RegionNode[] = new Array(roots);
  if (made.length < n0 + n1) made = new Array(2 * (n0 + n1)); // the nodes of provinces and cities (the only parents)
  let r = 0;
  for (let e = 0; e < total; e++) {
    const pe = parentOf[e];
    if (pe === -2) continue;
    const level = e < n0 ? 0 : e < n0 + n1 ? 1 : 2;
    const code = level === 0 ? c0[e] : level === 1 ? c1[e - n0] : c2[e - n0 - n1];
    const label = name[code];
    const k = kids[e];
    const count = levels.counts[level][code];
    const n: RegionNode =
      k === 0 && count < SHARED_COUNTS ? leafNode(code, level, label, count) : { value: label, label, count, param: PARAMS[level], children: k ? new Array(k) : NO_CHILDREN };
    kids[e] = 0;
    if (level < 2) made[e] = n;
    if (pe < 0) out[r++] = n;
    else made[pe].children[kids[pe]++] = n;
  }
  made.fill(undefined as unknown as RegionNode, 0, n0 + n1); // no node kept alive past its answer
  order(out);
  return out;
}

const byCountThenName = (a: RegionNode, b: RegionNode) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);

/** Sort a list and its children's lists (stable; most lists are a few nodes long: sorted by insertion). */
function order(list: RegionNode[]): void {
  if (list.length > 16) list.sort(byCountThenName);
  else
    for (let i = 1; i < list.length; i++) {
      const x = list[i];
      let j = i - 1;
      for (; j >= 0 && byCountThenName(list[j], x) > 0; j--) list[j + 1] = list[j];
      list[j + 1] = x;
    }
  for (let i = 0; i < list.length; i++) if (list[i].children.length) order(list[i].children);
}
