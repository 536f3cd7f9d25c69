// The PostgreSQL connection thread (synckit): the async `pg` driver runs here while the calling thread
// blocks on Atomics.wait for each call, so the store keeps its synchronous interface. One connection per
// handle (like one better-sqlite3 connection per store): a transaction held open across calls stays on it.
// Errors come back as values (code and message), since a thrown error loses its `code` crossing threads.
import pg from "pg";
import { runAsWorker } from "synckit";

export type Step = { sql: string; params?: unknown[] };
export type Request =
  | { op: "open"; url: string }
  | { op: "run"; handle: number; steps: Step[] }
  | { op: "close"; handle: number };
export type Failure = { message: string; code: string | null };
export type Response = { handle: number } | { rows: Record<string, unknown>[][] } | { closed: true } | { error: Failure };

// bigint (count(*), bigserial) as a number: the store's figures stay far below 2^53.
const types = { getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === 20 ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser };

const clients = new Map<number, { client: pg.Client; lost: Failure | null }>();
let next = 1;

const failure = (e: unknown): Failure => ({ message: String((e as Error)?.message ?? e), code: ((e as { code?: string })?.code as string | undefined) ?? null });

/** Buffers cross threads as Uint8Array: bytea parameters back to Buffer. */
const param = (v: unknown) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v);

async function handle(req: Request): Promise<Response> {
  try {
    switch (req.op) {
      case "open": {
        const client = new pg.Client({ connectionString: req.url, types });
        const entry = { client, lost: null as Failure | null };
        client.on("error", (e) => (entry.lost = { message: `数据库连接中断：${e.message}`, code: "connection-lost" }));
        client.on("end", () => (entry.lost ??= { message: "数据库连接已关闭", code: "connection-lost" }));
        await client.connect();
        const id = next++;
        clients.set(id, entry);
        return { handle: id };
      }
      case "run": {
        const entry = clients.get(req.handle);
        if (!entry) return { error: { message: "数据库连接已关闭", code: "connection-lost" } };
        if (entry.lost) return { error: entry.lost };
        const rows: Record<string, unknown>[][] = [];
        for (const s of req.steps) rows.push((await entry.client.query(s.sql, (s.params ?? []).map(param))).rows);
        return { rows };
      }
      case "close": {
        const entry = clients.get(req.handle);
        clients.delete(req.handle);
        await entry?.client.end().catch(() => undefined);
        return { closed: true };
      }
    }
  } catch (e) {
    return { error: failure(e) };
  }
}

runAsWorker(handle);
