// Requests cannot starve, stall or crash the service (issue 14): exports are built on worker threads
// behind a bounded queue (503 + Retry-After past it), anonymous clients have a per-address budget on
// the export endpoints (429 + Retry-After), and slow or broken clients are cut off with a Chinese
// reason. A real `npm start` on 127.0.0.1 with small limits, so that nothing here waits long.
// Throughput under contention is measured by `npm run bench` (the "contention" line), not asserted here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect } from "node:net";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { sheetRows } from "./helpers/sheets.ts";
import mammoth from "mammoth";
import { Store } from "../index/store/store.ts";
import { contentDisposition, documentTable, dutyList, render, type ExportDocument } from "../src/exports/index.ts";
import { allDocuments } from "../src/documents/all.ts";
import { RateLimiter, clientKey } from "../src/http/rate-limit.ts";
import { startServer, type RunningServer } from "./helpers/server.ts";

const TOKEN = "limits-token";
const auth = { authorization: `Bearer ${TOKEN}` };
const HEADERS_TIMEOUT = 1; // seconds
const BODY_IDLE_TIMEOUT = 1;
const RATE = 3;

let srv: RunningServer;
let store: Store;
let mianyang: ExportDocument;

beforeAll(async () => {
  srv = await startServer({
    API_TOKEN: TOKEN,
    EXPORT_WORKERS: "1",
    EXPORT_QUEUE: "1",
    ANON_RATE_LIMIT: String(RATE),
    ANON_RATE_WINDOW: "60",
    HEADERS_TIMEOUT: String(HEADERS_TIMEOUT),
    BODY_IDLE_TIMEOUT: String(BODY_IDLE_TIMEOUT),
  });
  // The service's own store, read from here to render the same tables in this process.
  store = new Store(join(srv.dataDir, "data"));
  mianyang = store.getDocument(store.listDocuments(100).find((d) => d.title?.startsWith("金融支持"))!.id)!;
});
afterAll(async () => {
  store?.close();
  await srv?.close();
});

/** A raw connection: what it sends, what comes back before the server closes it, and when. */
function rawExchange(send: (write: (s: string) => void) => void, waitMs = 8000): Promise<{ status: number | null; error: string | null; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(srv.base);
    const t0 = Date.now();
    let got = "";
    const socket = connect(Number(port), "127.0.0.1", () => send((s) => socket.write(s)));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connection still open after ${waitMs} ms`));
    }, waitMs);
    socket.on("data", (b) => (got += b.toString("utf8")));
    socket.on("error", () => undefined); // a reset after the answer
    socket.on("close", () => {
      clearTimeout(timer);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(got);
      const body = got.slice(got.indexOf("\r\n\r\n") + 4);
      let error: string | null = null;
      try {
        error = JSON.parse(body).error;
      } catch {
        // no JSON body
      }
      resolve({ status: status ? Number(status[1]) : null, error, closedAfterMs: Date.now() - t0 });
    });
  });
}

async function docxText(buf: Uint8Array): Promise<string> {
  return (await mammoth.extractRawText({ buffer: Buffer.from(buf) })).value;
}

async function xlsxRows(buf: Uint8Array): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(buf) as unknown as ExcelJS.Buffer);
  return sheetRows(wb.worksheets[0]);
}

describe("exports on the worker pool", () => {
  it("give the same files as rendering in process: CSV and Markdown byte for byte, XLSX and DOCX cell for cell", async () => {
    const path = `/api/documents/${mianyang.id}/assignments`;
    const table = documentTable(mianyang);
    for (const format of ["csv", "md"]) {
      const r = await fetch(`${srv.base}${path}?format=${format}`, { headers: auth });
      expect(r.status, format).toBe(200);
      const local = await render(table, format);
      expect(r.headers.get("content-type")).toBe(local.contentType);
      expect(r.headers.get("content-disposition")).toBe(contentDisposition(local.fileName));
      expect(Buffer.from(await r.arrayBuffer()).equals(local.body), format).toBe(true);
    }
    const xlsx = await fetch(`${srv.base}${path}?format=xlsx`, { headers: auth });
    expect(xlsx.status).toBe(200);
    const remoteRows = await xlsxRows(new Uint8Array(await xlsx.arrayBuffer()));
    expect(remoteRows).toEqual(await xlsxRows((await render(table, "xlsx")).body));
    expect(remoteRows.flat()).toContain("人行绵阳市中心支行、绵阳银保监分局");
    const docx = await fetch(`${srv.base}${path}?format=docx`, { headers: auth });
    expect(docx.status).toBe(200);
    const text = await docxText(new Uint8Array(await docx.arrayBuffer()));
    expect(text).toBe(await docxText((await render(table, "docx")).body));
    expect(text).toContain("金融支持科创企业全生命周期发展十条措施(试行)实施方案");
  });

  it("duty lists and search results too; a missing document or unit is a 404 with a Chinese reason", async () => {
    const duty = await fetch(`${srv.base}/api/units/${encodeURIComponent("市金融工作局")}/duties?format=csv&asOf=2022-03-20`, { headers: auth });
    expect(duty.status).toBe(200);
    const local = await render(dutyList("市金融工作局", allDocuments(store), "2022-03-20"), "csv");
    expect(Buffer.from(await duty.arrayBuffer()).equals(local.body)).toBe(true);
    const ics = await fetch(`${srv.base}/api/units/${encodeURIComponent("市金融工作局")}/duties?format=ics&asOf=2022-03-20`, { headers: auth });
    expect(await ics.text()).toContain("BEGIN:VCALENDAR");
    const found = await fetch(`${srv.base}/api/assignments?q=${encodeURIComponent("风险补偿")}&format=md`, { headers: auth });
    expect(found.status).toBe(200);
    const md = await found.text();
    expect(md).toContain("“风险补偿” 检索结果");
    expect(md).toContain("风险补偿");
    for (const [path, message] of [
      ["/api/documents/0123456789abcdef/assignments?format=docx", "没有编号为 0123456789abcdef 的文件"],
      [`/api/units/${encodeURIComponent("不存在的局")}/duties?format=xlsx`, "没有找到单位：不存在的局"],
      [`/api/assignments?q=${encodeURIComponent("没有这样的词语组合")}&format=docx`, "没有符合条件的措施"],
    ]) {
      const r = await fetch(`${srv.base}${path}`, { headers: auth });
      expect(r.status, path).toBe(404);
      expect((await r.json()).error, path).toBe(message);
    }
  });

  it("past the workers and the queue, an export is refused at once: 503 with Retry-After and a Chinese reason", async () => {
    // One worker and a queue of one: of six exports asked at once, at most two are taken.
    const answers = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const t0 = Date.now();
        const r = await fetch(`${srv.base}/api/assignments?format=docx`, { headers: auth });
        const body = new Uint8Array(await r.arrayBuffer());
        return { status: r.status, retryAfter: r.headers.get("retry-after"), body, ms: Date.now() - t0 };
      }),
    );
    const ok = answers.filter((a) => a.status === 200);
    const busy = answers.filter((a) => a.status === 503);
    expect(ok.length + busy.length).toBe(6);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(ok.length).toBeLessThanOrEqual(2);
    for (const a of ok) expect(Buffer.from(a.body.subarray(0, 2)).toString("latin1")).toBe("PK"); // a DOCX (zip)
    for (const a of busy) {
      expect(Number(a.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(new TextDecoder().decode(a.body)).error).toMatch(/^导出任务已满：已有 2 个导出在生成或排队（上限为同时生成 1 个、另排队 1 个），请 \d+ 秒后重试$/);
    }
    // The places are given back: the next export is built.
    expect((await fetch(`${srv.base}/api/documents/${mianyang.id}/assignments?format=md`, { headers: auth })).status).toBe(200);
  });
});

describe("per-address budget of anonymous clients", () => {
  it("an anonymous client past its budget gets 429 with Retry-After; a token holder does not", async () => {
    const path = `${srv.base}/api/documents/${mianyang.id}/assignments?format=md`;
    const statuses: number[] = [];
    for (let i = 0; i < RATE; i++) statuses.push((await fetch(path)).status);
    expect(statuses).toEqual(Array(RATE).fill(200));
    const over = await fetch(path);
    expect(over.status).toBe(429);
    const wait = Number(over.headers.get("retry-after"));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60 / RATE + 1);
    expect((await over.json()).error).toBe(`匿名请求过于频繁：导出与按主题词对比等耗时接口每个地址每 60 秒共可请求 ${RATE} 次，请 ${wait} 秒后重试（持 API 令牌的请求不受此限）`);
    // The other export endpoints and free-text comparison share the budget; a wrong token is anonymous.
    expect((await fetch(`${srv.base}/api/units/${encodeURIComponent("市金融工作局")}/duties?format=csv`)).status).toBe(429);
    expect((await fetch(`${srv.base}/api/compare?q=${encodeURIComponent("风险补偿")}`)).status).toBe(429);
    expect((await fetch(`${srv.base}/api/compare?q=${encodeURIComponent("风险补偿")}`, { headers: auth })).status).toBe(200);
    expect((await fetch(path, { headers: { authorization: "Bearer wrong" } })).status).toBe(429);
    // The token holder on the same address: never limited.
    for (let i = 0; i < RATE + 2; i++) expect((await fetch(path, { headers: auth })).status).toBe(200);
    // Light endpoints are not limited (comparison by measure is a lookup).
    const hit = (await (await fetch(`${srv.base}/api/search?q=${encodeURIComponent("风险补偿")}&limit=1`)).json()).hits[0];
    expect((await fetch(`${srv.base}/api/compare?measure=${encodeURIComponent(hit.measure.id)}`)).status).toBe(200);
  });
});

describe("rate limiter", () => {
  it("refills evenly over the window; IPv6 clients are counted by their /64", () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 2, windowSec: 10 }, () => now);
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a")]).toEqual([0, 0, 5]);
    expect(limiter.take("b")).toBe(0); // every client its own budget
    now = 4000;
    expect(limiter.take("a")).toBe(1); // 0.8 of a request back: one more second
    now = 5000;
    expect(limiter.take("a")).toBe(0);
    expect(new RateLimiter({ limit: 0, windowSec: 10 }).take("a")).toBe(0); // off
    expect(clientKey("127.0.0.1")).toBe("127.0.0.1");
    expect(clientKey("::ffff:10.1.2.3")).toBe("10.1.2.3");
    expect(clientKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8:1:2::9")).toBe("2001:db8:1:2::/64");
    expect(clientKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientKey("::1")).toBe("0:0:0:0::/64");
    expect(clientKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
  });
});

describe("slow and broken clients", () => {
  const limitMs = (s: number) => s * 1000 + 2500; // the limit, Node's check interval and a margin

  it("unfinished request headers (slowloris) are cut off: 408 with a Chinese reason", async () => {
    const partial = await rawExchange((write) => write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
    expect(partial.status).toBe(408);
    expect(partial.error).toBe(`请求头未在 ${HEADERS_TIMEOUT} 秒内发送完毕，连接已关闭`);
    expect(partial.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT * 1000 - 100);
    expect(partial.closedAfterMs).toBeLessThan(limitMs(HEADERS_TIMEOUT));
    // A connection that never sends a byte is held no longer.
    const silent = await rawExchange(() => undefined);
    expect(silent.closedAfterMs).toBeLessThan(limitMs(HEADERS_TIMEOUT));
    // Headers trickled a line at a time do not reset the clock.
    const trickle = await rawExchange((write) => {
      write("GET /api/health HTTP/1.1\r\n");
      const t = setInterval(() => write("X-Trickle: 1\r\n"), 200);
      setTimeout(() => clearInterval(t), limitMs(HEADERS_TIMEOUT) + 1000);
    });
    expect(trickle.status).toBe(408);
    expect(trickle.closedAfterMs).toBeLessThan(limitMs(HEADERS_TIMEOUT));
  });

  it("a body shorter than its Content-Length is cut off: 408 with a Chinese reason", async () => {
    const parse = await rawExchange((write) =>
      write(`POST /api/parse HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"text":"县财政局`),
    );
    expect(parse.status).toBe(408);
    // The idle time reported is the one measured (at least the limit; Node checks on an interval).
    expect(parse.error).toMatch(/^请求体（声明 100 字节，未收完）已 [\d.]+ 秒没有新数据，连接已关闭$/);
    expect(Number(/已 ([\d.]+) 秒/.exec(parse.error!)![1])).toBeGreaterThanOrEqual(BODY_IDLE_TIMEOUT);
    expect(parse.closedAfterMs).toBeLessThan(limitMs(BODY_IDLE_TIMEOUT));
    const upload = await rawExchange((write) =>
      write(
        `POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 200000\r\n\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n一、任务`,
      ),
    );
    expect(upload.status).toBe(408);
    expect(upload.error).toMatch(/^请求体（声明 200000 字节，未收完）已 [\d.]+ 秒没有新数据，连接已关闭$/);
    expect(upload.closedAfterMs).toBeLessThan(limitMs(BODY_IDLE_TIMEOUT));
  });

  it("a body trickled below the minimum rate is cut off", async () => {
    const slow = await rawExchange((write) => {
      write("POST /api/parse HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n");
      const t = setInterval(() => write("x"), 100);
      setTimeout(() => clearInterval(t), 6000);
    });
    expect(slow.status).toBe(408);
    expect(slow.error).toMatch(/^请求体（声明 100000 字节，未收完）发送过慢：平均每秒约 \d+ 字节，低于每秒 4096 字节，连接已关闭$/);
    expect(slow.closedAfterMs).toBeLessThan(limitMs(BODY_IDLE_TIMEOUT));
  });

  it("a malformed request gets 400 with a Chinese reason, and the service carries on", async () => {
    const bad = await rawExchange((write) => write("GET /api/health HTTP/1.1\r\nBad Header: x\r\n\r\n"));
    expect(bad.status).toBe(400);
    expect(bad.error).toBe("请求头含有无效字符（HPE_INVALID_HEADER_TOKEN），连接已关闭");
    const big = await rawExchange((write) => write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${"a".repeat(20000)}\r\n\r\n`));
    expect(big.status).toBe(431);
    expect(big.error).toBe("请求头过大（上限 16 KB），连接已关闭");
    expect((await (await fetch(`${srv.base}/api/health`)).json()).status).toBe("ok");
    // A normal upload still goes through the body watch.
    const form = new FormData();
    form.append("file", new Blob(["某县人民政府办公室关于印发《某县限流测试工作方案》的通知\n一、主要任务\n(一)推广限流测试券。(牵头单位:县财政局)2024年底前完成。\n"]), "limits.txt");
    const up = await fetch(`${srv.base}/api/documents`, { method: "POST", body: form, headers: auth });
    expect(up.status).toBe(200);
    expect((await up.json()).status).toBe("added");
  });
});

describe("export pool in process", () => {
  it("an export over its time limit is stopped with a Chinese reason and the next one is built", async () => {
    const { ExportPool, ExportRefused } = await import("../src/exports/pool.ts");
    const dataDir = join(srv.dataDir, "data");
    const docs = store.listDocuments(100);
    const everything = { kind: "filtered" as const, title: "全部", groups: docs.map((d) => [d.id, store.measuresOf(d.id).map((m) => m.id)] as [string, string[]]), dataDir, format: "docx", includeContent: true };
    const pool = new ExportPool({ workers: 1, queue: 1, timeoutMs: 50, memoryMb: 256 });
    try {
      const refusal = await pool.run(pool.admit(), everything).then(() => null, (e: unknown) => e);
      expect(refusal).toBeInstanceOf(ExportRefused);
      expect((refusal as InstanceType<typeof ExportRefused>).status).toBe(503);
      expect((refusal as Error).message).toBe("导出 DOCX 文件未能在 0.05 秒内完成（含排队），已停止；请缩小范围（加上关键词、地区或单位条件）后重试");
      expect(pool.load).toEqual({ running: 0, waiting: 0 }); // its place given back
    } finally {
      await pool.close();
    }
    const roomy = new ExportPool({ workers: 1, queue: 0, timeoutMs: 60_000, memoryMb: 256 });
    try {
      const out = await roomy.run(roomy.admit(), { ...everything, format: "md" });
      expect(out.status).toBe(200);
      expect(out.status === 200 && new TextDecoder().decode(out.body)).toContain("全部");
      expect(() => roomy.admit() && roomy.admit()).toThrow(/^导出任务已满：已有 1 个导出在生成或排队（上限为同时生成 1 个、另排队 0 个），请 \d+ 秒后重试$/);
    } finally {
      await roomy.close();
    }
  });
});
