// The HTTP API (Hono). Every input is validated with zod, and the OpenAPI document is generated from the same
// schemas. Errors are JSON with a Chinese message; the service never crashes on input nor returns a stack.
// Routes live in routes/, one module per resource; kit.ts holds what they share.
import { Hono } from "hono";
import { compress } from "hono/compress";
import { Health } from "./api-schemas.ts";
import { openApiDocument } from "./openapi.ts";
import { cors, corsPolicyFromEnv } from "./cors.ts";
import { conditionalGet } from "./etag.ts";
import { CHECKED_PREFIX, utf8Address } from "./percent-encoding.ts";
import { webRoutes } from "./web.ts";
import { ComparisonRefused } from "../comparison/comparison.ts";
import { makeKit, methodsOf, type AppState } from "./kit.ts";
import { searchRoutes } from "./routes/search.ts";
import { documentRoutes } from "./routes/documents.ts";
import { measureRoutes } from "./routes/measures.ts";
import { unitRoutes } from "./routes/units.ts";
import { comparisonRoutes } from "./routes/comparison.ts";
import { exportRoutes } from "./routes/exports.ts";
import { taskRoutes } from "./routes/tasks.ts";
import { jobRoutes } from "./routes/jobs.ts";
import { connectionFailure, refuseWritesWhenDown } from "../service/replica.ts";

export type { AppState } from "./kit.ts";
export { searchKey } from "./kit.ts";

export function createApp(state: AppState): Hono {
  const app = new Hono();
  app.onError((e, c) => {
    if (e instanceof ComparisonRefused) return c.json({ error: e.message }, 503, { "retry-after": String(e.retryAfterSec) });
    const down = state.replica?.engine === "postgres" ? connectionFailure(e) : null;
    if (down) return c.json({ error: down }, 503, { "retry-after": "5" });
    process.stderr.write(`请求出错 ${c.req.method} ${c.req.path}: ${(e as Error).message}\n`);
    return c.json({ error: `服务器内部错误：处理 ${c.req.method} ${c.req.path} 时出现意外错误（已记录在服务日志中），请稍后重试` }, 500);
  });
  app.notFound((c) => {
    // A known path asked with a method it does not have: 405 with the methods it has.
    const methods = methodsOf(app, c.req.path);
    if (methods.length > 0) return c.json({ error: `${c.req.path} 不支持 ${c.req.method} 方法（支持：${methods.join("、")}）` }, 405, { allow: [...methods, "OPTIONS"].join(", ") });
    return c.json({ error: `未找到：${c.req.path}` }, 404);
  });
  app.use(compress());
  app.use(cors((state.cors ??= corsPolicyFromEnv()), (path) => methodsOf(app, path), (path) => methodsOf(app, path, true)));
  app.use(`${CHECKED_PREFIX}*`, utf8Address());
  app.use(conditionalGet());
  app.use("/api/*", refuseWritesWhenDown(() => state.replica));

  const kit = makeKit(app, state);
  const healthExample = { status: "ok", documents: 5, engine: "sqlite", changes: { position: 12, applied: 12, lagEntries: 0, lagMs: 0, appliedAt: null }, readOnly: null, degraded: null };
  kit.route({ method: "get", path: "/api/health", operationId: "getHealth", summary: "服务是否就绪、存储引擎、变更日志位置与延迟、只读或降级状态", tags: ["服务"], examples: { response: healthExample }, responses: { 200: { description: "就绪", schema: Health }, 503: { description: "启动中", schema: Health } } }, async (c) => {
    if (!state.ready) return c.json({ status: "starting" }, 503);
    let documents: number | undefined;
    try {
      documents = state.store.documentCount();
    } catch {
      // the database cannot be reached: the replica still serves search from memory (see degraded)
    }
    const h = await state.replica?.health();
    if (!h) return c.json({ status: "ok", documents, readOnly: state.store.readOnly });
    const { position, applied, lag, appliedAt, ...rest } = h;
    return c.json({ status: "ok", documents, ...rest, changes: { position, applied, lagEntries: lag?.entries ?? null, lagMs: lag?.ms ?? null, appliedAt } });
  });
  searchRoutes(kit);
  documentRoutes(kit);
  measureRoutes(kit);
  unitRoutes(kit);
  comparisonRoutes(kit);
  exportRoutes(kit);
  taskRoutes(kit);
  jobRoutes(kit);

  let openapi: ReturnType<typeof openApiDocument> | undefined; // made on first request, not at start
  app.get("/api/openapi.json", (c) => c.json((openapi ??= openApiDocument(kit.routes))));
  webRoutes(app);
  return app;
}
