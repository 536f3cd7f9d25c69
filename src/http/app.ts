// The HTTP API (Hono). Every input is validated with zod, and the OpenAPI document is generated from the same
// schemas. Errors are JSON with a Chinese message; the service never crashes on input nor returns a stack.
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { z } from "zod";
import { StoreWriteError, type Store } from "../../index/store/store.ts";
import { SearchQuery, SearchResponse } from "../../index/schema.ts";
import { ParseRequest, ParseResult, parseSentence } from "../../extract/parse.ts";
import { IngestError } from "../../extract/errors.ts";
import { MAX_FILE_BYTES } from "../../extract/loaders/index.ts";
import {
  CompareQuery, ComparisonTableBody, DocIdParam, DocumentDetail, DocumentList, ErrorBody, Health, ListQuery, MeasureDetail,
  MeasureIdParam, SimilarList, SimilarQuery, TopicDetail, TopicList, UnitDetail, UnitList, UnitsQuery, UploadResult,
} from "./api-schemas.ts";
import { API_DOCS_HTML, openApiDocument, type RouteSpec } from "./openapi.ts";
import { ingestBuffer, safeFileName } from "../ingest.ts";
import type { SearchIndex } from "../search-index.ts";
import { ComparisonRefused, type ComparisonAnswers } from "../comparison.ts";
import { webRoutes } from "./web.ts";
import { EXPORT_FORMATS, contentDisposition } from "../exports/index.ts";
import { ExportPool, ExportRefused, type ExportJob, type ExportTicket } from "../exports/pool.ts";
import { RateLimiter, anonRateLimitFromEnv, clientKey } from "./rate-limit.ts";
import { ResponseCache } from "./response-cache.ts";
import { acceptsGzip, type CachedBody, gzipOf } from "./compression.ts";
import { timingSafeEqual } from "node:crypto";
import { getConnInfo } from "@hono/node-server/conninfo";

export interface AppState {
  store: Store;
  index: SearchIndex | null; // null until the index is ready
  comparison?: ComparisonAnswers | null; // similar measures, topics, comparison tables (on a worker in the service)
  ready: boolean;
  apiToken?: string; // uploads are refused when unset
  /** Search responses by query; emptied when the index changes. Capacity 0 turns it off. */
  searchCache?: ResponseCache;
  /** Worker threads that build export files, with a bounded queue (threads started on first use or by warm()). */
  exportPool?: ExportPool;
  /** Budget per client address for anonymous requests (no API token) to the heavy endpoints: the exports. */
  anonLimiter?: RateLimiter;
}

const UPLOAD_FORMATS = /\.(txt|html?|pdf|docx?)$/i;

function zodMessage(e: z.ZodError): string {
  return e.issues.map((i) => `${i.path.join(".") || "参数"}：${i.message}`).join("；");
}

const ENCODER = new TextEncoder();
const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };

/** Measures per search page when an export collects its hits; the event loop serves others between pages. */
const EXPORT_PAGE = 100;
/** At most this many measures in one exported table. */
const MAX_EXPORT_MEASURES = 10000;

/** Cache key of a search: its query string with the parameters in a fixed order. */
export function searchKey(url: string): string {
  const i = url.indexOf("?");
  if (i < 0) return "";
  const p = new URLSearchParams(url.slice(i + 1));
  p.sort();
  return p.toString();
}

/** A serialised JSON answer, gzipped when the client accepts it (the compress middleware leaves it be). */
async function sendJson(c: Context, entry: CachedBody): Promise<Response> {
  if (acceptsGzip(c.req.header("accept-encoding"))) return c.body(await gzipOf(entry), 200, { ...JSON_HEADERS, "content-encoding": "gzip", vary: "accept-encoding" });
  return c.body(entry.body, 200, { ...JSON_HEADERS, vary: "accept-encoding" });
}

type Handler = (c: Context, input: { params: Record<string, string>; query: Record<string, unknown> }) => Response | Promise<Response>;

export function createApp(state: AppState): Hono {
  const app = new Hono();
  const routes: RouteSpec[] = [];
  const cache = (state.searchCache ??= new ResponseCache(Number(process.env.SEARCH_CACHE ?? 2000)));
  const err = (c: Context, status: 400 | 401 | 403 | 404 | 413 | 415 | 422 | 503, error: string) => c.json({ error }, status);

  app.onError((e, c) => {
    if (e instanceof ComparisonRefused) return c.json({ error: e.message }, 503, { "retry-after": String(e.retryAfterSec) });
    process.stderr.write(`请求出错 ${c.req.method} ${c.req.path}: ${(e as Error).message}\n`);
    return c.json({ error: `服务器内部错误：处理 ${c.req.method} ${c.req.path} 时出现意外错误（已记录在服务日志中），请稍后重试` }, 500);
  });
  app.notFound((c) => c.json({ error: `未找到：${c.req.path}` }, 404));
  app.use(compress());

  /** Register a route: validate params and query with its schemas, and describe it in the OpenAPI document. */
  function route(spec: RouteSpec, handler: Handler, ...middleware: MiddlewareHandler[]) {
    routes.push(spec);
    const wrapped = async (c: Context) => {
      let rawParams: Record<string, string>;
      try {
        rawParams = c.req.param() as Record<string, string>;
      } catch {
        return err(c, 400, "路径中含有无效的编码");
      }
      const params = spec.params ? spec.params.safeParse(rawParams) : { success: true as const, data: {} };
      if (!params.success) return err(c, 400, zodMessage(params.error));
      const query = spec.query ? spec.query.safeParse(c.req.query()) : { success: true as const, data: {} };
      if (!query.success) return err(c, 400, zodMessage(query.error));
      return handler(c, { params: params.data as Record<string, string>, query: query.data as Record<string, unknown> });
    };
    (app[spec.method] as (p: string, ...h: unknown[]) => void)(spec.path, ...middleware, wrapped);
  }
  const json400 = { 400: { description: "请求参数错误", schema: ErrorBody } };
  const needIndex = (c: Context) => (state.index ? null : err(c, 503, "索引尚未就绪，请稍候"));

  route({ method: "get", path: "/api/health", summary: "服务是否就绪", tags: ["服务"], responses: { 200: { description: "就绪", schema: Health }, 503: { description: "启动中", schema: Health } } }, (c) =>
    state.ready ? c.json({ status: "ok", documents: state.store.documentCount() }) : c.json({ status: "starting" }, 503),
  );

  route(
    { method: "get", path: "/api/search", summary: "检索措施（含牵头/配合单位、时限、目标与分面统计）", tags: ["检索"], query: SearchQuery, responses: { 200: { description: "检索结果", schema: SearchResponse }, ...json400 } },
    (c, { query }) => {
      const blocked = needIndex(c);
      if (blocked) return blocked;
      const entry = { body: ENCODER.encode(JSON.stringify(state.index!.search(query as SearchQuery))) };
      cache.set(searchKey(c.req.url), entry);
      return sendJson(c, entry);
    },
    // A repeated query is answered from the cache before validation: only validated queries are cached.
    async (c, next) => {
      const hit = state.index ? cache.get(searchKey(c.req.url)) : undefined;
      if (hit) return sendJson(c, hit);
      await next();
    },
  );

  route(
    { method: "get", path: "/api/documents", summary: "文件列表", tags: ["文件"], query: ListQuery, responses: { 200: { description: "文件列表", schema: DocumentList }, ...json400 } },
    (c, { query }) => {
      const q = query as z.infer<typeof ListQuery>;
      return c.json({ total: state.store.documentCount(), documents: state.store.listDocuments(q.limit, q.offset) });
    },
  );

  route(
    { method: "get", path: "/api/documents/:id", summary: "一个文件及其措施层级", tags: ["文件"], params: DocIdParam, responses: { 200: { description: "文件", schema: DocumentDetail }, 404: { description: "没有该文件", schema: ErrorBody }, ...json400 } },
    (c, { params }) => {
      const doc = state.store.getDocument(params.id);
      return doc ? c.json(doc) : err(c, 404, `没有编号为 ${params.id} 的文件`);
    },
  );

  route(
    {
      method: "post", path: "/api/documents", summary: "上传并入库一个文件（TXT、HTML、PDF、DOCX、DOC）", tags: ["文件"], auth: true,
      body: { contentType: "multipart/form-data", schema: z.object({ file: z.string().meta({ format: "binary" }), replace: z.string().optional().meta({ description: "要被此文件替换的文件编号（也可用查询参数 ?replace=）；不给时同名文件作为另一个文件入库" }) }) },
      responses: {
        200: { description: "已处理（新增、替换、未变或重复）", schema: UploadResult },
        401: { description: "缺少或错误的令牌", schema: ErrorBody }, 403: { description: "未启用上传", schema: ErrorBody },
        413: { description: "文件过大或超出解析限制", schema: ErrorBody }, 415: { description: "不支持的格式", schema: ErrorBody },
        422: { description: "无法读取的文件", schema: ErrorBody }, 404: { description: "要替换的文件不存在", schema: ErrorBody },
        503: { description: "数据目录只读，或正在解析的文件过多（响应头 Retry-After）", schema: ErrorBody }, 507: { description: "磁盘空间不足", schema: ErrorBody }, ...json400,
      },
    },
    async (c) => {
      if (!state.apiToken) return err(c, 403, "上传功能未启用：服务端未设置 API_TOKEN");
      const auth = c.req.header("authorization") ?? "";
      if (auth !== `Bearer ${state.apiToken}`) return err(c, 401, "需要有效的令牌（Authorization: Bearer <API_TOKEN>）");
      let form: Record<string, unknown>;
      try {
        form = await c.req.parseBody();
      } catch {
        return err(c, 400, "请求体应为 multipart/form-data，文件字段名为 file");
      }
      const file = form.file;
      if (!(file instanceof File)) return err(c, 400, "缺少文件字段 file");
      const name = safeFileName(file.name);
      if (!UPLOAD_FORMATS.test(name)) return err(c, 415, `不支持的文件格式：${name}（允许 TXT、HTML、PDF、DOCX、DOC）`);
      if (file.size > MAX_FILE_BYTES) return err(c, 413, `文件过大（上限 ${MAX_FILE_BYTES / 1048576} MB）`);
      const replace = c.req.query("replace") ?? (typeof form.replace === "string" && form.replace !== "" ? form.replace : undefined);
      if (replace !== undefined && !/^[0-9a-f]{16}$/.test(replace)) return err(c, 400, "replace 应为 16 位文件编号");
      const source = `upload/${name}`;
      try {
        // Same name is not same document: an upload replaces only the document the user names.
        const out = await ingestBuffer(state.store, Buffer.from(await file.arrayBuffer()), source, replace ? { replace } : "new");
        if (out.status === "added" || out.status === "replaced") {
          state.index?.refresh();
          cache.clear();
          state.comparison?.refresh();
        }
        const doc = state.store.getDocument(out.id);
        return c.json({ status: out.status, id: out.id, title: doc?.title ?? null, measureCount: doc?.measureCount ?? 0, ...(out.existingSource ? { existingSource: out.existingSource } : {}) });
      } catch (e) {
        if (e instanceof IngestError) {
          // Too many files being parsed: come back later; content over a processing limit: too large.
          if (e.code === "busy") return c.json({ error: `${name}：${e.reason}` }, 503, { "Retry-After": "5" });
          const status = e.code === "unknown-format" || e.code === "unsupported-format" ? 415 : e.code === "too-large" || e.code === "limit" ? 413 : 422;
          return err(c, status, `${name}：${e.reason}`);
        }
        if (e instanceof StoreWriteError) return c.json({ error: e.code === "not-found" ? e.reason : `${name}：${e.reason}` }, e.code === "disk-full" ? 507 : e.code === "read-only" ? 503 : 404);
        throw e;
      }
    },
    bodyLimit({ maxSize: MAX_FILE_BYTES + 64 * 1024, onError: (c) => c.json({ error: `文件过大（上限 ${MAX_FILE_BYTES / 1048576} MB）` }, 413) }),
  );

  route(
    { method: "get", path: "/api/measures/:id", summary: "一条措施及其所在文件的上下文", tags: ["措施"], params: MeasureIdParam, responses: { 200: { description: "措施", schema: MeasureDetail }, 404: { description: "没有该措施", schema: ErrorBody }, ...json400 } },
    (c, { params }) => {
      const m = state.store.getMeasure(params.id);
      if (!m) return err(c, 404, `没有编号为 ${params.id} 的措施`);
      const docId = params.id.slice(0, 16);
      const doc = state.store.getDocument(docId)!;
      // The grouping headings above the measure: entries whose path is a prefix of the measure's.
      const context = doc.parts.outline.filter((o) => m.path === o.path || m.path.startsWith(`${o.path}/`));
      return c.json({
        measure: m,
        document: { id: doc.id, title: doc.title, docNumber: doc.docNumber, issuer: doc.issuer, region: doc.region, date: doc.issuedDate ?? doc.publishedDate },
        context,
      });
    },
  );

  route(
    { method: "get", path: "/api/units", summary: "单位列表（按任意别名查找）", tags: ["单位"], query: UnitsQuery, responses: { 200: { description: "单位及其措施数", schema: UnitList }, ...json400 } },
    (c, { query }) => needIndex(c) ?? c.json({ units: state.index!.units(String(query.q ?? ""), Number(query.limit)) }),
  );

  route(
    { method: "get", path: "/api/units/:name", summary: "一个单位牵头、配合和负责的措施（按文件分组，含时限）", tags: ["单位"], params: z.object({ name: z.string().min(1).max(80) }), responses: { 200: { description: "单位职责", schema: UnitDetail }, 404: { description: "没有该单位", schema: ErrorBody }, ...json400 } },
    (c, { params }) => {
      const blocked = needIndex(c);
      if (blocked) return blocked;
      const detail = state.index!.unit(params.name);
      return detail ? c.json(detail) : err(c, 404, `没有找到单位：${params.name}`);
    },
  );

  route(
    { method: "post", path: "/api/parse", summary: "解析一句话中的单位、时限和目标", tags: ["抽取"], body: { contentType: "application/json", schema: ParseRequest }, responses: { 200: { description: "解析结果", schema: ParseResult }, ...json400 } },
    async (c) => {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return err(c, 400, "请求体必须是 JSON：{\"text\": \"…\", \"base\": \"YYYY-MM-DD\"}");
      }
      const req = ParseRequest.safeParse(body);
      if (!req.success) return err(c, 400, zodMessage(req.error));
      return c.json(parseSentence(req.data.text, req.data.base ?? null));
    },
  );

  // ------------------------------------------------------------------ heavy endpoints: a budget per address for anonymous clients
  const limiter = (state.anonLimiter ??= new RateLimiter(anonRateLimitFromEnv()));
  /** Whether the request carries the API token (compared in constant time). */
  const hasToken = (c: Context) => {
    if (!state.apiToken) return false;
    const given = Buffer.from(c.req.header("authorization") ?? "");
    const want = Buffer.from(`Bearer ${state.apiToken}`);
    return given.length === want.length && timingSafeEqual(given, want);
  };
  const clientAddress = (c: Context) => {
    try {
      return getConnInfo(c).remote.address ?? "未知地址";
    } catch {
      return "未知地址"; // not served by node (app.request in tests)
    }
  };
  /** Anonymous clients past their budget on a heavy endpoint (exports, free-text comparison): 429 with Retry-After. */
  const heavy: MiddlewareHandler = async (c, next) => {
    const { limit, windowSec } = limiter.options;
    if (limit > 0 && !hasToken(c)) {
      const wait = limiter.take(clientKey(clientAddress(c)));
      if (wait > 0)
        return c.json({ error: `匿名请求过于频繁：导出与按主题词对比等耗时接口每个地址每 ${windowSec} 秒共可请求 ${limit} 次，请 ${wait} 秒后重试（持 API 令牌的请求不受此限）` }, 429, { "retry-after": String(wait) });
    }
    await next();
  };

  // ------------------------------------------------------------------ comparison across places
  const needComparison = (c: Context) => (state.comparison ? null : err(c, 503, "对比索引尚未就绪，请稍候"));

  route(
    { method: "get", path: "/api/measures/:id/similar", summary: "其他文件中的相似措施（近乎照抄的单列为 copies）", tags: ["对比"], params: MeasureIdParam, query: SimilarQuery, responses: { 200: { description: "相似措施", schema: SimilarList }, 404: { description: "没有该措施", schema: ErrorBody }, ...json400 } },
    async (c, { params, query }) => {
      const blocked = needComparison(c);
      if (blocked) return blocked;
      const r = await state.comparison!.similar(params.id, Number(query.limit), Boolean(query.excludeSameDoc));
      return r ? c.json(r) : err(c, 404, `没有编号为 ${params.id} 的措施`);
    },
  );

  route(
    { method: "get", path: "/api/topics", summary: "主题分组：各地在每个主题上有无措施", tags: ["对比"], responses: { 200: { description: "主题", schema: TopicList } } },
    async (c) => needComparison(c) ?? c.json({ topics: await state.comparison!.topicList() }),
  );

  route(
    { method: "get", path: "/api/topics/:id", summary: "一个主题的各地对比表", tags: ["对比"], params: z.object({ id: z.string().regex(/^[0-9a-z]{1,40}$/, "主题编号格式不正确") }), responses: { 200: { description: "主题与对比表", schema: TopicDetail }, 404: { description: "没有该主题", schema: ErrorBody }, ...json400 } },
    async (c, { params }) => {
      const blocked = needComparison(c);
      if (blocked) return blocked;
      const r = await state.comparison!.topicDetail(params.id);
      return r ? c.json(r) : err(c, 404, `没有编号为 ${params.id} 的主题`);
    },
  );

  route(
    { method: "get", path: "/api/compare", summary: "按主题词（q）或措施（measure）对比各地做法与目标", tags: ["对比"], query: CompareQuery, responses: { 200: { description: "对比表", schema: ComparisonTableBody }, 404: { description: "没有该措施", schema: ErrorBody }, 429: { description: "匿名请求过于频繁（按主题词对比；响应头 Retry-After 给出等待秒数）", schema: ErrorBody }, ...json400 } },
    async (c, { query }) => {
      const blocked = needComparison(c);
      if (blocked) return blocked;
      if (query.measure) {
        const t = await state.comparison!.compareMeasure(String(query.measure));
        return t ? c.json(t) : err(c, 404, `没有编号为 ${query.measure} 的措施`);
      }
      return c.json(await state.comparison!.compareText(String(query.q).trim()));
    },
    // Free text is matched against every measure (tens of ms): limited like the exports; by measure it is a lookup.
    async (c, next) => (c.req.query("measure") === undefined ? heavy(c, next) : next()),
  );

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

  const openapi = openApiDocument(routes);
  app.get("/api/openapi.json", (c) => c.json(openapi));
  app.get("/api/docs", (c) => c.html(API_DOCS_HTML));
  webRoutes(app);
  return app;
}
