// Follow-up (督办): the tasks of stored documents, each a measure × one unit it is assigned to (its
// lead units, else its responsible units; one task without a unit when the document names none),
// with the progress recorded for it (index/store/tasks.ts) and its light (红黄绿灯) on an as-of date.
// Pure: documents, progress and the as-of date in, tasks out.
import { z } from "zod";
import { taskId, TaskStatus, type TaskProgress } from "../../index/store/tasks.ts";
import { taskUnits } from "../../index/store/task-match.ts";
import type { Deadline, Measure } from "../../extract/schema.ts";
import { clerkDeadline } from "./clerk.ts";
import { documentLabel, taskName } from "./cells.ts";
import { addDays, datedEnds } from "./due.ts";
import type { ExportDocument } from "./model.ts";
import { recurrenceRule } from "./recurrence.ts";
import { planPeriod } from "../../extract/fields/validity.ts";

const DEFAULT_YELLOW_DAYS = 15;

/** TASK_YELLOW_DAYS: days before a deadline a task turns yellow (default 15). */
export function yellowDaysFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.TASK_YELLOW_DAYS);
  return env.TASK_YELLOW_DAYS && Number.isInteger(n) && n >= 0 && n <= 366 ? n : DEFAULT_YELLOW_DAYS;
}

export const Light = z.enum(["红", "黄", "绿", "灰"]);
export type Light = z.infer<typeof Light>;
const LIGHT_RANK: Record<Light, number> = { 红: 3, 黄: 2, 绿: 1, 灰: 0 };

export const Task = z
  .object({
    id: z.string(),
    docId: z.string(),
    docTitle: z.string(),
    docNumber: z.string().nullable(),
    measureId: z.string(),
    path: z.string(),
    task: z.string(), // 重点任务
    unit: z.string(), // the unit as written; "" when the document names none
    role: z.enum(["lead", "responsible", "none"]),
    coop: z.array(z.string()),
    deadline: z.string(), // 完成时限 as a clerk writes it
    due: z.string().nullable(), // the next deadline on or after asOf (dated or recurring), else the last passed one
    light: Light,
    lightReason: z.string(), // "已逾期 12 天", "5 日内到期", "按期推进", "已完成"
    status: TaskStatus,
    completedOn: z.string().nullable(),
    note: z.string().nullable(), // latest 进展情况
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
    planEnd: z.string(), // end of the plan's period (bounds recurring deadlines)
    expired: z.boolean(), // planEnd before asOf
  })
  .meta({ id: "Task" });
export type Task = z.infer<typeof Task>;

const YEAR_RANGE = /((?:19|20)\d{2})\s*[~～—–\-至到]+\s*((?:19|20)\d{2})/;

/**
 * End of a plan's period: the period the document states (有效期至…, 有效期3年, 实施期限, a year range
 * in its title: extract/fields/validity.ts), else the latest dated deadline; without either, the end
 * of the second year after the document's date.
 */
export function planEnd(doc: ExportDocument): string {
  const issued = doc.issuedDate ?? doc.publishedDate ?? null;
  const stated = planPeriod(doc.title, [doc.parts?.preamble ?? "", doc.parts?.closing ?? ""].join("\n"), issued)?.to;
  if (stated) return stated;
  const candidates: string[] = [];
  const range = YEAR_RANGE.exec(doc.title ?? "");
  if (range) candidates.push(`${range[2]}-12-31`);
  for (const m of doc.measures) candidates.push(...datedEnds(m.deadlines));
  if (candidates.length > 0) return candidates.sort().at(-1)!;
  const year = Number((doc.issuedDate ?? doc.publishedDate ?? "").slice(0, 4));
  return Number.isFinite(year) && year > 1900 ? `${year + 2}-12-31` : "9999-12-31";
}

/** The anchor recurring deadlines count from: the document's date, else the plan's first year. */
export function anchorDate(doc: ExportDocument): string | null {
  return doc.issuedDate ?? doc.publishedDate ?? null;
}

function monthsAfter(iso: string, months: number, lastDay: boolean): string {
  const [y, m, d] = iso.split("-").map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  const day = lastDay ? last : Math.min(d, last);
  return `${ny}-${String(nm).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The first occurrence of a recurring deadline on or after `from`, up to `until`; null when none. */
function nextOccurrence(d: Deadline, anchor: string, from: string, until: string): string | null {
  if (d.kind !== "recurring" || !d.recurrence) return null;
  const rule = recurrenceRule(d.recurrence, anchor);
  if (!rule) return null;
  const freq = /FREQ=(\w+)/.exec(rule.rule)?.[1];
  const interval = Number(/INTERVAL=(\d+)/.exec(rule.rule)?.[1] ?? 1);
  let at = rule.start;
  for (let i = 0; i < 5000 && at <= until; i++) {
    if (at >= from) return at;
    if (freq === "WEEKLY") at = addDays(at, 7 * interval);
    else if (freq === "YEARLY") at = monthsAfter(at, 12 * interval, false);
    else at = monthsAfter(at, interval, true);
  }
  return null;
}

/** A task's next deadline, its light and the reason, on `asOf`. */
export function lightOf(
  deadlines: Deadline[],
  status: TaskStatus,
  ctx: { asOf: string; yellowDays: number; anchor: string; planEnd: string },
): { due: string | null; light: Light; lightReason: string } {
  const ends = datedEnds(deadlines);
  const upcoming = [
    ...ends.filter((e) => e >= ctx.asOf),
    ...deadlines.map((d) => nextOccurrence(d, ctx.anchor, ctx.asOf, ctx.planEnd)).filter((e): e is string => e !== null),
  ].sort();
  const last = ends.at(-1) ?? null;
  const due = upcoming[0] ?? last;
  if (status === "已完成" || status === "不适用") return { due, light: "灰", lightReason: status };
  // Red: every dated deadline has passed and the task is not done (a recurring part does not excuse it).
  if (last !== null && last < ctx.asOf) {
    const days = Math.round((Date.parse(`${ctx.asOf}T00:00:00Z`) - Date.parse(`${last}T00:00:00Z`)) / 86400000);
    return { due: last, light: "红", lightReason: `已逾期 ${days} 天` };
  }
  if (upcoming[0] !== undefined && upcoming[0] <= addDays(ctx.asOf, ctx.yellowDays)) {
    const days = Math.round((Date.parse(`${upcoming[0]}T00:00:00Z`) - Date.parse(`${ctx.asOf}T00:00:00Z`)) / 86400000);
    return { due, light: "黄", lightReason: days === 0 ? "今日到期" : `${days} 日内到期` };
  }
  if (upcoming.length > 0) return { due, light: "绿", lightReason: "按期推进" };
  if (deadlines.some((d) => d.kind === "recurring")) return { due, light: "绿", lightReason: "周期任务（计划期已过）" };
  if (deadlines.some((d) => d.kind === "ongoing")) return { due, light: "绿", lightReason: "持续推进" };
  return { due, light: "绿", lightReason: "时限未明确" };
}

/** The worst light among several (红 before 黄 before 绿 before 灰). */
export function worstLight(lights: Light[]): Light | null {
  return lights.length === 0 ? null : lights.reduce((a, b) => (LIGHT_RANK[b] > LIGHT_RANK[a] ? b : a));
}

/** The units a measure's tasks belong to (shared with the store, which matches tasks across document versions). */
export { taskUnits };

export interface FollowUpContext {
  progress: Map<string, TaskProgress>;
  asOf: string;
  yellowDays: number;
}

/** The tasks of one measure, with their progress and lights. */
export function measureTasks(doc: ExportDocument, m: Measure, ctx: FollowUpContext, end = planEnd(doc)): Task[] {
  const anchor = anchorDate(doc) ?? ctx.asOf;
  const coop = [...new Set(m.units.filter((u) => u.role === "coop").map((u) => u.name))];
  return taskUnits(m).map(({ unit, canonical, role }) => {
    const id = taskId(doc.id, m.path, canonical);
    const p = ctx.progress.get(id);
    const status = p?.status ?? "未开始";
    return {
      id,
      docId: doc.id,
      docTitle: documentLabel(doc),
      docNumber: doc.docNumber,
      measureId: m.id,
      path: m.path,
      task: taskName(m),
      unit,
      role,
      coop,
      deadline: clerkDeadline(m.deadlines),
      ...lightOf(m.deadlines, status, { asOf: ctx.asOf, yellowDays: ctx.yellowDays, anchor, planEnd: end }),
      status,
      completedOn: p?.completedOn ?? null,
      note: p?.note ?? null,
      updatedAt: p?.updatedAt ?? null,
      updatedBy: p?.updatedBy ?? null,
      planEnd: end,
      expired: end < ctx.asOf,
    };
  });
}

/** Every task of some documents, in document order. */
export function documentTasks(docs: ExportDocument[], ctx: FollowUpContext): Task[] {
  const out: Task[] = [];
  for (const d of docs) {
    const end = planEnd(d);
    for (const m of d.measures) out.push(...measureTasks(d, m, ctx, end));
  }
  return out;
}
