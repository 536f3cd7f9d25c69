// Tokenizer for Chinese policy text, built on nodejieba.
//
// Index side (`tokenize`): the text is normalised (NFKC, lower case) and pre-split into runs: numbers
// and amounts stay whole ("2010", "2.5亿元", "30%"; the bare number is added too), Latin words stay
// whole, and each run of Chinese characters is cut by jieba (precise mode, no HMM). Besides each
// precise token, every dictionary word found inside it is emitted ("风险补偿金" → 风险, 补偿, 补偿金,
// 风险补偿), and so is every dictionary word of three or more characters that straddles two precise
// tokens ("贷款风险|补偿金" → 风险补偿). A query word that is a dictionary word is therefore found
// wherever its characters stand together in a run, whatever way jieba happened to cut the context.
//
// Query side (`queryTokens`): question words are removed, the query is cut in precise mode, and each
// word gets the other spellings of any unit alias in it (发改委 → 发展改革委, 发展和改革委员会 …;
// 银监局 → 银保监局 … through the alias lineages) and of data/synonyms.txt (知产 → 知识产权).
//
// The dictionary: jieba's own, plus data/user-dict.txt, plus every alias spelling of
// extract/data/unit-aliases.json, plus unit names that indexes add from their documents
// (`addWords`). Stop words and question words are data (data/stop-words.txt, data/query-noise.txt).
// Tokens depend only on the text and on the dictionary; the dictionary only grows, and its version
// lets an index notice words added after it tokenized its documents.
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import aliasData from "../../extract/data/unit-aliases.json" with { type: "json" };
import { expandAliases } from "../../extract/fields/unit-aliases.ts";

import { jieba } from "./jieba.ts";

const dataFile = (name: string) => fileURLToPath(new URL(`../data/${name}`, import.meta.url));
const USER_DICT = dataFile("user-dict.txt");

/** Lines of a word-list data file: trimmed, without comments and blank lines. */
function readList(path: string): string[] {
  return readFileSync(path, "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
}

const normalize = (s: string) => s.normalize("NFKC").toLowerCase();

const STOP = new Set(readList(dataFile("stop-words.txt")).map(normalize));
const NOISE = readList(dataFile("query-noise.txt"))
  .map(normalize)
  .sort((a, b) => b.length - a.length);
const NOISE_RE = new RegExp(NOISE.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");

// Synonym groups (data/synonyms.txt): every spelling -> the group's spellings.
const SYNONYM_GROUPS: string[][] = readList(dataFile("synonyms.txt")).map((l) => [...new Set(l.split(/[\s,，、]+/).map(normalize).filter(Boolean))]);
const SYNONYMS = new Map<string, string[]>();
for (const g of SYNONYM_GROUPS) for (const w of g) SYNONYMS.set(w, [...new Set([...(SYNONYMS.get(w) ?? []), ...g])]);
/** Spellings longest first, for replacement inside longer words. */
const SYNONYM_SPELLINGS = [...SYNONYMS.keys()].filter((w) => w.length >= 2).sort((a, b) => b.length - a.length);

// Alias spellings marked "$" match only at the end of a unit name (财政$, 政府$): not words of their own.
const END_ONLY = new Set<string>();
const ALIAS_WORDS: string[] = [];
for (const g of aliasData.groups) {
  for (const n of g.names) {
    if (n.endsWith("$")) END_ONLY.add(normalize(n.slice(0, -1)));
    else ALIAS_WORDS.push(normalize(n));
  }
}

// ---------------------------------------------------------------------------------------------
// Dictionary state

let loaded = false;
const dynamicWords: string[] = []; // in insertion order; the version is its length
const dynamicSet = new Set<string>();
const subwordCache = new Map<string, string[]>();

// Static words get a frequency high enough to beat a cut into frequent single characters (人行, not 人/行),
// low enough not to break common two-word pairs (个人行为 stays 个人/行为).
const STATIC_WORD_FREQ = 2000;

/** jieba's user dictionary: data/user-dict.txt and the alias spellings, with a frequency, written once to a temp file. */
function userDictFile(): string {
  const words = [...new Set([...readList(USER_DICT).map((l) => normalize(l.split(/\s+/)[0])), ...ALIAS_WORDS, ...SYNONYM_GROUPS.flat()])];
  const path = join(tmpdir(), `policy-jieba-user-${TOKENIZER_FINGERPRINT}-${process.pid}.txt`);
  writeFileSync(path, words.map((w) => `${w} ${STATIC_WORD_FREQ} n`).join("\n") + "\n");
  return path;
}

// jieba also loads a word-weight (IDF) list and stop words for its keyword extraction, which is not
// used here (a sixth of its load time): it is given one-line stand-ins instead.
const UNUSED_IDF = "的 1.0\n";
const UNUSED_STOP = "的\n";

/** jieba's three files (user dictionary and the unused stand-ins), written to temp files for a load. */
function dictionaryFiles(): { files: { userDict: string; idfDict: string; stopWordDict: string }; remove: () => void } {
  const path = userDictFile();
  const files = { userDict: path, idfDict: `${path}.idf`, stopWordDict: `${path}.stop` };
  const remove = () => Object.values(files).forEach((f) => rmSync(f, { force: true }));
  try {
    writeFileSync(files.idfDict, UNUSED_IDF);
    writeFileSync(files.stopWordDict, UNUSED_STOP);
  } catch (e) {
    remove();
    throw e;
  }
  return { files, remove };
}

/** Load jieba's dictionary now (about half a second; otherwise the first cut does). */
export function loadDictionary(): void {
  if (loaded) return;
  const { files, remove } = dictionaryFiles();
  try {
    jieba.load(files);
  } finally {
    remove();
  }
  loaded = true;
}

let loading: Promise<void> | null = null;

/**
 * Start loading jieba's dictionary on another thread (the lean addon; else now, as loadDictionary):
 * a service starts it first and does the rest of its start meanwhile. Cuts made before it is built
 * wait for it; words added meanwhile are added once it is. Settles when it is built.
 */
export function loadDictionaryAsync(): Promise<void> {
  if (loaded) return loading ?? Promise.resolve();
  const { files, remove } = dictionaryFiles();
  let done: Promise<void>;
  try {
    done = jieba.loadAsync(files);
  } catch (e) {
    remove();
    throw e;
  }
  loaded = true;
  return (loading = done.finally(remove));
}

const ensureLoaded = loadDictionary;

/** Identifies the static dictionary data and tokenizer rules; a persisted index built under another is stale. */
export const TOKENIZER_FINGERPRINT: string = (() => {
  const h = createHash("sha256");
  h.update("tokenizer-v1\0");
  for (const f of ["user-dict.txt", "stop-words.txt", "query-noise.txt", "synonyms.txt"]) h.update(readFileSync(dataFile(f)));
  h.update(JSON.stringify(aliasData.groups));
  h.update(JSON.stringify(aliasData.lineages));
  return h.digest("hex").slice(0, 16);
})();

/** A word worth adding to the dictionary: two to 40 characters, Chinese (digits and letters allowed inside). */
function isDictionaryWord(w: string): boolean {
  return w.length >= 2 && w.length <= 40 && /[\u3400-\u9fff]/.test(w) && /^[\u3400-\u9fff0-9a-z]+$/.test(w);
}

/**
 * Add words (unit names found in documents) to the dictionary so that they are cut whole.
 * Returns the words that were new. Words already known (static or dynamic) are skipped.
 */
export function addWords(words: Iterable<string>): string[] {
  ensureLoaded();
  const added: string[] = [];
  for (const raw of words) {
    const w = normalize(raw.replace(/\s+/g, ""));
    if (!isDictionaryWord(w) || dynamicSet.has(w)) continue;
    dynamicSet.add(w);
    dynamicWords.push(w);
    jieba.insertWord(w);
    added.push(w);
  }
  if (added.length) subwordCache.clear();
  return added;
}

/** Number of dynamic words added so far in this process (the dictionary version). */
export function dictionaryVersion(): number {
  return dynamicWords.length;
}

/** The dynamic words added after `version` (all of them for 0). */
export function wordsSince(version: number): string[] {
  return dynamicWords.slice(version);
}

// ---------------------------------------------------------------------------------------------
// Pre-splitting

// Order matters: alphanumerics starting with a digit (5g), amounts, plain numbers, Latin words, Chinese runs.
const PIECE_RE =
  /(\d+[a-z][a-z0-9]*)|(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(%|‰|亿元|万元|千元|百元|元|亿|万)?|([a-z][a-z0-9]*)|([\u3400-\u9fff\uf900-\ufaff]+)/g;

interface Piece {
  kind: "word" | "number" | "cjk";
  text: string;
  /** For an amount: the bare number. */
  bare?: string;
}

function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  for (const m of normalize(text).matchAll(PIECE_RE)) {
    if (m[1]) out.push({ kind: "word", text: m[1] });
    else if (m[2]) {
      const num = m[2].replace(/,/g, "");
      out.push(m[3] ? { kind: "number", text: num + m[3], bare: num } : { kind: "number", text: num });
    } else if (m[4]) out.push({ kind: "word", text: m[4] });
    else if (m[5]) out.push({ kind: "cjk", text: m[5] });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Index side

/**
 * All dictionary words of a Chinese run with their start offsets (jieba's full mode).
 * cutAll lists words by start offset; a word is placed at its first occurrence not before the last start.
 */
function fullModeWords(run: string): { word: string; start: number }[] {
  const out: { word: string; start: number }[] = [];
  let last = 0;
  const placed = new Set<string>();
  for (const word of jieba.cutAll(run)) {
    let start = run.indexOf(word, last);
    while (start >= 0 && placed.has(`${start}:${word}`)) start = run.indexOf(word, start + 1);
    if (start < 0) continue;
    placed.add(`${start}:${word}`);
    last = start;
    out.push({ word, start });
  }
  return out;
}

/** Dictionary words strictly inside one word (cached: the same words come back all the time). */
function subwords(word: string): string[] {
  let subs = subwordCache.get(word);
  if (!subs) {
    subs = [...new Set(jieba.cutAll(word))].filter((w) => w.length >= 2 && w !== word && !STOP.has(w));
    if (subwordCache.size > 200_000) subwordCache.clear();
    subwordCache.set(word, subs);
  }
  return subs;
}

function tokenizeRun(run: string, out: string[]): void {
  const precise = jieba.cut(run);
  if (precise.length === 1) {
    const w = precise[0];
    if (!STOP.has(w)) out.push(w);
    if (w.length > 2) out.push(...subwords(w));
    return;
  }
  // Offsets of the precise tokens, to tell words inside a token from words straddling two.
  const ends: number[] = [];
  let pos = 0;
  for (const w of precise) ends.push((pos += w.length));
  const straddling = new Map<number, string[]>(); // token index -> straddling words starting in it
  let k = 0;
  for (const { word, start } of fullModeWords(run)) {
    if (word.length < 3) continue;
    while (k < ends.length && ends[k] <= start) k++;
    if (k >= ends.length) break;
    if (start + word.length > ends[k] && !STOP.has(word)) {
      const list = straddling.get(k) ?? [];
      list.push(word);
      straddling.set(k, list);
    }
  }
  for (let i = 0; i < precise.length; i++) {
    const w = precise[i];
    if (!STOP.has(w)) out.push(w);
    if (w.length > 2) out.push(...subwords(w));
    const s = straddling.get(i);
    if (s) out.push(...s);
  }
}

/**
 * Index tokens of a text, in text order (a token may repeat): precise words, the dictionary words
 * inside them and the longer dictionary words across them, numbers and amounts whole. Stop words dropped.
 */
export function tokenize(text: string): string[] {
  ensureLoaded();
  const out: string[] = [];
  for (const p of pieces(text)) {
    if (p.kind === "cjk") tokenizeRun(p.text, out);
    else {
      if (!STOP.has(p.text)) out.push(p.text);
      if (p.bare) out.push(p.bare);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Query side

/** The query without question words ("风险补偿金谁牵头" → "风险补偿金 "). */
export function stripQuestionWords(q: string): string {
  return NOISE.length ? normalize(q).replace(NOISE_RE, " ") : normalize(q);
}

/** Precise-mode words of a query, stop words dropped, in order, without repeats. */
export function queryWords(q: string): string[] {
  ensureLoaded();
  const words: string[] = [];
  for (const p of pieces(stripQuestionWords(q))) {
    if (p.kind === "cjk") for (const w of jieba.cut(p.text)) words.push(w);
    else words.push(p.text);
  }
  return [...new Set(words.filter((w) => !STOP.has(w)))];
}

/** Other spellings of a word from data/synonyms.txt: the word's group, or the word with a spelling inside it replaced. */
export function dataSynonymsOf(word: string): string[] {
  const w = normalize(word);
  const whole = SYNONYMS.get(w);
  if (whole) return whole.filter((a) => a !== w);
  const out = new Set<string>();
  for (const sp of SYNONYM_SPELLINGS) {
    if (sp.length >= w.length || !w.includes(sp)) continue;
    for (const alt of SYNONYMS.get(sp)!) if (alt !== sp) out.add(w.split(sp).join(alt));
    break; // the longest spelling inside only
  }
  return [...out];
}

/** Other spellings of the unit aliases in a word, through lineages too; bare end-only spellings (财政, 政府) left out; then data/synonyms.txt. */
export function synonymsOf(word: string): string[] {
  const alts = expandAliases(word, { lineage: true }).map(normalize);
  const data = dataSynonymsOf(word).flatMap((a) => [a, ...expandAliases(a, { lineage: true }).map(normalize)]);
  return [...new Set([...alts, ...data])].filter((a) => a !== word && a.length >= 2 && !END_ONLY.has(a));
}

/**
 * Query terms, each with its synonyms: `[["风险补偿金"], ["发改委", "发展和改革委员会", …]]`.
 * A measure matches when, for every term, it holds the term or one of its synonyms as a token.
 * `synonyms: false`: the words alone.
 */
export function queryTokens(q: string, opts: { synonyms?: boolean } = {}): string[][] {
  return queryWords(q).map((w) => (opts.synonyms === false ? [w] : [w, ...synonymsOf(w)]));
}

/** Whether a word is one the tokenizer would keep (not a stop word). */
export function isStopWord(w: string): boolean {
  return STOP.has(normalize(w));
}
