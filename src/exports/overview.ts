// Selecting tasks (GET /api/tasks filters), the 督办 view (due within N days or overdue, sortable) and
// its table for export.
import type { Region } from "../../extract/schema.ts";
import { columnsFor } from "./columns.ts";
import { addDays } from "./due.ts";
import { measureTasks, planEnd, taskUnits, type FollowUpContext, type Light, type Task } from "./followup.ts";
import type { ExportDocument, ExportTable, ItemRow, TableOptions } from "./model.ts";
import type { TaskStatus } from "../../index/store/tasks.ts";
import { unitMatcher } from "./unit-match.ts";

export interface TaskFilter {
  doc?: string;
  /** Any alias, as the unit page matches it. */
  unit?: string;
  /** The unit keys the unit page counts for `unit` (merged twins; SearchIndex.unitKeys): matched by these when given. */
  unitKeys?: string[];
  status?: TaskStatus;
  light?: Light;
  /** Tasks whose next deadline is on or before this day. */
  dueBefore?: string;
  province?: string;
  city?: string;
  county?: string;
  /** Leave out tasks of plans whose period ended before the as-of date. */
  hideExpired?: boolean;
}

const regionMatches = (r: Region, f: TaskFilter) =>
  (!f.province || r.province === f.province) && (!f.city || r.city === f.city) && (!f.county || r.county === f.county);

/** The tasks of some documents that pass the filter, in document order. */
export function selectTasks(docs: ExportDocument[], ctx: FollowUpContext, f: TaskFilter = {}): Task[] {
  const out: Task[] = [];
  for (const d of docs) {
    if (f.doc && d.id !== f.doc) continue;
    if (!regionMatches(d.region, f)) continue;
    const end = planEnd(d);
    if (f.hideExpired && end < ctx.asOf) continue;
    const matcher = f.unit ? unitMatcher(f.unit, d.region, f.unitKeys && new Set(f.unitKeys)) : null;
    for (const m of d.measures) {
      let tasks = measureTasks(d, m, ctx, end);
      if (matcher) {
        const owners = taskUnits(m);
        const wanted = new Set(
          owners.filter((o) => o.role !== "none" && matcher.matches([{ role: o.role === "lead" ? "lead" : "responsible", name: o.unit, canonical: o.canonical }]).length > 0).map((o) => o.unit),
        );
        tasks = tasks.filter((t) => wanted.has(t.unit));
      }
      for (const t of tasks) {
        if (f.status && t.status !== f.status) continue;
        if (f.light && t.light !== f.light) continue;
        if (f.dueBefore && !(t.due !== null && t.due <= f.dueBefore)) continue;
        out.push(t);
      }
    }
  }
  return out;
}

export const OVERVIEW_SORTS = ["due", "light", "unit", "doc", "status"] as const;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];

const LIGHT_ORDER: Record<Light, number> = { 红: 0, 黄: 1, 绿: 2, 灰: 3 };
const STATUS_ORDER: Record<TaskStatus, number> = { 未开始: 0, 推进中: 1, 已暂停: 2, 已完成: 3, 不适用: 4 };

/** Sort tasks by a key (ties by due date, then document order); `desc` reverses. */
export function sortTasks(tasks: Task[], by: OverviewSort = "due", desc = false): Task[] {
  const order = new Map(tasks.map((t, i) => [t.id, i]));
  const due = (t: Task) => t.due ?? "9999-99-99";
  const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const key = (a: Task, b: Task): number => {
    switch (by) {
      case "light":
        return LIGHT_ORDER[a.light] - LIGHT_ORDER[b.light];
      case "unit":
        return a.unit.localeCompare(b.unit, "zh-CN");
      case "doc":
        return a.docTitle.localeCompare(b.docTitle, "zh-CN");
      case "status":
        return STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
      default:
        return 0;
    }
  };
  const sorted = [...tasks].sort((a, b) => key(a, b) || cmpStr(due(a), due(b)) || order.get(a.id)! - order.get(b.id)!);
  return desc ? sorted.reverse() : sorted;
}

/** The 督办 view: tasks not done that are overdue (红) or due within `days` of the as-of date. */
export function overviewTasks(tasks: Task[], asOf: string, days: number): Task[] {
  const limit = addDays(asOf, days);
  return tasks.filter((t) => t.light !== "灰" && (t.light === "红" || (t.due !== null && t.due >= asOf && t.due <= limit)));
}

/** A list of tasks as a table (one row per task): the 督办 view's export. */
export function tasksTable(tasks: Task[], opts: TableOptions & { title: string; meta: string[] }): ExportTable {
  const rows: ItemRow[] = tasks.map((t, i) => ({
    kind: "item",
    docId: t.docId,
    docTitle: t.docTitle,
    measureId: t.measureId,
    cells: {
      no: String(i + 1),
      doc: t.docNumber ? `${t.docTitle}（${t.docNumber}）` : t.docTitle,
      task: t.task,
      unit: t.unit || "未明确",
      lead: t.unit || "未明确",
      coop: t.coop.join("、"),
      deadline: t.deadline,
      due: t.due ?? "",
      light: `${t.light}灯（${t.lightReason}）`,
      status: t.status,
      completed: t.completedOn ?? "",
      progress: t.note ?? "",
      remark: "",
      path: t.path,
      id: t.id,
    },
    deadlines: [],
    mark: null,
    anchorDate: null,
    light: t.light,
    done: t.light === "灰",
  }));
  return {
    kind: "tasks",
    title: opts.title,
    subtitle: "督办清单",
    meta: opts.meta,
    columns: columnsFor("tasks", opts),
    sheets: [{ name: opts.title, title: opts.title, meta: opts.meta, rows }],
  };
}

export interface OverviewParams extends TaskFilter {
  asOf: string;
  /** Due within this many days of asOf (overdue ones always). */
  days: number;
  sort?: OverviewSort;
  desc?: boolean;
}

/** The 督办 view over some documents: select, keep overdue and due-soon tasks, sort. */
export function overview(docs: ExportDocument[], ctx: FollowUpContext, p: OverviewParams): Task[] {
  return sortTasks(overviewTasks(selectTasks(docs, ctx, p), p.asOf, p.days), p.sort, p.desc);
}

/** Title and meta lines of a 督办 view export. */
export function overviewHeading(docs: ExportDocument[], p: OverviewParams, tasks: Task[]): { title: string; meta: string[] } {
  const doc = p.doc ? docs.find((d) => d.id === p.doc) : undefined;
  const scope = [doc ? (doc.title ?? doc.id) : "", p.unit ?? "", [p.province, p.city, p.county].filter(Boolean).join("")].filter(Boolean).join("　") || "全部文件";
  const overdue = tasks.filter((t) => t.light === "红").length;
  return {
    title: `${scope} 督办清单`,
    meta: [
      `统计截至：${p.asOf}`,
      `共 ${tasks.length} 项（已逾期 ${overdue} 项，${p.days} 日内到期 ${tasks.length - overdue} 项）`,
      p.hideExpired ? "已隐藏计划期已过的文件" : "",
    ].filter(Boolean),
  };
}
