// A service replica kept in step with the shared store. On PostgreSQL (DATABASE_URL) a listener on the
// change log wakes it when any replica writes (LISTEN/NOTIFY, with a slow poll behind it); the wake
// reads the log entries this replica has not seen and applies just the documents they name (index,
// answer cache, comparison worker), or checks every document after a gap in the log. A replica whose database connection is down keeps answering searches from memory
// and refuses writes with a 503 until the listener has reconnected. /api/health reports it all.
import type { MiddlewareHandler } from "hono";
import type { ChangeListener as Listener } from "../../index/store/postgres/changes.ts";
import { applyStoreChanges, type FollowedState, followStore, StoreSearchIndex } from "../search/adapter.ts";
import { libraryOf } from "../../index/library/library.ts";
import { warmLibrary } from "../../index/library/warm.ts";
import { FacetThread } from "../../index/search/facet-thread.ts";
import { envNumber } from "./env-number.ts";
import { isPostgresUrl } from "../../index/store/engine.ts";

export type Engine = "sqlite" | "postgres";

/** What /api/health says about the store and how far this replica's index follows it. */
export interface ReplicaHealth {
  engine: Engine;
  /** The change log's newest position (SQLite: the change counter). */
  position: number | null;
  /** The position this replica's index has applied. */
  applied: number | null;
  /** Entries written and not yet applied, and the age of the oldest of them (ms). */
  lag: { entries: number; ms: number } | null;
  /** When this replica last applied changes (ISO), or null before the first. */
  appliedAt: string | null;
  /** Why writes are refused (read-only data directory, full disk, database unreachable), or null. */
  readOnly: string | null;
  /** Why the replica serves from memory only (database connection down), or null. */
  degraded: string | null;
  /** The streaming standby reads go to (DATABASE_READ_URL): its replayed position and lag behind the primary. */
  standby?: { position: number | null; lagEntries: number | null; replayLagMs: number | null; error?: string };
}

export interface Replica {
  readonly engine: Engine;
  health(): Promise<ReplicaHealth>;
  /** Why a write cannot be made now (connection down), or null. */
  writeRefusal(): string | null;
  stop(): Promise<void>;
}

function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

/** The change position the index is at (null while it is loading or not a store-backed index). */
function appliedOf(state: FollowedState): number | null {
  return state.index instanceof StoreSearchIndex ? state.index.storeChanges : null;
}

/** LIBRARY_WORKER_FROM: from how many documents the library is built on a worker thread at a start (default 2,000). */
const libraryWarmOptions = (env: NodeJS.ProcessEnv = process.env) => ({ workerFrom: envNumber(env, "LIBRARY_WORKER_FROM", 2000, 0), log });

/**
 * What the first search needs, made ready once the replica follows the store, without holding up the event
 * loop: the documents' validity (the saved core, else a worker thread: index/library/warm.ts; searches wait
 * for it meanwhile), and on a large index the facet counting thread, which starts now rather than inside the first search.
 */
function warmValidity(state: FollowedState): void {
  const opts = libraryWarmOptions();
  void warmLibrary(state.store, opts);
  if (state.index instanceof StoreSearchIndex && state.index.index.size.documents >= opts.workerFrom) FacetThread.get();
}

/** The embedded store: the existing 250 ms follower of the change counter, and its health. */
function startSqliteReplica(state: FollowedState, intervalMs = 250): Replica {
  const unfollow = followStore(state, intervalMs);
  warmValidity(state);
  let behindSince: number | null = null;
  return {
    engine: "sqlite",
    async health() {
      let position: number | null = null;
      try {
        position = state.store.changes();
      } catch {
        // a store that cannot be read at all: reported as unknown
      }
      const applied = appliedOf(state);
      const entries = position !== null && applied !== null ? Math.max(0, position - applied) : 0;
      if (entries > 0) behindSince ??= Date.now();
      else behindSince = null;
      return {
        engine: "sqlite", position, applied, lag: position === null ? null : { entries, ms: behindSince === null ? 0 : Date.now() - behindSince },
        appliedAt: null, readOnly: state.store.readOnly, degraded: null,
      };
    },
    writeRefusal: () => null, // the store itself refuses (read-only, disk full) with its own reason
    async stop() {
      unfollow();
    },
  };
}

export interface PostgresReplicaOptions {
  url: string;
  /** DATABASE_READ_URL: the standby reads go to (reported in health). */
  readUrl?: string;
  pollMs?: number;
}

/**
 * Follow a PostgreSQL change log: wake on NOTIFY (or the fallback poll), apply what the index has not
 * seen, and again shortly while the store's reads (a standby) are behind the head the wake announced.
 */
async function startPostgresReplica(state: FollowedState, opts: PostgresReplicaOptions): Promise<Replica> {
  // Loaded only here: the embedded default never needs the PostgreSQL driver.
  const { ChangeListener } = await import("../../index/store/postgres/changes.ts");
  const { default: pg } = await import("pg");
  let appliedAt: number | null = null;
  let retry: NodeJS.Timeout | null = null;
  let tries = 0;
  let running = false;
  let again = false;
  let wokeAt = 0;
  const trace = process.env.REPLICA_TRACE === "1";

  /**
   * Apply the log entries the index has not seen, up to what the store's reads (a standby, when set)
   * have replayed: the documents they name are read again, nothing else. After a gap in the log, or a
   * long backlog, every document is checked instead. False when the index moved meanwhile (look again).
   */
  const catchUp = async (index: StoreSearchIndex): Promise<boolean> => {
    const from = index.storeChanges;
    const t0 = performance.now();
    const to = state.store.changes();
    if (from === to) return true;
    const checkAll = (why: string) => {
      applyStoreChanges(state);
      if (trace) log(`副本更新：${why}，已全部核对（${(performance.now() - t0).toFixed(0)} ms）`);
      return true;
    };
    if (from === null || to === null || to < from) return checkAll("变更日志的位置不可比");
    const entries = await listener.entries(from, to);
    if (entries === null) return true; // the connection is down: reconnecting wakes the replica again
    if (entries === "gap") return checkAll("变更日志有缺口");
    if (entries === "many") return checkAll("变更日志积压过多");
    if (entries.some((e) => e.kind !== "tasks" && !e.docId)) return checkAll("变更日志未写明文件");
    const t1 = performance.now();
    const ids = entries.flatMap((e) => (e.kind !== "tasks" && e.docId ? [e.docId] : []));
    const changed = index.applyLogged(from, to, ids);
    if (changed === null) return false;
    if (entries.length) state.searchCache?.clear();
    if (changed) state.comparison?.refresh();
    const t2 = performance.now();
    libraryOf(state.store).statuses(); // the documents' validity, which every search asks for: worked out now, not in the next search
    if (trace)
      log(`副本更新：位置 ${from} → ${to}，${entries.length} 条变更、${new Set(ids).size} 个文件；唤醒后 ${(t0 - wokeAt).toFixed(1)} ms 开始，读日志 ${(t1 - t0).toFixed(1)} ms，读文件并建索引 ${(t2 - t1).toFixed(1)} ms，文件效力 ${(performance.now() - t2).toFixed(1)} ms`);
    return true;
  };

  const apply = async () => {
    retry = null;
    const index = state.index;
    if (!(index instanceof StoreSearchIndex)) return;
    if (running) {
      again = true; // a wake while applying: once more after this one
      return;
    }
    running = true;
    try {
      do {
        again = false;
        if (!(await catchUp(index))) again = true;
      } while (again);
      appliedAt = Date.now();
    } catch (e) {
      log(`索引更新失败：${String((e as Error).message).slice(0, 200)}`);
    } finally {
      running = false;
    }
    // The store's reads may come from a standby that has not replayed the head yet: look again soon.
    const head = listener.head?.seq ?? 0;
    if ((index.storeChanges ?? 0) < head && tries++ < 100) retry = setTimeout(() => void apply(), 20);
    else tries = 0;
    retry?.unref();
  };
  const listener: Listener = new ChangeListener({
    url: opts.url,
    pollMs: opts.pollMs,
    onWake: () => {
      wokeAt = performance.now();
      if (retry) return; // an apply is already due
      tries = 0;
      retry = setTimeout(() => void apply(), 0); // several notifications in one tick are applied once
    },
    onState: (error) => log(error ? `${error}：继续从内存提供检索，写入暂停，正在重连` : "数据库连接已恢复，写入恢复"),
  });
  await listener.start();
  // Saving the index copy blocks the event loop for a moment; on a shared database a start catches up from the log, so save seldom.
  if (state.index instanceof StoreSearchIndex) state.index.saveDelayMs = Number(process.env.INDEX_SAVE_DELAY_MS) || 30_000;
  warmValidity(state);
  const standby = opts.readUrl ? new pg.Pool({ connectionString: opts.readUrl, max: 1, idleTimeoutMillis: 5000, connectionTimeoutMillis: 2000 }) : null;
  standby?.on("error", () => undefined); // an idle connection that dropped: the next query opens another

  async function standbyHealth(head: number | null): Promise<ReplicaHealth["standby"]> {
    if (!standby) return undefined;
    try {
      const r = await standby.query(
        "SELECT (SELECT max(seq) FROM store_changes) AS seq, CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000 END AS lag",
      );
      const seq = r.rows[0]?.seq === null || r.rows[0]?.seq === undefined ? 0 : Number(r.rows[0].seq);
      const lag = r.rows[0]?.lag;
      return { position: seq, lagEntries: head === null ? null : Math.max(0, head - seq), replayLagMs: lag === null || lag === undefined ? null : Math.round(Number(lag)) };
    } catch (e) {
      return { position: null, lagEntries: null, replayLagMs: null, error: `备库无法读取（${String((e as Error).message).slice(0, 120)}）` };
    }
  }

  return {
    engine: "postgres",
    async health() {
      const applied = appliedOf(state);
      const lag = applied === null ? null : await listener.lag(applied);
      const position = listener.head?.seq ?? null;
      return {
        engine: "postgres", position, applied,
        lag: lag ?? (listener.connected || position === null || applied === null ? null : { entries: Math.max(0, position - applied), ms: listener.downSince ? Date.now() - listener.downSince : 0 }),
        appliedAt: appliedAt === null ? null : new Date(appliedAt).toISOString(),
        readOnly: listener.error ? "数据库连接中断，写入暂停" : null,
        degraded: listener.error,
        standby: await standbyHealth(position),
      };
    },
    writeRefusal: () => (listener.error ? `数据库连接中断，暂时只提供查询，写入未执行（${listener.error.replace(/^数据库连接中断（|）$/g, "")}）；服务正在自动重连，请稍后重试` : null),
    async stop() {
      if (retry) clearTimeout(retry);
      await listener.stop();
      await standby?.end().catch(() => undefined);
    },
  };
}

/** Start following the store: PostgreSQL when DATABASE_URL names it, else the embedded follower. */
export async function startReplica(state: FollowedState, env: NodeJS.ProcessEnv = process.env): Promise<Replica> {
  const url = env.DATABASE_URL;
  if (url && isPostgresUrl(url)) return startPostgresReplica(state, { url, readUrl: isPostgresUrl(env.DATABASE_READ_URL) ? env.DATABASE_READ_URL : undefined, pollMs: Number(env.REPLICA_POLL_MS) || 500 });
  return startSqliteReplica(state);
}

/** Writes the replica cannot make now: 503 with the reason (searches and other reads go on). */
const WRITES: Array<[string, RegExp]> = [
  ["POST", /^\/api\/documents\/?$/],
  ["PATCH", /^\/api\/documents\/[^/]+\/?$/],
  ["DELETE", /^\/api\/documents\/[^/]+\/?$/],
  ["PATCH", /^\/api\/tasks\/[^/]+\/?$/],
  ["POST", /^\/api\/tasks\/import\/?$/],
];

export function refuseWritesWhenDown(getReplica: () => Replica | undefined): MiddlewareHandler {
  return async (c, next) => {
    const replica = getReplica();
    const why = replica?.writeRefusal();
    if (why && WRITES.some(([m, re]) => m === c.req.method && re.test(c.req.path))) return c.json({ error: why }, 503, { "retry-after": "5" });
    await next();
  };
}

/** A database error that means "the database cannot be reached" (for a 503 rather than a 500), else null. */
export function connectionFailure(e: unknown): string | null {
  const code = String((e as { code?: unknown })?.code ?? "");
  const msg = String((e as Error)?.message ?? e);
  if (/^(connection-lost|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|57P0[123]|08\w{3})$/.test(code) || /Connection terminated|ECONNREFUSED|ECONNRESET|terminating connection|the database system is (shutting down|starting up)/i.test(msg))
    return `数据库连接中断，写入未执行（${msg.slice(0, 80)}）；服务正在自动重连，请稍后重试`;
  return null;
}
