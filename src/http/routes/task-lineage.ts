// A task asked for by an id of an earlier version of its document (index/store/task-match.ts): a task that moved to
// the new version answers as the task it now is (movedFrom: the id asked); a task the new version no longer has
// (or whose document was deleted) answers as it was, 已移除, with its progress and history.
import { z } from "zod";
import type { StoreEngine } from "../../../index/store/engine.ts";
import type { RemovedTask } from "../../../index/store/task-match.ts";
import { TaskHistoryEntry } from "../../../index/store/tasks.ts";
import { measureTasks, Task, type FollowUpContext } from "../../exports/followup.ts";

export const TaskLineage = {
  movedFrom: z.string().optional().meta({ description: "所查的任务编号属于文件的旧版本：文件替换后该任务的新编号即 task.id" }),
  removed: z
    .object({ at: z.string(), replacedBy: z.string().nullable().meta({ description: "替换它的文件编号；文件被删除时为 null" }) })
    .optional()
    .meta({ description: "已移除：文件的新版本中没有这项任务（或文件已删除）；task 为移除前的样子，进展与修改记录仍保留" }),
};

export type TaskDetail = { task: Task; history: TaskHistoryEntry[]; movedFrom?: string; removed?: { at: string; replacedBy: string | null } };

/** A removed task as it was, its light grey and its reason 已移除. */
export function removedView(r: RemovedTask, store: StoreEngine, ctx: FollowUpContext): Task {
  const tasks = measureTasks({ ...r.doc, measures: [r.measure] }, r.measure, ctx);
  const base = tasks.find((t) => t.id === r.id) ?? tasks.find((t) => t.unit === r.unit) ?? tasks[0];
  const p = store.tasks().get(r.id);
  return {
    ...base,
    id: r.id,
    unit: r.unit || base.unit,
    status: p?.status ?? base.status,
    completedOn: p?.completedOn ?? null,
    note: p?.note ?? null,
    updatedAt: p?.updatedAt ?? null,
    updatedBy: p?.updatedBy ?? null,
    light: "灰",
    lightReason: r.replacedBy ? "已移除（文件已替换为新版本，新版本中没有这项任务）" : "已移除（文件已删除）",
  };
}

/** The task `id` names: current, moved to a new version, or removed; null when the id is unknown. */
export function taskDetail(store: StoreEngine, id: string, ctx: FollowUpContext, find: (id: string) => Task | null): TaskDetail | null {
  const tasks = store.tasks();
  const task = find(id);
  if (task) return { task, history: tasks.history(id) };
  const moved = tasks.movedTo(id);
  const now = moved ? find(moved) : null;
  if (now) return { task: now, history: tasks.history(now.id), movedFrom: id };
  const removed = tasks.removed(id);
  if (removed) return { task: removedView(removed, store, ctx), history: tasks.history(id), removed: { at: removed.removedAt, replacedBy: removed.replacedBy } };
  return null;
}
