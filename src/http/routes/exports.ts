// Exports built on worker threads: 任务分工表 of a document or a search, 责任清单 and calendar of a
// unit. Columns (columns=), full text (content=1), as-of date of lights and marks (asOf=) and the
// calendar reminder (remind=, days before each deadline) are chosen on every export.
import type { Context } from "hono";
import { z } from "zod";
import { DATE_ORDER_ERROR, SearchQuery, SearchQueryFields, fromNotAfterTo } from "../../../index/schema.ts";
import { isoDate } from "../../../extract/schema.ts";
import { DocIdParam, ErrorBody } from "../api-schemas.ts";
import { EXPORT_FORMATS, contentDisposition } from "../../exports/index.ts";
import { parseColumns } from "../../exports/columns.ts";
import { yellowDaysFromEnv } from "../../exports/followup.ts";
import { ExportPool, ExportRefused, type ExportJob } from "../../exports/pool.ts";
import type { RouteKit } from "../kit.ts";
import { indexName } from "./units.ts";

/** Measures per search page when an export collects its hits; the event loop serves others between pages. */
const EXPORT_PAGE = 100;
/** At most this many measures in one exported table. */
const MAX_EXPORT_MEASURES = 10000;

type JobSpec = ExportJob extends infer J ? (J extends ExportJob ? Omit<J, "dataDir" | "includeContent" | "columns"> : never) : never;
/** What a route hands over: the job, plus the raw columns= and content= parameters. */
export type FileRequest = JobSpec & { columns?: string; content: "0" | "1" };

const FILE_TYPES = [
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "text/csv",
  "text/markdown",
  "text/calendar",
];

/**
 * A function that answers a request with an export file built on a worker thread: a place in the
 * pool is taken before any work (503 when full), columns= is checked (400 naming the unknown column).
 * `before`: work to do once admitted (a search), returning the job or an error response.
 */
export function exportFileRoute({ state, err }: RouteKit) {
  const pool = (state.exportPool ??= new ExportPool());
  const refused = (c: Context, e: ExportRefused) => c.json({ error: e.message }, e.status, e.retryAfterSec ? { "retry-after": String(e.retryAfterSec) } : {});
  return async (c: Context, req: FileRequest | (() => Promise<FileRequest | Response>)): Promise<Response> => {
    let ticket;
    try {
      ticket = pool.admit();
    } catch (e) {
      if (e instanceof ExportRefused) return refused(c, e);
      throw e;
    }
    let spec: FileRequest | Response;
    try {
      spec = typeof req === "function" ? await req() : req;
    } catch (e) {
      ticket.release();
      throw e;
    }
    if (spec instanceof Response) {
      ticket.release();
      return spec;
    }
    const { columns: columnText, content, ...job } = spec;
    const columns = columnText ? parseColumns(columnText) : undefined;
    if (typeof columns === "string") {
      ticket.release();
      return err(c, 400, columns);
    }
    let out;
    try {
      out = await pool.run(ticket, { ...job, columns, includeContent: content === "1", yellowDays: job.yellowDays ?? yellowDaysFromEnv(), dataDir: state.store.dataDir, databaseUrl: state.store.databaseUrl } as ExportJob, c.req.raw.signal);
    } catch (e) {
      if (e instanceof ExportRefused) return refused(c, e);
      throw e;
    }
    if (out.status === 404) return err(c, 404, out.error);
    return c.body(out.body as Uint8Array<ArrayBuffer>, 200, { "content-type": out.contentType, "content-disposition": contentDisposition(out.fileName) });
  };
}

export function exportRoutes(kit: RouteKit): void {
  const { route, state, err, json400, heavy, needIndex } = kit;
  // ------------------------------------------------------------------ exports (任务分工表, 责任清单)
  const Columns = z.string().max(300).optional().meta({ description: "列及顺序，逗号分隔：no,task,content,lead,coop,deadline,status,progress,remark,path,id 等（也可用中文表头）" });
  const Content = z.enum(["0", "1"]).default("0").meta({ description: "1：加入“具体内容”列（措施全文）" });
  const Remind = z.coerce.number().int().min(0).max(365).optional().meta({ description: "日历提醒：到期前几天（默认 ICS_REMIND_DAYS 或 7；0 为当天）" });
  const TableFormat = z.object({ format: z.enum(EXPORT_FORMATS).default("xlsx"), content: Content, columns: Columns, asOf: isoDate.optional(), remind: Remind });
  const Place = { province: z.string().max(40).optional(), city: z.string().max(40).optional(), county: z.string().max(40).optional(), doc: z.string().regex(/^[0-9a-f]{16}$/, "文件编号应为 16 位十六进制").optional() };
  const DutyFormat = z.object({ format: z.enum(EXPORT_FORMATS).default("xlsx"), asOf: isoDate.optional(), content: Content, columns: Columns, remind: Remind, ...Place });
  const UnitName = z.object({ name: z.string().min(1).max(80) });
  const fileResponses = (what: string) => ({
    200: { description: what, contentTypes: FILE_TYPES },
    404: { description: "没有该文件或单位（中文原因可直接显示）", schema: ErrorBody },
    ...json400,
  });
  const exportHeaders = { 429: { description: "匿名请求过于频繁（响应头 Retry-After 给出等待秒数）", schema: ErrorBody }, 503: { description: "导出任务已满或超时（响应头 Retry-After 给出等待秒数）", schema: ErrorBody } };
  const exportFile = exportFileRoute(kit);
  const blankName = (name: string) => !name.replace(/\s+/g, "");

  /** The measures a search finds, by document in order of first appearance, a page at a time. */
  const searchGroups = async (query: SearchQuery, signal: AbortSignal): Promise<[string, string[]][] | null> => {
    const index = state.index!;
    const groups = new Map<string, string[]>();
    for (let offset = 0; offset < MAX_EXPORT_MEASURES; offset += EXPORT_PAGE) {
      if (offset > 0) await new Promise((resolve) => setImmediate(resolve));
      if (signal.aborted) return null;
      const res = index.search({ ...query, limit: Math.min(EXPORT_PAGE, MAX_EXPORT_MEASURES - offset), offset });
      for (const h of res.hits) {
        const ids = groups.get(h.document.id);
        if (ids) ids.push(h.measure.id);
        else groups.set(h.document.id, [h.measure.id]);
      }
      if (offset + EXPORT_PAGE >= res.total) break;
    }
    return [...groups];
  };

  route(
    {
      method: "get",
      path: "/api/documents/:id/assignments",
      operationId: "exportDocumentAssignments",
      summary: "一个文件的任务分工表（XLSX、DOCX、CSV、Markdown、日历 .ics；可选列、全文、状态与进展）",
      tags: ["导出"],
      params: DocIdParam,
      query: TableFormat,
      responses: { ...fileResponses("任务分工表文件"), ...exportHeaders },
      examples: { request: { params: { id: "ae25c60cb04cff23" }, query: { format: "md" } }, response: "# 金融支持科创企业全生命周期发展十条措施(试行)实施方案\n\n**任务分工表**\n" },
    },
    (c, { params, query }) =>
      exportFile(c, { kind: "document", id: params.id, format: String(query.format), content: query.content as "0" | "1", columns: query.columns as string | undefined, asOf: query.asOf as string | undefined, remindDays: query.remind as number | undefined }),
    heavy,
  );

  const dutyRequest = (name: string, query: Record<string, unknown>, format: string): FileRequest => ({
    kind: "duty",
    unit: name,
    unitKeys: state.index?.unitKeys?.(indexName(state, name)),
    asOf: query.asOf as string | undefined,
    format,
    content: (query.content as "0" | "1") ?? "0",
    columns: query.columns as string | undefined,
    remindDays: query.remind as number | undefined,
    province: query.province as string | undefined,
    city: query.city as string | undefined,
    county: query.county as string | undefined,
    doc: query.doc as string | undefined,
  });

  route(
    {
      method: "get",
      path: "/api/units/:name/duties",
      operationId: "exportUnitDuties",
      summary: "一个单位的责任清单：与单位页 /api/units/:name 所列措施相同（任意简称，按匹配到的单位和文件分组；可按地区、文件筛选；含逾期标记、状态与进展；另可导出日历 .ics）",
      tags: ["导出"],
      params: UnitName,
      query: DutyFormat,
      responses: { ...fileResponses("责任清单文件"), ...exportHeaders },
      examples: { request: { params: { name: "市财政局" }, query: { format: "md", asOf: "2022-06-01" } }, response: "# 市财政局责任清单\n" },
    },
    (c, { params, query }) => {
      if (blankName(params.name)) return err(c, 400, "请指定单位名称（不能只有空白）");
      return exportFile(c, dutyRequest(params.name, query, String(query.format)));
    },
    heavy,
  );

  route(
    {
      method: "get",
      path: "/api/units/:name/calendar.ics",
      operationId: "unitCalendar",
      summary: "一个单位的日历订阅地址（.ics，固定网址，日历软件可定期刷新）：各项时限与提醒，周期任务到计划期末为止，已完成的任务不列",
      tags: ["导出"],
      params: UnitName,
      query: DutyFormat.omit({ format: true, columns: true, content: true }),
      responses: { ...fileResponses("日历文件"), ...exportHeaders },
      examples: { request: { params: { name: "市财政局" } }, response: "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n" },
    },
    (c, { params, query }) => {
      if (blankName(params.name)) return err(c, 400, "请指定单位名称（不能只有空白）");
      return exportFile(c, dutyRequest(params.name, query, "ics"));
    },
    heavy,
  );

  route(
    {
      method: "get",
      path: "/api/assignments",
      operationId: "exportSearchAssignments",
      summary: "检索结果的任务分工表（与 /api/search 相同的筛选条件）",
      tags: ["导出"],
      query: SearchQueryFields.omit({ limit: true, offset: true }).extend(TableFormat.shape).refine(fromNotAfterTo, DATE_ORDER_ERROR),
      responses: { ...fileResponses("任务分工表文件"), ...exportHeaders },
      examples: { request: { query: { q: "贷款贴息", format: "md" } }, response: "# “贷款贴息” 检索结果\n" },
    },
    (c, { query }) => {
      const blocked = needIndex(c);
      if (blocked) return blocked;
      return exportFile(c, async () => {
        const groups = await searchGroups(query as SearchQuery, c.req.raw.signal);
        if (!groups || groups.length === 0) return groups ? err(c, 404, "没有符合条件的措施") : err(c, 503, "客户端已断开，导出已取消");
        const title = [query.q && `“${query.q}”`, query.unit, query.province, query.city, query.county].filter(Boolean).join(" ") || "全部措施";
        return { kind: "filtered", title: `${title} 检索结果`, groups, format: String(query.format), content: query.content as "0" | "1", columns: query.columns as string | undefined, asOf: query.asOf as string | undefined, remindDays: query.remind as number | undefined };
      });
    },
    heavy,
  );
}
