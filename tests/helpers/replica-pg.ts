// A throwaway PostgreSQL for the replica tests and bench: the machine's initdb in a temp dir on a free
// loopback port (run as the `postgres` user when this process is root, as initdb requires), with WAL
// settings that allow a streaming standby made by pg_basebackup. Stop and start it to drop connections.
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { freePort } from "./server.ts";

export interface PgBin {
  initdb: string;
  pgCtl: string;
  basebackup: string | null;
}

/** The PostgreSQL programs of this machine, or the reason there are none. */
export function findPostgres(): PgBin | string {
  // PG_BIN names the directory to use, and only that one (PG_BIN=none: as on a machine without PostgreSQL).
  const only = process.env.PG_BIN;
  if (only !== undefined && only !== "") {
    if (existsSync(join(only, "initdb")) && existsSync(join(only, "pg_ctl"))) return { initdb: join(only, "initdb"), pgCtl: join(only, "pg_ctl"), basebackup: existsSync(join(only, "pg_basebackup")) ? join(only, "pg_basebackup") : null };
    return `PostgreSQL (initdb, pg_ctl) not found in PG_BIN=${only}`;
  }
  const dirs = [process.env.PG_BIN, ...(existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort().reverse().map((v) => `/usr/lib/postgresql/${v}/bin`) : [])].filter(Boolean) as string[];
  for (const d of dirs) {
    if (existsSync(join(d, "initdb")) && existsSync(join(d, "pg_ctl")))
      return { initdb: join(d, "initdb"), pgCtl: join(d, "pg_ctl"), basebackup: existsSync(join(d, "pg_basebackup")) ? join(d, "pg_basebackup") : null };
  }
  const which = spawnSync("sh", ["-c", "command -v initdb pg_ctl pg_basebackup"], { encoding: "utf8" }).stdout.trim().split("\n").filter(Boolean);
  const initdb = which.find((p) => p.endsWith("/initdb"));
  const pgCtl = which.find((p) => p.endsWith("/pg_ctl"));
  if (initdb && pgCtl) return { initdb, pgCtl, basebackup: which.find((p) => p.endsWith("/pg_basebackup")) ?? null };
  return "PostgreSQL (initdb, pg_ctl) not found on this machine";
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
  stop(): Promise<void>;
}

const root = userInfo().uid === 0;
/** Run a PostgreSQL program, as `postgres` when this process is root. */
function run(program: string, args: string[]): void {
  if (root) execFileSync("runuser", ["-u", "postgres", "--", program, ...args], { stdio: "pipe" });
  else execFileSync(program, args, { stdio: "pipe" });
}

function serve(bin: PgBin, dir: string, port: number, sockets: string): RunningPostgres {
  const opts = `-p ${port} -k ${sockets} -c listen_addresses=127.0.0.1 -c wal_level=replica -c max_wal_senders=4 -c hot_standby=on -c fsync=off -c max_connections=60`;
  const start = () => run(bin.pgCtl, ["-D", dir, "-o", opts, "-l", join(dir, "server.log"), "-w", "-t", "60", "start"]);
  const halt = () => {
    try {
      run(bin.pgCtl, ["-D", dir, "-m", "fast", "-w", "stop"]);
    } catch {
      // not running
    }
  };
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    async pause() {
      halt();
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
    async stop() {
      halt();
    },
  };
}

/** initdb into a temp dir and start it on a free loopback port (trust auth, user postgres). */
export async function startPostgres(bin: PgBin): Promise<RunningPostgres> {
  const base = mkdtempSync(join(tmpdir(), "policy-pg-"));
  if (root) chownSync(base, ...pgOwner());
  const dir = join(base, "data");
  run(bin.initdb, ["-D", dir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C"]);
  const port = await freePort();
  const s = serve(bin, dir, port, base);
  return {
    ...s,
    async stop() {
      await s.stop();
      rmSync(base, { recursive: true, force: true });
    },
  };
}

function pgOwner(): [number, number] {
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return [id("-u"), id("-g")];
}
