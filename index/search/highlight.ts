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
function foldTerms(terms: string[]): string[] {
  if (terms === lastTerms) return lastFolded;
  lastTerms = terms;
  return (lastFolded = [...new Set(terms.map((t) => t.normalize("NFKC").toLowerCase()))].filter(Boolean));
}

/** Sorted, merged [start, end) ranges of all occurrences of the terms in the text. */
export function matchRanges(text: string, terms: string[]): [number, number][] {
  const folded = foldKeepingOffsets(text);
  const ranges: [number, number][] = [];
  for (const t of foldTerms(terms))
    for (let i = folded.indexOf(t); i >= 0; i = folded.indexOf(t, i + 1)) ranges.push([i, i + t.length]);
  if (ranges.length < 2) return ranges;
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** HTML of text[from, to) with the ranges marked. */
function markSlice(text: string, ranges: [number, number][], from: number, to: number): string {
  let out = "";
  let pos = from;
  for (const [s0, e0] of ranges) {
    const s = Math.max(s0, from);
    const e = Math.min(e0, to);
    if (e <= s) continue;
    out += escapeHtml(text.slice(pos, s)) + "<mark>" + escapeHtml(text.slice(s, e)) + "</mark>";
    pos = e;
  }
  return out + escapeHtml(text.slice(pos, to));
}

/** The whole text, escaped, every term marked. */
export function highlightAll(text: string, terms: string[]): string {
  return markSlice(text, matchRanges(text, terms), 0, text.length);
}

/**
 * A window of about `width` characters around the first match (from the start when nothing matches),
 * escaped and marked, with "…" where the text was cut. Line breaks become spaces.
 */
export function highlightSnippet(text: string, terms: string[], width = 120): string {
  const flat = text.includes("\n") ? text.replace(/\s*\n\s*/g, " ") : text;
  const ranges = matchRanges(flat, terms);
  let start = 0;
  if (ranges.length) {
    const lead = Math.floor(width / 4);
    start = Math.max(0, ranges[0][0] - lead);
    // Do not leave the window short at the end of the text.
    start = Math.max(0, Math.min(start, flat.length - width));
    // Never cut a match in two at the start of the window.
    for (const [s, e] of ranges) if (s < start && e > start) start = s;
  }
  let end = Math.min(flat.length, start + width);
  for (const [s, e] of ranges) if (s < end && e > end) end = e;
  return (start > 0 ? "…" : "") + markSlice(flat, ranges, start, end) + (end < flat.length ? "…" : "");
}
