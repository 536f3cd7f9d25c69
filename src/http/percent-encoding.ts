// Addresses whose percent-encoding is not UTF-8: a client that encodes Chinese in GBK (担保 → %B5%A3%B1%A3,
// still common in older government systems) or cuts a character in two. Hono would pass such a value on
// as written (%B5%A3…), searched as the letters b5, a3 and found nowhere; the request is refused instead,
// naming the parameter, in Chinese. Every route under CHECKED_PREFIX declares that 400 in the OpenAPI
// document (withAddressError, applied where routes are registered: kit.ts).
import type { MiddlewareHandler } from "hono";
import { ErrorBody } from "./api-schemas.ts";
import type { RouteSpec } from "./openapi.ts";

/** The paths the check runs on (app.ts mounts utf8Address on `${CHECKED_PREFIX}*`). */
export const CHECKED_PREFIX = "/api/";

const ADDRESS_400 = { description: "地址编码错误：路径或查询参数不是有效的 UTF-8 百分号编码（如用 GBK 编码的中文）", schema: ErrorBody };

/** A route's spec with the 400 this check can give, for a checked path whose spec lists no 400 of its own. */
export function withAddressError(spec: RouteSpec): RouteSpec {
  if (!spec.path.startsWith(CHECKED_PREFIX) || spec.responses[400]) return spec;
  return { ...spec, responses: { ...spec.responses, 400: ADDRESS_400 } };
}

const SAMPLE = 24;

/** The first parameter whose value (or name) is not valid UTF-8 percent-encoding, and what was sent. */
function badParam(query: string): { name: string; sent: string } | null {
  for (const pair of query.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const [name, value] = eq < 0 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)];
    for (const part of [name, value]) {
      try {
        decodeURIComponent(part.replace(/\+/g, " "));
      } catch {
        let shown = name;
        try {
          shown = decodeURIComponent(name);
        } catch {
          // the name itself is what is wrong: shown as sent
        }
        return { name: shown, sent: part.length > SAMPLE ? `${part.slice(0, SAMPLE)}…` : part };
      }
    }
  }
  return null;
}

const HOW = "中文等字符须按 UTF-8 百分号编码（如 担保 → %E6%8B%85%E4%BF%9D），不能用 GBK 等其他编码";

/** 400 in Chinese for a path or query parameter that is not valid UTF-8 percent-encoding. */
export function utf8Address(): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    const start = url.indexOf("/", url.indexOf("//") + 2);
    const q = url.indexOf("?", start);
    const path = q < 0 ? url.slice(start) : url.slice(start, q);
    try {
      decodeURIComponent(path);
    } catch {
      return c.json({ error: `请求路径不是有效的 UTF-8 编码（收到 “${path.length > 60 ? `${path.slice(0, 60)}…` : path}”）：${HOW}` }, 400);
    }
    const bad = q < 0 ? null : badParam(url.slice(q + 1).split("#")[0]);
    if (bad) return c.json({ error: `${bad.name}：不是有效的 UTF-8 编码（收到 “${bad.sent}”）：${HOW}` }, 400);
    await next();
  };
}
