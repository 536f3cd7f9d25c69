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

export interface PlaceCount {
  code: number;
  count: number;
}

const PARAMS = ["province", "city", "county"] as const;

/**
 * The region tree of a query's place counts per level. `parents(level, code)`: the codes of the place's
 * province and city (-1 none). A city named like its province (上海市 in 上海市) is not a level of its
 * own: its counties hang from the province. Children by count, then name.
 */
export function regionTree(levels: PlaceCount[][], name: (code: number) => string, parents: (level: number, code: number) => [number, number]): RegionNode[] {
  const roots: RegionNode[] = [];
  const nodes = [new Map<number, RegionNode>(), new Map<number, RegionNode>()];
  const node = (level: number, code: number, count: number): RegionNode => ({ value: name(code), label: name(code), count, param: PARAMS[level], children: [] });
  for (const { code, count } of levels[0]) {
    const n = node(0, code, count);
    nodes[0].set(code, n);
    roots.push(n);
  }
  for (const { code, count } of levels[1]) {
    const [p] = parents(1, code);
    const parent = nodes[0].get(p);
    if (parent && parent.value === name(code)) {
      nodes[1].set(code, parent); // municipality: the province itself
      continue;
    }
    const n = node(1, code, count);
    nodes[1].set(code, n);
    (parent ? parent.children : roots).push(n);
  }
  for (const { code, count } of levels[2]) {
    const [p, c] = parents(2, code);
    const parent = nodes[1].get(c) ?? nodes[0].get(p);
    (parent ? parent.children : roots).push(node(2, code, count));
  }
  const order = (list: RegionNode[]) => {
    list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    for (const n of list) order(n.children);
  };
  order(roots);
  return roots;
}
