// The replica that takes a write applies just the documents it wrote (src/search/own-writes.ts), on SQLite and on
// a real PostgreSQL started by this file (skipped with the reason printed where the machine has none): real
// service processes on 127.0.0.1, real documents; answers equal those of an index built from the store.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CORPUS_EXTRA, ROOT } from "./helpers/paths.ts";
import { findPostgres, startPostgres, type RunningPostgres } from "./helpers/postgres.ts";
import { docHits, serveOn, stopAll, TOKEN, uploadFile, within } from "./helpers/service-process.ts";

const EXTRA = readdirSync(CORPUS_EXTRA).filter((f) => f.endsWith(".txt")).sort().map((f) => join(CORPUS_EXTRA, f));
const bin = findPostgres();
if (typeof bin === "string") process.stdout.write(`replicas-writer.test.ts: PostgreSQL part skipped: ${bin}\n`);

afterEach(stopAll);
/** One replica: the service on its own data directory (its index snapshot) and the shared database. */
const service = (env: Record<string, string>, dataDir: string) => serveOn(dataDir, env);

describe.each([
  { engine: "SQLite", pg: false },
  ...(typeof bin === "string" ? [] : [{ engine: "PostgreSQL", pg: true }]),
])("the writer replica on $engine applies only what it wrote", ({ pg: usePg }) => {
  let db: RunningPostgres | null = null;
  let work: string;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "policy-writer-"));
    if (usePg) db = await startPostgres(bin as Exclude<typeof bin, string>);
  }, 120000);
  afterAll(async () => {
    await db?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("upload, replacement, correction and deletion read only the written documents; same answers as a rebuilt index", { timeout: 600000 }, async () => {
    const shared = join(work, "a");
    const env: Record<string, string> = usePg ? { DATABASE_URL: db!.url, REPLICA_TRACE: "1" } : { REPLICA_TRACE: "1" };
    const a = await service(env, shared);
    const auth = { authorization: `Bearer ${TOKEN}` };
    const ok = async (r: Promise<Response>) => {
      const res = await r;
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(200);
      return body;
    };
    const only = (n: number) => new RegExp(`写入后更新索引：只读所写的文件 ${n} 个`, "g");
    const lines = () => a.output().split("\n").filter((l) => l.startsWith("写入后更新索引"));

    // An upload: in A's own index at once, read alone.
    const first = (await ok(uploadFile(a.base, EXTRA[13]))).id as string;
    expect(await docHits(a.base, first)).toBeGreaterThan(0);
    expect(lines().at(-1)).toMatch(only(1));
    // A replacement: the new version in, the old one out; the two documents read.
    const form = new FormData();
    form.append("file", new Blob([readFileSync(EXTRA[14])]), EXTRA[14].split("/").pop()!);
    const next = (await ok(fetch(`${a.base}/api/documents?replace=${first}`, { method: "POST", body: form, headers: auth }))).id as string;
    expect([await docHits(a.base, next) > 0, await docHits(a.base, first)]).toEqual([true, 0]);
    expect(lines().at(-1)).toMatch(only(2));
    // A correction: the new title and place in A's filters at once.
    const title = "写入副本测试：更正后的标题";
    await ok(fetch(`${a.base}/api/documents/${next}`, { method: "PATCH", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ title, region: { province: "云南省", city: "昆明市" } }) }));
    const corrected = (await (await fetch(`${a.base}/api/search?doc=${next}&province=${encodeURIComponent("云南省")}&limit=1`)).json()) as { total: number; hits: { document: { title: string } }[] };
    expect(corrected.total).toBeGreaterThan(0);
    expect(corrected.hits[0].document.title).toBe(title);
    expect(lines().at(-1)).toMatch(only(1));
    // Another process writes (the CLI on the same directory; another replica on the database), then A uploads: A has both.
    let other: string;
    if (usePg) {
      const b = await service({ DATABASE_URL: db!.url }, join(work, "b"));
      other = (await ok(uploadFile(b.base, EXTRA[15]))).id as string;
      await b.stop();
    } else {
      // Not spawnSync: a test blocked for seconds would reuse a keep-alive connection the service has closed meanwhile.
      await promisify(execFile)(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), "ingest", EXTRA[15]], { cwd: ROOT, env: { ...process.env, DATA_DIR: shared } });
      other = (await (await fetch(`${a.base}/api/documents?limit=100`)).json()).documents.find((d: { source: string }) => d.source.endsWith(EXTRA[15].split("/").pop()!))?.id;
      expect(other).toBeTruthy();
    }
    const third = (await ok(uploadFile(a.base, EXTRA[16]))).id as string;
    expect([await docHits(a.base, third) > 0, await docHits(a.base, other) > 0]).toEqual([true, true]);
    // A deletion.
    await ok(fetch(`${a.base}/api/documents/${third}`, { method: "DELETE", headers: auth }));
    expect(await docHits(a.base, third)).toBe(0);
    expect(lines().at(-1)).toMatch(only(1));
    // No write of A checked every document but for a reason it names.
    for (const l of lines()) expect(l).toMatch(/只读所写的文件|全部核对（(其他进程写入了数据库|索引位置与写入前不同)）/);

    // Same answers as an index built from the store alone.
    const queries = ["科技", "金融", "人才", "数字经济", "人工智能", title.slice(0, 6)].map((q) => `q=${encodeURIComponent(q)}&limit=20`);
    queries.push(`doc=${next}&limit=50`, `doc=${other}&limit=50`, `province=${encodeURIComponent("云南省")}&limit=50`);
    const answers = async (base: string) => Promise.all(queries.map(async (q) => {
      const r = (await (await fetch(`${base}/api/search?${q}`)).json()) as { total: number; hits: { score: number; measure: { id: string } }[] };
      return { q, total: r.total, hits: r.hits.map((h) => ({ id: h.measure.id, score: h.score.toFixed(4) })) };
    }));
    // Hits tied with the page's last score may be cut at the page's end in either order: compared above that score.
    const same = (x: Awaited<ReturnType<typeof answers>>, y: Awaited<ReturnType<typeof answers>>) =>
      x.forEach((ax, i) => {
        const ay = y[i];
        expect([ay.q, ay.total]).toEqual([ax.q, ax.total]);
        const last = ax.hits.length === 0 ? "" : ax.hits.at(-1)!.score;
        const above = (h: { score: string }) => ax.hits.length >= ax.total || Number(h.score) > Number(last);
        const key = (hs: { id: string; score: string }[]) => hs.filter(above).map((h) => `${h.score} ${h.id}`).sort();
        expect(key(ay.hits), ax.q).toEqual(key(ax.hits));
        expect(ay.hits.map((h) => h.score), ax.q).toEqual(ax.hits.map((h) => h.score));
      });
    const mine = await answers(a.base);
    await a.stop();
    // SQLite: the same directory without A's saved index; PostgreSQL: a replica of its own directory.
    if (!usePg) rmSync(join(shared, "index"), { recursive: true, force: true });
    const fresh = await service(usePg ? { DATABASE_URL: db!.url } : {}, usePg ? join(work, "c") : shared);
    expect(await within(120000, async () => (await fetch(`${fresh.base}/api/search?q=${encodeURIComponent("科技")}`)).status === 200, 200)).not.toBeNull(); // its index ready
    same(mine, await answers(fresh.base));
  });
});
