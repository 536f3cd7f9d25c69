// The HTTP server: the Hono app on @hono/node-server, except that a search already in the response
// cache is answered straight from Node's request, before Hono builds a Request and a Response for it
// (the common case under load: the same questions asked again).
import { serve, type ServerType } from "@hono/node-server";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Hono } from "hono";
import { searchKey, type AppState } from "./app.ts";
import { acceptsGzip } from "./compression.ts";

const SEARCH_PATH = "/api/search";
const JSON_TYPE = "application/json; charset=utf-8";

/**
 * V8 flags the service runs with (`npm start` in package.json passes the same). A young generation
 * of 128 MB: with a large index in the old generation each scavenge costs several milliseconds
 * whatever the young size, so fewer, larger ones keep the latency tail down.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=128"];

/**
 * The environment the service runs with (`npm start` appends the same tunable to any already set):
 * glibc backs large allocations (the index's typed arrays, hundreds of MB read at random) with
 * transparent huge pages, so that
 * those reads miss the TLB far less often; about a quarter off the query latency at a million
 * measures. Linux with glibc 2.35 or later; ignored elsewhere. Tunables already set are kept (here
 * also an explicit glibc.malloc.hugetlb).
 */
export function serverEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const tunables = env.GLIBC_TUNABLES?.includes("glibc.malloc.hugetlb") ? env.GLIBC_TUNABLES : [env.GLIBC_TUNABLES, "glibc.malloc.hugetlb=1"].filter(Boolean).join(":");
  return { ...env, GLIBC_TUNABLES: tunables };
}

/** Answer a GET of a cached search; false when it is not one. */
function answerFromCache(state: AppState, req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? "";
  if (req.method !== "GET" || !state.index || !state.searchCache || !url.startsWith(SEARCH_PATH)) return false;
  const rest = url.charCodeAt(SEARCH_PATH.length);
  if (!Number.isNaN(rest) && rest !== 63 /* ? */) return false;
  const cache = state.searchCache;
  const entry = cache.get(cache.keyOf(url, searchKey));
  if (!entry) return false;
  const gzip = acceptsGzip(req.headers["accept-encoding"]);
  if (gzip && !entry.gzip) return false; // compressed once, off the event loop, on the way through Hono
  const body = gzip ? entry.gzip! : entry.body;
  const headers = ["content-type", JSON_TYPE, "vary", "accept-encoding", "content-length", String(body.byteLength)];
  res.writeHead(200, gzip ? [...headers, "content-encoding", "gzip"] : headers);
  res.end(body);
  return true;
}

export function serveApp(app: Hono, state: AppState, opts: { port: number; hostname: string }, onListen: (info: AddressInfo) => void): ServerType {
  return serve(
    {
      fetch: app.fetch,
      port: opts.port,
      hostname: opts.hostname,
      createServer: ((options: object, listener: (req: IncomingMessage, res: ServerResponse) => void) =>
        createServer(options, (req, res) => {
          if (!answerFromCache(state, req, res)) listener(req, res);
        })) as typeof createServer,
    },
    onListen,
  );
}
