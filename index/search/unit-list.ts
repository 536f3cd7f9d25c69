// The units list (GET /api/units): only names that look like a body (a body suffix from the alias data, or
// a named enterprise written short, 华西证券, as data/unit-list.json allows; not a sentence, not a generic
// group such as 有关部门), twins merged (a national body with and without 国家; a regulator's city office
// written as 局 and as 分局, where data/unit-list.json says so), filtered by name (any alias), place and
// role, with the total before paging.
import { isBody } from "../../extract/fields/unit-aliases.ts";
import { UNPLACED_MARK } from "../../extract/fields/unit-canonical.ts";
import groupData from "../../extract/data/unit-groups.json" with { type: "json" };
import nationalData from "../../extract/data/national-bodies.json" with { type: "json" };
import listData from "../data/unit-list.json" with { type: "json" };
import { ROLE_BIT } from "./roles.ts";
import { placeKey } from "./match-keys.ts";
import { dataSynonymsOf } from "./tokenizer.ts";
import { isPseudoPlace } from "./regions.ts";
import type { UnitRole, UnitSummary } from "./source.ts";
import { UnitIndex } from "./units.ts";

const GROUP_RE = new RegExp(`^(?:${groupData.groupPatterns.join("|")})$`);
const NOT_WORDS = new RegExp(listData.notUnitWords.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));
const SENTENCE_MARKS = /[，。；：！？、,;:!?\s]/;
const UNPLACED_SUFFIX = new RegExp(`（${UNPLACED_MARK}：.*）$`);
const NOT_NAMES = new Set(listData.notUnitNames);
const NATIONAL_NAMES = new Set(nationalData.names);
const ENTERPRISE_END = new RegExp(`(?:${listData.enterpriseEndings.join("|")})$`);
const { minLength: STEM_MIN, maxLength: STEM_MAX, genericWords: STEM_GENERIC, placeLevels: STEM_LEVELS } = listData.enterpriseStem;
const PLACE_FORMS = listData.placeForms.map(([formal, short]) => [new RegExp(`^${formal.replace("{place}", "(.+)")}$`), short] as const);

/** A named enterprise or financial institution written short (华西证券, 坤泰担保), not a kind of one (融资担保, 产业投资基金). */
function isNamedEnterprise(name: string): boolean {
  const end = ENTERPRISE_END.exec(name);
  if (!end) return false;
  const stem = name.slice(0, end.index);
  return stem.length >= STEM_MIN && stem.length <= STEM_MAX && /^[\u4e00-\u9fff]+$/.test(stem) &&
    !STEM_GENERIC.some((w) => stem.includes(w)) && ![...stem].every((ch) => STEM_LEVELS.includes(ch));
}

/** Whether a name looks like a body: a body ending or a named enterprise's, not a sentence, not a generic group. */
export function looksLikeUnit(full: string): boolean {
  // A unit of a document of unknown place carries a label (市科技局（地区未识别：<title>）): judged without it.
  const name = full.replace(UNPLACED_SUFFIX, "");
  if (!name || name.length > listData.maxLength || SENTENCE_MARKS.test(name)) return false;
  if (NOT_NAMES.has(name) || listData.notUnitStarts.some((p) => name.startsWith(p)) || GROUP_RE.test(name)) return false;
  if (NOT_WORDS.test(name.replace(/[（(][^）)]*[）)]/g, ""))) return false;
  return isBody(name) || isNamedEnterprise(name);
}

export interface UnitListQuery {
  q?: string;
  province?: string;
  city?: string;
  role?: UnitRole;
  limit: number;
  offset: number;
}

/** A unit of the list: its summary and the place keys (province, city) of the documents naming it. */
interface ListedUnit {
  summary: UnitSummary;
  codes: number[];
  provinces: Set<string>;
  cities: Set<string>;
  /** 国家层面 / 地区未识别 for documents without a place, as the search facet counts them. */
  scopes: Set<string>;
}

export abstract class UnitListIndex extends UnitIndex {
  private listCache: { version: string; units: ListedUnit[]; byCode: Map<number, ListedUnit> } | null = null;

  /** Every listed unit (twins merged), most often named first; cached until measures change. */
  private listedUnits(): ListedUnit[] {
    return this.listing().units;
  }

  private listing(): { units: ListedUnit[]; byCode: Map<number, ListedUnit> } {
    const version = `${this.mid.length}:${this.dead}:${this.unitKeys.length}`;
    if (this.listCache?.version === version) return this.listCache;
    const byKey = new Map<string, ListedUnit>();
    for (let code = 0; code < this.unitKeys.length; code++) {
      const summary = this.unitSummary(code);
      if (!summary || !looksLikeUnit(summary.name)) continue;
      const provinces = new Set<string>();
      const cities = new Set<string>();
      const scopes = new Set<string>();
      const seen = new Set<number>();
      for (const id of this.unitIds[code]) {
        const group = this.docGroup.data[this.docOf.data[id]];
        if (seen.has(group)) continue;
        seen.add(group);
        const [p, c] = [this.groupCodes.data[4 * group], this.groupCodes.data[4 * group + 1]];
        if (p >= 0) (isPseudoPlace(this.places[p]) ? scopes : provinces).add(placeKey(this.places[p]));
        if (c >= 0) cities.add(placeKey(this.places[c]));
      }
      byKey.set(summary.key, { summary, codes: [code], provinces, cities, scopes });
    }
    // Twins: the national body with and without 国家 (中国, 国务院 where the national data lists it); a city's
    // regulator office as 局 and 分局; a name with a word spelled in full and abbreviated (投资促进局, 投促局).
    const cityKeys = new Set<string>();
    for (const u of byKey.values()) for (const c of u.cities) cityKeys.add(c);
    const into = new Map<string, string>();
    const isNational = (u: ListedUnit) => u.summary.names.some((n) => NATIONAL_NAMES.has(n)) || NATIONAL_NAMES.has(u.summary.name);
    for (const [key, u] of byKey) {
      const unplaced = u.provinces.size === 0 && u.cities.size === 0;
      const national = listData.nationalPrefix + key;
      if (!key.startsWith(listData.nationalPrefix) && byKey.has(national) && unplaced) into.set(key, national);
      for (const prefix of listData.nationalForms) {
        const twin = byKey.get(prefix + key);
        if (unplaced && twin && !into.has(key) && (isNational(twin) || isNational(u))) into.set(key, prefix + key);
      }
      for (const [office, branch] of listData.cityBranches)
        if (key.endsWith(office) && !key.endsWith(branch)) {
          const place = key.slice(0, -office.length);
          const twin = place + branch;
          if (place && cityKeys.has(place) && byKey.has(twin)) into.set(key, twin);
        }
      for (const [formal, short] of PLACE_FORMS) {
        const place = formal.exec(key)?.[1];
        const twin = place && short.replace("{place}", place);
        if (twin && twin !== key && byKey.has(twin) && !into.has(twin)) into.set(twin, key);
      }
      for (const [full, short] of listData.abbreviations) {
        if (!key.includes(full)) continue;
        const twin = key.replace(full, short);
        if (twin !== key && byKey.has(twin) && !into.has(twin)) into.set(twin, key);
      }
    }
    const target = (k: string) => {
      for (let i = 0; i < 8 && into.has(k); i++) k = into.get(k)!;
      return k;
    };
    for (const from of into.keys()) {
      const to = target(from);
      const a = byKey.get(from);
      const b = byKey.get(to);
      if (!a || !b || a === b) continue;
      byKey.delete(from);
      b.codes.push(...a.codes);
      for (const p of a.provinces) b.provinces.add(p);
      for (const c of a.cities) b.cities.add(c);
      for (const c of a.scopes) b.scopes.add(c);
    }
    for (const u of byKey.values()) if (u.codes.length > 1) u.summary = this.mergedSummary(u.codes, u.summary.key);
    const units = [...byKey.values()].sort((a, b) => b.summary.count - a.summary.count || (a.summary.name < b.summary.name ? -1 : a.summary.name > b.summary.name ? 1 : 0));
    const byCode = new Map<number, ListedUnit>();
    for (const u of units) for (const c of u.codes) byCode.set(c, u);
    this.listCache = { version, units, byCode };
    return this.listCache;
  }

  /** One summary over several unit codes (a measure naming both twins counts once, with all its roles). */
  private mergedSummary(codes: number[], key: string): UnitSummary {
    const roles = new Map<number, number>();
    const names = new Set<string>();
    for (const c of codes) {
      this.unitIds[c].forEach((id, i) => {
        if (this.isAlive(id)) roles.set(id, (roles.get(id) ?? 0) | this.unitRoles[c][i]);
      });
      for (const n of this.spellOf(c)) names.add(n);
    }
    const s: UnitSummary = { key, name: this.unitName(this.unitCode.get(key)!), names: [...names], count: roles.size, lead: 0, coop: 0, responsible: 0 };
    for (const bits of roles.values()) {
      if (bits & ROLE_BIT.lead) s.lead++;
      if (bits & ROLE_BIT.coop) s.coop++;
      if (bits & ROLE_BIT.responsible) s.responsible++;
    }
    return s;
  }

  /** A page of the units list and how many units pass the filters. */
  unitList(query: UnitListQuery): { total: number; units: UnitSummary[] } {
    let units = this.listedUnits();
    const q = query.q?.trim();
    if (q) {
      const codes = new Set(this.codesWithSynonyms(q));
      units = units.filter((u) => u.codes.some((c) => codes.has(c)));
    }
    if (query.province) {
      const k = placeKey(query.province);
      units = units.filter((u) => u.provinces.has(k) || u.scopes.has(k));
    }
    if (query.city) {
      const k = placeKey(query.city);
      units = units.filter((u) => u.cities.has(k));
    }
    if (query.role) units = units.filter((u) => u.summary[query.role!] > 0);
    return { total: units.length, units: units.slice(query.offset, query.offset + query.limit).map((u) => u.summary) };
  }

  /** Codes matching a name by any alias or by a spelling from the synonym data (科技局 → 科技和知识产权局), as search applies it. */
  private codesWithSynonyms(name: string): number[] {
    const codes = new Set(this.unitCodesMatching(name));
    for (const alt of dataSynonymsOf(name)) for (const c of this.unitCodesMatching(alt)) codes.add(c);
    return [...codes].sort((a, b) => a - b);
  }

  /** A unit name stands for every code of the listed units it matches (twins merged), so page total = list count. */
  protected override unitCodesFor(name: string): number[] {
    const { byCode } = this.listing();
    const codes = new Set<number>();
    for (const c of this.codesWithSynonyms(name)) {
      codes.add(c);
      for (const t of byCode.get(c)?.codes ?? []) codes.add(t);
    }
    return [...codes].sort((a, b) => a - b);
  }

  /** The unit keys (region-qualified) a unit name stands for, as the unit page counts them (for the 责任清单). */
  unitKeysFor(name: string): string[] {
    return name.trim() ? this.unitCodesFor(name.trim()).map((c) => this.unitKeys[c]) : [];
  }

  /** One summary per listed unit (twins merged) among the codes; codes of unlisted names by themselves. */
  protected override summariesOf(codes: number[]): UnitSummary[] {
    const { byCode } = this.listing();
    const seen = new Set<ListedUnit>();
    const out: UnitSummary[] = [];
    for (const c of codes) {
      const u = byCode.get(c);
      if (u) {
        if (!seen.has(u)) out.push(u.summary);
        seen.add(u);
      } else {
        const s = this.unitSummary(c);
        if (s) out.push(s);
      }
    }
    return out;
  }
}
