// The store on PostgreSQL only (a real server started by the test run, tests/helpers/postgres.ts; skipped
// with the reason printed where the machine has none): the change log, migrations run by two processes
// at once, migrate-store from SQLite, npm start on DATABASE_URL, and refused database URLs.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { spawn, spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openStore, type StoreEngine, type StoreTarget } from "../index/store/engine.ts";
import { MetadataPatch } from "../index/store/overrides.ts";
import { taskId } from "../index/store/tasks.ts";
import { taskSlots } from "../index/store/task-match.ts";
import { PG_SCHEMA_VERSION } from "../index/store/postgres/schema.ts";
import { ingestBuffer } from "../src/documents/ingest.ts";
import { CORPUS, ROOT } from "./helpers/paths.ts";
import { testEngines } from "./helpers/engines.ts";
import { startServer } from "./helpers/server.ts";
import { childScript } from "./helpers/child-store.ts";

const MIANYANG = join(CORPUS, "mianyang-2022-jinrong-shitiao.txt");
const PANZHIHUA = join(CORPUS, "panzhihua-2016-zhishichanquan-zhiya.txt");
const PINGYANG = join(CORPUS, "pingyang-2024-keji-jinrong.txt");

const { server } = await testEngines();

let dir: string;
let target: StoreTarget;
const extra: StoreEngine[] = [];
/** Another connection to the same store (another process's view). */
const another = () => {
  const s = openStore(target);
  extra.push(s);
  return s;
};

describe.skipIf(typeof server === "string")("PostgreSQL only", () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "policy-engines-"));
  });
  afterEach(() => {
    for (const s of extra.splice(0)) s.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const pgServer = server as Exclude<typeof server, string>;

  it("every write appends to the change log in its own transaction; changes() is the log's latest seq", async () => {
    target = { dataDir: join(dir, "data"), databaseUrl: await pgServer.fresh() };
    const s = another();
    expect(s.changes()).toBe(0);
    const bytes = readFileSync(PANZHIHUA);
    const a = await ingestBuffer(s, bytes, "p.txt");
    const b = await ingestBuffer(s, Buffer.concat([bytes, Buffer.from("\n六、附则\n本方案自印发之日起施行。\n")]), "p.txt");
    s.setCorrections(b.id, MetadataPatch.parse({ title: "更正" }), "测试");
    s.deleteDocument(b.id);
    const c = new pg.Client({ connectionString: target.databaseUrl });
    await c.connect();
    const log = (await c.query("SELECT seq::int, doc_id, kind FROM store_changes ORDER BY seq")).rows;
    const versions = (await c.query("SELECT version FROM schema_migrations")).rows;
    await c.end();
    expect(log.map((r) => [r.doc_id, r.kind])).toEqual([
      [a.id, "added"],
      [a.id, "removed"],
      [b.id, "added"],
      [b.id, "corrected"],
      [b.id, "removed"],
    ]);
    expect(s.changes()).toBe(log.at(-1).seq);
    expect(versions).toEqual(Array.from({ length: PG_SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })));
  });

  it("two processes started at once on an empty database migrate it once", async () => {
    target = { dataDir: join(dir, "data"), databaseUrl: await pgServer.fresh() };
    const script = childScript(dir, target, `process.stdout.write(JSON.stringify((s as any).migrated)); s.close();`);
    const runOne = () =>
      new Promise<string>((resolve, reject) => {
        const p = spawn(process.execPath, ["--import", "tsx", script], { cwd: ROOT });
        let out = "";
        let err = "";
        p.stdout.on("data", (d) => (out += d));
        p.stderr.on("data", (d) => (err += d));
        p.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(err))));
      });
    const results = (await Promise.all([runOne(), runOne()])).map((o) => JSON.parse(o) as number[]).sort((x, y) => y.length - x.length);
    expect(results).toEqual([Array.from({ length: PG_SCHEMA_VERSION }, (_, i) => i + 1), []]);
    expect(another().documentCount()).toBe(0);
  });

  it("cli migrate-store copies a SQLite library (documents, files, corrections, tasks, history) and a second run copies nothing", async () => {
    const data = join(dir, "sqlite");
    const url = await pgServer.fresh();
    const lite = openStore({ dataDir: data });
    const m = await ingestBuffer(lite, readFileSync(MIANYANG), "corpus/m.txt");
    await ingestBuffer(lite, readFileSync(PANZHIHUA), "corpus/p.txt");
    lite.setCorrections(m.id, MetadataPatch.parse({ region: { province: "山东省", city: "济南市" } }), "测试");
    const measure = lite.measuresOf(m.id)[0];
    const task = { id: taskId(m.id, measure.path, "市金融工作局"), docId: m.id, measureId: measure.id, unit: "市金融工作局" };
    lite.tasks().apply([{ task, status: "推进中", note: "已启动" }], "张三", "api");
    lite.tasks().apply([{ task, status: "已完成", completedOn: "2024-02-01" }], "李四", "import");
    // A task of a document deleted since: kept as removed, and copied so.
    const p = await ingestBuffer(lite, readFileSync(PINGYANG), "corpus/y.txt");
    const [slot] = taskSlots(p.id, lite.measuresOf(p.id));
    const gone = { id: slot.id, docId: p.id, measureId: slot.measure.id, unit: slot.unit };
    lite.tasks().apply([{ task: gone, note: "已部署" }], "张三", "api");
    lite.deleteDocument(p.id);
    expect(lite.tasks().removed(gone.id)).toMatchObject({ replacedBy: null, doc: { id: p.id } });
    const cli = () => spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "migrate-store", "--from", data, "--to", url], { cwd: ROOT, encoding: "utf8" });
    const first = cli();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain("已搬迁到 PostgreSQL：文件 2 个（原文件 2 个，更正 1 项");
    expect(first.stdout).toContain("督办任务 2 项（修改记录 3 条）");
    target = { dataDir: data, databaseUrl: url };
    const moved = another();
    expect(moved.snapshot()).toBe(lite.snapshot());
    for (const d of lite.listDocuments()) {
      expect(moved.getDocument(d.id)).toEqual(lite.getDocument(d.id));
      expect(moved.originalFile(d.id)).toEqual(lite.originalFile(d.id));
    }
    expect(moved.findDocuments({ province: "山东省" }).documents.map((d) => d.id)).toEqual([m.id]);
    expect(moved.tasks().get(task.id)).toEqual(lite.tasks().get(task.id));
    expect(moved.tasks().history(task.id)).toEqual(lite.tasks().history(task.id));
    expect(moved.tasks().removed(gone.id)).toEqual(lite.tasks().removed(gone.id));
    const changes = moved.changes();
    const again = cli();
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain("文件 0 个");
    expect(again.stdout).toContain("已存在而跳过 2 个");
    expect(again.stdout).toContain("督办任务 0 项（修改记录 0 条），已存在而跳过 2 项");
    expect(moved.changes()).toBe(changes);
    lite.close();
    const bad = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", "migrate-store", "--from", join(dir, "nothing"), "--to", url], { cwd: ROOT, encoding: "utf8" });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("没有数据库文件 policy.db");
  });

  it("npm start on DATABASE_URL keeps the library in PostgreSQL; search, exports and comparison (worker threads) read it", async () => {
    const url = await pgServer.fresh();
    const srv = await startServer({ DATABASE_URL: url });
    try {
      const get = async (path: string) => {
        for (let i = 0; i < 600; i++) {
          const r = await fetch(`${srv.base}${path}`);
          if (r.status !== 503) return r;
          await new Promise((ok) => setTimeout(ok, 200));
        }
        throw new Error(`${path}: still 503\n${srv.output()}`);
      };
      const search = (await (await get(`/api/search?q=${encodeURIComponent("风险补偿")}&limit=5`)).json()) as { total: number; hits: { measure: { id: string } }[] };
      expect(search.total).toBeGreaterThan(0);
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const n = (await c.query("SELECT count(*)::int AS n FROM documents")).rows[0].n;
      await c.end();
      expect(n).toBe(5);
      const measureId = search.hits[0].measure.id;
      const docId = measureId.split(":")[0];
      const csv = await get(`/api/documents/${docId}/assignments?format=csv`);
      expect(csv.status).toBe(200);
      expect(await csv.text()).toContain("牵头单位");
      const similar = await get(`/api/measures/${encodeURIComponent(measureId)}/similar`);
      expect(similar.status, await similar.clone().text()).toBe(200);
    } finally {
      srv.stop();
    }
  });

  it("a database URL that is not PostgreSQL, or a server that is not there, is refused in Chinese", () => {
    expect(() => openStore({ dataDir: dir, databaseUrl: "mysql://x" })).toThrow(/DATABASE_URL 无效/);
    expect(() => openStore({ dataDir: dir, databaseUrl: "postgres://postgres@127.0.0.1:1/x" })).toThrow(/无法连接数据库/);
  });
});
