// Follow-up (督办) over a real service (`npm start` on 127.0.0.1, real SQLite in a temp dir, the
// shipped corpus): tasks and their lights on an as-of date, status changes by named editors
// (API_TOKENS) with their history, the 督办 view and its export, the import of a filled-in table,
// duty lists equal to the unit page, calendars, a replaced document keeping its tasks' 督办. Bad input: 4xx in
// Chinese and nothing changed. Progress in the store itself: tasks-store.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import ical from "node-ical";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startServer, type RunningServer } from "./helpers/server.ts";
import { CORPUS } from "./helpers/paths.ts";
import { sheetRows } from "./helpers/sheets.ts";

const ADMIN = "admin-token-1";
const ZHANG = "zhang-token-1234";
const LI = "li-token-5678";

let srv: RunningServer;
let base: string;
let mianyangId: string;

type Task = { id: string; docId: string; path: string; unit: string; status: string; light: string; lightReason: string; due: string | null; note: string | null; completedOn: string | null; expired: boolean };
type History = { at: string; editor: string; status: string | null; note: string | null; completedOn: string | null; source: string };

const getJson = async (path: string) => {
  const r = await fetch(`${base}${path}`);
  return { status: r.status, body: await r.json() };
};
const patch = (id: string, body: unknown, token?: string) =>
  fetch(`${base}/api/tasks/${id}`, { method: "PATCH", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) } });
const upload = (buf: Buffer | Uint8Array, name: string, token?: string) => {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(buf)]), name);
  return fetch(`${base}/api/tasks/import`, { method: "POST", body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
};
const findTask = async (path: string, unit: string, asOf = "2022-06-01"): Promise<Task> => {
  const { body } = await getJson(`/api/tasks?doc=${mianyangId}&asOf=${asOf}&limit=1000`);
  return (body.tasks as Task[]).find((t) => t.path === path && t.unit === unit)!;
};
const allTasks = async (): Promise<Task[]> => (await getJson(`/api/tasks?limit=1000&asOf=2022-06-01`)).body.tasks;
const chineseError = async (r: Response, status: number) => {
  expect(r.status).toBe(status);
  const body = await r.json();
  expect(body.error).toMatch(/[\u4e00-\u9fff]/);
  return body.error as string;
};

beforeAll(async () => {
  srv = await startServer({ API_TOKEN: ADMIN, API_TOKENS: `张三:${ZHANG},李四:${LI}`, TASK_YELLOW_DAYS: "15", ICS_REMIND_DAYS: "5", ANON_RATE_LIMIT: "0" });
  base = srv.base;
  const docs = (await getJson("/api/documents")).body.documents as { id: string; source: string }[];
  mianyangId = docs.find((d) => d.source.includes("mianyang"))!.id;
}, 180_000);
afterAll(() => srv?.stop());

describe("tasks and lights", () => {
  it("a task per measure × lead (or responsible) unit, ids stable, paged with a total", async () => {
    const { status, body } = await getJson(`/api/tasks?doc=${mianyangId}&limit=5&asOf=2022-06-01`);
    expect(status).toBe(200);
    expect(body.tasks.length).toBe(5);
    // 29 measures; 二/(一)/3 has two responsible banks, 二/(六)/16 three lead units.
    const all = (await getJson(`/api/tasks?doc=${mianyangId}&limit=1000&asOf=2022-06-01`)).body;
    expect(all.total).toBe(all.tasks.length);
    expect(all.total).toBeGreaterThan(29);
    expect(all.tasks.filter((t: Task) => t.path === "二/(六)/16").map((t: Task) => t.unit)).toEqual(["市金融工作局", "市科技局", "绵阳银保监分局"]);
    const again = (await getJson(`/api/tasks?doc=${mianyangId}&limit=1000&asOf=2022-06-01`)).body;
    expect(again.tasks.map((t: Task) => t.id)).toEqual(all.tasks.map((t: Task) => t.id));
    const page = (await getJson(`/api/tasks?doc=${mianyangId}&limit=5&offset=5&asOf=2022-06-01`)).body;
    expect(page.tasks.map((t: Task) => t.id)).toEqual(all.tasks.slice(5, 10).map((t: Task) => t.id));
  });

  it("lights follow the as-of date: green, yellow within 15 days, red overdue", async () => {
    const t = await findTask("二/(二)/5", "市财政局"); // 2022年底前
    expect(t.light).toBe("绿");
    expect(t.due).toBe("2022-12-31");
    const soon = (await getJson(`/api/tasks/${t.id}?asOf=2022-12-20`)).body.task as Task;
    expect(soon.light).toBe("黄");
    expect(soon.lightReason).toBe("11 日内到期");
    const late = (await getJson(`/api/tasks/${t.id}?asOf=2023-01-05`)).body.task as Task;
    expect(late.light).toBe("红");
    expect(late.lightReason).toBe("已逾期 5 天");
    // Filters: by unit (any alias), light and due date.
    const red = (await getJson(`/api/tasks?unit=${encodeURIComponent("财政局")}&light=${encodeURIComponent("红")}&asOf=2023-01-05&limit=1000`)).body;
    expect(red.tasks.map((x: Task) => x.id)).toContain(t.id);
    expect(red.tasks.every((x: Task) => x.light === "红" && x.unit.includes("财政"))).toBe(true);
    const before = (await getJson(`/api/tasks?doc=${mianyangId}&dueBefore=2022-03-31&asOf=2022-03-01&limit=1000`)).body;
    expect(before.total).toBeGreaterThan(0);
    expect(before.tasks.every((x: Task) => x.due !== null && x.due <= "2022-03-31")).toBe(true);
  });

  it("bad queries: 400 in Chinese", async () => {
    await chineseError(await fetch(`${base}/api/tasks?status=${encodeURIComponent("完成了")}`), 400);
    await chineseError(await fetch(`${base}/api/tasks?asOf=2022/01/01`), 400);
    await chineseError(await fetch(`${base}/api/tasks/0000000000000000`), 404);
  });
});

describe("status changes by named editors", () => {
  it("refuses writes without or with a wrong token, an unknown status, a 1 MB note: nothing changed", async () => {
    const t = await findTask("二/(四)/12", "市金融工作局");
    const before = JSON.stringify(await allTasks());
    await chineseError(await patch(t.id, { status: "已完成" }), 401);
    await chineseError(await patch(t.id, { status: "已完成" }, "wrong-token-0000"), 401);
    expect(await chineseError(await patch(t.id, { status: "搞定了" }, ZHANG), 400)).toContain("未知的状态");
    await chineseError(await patch(t.id, { note: "进".repeat(1_000_000) }, ZHANG), 413);
    await chineseError(await patch(t.id, { note: "x".repeat(3000) }, ZHANG), 400);
    await chineseError(await patch(t.id, "{not json", ZHANG), 400);
    await chineseError(await patch(t.id, {}, ZHANG), 400);
    await chineseError(await patch(t.id, { status: "推进中", extra: 1 }, ZHANG), 400);
    await chineseError(await patch("0000000000000000", { status: "推进中" }, ZHANG), 404);
    expect(JSON.stringify(await allTasks())).toBe(before);
    expect((await getJson(`/api/tasks/${t.id}`)).body.history).toEqual([]);
  });

  it("张三 marks a task 已完成, 李四 adds a note: the history names both; the light turns grey", async () => {
    const t = await findTask("二/(二)/5", "市财政局");
    const r1 = await patch(t.id, { status: "已完成", completedOn: "2022-12-28" }, ZHANG);
    expect(r1.status).toBe(200);
    expect((await r1.json()).task).toMatchObject({ status: "已完成", completedOn: "2022-12-28", light: "灰" });
    const r2 = await patch(t.id, { note: "贴息细则已印发（绵财发〔2022〕1号）" }, LI);
    expect(r2.status).toBe(200);
    const r3 = await patch(t.id, { note: "管理员复核" }, ADMIN);
    expect(r3.status).toBe(200);
    const { body } = await getJson(`/api/tasks/${t.id}?asOf=2023-01-05`);
    expect(body.task).toMatchObject({ status: "已完成", completedOn: "2022-12-28", note: "管理员复核", light: "灰" });
    const history = body.history as History[];
    expect(history.map((h) => h.editor)).toEqual(["张三", "李四", "管理员"]);
    expect(history[0]).toMatchObject({ status: "已完成", completedOn: "2022-12-28", note: null, source: "api" });
    expect(history[1]).toMatchObject({ status: null, note: "贴息细则已印发（绵财发〔2022〕1号）" });
    for (const h of history) expect(Date.parse(h.at)).not.toBeNaN();
    // Status 已完成 without a date: today's date is recorded.
    const other = await findTask("二/(四)/12", "市金融工作局");
    const r4 = await patch(other.id, { status: "已完成" }, LI);
    expect((await r4.json()).task.completedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const r5 = await patch(other.id, { status: "推进中" }, LI);
    expect((await r5.json()).task).toMatchObject({ status: "推进中", completedOn: null });
  });
});

describe("督办 view", () => {
  it("lists the overdue tasks and those due within 30 days, sortable; hides plans past their period with one switch", async () => {
    const { body } = await getJson(`/api/tasks/overview?doc=${mianyangId}&asOf=2022-03-20&days=30`);
    const tasks = body.tasks as Task[];
    expect(body.total).toBe(tasks.length);
    expect(body.overdue).toBeGreaterThan(0);
    expect(tasks.some((t) => t.path === "二/(三)/8" && t.light === "红")).toBe(true); // 3月15日之前
    expect(tasks.every((t) => t.light === "红" || (t.due! >= "2022-03-20" && t.due! <= "2022-04-19"))).toBe(true);
    expect(tasks.every((t) => t.light !== "灰")).toBe(true);
    const dues = tasks.map((t) => t.due ?? "");
    expect(dues).toEqual([...dues].sort());
    const byLight = (await getJson(`/api/tasks/overview?doc=${mianyangId}&asOf=2022-03-20&sort=light`)).body.tasks as Task[];
    const firstYellow = byLight.findIndex((t) => t.light === "黄");
    expect(byLight.slice(0, firstYellow).every((t) => t.light === "红")).toBe(true);
    // A 2022 plan in 2026: all red, unless hidden; its history stays.
    const late = (await getJson(`/api/tasks/overview?asOf=2026-12-01&doc=${mianyangId}`)).body;
    expect(late.overdue).toBeGreaterThan(10);
    const hidden = (await getJson(`/api/tasks/overview?asOf=2026-12-01&doc=${mianyangId}&hideExpired=1`)).body;
    expect(hidden.total).toBe(0);
    const done = await findTask("二/(二)/5", "市财政局");
    expect((await getJson(`/api/tasks/${done.id}?asOf=2026-12-01`)).body.history.length).toBe(3);
    await chineseError(await fetch(`${base}/api/tasks/overview?sort=nothing`), 400);
  });

  it("exports the view as XLSX with 状态 and 进展 columns", async () => {
    const r = await fetch(`${base}/api/tasks/overview?doc=${mianyangId}&asOf=2022-03-20&format=xlsx`);
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await r.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const rows = sheetRows(wb.worksheets[0]);
    expect(rows[0][0]).toContain("督办清单");
    expect(rows[2]).toEqual(["序号", "文件", "重点任务", "责任单位", "完成时限", "截止日期", "督办灯", "状态", "完成时间", "进展情况", "原文条目", "任务编号"]);
    const overview = (await getJson(`/api/tasks/overview?doc=${mianyangId}&asOf=2022-03-20`)).body.tasks as Task[];
    expect(rows.slice(3).map((x) => x[11])).toEqual(overview.map((t) => t.id));
    expect(rows.find((x) => x[10] === "二/(三)/8")![6]).toMatch(/^红灯（已逾期/);
    const md = await fetch(`${base}/api/tasks/overview?doc=${mianyangId}&asOf=2022-03-20&format=md&columns=no,task,unit,light`);
    expect(await md.text()).toContain("| 序号 | 重点任务 | 责任单位 | 督办灯 |");
    await chineseError(await fetch(`${base}/api/tasks/overview?format=xlsx&columns=no,bogus`), 400);
  });
});

describe("import of a filled-in table", () => {
  it("a filled-in XLSX updates exactly the rows it matches and lists the others", async () => {
    const r = await fetch(`${base}/api/documents/${mianyangId}/assignments?format=xlsx`);
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await r.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    const rows = sheetRows(ws);
    const header = rows[2];
    const col = (h: string) => header.indexOf(h) + 1;
    expect(col("任务编号")).toBeGreaterThan(0);
    const rowOf = (path: string) => rows.findIndex((x) => x[col("原文条目") - 1] === path) + 1;
    // Fill in two rows, as a unit would.
    ws.getRow(rowOf("三/(一)/18")).getCell(col("状态")).value = "推进中";
    ws.getRow(rowOf("三/(一)/18")).getCell(col("进展情况")).value = "已对接 2 家投资机构";
    ws.getRow(rowOf("四/21")).getCell(col("状态")).value = "已完成";
    ws.getRow(rowOf("四/21")).getCell(col("完成时间")).value = "2022年6月28日";
    // A row that matches nothing.
    const extra = ws.addRow([]);
    extra.getCell(col("重点任务")).value = "表外新增的任务";
    extra.getCell(col("任务编号")).value = "ffffffffffffffff";
    extra.getCell(col("状态")).value = "推进中";
    const filled = Buffer.from(await wb.xlsx.writeBuffer());

    const before = await allTasks();
    await chineseError(await upload(filled, "filled.xlsx"), 401);
    const res = await upload(filled, "filled.xlsx", ZHANG);
    expect(res.status).toBe(200);
    const out = await res.json();
    expect(out.updated).toBe(2);
    expect(out.unmatched).toEqual([expect.objectContaining({ row: extra.number, key: "ffffffffffffffff", task: "表外新增的任务" })]);
    const after = await allTasks();
    const changed = after.filter((t) => JSON.stringify(t) !== JSON.stringify(before.find((b) => b.id === t.id)));
    expect(changed.map((t) => t.path).sort()).toEqual(["三/(一)/18", "四/21"]);
    expect(after.find((t) => t.path === "三/(一)/18")).toMatchObject({ status: "推进中", note: "已对接 2 家投资机构" });
    expect(after.find((t) => t.path === "四/21")).toMatchObject({ status: "已完成", completedOn: "2022-06-28" });
    const h = (await getJson(`/api/tasks/${after.find((t) => t.path === "四/21")!.id}`)).body.history as History[];
    expect(h).toEqual([expect.objectContaining({ editor: "张三", source: "import", status: "已完成" })]);
    // The same file again changes nothing.
    const again = await (await upload(filled, "filled.xlsx", ZHANG)).json();
    expect(again.updated).toBe(0);

    // The exported table now shows 状态 and 进展.
    const csv = await (await fetch(`${base}/api/documents/${mianyangId}/assignments?format=csv`)).text();
    expect(csv).toContain("已对接 2 家投资机构");
  });

  it("refuses a file that is not a table, unknown columns, an unknown status, an overlong note: nothing changed", async () => {
    const before = JSON.stringify(await allTasks());
    const csv = (await (await fetch(`${base}/api/documents/${mianyangId}/assignments?format=csv`)).text()).replace(/^\ufeff/, "");
    const lines = csv.split("\r\n");
    const header = lines[0].split(",");
    const statusAt = header.indexOf("状态");
    const itemLine = lines.findIndex((l, i) => i > 0 && /^\d+,/.test(l));
    const withStatus = (s: string) => {
      const cells = lines[itemLine].split(",");
      cells[statusAt] = s;
      return [lines[0], cells.join(","), ""].join("\r\n");
    };
    expect(await chineseError(await upload(Buffer.from("%PDF-1.4 not a table"), "x.pdf", ZHANG), 400)).toContain("不是表格");
    expect(await chineseError(await upload(Buffer.from("随便写的一段话\r\n没有表头\r\n"), "x.csv", ZHANG), 400)).toContain("表头");
    expect(await chineseError(await upload(Buffer.from(withStatus("差不多了")), "x.csv", ZHANG), 400)).toContain("未知的状态");
    const unknownColumn = [lines[0] + ",评分", lines[itemLine] + ",5", ""].join("\r\n");
    expect(await chineseError(await upload(Buffer.from(unknownColumn), "x.csv", ZHANG), 400)).toContain("未知的列");
    const cells = lines[itemLine].split(",");
    cells[header.indexOf("进展情况")] = "长".repeat(5000);
    expect(await chineseError(await upload(Buffer.from([lines[0], cells.join(","), ""].join("\r\n")), "x.csv", ZHANG), 400)).toContain("过长");
    expect(await chineseError(await upload(Buffer.from(""), "x.csv", ZHANG), 400)).toContain("不是表格");
    expect(JSON.stringify(await allTasks())).toBe(before);
  });
});

describe("duty lists and calendars", () => {
  it("the 人民银行 duty list equals the unit page's items, grouped by matched unit", async () => {
    const page = (await getJson(`/api/units/${encodeURIComponent("人民银行")}`)).body;
    const pageItems = (page.documents as { document: { title: string }; measures: { path: string }[] }[]).flatMap((d) => d.measures.map((m) => `${d.document.title}|${m.path}`));
    expect(page.units.length).toBeGreaterThan(1);
    const r = await fetch(`${base}/api/units/${encodeURIComponent("人民银行")}/duties?format=xlsx`);
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await r.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const rows = sheetRows(wb.worksheets[0]);
    const header = rows[2];
    const pathAt = header.indexOf("原文条目");
    // Section rows name the matched unit ("…（n 项）") and then the document.
    let doc = "";
    const listed: string[] = [];
    const unitSections: string[] = [];
    for (const row of rows.slice(3)) {
      if (/^\d+$/.test(row[0])) listed.push(`${doc}|${row[pathAt]}`);
      else if (/（\d+ 项）$/.test(row[0])) unitSections.push(row[0]);
      else doc = row[0].replace(/（[^（）]*〔[^）]*）$/, "");
    }
    expect([...listed].sort()).toEqual([...pageItems].sort());
    expect(unitSections.length).toBe(page.units.length);
    // A name that matches nothing: 404 with a message the page can show.
    expect(await chineseError(await fetch(`${base}/api/units/${encodeURIComponent("不存在的单位甲")}/duties?format=csv`), 404)).toContain("没有找到单位");
  });

  it("ICS: a document's table and a unit's subscription, with reminders, bounded repeats, done tasks left out", async () => {
    const doc = await fetch(`${base}/api/documents/${mianyangId}/assignments?format=ics`);
    expect(doc.status).toBe(200);
    const docEvents = Object.values(ical.sync.parseICS(await doc.text())).filter((e) => e?.type === "VEVENT") as ical.VEvent[];
    expect(docEvents.length).toBeGreaterThan(20);
    const sub = await fetch(`${base}/api/units/${encodeURIComponent("市财政局")}/calendar.ics?remind=3`);
    expect(sub.status).toBe(200);
    expect(sub.headers.get("content-type")).toContain("text/calendar");
    const text = (await sub.text()).replace(/\r\n[ \t]/g, "");
    expect(text).toContain("TRIGGER:-P3D");
    expect(text).not.toContain("贴息"); // 二/(二)/5 was marked 已完成 above
    for (const rule of text.match(/^RRULE:.*$/gm) ?? []) expect(rule).toMatch(/UNTIL=\d{8}/);
    const byEnv = await (await fetch(`${base}/api/units/${encodeURIComponent("市财政局")}/calendar.ics`)).text();
    expect(byEnv).toContain("TRIGGER:-P5D"); // ICS_REMIND_DAYS
  });
});

describe("a replaced document keeps its tasks' 督办", () => {
  it("POST ?replace= with a changed version: matched tasks keep status, note and history (old ids answer with the new task); an unmatched one is 已移除 with its history", async () => {
    const first = await findTask("一/1", "科技局");
    const moved = await findTask("二/(一)/2", "人行绵阳市中心支行");
    const dropped = await findTask("二/(一)/3", "市商行");
    expect((await patch(first.id, { status: "推进中", note: "名单已初定" }, ZHANG)).status).toBe(200);
    expect((await patch(moved.id, { status: "已完成", completedOn: "2022-05-01" }, LI)).status).toBe(200);
    expect((await patch(dropped.id, { note: "窗口已设立" }, ZHANG)).status).toBe(200);
    // The new version: measure 1 reworded, measure 3 gone, measure 2 renumbered 3.
    const text = readFileSync(join(CORPUS, "mianyang-2022-jinrong-shitiao.txt"), "utf8");
    const at = (needle: string) => text.lastIndexOf("\n", text.indexOf(needle)) + 1;
    const changed = (text.slice(0, at("3.市商行、市农商行设立")) + text.slice(at("(二)降低科创企业融资成本")))
      .replace("2.人行绵阳市中心支行3年内", "3.人行绵阳市中心支行3年内")
      .replace("建立动态调整机制", "建立动态调整和退出机制");
    const form = new FormData();
    form.append("file", new Blob([changed]), "绵阳实施方案（修订）.txt");
    const up = await fetch(`${base}/api/documents?replace=${mianyangId}`, { method: "POST", body: form, headers: { authorization: `Bearer ${ADMIN}` } });
    expect(up.status).toBe(200);
    const replaced = await up.json();
    expect(replaced.status).toBe("replaced");
    const oldId = mianyangId;
    mianyangId = replaced.id;

    const firstNow = await findTask("一/1", "科技局");
    expect(firstNow.id).not.toBe(first.id);
    expect(firstNow).toMatchObject({ docId: replaced.id, status: "推进中", note: "名单已初定" });
    const movedNow = await findTask("二/(一)/3", "人行绵阳市中心支行");
    expect(movedNow).toMatchObject({ status: "已完成", completedOn: "2022-05-01", light: "灰" });
    // An old id answers with the task it now is, its history whole.
    const viaOld = await getJson(`/api/tasks/${first.id}`);
    expect(viaOld.status).toBe(200);
    expect(viaOld.body).toMatchObject({ movedFrom: first.id, task: { id: firstNow.id, status: "推进中" } });
    expect((viaOld.body.history as History[]).map((h) => [h.editor, h.note])).toEqual([["张三", "名单已初定"]]);
    expect((await getJson(`/api/tasks/${firstNow.id}`)).body.movedFrom).toBeUndefined();
    // The dropped task: 已移除, as it was, with its progress and history.
    const gone = await getJson(`/api/tasks/${dropped.id}?asOf=2022-06-01`);
    expect(gone.status).toBe(200);
    expect(gone.body.removed).toMatchObject({ replacedBy: replaced.id });
    expect(gone.body.task).toMatchObject({ id: dropped.id, docId: oldId, path: "二/(一)/3", unit: "市商行", note: "窗口已设立", light: "灰" });
    expect(gone.body.task.lightReason).toMatch(/^已移除/);
    expect((gone.body.history as History[]).map((h) => [h.editor, h.note])).toEqual([["张三", "窗口已设立"]]);
    expect((await allTasks()).some((t) => t.id === dropped.id)).toBe(false);
    expect(await chineseError(await patch(dropped.id, { status: "已完成" }, ZHANG), 409)).toMatch(/已移除/);
    // The list of removed tasks (the 督办 page's 已移除的任务): the same task as GET gives it, with its history; filters.
    const removedList = await getJson(`/api/tasks/removed?asOf=2022-06-01`);
    expect(removedList.status).toBe(200);
    expect(removedList.body.total).toBe(1);
    expect(removedList.body.tasks).toEqual([gone.body]);
    expect((await getJson(`/api/tasks/removed?doc=${oldId}&unit=${encodeURIComponent("市商行")}`)).body.total).toBe(1);
    expect((await getJson(`/api/tasks/removed?doc=${replaced.id}`)).body).toEqual({ total: 0, tasks: [] });
    expect((await getJson(`/api/tasks/removed?limit=0`)).status).toBe(400);
    // Writes by an old id reach the new task: PATCH, and a table exported before the replacement.
    const byOld = await patch(first.id, { note: "名单已报送" }, LI);
    expect(byOld.status).toBe(200);
    expect((await byOld.json()).task).toMatchObject({ id: firstNow.id, note: "名单已报送" });
    const form2 = new FormData();
    form2.append("file", new Blob([`任务编号,状态,进展情况\n${moved.id},已完成,再贷款额度已下达\n`]), "旧表.csv");
    const imported = await fetch(`${base}/api/tasks/import`, { method: "POST", body: form2, headers: { authorization: `Bearer ${ZHANG}` } });
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({ updated: 1, unmatched: [] });
    expect(await findTask("二/(一)/3", "人行绵阳市中心支行")).toMatchObject({ id: movedNow.id, note: "再贷款额度已下达" });
    expect(((await getJson(`/api/tasks/${movedNow.id}`)).body.history as History[]).map((h) => h.source)).toEqual(["api", "import"]);
  });
});
