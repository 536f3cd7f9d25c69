// Follow-up (督办): tasks with their status, lights and history; status writes by named editors
// (bearer tokens from API_TOKEN / API_TOKENS); the 督办 view and its exports; import of a filled-in
// table. Task writes do not touch the search index; the answer cache is emptied after each.
import type { Context } from "hono";
import { z } from "zod";
import { isoDate } from "../../../extract/schema.ts";
import { MAX_NOTE, TaskHistoryEntry, TaskStatus, type TaskChange } from "../../../index/store/tasks.ts";
import { StoreWriteError, writeFailure } from "../../../index/store/store.ts";
import { allDocuments } from "../../documents/all.ts";
import { normaliseAsOf } from "../../exports/due.ts";
import { Light, Task, yellowDaysFromEnv, type FollowUpContext } from "../../exports/followup.ts";
import { ImportError, planImport } from "../../exports/import.ts";
import { settleCompletion } from "../../exports/completion.ts";
import { OVERVIEW_SORTS, overview, selectTasks } from "../../exports/overview.ts";
import type { ExportDocument } from "../../exports/model.ts";
import { ErrorBody } from "../api-schemas.ts";
import type { RouteKit } from "../kit.ts";
import { exportFileRoute } from "./exports.ts";
import { removedView, TaskLineage, taskDetail } from "./task-lineage.ts";
import { indexName } from "./units.ts";

/** API_TOKENS="name:token,name2:token2" → token → name; a malformed entry throws a Chinese message. */
export function parseApiTokens(text: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of (text ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const i = entry.indexOf(":");
    const name = entry.slice(0, i).trim();
    const token = entry.slice(i + 1).trim();
    if (i <= 0 || !name || token.length < 8) throw new Error(`API_TOKENS 格式应为“姓名:令牌,姓名2:令牌2”，令牌至少 8 个字符：${entry.slice(0, 20)}`);
    out.set(token, name);
  }
  return out;
}

const MAX_BODY = 64 * 1024;
const MAX_IMPORT_BYTES = 5 * 1048576;

const AsOf = isoDate.optional().meta({ description: "统计日期 YYYY-MM-DD（默认今天，北京时间）" });
const Flag = z.enum(["0", "1", "true", "false"]).optional().transform((v) => v === "1" || v === "true");
const Region = { province: z.string().max(40).optional(), city: z.string().max(40).optional(), county: z.string().max(40).optional() };
const DocId = z.string().regex(/^[0-9a-f]{16}$/, "文件编号应为 16 位十六进制");

const TaskQuery = z.object({
  doc: DocId.optional(),
  unit: z.string().max(80).optional(),
  status: TaskStatus.optional(),
  light: Light.optional(),
  dueBefore: isoDate.optional(),
  asOf: AsOf,
  hideExpired: Flag,
  ...Region,
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

const OverviewQuery = z.object({
  doc: DocId.optional(),
  unit: z.string().max(80).optional(),
  days: z.coerce.number().int().min(0).max(366).default(30),
  hideExpired: Flag,
  asOf: AsOf,
  sort: z.enum(OVERVIEW_SORTS).default("due"),
  order: z.enum(["asc", "desc"]).default("asc"),
  format: z.enum(["json", "xlsx", "docx", "csv", "md"]).default("json"),
  columns: z.string().max(300).optional(),
  ...Region,
});

const RemovedQuery = z.object({
  doc: DocId.optional().meta({ description: "原文件编号（被替换或删除的文件）" }),
  unit: z.string().max(80).optional().meta({ description: "单位（所写名称中含此文字）" }),
  asOf: AsOf,
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const RemovedEntry = z.object({ task: Task, history: z.array(TaskHistoryEntry), removed: TaskLineage.removed.unwrap() });
const RemovedList = z.object({ total: z.number().int(), tasks: z.array(RemovedEntry) }).meta({ id: "RemovedTaskList" });

const TaskList = z.object({ total: z.number().int(), asOf: z.string(), yellowDays: z.number().int(), tasks: z.array(Task) }).meta({ id: "TaskList" });
const TaskDetail = z.object({ task: Task, history: z.array(TaskHistoryEntry), ...TaskLineage }).meta({ id: "TaskDetail" });
const Overview = z
  .object({ asOf: z.string(), days: z.number().int(), total: z.number().int(), overdue: z.number().int(), dueSoon: z.number().int(), tasks: z.array(Task) })
  .meta({ id: "TaskOverview" });
const TaskPatch = z
  .object({
    status: TaskStatus.optional(),
    completedOn: isoDate.nullable().optional().meta({ description: "完成时间 YYYY-MM-DD；null 清除；状态改为已完成且未给出时记为今天" }),
    note: z.string().min(1).max(MAX_NOTE).optional().meta({ description: `进展情况（至多 ${MAX_NOTE} 字）` }),
  })
  .strict()
  .meta({ id: "TaskPatch" });
const ImportResult = z
  .object({
    updated: z.number().int(),
    unchanged: z.number().int(),
    unmatched: z.array(z.object({ row: z.number().int(), key: z.string(), task: z.string(), reason: z.string() })),
  })
  .meta({ id: "TaskImportResult" });

const EXAMPLE_TASK: z.infer<typeof Task> = {
  id: "7b069fdbbfbbc8dd",
  docId: "ae25c60cb04cff23",
  docTitle: "金融支持科创企业全生命周期发展十条措施(试行)实施方案",
  docNumber: null,
  measureId: "ae25c60cb04cff23:二/(二)/5",
  path: "二/(二)/5",
  task: "设立科创企业贷款贴息专项资金",
  unit: "市财政局",
  role: "lead",
  coop: ["市科技局"],
  deadline: "2022年底前",
  due: "2022-12-31",
  light: "黄",
  lightReason: "11 日内到期",
  status: "推进中",
  completedOn: null,
  note: "细则已起草",
  updatedAt: "2022-12-20T02:00:00.000Z",
  updatedBy: "张三",
  planEnd: "2022-12-31",
  expired: false,
};

export function taskRoutes(kit: RouteKit): void {
  const { route, state, err, formFile, json400, hasToken, cache } = kit;
  const yellowDays = yellowDaysFromEnv();

  // Documents parsed once per store change (task answers read progress fresh every time).
  let docsAt: number | null = null;
  let docs: ExportDocument[] = [];
  const documents = (): ExportDocument[] => {
    const at = state.store.changes();
    if (at === null || at !== docsAt) {
      docs = allDocuments(state.store);
      docsAt = at;
    }
    return docs;
  };
  const context = (asOf?: string): FollowUpContext => ({ progress: state.store.tasks().all(), asOf: normaliseAsOf(asOf), yellowDays });
  /** A unit filter matches what the unit page counts for the name (merged twins), when the index is ready. */
  const unitKeysOf = (unit?: string) => (unit ? state.index?.unitKeys?.(indexName(state, unit)) : undefined);
  const findTask = (id: string, ctx: FollowUpContext) => selectTasks(documents(), ctx).find((t) => t.id === id) ?? null;

  /** The editor's name, or an error response (403 when no token is configured, 401 when wrong). */
  const editor = (c: Context): string | Response => {
    if (!state.apiToken && !(state.apiTokens && state.apiTokens.size > 0)) return err(c, 403, "督办写入未启用：服务端未设置 API_TOKEN 或 API_TOKENS");
    return hasToken(c) ?? err(c, 401, "需要有效的令牌（Authorization: Bearer <令牌>，令牌见 API_TOKEN 或 API_TOKENS）");
  };
  const apply = (c: Context, changes: TaskChange[], who: string, source: "api" | "import") => {
    try {
      const out = state.store.tasks().apply(changes, who, source);
      cache.clear();
      return out;
    } catch (e) {
      const known = writeFailure(e);
      if (known instanceof StoreWriteError) return err(c, known.code === "disk-full" ? 507 : 503, known.reason.replace("文件未保存", "进展未保存"));
      if (e instanceof Error && e.message.startsWith("数据目录只读")) return err(c, 503, e.message);
      throw e;
    }
  };
  const authErrors = { 401: { description: "缺少或错误的令牌", schema: ErrorBody }, 403: { description: "服务端未设置令牌", schema: ErrorBody } };

  route(
    {
      method: "get",
      path: "/api/tasks",
      operationId: "listTasks",
      summary: "任务（措施 × 牵头或责任单位）及其状态、红黄绿灯，可按文件、单位、状态、灯、到期日筛选",
      tags: ["督办"],
      query: TaskQuery,
      responses: { 200: { description: "任务列表（total 为筛选后的总数）", schema: TaskList }, ...json400 },
      examples: { request: { query: { unit: "市财政局", asOf: "2022-12-20" } }, response: { total: 1, asOf: "2022-12-20", yellowDays: 15, tasks: [EXAMPLE_TASK] } },
    },
    (c, { query }) => {
      const q = query as z.infer<typeof TaskQuery>;
      const ctx = context(q.asOf);
      const all = selectTasks(documents(), ctx, { ...q, unitKeys: unitKeysOf(q.unit) });
      return c.json({ total: all.length, asOf: ctx.asOf, yellowDays, tasks: all.slice(q.offset, q.offset + q.limit) });
    },
  );

  const overviewFile = exportFileRoute(kit);
  route(
    {
      method: "get",
      path: "/api/tasks/overview",
      operationId: "taskOverview",
      summary: "督办视图：已逾期和 days 日内到期的任务（可排序；format=xlsx|docx|csv|md 导出；hideExpired=1 隐藏计划期已过的文件）",
      tags: ["督办"],
      query: OverviewQuery,
      responses: {
        200: { description: "督办清单", schema: Overview, contentTypes: ["application/json", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/csv", "text/markdown"] },
        ...json400,
      },
      examples: { request: { query: { days: "30", asOf: "2022-12-20" } }, response: { asOf: "2022-12-20", days: 30, total: 1, overdue: 0, dueSoon: 1, tasks: [EXAMPLE_TASK] } },
    },
    async (c, { query }) => {
      const q = query as z.infer<typeof OverviewQuery>;
      const view = { doc: q.doc, unit: q.unit, unitKeys: unitKeysOf(q.unit), days: q.days, hideExpired: q.hideExpired, sort: q.sort, desc: q.order === "desc", province: q.province, city: q.city, county: q.county };
      if (q.format !== "json") return overviewFile(c, { kind: "tasks", view, format: q.format, asOf: q.asOf, columns: q.columns, content: "0", yellowDays });
      const ctx = context(q.asOf);
      const tasks = overview(documents(), ctx, { ...view, asOf: ctx.asOf });
      const overdue = tasks.filter((t) => t.light === "红").length;
      return c.json({ asOf: ctx.asOf, days: q.days, total: tasks.length, overdue, dueSoon: tasks.length - overdue, tasks });
    },
  );

  route(
    {
      method: "get",
      path: "/api/tasks/removed",
      operationId: "listRemovedTasks",
      summary: "已移除的任务：文件替换后新版本中没有、或文件已删除的任务，以原来的文字、单位、最后状态与修改记录给出（最近移除的在前）",
      tags: ["督办"],
      query: RemovedQuery,
      responses: { 200: { description: "已移除的任务（total 为筛选后的总数）", schema: RemovedList }, ...json400 },
      examples: {
        request: { query: { unit: "市财政局" } },
        response: {
          total: 1,
          tasks: [
            {
              task: { ...EXAMPLE_TASK, light: "灰", lightReason: "已移除（文件已替换为新版本，新版本中没有这项任务）" },
              history: [{ at: "2022-12-20T02:00:00.000Z", editor: "张三", status: "推进中", completedOn: null, note: "细则已起草", source: "api" }],
              removed: { at: "2023-01-05T08:00:00.000Z", replacedBy: "b7e1c2d3a4f50617" },
            },
          ],
        },
      },
    },
    (c, { query }) => {
      const q = query as z.infer<typeof RemovedQuery>;
      const tasks = state.store.tasks();
      const ctx = context(q.asOf);
      const all = tasks.removedList().filter((r) => (!q.doc || r.doc.id === q.doc) && (!q.unit || r.unit.includes(q.unit)));
      const page = all.slice(q.offset, q.offset + q.limit).map((r) => ({ task: removedView(r, state.store, ctx), history: tasks.history(r.id), removed: { at: r.removedAt, replacedBy: r.replacedBy } }));
      return c.json({ total: all.length, tasks: page });
    },
  );

  route(
    {
      method: "get",
      path: "/api/tasks/:id",
      operationId: "getTask",
      summary: "一个任务：状态、灯、进展与全部修改记录（谁、何时）",
      tags: ["督办"],
      params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, "任务编号应为 16 位十六进制") }),
      query: z.object({ asOf: AsOf }),
      responses: { 200: { description: "任务及其历史", schema: TaskDetail }, 404: { description: "没有该任务", schema: ErrorBody }, ...json400 },
      examples: {
        request: { params: { id: EXAMPLE_TASK.id } },
        response: { task: EXAMPLE_TASK, history: [{ at: "2022-12-20T02:00:00.000Z", editor: "张三", status: "推进中", completedOn: null, note: "细则已起草", source: "api" }] },
      },
    },
    (c, { params, query }) => {
      const ctx = context(query.asOf as string | undefined);
      const detail = taskDetail(state.store, params.id, ctx, (id) => findTask(id, ctx)); // also an id of an earlier version (moved or removed)
      if (!detail) return err(c, 404, `没有编号为 ${params.id} 的任务（文件可能已被删除或替换）`);
      return c.json(detail);
    },
  );

  route(
    {
      method: "patch",
      path: "/api/tasks/:id",
      operationId: "updateTask",
      summary: "修改任务的状态、完成时间或添加进展（需令牌；记录修改人和时间）",
      tags: ["督办"],
      auth: true,
      params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, "任务编号应为 16 位十六进制") }),
      body: { contentType: "application/json", schema: TaskPatch },
      responses: {
        200: { description: "修改后的任务及其历史", schema: TaskDetail },
        ...authErrors,
        404: { description: "没有该任务", schema: ErrorBody },
        409: { description: "任务已移除（文件的新版本中没有这项任务）", schema: ErrorBody },
        413: { description: "请求体过大", schema: ErrorBody },
        503: { description: "数据目录只读", schema: ErrorBody },
        ...json400,
      },
      examples: {
        request: { params: { id: EXAMPLE_TASK.id }, body: { status: "已完成", completedOn: "2022-12-28", note: "贴息细则已印发" } },
        response: { task: { ...EXAMPLE_TASK, status: "已完成", light: "灰", lightReason: "已完成", completedOn: "2022-12-28", note: "贴息细则已印发" }, history: [] },
      },
    },
    async (c, { params }) => {
      const who = editor(c);
      if (who instanceof Response) return who;
      const length = Number(c.req.header("content-length") ?? 0);
      if (length > MAX_BODY) return err(c, 413, `请求体过大（${Math.round(length / 1024)} KB，上限 ${MAX_BODY / 1024} KB；进展情况至多 ${MAX_NOTE} 字）`);
      const text = await c.req.text();
      if (text.length > MAX_BODY) return err(c, 413, `请求体过大（上限 ${MAX_BODY / 1024} KB；进展情况至多 ${MAX_NOTE} 字）`);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return err(c, 400, "请求体应为 JSON，例如 {\"status\":\"已完成\",\"note\":\"……\"}");
      }
      const parsed = TaskPatch.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = String(issue.path[0] ?? "");
        const msg =
          field === "status" ? `status：未知的状态（可选：${TaskStatus.options.join("、")}）`
          : field === "note" ? `note：进展情况应为 1 至 ${MAX_NOTE} 字的文字`
          : field === "completedOn" ? "completedOn：完成时间应为有效的日期（YYYY-MM-DD，如 2022-03-31）或 null"
          : issue.code === "unrecognized_keys" ? `不认识的字段：${(issue as { keys?: string[] }).keys?.join("、")}（可用：status、completedOn、note）`
          : "请求体应为对象 {status, completedOn, note}";
        return err(c, 400, msg);
      }
      const p = parsed.data;
      if (p.status === undefined && p.completedOn === undefined && p.note === undefined) return err(c, 400, "请至少给出 status、completedOn 或 note 之一");
      const ctx = context();
      const detail = taskDetail(state.store, params.id, ctx, (id) => findTask(id, ctx)); // an earlier version's id: the task it moved to
      if (detail?.removed) return err(c, 409, `任务 ${params.id} 已移除（文件的新版本中没有这项任务或文件已删除），不能修改；进展与修改记录仍可查看`);
      const task = detail?.task;
      if (!task) return err(c, 404, `没有编号为 ${params.id} 的任务（文件可能已被删除或替换）`);
      const settled = settleCompletion(task, p);
      if ("error" in settled) return err(c, 400, `completedOn：${settled.error}${settled.notDone ? "（请同时把 status 改为“已完成”）" : ""}`);
      const change: TaskChange = { task: { id: task.id, docId: task.docId, measureId: task.measureId, unit: task.unit }, ...p, completedOn: settled.completedOn };
      const out = apply(c, [change], who, "api");
      if (out instanceof Response) return out;
      return c.json({ task: findTask(task.id, context())!, history: state.store.tasks().history(task.id) });
    },
  );

  route(
    {
      method: "post",
      path: "/api/tasks/import",
      operationId: "importTaskProgress",
      summary: "导入填写后的任务表（CSV 或 XLSX：状态、完成时间、进展情况），按任务编号对应，列出未能对应的行（需令牌；全部成功或全部不改）",
      tags: ["督办"],
      auth: true,
      body: { contentType: "multipart/form-data", schema: z.object({ file: z.string().meta({ format: "binary" }), doc: z.string().optional().meta({ description: "表格没有任务编号列时，按原文条目对应的文件编号" }) }) },
      responses: {
        200: { description: "导入结果", schema: ImportResult },
        ...authErrors,
        413: { description: "文件过大", schema: ErrorBody },
        503: { description: "数据目录只读", schema: ErrorBody },
        ...json400,
      },
      examples: { response: { updated: 2, unchanged: 26, unmatched: [{ row: 7, key: "0000000000000000", task: "某项任务", reason: "任务编号不存在（文件已删除或表格不是本库导出的）" }] } },
    },
    async (c) => {
      const who = editor(c);
      if (who instanceof Response) return who;
      const parsed = await formFile(c, "缺少文件字段 file（导出后填写的 CSV 或 XLSX）");
      if (parsed instanceof Response) return parsed;
      const { form, file } = parsed;
      if (file.size > MAX_IMPORT_BYTES) return err(c, 413, `文件过大（上限 ${MAX_IMPORT_BYTES / 1048576} MB）`);
      const doc = typeof form.doc === "string" && form.doc ? form.doc : c.req.query("doc");
      if (doc !== undefined && !/^[0-9a-f]{16}$/.test(doc)) return err(c, 400, "doc 应为 16 位文件编号");
      const tasks = selectTasks(documents(), context());
      let plan;
      try {
        plan = await planImport(Buffer.from(await file.arrayBuffer()), tasks, doc, (id) => state.store.tasks().movedTo(id));
      } catch (e) {
        if (e instanceof ImportError) return err(c, 400, e.message);
        throw e;
      }
      if (plan.changes.length > 0) {
        const out = apply(c, plan.changes, who, "import");
        if (out instanceof Response) return out;
      }
      return c.json({ updated: plan.changes.length, unchanged: plan.unchanged, unmatched: plan.unmatched });
    },
  );
}
