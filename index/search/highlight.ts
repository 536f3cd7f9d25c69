// Highlighting for unsegmented Chinese: HTML-escape the text and wrap every occurrence of the
// matched terms in <mark>…</mark>. Terms are found as substrings (after the same NFKC and lower-case
// folding the tokenizer applies), so it works without white space between words.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

const ESCAPE_RE = /[&<>"']/g;
const NEEDS_ESCAPE = /[&<>"']/;

export function escapeHtml(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(ESCAPE_RE, (c) => ESCAPES[c]) : s;
}

const FOLD_RE = /[A-Z\uFF01-\uFF5E\u3000]/g;
const NEEDS_FOLD = /[A-Z\uFF01-\uFF5E\u3000]/;
const foldChar = (c: string) => {
  const code = c.charCodeAt(0);
  if (code === 0x3000) return " ";
  if (code >= 0xff01) return String.fromCharCode(code - 0xfee0).toLowerCase();
  return c.toLowerCase();
};

/**
 * Fold the way the tokenizer does for what terms can hold (full-width ASCII to ASCII, lower case),
 * one UTF-16 unit for one, so that offsets in the folded text are offsets in the original.
 */
function foldKeepingOffsets(s: string): string {
  return NEEDS_FOLD.test(s) ? s.replace(FOLD_RE, foldChar) : s;
}

/** The terms folded as the text is, without repeats; the last list asked for is kept (one query's hits share it). */
let lastTerms: string[] | null = null;
let lastFolded: string[] = [];
/** Whether some folded term has an ASCII character: else folding the text (to ASCII only) cannot change its matches. */
let lastAscii = false;
function foldTerms(terms: string[]): string[] {
  if (terms === lastTerms) return lastFolded;
  lastTerms = terms;
  lastFolded = [...new Set(terms.map((t) => t.normalize("NFKC").toLowerCase()))].filter(Boolean);
  lastAscii = lastFolded.some((t) => /[\x20-\x7e]/.test(t));
  return lastFolded;
}

// Match ranges of the last text, in scratch kept across calls (no pair objects per match): found as
// keys start·2^21 + (2^21 − 1 − length), so that one numeric sort orders by start, then longest first.
const SPAN = 2 ** 21;
let keys = new Float64Array(64);
let starts = new Int32Array(64);
let ends = new Int32Array(64);

/** Sorted, merged [start, end) ranges of all occurrences of the terms in the text, into starts/ends; their number. */
function findRanges(text: string, terms: string[]): number {
  const foldedTerms = foldTerms(terms);
  const folded = lastAscii ? foldKeepingOffsets(text) : text;
  let n = 0;
  for (const t of foldedTerms)
    for (let i = folded.indexOf(t); i >= 0; i = folded.indexOf(t, i + 1)) {
      if (n === keys.length) {
        const grown = new Float64Array(2 * n);
        grown.set(keys);
        keys = grown;
      }
      keys[n++] = i * SPAN + (SPAN - 1 - t.length);
    }
  if (n > 32) keys.subarray(0, n).sort();
  else
    for (let i = 1; i < n; i++) {
      const x = keys[i];
      let j = i - 1;
      for (; j >= 0 && keys[j] > x; j--) keys[j + 1] = keys[j];
      keys[j + 1] = x;
    }
  if (starts.length < n) [starts, ends] = [new Int32Array(keys.length), new Int32Array(keys.length)];
  let m = 0;
  for (let i = 0; i < n; i++) {
    const s = Math.floor(keys[i] / SPAN);
    const e = s + (SPAN - 1 - (keys[i] - s * SPAN));
    if (m > 0 && s <= ends[m - 1]) ends[m - 1] = Math.max(ends[m - 1], e);
    else {
      starts[m] = s;
      ends[m++] = e;
    }
  }
  return m;
}

/** Sorted, merged [start, end) ranges of all occurrences of the terms in the text. */
export function matchRanges(text: string, terms: string[]): [number, number][] {
  const n = findRanges(text, terms);
  return Array.from({ length: n }, (_, i): [number, number] => [starts[i], ends[i]]);
}

/** HTML of text[from, to) with the first n ranges in starts/ends marked. */
function markSlice(text: string, n: number, from: number, to: number): string {
  let out = "";
  let pos = from;
  for (let i = 0; i < n; i++) {
    const s = Math.max(starts[i], from);
    const e = Math.min(ends[i], to);
    if (e <= s) continue;
    out += escapeHtml(text.slice(pos, s)) + "<mark>" + escapeHtml(text.slice(s, e)) + "</mark>";
    pos = e;
  }
  return out + escapeHtml(text.slice(pos, to));
}

/** The whole text, escaped, every term marked. */
export function highlightAll(text: string, terms: string[]): string {
  return markSlice(text, findRanges(text, terms), 0, text.length);
}

/** White space as a regular expression's \s matches it (a code unit). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Each run of white space that holds a line break, as one space: what replacing the expression
 * \s*\n\s* (global) with " " gives, found from the line breaks (the expression tried every character
 * of a hit's text).
 */
export function flattenLines(text: string): string {
  let i = text.indexOf("\n");
  if (i < 0) return text;
  let out = "";
  let last = 0;
  while (i >= 0) {
    let a = i;
    while (a > last && isSpace(text.charCodeAt(a - 1))) a--;
    let b = i + 1;
    while (b < text.length && isSpace(text.charCodeAt(b))) b++;
    out += text.slice(last, a) + " ";
    last = b;
    i = text.indexOf("\n", b);
  }
  return out + text.slice(last);
}

/**
 * A window of about `width` characters around the first match (from the start when nothing matches),
 * escaped and marked, with "…" where the text was cut. Line breaks become spaces.
 */
export function highlightSnippet(text: string, terms: string[], width = 120): string {
  const flat = flattenLines(text);
  const n = findRanges(flat, terms);
  let start = 0;
  if (n) {
    const lead = Math.floor(width / 4);
    start = Math.max(0, starts[0] - lead);
    // Do not leave the window short at the end of the text.
    start = Math.max(0, Math.min(start, flat.length - width));
    // Never cut a match in two at the start of the window.
    for (let i = 0; i < n; i++) if (starts[i] < start && ends[i] > start) start = starts[i];
  }
  let end = Math.min(flat.length, start + width);
  for (let i = 0; i < n; i++) if (starts[i] < end && ends[i] > end) end = ends[i];
  return (start > 0 ? "…" : "") + markSlice(flat, n, start, end) + (end < flat.length ? "…" : "");
}
