// Score extracted documents against gold files (contract: "Gold files"). Pure functions.
import { z } from "zod";
import { Deadline, PolicyDocument, Region, Target, Unit } from "./schema.ts";

/** A gold file: the document object with only what was labelled. */
export const GoldDocument = z.object({
  source: z.string().optional(),
  title: z.string().nullable().optional(),
  docNumber: z.string().nullable().optional(),
  issuer: z.string().nullable().optional(),
  region: Region.optional(),
  issuedDate: z.string().nullable().optional(),
  publishedDate: z.string().nullable().optional(),
  measures: z.array(
    z.object({
      path: z.string(),
      units: z.array(Unit).default([]),
      deadlines: z.array(Deadline).default([]),
      targets: z.array(Target).default([]),
    }),
  ),
});
export type GoldDocument = z.infer<typeof GoldDocument>;

export const FIELDS = ["paths", "unitsByName", "unitsByCanonical", "docUnits", "deadlines", "targets"] as const;
export type Field = (typeof FIELDS)[number];

export interface FieldScore { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }
export interface Finding { doc: string; field: Field; kind: "miss" | "false"; path: string; item: string }
export interface ScoreReport {
  fields: Record<Field, FieldScore>;
  findings: Finding[];
  metadata: { field: string; doc: string; gold: unknown; got: unknown }[];
  /** Labelled metadata fields (title, 文号, issuer, region, dates) extracted exactly: hits and total. */
  metadataScore: { hits: number; total: number; accuracy: number };
}

type Keyed = { path: string; key: string };
type MeasureLike = { path: string; units: Unit[]; deadlines: Deadline[]; targets: Target[] };

function deadlineKey(d: Deadline): string {
  if (d.kind === "recurring") return `recurring ${d.recurrence}`;
  if (d.kind === "ongoing") return `ongoing ${d.text.replace(/\s+/g, "")}`;
  return `${d.kind} ${d.end}`;
}
const num = (n: number | null) => (n === null ? "-" : String(Math.round(n * 1e6) / 1e6));

const KEYS: Record<Field, (m: MeasureLike) => string[]> = {
  paths: (m) => [""],
  unitsByName: (m) => m.units.map((u) => `${u.role} ${u.name}`),
  unitsByCanonical: (m) => m.units.map((u) => `${u.role} ${u.canonical}`),
  docUnits: (m) => m.units.map((u) => `${u.role} ${u.name}`),
  deadlines: (m) => m.deadlines.map(deadlineKey),
  targets: (m) => m.targets.map((t) => `${t.unit} ${num(t.min)}..${num(t.max)}`),
};

function keyed(ms: MeasureLike[], field: Field): Keyed[] {
  // Document-level units: each (role, name) once per document, wherever it is assigned.
  if (field === "docUnits") return [...new Set(ms.flatMap(KEYS.docUnits))].map((key) => ({ path: "", key }));
  return ms.flatMap((m) => KEYS[field](m).map((key) => ({ path: m.path, key })));
}

/** Multiset match of (path, key) pairs. */
function match(gold: Keyed[], got: Keyed[]): { tp: number; misses: Keyed[]; falses: Keyed[] } {
  const pool = new Map<string, number>();
  const id = (k: Keyed) => `${k.path}\u0000${k.key}`;
  for (const g of got) pool.set(id(g), (pool.get(id(g)) ?? 0) + 1);
  let tp = 0;
  const misses: Keyed[] = [];
  for (const g of gold) {
    const n = pool.get(id(g)) ?? 0;
    if (n > 0) { tp++; pool.set(id(g), n - 1); } else misses.push(g);
  }
  const falses: Keyed[] = [];
  const left = new Map(pool);
  for (const g of got) {
    const n = left.get(id(g)) ?? 0;
    if (n > 0) { falses.push(g); left.set(id(g), n - 1); }
  }
  return { tp, misses, falses };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}

export function emptyScores(): Record<Field, { tp: number; fp: number; fn: number }> {
  return Object.fromEntries(FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<Field, { tp: number; fp: number; fn: number }>;
}

/** Score one or more (gold, extracted) pairs together. */
export function scoreDocuments(pairs: { name: string; gold: GoldDocument; got: PolicyDocument }[]): ScoreReport {
  const counts = emptyScores();
  const findings: Finding[] = [];
  const metadata: ScoreReport["metadata"] = [];
  let metaTotal = 0;
  for (const { name, gold, got } of pairs) {
    for (const field of FIELDS) {
      const r = match(keyed(gold.measures, field), keyed(got.measures, field));
      counts[field].tp += r.tp;
      counts[field].fn += r.misses.length;
      counts[field].fp += r.falses.length;
      for (const m of r.misses) findings.push({ doc: name, field, kind: "miss", path: m.path, item: m.key });
      for (const f of r.falses) findings.push({ doc: name, field, kind: "false", path: f.path, item: f.key });
    }
    for (const k of ["title", "docNumber", "issuer", "region", "issuedDate", "publishedDate"] as const) {
      if (gold[k] === undefined) continue;
      metaTotal++;
      if (JSON.stringify(gold[k]) !== JSON.stringify(got[k])) metadata.push({ field: k, doc: name, gold: gold[k], got: got[k] });
    }
  }
  const fields = Object.fromEntries(
    FIELDS.map((f) => {
      const { tp, fp, fn } = counts[f];
      const precision = ratio(tp, tp + fp), recall = ratio(tp, tp + fn);
      const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
      return [f, { tp, fp, fn, precision, recall, f1 }];
    }),
  ) as Record<Field, FieldScore>;
  const hits = metaTotal - metadata.length;
  return { fields, findings, metadata, metadataScore: { hits, total: metaTotal, accuracy: ratio(hits, metaTotal) } };
}

const FIELD_NAMES: Record<Field, string> = {
  paths: "措施路径",
  unitsByName: "单位（按名称）",
  unitsByCanonical: "单位（按规范名）",
  docUnits: "文件级单位",
  deadlines: "完成时限",
  targets: "量化目标",
};

/** Human-readable report: one line per field, then one line per miss or false hit. */
export function formatReport(r: ScoreReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = ["字段                  准确率    召回率    F1       命中/误报/漏报"];
  for (const f of FIELDS) {
    const s = r.fields[f];
    lines.push(`${FIELD_NAMES[f].padEnd(12, "　")}  ${pct(s.precision).padStart(7)}  ${pct(s.recall).padStart(7)}  ${s.f1.toFixed(3)}    ${s.tp}/${s.fp}/${s.fn}`);
  }
  const ms = r.metadataScore;
  lines.push(`${"元数据".padEnd(12, "　")}  准确 ${pct(ms.accuracy)}（${ms.hits}/${ms.total}）`);
  for (const m of r.metadata) lines.push(`元数据不符  ${m.doc}  ${m.field}：标准 ${JSON.stringify(m.gold)}，抽取 ${JSON.stringify(m.got)}`);
  for (const x of r.findings) lines.push(`${x.kind === "miss" ? "漏报" : "误报"}  ${x.doc}  ${FIELD_NAMES[x.field]}  ${x.path}${x.field === "paths" ? "" : `  ${x.item}`}`);
  return lines.join("\n");
}
