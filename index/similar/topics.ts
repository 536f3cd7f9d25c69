// Topics: the policy terms of the corpus (the curated list, index/data/topic-terms.txt, and frequent noun
// phrases of the measures), each with the places that have a measure on it and the places that do not.
// "A place has a measure on the topic" is decided by one matcher (terms.ts, `measuresOn` here), which the
// comparison tables use too, so the topics page and a comparison of the same term always agree.
// Everything is deterministic: the same corpus gives the same topics, ids and order.
import { createHash } from "node:crypto";
import type { Measure, Region } from "../../extract/schema.ts";
import type { DocRef } from "../schema.ts";
import type { SimilarityIndex } from "./similarity.ts";
import { BOILERPLATE, PLACE_NAMES, substantiveText, textTokens } from "./words.ts";
import { CURATED_TERMS, isGenericPhrase, matchAll, matchText, spellingsOf, type MatchText, type TermGroup, type TermMatch } from "./terms.ts";
import placeData from "../data/places.json" with { type: "json" };
import { anyOf, WORDS } from "./word-data.ts";

// ---------------------------------------------------------------- places

export type PlaceLevel = "national" | "province" | "city" | "county" | "unknown";

export interface Place {
  /** Stable key: `province|city|county`, `national`, or `doc:<document id>` for a document without a region. */
  key: string;
  /** Short name: 平阳县, 绵阳市, 山西省, 国家层面, or a regionless document's short title. */
  name: string;
  /** Full name: 浙江省温州市平阳县 (a document's full title). */
  fullName: string;
  level: PlaceLevel;
  region: Region;
}

const NATIONAL_ISSUER = placeData.nationalIssuers.map((p) => new RegExp(p));
const NATIONAL_NUMBER = placeData.nationalDocNumbers.map((p) => new RegExp(p));

const DOCUMENT_TYPE_END = new RegExp(`的?(${anyOf(WORDS.documentTypes)})$`);

/** 国务院办公厅关于进一步优化营商环境更好服务市场主体的实施意见 → 进一步优化营商环境更好服务市场主体. */
function shortTitle(title: string): string {
  let t = title.replace(/[（(][^）)]*[）)]$/, "").trim();
  const about = t.indexOf("关于");
  if (about >= 0 && about < t.length - 4) t = t.slice(about + 2);
  t = t.replace(DOCUMENT_TYPE_END, "");
  return t.length > 18 ? `${t.slice(0, 17)}…` : t;
}

/**
 * The place a document speaks for: its region's most specific level; 国家层面 for central issuers and
 * for documents without issuer that speak for the whole country (`national`); else the document itself,
 * named by its short title or issuer (`firstHeading` when it names neither).
 */
function placeOf(doc: DocRef, hints: { national?: boolean; firstHeading?: string } = {}): Place {
  const r = doc.region;
  if (r.province || r.city || r.county) {
    const parts = [r.province, r.city, r.county].filter((x, i, a): x is string => !!x && a.indexOf(x) === i);
    const level: PlaceLevel = r.county ? "county" : r.city ? "city" : "province";
    return { key: `${r.province ?? ""}|${r.city ?? ""}|${r.county ?? ""}`, name: r.county ?? r.city ?? r.province!, fullName: parts.join(""), level, region: { ...r } };
  }
  const byIssuer = (doc.issuer && NATIONAL_ISSUER.some((re) => re.test(doc.issuer!))) || (doc.docNumber && NATIONAL_NUMBER.some((re) => re.test(doc.docNumber!)));
  if (byIssuer || (hints.national && !doc.issuer)) {
    return { key: "national", name: placeData.nationalLabel, fullName: placeData.nationalLabel, level: "national", region: { ...r } };
  }
  const name = doc.title ? shortTitle(doc.title) : doc.issuer ?? `${placeData.unknownLabel}：${(hints.firstHeading ?? doc.docNumber ?? doc.id.slice(0, 8)).slice(0, 16)}`;
  return { key: `doc:${doc.id}`, name, fullName: doc.title ?? name, level: "unknown", region: { ...r } };
}

const placeCache = new WeakMap<SimilarityIndex, Map<string, Place>>();

/** The place of every document of an index (regionless documents judged by their measures' words). */
export function placeMap(index: SimilarityIndex): Map<string, Place> {
  let out = placeCache.get(index);
  if (out) return out;
  const byDoc = new Map<string, { doc: DocRef; measures: Measure[] }>();
  for (const e of index.allEntries()) {
    const d = byDoc.get(e.doc.id) ?? { doc: e.doc, measures: [] };
    d.measures.push(e.measure);
    byDoc.set(e.doc.id, d);
  }
  out = new Map();
  for (const [id, { doc, measures }] of byDoc) {
    const text = measures.map((m) => `${m.title ?? ""}${m.text}`).join("\n");
    const cues = (list: string[]) => list.reduce((n, w) => n + text.split(w).length - 1, 0);
    const national = cues(placeData.nationalTextCues) >= placeData.nationalTextMin && cues(placeData.provincialTextCues) === 0;
    const firstHeading = measures.find((m) => m.title)?.title ?? undefined;
    out.set(id, placeOf(doc, { national, firstHeading }));
  }
  placeCache.set(index, out);
  return out;
}

/** The distinct places of an index, national first, then provinces, cities, counties, documents. */
export function placesOf(index: SimilarityIndex): Place[] {
  const out = new Map<string, Place>();
  for (const p of placeMap(index).values()) if (!out.has(p.key)) out.set(p.key, p);
  return [...out.values()].sort(comparePlaces);
}

export function comparePlaces(a: Place, b: Place): number {
  const rank: Record<PlaceLevel, number> = { national: 0, province: 1, city: 2, county: 3, unknown: 4 };
  return rank[a.level] - rank[b.level] || (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0);
}

// ---------------------------------------------------------------- the matcher

export interface OnTopic {
  position: number;
  measure: Measure;
  document: DocRef;
  place: Place;
  match: TermMatch;
  /** How much the measure is about the term: title mention 1, plus its mentions per DENSITY_SPAN characters (at most 1). */
  score: number;
}

/** A measure naming the term once in this many characters is wholly about it. */
const DENSITY_SPAN = 100;

const textCache = new WeakMap<SimilarityIndex, MatchText[]>();

function matchTexts(index: SimilarityIndex): MatchText[] {
  let out = textCache.get(index);
  if (!out) {
    out = index.allEntries().map((e) => matchText(e.measure));
    textCache.set(index, out);
  }
  return out;
}

/** Every measure on the subject (on each of its term groups), best first. The one matcher of topics and comparisons. */
export function measuresOn(index: SimilarityIndex, groups: readonly TermGroup[]): OnTopic[] {
  const texts = matchTexts(index);
  const places = placeMap(index);
  const out: OnTopic[] = [];
  index.allEntries().forEach((e, i) => {
    const match = matchAll(texts[i], groups);
    if (!match) return;
    const score = round((match.inTitle ? 1 : 0) + Math.min(1, (match.mentions * DENSITY_SPAN) / Math.max(1, texts[i].text.length)));
    out.push({ position: i, measure: e.measure, document: e.doc, place: places.get(e.doc.id)!, match, score });
  });
  return out.sort((a, b) => b.score - a.score || a.position - b.position);
}

// ---------------------------------------------------------------- topics

export interface TopicMeasure {
  measure: Measure;
  document: DocRef;
  place: Place;
  /** How much the measure is about the topic (see OnTopic.score). */
  score: number;
}

export interface TopicPlace {
  place: Place;
  /** Ids of the place's measures on the topic, best first. */
  measureIds: string[];
}

export interface Topic {
  /** Stable id: hash of the name. */
  id: string;
  /** The policy term: 风险补偿, 科技支行, 不良贷款容忍度 … */
  name: string;
  /** From the curated list (else a frequent noun phrase of the measures). */
  curated: boolean;
  /** The spellings found in the corpus, most used first. */
  terms: string[];
  /** The term groups a measure must name (what `measuresOn` is given). */
  groups: TermGroup[];
  measures: TopicMeasure[];
  /** Places with a measure on the topic, with most measures first. */
  places: TopicPlace[];
  /** Places of the corpus without a measure on the topic. */
  missingPlaces: Place[];
}

export interface TopicOptions {
  /** A curated topic needs measures from this many documents (default 2). */
  minDocuments: number;
  /** A noun-phrase topic needs measures from this many places (default 3). */
  minPhrasePlaces: number;
  /** A noun phrase in more than this share of measures is too general (default 0.08). */
  maxPhraseShare: number;
  /** Noun-phrase topics at most (default 30). */
  maxPhraseTopics: number;
}

const DEFAULT_TOPIC_OPTIONS: TopicOptions = { minDocuments: 2, minPhrasePlaces: 3, maxPhraseShare: 0.08, maxPhraseTopics: 30 };

/** The corpus's topics: curated terms on which measures of enough documents stand, then frequent noun phrases. */
export function buildTopics(index: SimilarityIndex, options: Partial<TopicOptions> = {}): Topic[] {
  const opts = { ...DEFAULT_TOPIC_OPTIONS, ...options };
  if (index.size === 0) return [];
  const allPlaces = placesOf(index);
  const topics: Topic[] = [];
  for (const g of CURATED_TERMS) {
    const t = topicOf(g, [g], measuresOn(index, [g]), allPlaces);
    if (new Set(t.measures.map((m) => m.document.id)).size >= opts.minDocuments) topics.push(t);
  }
  const taken = CURATED_TERMS.flatMap((g) => g.spellings);
  for (const phrase of nounPhrases(index, taken, opts)) {
    const g: TermGroup = { name: phrase, spellings: spellingsOf(phrase), curated: false };
    const t = topicOf(g, [g], measuresOn(index, [g]), allPlaces);
    if (t.places.length >= opts.minPhrasePlaces) topics.push(t);
  }
  const order = new Map(topics.map((t, i) => [t.id, i]));
  return topics.sort((a, b) => b.places.length - a.places.length || b.measures.length - a.measures.length || order.get(a.id)! - order.get(b.id)!);
}

function topicOf(g: TermGroup, groups: TermGroup[], on: OnTopic[], allPlaces: Place[]): Topic {
  const used = new Map<string, number>();
  for (const o of on) for (const f of o.match.found) used.set(f, (used.get(f) ?? 0) + 1);
  const terms = [...used.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
  const measures: TopicMeasure[] = on.map((o) => ({ measure: o.measure, document: o.document, place: o.place, score: o.score }));
  const byPlace = new Map<string, TopicPlace>();
  for (const m of measures) {
    const tp = byPlace.get(m.place.key) ?? { place: m.place, measureIds: [] };
    tp.measureIds.push(m.measure.id);
    byPlace.set(m.place.key, tp);
  }
  const places = [...byPlace.values()].sort((a, b) => b.measureIds.length - a.measureIds.length || comparePlaces(a.place, b.place));
  const missingPlaces = allPlaces.filter((p) => !byPlace.has(p.key));
  const id = "t" + createHash("sha256").update(g.name).digest("hex").slice(0, 10);
  return { id, name: g.name, curated: g.curated, terms, groups, measures, places, missingPlaces };
}

/** A topic by id, or null. */
export function topicById(topics: Topic[], id: string): Topic | null {
  return topics.find((t) => t.id === id) ?? null;
}

// ---------------------------------------------------------------- noun phrases

import { jieba } from "../search/jieba.ts";

/** Tags of nouns (jieba's ICTCLAS set): common, other proper, abbreviations, verbal nouns. */
const NOUN = new Set(["n", "nz", "j", "vn"]);
const HEAD = new Set(["n", "nz", "j"]);
const CJK_ONLY = /^[\u3400-\u9fff]+$/;

/** Noun phrases of the measures (maximal runs of nouns), by the number of places using them. */
function nounPhrases(index: SimilarityIndex, taken: string[], opts: TopicOptions): string[] {
  textTokens("科技"); // the tokenizer loads the project dictionary into jieba on first use
  const places = placeMap(index);
  const where = new Map<string, { places: Set<string>; measures: number }>();
  for (const e of index.allEntries()) {
    const text = substantiveText(`${e.measure.title ?? ""}。${e.measure.text}`).replace(/\s+/g, "");
    const seen = new Set<string>();
    const tags = jieba.tag(text);
    // maximal runs of nouns: 2–4 words, 4–8 characters, ending in a real noun
    for (let i = 0; i < tags.length; ) {
      let k = i;
      while (k < tags.length && NOUN.has(tags[k].tag)) k++;
      const run = tags.slice(i, k);
      const phrase = run.map((t) => t.word).join("");
      if (run.length >= 2 && run.length <= 4 && phrase.length >= 4 && phrase.length <= 8 && HEAD.has(run[run.length - 1].tag) && CJK_ONLY.test(phrase)) seen.add(phrase);
      i = k === i ? i + 1 : k;
    }
    for (const p of seen) {
      const w = where.get(p) ?? { places: new Set<string>(), measures: 0 };
      w.places.add(places.get(e.doc.id)!.key);
      w.measures++;
      where.set(p, w);
    }
  }
  const maxMeasures = Math.max(3, index.size * opts.maxPhraseShare);
  const fine = (p: string) =>
    !isGenericPhrase(p) &&
    !BOILERPLATE.has(p) &&
    !namesPlace(p) &&
    !taken.some((t) => t.includes(p) || p.includes(t));
  const ranked = [...where.entries()]
    .filter(([p, w]) => w.places.size >= opts.minPhrasePlaces && w.measures <= maxMeasures)
    .sort((a, b) => b[1].places.size - a[1].places.size || b[1].measures - a[1].measures || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1));
  const out: string[] = [];
  for (const [p] of ranked) {
    if (!fine(p) || out.some((o) => o.includes(p) || p.includes(o))) continue;
    out.push(p);
    if (out.length >= opts.maxPhraseTopics) break;
  }
  return out;
}

/** Whether a phrase holds a place name (any stretch of two or more characters). */
function namesPlace(p: string): boolean {
  for (let i = 0; i < p.length; i++) for (let j = i + 2; j <= p.length; j++) if (PLACE_NAMES.has(p.slice(i, j))) return true;
  return false;
}

const round = (x: number) => Math.round(x * 10000) / 10000;
