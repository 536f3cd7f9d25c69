// jieba, as nodejieba's JavaScript API (load, cut, cutAll, tag, insertWord), over one of two addons:
// index/native/jieba (cppjieba from nodejieba's own copy, built by `npm install`, without the TextRank
// extractor that nodejieba's load builds with a second copy of the dictionary: about half the load
// time, about 110 MB less per thread), or nodejieba itself where that was not built or POLICY_NATIVE=0.
// Same code, same cuts. Every module of a thread uses this one instance (its dictionary, its words).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

type NodeJieba = typeof import("nodejieba");

/** The calls the addons share: load(dict, hmm, userDict, idf, stopWords) and the cuts. */
interface Binding {
  load(dict: string, hmm: string, userDict: string, idf: string, stopWords: string): boolean;
  cut(sentence: string, hmm?: boolean): string[];
  cutAll(sentence: string): string[];
  tag(sentence: string): { word: string; tag: string }[];
  insertWord(word: string, tag?: string): boolean;
  /** The lean addon's: built on another thread; cuts made meanwhile wait, words added meanwhile are queued. */
  loadAsync?(dict: string, hmm: string, userDict: string, idf: string, stopWords: string): Promise<boolean>;
}

const require = createRequire(import.meta.url);
const nodejieba = require("nodejieba") as NodeJieba;
const defaults = nodejieba as unknown as Record<"DEFAULT_DICT" | "DEFAULT_HMM_DICT" | "DEFAULT_USER_DICT" | "DEFAULT_IDF_DICT" | "DEFAULT_STOP_WORD_DICT", string>;

/** Where `npm install` puts the lean addon. */
export const LEAN_JIEBA_PATH = fileURLToPath(new URL("../native/jieba/build/Release/jieba.node", import.meta.url));

function leanBinding(): Binding | null {
  if (process.env.POLICY_NATIVE === "0" || !existsSync(LEAN_JIEBA_PATH)) return null;
  try {
    const b = require(LEAN_JIEBA_PATH) as Partial<Binding>;
    return (["load", "cut", "cutAll", "tag", "insertWord"] as const).every((k) => typeof b[k] === "function") ? (b as Binding) : null;
  } catch {
    return null; // built for another node: nodejieba's own
  }
}

const lean = leanBinding();
let loaded = false;

/** Which addon this thread uses. */
export const jiebaAddon: "lean" | "nodejieba" = lean ? "lean" : "nodejieba";

export interface LoadOptions {
  userDict?: string;
  idfDict?: string;
  stopWordDict?: string;
}

/** The five files of a load, nodejieba's defaults where not given: dictionary, HMM model, user dictionary, IDF, stop words. */
function files(o: LoadOptions): [string, string, string, string, string] {
  const d = defaults;
  return [d.DEFAULT_DICT, d.DEFAULT_HMM_DICT, o.userDict ?? d.DEFAULT_USER_DICT, o.idfDict ?? d.DEFAULT_IDF_DICT, o.stopWordDict ?? d.DEFAULT_STOP_WORD_DICT];
}

/** Load the dictionaries (nodejieba's defaults where not given); the cuts load the defaults if not done before. */
function load(o: LoadOptions = {}): void {
  if (!lean) {
    nodejieba.load(o);
  } else {
    lean.load(...files(o));
  }
  loaded = true;
}

/**
 * Load as load() does, on another thread where the lean addon can: the promise settles once the
 * dictionary is built (until then the files must stay); cuts made before wait for it.
 */
function loadAsync(o: LoadOptions = {}): Promise<void> {
  if (!lean?.loadAsync) {
    load(o);
    return Promise.resolve();
  }
  const done = lean.loadAsync(...files(o));
  loaded = true;
  return done.then(() => undefined);
}

function binding(): Binding {
  if (!lean) return nodejieba as unknown as Binding; // loads its defaults itself when needed
  if (!loaded) load();
  return lean;
}

export const jieba = {
  load,
  loadAsync,
  cut: (sentence: string, hmm = false): string[] => binding().cut(sentence, hmm),
  cutAll: (sentence: string): string[] => binding().cutAll(sentence),
  tag: (sentence: string): { word: string; tag: string }[] => binding().tag(sentence),
  insertWord: (word: string, tag?: string): boolean => (tag === undefined ? binding().insertWord(word) : binding().insertWord(word, tag)),
};
