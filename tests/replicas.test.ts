// Stateless replicas over one PostgreSQL database (issue 19): real `npm start`-style service processes
// on 127.0.0.1 with DATABASE_URL, a real PostgreSQL started by this file in a temp dir (the machine's
// initdb), real documents. Upload on A is searchable on B within 1 s; B down while A writes catches up
// when it starts; kill -9 of A during an upload leaves no partial document; a dropped database
// connection keeps search and refuses writes with a 503; a streaming standby (pg_basebackup) is read
// and its lag reported (the writer replica applying its own writes: replicas-writer.test.ts). Skipped with
// the reason printed where the machine has no PostgreSQL.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { CORPUS_EXTRA } from "./helpers/paths.ts";
import { extractFile } from "./helpers/extract.ts";
import { findPostgres, startPostgres, type RunningPostgres } from "./helpers/postgres.ts";
import { docHits, serveOn, stopAll, TOKEN, uploadFile, within } from "./helpers/service-process.ts";

const EXTRA = readdirSync(CORPUS_EXTRA).filter((f) => f.endsWith(".txt")).sort().map((f) => join(CORPUS_EXTRA, f));
const bin = findPostgres();
if (typeof bin === "string") process.stdout.write(`replicas.test.ts skipped: ${bin}\n`);

afterEach(stopAll);
/** One replica: the service on its own data directory (its index snapshot) and the shared database. */
const service = (env: Record<string, string>, dataDir: string) => serveOn(dataDir, env);

const health = async (base: string) => (await fetch(`${base}/api/health`)).json();

describe.skipIf(typeof bin === "string")("replicas on one PostgreSQL database", () => {
  let db: RunningPostgres;
  let sql: pg.Pool;
  let work: string;
  const dir = (name: string) => join(work, name);
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "policy-replicas-"));
    db = await startPostgres(bin as Exclude<typeof bin, string>);
    sql = new pg.Pool({ connectionString: db.url, max: 2 });
    sql.on("error", () => undefined); // an idle connection dropped by the restart below: the pool opens another
  }, 120000);
  afterAll(async () => {
    await sql?.end().catch(() => undefined);
    await db?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });
  const env = () => ({ DATABASE_URL: db.url });

  it("an upload through A is searchable on B within 1 s; health reports the change log on both", { timeout: 600000 }, async () => {
    const a = await service(env(), dir("a")); // migrates and ingests the shipped corpus
    const b = await service(env(), dir("b"));
    const ha = await health(a.base);
    expect(ha.engine).toBe("postgres");
    expect(ha.degraded).toBeNull();
    const res = await uploadFile(a.base, EXTRA[0]);
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    expect(await docHits(a.base, id)).toBeGreaterThan(0); // the writer's own index has it at once
    const took = await within(1000, async () => (await docHits(b.base, id)) > 0);
    expect(took, `B did not find the document within 1 s\n${b.output()}`).not.toBeNull();
    const hb = await health(b.base);
    const head = Number((await sql.query("SELECT max(seq) AS s FROM store_changes")).rows[0].s);
    expect(hb.changes.position).toBe(head);
    expect(hb.changes.applied).toBe(head);
    expect(hb.changes.lagEntries).toBe(0);
    expect(hb.readOnly).toBeNull();
  });

  it("a replaced, a removed and a corrected document on A reach B: old measures gone, new metadata in B's filters and units", { timeout: 600000 }, async () => {
    const a = await service(env(), dir("a"));
    const b = await service({ ...env(), REPLICA_TRACE: "1" }, dir("b")); // says how each change was applied
    const json = async (r: Promise<Response>) => {
      const res = await r;
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(200);
      return body;
    };
    const search = async (base: string, params: Record<string, string>) => (await (await fetch(`${base}/api/search?${new URLSearchParams({ limit: "1", ...params })}`)).json()) as { total: number; hits: { document: { title: string | null } }[] };
    const onB = async (what: string, probe: () => Promise<boolean>) => expect(await within(5000, probe), `B: ${what}\n${b.output()}`).not.toBeNull();

    // Replaced: the old version's measures leave B's index, the new version's arrive.
    const old = (await json(uploadFile(a.base, EXTRA[7]))).id as string;
    await onB("the uploaded document", async () => (await docHits(b.base, old)) > 0);
    const form = new FormData();
    form.append("file", new Blob([readFileSync(EXTRA[8])]), EXTRA[8].split("/").pop()!);
    const next = (await json(fetch(`${a.base}/api/documents?replace=${old}`, { method: "POST", body: form, headers: { authorization: `Bearer ${TOKEN}` } }))).id as string;
    expect(next).not.toBe(old);
    await onB("the replacement, without the old version", async () => (await docHits(b.base, next)) > 0 && (await docHits(b.base, old)) === 0);

    // Removed: gone from B.
    await json(fetch(`${a.base}/api/documents/${next}`, { method: "DELETE", headers: { authorization: `Bearer ${TOKEN}` } }));
    await onB("the removal", async () => (await docHits(b.base, next)) === 0);

    // Corrected: title and place as A set them, in B's hits, region filter and units.
    const id = (await json(uploadFile(a.base, EXTRA[9]))).id as string;
    await onB("the document to correct", async () => (await docHits(b.base, id)) > 0);
    const title = "副本同步测试：更正后的标题";
    const doc = await json(
      fetch(`${a.base}/api/documents/${id}`, { method: "PATCH", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, body: JSON.stringify({ title, region: { province: "云南省", city: "昆明市" } }) }),
    );
    const units = new Set<string>(doc.measures.flatMap((m: { units: { canonical: string }[] }) => m.units.map((u) => u.canonical)).filter((u: string) => /^(云南省|昆明市)/.test(u)));
    expect(units.size, "the correction moves the units to 云南省 / 昆明市").toBeGreaterThan(0);
    await onB("the correction", async () => {
      const r = await search(b.base, { doc: id, province: "云南省", city: "昆明市" });
      return r.total > 0 && r.hits[0].document.title === title;
    });
    const before = doc.extracted.region.province as string;
    expect((await search(b.base, { doc: id, province: before })).total).toBe(0);
    const unit = [...units][0];
    const u = await fetch(`${b.base}/api/units/${encodeURIComponent(unit)}`);
    expect(u.status, `B lacks the unit ${unit}`).toBe(200);
    expect(JSON.stringify(await u.json())).toContain(id);
    // The writer and the follower agree on the document's whole result.
    expect((await search(b.base, { doc: id, limit: "100" })).total).toBe((await search(a.base, { doc: id, limit: "100" })).total);
    // B read just the documents the log named, never every document.
    expect(b.output()).toMatch(/副本更新：位置 \d+ → \d+，\d+ 条变更、1 个文件/);
    expect(b.output()).not.toMatch(/已全部核对/);
  });

  it("a replica that missed log entries since pruned (a gap) checks every document and finds what it missed", { timeout: 600000 }, async () => {
    const a = await service(env(), dir("a"));
    const b = await service({ ...env(), REPLICA_TRACE: "1" }, dir("b"));
    b.proc.kill("SIGSTOP"); // B hears nothing while A writes and the log is pruned
    const ids: string[] = [];
    try {
      for (const f of EXTRA.slice(10, 12)) {
        const r = await uploadFile(a.base, f);
        expect(r.status).toBe(200);
        ids.push(((await r.json()) as { id: string }).id);
      }
      // Retention: everything but the newest entry is dropped, including the first upload B has not seen.
      await sql.query("DELETE FROM store_changes WHERE seq < (SELECT max(seq) FROM store_changes)");
    } finally {
      b.proc.kill("SIGCONT");
    }
    for (const id of ids) expect(await within(5000, async () => (await docHits(b.base, id)) > 0), `B misses ${id}\n${b.output()}`).not.toBeNull();
    expect(b.output()).toMatch(/变更日志有缺口，已全部核对/);
    expect((await health(b.base)).changes.lagEntries).toBe(0);
  });

  it("without notifications (trigger gone) the fallback poll still brings an upload to B within about a second", { timeout: 600000 }, async () => {
    const a = await service(env(), dir("a"));
    const b = await service(env(), dir("b")); // the default poll (REPLICA_POLL_MS 500)
    await sql.query("DROP TRIGGER store_changes_notify ON store_changes"); // the replicas' listeners hear nothing more
    try {
      const r = await uploadFile(a.base, EXTRA[12]);
      expect(r.status).toBe(200);
      const { id } = (await r.json()) as { id: string };
      const took = await within(1500, async () => (await docHits(b.base, id)) > 0);
      expect(took, `B did not find the document by polling\n${b.output()}`).not.toBeNull();
    } finally {
      await b.stop();
      await a.stop();
      await service(env(), dir("a")).then((s) => s.stop()); // a starting replica puts the trigger back
    }
    expect((await sql.query("SELECT count(*)::int AS n FROM pg_trigger WHERE tgname = 'store_changes_notify'")).rows[0].n).toBe(1);
  });

  it("B stopped while A uploads three documents finds them when it starts again", { timeout: 600000 }, async () => {
    const a = await service(env(), dir("a"));
    let b = await service(env(), dir("b"));
    await b.stop();
    const ids: string[] = [];
    for (const f of EXTRA.slice(1, 4)) {
      const r = await uploadFile(a.base, f);
      expect(r.status).toBe(200);
      ids.push(((await r.json()) as { id: string }).id);
    }
    b = await service(env(), dir("b")); // its saved index is behind the log: caught up before it serves
    for (const id of ids) expect(await docHits(b.base, id), `B misses ${id}`).toBeGreaterThan(0);
    expect((await health(b.base)).changes.lagEntries).toBe(0);
  });

  it("kill -9 of A during an upload leaves no partial document", { timeout: 600000 }, async () => {
    const big = EXTRA.map((f) => ({ f, n: readFileSync(f).length })).sort((x, y) => y.n - x.n)[0].f;
    const consistent = async () => {
      const orphans = await sql.query("SELECT count(*)::int AS n FROM measures m WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = m.doc_id)");
      const empty = await sql.query("SELECT count(*)::int AS n FROM documents d WHERE NOT EXISTS (SELECT 1 FROM measures m WHERE m.doc_id = d.id)");
      return { orphans: orphans.rows[0].n, empty: empty.rows[0].n };
    };
    let before: Awaited<ReturnType<typeof consistent>> | null = null;
    const name = big.split("/").pop()!;
    const stored = async () => (await sql.query("SELECT id, (SELECT count(*)::int FROM measures m WHERE m.doc_id = d.id) AS n FROM documents d WHERE source LIKE $1", [`%${name}%`])).rows;
    // The writer holds the store's advisory write lock for the length of its transaction: kill -9 the
    // moment it is granted, so that the process dies inside the transaction, not before or after it.
    let inside = false;
    for (let attempt = 0; attempt < 3 && !inside; attempt++) {
      const a = await service(env(), dir("a")); // migrates a fresh database
      before ??= await consistent();
      const req = uploadFile(a.base, big).catch(() => null);
      const locked = await within(60000, async () => (await sql.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted")).rows[0].n > 0, 1);
      await a.stop("SIGKILL");
      const r = await req;
      inside = locked !== null && r === null; // the answer never came: killed before the commit was acknowledged
      expect(await consistent()).toEqual(before);
      const docs = await stored();
      if (inside) expect(docs, "a document killed inside its transaction was kept").toEqual([]);
      if (docs.length) await sql.query("DELETE FROM documents WHERE id = $1", [docs[0].id]); // committed just before the kill: try again
    }
    expect(inside, "the upload's transaction was never caught open").toBe(true);
    // The database is usable at once: another replica stores the same file whole.
    const b = await service(env(), dir("b"));
    const r = await uploadFile(b.base, big);
    expect(r.status).toBe(200);
    const { id } = (await r.json()) as { id: string };
    expect((await stored()).map((d) => d.n)).toEqual([(await extractFile(big)).document.measures.length]);
    expect(await docHits(b.base, id)).toBeGreaterThan(0);
  });

  it("a replica whose database goes away keeps searching, refuses writes with 503, and reconnects by itself", { timeout: 600000 }, async () => {
    const a = await service({ ...env(), REPLICA_POLL_MS: "300" }, dir("a"));
    const q = `${a.base}/api/search?q=${encodeURIComponent("科技")}&limit=3`;
    const warm = (await (await fetch(q)).json()) as { total: number };
    expect(warm.total).toBeGreaterThan(0);
    await db.pause();
    try {
      const down = await within(10000, async () => (await health(a.base)).degraded !== null, 200);
      expect(down, "health did not report the lost connection").not.toBeNull();
      const h = await health(a.base);
      expect(h.readOnly).toMatch(/数据库/);
      expect(((await (await fetch(q)).json()) as { total: number }).total).toBe(warm.total); // search from memory
      const r = await uploadFile(a.base, EXTRA[5]);
      expect(r.status).toBe(503);
      expect(((await r.json()) as { error: string }).error).toMatch(/数据库连接中断/);
      const p = await fetch(`${a.base}/api/documents/x`, { method: "DELETE", headers: { authorization: `Bearer ${TOKEN}` } });
      expect(p.status).toBe(503);
    } finally {
      await db.resume();
    }
    const back = await within(20000, async () => (await health(a.base)).degraded === null, 200);
    expect(back, `the replica did not reconnect\n${a.output()}`).not.toBeNull();
    const r = await uploadFile(a.base, EXTRA[5]); // the store's own connection reopens on this call
    expect(r.status, await r.clone().text()).toBe(200);
  });

  it("a streaming standby (pg_basebackup): reads from it, writes on the primary, health reports its replayed position and lag", { timeout: 600000 }, async (ctx) => {
    const standbyBin = bin as Exclude<typeof bin, string>;
    if (!standbyBin.basebackup) {
      process.stdout.write("standby test skipped: pg_basebackup not found\n");
      ctx.skip();
    }
    const standby = await db.standby();
    try {
      const a = await service({ ...env(), DATABASE_READ_URL: standby.url }, dir("a"));
      const r = await uploadFile(a.base, EXTRA[6]);
      expect(r.status).toBe(200); // writes on the primary
      const id = ((await r.json()) as { id: string }).id;
      const caught = await within(5000, async () => {
        const h = await health(a.base);
        return h.standby && h.standby.error === undefined && h.standby.lagEntries === 0 && h.standby.position === h.changes.position;
      }, 100);
      expect(caught, JSON.stringify(await health(a.base))).not.toBeNull();
      const h = await health(a.base);
      expect(typeof h.standby.replayLagMs).toBe("number");
      const s = new pg.Client({ connectionString: standby.url });
      await s.connect();
      try {
        expect((await s.query("SELECT pg_is_in_recovery() AS r")).rows[0].r).toBe(true);
        expect((await s.query("SELECT count(*)::int AS n FROM documents WHERE id = $1", [id])).rows[0].n).toBe(1);
        // The service reads through its own connection to the standby (DATABASE_READ_URL).
        const readers = await s.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()");
        expect(readers.rows[0].n).toBeGreaterThan(0);
      } finally {
        await s.end();
      }
      expect(await docHits(a.base, id)).toBeGreaterThan(0);
    } finally {
      await standby.stop();
    }
  });
});
