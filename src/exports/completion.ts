// A task's completion date goes with the status 已完成: the one rule that PATCH /api/tasks/:id and the
// import of a filled-in table both apply (a date only on a completed task, never after today; 已完成 without
// a date is done today; a task reopened loses its date).
import type { TaskChange, TaskStatus } from "../../index/store/tasks.ts";
import { todayInChina } from "./due.ts";

/** The status and completion date a change leaves a task with, or the Chinese reason it cannot (without the field's or row's name; notDone: a date on a task not completed). */
export function settleCompletion(
  current: { status: TaskStatus; completedOn: string | null },
  change: Pick<TaskChange, "status" | "completedOn">,
  today = todayInChina(),
): { completedOn: string | null | undefined } | { error: string; notDone?: true } {
  const day = change.completedOn;
  if (day && day > today) return { error: `完成时间 ${day} 晚于今天（${today}），请填写实际完成的日期` };
  const status = change.status ?? current.status;
  if (status === "已完成") return { completedOn: day === undefined && !current.completedOn ? today : day };
  if (day) return { error: `任务状态为“${status}”，只有已完成的任务填写完成时间`, notDone: true };
  return { completedOn: day === undefined && current.completedOn ? null : day };
}
