// The HTTP server: the Hono app on @hono/node-server, except that a search already in the response
// cache is answered straight from Node's request, before Hono builds a Request and a Response for it
// (the common case under load: the same questions asked again).
// Slow clients cannot hold connections: request headers must arrive within HEADERS_TIMEOUT seconds, and
// a body must keep coming (no pause longer than BODY_IDLE_TIMEOUT, on average at least BODY_MIN_RATE
// bytes a second); such a connection is answered 408 with a Chinese reason and closed. Malformed
// requests get the same kind of answer (400, 431) instead of Node's bare English one.
import { serve, type ServerType } from "@hono/node-server";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Hono } from "hono";
import { searchKey, type AppState } from "./app.ts";
import { acceptsGzip } from "./compression.ts";
import { CACHE_CONTROL, etagOf, notModified } from "./etag.ts";
import { corsHeaders } from "./cors.ts";
import { envNumber } from "../service/env-number.ts";

const SEARCH_PATH = "/api/search";
const JSON_TYPE = "application/json; charset=utf-8";

/**
 * V8 flags the service runs with (`npm start` in package.json passes the same). A young generation
 * of 128 MB: with a large index in the old generation each scavenge costs several milliseconds
 * whatever the young size, so fewer, larger ones keep the latency tail down. Fixed at that size from
 * the start (min = max): grown on the way, the young generation handed out fresh pages to the first
 * ~1,500 searches, a page fault per 4 KB (docs/scaling.md, search latency, seventh round). The main
 * thread's only: src/service/young-generation.ts resets the flag for worker threads.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=128", "--min-semi-space-size=128"];

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
  const etag = (entry.etag ??= etagOf(entry.body));
  const origin = req.headers.origin;
  const cors = origin && state.cors ? Object.entries(corsHeaders(state.cors, origin, "GET")).flatMap(([k, v]) => (k === "vary" ? [] : [k, v])) : [];
  const vary = cors.length && state.cors?.named.has(origin!) ? "accept-encoding, Origin" : "accept-encoding";
  if (notModified(req.headers["if-none-match"], etag)) {
    res.writeHead(304, ["etag", etag, "cache-control", CACHE_CONTROL, "vary", vary, ...cors]);
    res.end();
    return true;
  }
  const body = gzip ? entry.gzip! : entry.body;
  const headers = ["content-type", JSON_TYPE, "vary", vary, "etag", etag, "cache-control", CACHE_CONTROL, "content-length", String(body.byteLength), ...cors];
  res.writeHead(200, gzip ? [...headers, "content-encoding", "gzip"] : headers);
  res.end(body);
  return true;
}

export interface ConnectionLimits {
  /** Time for a request's headers, from its first byte (and for a new connection's first request). */
  headersTimeoutMs: number;
  /** Longest pause while a request body is being received. */
  bodyIdleTimeoutMs: number;
  /** Lowest average rate of a body, bytes a second, checked once a body has had bodyIdleTimeoutMs. */
  bodyMinRate: number;
}


/** HEADERS_TIMEOUT and BODY_IDLE_TIMEOUT (seconds), BODY_MIN_RATE (bytes a second); see README. */
function connectionLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): ConnectionLimits {
  return {
    headersTimeoutMs: envNumber(env, "HEADERS_TIMEOUT", 10, 0.1) * 1000,
    bodyIdleTimeoutMs: envNumber(env, "BODY_IDLE_TIMEOUT", 10, 0.1) * 1000,
    bodyMinRate: envNumber(env, "BODY_MIN_RATE", 4096, 0),
  };
}

/** A request line longer than this, when the headers overflow, is answered 414 rather than 431. */
const MAX_URL_BYTES = 8 * 1024;

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} 秒`;

/** A whole HTTP response written on the socket itself (no request object exists, or its answer is moot), then the socket closed. */
function refuseOnSocket(socket: Socket, status: number, reason: string, error: string): void {
  if (socket.destroyed) return;
  const body = Buffer.from(JSON.stringify({ error }));
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
  setTimeout(() => socket.destroy(), 1000).unref();
}

/** Whether a request line's address holds bytes that must be percent-encoded (UTF-8 characters, white space, quotes, angle brackets). */
function rawUrlUnencoded(raw: Buffer | undefined): boolean {
  if (!raw) return false;
  const end = raw.indexOf("\r\n");
  const line = raw.subarray(0, end < 0 ? raw.length : end);
  const url = line.subarray(line.indexOf(0x20) + 1, line.lastIndexOf(" HTTP/") > 0 ? line.lastIndexOf(" HTTP/") : line.length);
  return url.some((b) => b >= 0x80 || b <= 0x20 || b === 0x22 || b === 0x3c || b === 0x3e || b === 0x7f);
}

/** The answer to a request Node could not read, by llhttp's error code. */
function clientErrorReply(e: NodeJS.ErrnoException, limits: ConnectionLimits): [number, string, string] {
  const code = e.code ?? "";
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") return [408, "Request Timeout", `请求头未在 ${seconds(limits.headersTimeoutMs)}内发送完毕，连接已关闭`];
  if (code === "HPE_HEADER_OVERFLOW") {
    // The request line alone past the limit: the address (URL) is what is too long.
    const raw = (e as { rawPacket?: Buffer }).rawPacket;
    const lineEnd = raw ? raw.indexOf("\r\n") : -1;
    if (raw && /^[A-Z]+ \//.test(raw.subarray(0, 16).toString("latin1")) && (lineEnd < 0 || lineEnd > MAX_URL_BYTES))
      return [414, "URI Too Long", "请求地址过长（地址与请求头合计上限 16 KB；长段文字检索请用 POST /api/search，把条件放在 JSON 请求体中），连接已关闭"];
    return [431, "Request Header Fields Too Large", "请求头过大（上限 16 KB），连接已关闭"];
  }
  if (code === "HPE_CHUNK_EXTENSIONS_OVERFLOW") return [413, "Content Too Large", "分块传输的扩展字段过长，连接已关闭"];
  if (code === "HPE_INVALID_URL" && rawUrlUnencoded((e as { rawPacket?: Buffer }).rawPacket))
    return [400, "Bad Request", "请求地址含有未编码的字符：地址中的中文、空格等须先百分号编码（UTF-8），如 /api/search?q=%E6%8B%85%E4%BF%9D；curl 用 -G --data-urlencode \"q=担保\"，连接已关闭"];
  const what: Record<string, string> = {
    HPE_INVALID_METHOD: "请求方法无效",
    HPE_INVALID_URL: "请求地址无效",
    HPE_INVALID_VERSION: "HTTP 版本无效",
    HPE_INVALID_HEADER_TOKEN: "请求头含有无效字符",
    HPE_INVALID_CONTENT_LENGTH: "Content-Length 无效",
    HPE_UNEXPECTED_CONTENT_LENGTH: "Content-Length 与 Transfer-Encoding 同时出现",
    HPE_INVALID_TRANSFER_ENCODING: "Transfer-Encoding 无效",
    HPE_INVALID_CHUNK_SIZE: "分块传输的块长度无效",
    HPE_INVALID_CONSTANT: "请求格式不符合 HTTP/1.1",
    HPE_LF_EXPECTED: "请求行或请求头缺少换行",
    HPE_CR_EXPECTED: "请求行或请求头缺少回车换行",
  };
  return [400, "Bad Request", `${what[code] ?? "无法解析的 HTTP 请求"}（${code || e.message}），连接已关闭`];
}

interface BodyWatch {
  req: IncomingMessage;
  res: ServerResponse;
  socket: Socket;
  /** socket.bytesRead when the request's headers had been read. */
  startBytes: number;
  startAt: number;
  lastBytes: number;
  /** When bytes last arrived (or the service last held the body up). */
  lastAt: number;
  checkedAt: number;
  declared: number | null;
}

/**
 * Watches request bodies while they arrive: a pause longer than bodyIdleTimeoutMs, or an average rate
 * under bodyMinRate after that long, ends the connection (408, Chinese reason). A body the service has
 * not read yet (its buffer full) is the service's delay, not the client's, and is not counted.
 */
class BodyWatcher {
  private readonly watched = new Set<BodyWatch>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly limits: ConnectionLimits) {}

  watch(req: IncomingMessage, res: ServerResponse): void {
    const length = req.headers["content-length"];
    const declared = length === undefined ? null : Number(length);
    if ((declared === null || declared === 0) && req.headers["transfer-encoding"] === undefined) return;
    if (req.complete) return;
    const now = Date.now();
    const socket = req.socket;
    const w: BodyWatch = { req, res, socket, startBytes: socket.bytesRead, startAt: now, lastBytes: socket.bytesRead, lastAt: now, checkedAt: now, declared };
    this.watched.add(w);
    const done = () => {
      this.watched.delete(w);
      socket.off("close", done); // a kept-alive socket carries many requests
    };
    req.once("end", done);
    req.once("close", done);
    socket.once("close", done);
    this.timer ??= setInterval(() => this.check(), Math.max(50, Math.min(1000, this.limits.bodyIdleTimeoutMs / 4))).unref();
  }

  private check(): void {
    const now = Date.now();
    const { bodyIdleTimeoutMs, bodyMinRate } = this.limits;
    for (const w of this.watched) {
      if (w.req.complete || w.socket.destroyed) {
        this.watched.delete(w);
        continue;
      }
      const bytes = w.socket.bytesRead;
      if (w.req.readableLength > 0 || w.socket.isPaused()) {
        // Data waiting for the service to read it: the service is the one holding up, not the client.
        w.startAt += now - w.checkedAt;
        w.lastAt = now;
      } else if (bytes !== w.lastBytes) w.lastAt = now;
      w.lastBytes = bytes;
      w.checkedAt = now;
      const declared = w.declared !== null ? `（声明 ${w.declared} 字节，未收完）` : "";
      const rate = (bytes - w.startBytes) / Math.max(0.001, (now - w.startAt) / 1000);
      if (now - w.lastAt >= bodyIdleTimeoutMs) this.cut(w, `请求体${declared}已 ${seconds(now - w.lastAt)}没有新数据，连接已关闭`);
      else if (bodyMinRate > 0 && now - w.startAt >= bodyIdleTimeoutMs && rate < bodyMinRate)
        this.cut(w, `请求体${declared}发送过慢：平均每秒约 ${Math.round(rate)} 字节，低于每秒 ${bodyMinRate} 字节，连接已关闭`);
    }
    if (this.watched.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private cut(w: BodyWatch, error: string): void {
    this.watched.delete(w);
    if (w.res.headersSent) w.socket.destroy();
    else refuseOnSocket(w.socket, 408, "Request Timeout", error);
    // The handler still waiting for the body sees it aborted; its answer goes nowhere.
    w.req.destroy();
  }
}

export function serveApp(
  app: Hono,
  state: AppState,
  opts: { port: number; hostname: string; limits?: Partial<ConnectionLimits> },
  onListen: (info: AddressInfo) => void,
): ServerType {
  const limits = { ...connectionLimitsFromEnv(), ...opts.limits };
  const bodies = new BodyWatcher(limits);
  const server = serve(
    {
      fetch: app.fetch,
      port: opts.port,
      hostname: opts.hostname,
      serverOptions: {
        headersTimeout: limits.headersTimeoutMs,
        // Bodies are timed by BodyWatcher (by their progress, not a fixed total: uploads may be large).
        requestTimeout: 0,
        // How often Node checks the headers timeout (its default, 30 s, would triple a 10 s limit).
        connectionsCheckingInterval: Math.max(50, Math.min(1000, limits.headersTimeoutMs / 4)),
      },
      createServer: ((options: object, listener: (req: IncomingMessage, res: ServerResponse) => void) =>
        createServer(options, (req, res) => {
          bodies.watch(req, res);
          if (!answerFromCache(state, req, res)) listener(req, res);
        })) as typeof createServer,
    },
    onListen,
  );
  server.on("clientError", (e: NodeJS.ErrnoException, socket: Socket) => {
    // A response already under way (a malformed body after the handler answered): nothing more to say.
    const current = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
    if (e.code === "ECONNRESET" || e.code === "EPIPE" || current?.headersSent) {
      socket.destroy();
      return;
    }
    const [status, reason, error] = clientErrorReply(e, limits);
    refuseOnSocket(socket, status, reason, error);
  });
  // Export workers load their libraries (a second or two) now, not on the first export; a service still
  // starting (src/service/server.ts) starts them once ready, so that they do not slow its start.
  if (state.ready) setImmediate(() => state.exportPool?.warm());
  return server;
}
