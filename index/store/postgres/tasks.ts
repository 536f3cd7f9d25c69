// Follow-up (督办) progress and history on PostgreSQL: the same rows and rules as tasks.ts (TaskStore).
// A batch of changes is one transaction (all or nothing) under the store's write lock, and is logged
// in the change log so that every replica sees it.
import type { TaskEngine } from "../engine.ts";
import { historyEntry, mergeTaskChange, progress, type HistoryRow, type ProgressRow, type TaskChange, type TaskHistoryEntry, type TaskProgress } from "../tasks.ts";
import type { PgConnection } from "./connection.ts";
import { WRITE_LOCK } from "./schema.ts";
import { carryOverSteps, REMOVED_LIST, removedTask, type CarryOverPlan, type RemovedRow, type RemovedTask } from "../task-match.ts";
import { numbered } from "./jobs.ts";

export class PgTaskStore implements TaskEngine {
  constructor(
    private readonly db: PgConnection,
    private readonly logChange: (docId: string) => void,
  ) {}

  all(): Map<string, TaskProgress> {
    return new Map(this.db.all<ProgressRow>("SELECT * FROM task_progress").map((r) => [r.id, progress(r)]));
  }

  get(id: string): TaskProgress | null {
    const r = this.db.get<ProgressRow>("SELECT * FROM task_progress WHERE id = $1", [id]);
    return r ? progress(r) : null;
  }

  history(id: string): TaskHistoryEntry[] {
    return this.db.all<HistoryRow>("SELECT at, editor, status, completed_on, note, source FROM task_history WHERE task_id = $1 ORDER BY seq", [id]).map(historyEntry);
  }

  movedTo(id: string): string | null {
    return this.db.value<string>("SELECT new_id FROM task_moves WHERE old_id = $1", [id]) ?? null;
  }

  removed(id: string): RemovedTask | null {
    const r = this.db.get<RemovedRow>("SELECT * FROM task_removed WHERE id = $1", [id]);
    return r ? removedTask(r) : null;
  }

  removedList(): RemovedTask[] {
    return this.db.all<RemovedRow>(REMOVED_LIST).map(removedTask);
  }

  /** Progress rows of a document's tasks (what a replacement or deletion carries over). */
  rowsOf(docId: string): { id: string; measure_id: string; unit: string }[] {
    return this.db.all<{ id: string; measure_id: string; unit: string }>("SELECT id, measure_id, unit FROM task_progress WHERE doc_id = $1", [docId]);
  }

  /** Inside the ingest's (or deletion's) transaction: write a carry-over plan (task-match.ts), in one crossing. */
  carryOver(plan: CarryOverPlan, now: Date = new Date()): void {
    const steps = carryOverSteps(plan, now.toISOString());
    if (steps.length) this.db.batch(steps.map((st) => ({ sql: numbered(st.sql), params: st.params })));
  }

  apply(changes: TaskChange[], editor: string, source: "api" | "import", now: Date = new Date()): TaskProgress[] {
    const at = now.toISOString();
    return this.db.tx((): TaskProgress[] => {
      const out: TaskProgress[] = [];
      const docs = new Set<string>();
      for (const ch of changes) {
        const old = this.get(ch.task.id);
        const { status, completedOn, note } = mergeTaskChange(ch, old);
        const [rows] = this.db.batch([
          {
            sql: `INSERT INTO task_progress (id, doc_id, measure_id, unit, status, completed_on, note, updated_at, updated_by)
              VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
              ON CONFLICT (id) DO UPDATE SET doc_id = $2, measure_id = $3, unit = $4, status = $5, completed_on = $6, note = $7, updated_at = $8, updated_by = $9
              RETURNING *`,
            params: [ch.task.id, ch.task.docId, ch.task.measureId, ch.task.unit, status, completedOn, note, at, editor],
          },
          {
            sql: "INSERT INTO task_history (task_id, at, editor, status, completed_on, note, source) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            params: [ch.task.id, at, editor, ch.status ?? null, ch.completedOn !== undefined ? ch.completedOn : null, ch.note ?? null, source],
          },
        ]);
        out.push(progress(rows[0] as ProgressRow));
        docs.add(ch.task.docId);
      }
      for (const d of docs) this.logChange(d);
      return out;
    }, WRITE_LOCK);
  }

  snapshot(): string {
    const [p, h] = this.db.batch([{ sql: `SELECT * FROM task_progress ORDER BY id COLLATE "C"` }, { sql: "SELECT * FROM task_history ORDER BY seq" }]);
    return JSON.stringify([p, h]);
  }
}
