// Comparison tables: for a topic, a measure or a free-text query, one row per place with its best
// matching measure (the others listed), the shared words highlighted, lead units, deadlines, and the
// numeric targets aligned by metric into columns, so that "how far do they go" reads across the rows
// (不良贷款容忍度: 绵阳 3% / 5%, 平阳 +3个百分点以内, 山西 未量化).
//
// Columns are rule-based and data-driven (index/data/metric-columns.json, shared with the similarity
// features): a target's concept comes from its metric, else from the clause of the measure that holds it;
// its unit picks the family (比例, 金额, 数量, 时限). The subject's own concepts always get a column; other
// columns appear when at least two places state a figure for them.
import type { Deadline, Measure, Target } from "../../extract/schema.ts";
import type { DocRef } from "../schema.ts";
import {
  clauseOf,
  columnOf,
  conceptsIn,
  mentionsConcept,
  metricConcepts,
  targetColumn,
  type MetricColumn,
  type SimilarityIndex,
} from "./similarity.ts";
import { comparePlaces, placeOf, placesOf, type Place, type Topic } from "./topics.ts";

// ---------------------------------------------------------------- public types

export type ComparisonSubject =
  | { kind: "topic"; id: string; label: string; terms: string[] }
  | { kind: "measure"; id: string; label: string; terms: string[] }
  | { kind: "query"; id: null; label: string; terms: string[] };

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

export type CellStatus = "value" | "unquantified" | "absent";

export interface ComparisonCell {
  /** value: figures stated; unquantified: the place's measures name the subject but state no figure; absent: not named. */
  status: CellStatus;
  /** Display: the values joined with "；", 未量化, or —. */
  display: string;
  values: ComparisonValue[];
}

export interface ComparisonColumn extends MetricColumn {
  /** A concept of the subject itself (always shown), as opposed to one shown because two places quantify it. */
  primary: boolean;
}

export interface RowMeasure {
  measure: Measure;
  document: DocRef;
  score: number;
  sharedTerms: string[];
  /** A near-verbatim copy of the subject measure (measure subjects only): a copy, not a discovery. */
  nearDuplicate: boolean;
  /** Lead units as written (牵头; 责任 when no 牵头 is named). */
  leadUnits: string[];
  coopUnits: string[];
  deadlines: Deadline[];
}

export interface ComparisonRow extends RowMeasure {
  place: Place;
  /** The best measure's title and text, HTML-escaped, shared words in <mark>. */
  titleHtml: string | null;
  html: string;
  /** By column id; figures come from all of the place's matching measures. */
  cells: Record<string, ComparisonCell>;
  /** The place's other matching measures, best first. */
  others: RowMeasure[];
}

export interface ComparisonTable {
  subject: ComparisonSubject;
  columns: ComparisonColumn[];
  rows: ComparisonRow[];
  /** Places of the corpus with no matching measure. */
  missingPlaces: Place[];
}

export interface CompareOptions {
  /** Rows at most (default 50). */
  maxRows: number;
  /** Other measures listed per place (default 5). */
  maxOthers: number;
  /** Measure subject: minimum similarity of a matching measure (default 0.2). */
  minScore: number;
  /** Query subject: minimum share of the query's weight a measure must cover (default 0.5). */
  minCoverage: number;
  /** Non-subject columns need figures from this many places (default 2). */
  minPlacesPerColumn: number;
}

export const DEFAULT_COMPARE_OPTIONS: CompareOptions = { maxRows: 50, maxOthers: 5, minScore: 0.2, minCoverage: 0.5, minPlacesPerColumn: 2 };

interface Candidate {
  measure: Measure;
  document: DocRef;
  score: number;
  sharedTerms: string[];
  nearDuplicate?: boolean;
}

// ---------------------------------------------------------------- entry points

/** The comparison table of a topic (its measures, primary and secondary). */
export function compareTopic(index: SimilarityIndex, topic: Topic, options: Partial<CompareOptions> = {}): ComparisonTable {
  const opts = { ...DEFAULT_COMPARE_OPTIONS, ...options };
  const terms = [...new Set([...topic.name.split("/"), ...topic.terms])];
  const candidates: Candidate[] = topic.measures.map((m) => ({
    measure: m.measure,
    document: m.document,
    score: m.score,
    sharedTerms: terms.filter((t) => m.measure.text.includes(t) || (m.measure.title ?? "").includes(t)),
  }));
  return table(index, { kind: "topic", id: topic.id, label: topic.name, terms }, topic.name, candidates, opts);
}

/** The comparison table of a measure: the measure's own place and every place with a similar measure. Unknown id: null. */
export function compareMeasure(index: SimilarityIndex, measureId: string, options: Partial<CompareOptions> = {}): ComparisonTable | null {
  const opts = { ...DEFAULT_COMPARE_OPTIONS, ...options };
  const self = index.entry(measureId);
  if (!self) return null;
  const hits = index.similar(measureId, { limit: opts.maxRows * 4, minScore: opts.minScore, maxPerDocument: opts.maxOthers + 1, excludeSameDoc: false });
  const own: Candidate = { measure: self.measure, document: self.doc, score: 1, sharedTerms: [] };
  const candidates: Candidate[] = [own, ...hits.map((h) => ({ measure: h.measure, document: h.document, score: h.score, sharedTerms: h.sharedTerms, nearDuplicate: h.nearDuplicate }))];
  const terms = [...new Set(hits.flatMap((h) => h.sharedTerms))];
  own.sharedTerms = terms;
  const label = self.measure.title ?? firstSentence(self.measure.text);
  return table(index, { kind: "measure", id: measureId, label, terms }, label, candidates, opts);
}

/**
 * The comparison table of a free-text query (不良贷款容忍度, 风险补偿, 科技支行 …): measures that cover most
 * of the query's weight, or that name the query's policy concept in other words (科技专营支行 for 科技支行).
 */
export function compareQuery(index: SimilarityIndex, text: string, options: Partial<CompareOptions> = {}): ComparisonTable {
  const opts = { ...DEFAULT_COMPARE_OPTIONS, ...options };
  const subjectConcepts = conceptsIn(text);
  const hits = index.similarToText(text, { limit: 500 });
  const candidates: Candidate[] = [];
  for (const h of hits) {
    const body = `${h.measure.title ?? ""}${h.measure.text}`;
    const byConcept = h.score >= MIN_CONCEPT_SCORE && subjectConcepts.some((c) => mentionsConcept(body, c));
    if (h.coverage >= opts.minCoverage || byConcept) {
      candidates.push({ measure: h.measure, document: h.document, score: h.score, sharedTerms: h.sharedTerms });
    }
  }
  const terms = [...new Set([...index.textFeatures(text).filter(([f]) => f.startsWith("t:")).map(([f]) => f.slice(2)), ...candidates.flatMap((c) => c.sharedTerms)])];
  return table(index, { kind: "query", id: null, label: text.trim(), terms }, text, candidates, opts);
}

/** A measure that names the query's concept in other words still needs this similarity to count. */
const MIN_CONCEPT_SCORE = 0.08;

// ---------------------------------------------------------------- the table

function table(index: SimilarityIndex, subject: ComparisonSubject, subjectText: string, candidates: Candidate[], opts: CompareOptions): ComparisonTable {
  // one group per place, best measure first
  const groups = new Map<string, { place: Place; items: Candidate[] }>();
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c.measure.id)) continue;
    seen.add(c.measure.id);
    const place = placeOf(c.document);
    const g = groups.get(place.key) ?? { place, items: [] };
    g.items.push(c);
    groups.set(place.key, g);
  }
  const ordered = [...groups.values()]
    .map((g) => ({ ...g, items: g.items.sort((a, b) => b.score - a.score || (a.measure.id < b.measure.id ? -1 : 1)) }))
    .sort((a, b) => b.items[0].score - a.items[0].score || comparePlaces(a.place, b.place))
    .slice(0, opts.maxRows);

  // figures by place and column
  const figures = new Map<string, Map<string, ComparisonValue[]>>(); // place key -> column id -> values
  const columnInfo = new Map<string, MetricColumn>();
  for (const g of ordered) {
    const byColumn = new Map<string, ComparisonValue[]>();
    for (const c of g.items.slice(0, opts.maxOthers + 1)) {
      const text = `${c.measure.title ?? ""}。${c.measure.text}`;
      for (const t of c.measure.targets) {
        const col = targetColumn(t, text);
        if (!col) continue;
        columnInfo.set(col.id, col);
        const list = byColumn.get(col.id) ?? [];
        if (!list.some((v) => v.measureId === c.measure.id && v.text === t.text)) list.push(valueOf(t, c.measure));
        byColumn.set(col.id, list);
      }
    }
    figures.set(g.place.key, byColumn);
  }

  // columns: the subject's concepts (families with figures, else the concept's default family), then
  // other columns quantified by enough places
  const primaryConcepts = conceptsIn(subjectText);
  const columns: ComparisonColumn[] = [];
  const placesWith = (colId: string) => ordered.filter((g) => (figures.get(g.place.key)?.get(colId)?.length ?? 0) > 0).length;
  for (const concept of primaryConcepts) {
    // the concept's usual family always (so that 未量化 shows), other families when enough places quantify them
    const def = columnOf(concept, metricConcepts().find((c) => c.id === concept)!.defaultFamily);
    const others = [...columnInfo.values()]
      .filter((c) => c.concept === concept && c.id !== def.id && placesWith(c.id) >= opts.minPlacesPerColumn)
      .sort((a, b) => placesWith(b.id) - placesWith(a.id) || (a.id < b.id ? -1 : 1));
    const main = columnInfo.get(def.id) ?? def;
    const all = [main, ...others];
    // a family other than the default that more places quantify goes first
    all.sort((a, b) => placesWith(b.id) - placesWith(a.id));
    for (const c of all) columns.push({ ...c, primary: true });
  }
  const secondary = [...columnInfo.values()]
    .filter((c) => !primaryConcepts.includes(c.concept) && placesWith(c.id) >= opts.minPlacesPerColumn)
    .sort((a, b) => placesWith(b.id) - placesWith(a.id) || (a.id < b.id ? -1 : 1));
  for (const c of secondary) columns.push({ ...c, primary: false });

  const rows: ComparisonRow[] = ordered.map((g) => {
    const [best, ...rest] = g.items;
    const texts = g.items.slice(0, opts.maxOthers + 1).map((c) => `${c.measure.title ?? ""}${c.measure.text}`);
    const cells: Record<string, ComparisonCell> = {};
    for (const col of columns) {
      const values = figures.get(g.place.key)?.get(col.id) ?? [];
      if (values.length) cells[col.id] = { status: "value", display: values.map((v) => displayIn(v, values)).join("；"), values };
      else if (texts.some((t) => mentionsConcept(t, col.concept))) cells[col.id] = { status: "unquantified", display: "未量化", values: [] };
      else cells[col.id] = { status: "absent", display: "—", values: [] };
    }
    const marks = [...new Set([...best.sharedTerms, ...subject.terms])];
    return {
      ...rowMeasure(best),
      place: g.place,
      titleHtml: best.measure.title ? highlight(best.measure.title, marks) : null,
      html: highlight(best.measure.text, marks),
      cells,
      others: rest.slice(0, opts.maxOthers).map(rowMeasure),
    };
  });

  const present = new Set(rows.map((r) => r.place.key));
  const missingPlaces = placesOf(uniqueDocs(index)).filter((p) => !present.has(p.key));
  return { subject, columns, rows, missingPlaces };
}

function rowMeasure(c: Candidate): RowMeasure {
  const lead = c.measure.units.filter((u) => u.role === "lead");
  const leads = lead.length ? lead : c.measure.units.filter((u) => u.role === "responsible");
  return {
    measure: c.measure,
    document: c.document,
    score: c.score,
    sharedTerms: c.sharedTerms,
    nearDuplicate: c.nearDuplicate ?? false,
    leadUnits: [...new Set(leads.map((u) => u.name))],
    coopUnits: [...new Set(c.measure.units.filter((u) => u.role === "coop").map((u) => u.name))],
    deadlines: c.measure.deadlines,
  };
}

function uniqueDocs(index: SimilarityIndex): DocRef[] {
  const out = new Map<string, DocRef>();
  for (const e of index.allEntries()) if (!out.has(e.doc.id)) out.set(e.doc.id, e.doc);
  return [...out.values()];
}

// ---------------------------------------------------------------- values

const RELATIVE = /(提高|上浮|放宽|高于|增加|上调)/;

function valueOf(t: Target, m: Measure): ComparisonValue {
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
function displayIn(v: ComparisonValue, all: ComparisonValue[]): string {
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

function firstSentence(text: string): string {
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
