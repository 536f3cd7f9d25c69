// Follow-up (督办) state of tasks, in the store's own SQLite database: one row per task that has been
// touched (status, completion date, latest progress note) and an append-only history of every change
// with its editor and time. A task is identified by a stable id derived from its document, measure
// path and unit (see taskId); rows outlive their document (a removed or expired plan keeps its
// history). A changed version of a document takes its tasks' progress along (task-match.ts). The tables are
// made by the schema's migrations (schema.ts); a read-only store of an older schema reads what exists.
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { z } from "zod";
import { carryOverSteps, REMOVED_LIST, removedTask, type CarryOverPlan, type RemovedRow, type RemovedTask } from "./task-match.ts";

export const TASK_STATUSES = ["未开始", "推进中", "已完成", "已暂停", "不适用"] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

/** Longest progress note kept (characters). */
export const MAX_NOTE = 2000;


export const TaskProgress = z.object({
  id: z.string(),
  docId: z.string(),
  measureId: z.string(),
  unit: z.string(),
  status: TaskStatus,
  completedOn: z.string().nullable(),
  note: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type TaskProgress = z.infer<typeof TaskProgress>;

export const TaskHistoryEntry = z.object({
  at: z.string(),
  editor: z.string(),
  /** The status set by this change, null when it left the status as it was. */
  status: TaskStatus.nullable(),
  completedOn: z.string().nullable(),
  note: z.string().nullable(),
  /** "api" (PATCH) or "import" (a filled-in table). */
  source: z.string(),
});
export type TaskHistoryEntry = z.infer<typeof TaskHistoryEntry>;

/** One change to a task: fields left undefined are kept as they are. */
export interface TaskChange {
  task: { id: string; docId: string; measureId: string; unit: string };
  status?: TaskStatus;
  /** YYYY-MM-DD, or null to clear it. */
  completedOn?: string | null;
  note?: string;
}

/** Stable id of a task: its document, its measure's path and its unit. */
export function taskId(docId: string, path: string, unit: string): string {
  return createHash("sha256").update(`${docId}\u0000${path}\u0000${unit}`).digest("hex").slice(0, 16);
}

/** Rows of task_progress and task_history as both engines read them, and the records they make. */
export type ProgressRow = { id: string; doc_id: string; measure_id: string; unit: string; status: string; completed_on: string | null; note: string | null; updated_at: string; updated_by: string };
export type HistoryRow = { at: string; editor: string; status: string | null; completed_on: string | null; note: string | null; source: string };

export const progress = (r: ProgressRow): TaskProgress => ({
  id: r.id, docId: r.doc_id, measureId: r.measure_id, unit: r.unit, status: r.status as TaskStatus,
  completedOn: r.completed_on, note: r.note, updatedAt: r.updated_at, updatedBy: r.updated_by,
});

export const historyEntry = (r: HistoryRow): TaskHistoryEntry => ({
  at: r.at, editor: r.editor, status: r.status as TaskStatus | null, completedOn: r.completed_on, note: r.note, source: r.source,
});

/**
 * A change checked and laid over the task's current progress (both store engines). Checked inside the write
 * transaction too: a bad change anywhere in a batch leaves every task as it was.
 */
export function mergeTaskChange(ch: TaskChange, old: Pick<TaskProgress, "status" | "completedOn" | "note"> | null | undefined): { status: TaskStatus; completedOn: string | null; note: string | null } {
  if (ch.status !== undefined) TaskStatus.parse(ch.status);
  if (ch.note !== undefined && ch.note.length > MAX_NOTE) throw new Error(`进展情况过长（上限 ${MAX_NOTE} 字）`);
  if (ch.completedOn != null && !/^\d{4}-\d{2}-\d{2}$/.test(ch.completedOn)) throw new Error(`完成时间应为 YYYY-MM-DD：${ch.completedOn}`);
  return {
    status: ch.status ?? old?.status ?? "未开始",
    completedOn: ch.completedOn !== undefined ? ch.completedOn : (old?.completedOn ?? null),
    note: ch.note !== undefined ? ch.note : (old?.note ?? null),
  };
}

export class TaskStore {
  private ready = false;

  constructor(private readonly db: Database.Database, private readonly writable: boolean) {
    this.ready = this.exists();
  }

  private exists(): boolean {
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'task_progress'").get() !== undefined;
  }

  /** Whether the tables of moved and removed tasks exist (schema 3; a read-only older store lacks them). */
  private hasMoves(): boolean {
    return (this.moves ??= this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'task_moves'").get() !== undefined);
  }
  private moves: boolean | undefined;

  /** The task an old id moved to when its document was replaced, or null. */
  movedTo(id: string): string | null {
    if (!this.hasMoves()) return null;
    return (this.db.prepare("SELECT new_id FROM task_moves WHERE old_id = ?").pluck().get(id) as string | undefined) ?? null;
  }

  /** A task its document's new version no longer has (or whose document was deleted), or null. */
  removed(id: string): RemovedTask | null {
    if (!this.hasMoves()) return null;
    const r = this.db.prepare("SELECT * FROM task_removed WHERE id = ?").get(id) as RemovedRow | undefined;
    return r ? removedTask(r) : null;
  }

  /** Every removed task, the latest removed first. */
  removedList(): RemovedTask[] {
    if (!this.hasMoves()) return [];
    return (this.db.prepare(REMOVED_LIST).all() as RemovedRow[]).map(removedTask);
  }

  /** Progress rows of a document's tasks (what a replacement or deletion carries over). */
  rowsOf(docId: string): { id: string; measure_id: string; unit: string }[] {
    if (!this.ready && !(this.ready = this.exists())) return [];
    return this.db.prepare("SELECT id, measure_id, unit FROM task_progress WHERE doc_id = ?").all(docId) as { id: string; measure_id: string; unit: string }[];
  }

  /** Inside the ingest's (or deletion's) transaction: write a carry-over plan (task-match.ts). */
  carryOver(plan: CarryOverPlan, now: Date = new Date()): void {
    for (const step of carryOverSteps(plan, now.toISOString())) this.db.prepare(step.sql).run(...step.params);
  }

  /** Progress of every touched task, by id. */
  all(): Map<string, TaskProgress> {
    if (!this.ready && !(this.ready = this.exists())) return new Map();
    const rows = this.db.prepare("SELECT * FROM task_progress").all() as ProgressRow[];
    return new Map(rows.map((r) => [r.id, progress(r)]));
  }

  get(id: string): TaskProgress | null {
    if (!this.ready && !(this.ready = this.exists())) return null;
    const r = this.db.prepare("SELECT * FROM task_progress WHERE id = ?").get(id) as ProgressRow | undefined;
    return r ? progress(r) : null;
  }

  history(id: string): TaskHistoryEntry[] {
    if (!this.ready && !(this.ready = this.exists())) return [];
    const rows = this.db.prepare("SELECT at, editor, status, completed_on, note, source FROM task_history WHERE task_id = ? ORDER BY seq").all(id) as HistoryRow[];
    return rows.map(historyEntry);
  }

  /**
   * Apply changes in one transaction (all or nothing), each recorded in the history with its editor
   * and time. Returns the progress of the changed tasks.
   */
  apply(changes: TaskChange[], editor: string, source: "api" | "import", now: Date = new Date()): TaskProgress[] {
    if (!this.writable) throw new Error("数据目录只读，进展未保存");
    const at = now.toISOString();
    const upsert = this.db.prepare(
      `INSERT INTO task_progress (id, doc_id, measure_id, unit, status, completed_on, note, updated_at, updated_by)
       VALUES (@id, @docId, @measureId, @unit, @status, @completedOn, @note, @at, @editor)
       ON CONFLICT(id) DO UPDATE SET doc_id = @docId, measure_id = @measureId, unit = @unit, status = @status,
         completed_on = @completedOn, note = @note, updated_at = @at, updated_by = @editor`,
    );
    const log = this.db.prepare("INSERT INTO task_history (task_id, at, editor, status, completed_on, note, source) VALUES (?, ?, ?, ?, ?, ?, ?)");
    const tx = this.db.transaction((): TaskProgress[] => {
      const out: TaskProgress[] = [];
      for (const ch of changes) {
        const { status, completedOn, note } = mergeTaskChange(ch, this.get(ch.task.id));
        upsert.run({ ...ch.task, status, completedOn, note, at, editor });
        log.run(ch.task.id, at, editor, ch.status ?? null, ch.completedOn !== undefined ? ch.completedOn : null, ch.note ?? null, source);
        out.push(this.get(ch.task.id)!);
      }
      return out;
    });
    return tx.immediate();
  }

  /** All rows, for tests that check nothing changed. */
  snapshot(): string {
    if (!this.ready && !(this.ready = this.exists())) return "[]";
    return JSON.stringify([this.db.prepare("SELECT * FROM task_progress ORDER BY id").all(), this.db.prepare("SELECT * FROM task_history ORDER BY seq").all()]);
  }
}
