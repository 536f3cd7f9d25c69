// HTTP as integrators meet it, on a real server (npm start on 127.0.0.1): CORS and preflight, ETag and 304
// (also for searches answered from the cache), Chinese validation messages naming the parameter, real dates,
// 405 with Allow, 414/431 as JSON, paging with total; and the README's typed client, generated from the live
// OpenAPI document, type-checked and run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { startServer, type RunningServer } from "./helpers/server.ts";
import { ROOT } from "./helpers/paths.ts";

const NAMED = "https://oa.example.gov.cn";
const OTHER = "https://elsewhere.example.com";
let srv: RunningServer;

beforeAll(async () => {
  srv = await startServer({ API_TOKEN: "protocol-token", CORS_ORIGINS: `*, ${NAMED}` });
}, 180_000);
afterAll(() => srv?.stop());

const q = (s: string) => encodeURIComponent(s);
const ENGLISH = /Too big|Too small|Invalid|expected|received/;

/** A request written on a socket as given; the status line and the JSON error of the answer. */
function raw(request: string): Promise<{ status: number; error: string | null; contentType: string | null }> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(srv.base);
    let got = Buffer.alloc(0);
    const socket = connect(Number(port), "127.0.0.1", () => socket.write(request));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error("no answer"));
    }, 10_000);
    socket.on("data", (b) => (got = Buffer.concat([got, b])));
    socket.on("error", () => undefined); // a reset after the answer
    socket.on("close", () => {
      clearTimeout(timer);
      const text = got.toString("utf8");
      const head = text.slice(0, text.indexOf("\r\n\r\n"));
      let error: string | null = null;
      try {
        error = JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4)).error;
      } catch {
        // not JSON
      }
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), error, contentType: /content-type: ([^\r\n]+)/i.exec(head)?.[1] ?? null });
    });
  });
}

describe("CORS", () => {
  it("a browser's preflight for a read is answered 204 with the CORS headers, for any origin", async () => {
    const r = await fetch(`${srv.base}/api/search?q=${q("担保")}`, { method: "OPTIONS", headers: { origin: OTHER, "access-control-request-method": "GET", "access-control-request-headers": "if-none-match" } });
    expect(r.status).toBe(204);
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
    expect(r.headers.get("access-control-allow-methods")).toContain("GET");
    expect(r.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("if-none-match");
    expect(Number(r.headers.get("access-control-max-age"))).toBeGreaterThan(0);
    const get = await fetch(`${srv.base}/api/documents?limit=1`, { headers: { origin: OTHER } });
    expect(get.status).toBe(200);
    expect(get.headers.get("access-control-allow-origin")).toBe("*");
    expect(get.headers.get("access-control-expose-headers")).toContain("ETag");
  });

  it("writes are open only to the origins named in CORS_ORIGINS", async () => {
    const preflight = (origin: string) => fetch(`${srv.base}/api/documents`, { method: "OPTIONS", headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization" } });
    const named = await preflight(NAMED);
    expect(named.status).toBe(204);
    expect(named.headers.get("access-control-allow-origin")).toBe(NAMED);
    expect(named.headers.get("access-control-allow-methods")).toContain("POST");
    expect(named.headers.get("vary")).toContain("Origin");
    const other = await preflight(OTHER);
    expect(other.status).toBe(403);
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    expect((await other.json()).error).toContain("CORS_ORIGINS");
    // A preflight for a method the path does not have: 405 naming the methods it has.
    const wrong = await fetch(`${srv.base}/api/search`, { method: "OPTIONS", headers: { origin: NAMED, "access-control-request-method": "DELETE" } });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toContain("GET");
  });
});

describe("conditional GET", () => {
  it("a search carries a weak ETag and Cache-Control; If-None-Match gives 304, from Hono and from the answer cache, gzipped or not", async () => {
    const url = `${srv.base}/api/search?q=${q("风险补偿")}&limit=3&offset=1`;
    const first = await fetch(url, { headers: { origin: OTHER } });
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"[0-9a-f]+-[\w-]+"$/);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const body = await first.json();
    expect(body.query.offset).toBe(1);
    // The same answer again (now from the cache, answered before Hono): same tag, and 304 when the client has it.
    const again = await fetch(url, { headers: { "accept-encoding": "identity" } });
    expect(again.headers.get("etag")).toBe(etag);
    for (const encoding of ["identity", "gzip"]) {
      const nm = await fetch(url, { headers: { "if-none-match": etag, "accept-encoding": encoding, origin: OTHER } });
      expect(nm.status, encoding).toBe(304);
      expect(nm.headers.get("etag")).toBe(etag);
      expect(nm.headers.get("access-control-allow-origin")).toBe("*");
      expect(await nm.text()).toBe("");
    }
    // Another tag, or another query: the full answer.
    expect((await fetch(url, { headers: { "if-none-match": 'W/"0-stale"' } })).status).toBe(200);
    expect((await fetch(`${srv.base}/api/search?q=${q("担保")}`, { headers: { "if-none-match": etag } })).status).toBe(200);
  });

  it("every GET JSON answer (documents, units, the OpenAPI document) and the pages have an ETag that round-trips", async () => {
    for (const path of ["/api/documents?limit=2", "/api/units?limit=5", "/api/openapi.json", "/api/health", "/api/docs", "/"]) {
      const r = await fetch(srv.base + path);
      expect(r.status, path).toBe(200);
      const etag = r.headers.get("etag");
      expect(etag, path).toMatch(/^W\//);
      expect(r.headers.get("cache-control"), path).toBe("no-cache");
      const nm = await fetch(srv.base + path, { headers: { "if-none-match": etag! } });
      expect(nm.status, path).toBe(304);
    }
  });
});

describe("errors", () => {
  it("validation messages are Chinese and name the parameter; dates must be real dates", async () => {
    const cases: [string, RegExp][] = [
      [`/api/search?q=x&from=2022-13-45`, /^from：应为有效的日期/],
      [`/api/search?q=x&to=2023-02-29`, /^to：应为有效的日期/],
      [`/api/search?q=x&from=2023-05-01&to=2023-01-01`, /^from：不能晚于 to（起始日期应早于或等于截止日期）$/],
      [`/api/assignments?q=x&format=md&from=2023-05-01&to=2023-01-01`, /^from：不能晚于 to（起始日期应早于或等于截止日期）$/],
      [`/api/search?q=x&limit=1000`, /^limit：不能大于 100$/],
      [`/api/search?q=x&limit=abc`, /^limit：应为/],
      [`/api/search?q=x&offset=-1`, /^offset：不能小于 0$/],
      [`/api/search?q=x&role=boss`, /^role：应为以下之一：lead、coop、responsible/],
      [`/api/documents?limit=0`, /^limit：不能小于 1$/],
      [`/api/units/${q("市财政局")}/duties?asOf=2022-02-30`, /^asOf：应为有效的日期/],
    ];
    for (const [path, want] of cases) {
      const r = await fetch(srv.base + path);
      expect(r.status, path).toBe(400);
      const { error } = await r.json();
      expect(error, path).toMatch(want);
      expect(error, path).not.toMatch(ENGLISH);
    }
    const leap = await fetch(`${srv.base}/api/search?q=x&from=2024-02-29`);
    expect(leap.status).toBe(200);
    const parse = await fetch(`${srv.base}/api/parse`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "年底前", base: "2022-13-01" }) });
    expect(parse.status).toBe(400);
    expect((await parse.json()).error).toMatch(/^base：应为有效的日期/);
  });

  it("a wrong method on a known path is 405 with Allow and a Chinese JSON error; an unknown path stays 404", async () => {
    const r = await fetch(`${srv.base}/api/search`, { method: "PUT" });
    expect(r.status).toBe(405);
    const allow = r.headers.get("allow")!.split(", ");
    expect(allow).toEqual(expect.arrayContaining(["GET", "HEAD", "OPTIONS"]));
    expect(allow).not.toContain("PUT");
    expect((await r.json()).error).toMatch(/^\/api\/search 不支持 PUT 方法（支持：GET、.*HEAD）$/);
    const put = await fetch(`${srv.base}/api/documents/0123456789abcdef`, { method: "PUT" });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toContain("GET");
    const none = await fetch(`${srv.base}/api/nothing-here`, { method: "POST" });
    expect(none.status).toBe(404);
    expect((await none.json()).error).toContain("未找到");
  });

  it("a 20 KB URL and a 64 KB header are answered with the JSON error shape, and the service carries on", async () => {
    const longUrl = await raw(`GET /api/search?q=${"a".repeat(20 * 1024)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expect(longUrl.status).toBe(414);
    expect(longUrl.contentType).toContain("application/json");
    expect(longUrl.error).toMatch(/^请求地址过长/);
    const bigHeader = await raw(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${"b".repeat(64 * 1024)}\r\n\r\n`);
    expect(bigHeader.status).toBe(431);
    expect(bigHeader.contentType).toContain("application/json");
    expect(bigHeader.error).toMatch(/^请求头过大/);
    expect((await fetch(`${srv.base}/api/health`)).status).toBe(200);
  });
});

describe("every operation of the OpenAPI document", () => {
  type Op = { path: string; method: string; op: { security?: unknown[]; parameters?: { name: string; in: string; example?: unknown }[]; requestBody?: { content: Record<string, { example?: unknown }> } } };
  const operations = async (): Promise<Op[]> => {
    const doc = await (await fetch(`${srv.base}/api/openapi.json`)).json();
    return Object.entries(doc.paths as Record<string, Record<string, Op["op"]>>).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
  };
  const urlOf = ({ path, op }: Op) => srv.base + path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(String(op.parameters?.find((p) => p.in === "path" && p.name === k)?.example ?? "x")));

  it("a write without the token is refused (401) before anything is done", async () => {
    const writes = (await operations()).filter((o) => JSON.stringify(o.op.security) === JSON.stringify([{ bearerAuth: [] }]));
    expect(writes.length).toBeGreaterThanOrEqual(3);
    const before = await (await fetch(`${srv.base}/api/documents?limit=100`)).json();
    for (const w of writes) {
      const json = w.op.requestBody?.content["application/json"];
      const body = json ? JSON.stringify(json.example ?? {}) : w.op.requestBody ? new FormData() : undefined;
      const r = await fetch(urlOf(w), { method: w.method.toUpperCase(), body, headers: json ? { "content-type": "application/json" } : {} });
      expect(r.status, `${w.method} ${w.path}`).toBe(401);
      expect((await r.json()).error, `${w.method} ${w.path}`).toMatch(/令牌/);
    }
    expect((await (await fetch(`${srv.base}/api/documents?limit=100`)).json()).total).toBe(before.total);
  });

  it("GET operations answer their example requests, and every JSON answer conforms to its documented schema", async () => {
    const doc = await (await fetch(`${srv.base}/api/openapi.json`)).json();
    const checked: string[] = [];
    for (const o of await operations()) {
      if (o.method !== "get") continue;
      const url = new URL(urlOf(o));
      for (const p of o.op.parameters ?? []) if (p.in === "query" && p.example !== undefined) url.searchParams.set(p.name, String(p.example));
      const r = await fetch(url);
      // Examples may name ids of another library (a task, a job); anything else must answer.
      expect([200, 404], `${o.path} ${r.status}`).toContain(r.status);
      const media = doc.paths[o.path].get.responses[String(r.status)]?.content?.["application/json"];
      if (r.status !== 200 || !(r.headers.get("content-type") ?? "").includes("json") || !media) continue;
      media.example = await r.json(); // the live answer, checked against the schema below
      checked.push(o.path);
    }
    expect(checked.length).toBeGreaterThanOrEqual(10);
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: "/live/openapi.json", config });
    const wrong = problems.filter((p) => p.ruleId === "no-invalid-media-type-examples").map((p) => `${p.location[0]?.pointer}: ${p.message}`);
    expect(wrong).toEqual([]);
  }, 120_000);

  it("the answers of the document library's writes (upload, correct, delete) conform to their documented schemas", async () => {
    const doc = await (await fetch(`${srv.base}/api/openapi.json`)).json();
    const auth = { authorization: "Bearer protocol-token" };
    const form = new FormData();
    form.append("file", new Blob(["某县人民政府办公室关于印发《某县接口契约测试工作方案》的通知\n一、主要任务\n（一）设立契约测试资金。（牵头单位：县财政局）2024年底前完成。\n"]), "契约测试.txt");
    const up = await fetch(`${srv.base}/api/documents`, { method: "POST", body: form, headers: auth });
    expect(up.status).toBe(200);
    const added = await up.json();
    const patch = await fetch(`${srv.base}/api/documents/${added.id}`, { method: "PATCH", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ docNumber: "某办发〔2024〕1号", editor: "契约测试" }) });
    expect(patch.status).toBe(200);
    const corrected = await patch.json();
    const del = await fetch(`${srv.base}/api/documents/${added.id}`, { method: "DELETE", headers: auth });
    expect(del.status).toBe(200);
    const json = (path: string, method: string) => doc.paths[path][method].responses["200"].content["application/json"];
    json("/api/documents", "post").example = added;
    json("/api/documents/{id}", "patch").example = corrected;
    json("/api/documents/{id}", "delete").example = await del.json();
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: "/live/openapi.json", config });
    expect(problems.filter((p) => p.ruleId === "no-invalid-media-type-examples").map((p) => `${p.location[0]?.pointer}: ${p.message}`)).toEqual([]);
  }, 120_000);

  it("a bad value of any number, choice or date parameter is a 400 in Chinese that names the parameter", async () => {
    type Schema = { type?: string | string[]; enum?: unknown[]; format?: string; anyOf?: Schema[] };
    const badValue = (s: Schema | undefined): string | null => {
      if (!s) return null;
      const types = ([] as string[]).concat(s.type ?? []);
      if (s.enum) return "不在其中";
      if (s.format === "date") return "2022-13-45";
      if (types.includes("integer") || types.includes("number")) return "abc";
      return s.anyOf ? s.anyOf.map(badValue).find((v) => v) ?? null : null;
    };
    let tried = 0;
    for (const o of await operations()) {
      if (o.method !== "get") continue;
      for (const p of (o.op.parameters ?? []) as { name: string; in: string; schema?: Schema }[]) {
        const bad = badValue(p.schema);
        if (p.in !== "query" || bad === null) continue;
        const url = new URL(urlOf(o));
        url.searchParams.set(p.name, bad);
        const r = await fetch(url, { headers: { authorization: "Bearer protocol-token" } }); // with the token: no anonymous rate limit on exports
        const where = `${o.path}?${p.name}=${bad}`;
        expect(r.status, where).toBe(400);
        const { error } = await r.json();
        expect(error, where).toContain(`${p.name}：`);
        expect(error, where).not.toMatch(ENGLISH);
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(20);
  }, 120_000);

  it("a method a path does not have is 405, and Allow lists exactly the methods the document gives it", async () => {
    const byPath = new Map<string, Op[]>();
    for (const o of await operations()) byPath.set(o.path, [...(byPath.get(o.path) ?? []), o]);
    for (const [path, ops] of byPath) {
      const have = ops.map((o) => o.method.toUpperCase());
      const absent = ["PUT", "PATCH", "DELETE", "POST"].find((m) => !have.includes(m))!;
      const r = await fetch(urlOf(ops[0]), { method: absent });
      expect(r.status, `${absent} ${path}`).toBe(405);
      const allow = r.headers.get("allow")!.split(", ");
      const want = new Set([...have, ...(have.includes("GET") ? ["HEAD"] : []), "OPTIONS"]);
      expect(new Set(allow), path).toEqual(want);
      expect((await r.json()).error).toContain("不支持");
    }
  });
});

describe("paging", () => {
  it("documents and search honour offset and report total", async () => {
    const all = await (await fetch(`${srv.base}/api/documents?limit=100`)).json();
    expect(all.total).toBe(all.documents.length);
    expect(all.total).toBeGreaterThanOrEqual(5);
    const page = await (await fetch(`${srv.base}/api/documents?limit=2&offset=2`)).json();
    expect(page.total).toBe(all.total);
    expect(page.documents.map((d: { id: string }) => d.id)).toEqual(all.documents.slice(2, 4).map((d: { id: string }) => d.id));
    const s = await (await fetch(`${srv.base}/api/search?q=${q("科技")}&limit=5`)).json();
    const s2 = await (await fetch(`${srv.base}/api/search?q=${q("科技")}&limit=2&offset=3`)).json();
    expect(s2.total).toBe(s.total);
    expect(s2.hits.map((h: { measure: { id: string } }) => h.measure.id)).toEqual(s.hits.slice(3, 5).map((h: { measure: { id: string } }) => h.measure.id));
  });
});

describe("typed client (README)", () => {
  it("types generated from the live OpenAPI document type-check the README's client call, which then runs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "policy-client-"));
    try {
      writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
      writeFileSync(join(dir, "openapi.json"), await (await fetch(`${srv.base}/api/openapi.json`)).text());
      execFileSync(join(ROOT, "node_modules/.bin/typed-openapi"), ["openapi.json", "-o", "api.ts"], { cwd: dir, stdio: "pipe" });
      const readme = readFileSync(join(ROOT, "README.md"), "utf8");
      const block = /<!-- client-example[^>]*-->\s*```ts\n([\s\S]*?)```/.exec(readme)?.[1];
      expect(block, "README client example").toBeTruthy();
      writeFileSync(join(dir, "client.ts"), block!.replace("http://127.0.0.1:8787", srv.base));
      // A wrong call must not type-check: the check is real.
      writeFileSync(join(dir, "wrong.ts"), `import { createApiClient } from "./api.ts";\nconst api = createApiClient({ fetch: () => fetch("") });\nawait api.get("/api/search", { query: { limit: "many" } });\nexport {};\n`);
      const compilerOptions = { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, allowImportingTsExtensions: true, skipLibCheck: true, lib: ["ES2022", "DOM"], types: [] };
      writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["client.ts"] }));
      writeFileSync(join(dir, "tsconfig.wrong.json"), JSON.stringify({ compilerOptions, files: ["wrong.ts"] }));
      const tsc = join(ROOT, "node_modules/.bin/tsc");
      execFileSync(tsc, ["-p", "tsconfig.json"], { cwd: dir, stdio: "pipe" });
      let wrongFailed = false;
      try {
        execFileSync(tsc, ["-p", "tsconfig.wrong.json"], { cwd: dir, stdio: "pipe" });
      } catch (e) {
        wrongFailed = true;
        expect(String((e as { stdout?: Buffer }).stdout)).toContain("wrong.ts");
      }
      expect(wrongFailed).toBe(true);
      const out = execFileSync(join(ROOT, "node_modules/.bin/tsx"), ["client.ts"], { cwd: dir, encoding: "utf8" });
      expect(out).toMatch(/^共 \d+ 条/);
      expect(out.split("\n").length).toBeGreaterThan(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
