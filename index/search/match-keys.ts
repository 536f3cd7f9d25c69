// Keys that filters compare: unit names by alias key, place names without their level suffix.
import type { Region } from "../../extract/schema.ts";
import { unitKey } from "../../extract/fields/units.ts";

const NO_REGION: Region = { province: null, city: null, county: null };

const keyCache = new Map<string, string>();

/** unitKey() of a unit name in its document's region, cached (the same names come back all the time). */
export function unitKeyIn(name: string, region: Region): string {
  const k = `${name}\u0000${region.province ?? ""}\u0000${region.city ?? ""}\u0000${region.county ?? ""}`;
  let key = keyCache.get(k);
  if (key === undefined) {
    key = unitKey(name, region);
    if (keyCache.size > 500_000) keyCache.clear();
    keyCache.set(k, key);
  }
  return key;
}

/**
 * The key a unit filter looks for: the name's alias key without a leading level word, so that
 * 市发改委, 发展和改革委员会 and 发改委 all look for "发改委" (found in 绵阳发改委, 山西发改委 …) and
 * 人民银行 looks for "人行" (found in 人行攀枝花中心支行 …).
 */
export function unitQueryKey(name: string): string {
  const k = unitKey(name.replace(/\s+/g, ""), NO_REGION);
  return k.length > 2 ? k.replace(/^[省市县区]/, "") : k;
}

/** Does a stored unit key match a filter key (from unitQueryKey)? */
export function unitKeyMatches(stored: string, queryKey: string): boolean {
  return queryKey.length > 0 && stored.includes(queryKey);
}

const PLACE_SUFFIX = /(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|地区|省|市|县|区|州|盟|旗)$/;

/** A place name without its level suffix: 四川省 → 四川, 平阳县 → 平阳 (names of two characters stay whole). */
export function placeKey(name: string): string {
  const n = name.replace(/\s+/g, "");
  const stripped = n.replace(PLACE_SUFFIX, "");
  return stripped.length >= 2 ? stripped : n;
}
