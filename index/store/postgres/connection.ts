// A synchronous PostgreSQL connection: each call crosses to the connection thread (worker.ts, synckit)
// and blocks on Atomics.wait until the answer is back. Measured on loopback (PostgreSQL 15, 2 cores shared
// at load average 12–14): a measure by primary key 0.9 ms (SQLite 0.13 ms), 20 measures by id 1.5 ms
// (SQLite 0.8 ms), a whole document with its 29 measures 4.6 ms (SQLite 1.9 ms). The event loop blocks per
// call about as long as with SQLite plus one thread hand-off; statements a read needs together cross in
// one batch(). Past one machine the async driver would be the next step (every caller awaiting the store).
import { createSyncFn } from "synckit";
import { workerFile } from "../../../extract/worker-file.ts";
import type { Failure, Request, Response, Step } from "./worker.ts";

// From the bundle: .build/postgres-worker.mjs; else the entry that requires worker.ts through tsx (node 20 workers).
const WORKER_SOURCE = new URL("./worker-entry.cjs", import.meta.url);

let call: ((req: Request) => Response) | null = null;
function send(req: Request): Response {
  if (!call) {
    // The source through tsx whatever started this process (a test runner, the CLI); the bundled module with no flags.
    const { file, execArgv } = workerFile("postgres-worker", WORKER_SOURCE, ["--import", "tsx"]);
    call = createSyncFn<(req: Request) => Promise<Response>>(file, { execArgv });
  }
  return call(req);
}

/** An error of PostgreSQL (its SQLSTATE in `code`) or of the connection ("connection-lost"). */
export class PgError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = "PgError";
  }
}

function answer<T extends Response>(r: Response): T {
  if ("error" in r) throw new PgError((r.error as Failure).message, (r.error as Failure).code);
  return r as T;
}

export type Row = Record<string, unknown>;

export class PgConnection {
  private constructor(private handle: number | null) {}

  static open(url: string): PgConnection {
    return new PgConnection(answer<{ handle: number }>(send({ op: "open", url })).handle);
  }

  /** Several statements in one crossing, in order; the rows of each. */
  batch(steps: Step[]): Row[][] {
    if (this.handle === null) throw new PgError("数据库连接已关闭", "connection-lost");
    return answer<{ rows: Row[][] }>(send({ op: "run", handle: this.handle, steps })).rows;
  }

  all<T = Row>(sql: string, params: unknown[] = []): T[] {
    return this.batch([{ sql, params }])[0] as T[];
  }

  get<T = Row>(sql: string, params: unknown[] = []): T | undefined {
    return this.all<T>(sql, params)[0];
  }

  /** The first column of the first row. */
  value<T = unknown>(sql: string, params: unknown[] = []): T | undefined {
    const r = this.get(sql, params);
    return r ? (Object.values(r)[0] as T) : undefined;
  }

  private depth = 0;

  /**
   * Run `body` in one transaction (nested calls join the outer one). `lockKey`: a transaction-level
   * advisory lock taken first, so that writers on every replica take turns as SQLite's do (BEGIN IMMEDIATE).
   * A throw rolls everything back; a process killed meanwhile leaves nothing either (the server rolls back).
   */
  tx<T>(body: () => T, lockKey?: number): T {
    if (this.depth > 0) return body();
    this.batch([{ sql: "BEGIN" }, ...(lockKey !== undefined ? [{ sql: "SELECT pg_advisory_xact_lock($1)", params: [lockKey] }] : [])]);
    this.depth++;
    try {
      const out = body();
      this.batch([{ sql: "COMMIT" }]);
      return out;
    } catch (e) {
      try {
        this.batch([{ sql: "ROLLBACK" }]);
      } catch {
        // a lost connection: the server rolls back by itself
      }
      throw e;
    } finally {
      this.depth--;
    }
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  close(): void {
    if (this.handle === null) return;
    send({ op: "close", handle: this.handle });
    this.handle = null;
  }
}

/** Rows of bytea come back across the thread as Uint8Array: as a Buffer again. */
export function asBuffer(v: unknown): Buffer {
  if (Buffer.isBuffer(v)) return v;
  const u = v as Uint8Array;
  return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}
