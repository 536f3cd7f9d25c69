// What becomes of a document's tasks when a changed version replaces it (both store engines). A task's id is
// derived from its document, measure path and unit (tasks.ts taskId), so every task of a new version has a new
// id. Each old task that has follow-up (督办) progress is matched to the task of the new version that is the
// same work: the same unit, at the same path with the same or similar text, or with the same text at another
// path (a measure renumbered). A matched task's progress and history move to the new id, and the old id
// keeps pointing to it (task_moves); an unmatched one keeps its progress and history under its old id and is
// recorded as removed, with its document and measure as they were (task_removed). A correction that renames a document's
// units (their canonical names follow its region) changes its tasks' ids too: they move the same way (planRename).
import { z } from "zod";
import { Measure, PolicyDocument } from "../../extract/schema.ts";
import { taskId } from "./tasks.ts";

export type TaskRole = "lead" | "responsible" | "none";

/** The units a measure's tasks belong to: lead units, else responsible units, by written name (one per canonical name). */
export function taskUnits(m: Pick<Measure, "units">): { unit: string; canonical: string; role: TaskRole }[] {
  const pick = (role: "lead" | "responsible") => {
    const seen = new Map<string, string>();
    for (const u of m.units) if (u.role === role && !seen.has(u.canonical)) seen.set(u.canonical, u.name);
    return [...seen].map(([canonical, unit]) => ({ unit, canonical, role }));
  };
  const lead = pick("lead");
  if (lead.length > 0) return lead;
  const responsible = pick("responsible");
  return responsible.length > 0 ? responsible : [{ unit: "", canonical: "", role: "none" as const }];
}

/** One task of a document version. */
export interface TaskSlot {
  id: string;
  measure: Measure;
  /** The unit as written ("" when the measure names none) and its canonical name (part of the id). */
  unit: string;
  canonical: string;
}

export function taskSlots(docId: string, measures: Measure[]): TaskSlot[] {
  return measures.flatMap((measure) => taskUnits(measure).map(({ unit, canonical }) => ({ id: taskId(docId, measure.path, canonical), measure, unit, canonical })));
}

/** Text similarity of two measures: Dice coefficient of their character bigrams (title and text, spaces left out). */
function measureSimilarity(a: Pick<Measure, "title" | "text">, b: Pick<Measure, "title" | "text">): number {
  const grams = (m: Pick<Measure, "title" | "text">) => {
    const s = `${m.title ?? ""}${m.text}`.replace(/\s+/g, "");
    const out = new Map<string, number>();
    for (let i = 0; i + 1 < s.length; i++) out.set(s.slice(i, i + 2), (out.get(s.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  let both = 0;
  let total = 0;
  for (const n of ga.values()) total += n;
  for (const [g, n] of gb) {
    total += n;
    both += Math.min(n, ga.get(g) ?? 0);
  }
  return total === 0 ? 1 : (2 * both) / total;
}

/** At the same path: at least this similar (a reworded or extended measure). */
const SAME_PATH_SIMILARITY = 0.5;
/** At another path: at least this similar (the same measure renumbered). */
const MOVED_SIMILARITY = 0.9;

/**
 * Old task id → new task id, one to one: pairs of the same canonical unit, at the same path with similarity
 * ≥ SAME_PATH_SIMILARITY or at another path with ≥ MOVED_SIMILARITY, best first (same path before moved).
 */
function matchTasks(old: TaskSlot[], next: TaskSlot[]): Map<string, string> {
  const pairs: { from: string; to: string; score: number }[] = [];
  const byUnit = new Map<string, TaskSlot[]>();
  for (const n of next) byUnit.set(n.canonical, [...(byUnit.get(n.canonical) ?? []), n]);
  for (const o of old)
    for (const n of byUnit.get(o.canonical) ?? []) {
      const same = o.measure.path === n.measure.path;
      const sim = measureSimilarity(o.measure, n.measure);
      if (same ? sim >= SAME_PATH_SIMILARITY : sim >= MOVED_SIMILARITY) pairs.push({ from: o.id, to: n.id, score: (same ? 1 : 0) + sim });
    }
  pairs.sort((a, b) => b.score - a.score || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const p of pairs) {
    if (out.has(p.from) || taken.has(p.to)) continue;
    out.set(p.from, p.to);
    taken.add(p.to);
  }
  return out;
}

/** A document as a removed task records it (no measures: the task's own measure is kept beside it). */
export const RemovedDocument = PolicyDocument.omit({ measures: true });
export type RemovedDocument = z.infer<typeof RemovedDocument>;

/** A task its document's new version no longer has (or whose document was deleted), as it was. */
export const RemovedTask = z.object({
  id: z.string(),
  doc: RemovedDocument,
  measure: Measure,
  /** The unit as written. */
  unit: z.string(),
  removedAt: z.string(),
  /** The document that replaced it; null when the document was deleted. */
  replacedBy: z.string().nullable(),
});
export type RemovedTask = z.infer<typeof RemovedTask>;

/** A stored document's metadata as a removed task records it. */
export function removedDocument(s: Omit<RemovedDocument, "format"> & { format: string }): RemovedDocument {
  const { id, source, format, title, docNumber, issuer, region, issuedDate, publishedDate } = s;
  return RemovedDocument.parse({ id, source, format, title, docNumber, issuer, region, issuedDate, publishedDate });
}

/** A document about to be replaced or deleted, with its tasks that have progress (what planCarryOver reads). */
export interface Retiring {
  doc: RemovedDocument;
  measures: Measure[];
  rows: ProgressRef[];
}

export type RemovedRow = { id: string; doc: string; measure: string; unit: string; removed_at: string; replaced_by: string | null };

/** Every removed task, the latest removed first (the same SQL on both engines). */
export const REMOVED_LIST = "SELECT * FROM task_removed ORDER BY removed_at DESC, id";

export const removedTask = (r: RemovedRow): RemovedTask =>
  RemovedTask.parse({ id: r.id, doc: JSON.parse(r.doc), measure: JSON.parse(r.measure), unit: r.unit, removedAt: r.removed_at, replacedBy: r.replaced_by });

/** A task progress row as both engines store it (the columns carry-over reads). */
export interface ProgressRef {
  id: string;
  measure_id: string;
  unit: string;
}

/** What carry-over writes: tasks moved to the new version, and tasks recorded as removed. */
export interface CarryOverPlan {
  moves: { from: string; to: string; docId: string; measureId: string; unit: string }[];
  removed: { id: string; docId: string; doc: string; measure: string; unit: string; replacedBy: string | null }[];
}

/**
 * The carry-over of a replaced (or deleted: `next` null) document's tasks that have progress rows. A row whose
 * id is not among the old version's tasks (its unit was renamed since) is found by its measure and written unit.
 */
export function planCarryOver(old: Retiring, next: { id: string; measures: Measure[] } | null): CarryOverPlan {
  const oldSlots = taskSlots(old.doc.id, old.measures);
  const newSlots = next ? taskSlots(next.id, next.measures) : [];
  const slotOf = (r: ProgressRef) => oldSlots.find((s) => s.id === r.id) ?? oldSlots.find((s) => s.measure.id === r.measure_id && s.unit === r.unit);
  const found = old.rows.map((r) => ({ row: r, slot: slotOf(r) }));
  const match = matchTasks(found.flatMap(({ row, slot }) => (slot ? [{ ...slot, id: row.id }] : [])), newSlots);
  const plan: CarryOverPlan = { moves: [], removed: [] };
  const newById = new Map(newSlots.map((s) => [s.id, s]));
  for (const { row, slot } of found) {
    const to = match.get(row.id);
    const target = to ? newById.get(to) : undefined;
    if (target) plan.moves.push({ from: row.id, to: target.id, docId: next!.id, measureId: target.measure.id, unit: target.unit });
    else {
      const measure = slot?.measure ?? old.measures.find((m) => m.id === row.measure_id);
      if (!measure) continue; // nothing to describe it by: its progress and history stay as they are
      plan.removed.push({ id: row.id, docId: old.doc.id, doc: JSON.stringify(old.doc), measure: JSON.stringify(measure), unit: row.unit, replacedBy: next?.id ?? null });
    }
  }
  return plan;
}

/**
 * The carry-over of a document whose units were renamed in place: a correction of its metadata re-qualifies the
 * canonical unit names (they follow the region), and with them the ids of its tasks. Each task with progress moves to
 * the task of the same measure and the same unit as written, under its new name; a task whose id did not change
 * stays. One left without a task (two written names now one unit, whose task another took) is recorded as removed,
 * the document itself as what replaced it. Nothing to do: an empty plan.
 */
export function planRename(old: Retiring, measures: Measure[]): CarryOverPlan {
  const oldSlots = taskSlots(old.doc.id, old.measures);
  const newSlots = taskSlots(old.doc.id, measures);
  const newIds = new Set(newSlots.map((s) => s.id));
  const plan: CarryOverPlan = { moves: [], removed: [] };
  const taken = new Set(old.rows.filter((r) => newIds.has(r.id)).map((r) => r.id));
  for (const row of old.rows) {
    if (newIds.has(row.id)) continue; // its unit's name did not change
    const slot = oldSlots.find((s) => s.id === row.id) ?? oldSlots.find((s) => s.measure.id === row.measure_id && s.unit === row.unit);
    const written = slot?.unit ?? row.unit;
    const measure = measures.find((m) => m.id === row.measure_id);
    const canonical = measure?.units.find((u) => u.name === written && (u.role === "lead" || u.role === "responsible"))?.canonical;
    const target = newSlots.find((s) => s.measure.id === row.measure_id && (s.canonical === canonical || (written === "" && s.unit === "")));
    if (target && !taken.has(target.id)) {
      taken.add(target.id);
      plan.moves.push({ from: row.id, to: target.id, docId: old.doc.id, measureId: target.measure.id, unit: target.unit });
      continue;
    }
    const was = slot?.measure ?? old.measures.find((m) => m.id === row.measure_id);
    if (was) plan.removed.push({ id: row.id, docId: old.doc.id, doc: JSON.stringify(old.doc), measure: JSON.stringify(was), unit: row.unit, replacedBy: old.doc.id });
  }
  return plan;
}

/**
 * The statements that write a plan, in order, with `?` placeholders (SQLite as is; PostgreSQL numbers them).
 * A moved task: its progress row under the new id, its history re-keyed, the old id (and ids that had moved to
 * it) pointing to the new one. A removed task: recorded as it was; its progress and history stay as they are.
 */
export function carryOverSteps(plan: CarryOverPlan, at: string): { sql: string; params: unknown[] }[] {
  const steps: { sql: string; params: unknown[] }[] = [];
  for (const m of plan.moves) {
    steps.push(
      {
        sql: `INSERT INTO task_progress (id, doc_id, measure_id, unit, status, completed_on, note, updated_at, updated_by)
          SELECT ?, ?, ?, ?, status, completed_on, note, updated_at, updated_by FROM task_progress WHERE id = ?
          ON CONFLICT (id) DO UPDATE SET doc_id = excluded.doc_id, measure_id = excluded.measure_id, unit = excluded.unit, status = excluded.status,
            completed_on = excluded.completed_on, note = excluded.note, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        params: [m.to, m.docId, m.measureId, m.unit, m.from],
      },
      { sql: "DELETE FROM task_progress WHERE id = ?", params: [m.from] },
      { sql: "UPDATE task_history SET task_id = ? WHERE task_id = ?", params: [m.to, m.from] },
      { sql: "UPDATE task_moves SET new_id = ? WHERE new_id = ?", params: [m.to, m.from] },
      { sql: "INSERT INTO task_moves (old_id, new_id, at) VALUES (?, ?, ?) ON CONFLICT (old_id) DO UPDATE SET new_id = excluded.new_id, at = excluded.at", params: [m.from, m.to, at] },
      // The new id in use again (a version stored before came back): no longer moved nor removed.
      { sql: "DELETE FROM task_moves WHERE old_id = ?", params: [m.to] },
      { sql: "DELETE FROM task_removed WHERE id = ?", params: [m.to] },
    );
  }
  for (const r of plan.removed)
    steps.push({
      sql: `INSERT INTO task_removed (id, doc_id, doc, measure, unit, removed_at, replaced_by) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET doc_id = excluded.doc_id, doc = excluded.doc, measure = excluded.measure, unit = excluded.unit,
          removed_at = excluded.removed_at, replaced_by = excluded.replaced_by`,
      params: [r.id, r.docId, r.doc, r.measure, r.unit, at, r.replacedBy],
    });
  return steps;
}
