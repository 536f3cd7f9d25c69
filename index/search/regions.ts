// Places for filters and facets: a document without a region is of the central level (国家层面) when its
// issuer, 文号 or title says so (data/places.json, the rules topics use), else of an unknown place
// (地区未识别); both count as a "province" so that they can be filtered and counted like places. The
// region facet is a tree 省 → 市 → 县/区 built from the place counts of a query.
import placeData from "../data/places.json" with { type: "json" };
import { unplacedLabel } from "../../extract/fields/unit-canonical.ts";
import { NATIONAL_LABEL, UNPLACED_LABEL, type DocRef, type RegionNode } from "../schema.ts";

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

/**
 * The region tree of a query's place counts per level. A city named like its province (上海市 in
 * 上海市) is not a level of its own: its counties hang from the province. Children by count, then name.
 */
export function regionTree(levels: LevelCounts, name: (code: number) => string, parents: PlaceParents): RegionNode[] {
  const roots: RegionNode[] = [];
  // Node of each province and city code (a municipality's city: its province's node).
  const places = parents.cityProvince.length;
  const nodes: RegionNode[][] = [new Array(places), new Array(places)];
  const node = (level: number, code: number): RegionNode => ({ value: name(code), label: name(code), count: levels.counts[level][code], param: PARAMS[level], children: [] });
  for (let i = 0; i < levels.n[0]; i++) {
    const code = levels.codes[0][i];
    const n = node(0, code);
    nodes[0][code] = n;
    roots.push(n);
  }
  for (let i = 0; i < levels.n[1]; i++) {
    const code = levels.codes[1][i];
    const p = parents.cityProvince[code];
    const parent = p >= 0 ? nodes[0][p] : undefined;
    if (parent && parent.value === name(code)) {
      nodes[1][code] = parent; // municipality: the province itself
      continue;
    }
    const n = node(1, code);
    nodes[1][code] = n;
    (parent ? parent.children : roots).push(n);
  }
  for (let i = 0; i < levels.n[2]; i++) {
    const code = levels.codes[2][i];
    const [p, c] = [parents.countyProvince[code], parents.countyCity[code]];
    const parent = (c >= 0 ? nodes[1][c] : undefined) ?? (p >= 0 ? nodes[0][p] : undefined);
    (parent ? parent.children : roots).push(node(2, code));
  }
  order(roots);
  return roots;
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
