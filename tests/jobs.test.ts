// Upload jobs held in the store (issue 19 item 1), on real services: two `npm start` replicas (A and B) on one
// store, each with its REPLICA_ID: one SQLite data directory, then one PostgreSQL database (a throwaway server,
// tests/helpers/postgres.ts; skipped with the reason printed where the machine has none). A job accepted by A is seen on B, a
// DELETE on B stops A's reading (the cancel request in the job's row; A stopped meanwhile carries it out when it
// runs again), A killed mid-reading and started again marks its interrupted job failed, and A killed and never
// started again leaves a job whose heartbeat stops: B marks it failed in the store. The scan is the real 37-page 常熟 PDF (OCR begins, then is stopped).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CORPUS, SHARED, listDir } from "./helpers/paths.ts";
import { startServer, type RunningServer } from "./helpers/server.ts";
import { startTestPostgres } from "./helpers/postgres.ts";
import { openStore } from "../index/store/engine.ts";

const TOKEN = "jobs-test-token";
const auth = { authorization: `Bearer ${TOKEN}` };
const LONG = 600_000;

const pgServer = await startTestPostgres();
if (typeof pgServer === "string") console.warn(pgServer);

/** The shared store of both replicas: one SQLite data directory, or one PostgreSQL database (each its own DATA_DIR). */
const stores: { name: string; env(): Promise<Record<string, string>> }[] = [
  { name: "one SQLite data directory", env: async () => ({ DATA_DIR: join(mkdtempSync(join(tmpdir(), "policy-jobs-")), "data") }) },
  ...(typeof pgServer === "string" ? [] : [{ name: "one PostgreSQL database", env: async () => ({ DATABASE_URL: await pgServer.fresh() }) }]),
];
let shared: Record<string, string>;
/** A heartbeat every second, stale after 15 s: short enough to wait for a dead replica, long enough for a loaded machine. */
const STALE_MS = 15_000;
const env = (replica: string) => ({ API_TOKEN: TOKEN, REPLICA_ID: replica, JOB_POLL_MS: "500", JOB_HEARTBEAT_MS: "1000", JOB_STALE_MS: String(STALE_MS), ...shared });
let a: RunningServer;
let b: RunningServer;

const scanDir = join(SHARED, "scanned-fixtures");
const scan = () => readFileSync(join(scanDir, listDir(scanDir).find((f) => f.startsWith("changshu-"))!));

const upload = (srv: RunningServer, buf: Buffer, name: string, query = "") => {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(buf)]), name);
  return fetch(`${srv.base}/api/documents${query}`, { method: "POST", headers: auth, body: form });
};
const getJob = async (srv: RunningServer, url: string) => {
  const r = await fetch(`${srv.base}${url}`);
  return { status: r.status, body: await r.json() };
};
/** Poll `srv` until the job is no longer running (or the time is up). */
const settle = async (srv: RunningServer, url: string, ms = 60_000) => {
  for (const end = Date.now() + ms; ; ) {
    const { body } = await getJob(srv, url);
    if (body.state !== "running" || Date.now() > end) return body;
    await new Promise((r) => setTimeout(r, 300));
  }
};
/** The scan uploaded to A: answered 202 once OCR begins, with the job (its pages known, run by A). */
const scanOnA = async () => {
  const res = await upload(a, scan(), "常熟扫描件.pdf");
  expect(res.status).toBe(202);
  const job = await res.json();
  expect(job).toMatchObject({ state: "running", pages: 37, replica: "a", url: `/api/jobs/${job.id}` });
  return job as { id: string; url: string };
};
const total = async (srv: RunningServer) => (await (await fetch(`${srv.base}/api/documents`)).json()).total as number;

afterAll(async () => {
  if (typeof pgServer !== "string") await pgServer.stop();
});

describe.each(stores)("upload jobs seen by every replica on $name", (store) => {
  beforeAll(async () => {
    shared = await store.env();
    a = await startServer(env("a"));
    b = await startServer(env("b")); // the store is already filled: B only reads it
  }, LONG);
  afterAll(() => {
    a?.stop();
    b?.stop();
    if (shared.DATA_DIR) rmSync(join(shared.DATA_DIR, ".."), { recursive: true, force: true });
  });

  it(
    "a job accepted by A is visible on B at once, and after polling shows the stored document on both",
    async () => {
      const text = readFileSync(join(CORPUS, "shanxi-2018-keji-jinrong.txt"), "utf8").replace("科技金融", "科技金融（异步上传）");
      const res = await upload(a, Buffer.from(text), "山西异步.txt", "?async=1");
      expect(res.status).toBe(202);
      const job = await res.json();
      expect(job).toMatchObject({ file: "山西异步.txt", replica: "a" });
      expect(res.headers.get("location")).toBe(job.url);
      const onB = await getJob(b, job.url);
      expect(onB.status).toBe(200);
      expect(onB.body).toMatchObject({ id: job.id, file: "山西异步.txt", replica: "a" });
      const done = await settle(b, job.url);
      expect(done).toMatchObject({ state: "done", status: "added", replica: "a" });
      expect((await getJob(a, job.url)).body).toEqual(done);
      const doc = await fetch(`${b.base}/api/documents/${done.documentId}`);
      expect(doc.status).toBe(200);
      // Unknown and malformed ids: refused in Chinese on either replica.
      const missing = await getJob(b, "/api/jobs/00000000-0000-0000-0000-000000000000");
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatch(/没有编号为 .* 的任务/);
      expect((await getJob(a, "/api/jobs/abc")).status).toBe(400);
      // A finished job cannot be cancelled, from either replica.
      const late = await fetch(`${b.base}${job.url}`, { method: "DELETE", headers: auth });
      expect(late.status).toBe(409);
      expect((await late.json()).error).toBe("任务已结束（已入库），无法取消");
    },
    LONG,
  );

  it(
    "a scan read by A is cancelled by a DELETE on B: A stops reading, nothing is stored",
    async () => {
      const before = await total(a);
      const job = await scanOnA();
      expect((await getJob(b, job.url)).body).toMatchObject({ state: "running", pages: 37 });
      expect((await fetch(`${b.base}${job.url}`, { method: "DELETE" })).status).toBe(401);
      const cancel = await fetch(`${b.base}${job.url}`, { method: "DELETE", headers: auth });
      expect(cancel.status).toBe(200); // A read the request within a few poll intervals
      expect((await cancel.json()).state).toBe("cancelled");
      expect((await getJob(a, job.url)).body).toMatchObject({ state: "cancelled", replica: "a" });
      // Past the time another page would have taken: still nothing stored, still cancelled.
      await new Promise((r) => setTimeout(r, 3000));
      expect(await total(a)).toBe(before);
      expect((await getJob(b, job.url)).body.state).toBe("cancelled");
    },
    LONG,
  );

  it(
    "while A does not answer, a DELETE on B is a request (202, cancelRequested); A carries it out when it runs again",
    async () => {
      const before = await total(b);
      const job = await scanOnA();
      process.kill(-a.group, "SIGSTOP");
      try {
        const asked = await fetch(`${b.base}${job.url}`, { method: "DELETE", headers: auth });
        expect(asked.status).toBe(202);
        expect(await asked.json()).toMatchObject({ state: "running", cancelRequested: true, replica: "a" });
      } finally {
        process.kill(-a.group, "SIGCONT");
      }
      expect(await settle(b, job.url)).toMatchObject({ state: "cancelled" });
      expect(await total(b)).toBe(before);
    },
    LONG,
  );

  it(
    "A killed while reading and started again marks its interrupted job failed; B's job list agrees",
    async () => {
      const job = await scanOnA();
      const killed = a;
      process.kill(-killed.group, "SIGKILL");
      killed.stop();
      // The row still says running: only A knew the file, and A is gone.
      expect((await getJob(b, job.url)).body.state).toBe("running");
      a = await startServer(env("a"));
      const failed = (await getJob(b, job.url)).body;
      expect(failed).toMatchObject({ state: "failed", error: "常熟扫描件.pdf：服务重启，识别中断，请重新上传", replica: "a" });
      expect((await getJob(a, job.url)).body).toEqual(failed);
      expect(a.output()).toContain("上次停止时未完成的后台任务 1 个，已标记为失败");
      const late = await fetch(`${a.base}${job.url}`, { method: "DELETE", headers: auth });
      expect(late.status).toBe(409);
    },
    LONG,
  );

  it(
    "A killed mid-OCR and never started again: its job's heartbeat stops, and B marks the row failed in the store",
    async () => {
      const job = await scanOnA();
      // While A runs, its heartbeat keeps the job running on B past the stale limit.
      await new Promise((r) => setTimeout(r, STALE_MS + 2000));
      expect((await getJob(b, job.url)).body).toMatchObject({ state: "running", replica: "a" });
      const killed = a;
      process.kill(-killed.group, "SIGKILL");
      killed.stop();
      const failed = await settle(b, job.url, 10 * STALE_MS); // eventually, within a generous bound
      expect(failed).toMatchObject({ state: "failed", error: "常熟扫描件.pdf：处理该任务的服务已停止，请重新上传", replica: "a" });
      // Written in the store, not only shown: a replica started now (A again, whose restart would call it interrupted) reads the same row.
      a = await startServer(env("a"));
      expect((await getJob(a, job.url)).body).toEqual(failed);
      expect(a.output()).not.toContain("上次停止时未完成的后台任务");
      const late = await fetch(`${b.base}${job.url}`, { method: "DELETE", headers: auth });
      expect(late.status).toBe(409);
      expect((await late.json()).error).toBe("任务已结束（已失败），无法取消");
    },
    LONG,
  );
});

describe.each(stores)("a dead runner's job in the store on $name", (store) => {
  it("failStale fails a running job only while its heartbeat is still old; a second reader and the runner find it failed", async () => {
    const env = await store.env();
    const dataDir = env.DATA_DIR ?? join(mkdtempSync(join(tmpdir(), "policy-jobs-")), "data");
    const [one, two] = [openStore({ dataDir, databaseUrl: env.DATABASE_URL }), openStore({ dataDir, databaseUrl: env.DATABASE_URL })];
    try {
      const now = new Date();
      const cut = new Date(now.getTime() - STALE_MS);
      const old = new Date(now.getTime() - 2 * STALE_MS);
      const fresh = one.jobs().create({ id: "00000000-0000-0000-0000-0000000000f1", file: "活着.pdf", replica: "r1" }, old);
      one.jobs().progress(fresh.id, 2, 9, now); // its runner's heartbeat
      expect(two.jobs().failStale(fresh.id, cut, "x", now)).toMatchObject({ state: "running", page: 2 });
      // A cancel request from another replica is no heartbeat.
      const dead = one.jobs().create({ id: "00000000-0000-0000-0000-0000000000f2", file: "停了.pdf", replica: "r1" }, old);
      expect(two.jobs().requestCancel(dead.id)).toMatchObject({ cancelRequested: true, updatedAt: old.toISOString() });
      const failed = two.jobs().failStale(dead.id, cut, "停了.pdf：处理该任务的服务已停止，请重新上传", now);
      expect(failed).toMatchObject({ state: "failed", error: "停了.pdf：处理该任务的服务已停止，请重新上传", finishedAt: now.toISOString() });
      // The other reader comes second: the row as the first left it, not written again.
      expect(one.jobs().failStale(dead.id, cut, "另一个原因", new Date(now.getTime() + 1000))).toEqual(failed);
      // The runner, had it only been slow, learns it at its next write.
      expect(one.jobs().progress(dead.id, 3, 9)).toBeNull();
    } finally {
      one.close();
      two.close();
      if (!env.DATABASE_URL) rmSync(join(dataDir, ".."), { recursive: true, force: true });
    }
  });
});
