// A data directory that cannot be written: a write the disk refuses, WAL content read from a copy, a
// read-only DATA_DIR served for reads, a full disk refusing uploads with nothing half-written. Real
// processes on 127.0.0.1, real SQLite files, real mounts (skipped with the reason printed where the
// machine does not allow them).
import { afterEach, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Store, withWal } from "../index/store/store.ts";
import { MANIFEST } from "../index/search/snapshot.ts";
import { MeasureIndex } from "../index/search/search.ts";
import { ingestBuffer } from "../src/documents/ingest.ts";
import { CORPUS, CORPUS_EXTRA } from "./helpers/paths.ts";
import { extractFile } from "./helpers/extract.ts";
import { cli, json, serveOn, stopAll, total, upload } from "./helpers/service-process.ts";

const PINGYANG = readFileSync(join(CORPUS, "pingyang-2024-keji-jinrong.txt"), "utf8");
const SHANXI = readFileSync(join(CORPUS, "shanxi-2018-keji-jinrong.txt"), "utf8");

afterEach(stopAll);

/** Run a mount command; the reason it failed, or null. */
function mount(args: string[]): string | null {
  const r = spawnSync("mount", args, { encoding: "utf8" });
  return r.status === 0 ? null : (r.stderr || r.error?.message || `mount exited ${r.status}`).trim();
}
function umount(path: string): void {
  spawnSync("umount", ["-l", path]);
}

describe("a store that cannot be written", () => {
  it("a write the disk refuses is a StoreWriteError with the reason, and leaves the store and its counter as they were", async () => {
    const dir = mkdtempSync(join(tmpdir(), "policy-full-unit-"));
    const store = new Store(join(dir, "data"));
    try {
      await ingestBuffer(store, Buffer.from(SHANXI), "corpus/shanxi.txt");
      const before = store.snapshot();
      const changes = store.changes();
      const doc = await extractFile(join(CORPUS, "pingyang-2024-keji-jinrong.txt"), "corpus/shanxi.txt");
      const full = () => {
        throw Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
      };
      let error: unknown;
      try {
        store.ingest(doc, { beforeCommit: full });
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: "disk-full", reason: "磁盘空间不足，文件未保存" });
      expect(store.snapshot()).toBe(before);
      expect(store.changes()).toBe(changes);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("committed transactions still in the WAL log are read when the database has to be opened as a copy", () => {
    const dir = mkdtempSync(join(tmpdir(), "policy-wal-"));
    try {
      const live = join(dir, "live");
      mkdirSync(live);
      const db = new Database(join(live, "a.db"));
      db.pragma("journal_mode = WAL");
      db.pragma("wal_autocheckpoint = 0");
      db.exec("CREATE TABLE t (x TEXT)");
      for (let i = 0; i < 50; i++) db.prepare("INSERT INTO t VALUES (?)").run(`row ${i} ${"x".repeat(500)}`);
      // Copy while open: the rows are only in the log.
      const copy = join(dir, "copy");
      cpSync(live, copy, { recursive: true });
      db.close();
      expect(readFileSync(join(copy, "a.db-wal")).length).toBeGreaterThan(4096);
      const mem = new Database(withWal(readFileSync(join(copy, "a.db")), readFileSync(join(copy, "a.db-wal"))));
      expect(mem.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 50 });
      mem.close();
      // A torn last frame: the transactions before it are kept, the torn one is not.
      const wal = readFileSync(join(copy, "a.db-wal"));
      const mem2 = new Database(withWal(readFileSync(join(copy, "a.db")), wal.subarray(0, wal.length - 100)));
      expect((mem2.prepare("SELECT count(*) AS n FROM t").get() as { n: number }).n).toBe(49);
      mem2.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a read-only DATA_DIR is served (reads), uploads refused with the reason (503)", { timeout: 180000 }, async (ctx) => {
    const root = mkdtempSync(join(tmpdir(), "policy-ro-"));
    const src = join(root, "src");
    const ro = join(root, "ro");
    mkdirSync(ro);
    try {
      // A store written normally (and its index saved), then seen through a read-only bind mount.
      const s0 = await serveOn(src);
      const want = await total(s0.base, `q=${encodeURIComponent("风险补偿")}`);
      await s0.stop();
      const why = mount(["--bind", src, ro]) ?? mount(["-o", "remount,bind,ro", ro]);
      if (why) {
        umount(ro);
        console.log(`skipped: read-only bind mount not allowed here (${why})`);
        ctx.skip();
      }
      expect(() => writeFileSync(join(ro, "probe"), "x")).toThrow();
      const s = await serveOn(ro);
      try {
        expect(s.output()).toContain("只提供查询");
        const health = await (await fetch(`${s.base}/api/health`)).json();
        expect(health).toMatchObject({ documents: 5, engine: "sqlite", readOnly: "数据目录只读，文件未保存", degraded: null, changes: { lagEntries: 0 } });
        expect(health.changes.applied).toBe(health.changes.position);
        expect(await total(s.base, `q=${encodeURIComponent("风险补偿")}`)).toEqual(want);
        const up = await json(upload(s.base, "new.txt", PINGYANG.replace("50亿元", "59亿元")));
        expect(up.status).toBe(503);
        expect(up.body.error).toContain("数据目录只读，文件未保存");
        const list = await cli(ro, ["list"]);
        expect(list.status, list.stderr).toBe(0);
        expect(list.stdout.trim().split("\n").length).toBe(5);
        const ing = await cli(ro, ["ingest", join(CORPUS_EXTRA, readdirSync(CORPUS_EXTRA)[0])]);
        expect(ing.stdout).toContain("数据目录只读，文件未保存");
      } finally {
        await s.stop();
      }
    } finally {
      await stopAll();
      umount(ro);
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("a full disk: uploads refused with 507 and nothing half-written; the service and the CLI start and read", { timeout: 180000 }, async (ctx) => {
    const mnt = mkdtempSync(join(tmpdir(), "policy-full-"));
    const why = mount(["-t", "tmpfs", "-o", "size=6m", "tmpfs", mnt]);
    if (why) {
      rmSync(mnt, { recursive: true, force: true });
      console.log(`skipped: cannot mount a small tmpfs here (${why})`);
      ctx.skip();
    }
    const dataDir = join(mnt, "data");
    try {
      let s = await serveOn(dataDir);
      const want = await total(s.base, `q=${encodeURIComponent("风险补偿")}`);
      // A leftover of an unfinished save, and then a full disk.
      writeFileSync(join(dataDir, "index", `${MANIFEST}.999999999.tmp`), "{");
      const snapDir = join(mnt, "snapshot");
      mkdirSync(snapDir);
      let n = 0;
      try {
        for (;;) writeFileSync(join(mnt, `filler-${n++}`), Buffer.alloc(256 * 1024));
      } catch {
        // full
      }
      try {
        for (;;) writeFileSync(join(mnt, `small-${n++}`), Buffer.alloc(4096));
      } catch {
        // full to the last block
      }
      const docs = (await (await fetch(`${s.base}/api/health`)).json()).documents;
      // An index save the disk cannot take fails and leaves no temporary file behind.
      const reader = new Store(dataDir);
      expect(() => MeasureIndex.fromStore(reader).save(snapDir)).toThrow();
      reader.close();
      expect(readdirSync(snapDir)).toEqual([]);
      // The synchronous index build above can outlast the service's keep-alive (5 s): let the event loop
      // see the closed idle connection, or the upload goes out on it and fails with EPIPE.
      await new Promise((r) => setTimeout(r, 200));
      const up = await json(upload(s.base, "big.txt", readFileSync(join(CORPUS_EXTRA, readdirSync(CORPUS_EXTRA)[1]), "utf8")));
      expect(up.status).toBe(507);
      expect(up.body.error).toContain("磁盘空间不足，文件未保存");
      expect((await (await fetch(`${s.base}/api/health`)).json()).documents).toBe(docs);
      expect(await total(s.base, `q=${encodeURIComponent("风险补偿")}`)).toEqual(want);
      await s.stop();
      // Restart on the full disk: it starts, serves reads, refuses uploads with the reason, and removed the leftover.
      s = await serveOn(dataDir);
      try {
        expect((await (await fetch(`${s.base}/api/health`)).json()).documents).toBe(docs);
        expect(await total(s.base, `q=${encodeURIComponent("风险补偿")}`)).toEqual(want);
        const again = await json(upload(s.base, "big.txt", PINGYANG.replace("50亿元", "61亿元")));
        expect(again.status).toBe(507);
        expect(again.body.error).toContain("磁盘空间不足");
        const list = await cli(dataDir, ["list"]);
        expect(list.status, list.stderr).toBe(0);
        expect(list.stdout.trim().split("\n").length).toBe(docs);
      } finally {
        await s.stop();
      }
      expect(readdirSync(join(dataDir, "index")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
      // Room again: the next start writes as before.
      for (const f of readdirSync(mnt)) if (f.startsWith("filler-") || f.startsWith("small-")) rmSync(join(mnt, f));
      s = await serveOn(dataDir);
      try {
        const ok = await json(upload(s.base, "new.txt", PINGYANG.replace("50亿元", "62亿元")));
        expect(ok.status).toBe(200);
        expect(ok.body.status).toBe("added");
      } finally {
        await s.stop();
      }
    } finally {
      await stopAll();
      umount(mnt);
      rmSync(mnt, { recursive: true, force: true });
    }
  });
});
