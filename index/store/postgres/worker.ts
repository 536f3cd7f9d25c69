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

type Entry = { client: pg.Client; lost: Failure | null; url: string; inTx: boolean };
const clients = new Map<number, Entry>();

/** (Re)open the entry's connection; a drop later marks it lost until the next call reopens it. */
async function connect(entry: Entry): Promise<void> {
  const client = new pg.Client({ connectionString: entry.url, types, connectionTimeoutMillis: 5000 });
  entry.client = client;
  // Events of a connection already replaced do not count.
  client.on("error", (e) => entry.client === client && (entry.lost = { message: `数据库连接中断：${e.message}`, code: "connection-lost" }));
  client.on("end", () => entry.client === client && (entry.lost ??= { message: "数据库连接已关闭", code: "connection-lost" }));
  await client.connect();
  entry.lost = null;
}
let next = 1;

const failure = (e: unknown): Failure => ({ message: String((e as Error)?.message ?? e), code: ((e as { code?: string })?.code as string | undefined) ?? null });

/** Buffers cross threads as Uint8Array: bytea parameters back to Buffer. */
const param = (v: unknown) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v);

async function handle(req: Request): Promise<Response> {
  try {
    switch (req.op) {
      case "open": {
        const entry: Entry = { client: null as unknown as pg.Client, lost: null, url: req.url, inTx: false };
        await connect(entry);
        const id = next++;
        clients.set(id, entry);
        return { handle: id };
      }
      case "run": {
        const entry = clients.get(req.handle);
        if (!entry) return { error: { message: "数据库连接已关闭", code: "connection-lost" } };
        if (entry.lost) {
          // A transaction open on the lost connection went with it (the server rolled it back): its further
          // statements fail, its ROLLBACK is done. Outside a transaction: a new connection (reconnect by itself).
          if (entry.inTx) {
            if (req.steps[0]?.sql !== "ROLLBACK") return { error: entry.lost };
            entry.inTx = false;
            return { rows: req.steps.map(() => []) };
          }
          try {
            await connect(entry);
          } catch (e) {
            return { error: { message: `数据库连接中断：${failure(e).message}`, code: "connection-lost" } };
          }
        }
        const rows: Record<string, unknown>[][] = [];
        for (const s of req.steps) {
          if (s.sql === "BEGIN") entry.inTx = true;
          else if (s.sql === "COMMIT" || s.sql === "ROLLBACK") entry.inTx = false;
          rows.push((await entry.client.query(s.sql, (s.params ?? []).map(param))).rows);
        }
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
