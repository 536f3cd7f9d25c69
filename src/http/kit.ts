// What every route module gets: the shared state, a `route` helper that validates params and query with zod and
// describes the route in the OpenAPI document, Chinese JSON errors, the answer cache and the anonymous-client budget.
import type { Context, Hono, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { z } from "zod";
import { timingSafeEqual } from "node:crypto";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { StoreEngine as Store } from "../../index/store/engine.ts";
import type { SearchIndex } from "../search/search-index.ts";
import type { ComparisonAnswers } from "../comparison/comparison.ts";
import type { RouteExamples, RouteSpec } from "./openapi.ts";
import CATALOGUE from "./api-examples.json" with { type: "json" };
import { ErrorBody } from "./api-schemas.ts";
import type { ExportPool } from "../exports/pool.ts";
import { RateLimiter, anonRateLimitFromEnv, clientKey } from "./rate-limit.ts";
import { ResponseCache } from "./response-cache.ts";
import { acceptsGzip, type CachedBody, gzipOf } from "./compression.ts";
import { CACHE_CONTROL, etagOf, notModified } from "./etag.ts";
import type { CorsPolicy } from "./cors.ts";
import type { Replica } from "../service/replica.ts";
import { OwnWrites } from "../search/own-writes.ts";
import { withAddressError } from "./percent-encoding.ts";

export interface AppState {
  store: Store;
  index: SearchIndex | null; // null until the index is ready
  comparison?: ComparisonAnswers | null; // similar measures, topics, comparison tables (on a worker in the service)
  ready: boolean;
  apiToken?: string; // uploads are refused when unset
  /** Named editors (API_TOKENS="name:token,…"): token → editor name, recorded with every task change. */
  apiTokens?: Map<string, string>;
  /** Search responses by query; emptied when the index changes. Capacity 0 turns it off. */
  searchCache?: ResponseCache;
  /** Worker threads that build export files, with a bounded queue (threads started on first use or by warm()). */
  exportPool?: ExportPool;
  /** Budget per client address for anonymous requests (no API token) to the heavy endpoints: the exports. */
  anonLimiter?: RateLimiter;
  /** Cross-origin access (CORS_ORIGINS); also read by the server's fast path for cached searches. */
  cors?: CorsPolicy;
  /** How this replica follows the shared store (change log, lag, writes refused while the database is down). */
  replica?: Replica;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 414 | 415 | 422 | 429 | 431 | 503 | 507;
export type Handler = (c: Context, input: { params: Record<string, string>; query: Record<string, unknown> }) => Response | Promise<Response>;

export interface RouteKit {
  app: Hono;
  state: AppState;
  routes: RouteSpec[];
  /** Register a route: validate params and query with its schemas, and describe it in the OpenAPI document. */
  route(spec: RouteSpec, handler: Handler, ...middleware: MiddlewareHandler[]): void;
  err(c: Context, status: ErrorStatus, error: string): Response;
  /** A JSON request body checked with `schema`, or the 400 answer (`example`: the reason when the body is not JSON). */
  jsonBody<T extends z.ZodType>(c: Context, schema: T, example: string): Promise<z.infer<T> | Response>;
  /** A multipart request's fields and its `file` field, or the 400 answer (`missing`: the reason when there is no file). */
  formFile(c: Context, missing: string): Promise<{ form: Record<string, unknown>; file: File } | Response>;
  /** The 400 answer every validated route can give (for RouteSpec.responses). */
  json400: RouteSpec["responses"];
  /** A 503 answer while the search index is loading, else null. */
  needIndex(c: Context): Response | null;
  cache: ResponseCache;
  /** Anonymous clients past their budget on a heavy endpoint (exports, free-text comparison): 429 with Retry-After. */
  heavy: MiddlewareHandler;
  /** The editor the request's bearer token names (API_TOKEN: "管理员"; API_TOKENS: its name), or null; compared in constant time. */
  hasToken(c: Context): string | null;
  /**
   * After this replica's write to the store: bring the index, the answer cache and the comparison worker in step.
   * `docIds`: every document the write added, replaced, removed or corrected; only those are read again when
   * nothing else changed meanwhile (src/search/own-writes.ts), else (or without them) every document is checked.
   */
  changed(docIds?: string[]): void;
}

/** Upper bound of a JSON request body for reads sent as POST (search, parse): their text fields hold at most 5,000 characters. */
const JSON_BODY_MAX = 256 * 1024;
/** Refuses a larger JSON body with 413 before reading it into memory. */
export const jsonBodyLimit: MiddlewareHandler = bodyLimit({ maxSize: JSON_BODY_MAX, onError: (c) => c.json({ error: `请求体过大（上限 ${JSON_BODY_MAX / 1024} KB；检索与解析的文字至多 5,000 字）` }, 413) });
/** The 413 answer of a route with jsonBodyLimit (for RouteSpec.responses). */
export const json413 = { 413: { description: "请求体过大", schema: ErrorBody } };

/** A validation failure as one Chinese sentence naming each parameter ("limit：不能大于 100"). */
export function zodMessage(e: z.ZodError, given?: unknown): string {
  return e.issues
    .map((i) => {
      const message = withInput(i.message, i.path, given);
      const name = i.path.join(".");
      // A message about the whole request, or one that already names its field, is not prefixed again; a schema's
      // own message opening with the name and a space ("doc 应为 16 位…") reads as the others do ("doc：应为 16 位…").
      if (!name) return message.startsWith("应为") ? `请求体${message}` : message;
      if (message.startsWith(`${name} `)) return `${name}：${message.slice(name.length + 1)}`;
      return message.startsWith(name) && /^[（(：:]/.test(message.slice(name.length)) ? message : `${name}：${message}`;
    })
    .join("；");
}

/** A number parameter coerced from text reads "收到 NaN": name the text the client sent instead. */
function withInput(message: string, path: PropertyKey[], given: unknown): string {
  if (!message.endsWith("收到 NaN") || path.length !== 1 || typeof given !== "object" || given === null) return message;
  const raw = (given as Record<PropertyKey, unknown>)[path[0]];
  if (typeof raw !== "string") return message;
  return `${message.slice(0, -"NaN".length)}“${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}”`;
}

/**
 * The methods the app answers on a path (from its registered routes, present and future): empty for an unknown path.
 * `withoutToken`: only those that need no API token (GET, and reads sent as POST such as POST /api/search).
 */
export function methodsOf(app: Hono, path: string, withoutToken = false): string[] {
  const out = new Set<string>();
  const specs = SPECS.get(app) ?? [];
  for (const r of app.routes) {
    if (r.method === "ALL" || r.path === "/*" || r.path === "*") continue;
    const m = routeRegex(r.path).exec(path);
    if (!m) continue;
    // A route whose path parameters its schema refuses (/api/tasks/overview is no task id) does not count.
    const spec = specs.find((s) => s.path === r.path && s.method.toUpperCase() === r.method);
    if (spec?.params && !spec.params.safeParse(decodedGroups(m)).success) continue;
    if (withoutToken && (spec?.auth || (!spec && r.method !== "GET"))) continue;
    out.add(r.method);
  }
  if (out.has("GET")) out.add("HEAD");
  return [...out];
}

/** The route specs of each app (for methodsOf). */
const SPECS = new WeakMap<Hono, RouteSpec[]>();

function decodedGroups(m: RegExpExecArray): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.groups ?? {})) {
    try {
      out[k] = decodeURIComponent(v);
    } catch {
      out[k] = v;
    }
  }
  return out;
}

const regexCache = new Map<string, RegExp>();
function routeRegex(path: string): RegExp {
  let re = regexCache.get(path);
  if (!re) {
    const body = path
      .split("/")
      .map((seg) => {
        if (!seg.startsWith(":")) return seg === "*" ? ".*" : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        const brace = seg.indexOf("{");
        const name = (brace < 0 ? seg.slice(1) : seg.slice(1, brace)).replace(/\?$/, "");
        const inner = brace < 0 ? "[^/]+" : seg.slice(brace + 1, seg.lastIndexOf("}"));
        return /^[A-Za-z_]\w*$/.test(name) ? `(?<${name}>${inner})` : `(?:${inner})`;
      })
      .join("/");
    regexCache.set(path, (re = new RegExp(`^${body}/?$`)));
  }
  return re;
}

/** operationId and examples of routes that do not give their own, by "METHOD /path" (api-examples.json). */
const EXAMPLES = CATALOGUE as Record<string, { operationId?: string } & RouteExamples>;

function withCatalogue(spec: RouteSpec): RouteSpec {
  const entry = EXAMPLES[`${spec.method.toUpperCase()} ${spec.path}`];
  if (!entry) return spec;
  const { operationId, ...examples } = entry;
  return { ...spec, operationId: spec.operationId ?? operationId, examples: spec.examples ?? examples };
}

export const ENCODER = new TextEncoder();
const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };

/** Cache key of a search: its query string with the parameters in a fixed order. */
export function searchKey(url: string): string {
  const i = url.indexOf("?");
  if (i < 0) return "";
  const p = new URLSearchParams(url.slice(i + 1));
  p.sort();
  return p.toString();
}

/** A serialised JSON answer with its ETag (304 when the client has it), gzipped when the client accepts it (the compress middleware leaves it be). */
export async function sendJson(c: Context, entry: CachedBody): Promise<Response> {
  const etag = (entry.etag ??= etagOf(entry.body));
  const headers = { ...JSON_HEADERS, vary: "accept-encoding", etag, "cache-control": CACHE_CONTROL };
  if (notModified(c.req.header("if-none-match"), etag)) return c.body(null, 304, { etag, "cache-control": CACHE_CONTROL, vary: "accept-encoding" });
  if (acceptsGzip(c.req.header("accept-encoding"))) return c.body(await gzipOf(entry), 200, { ...headers, "content-encoding": "gzip" });
  return c.body(entry.body, 200, headers);
}

export function makeKit(app: Hono, state: AppState): RouteKit {
  const routes: RouteSpec[] = [];
  SPECS.set(app, routes);
  const cache = (state.searchCache ??= new ResponseCache(Number(process.env.SEARCH_CACHE ?? 2000)));
  const err = (c: Context, status: ErrorStatus, error: string) => c.json({ error }, status);
  const own = new OwnWrites(state);
  const trace = process.env.REPLICA_TRACE === "1";

  function route(spec: RouteSpec, handler: Handler, ...middleware: MiddlewareHandler[]) {
    spec = withAddressError(withCatalogue(spec));
    routes.push(spec);
    const wrapped = async (c: Context) => {
      let rawParams: Record<string, string>;
      try {
        rawParams = c.req.param() as Record<string, string>;
      } catch {
        return err(c, 400, "路径中含有无效的编码");
      }
      const params = spec.params ? spec.params.safeParse(rawParams) : { success: true as const, data: {} };
      if (!params.success) return err(c, 400, zodMessage(params.error, rawParams));
      const rawQuery = c.req.query();
      const query = spec.query ? spec.query.safeParse(rawQuery) : { success: true as const, data: {} };
      if (!query.success) return err(c, 400, zodMessage(query.error, rawQuery));
      if (spec.method !== "get") own.note(); // where the index stands before a write (own-writes.ts)
      return handler(c, { params: params.data as Record<string, string>, query: query.data as Record<string, unknown> });
    };
    (app[spec.method] as (p: string, ...h: unknown[]) => void)(spec.path, ...middleware, wrapped);
  }

  const limiter = (state.anonLimiter ??= new RateLimiter(anonRateLimitFromEnv()));
  const hasToken = (c: Context): string | null => {
    const given = Buffer.from(c.req.header("authorization") ?? "");
    const same = (token: string) => {
      const want = Buffer.from(`Bearer ${token}`);
      return given.length === want.length && timingSafeEqual(given, want);
    };
    if (state.apiToken && same(state.apiToken)) return "管理员";
    for (const [token, name] of state.apiTokens ?? []) if (token && same(token)) return name;
    return null;
  };
  const clientAddress = (c: Context) => {
    try {
      return getConnInfo(c).remote.address ?? "未知地址";
    } catch {
      return "未知地址"; // not served by node (app.request in tests)
    }
  };
  const heavy: MiddlewareHandler = async (c, next) => {
    const { limit, windowSec } = limiter.options;
    if (limit > 0 && !hasToken(c)) {
      const wait = limiter.take(clientKey(clientAddress(c)));
      if (wait > 0)
        return c.json({ error: `匿名请求过于频繁：导出与按主题词对比等耗时接口每个地址每 ${windowSec} 秒共可请求 ${limit} 次，请 ${wait} 秒后重试（持 API 令牌的请求不受此限）` }, 429, { "retry-after": String(wait) });
    }
    await next();
  };

  return {
    app,
    state,
    routes,
    route,
    err,
    async jsonBody(c, schema, example) {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return err(c, 400, example);
      }
      const parsed = schema.safeParse(body);
      return parsed.success ? parsed.data : err(c, 400, zodMessage(parsed.error, body));
    },
    async formFile(c, missing) {
      let form: Record<string, unknown>;
      try {
        // all: a field given twice comes as a list (else the last one would be taken and the others dropped unsaid)
        form = await c.req.parseBody({ all: true });
      } catch {
        return err(c, 400, "请求体应为 multipart/form-data，文件字段名为 file");
      }
      const twice = Object.entries(form).find(([, v]) => Array.isArray(v));
      if (twice) {
        const [key, values] = twice as [string, unknown[]];
        return err(c, 400, key === "file" ? `一次只能上传一个文件（收到 ${values.length} 个 file 字段），请逐个上传` : `${key}：字段重复（收到 ${values.length} 个），每个字段只能给一次`);
      }
      return form.file instanceof File ? { form, file: form.file } : err(c, 400, missing);
    },
    json400: { 400: { description: "请求参数错误", schema: ErrorBody } },
    needIndex: (c) => (state.index ? null : err(c, 503, "索引尚未就绪，请稍候")),
    cache,
    heavy,
    hasToken,
    changed(docIds) {
      const t0 = performance.now();
      let r: ReturnType<OwnWrites["apply"]>;
      try {
        r = own.apply(docIds);
      } catch (e) {
        // The write stands; the store's follower (SQLite's counter, PostgreSQL's listener on reconnecting) brings the index up later.
        process.stderr.write(`写入后更新索引失败：${String((e as Error)?.message ?? e).slice(0, 200)}\n`);
        r = { how: "none", changed: true };
      }
      cache.clear();
      if (r.changed) state.comparison?.refresh();
      if (trace && r.how !== "none")
        process.stderr.write(`写入后更新索引：${r.how === "documents" ? `只读所写的文件 ${new Set(docIds).size} 个` : `全部核对（${r.why}）`}，${(performance.now() - t0).toFixed(1)} ms\n`);
    },
  };
}
