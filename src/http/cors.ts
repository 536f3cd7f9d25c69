// Cross-origin access. Reads (GET, HEAD, and operations sent as POST that need no token, such as
// POST /api/search for long texts) are open to the origins in CORS_ORIGINS (comma-separated; default
// `*`: any origin); writes only to origins listed by name (never through `*`). A preflight (OPTIONS) is
// answered 204 with the methods the path has; a preflight for a method the origin may not use is 403.
import type { Context, MiddlewareHandler } from "hono";

export interface CorsPolicy {
  /** Any origin may read. */
  anyRead: boolean;
  /** Origins named in CORS_ORIGINS: they may read and write. */
  named: Set<string>;
}

const READS = new Set(["GET", "HEAD"]);
/** Request headers a cross-origin client may send. */
const ALLOW_HEADERS = "Authorization, Content-Type, If-None-Match, Accept, Accept-Language";
/** Response headers a cross-origin client may read. */
const EXPOSE_HEADERS = "ETag, Retry-After, Content-Disposition, Content-Length";
const MAX_AGE = "600";

export function corsPolicyFromEnv(env: NodeJS.ProcessEnv = process.env): CorsPolicy {
  const list = (env.CORS_ORIGINS ?? "*").split(",").map((s) => s.trim().replace(/\/+$/, "")).filter(Boolean);
  return { anyRead: list.includes("*"), named: new Set(list.filter((s) => s !== "*")) };
}

/** Whether an origin may make a request with this method; `open`: the methods of the path that need no token. */
function originAllowed(policy: CorsPolicy, origin: string, method: string, open: string[] = []): boolean {
  if (policy.named.has(origin)) return true;
  const m = method.toUpperCase();
  return policy.anyRead && (READS.has(m) || open.includes(m));
}

/** Headers for an actual (not preflight) cross-origin request; empty when the origin may not. */
export function corsHeaders(policy: CorsPolicy, origin: string | undefined, method: string, open: string[] = []): Record<string, string> {
  if (!origin || !originAllowed(policy, origin, method, open)) return {};
  const named = policy.named.has(origin);
  return {
    "access-control-allow-origin": named ? origin : "*",
    "access-control-expose-headers": EXPOSE_HEADERS,
    ...(named ? { vary: "Origin" } : {}),
  };
}

/**
 * The CORS middleware. `methodsOf(path)` lists the methods the service answers on a path (empty: unknown
 * path), for the preflight's Allow-Methods and for OPTIONS without a preflight (204 with Allow);
 * `openMethodsOf(path)` those of them that need no token (reads, whatever their method).
 */
export function cors(policy: CorsPolicy, methodsOf: (path: string) => string[], openMethodsOf: (path: string) => string[] = () => []): MiddlewareHandler {
  return async (c: Context, next) => {
    const origin = c.req.header("origin");
    if (c.req.method === "OPTIONS") {
      const methods = methodsOf(c.req.path);
      if (methods.length === 0) return c.json({ error: `未找到：${c.req.path}` }, 404);
      const allow = [...methods, "OPTIONS"].join(", ");
      const wanted = c.req.header("access-control-request-method");
      if (!origin || !wanted) return c.body(null, 204, { allow });
      if (!methods.includes(wanted.toUpperCase()))
        return c.json({ error: `${c.req.path} 不支持 ${wanted.toUpperCase()} 方法（支持：${methods.join("、")}）` }, 405, { allow });
      const open = openMethodsOf(c.req.path);
      if (!originAllowed(policy, origin, wanted, open))
        return c.json({ error: `来源 ${origin} 不允许跨域${READS.has(wanted.toUpperCase()) || open.includes(wanted.toUpperCase()) ? "访问" : "写入"}（写入只对 CORS_ORIGINS 中列出的来源开放）` }, 403, { allow, vary: "Origin" });
      const usable = methods.filter((m) => originAllowed(policy, origin, m, open));
      return c.body(null, 204, {
        allow,
        "access-control-allow-origin": policy.named.has(origin) ? origin : "*",
        "access-control-allow-methods": [...usable, "OPTIONS"].join(", "),
        "access-control-allow-headers": ALLOW_HEADERS,
        "access-control-max-age": MAX_AGE,
        vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
      });
    }
    await next();
    if (!origin) return;
    const open = READS.has(c.req.method) ? [] : openMethodsOf(c.req.path);
    for (const [k, v] of Object.entries(corsHeaders(policy, origin, c.req.method, open))) {
      if (k === "vary") c.res.headers.append("vary", v);
      else c.res.headers.set(k, v);
    }
  };
}
