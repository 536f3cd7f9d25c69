// The second review as a new user, on a real server (npm start on 127.0.0.1, SQLite in a temp dir, the
// shipped corpus): every GET example of the OpenAPI document runs and finds something; a task's
// completion date goes with the status 已完成 alone, the same way through PATCH and a filled-in table;
// a document without a recognised title is named by its file name in 督办 and in every export, not
// "（无标题）" (two such documents could not be told apart).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { startServer, uploadFile, type RunningServer } from "./helpers/server.ts";
import { CORPUS_EXTRA } from "./helpers/paths.ts";

const TOKEN = "followup-review-token";
let srv: RunningServer;

beforeAll(async () => {
  srv = await startServer({ API_TOKEN: TOKEN, ANON_RATE_LIMIT: "0" });
}, 180_000);
afterAll(() => srv?.stop());

type Param = { name: string; in: string; example?: unknown };
type Op = { operationId: string; parameters?: Param[] };

describe("the OpenAPI document's examples", () => {
  it("every GET example runs on the shipped corpus: 2xx, and a list finds something", async () => {
    const doc = (await (await fetch(`${srv.base}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, Op>> };
    const failures: string[] = [];
    let tried = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      const op = ops.get;
      if (!op || path.startsWith("/api/jobs/")) continue; // a background job lives an hour: no example id can stay valid
      let url = path;
      const query = new URLSearchParams();
      for (const p of op.parameters ?? []) {
        if (p.example === undefined) continue;
        if (p.in === "path") url = url.replace(`{${p.name}}`, encodeURIComponent(String(p.example)));
        else query.set(p.name, String(p.example));
      }
      expect(url, op.operationId).not.toMatch(/\{/);
      const r = await fetch(`${srv.base}${url}${query.size ? `?${query}` : ""}`);
      tried++;
      if (r.status >= 300) {
        failures.push(`${op.operationId} ${r.status} ${(await r.text()).slice(0, 120)}`);
        continue;
      }
      if (!(r.headers.get("content-type") ?? "").includes("json")) continue;
      const body = (await r.json()) as { total?: number };
      // A documented example that finds nothing shows a reader nothing (the removed-task list is empty on a fresh library).
      if (typeof body.total === "number" && body.total === 0 && op.operationId !== "listRemovedTasks") failures.push(`${op.operationId}: total 0`);
    }
    expect(tried).toBeGreaterThan(15);
    expect(failures).toEqual([]);
  });
});

type Task = { id: string; docId: string; docTitle: string; path: string; unit: string; status: string; completedOn: string | null };

describe("督办: the completion date goes with 已完成", () => {
  const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // China's calendar
  const tasks = async (): Promise<Task[]> => (await (await fetch(`${srv.base}/api/tasks?limit=1000`)).json()).tasks;
  const patch = (id: string, body: unknown) =>
    fetch(`${srv.base}/api/tasks/${id}`, { method: "PATCH", headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
  const importCsv = async (docId: string, fill: (cells: string[], col: (h: string) => number) => void) => {
    const csv = (await (await fetch(`${srv.base}/api/documents/${docId}/assignments?format=csv`)).text()).replace(/^\ufeff/, "");
    const lines = csv.split("\r\n");
    const header = lines[0].split(",");
    const cells = lines[lines.findIndex((l, i) => i > 0 && /^\d+,/.test(l))].split(",");
    fill(cells, (h) => header.indexOf(h));
    const form = new FormData();
    form.append("file", new Blob([[lines[0], cells.join(","), ""].join("\r\n")]), "填报.csv");
    return fetch(`${srv.base}/api/tasks/import`, { method: "POST", body: form, headers: { authorization: `Bearer ${TOKEN}` } });
  };

  it("PATCH refuses a completion date on a task that is not 已完成, and reopening clears it", async () => {
    const task = (await tasks()).find((t) => t.status === "未开始")!;
    const before = JSON.stringify(await tasks());
    const alone = await patch(task.id, { completedOn: "2022-05-01" });
    expect(alone.status).toBe(400);
    expect((await alone.json()).error).toBe("completedOn：任务状态为“未开始”，只有已完成的任务填写完成时间（请同时把 status 改为“已完成”）");
    const going = await patch(task.id, { status: "推进中", completedOn: "2022-05-01" });
    expect(going.status).toBe(400);
    expect((await going.json()).error).toContain("任务状态为“推进中”");
    expect(JSON.stringify(await tasks())).toBe(before);
    // Done with a date, then the date alone may change; reopened, the date goes.
    expect((await (await patch(task.id, { status: "已完成", completedOn: "2022-05-01" })).json()).task).toMatchObject({ status: "已完成", completedOn: "2022-05-01" });
    expect((await (await patch(task.id, { completedOn: "2022-05-02" })).json()).task).toMatchObject({ status: "已完成", completedOn: "2022-05-02" });
    expect((await (await patch(task.id, { status: "推进中" })).json()).task).toMatchObject({ status: "推进中", completedOn: null });
  });

  it("a filled-in table follows the same rule as PATCH", async () => {
    const all = await tasks();
    const docId = all[0].docId;
    const before = JSON.stringify(await tasks());
    const firstRow = async () => {
      let id = "";
      await importCsv(docId, (cells, col) => (id = cells[col("任务编号")])).catch(() => undefined);
      return id.split(/[\s,，、;；]+/)[0];
    };
    // 推进中 with a date: the whole table is refused, naming the row.
    const refused = await importCsv(docId, (cells, col) => {
      cells[col("状态")] = "推进中";
      cells[col("完成时间")] = "2022-05-01";
    });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatch(/^第 2 行：任务状态为“推进中”，只有已完成的任务填写完成时间/);
    expect(JSON.stringify(await tasks())).toBe(before);
    // 已完成 without a date: today, as PATCH does.
    const done = await importCsv(docId, (cells, col) => (cells[col("状态")] = "已完成"));
    expect(done.status).toBe(200);
    const id = await firstRow();
    const after = (await tasks()).find((t) => t.id === id)!;
    expect(after).toMatchObject({ status: "已完成", completedOn: today() });
    // Reopened in the table (the old date left in its cell): the date goes, as PATCH does.
    const reopened = await importCsv(docId, (cells, col) => {
      cells[col("状态")] = "推进中";
      cells[col("完成时间")] = today();
    });
    expect(reopened.status).toBe(200);
    expect((await tasks()).find((t) => t.id === id)).toMatchObject({ status: "推进中", completedOn: null });
  });
});

describe("a document without a recognised title in 督办 and the exports", () => {
  it("is named 未命名文件（file name）, as the page names it", async () => {
    const file = "30_qingdao-2023-rengong-zhineng-chanyeyuan.txt";
    const id = await uploadFile(srv, join(CORPUS_EXTRA, file), TOKEN);
    const doc = await (await fetch(`${srv.base}/api/documents/${id}`)).json();
    expect(doc.title).toBeNull();
    const label = `未命名文件（${file}）`;
    const own = ((await (await fetch(`${srv.base}/api/tasks?doc=${id}&limit=1000`)).json()).tasks as Task[]);
    expect(own.length).toBeGreaterThan(0);
    for (const t of own) expect(t.docTitle).toBe(label);
    const unit = encodeURIComponent("青岛市财政局");
    for (const url of [`/api/documents/${id}/assignments?format=md`, `/api/units/${unit}/duties?format=md`, `/api/tasks/overview?doc=${id}&format=csv`]) {
      const text = (await (await fetch(`${srv.base}${url}`)).text()).replace(/\\_/g, "_"); // Markdown escapes _
      expect(text, url).toContain(label);
      expect(text, url).not.toContain("无标题");
    }
  });
});

describe("the comparison's XLSX on paper", () => {
  it("prints as the other tables do: A4 landscape, one page wide, its header on every page, page numbers", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const r = await fetch(`${srv.base}/api/compare?q=${encodeURIComponent("风险补偿")}&format=xlsx`);
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as never);
    const ws = wb.worksheets[0];
    expect(ws.getRow(2).getCell(1).value).toBe("地方");
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "2:2" });
    expect(ws.headerFooter.oddFooter).toContain("&P");
  });
});

describe("documents to correct (no place found)", () => {
  it("the units and topics lists name an untitled one by its file name, not a bare 未命名文件", async () => {
    const file = "poems-11pages_subset-font__doc1File.ofd";
    const id = await uploadFile(srv, join(CORPUS_EXTRA, "..", "ofd-fixtures", file), TOKEN);
    for (const path of ["/api/units?limit=1", "/api/topics"]) {
      const r = await fetch(`${srv.base}${path}`);
      if (path === "/api/topics" && r.status === 503) continue; // the comparison worker still building: units are enough
      const docs = (await r.json()).unplaced.documents as { id: string; title: string | null; fileName?: string }[];
      const own = docs.find((d) => d.id === id)!;
      expect(own.title, path).toBeNull();
      expect(own.fileName, path).toBe(file);
    }
  });
});
