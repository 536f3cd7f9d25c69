// The words a similar measure shares with its query, as shown on each hit (similarity.ts).
import type { Vector } from "./vectors.ts";
import { BOILERPLATE, CJK } from "./words.ts";

/**
 * Shared words, most telling first: the words both vectors hold, and, where the two texts only share
 * character bigrams (风险补偿金 / 风险补偿基金), the longest common run around them (风险补偿).
 */
export function sharedTerms(q: Vector, v: Vector, featureNames: readonly string[], qText: string, hitText: string, max = 8): string[] {
  const dw = new Map<number, number>();
  for (let k = 0; k < v.fids.length; k++) dw.set(v.fids[k], v.weights[k]);
  const words: { term: string; c: number }[] = [];
  const grams: { term: string; c: number }[] = [];
  for (let k = 0; k < q.fids.length; k++) {
    const w = dw.get(q.fids[k]);
    if (w === undefined) continue;
    const name = featureNames[q.fids[k]];
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
    const text = hitText.toLowerCase();
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
