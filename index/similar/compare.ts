// Comparison tables: for a topic, a measure or a free-text query, one row per place with its best
// matching measure (title, a short excerpt with the subject's words marked, the measure id for the full
// text; the others listed), lead units, deadlines, and the numeric targets aligned by metric into
// columns, so that "how far do they go" reads across the rows (不良贷款容忍度: 绵阳 3% / 5%, 平阳
// +3个百分点以内, 山西 未量化).
//
// Which measures a topic or a term query takes is decided by the topics' matcher (topics.ts
// `measuresOn`), so a comparison of a topic's name shows exactly the topic's places; a query that names
// no measure literally falls back to similarity. Columns are rule-based and data-driven
// (index/data/metric-columns.json, shared with the similarity features): a target's concept comes from its
// metric, else from the clause of the measure that holds it; its unit picks the family (比例, 金额, 数量,
// 时限). The subject's own concepts always get a column; other columns appear when at least two places
// state a figure for them.
import type { Deadline, Measure } from "../../extract/schema.ts";
import type { DocRef } from "../schema.ts";
import { columnOf, conceptsIn, mentionsConcept, metricConcepts, targetColumn, type MetricColumn } from "./metrics.ts";
import { substantiveText } from "./words.ts";
import type { SimilarityIndex } from "./similarity.ts";
import { comparePlaces, measuresOn, placeMap, placesOf, type Place, type Topic } from "./topics.ts";
import { mainTermOf, termGroupsOf } from "./terms.ts";
import { displayIn, excerptOf, firstSentence, formatValue, highlight, valueOf, type ComparisonValue } from "./figures.ts";

export { formatValue, highlight, type ComparisonValue } from "./figures.ts";

// ---------------------------------------------------------------- public types

export type ComparisonSubject =
  | { kind: "topic"; id: string; label: string; terms: string[] }
  | { kind: "measure"; id: string; label: string; terms: string[] }
  | { kind: "query"; id: null; label: string; terms: string[] };

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

/** A measure as a row names it: the full text is one click away (GET /api/measures/:id). */
export interface MeasureRef {
  id: string;
  path: string;
  /** The measure's title, else its first sentence. */
  title: string;
}

export interface RowFigure {
  /** As shown: 3%, 2.5亿元, +3个百分点以内 … */
  display: string;
  /** The target as written. */
  text: string;
  /** The comparable column it belongs to (null: no column). */
  columnId: string | null;
}

export interface RowMeasure {
  measure: MeasureRef;
  document: DocRef;
  score: number;
  sharedTerms: string[];
  /** A near-verbatim copy of the subject measure (measure subjects only): a copy, not a discovery. */
  nearDuplicate: boolean;
  /** Lead units as written (牵头; 责任 when no 牵头 is named). */
  leadUnits: string[];
  coopUnits: string[];
  deadlines: Deadline[];
  /** A short stretch of the text around the subject's words. */
  excerpt: string;
  /** The measure's own figures (its targets). */
  figures: RowFigure[];
}

export interface ComparisonRow extends RowMeasure {
  place: Place;
  /** The best measure's title, HTML-escaped, shared words in <mark>. */
  titleHtml: string | null;
  /** The excerpt, HTML-escaped, shared words in <mark>. */
  html: string;
  /** By column id; figures come from the measures shown (the best and the others listed). */
  cells: Record<string, ComparisonCell>;
  /** The place's other matching measures, best first (at most maxOthers). */
  others: RowMeasure[];
  /** All of the place's matching measures (the topics page's count for the place): more than 1 + others.length when the list is cut. */
  measureCount: number;
}

export interface ComparisonTable {
  subject: ComparisonSubject;
  /** terms: measures naming the subject's terms (the topics' matcher); similarity: measures like it. */
  matchedBy: "terms" | "similarity";
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

const DEFAULT_COMPARE_OPTIONS: CompareOptions = { maxRows: 50, maxOthers: 5, minScore: 0.2, minCoverage: 0.5, minPlacesPerColumn: 2 };

interface Candidate {
  measure: Measure;
  document: DocRef;
  score: number;
  sharedTerms: string[];
  nearDuplicate?: boolean;
}

// ---------------------------------------------------------------- entry points

/** The comparison table of a topic: the measures its matcher takes, one row per place. */
export function compareTopic(index: SimilarityIndex, topic: Topic, options: Partial<CompareOptions> = {}): ComparisonTable {
  const opts = { ...DEFAULT_COMPARE_OPTIONS, ...options };
  const candidates = measuresOn(index, topic.groups).map((o) => ({ measure: o.measure, document: o.document, score: o.score, sharedTerms: o.match.found }));
  return table(index, { kind: "topic", id: topic.id, label: topic.name, terms: topic.terms }, topic.name, candidates, "terms", opts);
}

/**
 * The comparison table of a measure: the measure's own place first, then every place with a measure on
 * the curated term the measure is mainly about (the topics' matcher, as its topic page shows them); a
 * measure about no curated term is compared by similarity. Near-verbatim copies are flagged. Unknown id: null.
 */
export function compareMeasure(index: SimilarityIndex, measureId: string, options: Partial<CompareOptions> = {}): ComparisonTable | null {
  const opts = { ...DEFAULT_COMPARE_OPTIONS, ...options };
  const self = index.entry(measureId);
  if (!self) return null;
  const label = self.measure.title ?? firstSentence(self.measure.text);
  const main = mainTermOf(self.measure);
  if (main) {
    const on = measuresOn(index, [main]).filter((o) => o.measure.id !== measureId);
    const terms = [...new Set([...on.flatMap((o) => o.match.found)])];
    const own: Candidate = { measure: self.measure, document: self.doc, score: OWN_SCORE, sharedTerms: terms };
    const candidates: Candidate[] = [
      own,
      ...on.map((o) => ({ measure: o.measure, document: o.document, score: o.score, sharedTerms: o.match.found, nearDuplicate: index.copyCheck(measureId, o.measure.id).nearDuplicate })),
    ];
    return table(index, { kind: "measure", id: measureId, label, terms }, `${label} ${main.name}`, candidates, "terms", opts);
  }
  // the same instrument, as before the foci: minScore is calibrated on its scores (votes raise area's)
  const hits = index.similar(measureId, { focus: "instrument", limit: opts.maxRows * 4, minScore: opts.minScore, maxPerDocument: opts.maxOthers + 1, excludeSameDoc: false });
  const own: Candidate = { measure: self.measure, document: self.doc, score: OWN_SCORE, sharedTerms: [] };
  const candidates: Candidate[] = [own, ...hits.map((h) => ({ measure: h.measure, document: h.document, score: h.score, sharedTerms: h.sharedTerms, nearDuplicate: h.nearDuplicate }))];
  const terms = [...new Set(hits.flatMap((h) => h.sharedTerms))];
  own.sharedTerms = terms;
  return table(index, { kind: "measure", id: measureId, label, terms }, label, candidates, "similarity", opts);
}

/** The subject measure's own score: above any match, so that its place comes first. */
const OWN_SCORE = 3;

/**
 * The comparison table of a free-text query (不良贷款容忍度, 风险补偿, 科技支行 …): measures that cover most

/**
 * The comparison table of a free-text query (不良贷款容忍度, 风险补偿, 知产质押 …): the measures that name
 * it (a topic's spellings and synonyms; every part of a query of several words), as the topics page
 * counts them. A query no measure names falls back to similarity: measures that cover most of the
 * query's weight, or that name its policy concept in other words.
 */
export function compareQuery(index: SimilarityIndex, text: string, options: Partial<CompareOptions> = {}): ComparisonTable {
  const opts = { ...DEFAULT_COMPARE_OPTIONS, ...options };
  const groups = termGroupsOf(text);
  const label = text.trim();
  const on = measuresOn(index, groups);
  if (on.length) {
    const candidates = on.map((o) => ({ measure: o.measure, document: o.document, score: o.score, sharedTerms: o.match.found }));
    const terms = [...new Set(on.flatMap((o) => o.match.found))];
    const subjectText = groups.map((g) => g.name).join(" ");
    return table(index, { kind: "query", id: null, label, terms }, subjectText, candidates, "terms", opts);
  }
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
  return table(index, { kind: "query", id: null, label, terms }, text, candidates, "similarity", opts);
}

/** A measure that names the query's concept in other words still needs this similarity to count. */
const MIN_CONCEPT_SCORE = 0.08;

// ---------------------------------------------------------------- the table

function table(index: SimilarityIndex, subject: ComparisonSubject, subjectText: string, candidates: Candidate[], matchedBy: ComparisonTable["matchedBy"], opts: CompareOptions): ComparisonTable {
  const places = placeMap(index);
  // one group per place, best measure first
  const groups = new Map<string, { place: Place; items: Candidate[] }>();
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c.measure.id)) continue;
    seen.add(c.measure.id);
    const place = places.get(c.document.id)!;
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
    const row = rowMeasure(best, marks);
    return {
      ...row,
      place: g.place,
      titleHtml: highlight(row.measure.title, marks),
      html: highlight(row.excerpt, marks),
      cells,
      others: rest.slice(0, opts.maxOthers).map((c) => rowMeasure(c, marks)),
      measureCount: g.items.length,
    };
  });

  const present = new Set(rows.map((r) => r.place.key));
  const missingPlaces = placesOf(index).filter((p) => !present.has(p.key));
  return { subject, matchedBy, columns, rows, missingPlaces };
}

function rowMeasure(c: Candidate, marks: string[]): RowMeasure {
  const m = c.measure;
  const lead = m.units.filter((u) => u.role === "lead");
  const leads = lead.length ? lead : m.units.filter((u) => u.role === "responsible");
  const text = `${m.title ?? ""}。${m.text}`;
  return {
    measure: { id: m.id, path: m.path, title: m.title ?? firstSentence(m.text) },
    document: c.document,
    score: c.score,
    sharedTerms: c.sharedTerms,
    nearDuplicate: c.nearDuplicate ?? false,
    leadUnits: [...new Set(leads.map((u) => u.name))],
    coopUnits: [...new Set(m.units.filter((u) => u.role === "coop").map((u) => u.name))],
    deadlines: m.deadlines,
    excerpt: excerptOf(substantiveText(m.text, m.deadlines.map((d) => d.text)), [...c.sharedTerms, ...marks]),
    figures: m.targets.map((t) => ({ display: formatValue(t), text: t.text, columnId: targetColumn(t, text)?.id ?? null })),
  };
}
