// Query understanding: what a query says besides its words. Place names standing as words of their own
// become region filters (担保 绵阳 → city 绵阳市); a unit named with its place (绵阳市财政局) becomes a
// unit filter (the measures naming it, in any role), a place before a body the index does not know
// as a unit (绵阳科技支行) a region filter;
// a 文号 in any bracket form finds its document. Each thing done is reported with the query string that
// undoes it (the same query with a switch such as noRegion=1). Synonyms and the shortening of long
// pasted texts are reported by search.ts, which knows the index's terms.
import { isBody } from "../../extract/fields/unit-aliases.ts";
import { NATIONAL_LABEL, type DocRef, type SearchQuery, type Understood } from "../schema.ts";
import { placeKey } from "./match-keys.ts";

import { jieba } from "./jieba.ts";

export type PlaceLevel = 0 | 1 | 2;
const LEVEL_PARAM = ["province", "city", "county"] as const;
const LEVEL_NAME = ["省", "市", "县/区"];

/** A place the index has documents of: its name as documents give it, and its level. */
export interface PlaceEntry {
  name: string;
  level: PlaceLevel;
}

/** What understanding needs of the index. */
export interface QueryContext {
  /** Places by placeKey (绵阳 → 绵阳市 at city level); pseudo-places left out. */
  placesByKey(): Map<string, PlaceEntry[]>;
  /** Whether two places of different levels hold documents together (绵阳市 lies in 四川省). */
  placesNest(a: PlaceEntry, b: PlaceEntry): boolean;
  /** The document with this 文号 key (docNumberKey). */
  documentByNumber(key: string): DocRef | null;
  /** Measures naming a unit of this name (any alias, any role). */
  unitMeasureCount(name: string): number;
  /** Time spent per phase of understanding, added up across searches (for bench/search.ts). */
  phases?: QueryPhases;
}

/** Milliseconds spent in each phase of query understanding (added up until reset). */
export interface QueryPhases {
  /** understand(): 文号, units and places. */
  understandMs: number;
  /** Synonyms and the shortening of long texts (query-index.ts queryGroups). */
  groupsMs: number;
  /** Did-you-mean suggestions for queries with no results (query-index.ts suggest). */
  suggestMs: number;
}

export interface Understanding {
  /** The query to run: text without the parts turned into filters, the filters added. */
  query: SearchQuery;
  understood: Understood[];
}

const on = (v: string | undefined) => v === "1" || v === "true";

/** Whether understanding of a kind is switched off (literal=1 switches off all of them). */
export function switchedOff(q: SearchQuery, sw: "noRegion" | "noSynonym" | "noDocNumber" | "noShorten" | "noUnit"): boolean {
  return on(q.literal) || on(q[sw]);
}

/** The query string of a query (values left at their defaults omitted, the page reset), with `extra` set. */
export function queryString(q: SearchQuery, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, ...extra })) {
    // Internal fields (a document set of the validity filter) are not parameters.
    if (v === undefined || v === null || v === "" || typeof v === "object" || k === "offset") continue;
    if (k === "limit" && v === 20) continue;
    p.set(k, String(v));
  }
  return p.toString();
}

// ---------------------------------------------------------------------------------------------
// 文号

const OPEN = "〔［\\[（(【｛{﹝〖";
const CLOSE = "〕］\\]）)】｝}﹞〗";
const DOC_NUMBER_RE = new RegExp(`([\\u4e00-\\u9fffA-Za-z]{1,16})[${OPEN}](\\d{4})[${CLOSE}]第?0*(\\d{1,5})号`, "g");

/** The comparable form of a 文号: no white space, brackets as 〔〕, no leading zeros (国发[2019]06号 → 国发〔2019〕6号). */
export function docNumberKey(n: string): string {
  const s = n.normalize("NFKC").replace(/\s+/g, "");
  DOC_NUMBER_RE.lastIndex = 0;
  const m = DOC_NUMBER_RE.exec(s);
  return m ? `${m[1]}〔${m[2]}〕${m[3]}号` : s;
}

/** The 文号 written in a text (any bracket form, white space ignored): its comparable form and its parts. */
export function docNumbersIn(s: string): { key: string; code: string; year: number; no: number }[] {
  const compact = s.normalize("NFKC").replace(/\s+/g, "");
  DOC_NUMBER_RE.lastIndex = 0;
  return [...compact.matchAll(DOC_NUMBER_RE)].map((m) => ({ key: `${m[1]}〔${m[2]}〕${m[3]}号`, code: m[1], year: Number(m[2]), no: Number(m[3]) }));
}

/** 文号 in a query: the matched text (as written) and its document; the issuer part is tried from its longest. */
function findDocNumber(q: string, ctx: QueryContext): { text: string; doc: DocRef } | null {
  const s = q.normalize("NFKC");
  const compact = s.replace(/\s+/g, "");
  DOC_NUMBER_RE.lastIndex = 0;
  for (const m of compact.matchAll(DOC_NUMBER_RE)) {
    for (let i = 0; i < m[1].length; i++) {
      const prefix = m[1].slice(i);
      const doc = ctx.documentByNumber(`${prefix}〔${m[2]}〕${m[3]}号`);
      if (!doc) continue;
      // The text as written (white space allowed between its characters).
      const raw = m[0].slice(i);
      const re = new RegExp([...raw].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s*"));
      return { text: re.exec(s)?.[0] ?? raw, doc };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Places

const SUFFIX_CHARS = new Set(["省", "市", "县", "区", "州"]);

interface PlaceHit {
  start: number;
  end: number;
  place: PlaceEntry;
}

/**
 * Places standing as words of their own in a chunk (no white space inside), chains of them together;
 * and the unit names that start with a chain (绵阳市财政局: a place followed by a body), as [start, end).
 */
function placesIn(
  chunk: string, byKey: Map<string, PlaceEntry[]>, { maxKey, firsts }: { maxKey: number; firsts: Set<string> }, cut: (s: string) => string[],
  units: [number, number][] = [], isUnit: (name: string) => boolean = () => true,
): PlaceHit[][] {
  const cuts = new Set<number>([0]);
  let pos = 0;
  const words = cut(chunk);
  for (const w of words) cuts.add((pos += w.length));
  const chains: PlaceHit[][] = [];
  let chain: PlaceHit[] = [];
  let i = 0;
  while (i < chunk.length) {
    let hit: PlaceHit | null = null;
    // Only where a place key can start (keys keep their first character).
    if ((cuts.has(i) || chain.length) && firsts.has(chunk[i])) {
      for (let len = Math.min(maxKey + 8, chunk.length - i); len >= 2 && !hit; len--) {
        const text = chunk.slice(i, i + len);
        const entries = byKey.get(placeKey(text));
        if (!entries) continue;
        let end = i + len;
        if (end < chunk.length && SUFFIX_CHARS.has(chunk[end]) && placeKey(text) === text && !cuts.has(end)) end++;
        // A word of its own: ends where jieba cut, or where a suffix or another place follows.
        if (!cuts.has(end) && end < chunk.length) continue;
        // The highest level of that name (a city named like its province, 上海市, is the province).
        const place = [...entries].sort((a, b) => a.level - b.level)[0];
        hit = { start: i, end, place };
      }
    }
    if (hit) {
      chain.push(hit);
      i = hit.end;
      continue;
    }
    if (chain.length) {
      // What follows a chain of places: a body (财政局, 中心支行) makes them part of a unit name.
      const rest = chunk.slice(i);
      const next = cut(rest)[0] ?? "";
      const unitEnd = isBody(rest) ? chunk.length : isBody(next) ? i + next.length : -1;
      if (unitEnd < 0 || !isUnit(chunk.slice(chain[0].start, unitEnd))) chains.push(chain);
      else units.push([chain[0].start, unitEnd]);
      chain = [];
    }
    i++;
  }
  if (chain.length) chains.push(chain);
  return chains;
}

const factsCache = new WeakMap<Map<string, PlaceEntry[]>, { maxKey: number; firsts: Set<string> }>();

/** The longest place key and the characters place keys start with (per places map). */
function keyFacts(byKey: Map<string, PlaceEntry[]>): { maxKey: number; firsts: Set<string> } {
  let f = factsCache.get(byKey);
  if (!f) {
    f = { maxKey: 0, firsts: new Set() };
    for (const k of byKey.keys()) {
      f.maxKey = Math.max(f.maxKey, k.length);
      f.firsts.add(k[0]);
    }
    factsCache.set(byKey, f);
  }
  return f;
}

/**
 * Understand a query: region filters from place names, the document of a 文号. The first chain of
 * places standing alone is used (its most specific place), and only on levels the query leaves free.
 */
export function understand(q: SearchQuery, ctx: QueryContext): Understanding {
  const t0 = performance.now();
  try {
    return understandQuery(q, ctx);
  } finally {
    if (ctx.phases) ctx.phases.understandMs += performance.now() - t0;
  }
}

/** A query longer than this (characters) is a pasted text: searched by its most distinctive terms (query-index.ts). */
export const LONG_CHARS = 120;
/** A word typed beside a pasted text (绵阳 <paragraph>): a chunk of at most this many characters at either end. */
const BESIDE_CHARS = 10;

/**
 * What of a query is read for places, units and 文号: all of a short query; of a pasted text only a word typed
 * before or after it (上海 〈段落〉), never a place, unit or 文号 the text itself holds (适用范围：上海自贸试验区, or its
 * first words: "攀枝花市 人民政府办公室关于印发…" as a PDF copies a headline).
 */
function readable(text: string): string {
  if (text.length <= LONG_CHARS) return text;
  return [typedBeside(text, true), typedBeside(text, false)].filter(Boolean).join(" ");
}

// A short chunk at either end of a text, set apart by spaces on its line (a line break belongs to the paste).
const FIRST_CHUNK = /^\s*(\S+)[ \t\u00a0\u3000]+(?=\S)/;
const LAST_CHUNK = /(?<=\S)[ \t\u00a0\u3000]+(\S+)\s*$/;
// Spaces between two characters inside the paste: it was copied with spaces of its own (a PDF), so its end chunks are its own.
const INNER_SPACE = /\S[ \t\u00a0\u3000]+\S/;
const PUNCT = /[，。；：、！？,.;:!?（）()《》“”"【】〔〕]/;

/**
 * The word a person typed beside a pasted text, or "": a chunk of at most BESIDE_CHARS characters without punctuation,
 * on the paste's first (or last) line, the paste holding no spaces of its own; a first chunk the paste's words continue
 * as a body's name (攀枝花市 人民政府办公室…) is the paste's headline, and a last chunk naming a body its signature.
 */
function typedBeside(text: string, first: boolean): string {
  const m = (first ? FIRST_CHUNK : LAST_CHUNK).exec(text);
  if (!m) return "";
  const word = m[1];
  const paste = first ? text.slice(m.index + m[0].length) : text.slice(0, m.index);
  if (word.length > BESIDE_CHARS || PUNCT.test(word) || INNER_SPACE.test(paste.trim())) return "";
  if (first) {
    const words = jieba.cut(paste.slice(0, 20));
    if ([1, 2, 3].some((n) => n <= words.length && isBody(words.slice(0, n).join("")))) return "";
  } else if (isBody(word)) return "";
  return word;
}

/** One place choice of a query: a place and the places it lies in, by level (绵阳市 in 四川省: { province, city }). */
export type PlaceChoice = Partial<Record<(typeof LEVEL_PARAM)[number], string>>;
/** The query as understood: places that do not nest (绵阳 平阳) are choices, any of which a measure may lie in. */
export type UnderstoodQuery = SearchQuery & { anyPlace?: PlaceChoice[] };

/** The most specific place of a choice (its deepest level). */
const choiceName = (c: PlaceChoice): string => (c.county ?? c.city ?? c.province)!;

/**
 * Places standing as words of their own: they narrow together when they nest (四川 绵阳 担保: 绵阳市 in 四川省); places
 * that do not nest (绵阳 平阳, 山东 绵阳, 绵阳 攀枝花) are choices, the measures of any of them (a union). A place written
 * in noPlace stays text; a place on a level the query sets itself is left as text too.
 */
function readPlaces(
  text: string, q: SearchQuery, ctx: QueryContext,
  { byKey, facts, cut, mayHold }: { byKey: Map<string, PlaceEntry[]>; facts: { maxKey: number; firsts: Set<string> }; cut: (s: string) => string[]; mayHold: (s: string) => boolean },
): { steps: { written: string; place: PlaceEntry; choice: number }[]; choices: PlaceChoice[]; kept: string[] } {
  const kept = (q.noPlace ?? "").split(/[,，]/).map((s) => s.trim()).filter(Boolean);
  const groups: PlaceEntry[][] = [];
  const steps: { written: string; place: PlaceEntry; choice: number }[] = [];
  // "国家层面 担保": the region facet's entry for documents of the central level, written as the page shows it; a choice of its own.
  const words = text.split(/[\s,，、;；。:：]+/);
  if (words.includes(NATIONAL_LABEL) && !kept.includes(NATIONAL_LABEL) && q.province === undefined && q.city === undefined && q.county === undefined) {
    const place: PlaceEntry = { name: NATIONAL_LABEL, level: 0 };
    steps.push({ written: NATIONAL_LABEL, place, choice: groups.push([place]) - 1 });
  }
  for (const chunk of words.filter(mayHold)) {
    // A place followed by a body stays text when the index has that unit (绵阳市财政局), not when it does not (绵阳科技支行).
    for (const chain of placesIn(chunk, byKey, facts, cut, [], (name) => ctx.unitMeasureCount(name) > 0)) {
      const written = chunk.slice(chain[0].start, chain[chain.length - 1].end);
      if (kept.includes(written) || chain.some((h) => q[LEVEL_PARAM[h.place.level]] !== undefined)) continue;
      const deepest = chain.reduce((a, b) => (b.place.level > a.place.level ? b : a));
      // The same place again, or one nesting with every place of a choice, joins it.
      let choice = groups.findIndex((g) => g.some((r) => r.name === deepest.place.name) || chain.every((h) => g.every((r) => ctx.placesNest(r, h.place))));
      if (choice < 0) choice = groups.push([]) - 1;
      if (!groups[choice].some((r) => r.name === deepest.place.name)) groups[choice].push(deepest.place);
      steps.push({ written, place: deepest.place, choice });
    }
  }
  // A broader place read into one choice holds the other choices lying in it too (山东 济南 青岛: 山东省 with each city).
  const broader = groups.map((g) => g.filter((p) => g.some((r) => r.level > p.level)));
  groups.forEach((g, i) => {
    for (const [j, wide] of broader.entries())
      for (const p of wide)
        if (j !== i && !g.some((r) => r.level <= p.level) && g.every((r) => ctx.placesNest(p, r))) g.push(p);
  });
  const choices = groups.map((g) => Object.fromEntries(g.map((p) => [LEVEL_PARAM[p.level], p.name])) as PlaceChoice);
  return { steps, choices, kept };
}

function understandQuery(q: SearchQuery, ctx: QueryContext): Understanding {
  const understood: Understood[] = [];
  let text = q.q.normalize("NFKC");
  const out: SearchQuery = { ...q };
  if (!switchedOff(q, "noDocNumber") && q.doc === undefined) {
    const found = findDocNumber(readable(text), ctx);
    if (found) {
      out.doc = found.doc.id;
      text = text.replace(found.text, " ");
      understood.push({
        kind: "docNumber",
        text: found.text,
        label: `按文号：${found.doc.docNumber ?? found.text}（${found.doc.title ?? "无标题"}）`,
        value: { doc: found.doc.id, docNumber: found.doc.docNumber, title: found.doc.title },
        undo: queryString(q, { noDocNumber: "1" }),
      });
    }
  }
  const byKey = ctx.placesByKey();
  const facts = keyFacts(byKey);
  const { firsts } = facts;
  // Only chunks with a character that can start a place are cut (most queries have none); each chunk
  // once for both passes (units, then places).
  const mayHold = (chunk: string) => [...chunk].some((c) => firsts.has(c));
  const cuts = new Map<string, string[]>();
  const cut = (s: string) => {
    let words = cuts.get(s);
    if (!words) cuts.set(s, (words = jieba.cut(s)));
    return words;
  };
  if (!switchedOff(q, "noUnit") && q.unit === undefined && text.trim()) {
    // A unit named with its place (绵阳市财政局): the measures naming it, in any role.
    outer: for (const chunk of readable(text).split(/[\s,，、;；。:：]+/).filter(mayHold)) {
      const units: [number, number][] = [];
      placesIn(chunk, byKey, facts, cut, units);
      // The whole chunk first (人行绵阳市中心支行), then from the place on.
      for (const [a, b] of units.flatMap(([a, b]): [number, number][] => (a > 0 ? [[0, b], [a, b]] : [[a, b]]))) {
        const name = chunk.slice(a, b);
        const n = ctx.unitMeasureCount(name);
        if (!n) continue;
        out.unit = name;
        text = text.replace(name, " ");
        understood.push({
          kind: "unit",
          text: name,
          label: `按单位：${name}（${n} 条措施）`,
          value: { unit: name },
          undo: queryString(q, { noUnit: "1" }),
        });
        break outer;
      }
    }
  }
  if (!switchedOff(q, "noRegion") && text.trim()) {
    const { steps, choices, kept } = readPlaces(readable(text), q, ctx, { byKey, facts, cut, mayHold });
    const single = choices.length === 1;
    if (single) Object.assign(out, choices[0]);
    else if (choices.length > 1) (out as UnderstoodQuery).anyPlace = choices;
    const names = choices.map(choiceName);
    for (const s of steps) {
      text = text.replace(s.written, " ");
      const param = LEVEL_PARAM[s.place.level];
      const others = names.filter((_, i) => !choices[i][param] || choices[i][param] !== s.place.name);
      understood.push({
        kind: "region",
        text: s.written,
        label: `按地区：${s.place.name}${others.length ? `（或${others.join("、")}，任一地区的措施）` : ""}`,
        value: { [param]: s.place.name, level: LEVEL_NAME[s.place.level], ...(single ? {} : { anyOf: names }) },
        // One of several places undone alone (the others still read); the only one by the switch.
        undo: steps.length > 1 ? queryString(q, { noPlace: [...kept, s.written].join(",") }) : queryString(q, { noRegion: "1" }),
      });
    }
  }
  out.q = understood.length ? text.replace(/\s+/g, " ").trim() : q.q;
  return { query: out, understood };
}
