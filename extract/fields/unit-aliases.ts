// Unit name data (data/unit-aliases.json): body suffixes, alias spellings and lineages.
import data from "../data/unit-aliases.json" with { type: "json" };
import { isPlaceName } from "./regions.ts";
import { escapeRegExp as escape } from "../regex.ts";

interface AliasGroup {
  key: string;
  names: string[];
}
interface LineageStage {
  groups: string[];
  from?: string;
  until?: string;
}
interface Lineage {
  id: string;
  note?: string;
  stages: LineageStage[];
}

const byLengthDesc = (a: string, b: string) => b.length - a.length;
const endsWithAny = (list: string[]) => new RegExp(`(?:${[...list].sort(byLengthDesc).map(escape).join("|")})$`);

const BODY_END = endsWithAny(data.bodySuffixes);
const NON_BODY_END = endsWithAny(data.nonBodyEndings);
const DEPARTMENT_END = endsWithAny(data.departmentSuffixes);
const CELL_NAME_END = endsWithAny(data.cellNameEndings);

/** What follows 市 in a word that names no city (cityWords: 市场, 市容 …), as regex alternatives: such a 市 is no level or place. */
export const NOT_CITY_TAILS = data.cityWords.map((w) => w.slice(1)).join("|");

/** The name ends like a body (局 厅 委 … 机构 单位), not like an ordinary word (格局, 进行). */
export function isBody(name: string): boolean {
  return BODY_END.test(name) && (!NON_BODY_END.test(name) || placeOffice(name));
}

// "人民银行上海总部" (上海 沪府办发〔2016〕11号 一), "中国人民银行上海总部" (沪府办发〔2026〕10号): a body's office for a place
// (placeOfficeEndings) is a body; "企业总部", "跨国公司地区总部" are not (no place right before the ending).
const PLACE_OFFICE_END = endsWithAny(data.placeOfficeEndings);
function placeOffice(name: string): boolean {
  const end = PLACE_OFFICE_END.exec(name);
  if (!end) return false;
  const head = name.slice(0, end.index);
  for (let i = 2; i <= 4 && i < head.length - 1; i++) {
    const place = head.slice(head.length - i);
    const body = head.slice(0, head.length - i);
    const placed = isPlaceName(place) || isPlaceName(`${place}市`) || isPlaceName(`${place}省`);
    if (placed && BODY_END.test(body) && !NON_BODY_END.test(body)) return true;
  }
  return false;
}

// Parties a policy speaks of (项目承担单位, 申报单位 …: the nonBodyEndings that end in 单位).
const PARTY_END = endsWithAny(data.nonBodyEndings.filter((w: string) => w.endsWith("单位")));

/** "项目承担单位": a party, kept only where the text assigns to it in a bracket or a labelled value (not in prose). */
export function isParty(name: string): boolean {
  return name.length >= 4 && name.length <= 15 && PARTY_END.test(name) && !/[、,，;；。:：()（）]/.test(name);
}

const SELF_GOVERNING_END = endsWithAny(data.selfGoverningEndings);

/** The name ends like a government department (局 厅 委 办 政府 管委会); a 居民委员会 is none. */
export function isDepartment(name: string): boolean {
  return DEPARTMENT_END.test(name) && !NON_BODY_END.test(name) && !SELF_GOVERNING_END.test(name);
}

/** A name in a table's unit cell: a body, or a street, town or party listed with bodies (江宁路街道, 各相关街镇, 各项目实施主体). */
export function isCellName(name: string): boolean {
  return isBody(name) || (CELL_NAME_END.test(name) && !NON_BODY_END.test(name));
}

// Spellings: "财政$" matches only at the end of a name.
interface Spelling {
  text: string;
  endOnly: boolean;
  key: string;
}
const groups = data.groups as AliasGroup[];
const spellings: Spelling[] = groups.flatMap((g) =>
  g.names.map((n) => ({ text: n.replace(/\$$/, ""), endOnly: n.endsWith("$"), key: g.key })),
);
const keyOf = new Map<string, string>(spellings.map((s) => [s.text, s.key]));
const spellingsOf = new Map<string, Spelling[]>();
for (const s of spellings) {
  const list = spellingsOf.get(s.key) ?? [];
  list.push(s);
  spellingsOf.set(s.key, list);
}
const ALIAS_RE = new RegExp(
  [...spellings]
    .sort((a, b) => byLengthDesc(a.text, b.text))
    .map((s) => escape(s.text) + (s.endOnly ? "(?=$)" : ""))
    .join("|"),
  "g",
);

// Lineages: group key -> keys of every stage of every lineage it belongs to.
const lineageKeys = new Map<string, Set<string>>();
for (const l of data.lineages as Lineage[]) {
  const all = l.stages.flatMap((s) => s.groups);
  for (const k of all) {
    const set = lineageKeys.get(k) ?? new Set<string>([k]);
    for (const o of all) set.add(o);
    lineageKeys.set(k, set);
  }
}

/** Every alias spelling in `s` replaced by its group key (发展和改革委员会 → 发改委). */
export function normalizeAliases(s: string): string {
  return s.replace(ALIAS_RE, (m) => keyOf.get(m) ?? m);
}

/**
 * All spellings of a term: each alias in it replaced by every spelling of its group
 * ("市发改委" → 市发改委, 市发展和改革委员会, 市发展改革委 …). With `lineage`, spellings of
 * predecessor and successor bodies too (银监局 → 银保监局, 金融监管局 …). The term comes first.
 */
export function expandAliases(term: string, opts: { lineage?: boolean; limit?: number } = {}): string[] {
  const limit = opts.limit ?? 64;
  const t = term.replace(/\s+/g, "");
  const parts: string[] = [];
  const choices: string[][] = [];
  let last = 0;
  for (const m of t.matchAll(ALIAS_RE)) {
    const key = keyOf.get(m[0]);
    if (key === undefined) continue;
    const atEnd = m.index + m[0].length === t.length;
    const keys = opts.lineage ? [...(lineageKeys.get(key) ?? [key])] : [key];
    const alts = new Set<string>([m[0]]);
    for (const k of keys) for (const s of spellingsOf.get(k) ?? []) if (atEnd || !s.endOnly) alts.add(s.text);
    parts.push(t.slice(last, m.index));
    choices.push([...alts]);
    last = m.index + m[0].length;
  }
  if (choices.length === 0) return [t];
  let out = [parts[0]];
  for (let i = 0; i < choices.length; i++) {
    const next: string[] = [];
    const tail = i + 1 < parts.length ? parts[i + 1] : t.slice(last);
    for (const prefix of out) for (const c of choices[i]) if (next.length < limit) next.push(prefix + c + tail);
    out = next;
  }
  return [...new Set([t, ...out])];
}
