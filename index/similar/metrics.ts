// Target metrics → comparable columns: which policy concept (index/data/metric-columns.json) a figure is
// about, and in which unit family, so that figures of different places line up in one column.
import type { Target } from "../../extract/schema.ts";
import metricData from "../data/metric-columns.json" with { type: "json" };

interface Concept { id: string; label: string; words: string[]; wordsByLength: string[]; defaultFamily: string }
interface Family { label: string; units: string[] }
const FAMILIES = metricData.families as Record<string, Family>;
const CONCEPTS: Concept[] = (metricData.concepts as Omit<Concept, "wordsByLength">[]).map((c) => ({ ...c, wordsByLength: [...c.words].sort((a, b) => b.length - a.length) }));
const FAMILY_OF_UNIT = new Map<string, string>();
for (const [id, f] of Object.entries(FAMILIES)) for (const u of f.units) FAMILY_OF_UNIT.set(u, id);

export interface MetricColumn {
  /** `<concept>:<family>`, e.g. `npl-tolerance:ratio`, `risk-compensation:money`. */
  id: string;
  concept: string;
  family: string;
  /** User-facing label, e.g. 不良贷款容忍度（比例）. */
  label: string;
}

export function metricConcepts(): readonly { id: string; label: string; words: readonly string[]; defaultFamily: string }[] {
  return CONCEPTS;
}

export function columnOf(concept: string, family: string): MetricColumn {
  const c = CONCEPTS.find((x) => x.id === concept);
  const f = FAMILIES[family];
  const base = c?.label ?? concept;
  return { id: `${concept}:${family}`, concept, family, label: f ? `${base}（${f.label}）` : base };
}

/** The unit family of a target unit (ratio, money, count, duration), or "other". */
function unitFamily(unit: string | null): string {
  if (unit === null) return "other";
  return FAMILY_OF_UNIT.get(unit) ?? FAMILY_OF_UNIT.get(unit.replace(/^个/, "")) ?? "other";
}

/** The first concept whose words occur in the text, or null. */
function conceptOf(text: string): string | null {
  for (const c of CONCEPTS) if (c.words.some((w) => text.includes(w))) return c.id;
  return null;
}

/** Whether a text names a concept (any of its words). */
export function mentionsConcept(text: string, concept: string): boolean {
  const c = CONCEPTS.find((x) => x.id === concept);
  return !!c && c.words.some((w) => text.includes(w));
}

/**
 * Occurrences of each concept's words in a text, specific concepts first: a stretch of text counted for
 * an earlier concept (不良贷款容忍度 for 不良贷款容忍度) does not count again for a later one (贷款 for 信贷规模).
 */
export function conceptCounts(text: string): Map<string, number> {
  const used = new Uint8Array(text.length);
  const out = new Map<string, number>();
  for (const c of CONCEPTS) {
    let n = 0;
    for (const w of c.wordsByLength) {
      for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
        let free = true;
        for (let i = at; i < at + w.length; i++) if (used[i]) free = false;
        if (!free) continue;
        used.fill(1, at, at + w.length);
        n++;
      }
    }
    if (n) out.set(c.id, n);
  }
  return out;
}

/** Concepts named in a subject text (a query, a topic's name, a measure's title), in the data file's order. */
export function conceptsIn(text: string): string[] {
  return [...conceptCounts(text).keys()];
}

const CLAUSE_BREAK = /[，,；;。：:！!？?\n]/;

/** The clause of `text` that holds `fragment` (from the previous clause break to the fragment's end). */
export function clauseOf(text: string, fragment: string): string {
  const squash = (s: string) => s.replace(/\s+/g, "");
  const t = squash(text);
  const f = squash(fragment);
  const at = t.indexOf(f);
  if (at < 0) return f;
  let start = at;
  while (start > 0 && !CLAUSE_BREAK.test(t[start - 1])) start--;
  return t.slice(start, at + f.length);
}

/** The comparable column of a target: concept from its metric (else its clause in the measure text), family from its unit. */
export function targetColumn(target: Target, measureText: string): MetricColumn | null {
  const family = unitFamily(target.unit);
  if (family === "other") return null;
  const concept =
    (target.metric ? conceptOf(target.metric) : null) ?? conceptOf(clauseOf(measureText, target.text)) ?? conceptOf(target.text);
  return concept ? columnOf(concept, family) : null;
}
