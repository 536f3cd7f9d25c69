// The store's suite on both engines (issue 19): the embedded SQLite file and a real PostgreSQL started
// by the test run (tests/helpers/postgres.ts; skipped with the reason printed where the machine has none).
// Same guarantees on both: one document in one transaction, same content changes nothing, a failed or
// killed write leaves the store as it was; corrections, deletion, finding, original files, OCR quality,
// tasks (carried over to a changed version), upload jobs and the search index read the same. PostgreSQL
// only (the change log, migrations, the PostgreSQL deployment): store-postgres.test.ts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type StoreEngine, type StoreTarget } from "../index/store/engine.ts";
import { MetadataPatch } from "../index/store/overrides.ts";
import { taskId } from "../index/store/tasks.ts";
import { collectFiles, emptyReport, ingestBuffer, ingestFile } from "../src/documents/ingest.ts";
import { StoreSearchIndex } from "../src/search/adapter.ts";
import { SearchQuery } from "../index/schema.ts";
import { CORPUS, ROOT } from "./helpers/paths.ts";
import { extractFile } from "./helpers/extract.ts";
import { testEngines } from "./helpers/engines.ts";
import { childScript } from "./helpers/child-store.ts";

const MIANYANG = join(CORPUS, "mianyang-2022-jinrong-shitiao.txt");
const PANZHIHUA = join(CORPUS, "panzhihua-2016-zhishichanquan-zhiya.txt");
const SHANXI = join(CORPUS, "shanxi-2018-keji-jinrong.txt");
const PINGYANG = join(CORPUS, "pingyang-2024-keji-jinrong.txt");

const { engines } = await testEngines();

let dir: string;
let target: StoreTarget;
let store: StoreEngine;
const extra: StoreEngine[] = [];
/** Another connection to the same store (another process's view). */
const another = () => {
  const s = openStore(target);
  extra.push(s);
  return s;
};
const canonicalOf = (s: StoreEngine, id: string, name: string) => [...new Set(s.measuresOf(id).flatMap((m) => m.units.filter((u) => u.name === name).map((u) => u.canonical)))];


describe.each(engines)("store on $name", (engine) => {
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "policy-engines-"));
    target = await engine.target(dir);
    store = openStore(target);
  });
  afterEach(() => {
    for (const s of extra.splice(0)) s.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("holds documents, both texts, parts and measures; the search index reads them", async () => {
    const report = emptyReport();
    for (const f of collectFiles([CORPUS]).files) await ingestFile(store, f, report);
    expect(report.added.length).toBe(5);
    expect(store.documentCount()).toBe(5);
    const mianyang = store.listDocuments().find((d) => d.title?.startsWith("金融支持科创企业"))!;
    expect(mianyang.measureCount).toBe(29);
    const full = store.getDocument(mianyang.id)!;
    expect(full.measures[0].path).toBe("一/1");
    expect(full.parts.outline.length).toBeGreaterThan(29);
    expect(store.getTexts(mianyang.id)!.original).toContain("浏览次数");
    expect(store.getTexts(mianyang.id)!.repaired).not.toContain("浏览次数");
    expect(store.getMeasure(`${mianyang.id}:五/29`)?.title).toContain("修订完善人才金融政策");
    expect(store.getMeasures([`${mianyang.id}:五/29`, "nope", `${mianyang.id}:一/1`]).map((m) => m?.path ?? null)).toEqual(["五/29", null, "一/1"]);
    expect(store.measureIdsContaining(["修订完善人才金融政策"])).toEqual([`${mianyang.id}:五/29`]);
    expect(store.documentIds()).toEqual(store.listDocuments().map((d) => d.id).sort());
    expect(store.unitNames().has("市金融工作局")).toBe(true);
    const original = store.originalFile(mianyang.id)!;
    expect(original.bytes.equals(readFileSync(MIANYANG))).toBe(true);
    expect(original.contentType).toBe("text/plain");

    const idx = StoreSearchIndex.open(store);
    const hits = idx.search(SearchQuery.parse({ q: "人才金融" }));
    expect(hits.total).toBeGreaterThan(0);
    expect(idx.behind()).toBe(false);
  });

  it("the same content again changes nothing (not even the change counter); from elsewhere it is a duplicate", async () => {
    await ingestBuffer(store, readFileSync(SHANXI), "corpus/s.txt");
    const before = store.snapshot();
    const changes = store.changes();
    expect((await ingestBuffer(store, readFileSync(SHANXI), "corpus/s.txt")).status).toBe("unchanged");
    expect((await ingestBuffer(store, readFileSync(SHANXI), "other/copy.txt")).status).toBe("duplicate");
    expect(store.snapshot()).toBe(before);
    expect(store.changes()).toBe(changes);
  });

  it("a changed file replaces its old version; an upload under a taken name gets a variant; an explicit replace", async () => {
    const text = readFileSync(PINGYANG, "utf8");
    const old = await ingestBuffer(store, Buffer.from(text), "plan.txt");
    const r = await ingestBuffer(store, Buffer.from(text.replace("科创类贷款新增50亿元", "科创类贷款新增60亿元")), "plan.txt");
    expect(r.status).toBe("replaced");
    expect(store.getDocument(old.id)).toBeNull();
    expect(store.getMeasure(`${old.id}:一`)).toBeNull();
    expect(store.originalFile(old.id)).toBeNull();
    expect(store.getDocument(r.id)!.measures[0].text).toContain("60亿元");
    const v = await ingestBuffer(store, Buffer.from(text.replace("50亿元", "70亿元")), "plan.txt", "new");
    expect(v).toMatchObject({ status: "added", source: "plan (2).txt" });
    const x = await ingestBuffer(store, readFileSync(SHANXI), "shanxi.txt", { replace: v.id });
    expect(x.status).toBe("replaced");
    expect(store.getDocument(v.id)).toBeNull();
    await expect(ingestBuffer(store, readFileSync(PANZHIHUA), "p.txt", { replace: "0123456789abcdef" })).rejects.toThrow(/没有编号为 0123456789abcdef 的文件/);
    expect(store.documentCount()).toBe(2);
    // Replacing one document by the content of another stored one is refused: both stay (it answered "unchanged"
    // with the other's id, nothing replaced); a missing document to replace is still "not found"; itself again is unchanged.
    await expect(ingestBuffer(store, readFileSync(SHANXI), "shanxi.txt", { replace: r.id })).rejects.toMatchObject({ code: "same-content", reason: expect.stringContaining(`相同，未替换 ${r.id}`) });
    await expect(ingestBuffer(store, readFileSync(SHANXI), "shanxi.txt", { replace: "0123456789abcdef" })).rejects.toMatchObject({ code: "not-found" });
    expect(store.getDocument(r.id)).not.toBeNull();
    expect(store.getDocument(x.id)).not.toBeNull();
    expect((await ingestBuffer(store, readFileSync(SHANXI), "shanxi.txt", { replace: x.id })).status).toBe("unchanged");
    expect(store.documentCount()).toBe(2);
  });

  it("a failure inside the write leaves the store as it was (document, file, corrections, change counter)", async () => {
    await ingestBuffer(store, readFileSync(SHANXI), "corpus/s.txt");
    const before = store.snapshot();
    const changes = store.changes();
    const doc = await extractFile(MIANYANG);
    expect(() =>
      store.ingest(doc, {
        corrections: { patch: MetadataPatch.parse({ title: "不应留下" }), by: "测试" },
        file: { bytes: readFileSync(MIANYANG), name: "m.txt" },
        beforeCommit: () => {
          throw new Error("崩溃");
        },
      }),
    ).toThrow("崩溃");
    expect(store.snapshot()).toBe(before);
    expect(store.changes()).toBe(changes);
    expect(store.correctionsOf(doc.document.id)).toBeNull();
    expect(store.originalFile(doc.document.id)).toBeNull();
    // The connection is usable after the rollback.
    expect(store.ingest(doc).status).toBe("added");
  });

  it("a process killed (kill -9) in the middle of an ingest leaves no partial document", async () => {
    await ingestBuffer(store, readFileSync(SHANXI), "corpus/s.txt");
    const before = store.snapshot();
    const child = spawnSync(process.execPath, ["--import", "tsx", childScript(dir, target, `s.ingest(doc, () => process.kill(process.pid, "SIGKILL"));`)], { cwd: ROOT, encoding: "utf8" });
    expect(child.signal, child.stderr).toBe("SIGKILL");
    const after = another();
    expect(after.snapshot()).toBe(before);
    expect(after.documentCount()).toBe(1);
    // The store takes writes afterwards (no lock or transaction left behind).
    expect((await ingestBuffer(after, readFileSync(MIANYANG), "m.txt")).status).toBe("added");
  });

  it("keeps its data across a reopen, and another connection sees every write", async () => {
    const a = await ingestBuffer(store, readFileSync(SHANXI), "corpus/s.txt");
    const other = another();
    expect(other.getDocument(a.id)?.measures.length).toBe(store.getDocument(a.id)!.measures.length);
    const c0 = store.changes()!;
    other.deleteDocument(a.id);
    expect(store.changes()).toBeGreaterThan(c0);
    expect(store.documentCount()).toBe(0);
    store.close();
    store = openStore(target);
    expect(store.documentCount()).toBe(0);
  });

  it("corrections are kept by content across re-ingest and replacement, re-qualify the units, and are found", async () => {
    const bytes = readFileSync(PANZHIHUA);
    const a = await ingestBuffer(store, bytes, "corpus/p.txt");
    expect(canonicalOf(store, a.id, "市财政局")).toEqual(["攀枝花市财政局"]);
    const c0 = store.changes()!;
    store.setCorrections(a.id, MetadataPatch.parse({ region: { province: "山东省", city: "济南市" }, docNumber: "济办发〔2016〕9号" }), "测试");
    expect(store.changes()).toBeGreaterThan(c0);
    expect(canonicalOf(store, a.id, "市财政局")).toEqual(["济南市财政局"]);
    expect(store.findByDocNumber("济办发[2016]9号").map((d) => d.id)).toEqual([a.id]);
    expect(store.findByDocNumber("攀办发〔2016〕22号")).toEqual([]);
    expect((await ingestBuffer(store, bytes, "corpus/p.txt")).status).toBe("unchanged");
    const b = await ingestBuffer(store, Buffer.concat([bytes, Buffer.from("\n六、附则\n本方案自印发之日起施行。\n")]), "corpus/p.txt");
    expect(b.status).toBe("replaced");
    expect(store.getDocument(b.id)!.region.city).toBe("攀枝花市");
    expect(await ingestBuffer(store, bytes, "corpus/p.txt")).toMatchObject({ status: "replaced", id: a.id });
    const doc = store.getDocument(a.id)!;
    expect(doc.region).toEqual({ province: "山东省", city: "济南市", county: null });
    expect(doc.extracted.region).toEqual({ province: "四川省", city: "攀枝花市", county: null });
    expect(doc.corrections).toMatchObject({ fields: ["docNumber", "region"], updatedBy: "测试" });
    expect(canonicalOf(store, a.id, "市财政局")).toEqual(["济南市财政局"]);
    store.setCorrections(a.id, MetadataPatch.parse({ region: null }), "测试");
    expect(canonicalOf(store, a.id, "市财政局")).toEqual(["攀枝花市财政局"]);
    store.setCorrections(a.id, MetadataPatch.parse({ docNumber: null }), "测试");
    expect(store.getDocument(a.id)!.corrections).toBeNull();
    expect(store.getDocument(a.id)!.docNumber).toBe("攀办发〔2016〕22号");
    expect(() => store.setCorrections("0123456789abcdef", MetadataPatch.parse({ title: "x" }), "测试")).toThrow(/没有编号为 0123456789abcdef 的文件/);
  });

  it("deleting removes a document with its measures, file and corrections; finding sorts, filters and counts", async () => {
    const m = await ingestBuffer(store, readFileSync(MIANYANG), "corpus/m.txt");
    const p = await ingestBuffer(store, readFileSync(PANZHIHUA), "corpus/p.txt");
    expect(store.findDocuments({ q: "攀办发 ( 2016 ) 22 号" }).documents.map((d) => d.id)).toEqual([p.id]);
    expect(store.findDocuments({ q: "攀枝花市人民政府办公室" }).documents.map((d) => d.id)).toEqual([p.id]);
    expect(store.findDocuments({ q: "十条措施（试行）实施方案" }).documents.map((d) => d.id)).toEqual([m.id]);
    // The file name (the library lists an untitled document by it), in any case; not the folders above it.
    expect(store.findDocuments({ q: "P.TXT" }).documents.map((d) => d.id)).toEqual([p.id]);
    expect(store.findDocuments({ q: "corpus" }).total).toBe(0);
    expect(store.findDocuments({ sort: "date" }).documents.map((d) => d.id)).toEqual([m.id, p.id]);
    expect(store.findDocuments({ sort: "date-asc" }).documents.map((d) => d.id)).toEqual([p.id, m.id]);
    expect(store.findDocuments({ sort: "title" }).documents.map((d) => d.title)).toEqual(store.listDocuments().map((d) => d.title).sort());
    store.setCorrections(m.id, MetadataPatch.parse({ issuedDate: "2010-01-01", issuer: "某某局" }), "测试");
    expect(store.findDocuments({ sort: "date" }).documents.map((d) => d.id)).toEqual([p.id, m.id]);
    expect(store.findDocuments({ issuer: "某某局" })).toMatchObject({ total: 1, documents: [{ id: m.id, corrected: true }] });
    expect(store.findDocuments({ to: "2015-12-31" }).documents.map((d) => d.id)).toEqual([m.id]);
    expect(store.findDocuments({ province: "四川省", limit: 1, offset: 1 })).toMatchObject({ total: 2, documents: [{ id: m.id }] });
    expect(store.findDocuments({ limit: 1 }, (d) => d.id === m.id)).toMatchObject({ total: 1, documents: [{ id: m.id }] });

    expect(store.deleteDocument(m.id)).toBe(true);
    expect(store.getDocument(m.id)).toBeNull();
    expect(store.measuresOf(m.id)).toEqual([]);
    expect(store.originalFile(m.id)).toBeNull();
    expect(store.correctionsOf(m.id)).toBeNull();
    expect(store.getDocument(p.id)).not.toBeNull();
    expect(store.deleteDocument(m.id)).toBe(false);
  });

  it("keeps OCR quality with its document, written in the ingest's transaction", async () => {
    const doc = await extractFile(SHANXI);
    doc.ocr = { pages: [1], confidences: [0.91], meanConfidence: 0.91, lowLines: [{ page: 1, text: "模糊的一行", confidence: 0.5 }], sourceFormat: "pdf" };
    expect(() => store.ingest(doc, { ...store.ocrQualityWrite(doc), file: { bytes: Buffer.from("x"), name: "s.pdf" } })).not.toThrow();
    expect(store.ocrQuality(doc.document.id)).toEqual(doc.ocr);
    expect(store.ocrQuality("0123456789abcdef")).toBeNull();
    store.deleteDocument(doc.document.id);
    expect(store.ocrQuality(doc.document.id)).toBeNull();
  });

  it("task progress and history: a batch is all or nothing, the history keeps every change in order", async () => {
    const m = await ingestBuffer(store, readFileSync(MIANYANG), "corpus/m.txt");
    const measure = store.measuresOf(m.id)[0];
    const task = { id: taskId(m.id, measure.path, "市金融工作局"), docId: m.id, measureId: measure.id, unit: "市金融工作局" };
    const tasks = store.tasks();
    expect(tasks.get(task.id)).toBeNull();
    const [p] = tasks.apply([{ task, status: "推进中", note: "已启动" }], "张三", "api", new Date("2024-01-02T03:04:05Z"));
    expect(p).toMatchObject({ id: task.id, status: "推进中", note: "已启动", completedOn: null, updatedBy: "张三", updatedAt: "2024-01-02T03:04:05.000Z" });
    tasks.apply([{ task, completedOn: "2024-02-01", status: "已完成" }], "李四", "import");
    expect(tasks.get(task.id)).toMatchObject({ status: "已完成", completedOn: "2024-02-01", note: "已启动", updatedBy: "李四" });
    expect(tasks.history(task.id).map((h) => [h.editor, h.status, h.source])).toEqual([["张三", "推进中", "api"], ["李四", "已完成", "import"]]);
    const snap = tasks.snapshot();
    const other = { ...task, id: taskId(m.id, measure.path, "市财政局"), unit: "市财政局" };
    expect(() => tasks.apply([{ task: other, status: "推进中" }, { task, note: "x".repeat(2001) }], "王五", "import")).toThrow(/进展情况过长/);
    expect(tasks.snapshot()).toBe(snap);
    expect([...another().tasks().all().keys()]).toEqual([task.id]);
  });

  it("a changed version keeps its tasks' progress: same path and similar text, the same text moved; an unmatched task is kept as removed", async () => {
    const text = readFileSync(MIANYANG, "utf8");
    const old = await ingestBuffer(store, Buffer.from(text), "corpus/m.txt");
    const oldTask = (path: string, unit: string) => ({ id: taskId(old.id, path, unit), docId: old.id, measureId: `${old.id}:${path}`, unit });
    const first = oldTask("一/1", "绵阳市科技局");
    const moved = oldTask("二/(一)/2", "人行绵阳市中心支行");
    const dropped = oldTask("二/(一)/3", "绵阳市商行");
    const tasks = store.tasks();
    tasks.apply([{ task: first, status: "推进中", note: "名单已初定" }, { task: moved, status: "已完成", completedOn: "2022-05-01" }], "张三", "api");
    tasks.apply([{ task: dropped, note: "窗口已设立" }, { task: first, note: "名单已报送" }], "李四", "import");
    // The new version: measure 1 reworded, measure 3 gone and measure 2 renumbered 3.
    const at = (needle: string) => text.lastIndexOf("\n", text.indexOf(needle)) + 1;
    const changed = (text.slice(0, at("3.市商行、市农商行设立")) + text.slice(at("(二)降低科创企业融资成本")))
      .replace("2.人行绵阳市中心支行3年内", "3.人行绵阳市中心支行3年内")
      .replace("建立动态调整机制", "建立动态调整和退出机制");
    const next = await ingestBuffer(store, Buffer.from(changed), "corpus/m.txt");
    expect(next.status).toBe("replaced");
    const firstNow = taskId(next.id, "一/1", "绵阳市科技局");
    const movedNow = taskId(next.id, "二/(一)/3", "人行绵阳市中心支行");
    const view = another().tasks();
    expect(view.get(firstNow)).toMatchObject({ docId: next.id, measureId: `${next.id}:一/1`, status: "推进中", note: "名单已报送", updatedBy: "李四" });
    expect(view.history(firstNow).map((h) => [h.editor, h.note])).toEqual([["张三", "名单已初定"], ["李四", "名单已报送"]]);
    expect(view.get(movedNow)).toMatchObject({ status: "已完成", completedOn: "2022-05-01", measureId: `${next.id}:二/(一)/3` });
    expect(view.history(movedNow)).toHaveLength(1);
    expect([view.movedTo(first.id), view.movedTo(moved.id), view.movedTo(dropped.id)]).toEqual([firstNow, movedNow, null]);
    expect(view.get(first.id)).toBeNull();
    expect(view.history(first.id)).toEqual([]);
    // The dropped task: its progress and history stay under its id, recorded as removed with its measure as it was.
    expect(view.get(dropped.id)).toMatchObject({ note: "窗口已设立", docId: old.id });
    expect(view.history(dropped.id).map((h) => h.note)).toEqual(["窗口已设立"]);
    const removed = view.removed(dropped.id)!;
    expect(removed).toMatchObject({ id: dropped.id, unit: "绵阳市商行", replacedBy: next.id, doc: { id: old.id, source: "corpus/m.txt" }, measure: { path: "二/(一)/3" } });
    expect(removed.measure.text).toContain("央行科创贷");
    expect(view.removed(firstNow)).toBeNull();
    // A further version: the ids that moved once point to the newest task; deleting the document keeps every task as removed.
    const third = await ingestBuffer(store, Buffer.from(changed.replace("全年推进", "全年持续推进")), "corpus/m.txt");
    const movedThird = taskId(third.id, "二/(一)/3", "人行绵阳市中心支行");
    expect([view.movedTo(moved.id), view.movedTo(movedNow)]).toEqual([movedThird, movedThird]);
    expect(view.history(movedThird)).toHaveLength(1);
    expect(store.deleteDocument(third.id)).toBe(true);
    expect(view.removed(movedThird)).toMatchObject({ replacedBy: null, doc: { id: third.id } });
    expect(view.get(movedThird)?.status).toBe("已完成");
  });

  it("upload jobs: progress, a cancel request from another connection, the end, a restart's running jobs, purge", async () => {
    const jobs = store.jobs();
    const t0 = new Date("2024-03-01T00:00:00Z");
    const a = jobs.create({ id: "00000000-0000-0000-0000-00000000000a", file: "扫描件.pdf", replica: "r1" }, t0);
    expect(a).toMatchObject({ state: "running", page: 0, pages: 0, replica: "r1", cancelRequested: false, finishedAt: null, createdAt: t0.toISOString() });
    expect(jobs.progress(a.id, 3, 37)).toMatchObject({ page: 3, pages: 37, cancelRequested: false });
    const elsewhere = another().jobs();
    expect(elsewhere.get(a.id)).toMatchObject({ page: 3, pages: 37, state: "running" });
    expect(elsewhere.requestCancel(a.id)?.cancelRequested).toBe(true);
    // The running replica learns of it with its next progress write (or read).
    expect(jobs.progress(a.id, 4, 37)?.cancelRequested).toBe(true);
    expect(jobs.finish(a.id, { state: "cancelled" })).toMatchObject({ state: "cancelled", page: 4 });
    // An ended job keeps its end.
    expect(jobs.finish(a.id, { state: "done", documentId: "0123456789abcdef", status: "added" })).toBeNull();
    expect(jobs.requestCancel(a.id)).toBeNull();
    expect(jobs.progress(a.id, 5, 37)).toBeNull();
    const b = jobs.create({ id: "00000000-0000-0000-0000-00000000000b", file: "b.txt", replica: "r1" });
    const c = jobs.create({ id: "00000000-0000-0000-0000-00000000000c", file: "c.png", replica: "r2" });
    expect(jobs.finish(b.id, { state: "done", documentId: "0123456789abcdef", status: "added" })).toMatchObject({ state: "done", documentId: "0123456789abcdef", status: "added", error: null });
    const d = jobs.create({ id: "00000000-0000-0000-0000-00000000000d", file: "d.pdf", replica: "r1" });
    expect(jobs.running("r1").map((j) => j.id)).toEqual([d.id]);
    expect(jobs.running("r2").map((j) => j.id)).toEqual([c.id]);
    expect(jobs.finish(d.id, { state: "failed", error: "d.pdf：服务重启，识别中断，请重新上传" })?.error).toBe("d.pdf：服务重启，识别中断，请重新上传");
    // Purge: jobs ended before the cut are gone; running ones stay whatever their age.
    jobs.finish(a.id, { state: "failed", error: "x" });
    expect(jobs.purge(new Date(Date.now() + 1000))).toBe(3);
    expect(elsewhere.get(a.id)).toBeNull();
    expect(elsewhere.get(c.id)?.state).toBe("running");
    expect(jobs.purge(new Date(Date.now() + 1000))).toBe(0);
  });

  it("the search index follows a correction made by another connection", async () => {
    const m = await ingestBuffer(store, readFileSync(MIANYANG), "corpus/m.txt");
    const idx = StoreSearchIndex.open(store);
    const provinces = () => idx.search(SearchQuery.parse({ q: "", doc: m.id })).facets.province.map((f) => f.value);
    expect(provinces()).toEqual(["四川省"]);
    another().setCorrections(m.id, MetadataPatch.parse({ region: { province: "山东省", city: "济南市" } }), "命令行");
    expect(idx.behind()).toBe(true);
    expect(idx.refresh()).toBe(true);
    expect(provinces()).toEqual(["山东省"]);
    expect(idx.index.unitsMatching("金融工作局", 50).map((u) => u.name)).toContain("济南市金融工作局");
  });
});
