// The figures of a comparison table (a measure's numeric targets as comparable values and their display)
// and its text helpers (excerpts, highlighting).
import type { Measure, Target } from "../../extract/schema.ts";
import { clauseOf } from "./metrics.ts";
import { anyOf, WORDS } from "./word-data.ts";

export interface ComparisonValue {
  /** The measure stating the figure, and its path. */
  measureId: string;
  path: string;
  /** The target as written. */
  text: string;
  comparator: Target["comparator"];
  min: number | null;
  max: number | null;
  unit: string | null;
  /** A relative figure (提高…个百分点 over a reference rate). */
  relative: boolean;
  /** Who the figure applies to when the sentence names one of the measure's units (市商行, 市农商行). */
  appliesTo: string | null;
  /** Display form, e.g. 3%, 2.5亿元, +3个百分点以内, 1~2家. */
  display: string;
}

// ---------------------------------------------------------------- values

const RELATIVE = new RegExp(`(${anyOf(WORDS.relativeChanges)})`);

export function valueOf(t: Target, m: Measure): ComparisonValue {
  const clause = clauseOf(`${m.title ?? ""}。${m.text}`, t.text);
  const relative = /个百分点/.test(t.unit ?? "") && (RELATIVE.test(t.text) || RELATIVE.test(clause));
  return {
    measureId: m.id,
    path: m.path,
    text: t.text,
    comparator: t.comparator,
    min: t.min,
    max: t.max,
    unit: t.unit,
    relative,
    appliesTo: appliesTo(t, m),
    display: formatValue(t, relative),
  };
}

/** The measure's unit named first in the sentence that states the figure (市商行 … 容忍度至3%). */
function appliesTo(t: Target, m: Measure): string | null {
  const names = [...new Set(m.units.map((u) => u.name))].sort((a, b) => b.length - a.length);
  if (names.length < 2) return null; // a single unit is the row's unit anyway
  const text = m.text.replace(/\s+/g, "");
  const at = text.indexOf(t.text.replace(/\s+/g, ""));
  if (at < 0) return null;
  let start = at;
  while (start > 0 && !/[。；;\n]/.test(text[start - 1])) start--;
  let sentence = text.slice(start, at);
  const named: string[] = [];
  for (const n of names) {
    if (!sentence.includes(n)) continue;
    named.push(n);
    sentence = sentence.split(n).join("\u0000"); // 市商行 must not also count inside 市农商行
  }
  return named.length === 1 ? named[0] : null; // two or more: the figure is theirs jointly
}

/** A value as shown in a cell: with whom it applies to, and with its measure's path when the cell draws on several. */
export function displayIn(v: ComparisonValue, all: ComparisonValue[]): string {
  const notes: string[] = [];
  if (v.appliesTo) notes.push(v.appliesTo);
  if (new Set(all.map((x) => x.measureId)).size > 1) notes.push(v.path);
  return notes.length ? `${v.display}（${notes.join("，")}）` : v.display;
}

/** 250000000 元 → 2.5亿元; 3 % → 3%; <= 3 个百分点, relative → +3个百分点以内; range 1–2 家 → 1~2家. */
export function formatValue(t: Pick<Target, "comparator" | "min" | "max" | "unit">, relative = false): string {
  const num = (x: number | null) => (x === null ? "?" : formatNumber(x, t.unit));
  const unit = t.unit === "元" || t.unit === null ? "" : t.unit;
  const sign = relative ? "+" : "";
  switch (t.comparator) {
    case "range":
      return `${sign}${num(t.min)}~${num(t.max)}${unit}`;
    case "=":
      return `${sign}${num(t.min ?? t.max)}${unit}`;
    case ">=":
      return `${sign}${num(t.min)}${unit}以上`;
    case ">":
      return `${sign}超过${num(t.min)}${unit}`;
    case "<=":
      return `${sign}${num(t.max)}${unit}以内`;
    case "<":
      return `${sign}低于${num(t.max)}${unit}`;
  }
}

function formatNumber(x: number, unit: string | null): string {
  const plain = (v: number) => String(Math.round(v * 10000) / 10000);
  if (unit !== "元") return plain(x);
  if (Math.abs(x) >= 1e8) return `${plain(x / 1e8)}亿元`;
  if (Math.abs(x) >= 1e4) return `${plain(x / 1e4)}万元`;
  return `${plain(x)}元`;
}

// ---------------------------------------------------------------- text

export function firstSentence(text: string): string {
  const m = /^[^。；;\n]{1,80}/.exec(text.trim());
  return m ? m[0] : text.slice(0, 80);
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** HTML-escaped text with every occurrence of the terms (longest first, no overlaps) in <mark>…</mark>. */
export function highlight(text: string, terms: string[]): string {
  const marked = new Uint8Array(text.length);
  const lower = text.toLowerCase();
  for (const term of [...new Set(terms.map((t) => t.toLowerCase()).filter((t) => t.length >= 2))].sort((a, b) => b.length - a.length)) {
    for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + 1)) {
      let free = true;
      for (let i = at; i < at + term.length; i++) if (marked[i]) free = false;
      if (free) marked.fill(1, at, at + term.length);
    }
  }
  let out = "";
  for (let i = 0; i < text.length; ) {
    let j = i;
    while (j < text.length && marked[j] === marked[i]) j++;
    const piece = escapeHtml(text.slice(i, j));
    out += marked[i] ? `<mark>${piece}</mark>` : piece;
    i = j;
  }
  return out;
}

/** A short stretch of a measure around the first of the terms it names (about `width` characters), "…" where cut. */
export function excerptOf(text: string, terms: string[], width = 80): string {
  const flat = text.replace(/\s+/g, "");
  if (flat.length <= width) return flat;
  const lower = flat.toLowerCase();
  let at = -1;
  for (const t of [...terms].filter((x) => x.length >= 2).sort((a, b) => b.length - a.length)) {
    const i = lower.indexOf(t.toLowerCase());
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  let start = at < 0 ? 0 : Math.max(0, at - Math.floor(width / 4));
  // start at a clause when one begins shortly before
  for (let i = start; i > Math.max(0, start - 12); i--) if (/[。；;，,：:]/.test(flat[i - 1] ?? "")) { start = i; break; }
  const end = Math.min(flat.length, start + width);
  return `${start > 0 ? "…" : ""}${flat.slice(start, end)}${end < flat.length ? "…" : ""}`;
}
