// The document library over HTTP and the CLI (issue 15, items 1–4): find a document by title, 文号 in
// any bracket form and issuer; its original file byte for byte; correct its metadata (and see units,
// facets and unit pages follow); delete it (and see it gone from search, units, topics, exports).
// A real server (npm start) on 127.0.0.1 with a real data directory, the CLI as a separate process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, type RunningServer } from "./helpers/server.ts";
import { CORPUS, OWN_FIXTURES, ROOT } from "./helpers/paths.ts";

const TOKEN = "library-token";
const AUTH = { authorization: `Bearer ${TOKEN}` };
const CHINESE = /[\u4e00-\u9fff]/;

let srv: RunningServer;
beforeAll(async () => {
  srv = await startServer({ API_TOKEN: TOKEN });
}, 180_000);
afterAll(() => srv?.close());

async function get(path: string) {
  const r = await fetch(`${srv.base}${path}`);
  return { status: r.status, body: await r.json() };
}

function patch(id: string, body: unknown, headers: Record<string, string> = AUTH) {
  return fetch(`${srv.base}/api/documents/${id}`, { method: "PATCH", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
}

type Doc = { id: string; source: string; title: string | null; docNumber: string | null; region: { province: string | null; city: string | null; county: string | null } };

async function docs(query = ""): Promise<{ total: number; documents: Doc[] }> {
  const r = await get(`/api/documents?${query}`);
  expect(r.status).toBe(200);
  return r.body;
}

async function bySource(name: string): Promise<Doc> {
  const d = (await docs("limit=1000")).documents.find((x) => x.source.endsWith(name));
  expect(d, name).toBeTruthy();
  return d!;
}

/** Poll until `check` passes (the server follows the CLI's writes through the store's change counter). */
async function eventually(check: () => Promise<void>, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/cli/main.ts"), ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: join(srv.dataDir, "data") } });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (b) => (stdout += b));
    p.stderr.on("data", (b) => (stderr += b));
    p.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The three other ways people write a 文号: [] brackets, half-width () with spaces, full-width （）. */
function bracketForms(n: string): string[] {
  return [n.replace("〔", "[").replace("〕", "]"), n.replace(/〔(\d{4})〕(\d+)号/, " ($1) $2 号").replace(/^(\S+?) /, "$1 "), n.replace("〔", "（").replace("〕", "）")];
}

describe("finding documents", () => {
  it("finds each seed that has a 文号 by it, written in three bracket forms", async () => {
    const all = (await docs("limit=1000")).documents;
    const numbered = all.filter((d) => d.docNumber);
    expect(numbered.map((d) => d.docNumber).sort()).toEqual(["平科〔2024〕65号", "攀办发〔2016〕22号", "攀办发〔2017〕141号", "晋政办发〔2018〕67号"].sort());
    for (const d of numbered) {
      const forms = bracketForms(d.docNumber!);
      expect(new Set(forms).size).toBe(3);
      for (const q of forms) {
        const found = await docs(`q=${encodeURIComponent(q)}`);
        expect(found.documents[0]?.id, `${q} → ${d.docNumber}`).toBe(d.id);
        expect(found.total).toBe(1);
      }
    }
  });

  it("matches title words and issuer, filters by place and date, sorts and pages with the total", async () => {
    const t = await docs(`q=${encodeURIComponent("知识产权质押")}`);
    expect(t.documents.map((d) => d.source)).toEqual(["corpus/panzhihua-2016-zhishichanquan-zhiya.txt"]);
    const issuer = await docs(`issuer=${encodeURIComponent("攀枝花市人民政府办公室")}`);
    expect(issuer.total).toBe(2);
    const city = await docs(`province=${encodeURIComponent("四川省")}&city=${encodeURIComponent("攀枝花市")}&sort=date-asc`);
    expect(city.documents.map((d) => d.docNumber)).toEqual(["攀办发〔2016〕22号", "攀办发〔2017〕141号"]);
    const newest = await docs("sort=date");
    const dates = newest.documents.map((d) => (d as unknown as { issuedDate: string | null; publishedDate: string | null })).map((d) => d.issuedDate ?? d.publishedDate ?? "");
    expect(dates).toEqual([...dates].sort().reverse());
    const range = await docs("from=2017-01-01&to=2018-12-31&sort=title");
    expect(range.total).toBe(2);
    const page = await docs("limit=2&offset=2");
    expect(page.total).toBe(5);
    expect(page.documents.length).toBe(2);
    const byTitle = (await docs("sort=title")).documents.map((d) => d.title ?? "");
    expect(byTitle).toEqual([...byTitle].sort());
  });

  it("filters by validity status (index/library) and refuses unknown filters in Chinese", async () => {
    const expired = await docs(`status=${encodeURIComponent("已到期")}`);
    // The 攀枝花 2016~2018 and 2017~2019 plans are over.
    expect(expired.documents.map((d) => d.docNumber)).toEqual(expect.arrayContaining(["攀办发〔2016〕22号", "攀办发〔2017〕141号"]));
    const current = await docs(`status=${encodeURIComponent("现行")}`);
    expect(current.documents.some((d) => d.docNumber === "攀办发〔2016〕22号")).toBe(false);
    expect(current.total + expired.total).toBeLessThanOrEqual(5);
    // Each listed document says its status.
    const listed = (await docs()).documents as (Doc & { status: string | null })[];
    expect(listed.find((d) => d.docNumber === "攀办发〔2016〕22号")!.status).toBe("已到期");
    expect(new Set(current.documents.map((d) => (d as Doc & { status: string }).status))).toEqual(new Set(current.total ? ["现行"] : []));
    for (const bad of ["status=有效", "sort=size", "from=2022-1-1", "limit=0"]) {
      const r = await get(`/api/documents?${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.error).toMatch(CHINESE);
    }
  });

  it("lists the new routes in the OpenAPI document, writes with the bearer scheme", async () => {
    const doc = (await get("/api/openapi.json")).body;
    expect(doc.paths["/api/documents/{id}"].patch.security).toBeTruthy();
    expect(doc.paths["/api/documents/{id}"].delete.security).toBeTruthy();
    expect(doc.paths["/api/documents/{id}/original"].get.summary).toMatch(CHINESE);
  });
});

describe("original files", () => {
  it("gives back a TXT seed byte for byte, with its content type and a safe file name", async () => {
    const d = await bySource("shanxi-2018-keji-jinrong.txt");
    const r = await fetch(`${srv.base}/api/documents/${d.id}/original`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(r.headers.get("content-disposition")).toMatch(/^attachment; filename="shanxi-2018-keji-jinrong\.txt"/);
    expect(Buffer.from(await r.arrayBuffer()).equals(readFileSync(join(CORPUS, "shanxi-2018-keji-jinrong.txt")))).toBe(true);
  });

  it("stores an uploaded PDF with the metadata given beside it, and gives the PDF back byte for byte", async () => {
    const pdf = readFileSync(join(OWN_FIXTURES, "fengong.pdf"));
    const form = new FormData();
    form.append("file", new Blob([pdf]), "分工 方案.pdf");
    form.append("title", "上传时给出的标题");
    form.append("docNumber", "鲁科发〔2021〕7号");
    form.append("region", "山东省/济南市/历下区");
    form.append("issuedDate", "2021-03-01");
    const up = await fetch(`${srv.base}/api/documents`, { method: "POST", body: form, headers: AUTH });
    const out = await up.json();
    expect(up.status, JSON.stringify(out)).toBe(200);
    expect(out.title).toBe("上传时给出的标题");
    const detail = (await get(`/api/documents/${out.id}`)).body;
    expect(detail.region).toEqual({ province: "山东省", city: "济南市", county: "历下区" });
    expect(detail.corrections.fields.sort()).toEqual(["docNumber", "issuedDate", "region", "title"]);
    expect(detail.extracted.title).not.toBe("上传时给出的标题");
    const r = await fetch(`${srv.base}/api/documents/${out.id}/original`);
    expect(r.headers.get("content-type")).toBe("application/pdf");
    expect(r.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("分工 方案.pdf")}`);
    expect(Buffer.from(await r.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await docs(`q=${encodeURIComponent("鲁科发[2021]7号")}`)).documents[0]?.id).toBe(out.id);

    // Bad metadata beside a file: refused before anything is stored.
    const before = (await docs()).total;
    const bad = new FormData();
    bad.append("file", new Blob([readFileSync(join(CORPUS, "pingyang-2024-keji-jinrong.txt"))]), "另一个.txt");
    bad.append("issuedDate", "2022-02-30");
    const refused = await fetch(`${srv.base}/api/documents`, { method: "POST", body: bad, headers: AUTH });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatch(/成文日期/);
    expect((await docs()).total).toBe(before);
    expect((await fetch(`${srv.base}/api/documents/0123456789abcdef/original`)).status).toBe(404);
  });

  it("a bad parameter is named once (document list, search)", async () => {
    expect(await get("/api/documents?status=foo")).toEqual({ status: 400, body: { error: "status：应为 现行、已到期 或 已被替代" } });
    expect(await get("/api/documents?sort=foo")).toEqual({ status: 400, body: { error: "sort：应为 date（新到旧）、date-asc（旧到新）或 title" } });
    // the same for the search's own messages that open with their parameter's name
    expect(await get("/api/search?doc=xyz")).toEqual({ status: 400, body: { error: "doc：应为 16 位十六进制文件编号" } });
    expect(await get("/api/search?year=12")).toEqual({ status: 400, body: { error: "year：应为四位年份" } });
    expect(await get("/api/search?status=foo")).toEqual({ status: 400, body: { error: "status：应为 现行、已到期、已被替代 之一" } });
  });

  it("refuses an upload or a table import without a file, or with a broken form, in Chinese; nothing stored", async () => {
    const before = (await docs()).total;
    const noFile = new FormData();
    noFile.append("title", "没有文件");
    const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) => fetch(`${srv.base}${path}`, { method: "POST", body, headers: { ...AUTH, ...headers } });
    // Two files in one upload (or a field twice): refused, not the last one stored and the others dropped unsaid.
    const twoFiles = new FormData();
    twoFiles.append("file", new Blob([readFileSync(join(CORPUS, "pingyang-2024-keji-jinrong.txt"))]), "第一个.txt");
    twoFiles.append("file", new Blob(["关于某某工作的通知\n一、加强组织领导。\n"]), "第二个.txt");
    const twoTitles = new FormData();
    twoTitles.append("file", new Blob([readFileSync(join(CORPUS, "pingyang-2024-keji-jinrong.txt"))]), "第三个.txt");
    twoTitles.append("title", "标题甲");
    twoTitles.append("title", "标题乙");
    const cases: [string, () => Promise<Response>, string][] = [
      ["/api/documents", () => post("/api/documents", noFile), "缺少文件字段 file"],
      ["/api/tasks/import", () => post("/api/tasks/import", noFile), "缺少文件字段 file（导出后填写的 CSV 或 XLSX）"],
      ["/api/documents", () => post("/api/documents", "--b\r\nbroken", { "content-type": "multipart/form-data; boundary=b" }), "请求体应为 multipart/form-data，文件字段名为 file"],
      ["/api/documents", () => post("/api/documents", twoFiles), "一次只能上传一个文件（收到 2 个 file 字段），请逐个上传"],
      ["/api/tasks/import", () => post("/api/tasks/import", twoFiles), "一次只能上传一个文件（收到 2 个 file 字段），请逐个上传"],
      ["/api/documents", () => post("/api/documents", twoTitles), "title：字段重复（收到 2 个），每个字段只能给一次"],
    ];
    for (const [path, send, reason] of cases) {
      const r = await send();
      expect(r.status, path).toBe(400);
      expect((await r.json()).error, path).toBe(reason);
    }
    expect((await docs()).total).toBe(before);
  });

  it("JSON bodies (correction, long search, one sentence): not JSON and a bad field each get their Chinese 400", async () => {
    const id = (await docs()).documents[0].id;
    const send = (method: string, path: string, body: string) => fetch(`${srv.base}${path}`, { method, body, headers: { ...AUTH, "content-type": "application/json" } });
    const cases: [string, string, string, string | RegExp][] = [
      ["PATCH", `/api/documents/${id}`, "{不是 JSON", '请求体应为 JSON 对象，例如 {"region": {"province": "山东省", "city": "济南市"}}'],
      ["PATCH", `/api/documents/${id}`, JSON.stringify({ issuedDate: "2022-02-30" }), /issuedDate/],
      ["POST", "/api/search", "{不是 JSON", '请求体必须是 JSON：{"q": "…", "limit": 20}'],
      ["POST", "/api/search", JSON.stringify({ q: "风险", limit: 1000 }), /limit/],
      ["POST", "/api/parse", "{不是 JSON", '请求体必须是 JSON：{"text": "…", "base": "YYYY-MM-DD"}'],
      ["POST", "/api/parse", JSON.stringify({ text: "年底前", base: "2022/01/01" }), /base/],
    ];
    for (const [method, path, body, reason] of cases) {
      const r = await send(method, path, body);
      expect(r.status, `${method} ${path} ${body}`).toBe(400);
      const { error } = await r.json();
      if (typeof reason === "string") expect(error).toBe(reason);
      else expect(error).toMatch(reason);
    }
    expect((await get(`/api/documents/${id}`)).body.corrections?.fields ?? []).not.toContain("issuedDate");
  });
});

describe("correcting a document", () => {
  it("refuses a PATCH without or with a wrong token, an unknown region, impossible dates, a 10,000-character title: 4xx in Chinese, nothing changed", async () => {
    const d = await bySource("mianyang-2022-jinrong-shitiao.txt");
    const before = JSON.stringify((await get(`/api/documents/${d.id}`)).body);
    const cases: [number, Promise<Response>, RegExp][] = [
      [401, patch(d.id, { title: "无令牌" }, {}), /令牌/],
      [401, patch(d.id, { title: "错令牌" }, { authorization: "Bearer wrong-token" }), /令牌/],
      [400, patch(d.id, { region: { province: "四川省", city: "火星市" } }), /city.*火星市/],
      [400, patch(d.id, { region: { province: "不存在省" } }), /province/],
      [400, patch(d.id, { issuedDate: "2022-13-45" }), /issuedDate.*成文日期/],
      [400, patch(d.id, { publishedDate: "2022-02-30" }), /publishedDate.*发布日期/],
      [400, patch(d.id, { title: "长".repeat(10_000) }), /title.*标题过长/],
      [400, patch(d.id, { title: "好标题", issuedDate: "2022-13-45" }), /成文日期/], // one bad field: nothing of the rest either
      [400, patch(d.id, {}), /没有要更正的字段/],
      [400, patch(d.id, { colour: "红" }), /colour/],
      [404, patch("0123456789abcdef", { title: "没有这个文件" }), /没有编号/],
      [400, fetch(`${srv.base}/api/documents/${d.id}`, { method: "PATCH", headers: { ...AUTH, "content-type": "application/json" }, body: "{不是 JSON" }), /JSON/],
    ];
    for (const [status, res, message] of cases) {
      const r = await res;
      const body = await r.json();
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(body.error).toMatch(CHINESE);
      expect(body.error).toMatch(message);
    }
    expect(JSON.stringify((await get(`/api/documents/${d.id}`)).body)).toBe(before);
  });

  it("moves a document to another region: its units' canonical names, the region facet and the unit pages follow at once", async () => {
    const d = await bySource("mianyang-2022-jinrong-shitiao.txt");
    const unitBefore = await get(`/api/units/${encodeURIComponent("绵阳市金融工作局")}`);
    expect(unitBefore.status).toBe(200);
    const unitDocs = async (name: string) => {
      const r = await get(`/api/units/${encodeURIComponent(name)}`);
      return r.status === 404 ? [] : (r.body.documents as { document: { id: string } }[]).map((x) => x.document.id);
    };
    expect(await unitDocs("济南市金融工作局")).not.toContain(d.id);

    const r = await patch(d.id, { region: { province: "山东省", city: "济南市" }, docNumber: "绵金发 (2022) 5 号", editor: "测试员" });
    const doc = await r.json();
    expect(r.status, JSON.stringify(doc)).toBe(200);
    expect(doc.region).toEqual({ province: "山东省", city: "济南市", county: null });
    expect(doc.extracted.region).toEqual({ province: "四川省", city: "绵阳市", county: null });
    expect(doc.corrections).toMatchObject({ fields: ["docNumber", "region"], updatedBy: "测试员" });
    const canon = doc.measures.flatMap((m: { units: { name: string; canonical: string }[] }) => m.units.filter((u) => u.name === "市金融工作局").map((u) => u.canonical));
    expect(canon.length).toBeGreaterThan(0);
    expect(new Set(canon)).toEqual(new Set(["济南市金融工作局"]));

    const facets = (await get(`/api/search?q=${encodeURIComponent("金融")}`)).body.facets;
    expect(facets.province.map((f: { value: string }) => f.value)).toContain("山东省");
    const sichuan = (await get(`/api/search?q=&province=${encodeURIComponent("四川省")}&doc=${d.id}`)).body;
    expect(sichuan.total).toBe(0);
    const shandong = (await get(`/api/search?q=&province=${encodeURIComponent("山东省")}&city=${encodeURIComponent("济南市")}&doc=${d.id}`)).body;
    expect(shandong.total).toBe(29);

    expect(await unitDocs("济南市金融工作局")).toContain(d.id);
    expect((await get(`/api/units/${encodeURIComponent("绵阳市金融工作局")}`)).status).toBe(404);
    // The corrected 文号 finds it, in another bracket form.
    expect((await docs(`q=${encodeURIComponent("绵金发〔2022〕5号")}`)).documents.map((x) => x.id)).toEqual([d.id]);
    expect((await get("/api/documents?limit=1000")).body.documents.find((x: Doc) => x.id === d.id).corrected).toBe(true);

    // null gives the extracted region back, and the units follow again.
    const back = await (await patch(d.id, { region: null })).json();
    expect(back.region).toEqual({ province: "四川省", city: "绵阳市", county: null });
    expect((await get(`/api/units/${encodeURIComponent("绵阳市金融工作局")}`)).status).toBe(200);
    expect(await unitDocs("济南市金融工作局")).not.toContain(d.id);
    expect(back.corrections.fields).toEqual(["docNumber"]);
  });
});

describe("deleting a document", () => {
  it("refuses without the token, then removes the document and everything derived from it", async () => {
    const d = await bySource("panzhihua-2016-zhishichanquan-zhiya.txt");
    const unit = encodeURIComponent("攀枝花市科技和知识产权局"); // only this document names it
    expect((await get(`/api/units/${unit}`)).status).toBe(200);
    expect((await get(`/api/search?q=&doc=${d.id}`)).body.total).toBeGreaterThan(0);
    const topicsBefore = (await get("/api/topics")).body.topics as { id: string }[];
    const inTopics = async () => {
      for (const t of (await get("/api/topics")).body.topics as { id: string }[]) {
        const detail = (await get(`/api/topics/${t.id}`)).body;
        if (JSON.stringify(detail).includes(d.id)) return true;
      }
      return false;
    };
    expect(topicsBefore.length).toBeGreaterThan(0);
    expect(await inTopics()).toBe(true);

    const noToken = await fetch(`${srv.base}/api/documents/${d.id}`, { method: "DELETE" });
    expect(noToken.status).toBe(401);
    expect((await noToken.json()).error).toMatch(CHINESE);
    expect((await get(`/api/documents/${d.id}`)).status).toBe(200);

    const del = await fetch(`${srv.base}/api/documents/${d.id}`, { method: "DELETE", headers: AUTH });
    expect(del.status).toBe(200);
    expect(await del.json()).toEqual({ deleted: true, id: d.id });
    expect((await get(`/api/documents/${d.id}`)).status).toBe(404);
    expect((await fetch(`${srv.base}/api/documents/${d.id}/original`)).status).toBe(404);
    expect((await get(`/api/search?q=${encodeURIComponent("知识产权质押")}`)).body.hits.some((h: { document: { id: string } }) => h.document.id === d.id)).toBe(false);
    expect((await get(`/api/search?q=&doc=${d.id}`)).body.total).toBe(0);
    expect((await get(`/api/units/${unit}`)).status).toBe(404);
    expect(await inTopics()).toBe(false);
    expect((await fetch(`${srv.base}/api/documents/${d.id}/assignments?format=csv`, { headers: AUTH })).status).toBe(404);
    const csv = await (await fetch(`${srv.base}/api/assignments?q=&format=csv`, { headers: AUTH })).text();
    expect(csv).not.toContain("知识产权质押融资试点工作方案");
    expect((await docs(`q=${encodeURIComponent("攀办发[2016]22号")}`)).total).toBe(0);
    const again = await fetch(`${srv.base}/api/documents/${d.id}`, { method: "DELETE", headers: AUTH });
    expect(again.status).toBe(404);
  });
});

describe("the CLI", () => {
  it("corrects a document named by its 文号 and removes one; the running server follows", async () => {
    const set = await cli(["set", "晋政办发[2018]67号", "--region", "山东省/济南市/历下区", "--title", "命令行更正的标题", "--issued", "2018-07-05"]);
    expect(set.status, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/^已更正 [0-9a-f]{16}/);
    expect(set.stdout).toContain("地区：山西省 → 山东省济南市历下区");
    const d = await bySource("shanxi-2018-keji-jinrong.txt");
    expect(d.title).toBe("命令行更正的标题");
    expect(d.region).toEqual({ province: "山东省", city: "济南市", county: "历下区" });
    await eventually(async () => {
      const facets = (await get(`/api/search?q=&doc=${d.id}`)).body.facets;
      expect(facets.county.map((f: { value: string }) => f.value)).toEqual(["历下区"]);
    });

    const bad = await cli(["set", "晋政办发〔2018〕67号", "--issued", "2022-13-45"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--issued.*成文日期/);
    const unknown = await cli(["set", "无此文〔2000〕1号", "--title", "x"]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/库中没有文件/);
    expect((await bySource("shanxi-2018-keji-jinrong.txt")).title).toBe("命令行更正的标题");

    const rm = await cli(["remove", d.id]);
    expect(rm.status, rm.stderr).toBe(0);
    expect(rm.stdout).toContain(`已删除 ${d.id}`);
    expect((await get(`/api/documents/${d.id}`)).status).toBe(404);
    await eventually(async () => expect((await get(`/api/search?q=&doc=${d.id}`)).body.total).toBe(0));
    const twice = await cli(["remove", d.id]);
    expect(twice.status).toBe(1);
    expect(twice.stderr).toMatch(/库中没有文件/);
  }, 300_000); // five CLI processes, each loading the whole program
});
