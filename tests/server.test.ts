// `npm start` on an empty data directory: ingests the shipped corpus and serves the API on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, type RunningServer } from "./helpers/server.ts";
import { FIXTURES, listDir, ROOT } from "./helpers/paths.ts";
import { SERVER_NODE_FLAGS, serverEnv } from "../src/http/http-server.ts";
import { get as httpGet, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { gunzipSync } from "node:zlib";

function upload(name: string, content: Buffer | string, token?: string) {
  const form = new FormData();
  form.append("file", new Blob([typeof content === "string" ? content : new Uint8Array(content)]), name);
  return fetch(`${base}/api/documents`, { method: "POST", body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
}

let srv: RunningServer;
let base: string;

beforeAll(async () => {
  srv = await startServer({ API_TOKEN: "test-token" });
  base = srv.base;
});
afterAll(() => srv?.stop());

describe("service", () => {
  it("runs with the flags and environment the benchmarks use", () => {
    const start: string = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts.start;
    for (const flag of SERVER_NODE_FLAGS) expect(start).toContain(flag);
    // The node process that `npm start` runs (same process group), as Linux shows it.
    const service = readdirSync("/proc")
      .filter((p) => /^\d+$/.test(p))
      .find((p) => {
        try {
          const stat = readFileSync(`/proc/${p}/stat`, "utf8");
          const pgrp = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
          return pgrp === srv.group && readFileSync(`/proc/${p}/cmdline`, "utf8").includes(".build/server.mjs") && readFileSync(`/proc/${p}/comm`, "utf8").trim() === "node";
        } catch {
          return false; // gone meanwhile
        }
      });
    expect(service).toBeDefined();
    const env = Object.fromEntries(readFileSync(`/proc/${service}/environ`, "utf8").split("\0").filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));
    expect(env.GLIBC_TUNABLES).toBe(serverEnv(process.env).GLIBC_TUNABLES);
    expect(serverEnv({ GLIBC_TUNABLES: "glibc.malloc.arena_max=2" }).GLIBC_TUNABLES).toBe("glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1");
    expect(serverEnv({ GLIBC_TUNABLES: "glibc.malloc.hugetlb=0" }).GLIBC_TUNABLES).toBe("glibc.malloc.hugetlb=0");
  });
  it("health answers once ready", async () => {
    const r = await fetch(`${base}/api/health`);
    const h = await r.json();
    expect(h).toMatchObject({ status: "ok", documents: 5, engine: "sqlite", readOnly: null, degraded: null });
    // The index has applied every change of the store (no lag on one machine).
    expect(h.changes.applied).toBe(h.changes.position);
    expect(h.changes.lagEntries).toBe(0);
  });
  it("lists documents with id and title, honouring limit", async () => {
    const all = await (await fetch(`${base}/api/documents`)).json();
    expect(all.total).toBe(5);
    expect(all.documents.map((d: { title: string }) => d.title)).toContain("山西省人民政府办公厅关于创新机制推进科技与金融结合的实施意见");
    for (const d of all.documents) expect(d.id).toMatch(/^[0-9a-f]{16}$/);
    const two = await (await fetch(`${base}/api/documents?limit=2`)).json();
    expect(two.documents.length).toBe(2);
  });
  it("one document with its measures", async () => {
    const all = await (await fetch(`${base}/api/documents`)).json();
    const id = all.documents.find((d: { title: string }) => d.title.startsWith("金融支持")).id;
    const doc = await (await fetch(`${base}/api/documents/${id}`)).json();
    expect(doc.measures.length).toBe(29);
  });
  it("POST /api/parse reads one clause", async () => {
    const r = await fetch(`${base}/api/parse`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "(省金融办、省科技厅牵头,人行太原中心支行等配合)2022年上半年完成", base: "2022-04-05" }) });
    expect(r.status).toBe(200);
    const out = await r.json();
    expect(out.units).toEqual([
      { role: "lead", name: "省金融办" },
      { role: "lead", name: "省科技厅" },
      { role: "coop", name: "人行太原中心支行" },
    ]);
    expect(out.deadlines[0]).toMatchObject({ kind: "period", start: "2022-01-01", end: "2022-06-30" });
    for (const bad of ["not json", JSON.stringify({ text: "" }), JSON.stringify({ text: "年底前", base: "2022/01/01" }), JSON.stringify([1, 2])]) {
      const b = await fetch(`${base}/api/parse`, { method: "POST", headers: { "content-type": "application/json" }, body: bad });
      expect(b.status, bad).toBe(400);
      expect(typeof (await b.json()).error).toBe("string");
    }
  });

  it("the OpenAPI document describes every endpoint, with a browsable page", async () => {
    const doc = await (await fetch(`${base}/api/openapi.json`)).json();
    expect(doc.openapi).toBe("3.1.0");
    for (const p of ["/api/search", "/api/documents", "/api/documents/{id}", "/api/measures/{id}", "/api/units", "/api/units/{name}", "/api/parse", "/api/health"]) expect(Object.keys(doc.paths)).toContain(p);
    const search = doc.paths["/api/search"].get;
    expect(search.parameters.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(["q", "province", "city", "county", "doc", "unit", "role", "from", "to", "limit", "offset"]));
    expect(doc.paths["/api/documents"].post.security).toEqual([{ bearerAuth: [] }]);
    const page = await fetch(`${base}/api/docs`);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("政策知识服务 API");
  });

  it("a repeated search is answered from the response cache: same body and headers, whatever the parameter order", async () => {
    const first = await fetch(`${base}/api/search?q=${encodeURIComponent("风险补偿")}&limit=5&province=${encodeURIComponent("四川省")}`);
    const a = await first.text();
    const again = await fetch(`${base}/api/search?province=${encodeURIComponent("四川省")}&limit=5&q=${encodeURIComponent("风险补偿")}`);
    expect(again.status).toBe(200);
    expect(again.headers.get("content-type")).toBe(first.headers.get("content-type"));
    expect(await again.text()).toBe(a);
    expect(JSON.parse(a).hits).toHaveLength(5);
    // A bad query is never served from the cache.
    expect((await fetch(`${base}/api/search?q=x&limit=-1`)).status).toBe(400);
  });

  it("answers are gzipped for clients that accept it, first from the index and then from the cache; others get plain JSON", async () => {
    // node:http, which neither asks for nor undoes compression by itself (fetch does both).
    const get = (path: string, encoding?: string) =>
      new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) =>
        httpGet(`${base}${path}`, { headers: encoding ? { "accept-encoding": encoding } : {} }, (res) => {
          const parts: Buffer[] = [];
          res.on("data", (b: Buffer) => parts.push(b));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
        }).on("error", reject),
      );
    const path = `/api/search?q=${encodeURIComponent("知识产权质押")}&limit=20&from=2010-01-01`;
    const plain = await get(path, "identity");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toBe("accept-encoding");
    const answer = JSON.parse(plain.body.toString("utf8"));
    expect(answer.hits.length).toBeGreaterThan(0);
    for (const encoding of ["gzip, deflate, br", "br;q=1, gzip;q=0.5", "*"]) {
      const zipped = await get(path, encoding); // cached by now
      expect(zipped.headers["content-encoding"], encoding).toBe("gzip");
      expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
      expect(zipped.body.length).toBeLessThan(plain.body.length / 3);
      expect(JSON.parse(gunzipSync(zipped.body).toString("utf8"))).toEqual(answer);
    }
    for (const encoding of [undefined, "gzip;q=0, deflate", "*;q=0"]) expect((await get(path, encoding)).headers["content-encoding"], encoding).toBeUndefined();
    // A query not asked before: gzipped straight from the index.
    const fresh = await get(`/api/search?q=${encodeURIComponent("天使投资")}`, "gzip");
    expect(fresh.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(fresh.body).toString("utf8")).total).toBeGreaterThan(0);
    // Other JSON answers go through the compress middleware.
    const list = await get("/api/documents?limit=50", "gzip");
    expect(list.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(list.body).toString("utf8")).documents.length).toBeGreaterThan(0);
  });

  it("uploads need the bearer token; good files are ingested, bad ones refused with a reason", async () => {
    const docx = listDir(FIXTURES).find((f) => f.startsWith("003") && f.endsWith(".docx"))!;
    const buf = readFileSync(join(FIXTURES, docx));
    expect((await upload("a.docx", buf)).status).toBe(401);
    expect((await upload("a.docx", buf, "wrong")).status).toBe(401);
    // Same content as a shipped seed: a duplicate, nothing added.
    const dup = await upload("../../etc/知识产权.docx", buf, "test-token");
    expect(dup.status).toBe(200);
    expect(await dup.json()).toMatchObject({ status: "duplicate", existingSource: "corpus/panzhihua-2016-zhishichanquan-zhiya.txt" });
    const before = await (await fetch(`${base}/api/search?q=${encodeURIComponent("星辰科创券")}`)).json();
    expect(before.total).toBe(0);
    const text = "某县人民政府办公室关于印发《某县科技金融工作方案》的通知\n一、主要任务\n(一)设立风险补偿金，推广星辰科创券。(牵头单位:县财政局;配合单位:县科技局)2024年底前完成。\n";
    const added = await upload("../../evil\u0000name.txt", text, "test-token");
    expect(added.status).toBe(200);
    const body = await added.json();
    expect(body).toMatchObject({ status: "added", title: "某县科技金融工作方案", measureCount: 1 });
    const doc = await (await fetch(`${base}/api/documents/${body.id}`)).json();
    expect(doc.source).toBe("upload/evilname.txt");
    // The index and its response cache follow the upload.
    const after = await (await fetch(`${base}/api/search?q=${encodeURIComponent("星辰科创券")}`)).json();
    expect(after.hits.map((h: { document: { id: string } }) => h.document.id)).toEqual([body.id]);
    for (const [name, content, status, msg] of [
      ["empty.txt", "", 422, "文件为空"],
      ["bad.pdf", "not a pdf", 422, "PDF"],
      ["tool.exe", "MZ....", 415, "不支持"],
      ["english.txt", "hello", 422, "中文"],
    ] as const) {
      const r = await upload(name, content, "test-token");
      expect(r.status, name).toBe(status);
      expect((await r.json()).error).toContain(msg);
    }
    // An upload that announces 51 MB is refused before its body is read. (The client sends only a first
    // part and waits: one that keeps writing races the server's drain of the rest, 500 ms at most.)
    const big = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        `${base}/api/documents`,
        { method: "POST", headers: { authorization: "Bearer test-token", "content-type": "multipart/form-data; boundary=b", "content-length": String(51 * 1024 * 1024) } },
        (res) => {
          let body = "";
          res.on("data", (b: Buffer) => (body += b));
          res.on("end", () => {
            req.destroy();
            resolve({ status: res.statusCode!, body });
          });
        },
      );
      req.on("error", reject);
      req.write(Buffer.alloc(64 * 1024, 0x41));
    });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error).toContain("文件过大");
    const notForm = await fetch(`${base}/api/documents`, { method: "POST", body: "x", headers: { authorization: "Bearer test-token", "content-type": "text/plain" } });
    expect(notForm.status).toBe(400);
    expect((await (await fetch(`${base}/api/health`)).json()).documents).toBe(6);
  });

  it("task tables and duty lists download in every format", async () => {
    const all = await (await fetch(`${base}/api/documents`)).json();
    const id = all.documents.find((d: { title: string }) => d.title.startsWith("金融支持")).id;
    const csv = await fetch(`${base}/api/documents/${id}/assignments?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename=.*filename\*=UTF-8''/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain("人行绵阳市中心支行");
    for (const f of ["xlsx", "docx", "md"]) expect((await fetch(`${base}/api/documents/${id}/assignments?format=${f}`)).status, f).toBe(200);
    const ics = await fetch(`${base}/api/units/${encodeURIComponent("市金融工作局")}/duties?format=ics&asOf=2022-03-20`);
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain("BEGIN:VCALENDAR");
    for (const [path, status] of [
      [`/api/documents/${id}/assignments?format=pptx`, 400],
      [`/api/documents/0123456789abcdef/assignments?format=csv`, 404],
      [`/api/units/${encodeURIComponent("不存在的局")}/duties?format=csv`, 404],
      [`/api/units/x/duties?asOf=yesterday`, 400],
    ] as const) {
      const r = await fetch(`${base}${path}`);
      expect(r.status, path).toBe(status);
      expect(typeof (await r.json()).error).toBe("string");
    }
  });

  it("similar measures, topics and comparisons across places", async () => {
    const cmp = await (await fetch(`${base}/api/compare?q=${encodeURIComponent("不良贷款容忍度")}`)).json();
    const places = cmp.rows.map((r: { place: { name: string } }) => r.place.name);
    expect(places).toEqual(expect.arrayContaining(["绵阳市", "平阳县", "山西省"]));
    const col = cmp.columns.find((c: { primary: boolean }) => c.primary).id;
    const cell = (p: string) => cmp.rows.find((r: { place: { name: string } }) => r.place.name === p).cells[col];
    expect(cell("山西省").status).toBe("unquantified");
    expect(cell("绵阳市").values.map((v: { min: number }) => v.min).sort()).toEqual([3, 5]);
    const hit = (await (await fetch(`${base}/api/search?q=${encodeURIComponent("风险补偿")}&limit=1`)).json()).hits[0];
    const sim = await (await fetch(`${base}/api/measures/${encodeURIComponent(hit.measure.id)}/similar?limit=5`)).json();
    expect(sim.similar.length).toBeGreaterThan(0);
    for (const h of sim.similar) expect(h.document.id).not.toBe(hit.document.id);
    const topics = (await (await fetch(`${base}/api/topics`)).json()).topics;
    expect(topics.length).toBeGreaterThan(3);
    const t = await (await fetch(`${base}/api/topics/${topics[0].id}`)).json();
    expect(t.comparison.rows.length).toBeGreaterThan(0);
    expect(t.topic.missingPlaces).toEqual(topics[0].missingPlaces);
    for (const [path, status] of [
      ["/api/compare", 400],
      ["/api/compare?q=a&measure=0123456789abcdef:一", 400],
      ["/api/compare?measure=0123456789abcdef:一", 404],
      ["/api/measures/0123456789abcdef:%E4%B8%80/similar", 404],
      [`/api/measures/${encodeURIComponent(hit.measure.id)}/similar?limit=500`, 400],
      ["/api/topics/nope", 404],
      ["/api/topics/%3Cscript%3E", 400],
    ] as const) expect((await fetch(`${base}${path}`)).status, path).toBe(status);
  });

  it("bad requests get a 4xx JSON error, never a stack", async () => {
    for (const [path, status] of [["/api/documents?limit=abc", 400], ["/api/documents?limit=-1", 400], ["/api/documents/xyz", 400], ["/api/documents/0123456789abcdef", 404], ["/api/nothing", 404], ["/api/documents/%E0%A4%A", 400]] as const) {
      const r = await fetch(`${base}${path}`);
      expect(r.status, path).toBe(status);
      const body = await r.json();
      expect(typeof body.error).toBe("string");
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts/);
    }
  });
});
