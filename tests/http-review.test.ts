// What a new integrator trips over, on a real server (npm start on 127.0.0.1, SQLite in a temp dir): a
// cross-origin POST /api/search (long texts) is a read and open like GET; a JSON body over 256 KB is 413
// before it is read; a number parameter given as text
// is named as sent, not "NaN"; a document without a recognised title appears in the document facet by its
// file name, not its bare id; the browser's /favicon.ico is no 404; a task cannot be completed on a day
// still to come (PATCH or a filled-in table), and PATCH errors name the field; a hit of a document without a
// place says 国家层面 or 地区未识别 as the region facet counts it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, uploadFile, type RunningServer } from "./helpers/server.ts";
import { ROOT } from "./helpers/paths.ts";

const TOKEN = "review-token";
const OTHER = "https://elsewhere.example.com";
let srv: RunningServer;
let dir: string;

beforeAll(async () => {
  srv = await startServer({ API_TOKEN: TOKEN });
  dir = mkdtempSync(join(tmpdir(), "http-review-"));
}, 180_000);
afterAll(() => {
  srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const longText = "为贯彻落实科技金融工作部署，设立科技信贷风险补偿资金，对合作银行向科技型中小企业发放贷款形成的损失给予补偿，引导银行机构设立科技支行。".repeat(20);

describe("CORS for reads sent as POST", () => {
  it("POST /api/search (no token needed) is open to any origin: preflight 204, answer with Allow-Origin", async () => {
    const preflight = await fetch(`${srv.base}/api/search`, { method: "OPTIONS", headers: { origin: OTHER, "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("content-type");
    const r = await fetch(`${srv.base}/api/search`, { method: "POST", headers: { origin: OTHER, "content-type": "application/json" }, body: JSON.stringify({ q: longText, limit: 3 }) });
    expect(r.status).toBe(200);
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
    expect((await r.json()).total).toBeGreaterThan(0);
    const parse = await fetch(`${srv.base}/api/parse`, { method: "OPTIONS", headers: { origin: OTHER, "access-control-request-method": "POST" } });
    expect(parse.status).toBe(204);
  });

  it("writes stay closed to origins not named in CORS_ORIGINS", async () => {
    for (const [path, method] of [["/api/documents", "POST"], ["/api/tasks/import", "POST"], ["/api/documents/0123456789abcdef", "DELETE"]]) {
      const r = await fetch(srv.base + path, { method: "OPTIONS", headers: { origin: OTHER, "access-control-request-method": method } });
      expect(r.status, path).toBe(403);
      expect(r.headers.get("access-control-allow-origin"), path).toBeNull();
      expect((await r.json()).error, path).toContain("不允许跨域写入");
    }
    const upload = await fetch(`${srv.base}/api/documents`, { method: "POST", headers: { origin: OTHER } });
    expect(upload.headers.get("access-control-allow-origin")).toBeNull();
  });
});

/** POST a body of `size` bytes (declared, or chunked when size is null) in 64 KB pieces until the service answers; the answer. */
function postLarge(path: string, size: number | null): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(srv.base);
    const headers: Record<string, string> = { "content-type": "application/json", ...(size === null ? { "transfer-encoding": "chunked" } : { "content-length": String(size) }) };
    const req = request({ host: "127.0.0.1", port, path, method: "POST", headers }, (res) => {
      let body = "";
      res.on("data", (b: Buffer) => (body += b));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode!, body });
      });
    });
    req.on("error", reject);
    const piece = Buffer.from(`{"q":"${"风险".repeat(10_000)}`.padEnd(65_536, " ").slice(0, 65_536));
    const limit = size ?? 4 * 1024 * 1024;
    let sent = 0;
    const more = () => {
      if (req.destroyed) return;
      if (sent >= limit) return void req.end();
      const part = piece.subarray(0, Math.min(piece.length, limit - sent));
      sent += part.length;
      req.write(part, () => setTimeout(more, 5));
    };
    more();
  });
}

describe("an oversized JSON body", () => {
  it("POST /api/search and /api/parse refuse a body over 256 KB with 413, declared or sent in chunks", async () => {
    for (const path of ["/api/search", "/api/parse"]) {
      for (const size of [1_200_000, null]) {
        const r = await postLarge(path, size);
        expect(r.status, `${path} ${size ?? "chunked"}`).toBe(413);
        expect(JSON.parse(r.body).error).toMatch(/^请求体过大（上限 256 KB/);
      }
    }
    // A 5,000-character query still fits, and the service carries on.
    const max = await fetch(`${srv.base}/api/search`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ q: longText.slice(0, 5000) }) });
    expect(max.status).toBe(200);
  });
});

describe("a number given as text", () => {
  it("is named as the client sent it, in the query and in a JSON body", async () => {
    for (const path of ["/api/search?q=x&limit=abc", "/api/documents?offset=二十", "/api/units?limit=ten", "/api/tasks?limit=1x"]) {
      const r = await fetch(srv.base + path);
      expect(r.status, path).toBe(400);
      const { error } = await r.json();
      const [name, sent] = [...new URL(srv.base + path).searchParams.entries()].at(-1)!;
      expect(error, path).toBe(`${name}：应为数字，收到 “${sent}”`);
    }
    const body = await fetch(`${srv.base}/api/search`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ q: "担保", limit: "五条" }) });
    expect(body.status).toBe(400);
    expect((await body.json()).error).toBe("limit：应为数字，收到 “五条”");
  });
});

describe("error messages name each field once", () => {
  it("a field named inside its message is not prefixed again; a whole-request message has no bare 参数： prefix", async () => {
    const doc = (await (await fetch(`${srv.base}/api/documents?limit=1`)).json()).documents[0].id;
    const patch = async (body: unknown) =>
      (await (await fetch(`${srv.base}/api/documents/${doc}`, { method: "PATCH", headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) })).json()).error as string;
    expect(await patch({ region: { city: "绵阳市" } })).toBe("region.province（省级行政区）必填");
    expect(await patch({ foo: 1 })).toMatch(/^未知的参数：foo；没有要更正的字段/);
    expect(await patch({ issuedDate: "2022-02-30" })).toMatch(/^issuedDate：/);
    const array = await fetch(`${srv.base}/api/search`, { method: "POST", headers: { "content-type": "application/json" }, body: "[1,2]" });
    expect((await array.json()).error).toBe("请求体应为对象");
    const compare = await fetch(`${srv.base}/api/compare`);
    expect((await compare.json()).error).toMatch(/^请给出 q/);
  });
});

describe("document facet", () => {
  it("names a document without a recognised title by its file name, in GET and POST answers", async () => {
    const file = join(dir, "无标题的工作要点.txt");
    writeFileSync(file, "一、加强组织领导\n（一）建立工作机制。市财政局牵头，市科技局配合，2022年底前建立科技金融联席会议制度。\n（二）加大资金投入。设立知识产权质押风险补偿资金2000万元。\n二、保障措施\n（一）强化督查。市政府办公室负责，每季度通报一次。\n");
    const id = await uploadFile(srv, file, TOKEN);
    const doc = await (await fetch(`${srv.base}/api/documents/${id}`)).json();
    expect(doc.title).toBeNull(); // the premise: the extractor finds no title in this text
    const get = await (await fetch(`${srv.base}/api/search?q=${encodeURIComponent("风险补偿资金")}`)).json();
    const post = await (await fetch(`${srv.base}/api/search`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ q: "风险补偿资金" }) })).json();
    for (const answer of [get, post]) {
      const entry = answer.facets.document.find((f: { value: string }) => f.value === id);
      expect(entry).toBeDefined();
      expect(entry.label).toBe("未命名文件（无标题的工作要点.txt）");
      for (const f of answer.facets.document) expect(f.label, f.value).not.toBe(f.value);
    }
  });
});

describe("hits of documents without a place", () => {
  it("say 国家层面 or 地区未识别, agreeing with the region facet's counts; so do the library and the document", async () => {
    const national = await uploadFile(srv, join(ROOT, "..", "shared", "corpus-extra", "01_guojia-2019-rongzi-danbao.txt"), TOKEN);
    const answer = await (await fetch(`${srv.base}/api/search?q=${encodeURIComponent("担保")}&limit=100`)).json();
    expect(answer.total).toBeLessThanOrEqual(100);
    type Hit = { document: { id: string; region: { province: string | null; city: string | null; county: string | null }; scope?: string } };
    const hits = answer.hits as Hit[];
    expect(hits.filter((h) => h.document.id === national).every((h) => h.document.scope === "国家层面")).toBe(true);
    expect(hits.some((h) => h.document.id === national)).toBe(true);
    for (const h of hits) if (h.document.region.province) expect(h.document.scope).toBeUndefined();
    const facet = new Map((answer.facets.province as { value: string; count: number }[]).map((f) => [f.value, f.count]));
    for (const scope of ["国家层面", "地区未识别"]) expect(hits.filter((h) => h.document.scope === scope).length, scope).toBe(facet.get(scope) ?? 0);
    // The library and the document say the same.
    const listed = (await (await fetch(`${srv.base}/api/documents?limit=100`)).json()).documents as { id: string; scope?: string; region: { province: string | null } }[];
    expect(listed.find((d) => d.id === national)?.scope).toBe("国家层面");
    for (const d of listed) if (d.region.province) expect(d.scope).toBeUndefined();
    expect((await (await fetch(`${srv.base}/api/documents/${national}`)).json()).scope).toBe("国家层面");
    // …and the library filters by them as by a province, as the search facet does.
    for (const scope of ["国家层面", "地区未识别"]) {
      const only = await (await fetch(`${srv.base}/api/documents?province=${encodeURIComponent(scope)}&limit=100`)).json();
      const want = listed.filter((d) => d.scope === scope).map((d) => d.id).sort();
      expect(want.length, scope).toBeGreaterThan(0);
      expect(only.total, scope).toBe(want.length);
      expect((only.documents as { id: string }[]).map((d) => d.id).sort(), scope).toEqual(want);
    }
    // The untitled, placeless document of the facet test: 地区未识别.
    const placeless = await (await fetch(`${srv.base}/api/search?q=${encodeURIComponent("联席会议制度")}`)).json();
    const own = (placeless.hits as Hit[]).filter((h) => h.document.region.province === null && h.document.id !== national);
    expect(own.length).toBeGreaterThan(0);
    for (const h of own) expect(h.document.scope).toBe("地区未识别");
  });
});

describe("task follow-up", () => {
  const day = (offsetDays: number) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10); // China's calendar
  const all = async () => (await (await fetch(`${srv.base}/api/tasks?limit=1000`)).json()).tasks as { id: string; status: string; completedOn: string | null; docId: string }[];

  it("a completion date after today is refused (PATCH names completedOn; the import refuses the whole table); nothing changes", async () => {
    const before = JSON.stringify(await all());
    const task = (await all())[0];
    const patch = (body: unknown) => fetch(`${srv.base}/api/tasks/${task.id}`, { method: "PATCH", headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
    const future = await patch({ status: "已完成", completedOn: day(400) });
    expect(future.status).toBe(400);
    expect((await future.json()).error).toBe(`completedOn：完成时间 ${day(400)} 晚于今天（${day(0)}），请填写实际完成的日期`);
    const bad = await patch({ completedOn: "2022-13-01" });
    expect((await bad.json()).error).toMatch(/^completedOn：完成时间应为有效的日期/);
    const status = await patch({ status: "done" });
    expect((await status.json()).error).toMatch(/^status：未知的状态/);

    const csv = (await (await fetch(`${srv.base}/api/documents/${task.docId}/assignments?format=csv`)).text()).replace(/^\ufeff/, "");
    const lines = csv.split("\r\n");
    const header = lines[0].split(",");
    const row = lines.findIndex((l, i) => i > 0 && /^\d+,/.test(l));
    const cells = lines[row].split(",");
    cells[header.indexOf("状态")] = "已完成";
    cells[header.indexOf("完成时间")] = day(400);
    const form = new FormData();
    form.append("file", new Blob([[lines[0], cells.join(","), ""].join("\r\n")]), "填报.csv");
    const imported = await fetch(`${srv.base}/api/tasks/import`, { method: "POST", body: form, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(imported.status).toBe(400);
    expect((await imported.json()).error).toContain(`完成时间 ${day(400)} 晚于今天`);
    expect(JSON.stringify(await all())).toBe(before);
    // Today itself is a completion date.
    const today = await patch({ status: "已完成", completedOn: day(0) });
    expect(today.status).toBe(200);
    expect((await today.json()).task.completedOn).toBe(day(0));
  });
});

describe("the page's icon", () => {
  it("the page declares an inline icon and /favicon.ico is no 404", async () => {
    const html = await (await fetch(`${srv.base}/`)).text();
    expect(html).toMatch(/<link rel="icon" href="data:,">/);
    const docs = await (await fetch(`${srv.base}/api/docs`)).text();
    expect(docs).toMatch(/<link rel="icon" href="data:,">/);
    const icon = await fetch(`${srv.base}/favicon.ico`);
    expect(icon.status).toBe(204);
  });
});
