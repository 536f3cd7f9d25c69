// Conditional GETs: a weak ETag (a hash of the body) and Cache-Control on JSON answers to GET and HEAD (and the
// page's HTML, CSS and scripts),
// and 304 Not Modified when If-None-Match names the current one. The cached search answers carry their
// ETag, computed once (kit.sendJson and the server's fast path answer 304 from it).
import { createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";

/** Clients may keep an answer but must revalidate it (the data change whenever a document is ingested). */
export const CACHE_CONTROL = "no-cache";

/** A weak validator of a body: the same bytes give the same tag, gzipped or not. */
export function etagOf(body: Uint8Array): string {
  return `W/"${body.byteLength.toString(16)}-${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`;
}

/** Whether If-None-Match names this tag (weak comparison, a list or "*"). */
export function notModified(ifNoneMatch: string | undefined | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const want = etag.replace(/^W\//, "");
  return ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === want);
}

/** Headers a 304 repeats from the 200 it stands for. */
const KEEP_ON_304 = ["etag", "cache-control", "vary", "content-location", "expires", "date"];

/** Answers that get a validator: JSON, and the page's own files. Exported files (XLSX, DOCX, CSV …) do not. */
const VALIDATED = /json|text\/html|text\/css|javascript/;

/** ETag, Cache-Control and 304 for GET/HEAD answers of those types that do not already carry an ETag. */
export function conditionalGet(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const method = c.req.method;
    if ((method !== "GET" && method !== "HEAD") || c.res.status !== 200) return;
    const res = c.res;
    let tag = res.headers.get("etag");
    if (!tag) {
      if (!VALIDATED.test(res.headers.get("content-type") ?? "") || res.headers.get("content-encoding") || res.headers.has("content-disposition")) return;
      tag = etagOf(new Uint8Array(await res.clone().arrayBuffer()));
      res.headers.set("etag", tag);
    }
    if (!res.headers.has("cache-control")) res.headers.set("cache-control", CACHE_CONTROL);
    if (notModified(c.req.header("if-none-match"), tag)) {
      const headers = new Headers();
      for (const k of KEEP_ON_304) {
        const v = res.headers.get(k);
        if (v !== null) headers.set(k, v);
      }
      c.res = undefined as unknown as Response; // Hono merges headers of a replaced response otherwise
      c.res = new Response(null, { status: 304, headers });
    }
  };
}
