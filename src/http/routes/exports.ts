// Exports built on worker threads: 任务分工表 of a document or a search, 责任清单 of a unit.
import type { Context } from "hono";
import { z } from "zod";
import { SearchQuery } from "../../../index/schema.ts";
import { DocIdParam, ErrorBody } from "../api-schemas.ts";
import { EXPORT_FORMATS, contentDisposition } from "../../exports/index.ts";
import { ExportPool, ExportRefused, type ExportJob, type ExportTicket } from "../../exports/pool.ts";
import type { RouteKit } from "../kit.ts";

/** Measures per search page when an export collects its hits; the event loop serves others between pages. */
const EXPORT_PAGE = 100;
/** At most this many measures in one exported table. */
const MAX_EXPORT_MEASURES = 10000;

export function exportRoutes({ route, state, err, json400, heavy, needIndex }: RouteKit): void {
  // ------------------------------------------------------------------ exports (任务分工表, 责任清单)
  const TableFormat = z.object({ format: z.enum(["xlsx", "docx", "csv", "md"]).default("xlsx"), content: z.enum(["0", "1"]).default("1") });
  const DutyFormat = z.object({ format: z.enum(EXPORT_FORMATS).default("xlsx"), asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "asOf 应为 YYYY-MM-DD").optional(), content: z.enum(["0", "1"]).default("1") });
  const fileResponses = (what: string) => ({
    200: { description: what, contentTypes: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/csv", "text/markdown", "text/calendar"] },
    404: { description: "没有该文件或单位", schema: ErrorBody },
    ...json400,
  });
  const pool = (state.exportPool ??= new ExportPool());
  const exportHeaders = { 429: { description: "匿名请求过于频繁（响应头 Retry-After 给出等待秒数）", schema: ErrorBody }, 503: { description: "导出任务已满或超时（响应头 Retry-After 给出等待秒数）", schema: ErrorBody } };

  const refused = (c: Context, e: ExportRefused) => c.json({ error: e.message }, e.status, e.retryAfterSec ? { "retry-after": String(e.retryAfterSec) } : {});
  /** A place in the export pool, taken before any work is done for the request; a 503 response when full. */
  const admit = (c: Context): ExportTicket | Response => {
    try {
      return pool.admit();
    } catch (e) {
      if (e instanceof ExportRefused) return refused(c, e);
      throw e;
    }
  };
  type JobSpec = ExportJob extends infer J ? (J extends ExportJob ? Omit<J, "dataDir"> : never) : never;
  /** The file built on a worker thread: the event loop only hands the job over and sends the bytes. */
  const exportFile = async (c: Context, ticket: ExportTicket, job: JobSpec) => {
    let out;
    try {
      out = await pool.run(ticket, { ...job, dataDir: state.store.dataDir } as ExportJob, c.req.raw.signal);
    } catch (e) {
      if (e instanceof ExportRefused) return refused(c, e);
      throw e;
    }
    if (out.status === 404) return err(c, 404, out.error);
    return c.body(out.body as Uint8Array<ArrayBuffer>, 200, { "content-type": out.contentType, "content-disposition": contentDisposition(out.fileName) });
  };
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
    { method: "get", path: "/api/documents/:id/assignments", summary: "一个文件的任务分工表（XLSX、DOCX、CSV、Markdown）", tags: ["导出"], params: DocIdParam, query: TableFormat, responses: { ...fileResponses("任务分工表文件"), ...exportHeaders } },
    async (c, { params, query }) => {
      const ticket = admit(c);
      if (ticket instanceof Response) return ticket;
      return exportFile(c, ticket, { kind: "document", id: params.id, format: String(query.format), includeContent: query.content === "1" });
    },
    heavy,
  );

  route(
    { method: "get", path: "/api/units/:name/duties", summary: "一个单位的责任清单（含逾期与 30 日内到期标记；另可导出日历 .ics）", tags: ["导出"], params: z.object({ name: z.string().min(1).max(80) }), query: DutyFormat, responses: { ...fileResponses("责任清单文件"), ...exportHeaders } },
    async (c, { params, query }) => {
      if (!params.name.replace(/\s+/g, "")) return err(c, 400, "请指定单位名称（不能只有空白）");
      const ticket = admit(c);
      if (ticket instanceof Response) return ticket;
      return exportFile(c, ticket, { kind: "duty", unit: params.name, asOf: query.asOf as string | undefined, format: String(query.format), includeContent: query.content === "1" });
    },
    heavy,
  );

  route(
    { method: "get", path: "/api/assignments", summary: "检索结果的任务分工表（与 /api/search 相同的筛选条件）", tags: ["导出"], query: SearchQuery.omit({ limit: true, offset: true }).extend(TableFormat.shape), responses: { ...fileResponses("任务分工表文件"), ...exportHeaders } },
    async (c, { query }) => {
      const blocked = needIndex(c);
      if (blocked) return blocked;
      const ticket = admit(c);
      if (ticket instanceof Response) return ticket;
      let groups: [string, string[]][] | null;
      try {
        groups = await searchGroups(query as SearchQuery, c.req.raw.signal);
      } catch (e) {
        ticket.release();
        throw e;
      }
      if (!groups || groups.length === 0) {
        ticket.release();
        return groups ? err(c, 404, "没有符合条件的措施") : err(c, 503, "客户端已断开，导出已取消");
      }
      const title = [query.q && `“${query.q}”`, query.unit, query.province, query.city, query.county].filter(Boolean).join(" ") || "全部措施";
      return exportFile(c, ticket, { kind: "filtered", title: `${title} 检索结果`, groups, format: String(query.format), includeContent: query.content === "1" });
    },
    heavy,
  );
}
