// Where a term stands among the words of a text. Chinese compounds are right-headed: a term that opens a
// longer word (or stands inside it) only modifies that word's head (创业 in 创业投资, venture capital; 试点
// in 试点经验; 人才 in 人才中介), while a term that is the whole word, its head (评估 in 跟踪评估) or a run of
// whole words (科技成果转化) names what the text is about. The words are jieba's precise cut with the
// tokenizer's dictionary (not the dictionary words the tokenizer also lists inside them).
import { jieba } from "../search/jieba.ts";
import { dictionaryVersion, tokenize } from "../search/tokenizer.ts";

export interface WordSpan {
  start: number;
  end: number;
}

/** How a stretch of text stands to its words: a word or run of words, a word's head, or a modifier inside one. */
export type TermPlace = "word" | "head" | "modifier" | "straddle";

const HAN_RUN = /[\u3400-\u9fff]+/g;
const CACHE_LIMIT = 100_000;
const cache = new Map<string, WordSpan[]>();
let cachedVersion = -1;

/** The precise words of the runs of Chinese characters of a normalised text (NFKC, lower case), in order. */
export function preciseWords(t: string): WordSpan[] {
  tokenize(""); // loads the dictionary
  if (dictionaryVersion() !== cachedVersion) {
    cache.clear();
    cachedVersion = dictionaryVersion();
  }
  let out = cache.get(t);
  if (out) return out;
  out = [];
  for (const m of t.matchAll(HAN_RUN)) {
    let at = m.index ?? 0;
    for (const w of jieba.cut(m[0])) {
      out.push({ start: at, end: at + w.length });
      at += w.length;
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(t, out);
  return out;
}

/** How the stretch [start, end) of a text stands to its precise words (`spans`, in order). */
export function termPlace(spans: readonly WordSpan[], start: number, end: number): TermPlace {
  const w = spans.find((s) => s.start <= start && start < s.end);
  if (!w || (w.start === start && w.end === end)) return "word";
  if (end <= w.end) return end === w.end ? "head" : "modifier";
  return w.start === start ? "word" : "straddle";
}
