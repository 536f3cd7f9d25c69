// Following the PostgreSQL change log (store_changes: seq, doc_id, kind, at) from a replica: a dedicated
// connection LISTENs on the channel the log's trigger NOTIFYs (in the writer's transaction, so a wake
// means the write is committed), a slow poll of the log's head catches a missed notification, and a
// dropped connection is reopened with backoff. The listener says "the log moved" and reads the entries
// after a position (which documents changed); the replica applies just those through the store
// (src/service/replica.ts).
import pg from "pg";

const CHANGE_CHANNEL = "store_changes";

/** The newest entry of the change log: its sequence number and when it was written (ms since epoch). */
export interface ChangeHead {
  seq: number;
  at: number | null;
}

/** One change log entry: which document a write touched and how (tasks: task progress only). */
export interface ChangeEntry {
  seq: number;
  docId: string | null;
  kind: "added" | "removed" | "corrected" | "tasks" | string;
}

export interface ChangeListenerOptions {
  url: string;
  /** Called when the log's head moved past what this listener last reported (notification or poll). */
  onWake: (head: number) => void;
  /** Called when the connection goes down (with the reason) or comes back (null). */
  onState?: (error: string | null) => void;
  /** Fallback poll of the log's head, ms (default 500: a missed notification still within the second). */
  pollMs?: number;
  /** Reconnect backoff, ms: starts at min, doubles up to max (default 200 … 5000). */
  backoff?: { minMs: number; maxMs: number };
}

/** The NOTIFY trigger on the change log; idempotent, serialised by an advisory lock (replicas may start at once). */
const TRIGGER_SQL = `
CREATE OR REPLACE FUNCTION store_changes_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${CHANGE_CHANNEL}', NEW.seq::text);
  RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER store_changes_notify AFTER INSERT ON store_changes FOR EACH ROW EXECUTE FUNCTION store_changes_notify();`;
const LOCK_KEY = 0x19_0002; // advisory lock of this migration step (the engine's migrations use their own)

/** A time column as ms since epoch, whatever type the log keeps it in (timestamptz, ms, ISO text). */
function timeOf(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.getTime();
  const n = Number(v);
  if (Number.isFinite(n)) return n < 1e11 ? n * 1000 : n; // seconds or ms
  const t = Date.parse(String(v));
  return Number.isFinite(t) ? t : null;
}

function reasonOf(e: unknown): string {
  const code = (e as { code?: string })?.code;
  return `${code ? `${code} ` : ""}${String((e as Error)?.message ?? e).slice(0, 160)}`;
}

export class ChangeListener {
  private client: pg.Client | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private delay: number;
  private reported = -1;
  private polling = false;
  /** The newest log entry seen (notification or poll); null before the first read. */
  head: ChangeHead | null = null;
  /** Why the connection is down, or null while it is up. */
  error: string | null = "尚未连接";
  /** When the connection went down (ms), or null while it is up. */
  downSince: number | null = Date.now();
  /** Whether the NOTIFY trigger is in place (false while the change log does not exist yet). */
  triggerReady = false;

  constructor(private readonly opts: ChangeListenerOptions) {
    this.delay = opts.backoff?.minMs ?? 200;
  }

  get connected(): boolean {
    return this.client !== null && this.error === null;
  }

  /** Connect (retrying in the background on failure) and start the fallback poll. Resolves after the first attempt. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
    const every = this.opts.pollMs ?? 500;
    this.pollTimer = setInterval(() => void this.poll(), every);
    this.pollTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.pollTimer = this.retryTimer = null;
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.opts.url, connectionTimeoutMillis: 3000, keepAlive: true, application_name: "policy-replica-listener" });
    client.on("error", (e) => this.lost(client, e));
    client.on("end", () => this.lost(client, new Error("连接已关闭")));
    client.on("notification", (n) => {
      if (n.channel !== CHANGE_CHANNEL) return;
      const seq = Number(n.payload);
      if (Number.isFinite(seq) && seq > (this.head?.seq ?? -1)) this.head = { seq, at: Date.now() };
      this.wake();
    });
    try {
      await client.connect();
      this.client = client;
      await this.ensureTrigger(client);
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
      await this.readHead(client);
      this.delay = this.opts.backoff?.minMs ?? 200;
      const was = this.error;
      this.error = null;
      this.downSince = null;
      if (was !== null && was !== "尚未连接") this.opts.onState?.(null);
      this.wake(true); // catch up with what was written while the connection was down
    } catch (e) {
      this.lost(client, e);
    }
  }

  /** The connection failed or dropped: report it once and reconnect after the backoff. */
  private lost(client: pg.Client, e: unknown): void {
    if (this.client !== null && this.client !== client) return; // an old connection's late event
    this.client = null;
    client.removeAllListeners("end");
    client.end().catch(() => undefined);
    if (this.stopped) return;
    const first = this.error === null || this.error === "尚未连接";
    this.error = `数据库连接中断（${reasonOf(e)}）`;
    this.downSince ??= Date.now();
    if (first) this.opts.onState?.(this.error);
    if (this.retryTimer) return;
    const wait = this.delay;
    this.delay = Math.min(this.delay * 2, this.opts.backoff?.maxMs ?? 5000);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, wait);
    this.retryTimer.unref();
  }

  private async ensureTrigger(client: pg.Client): Promise<void> {
    const exists = await client.query("SELECT to_regclass('store_changes') IS NOT NULL AS ok");
    if (!exists.rows[0]?.ok) return; // the engine's migrations have not run yet: the next poll tries again
    const has = await client.query("SELECT 1 FROM pg_trigger WHERE tgname = 'store_changes_notify' AND tgrelid = 'store_changes'::regclass");
    if (has.rowCount) {
      this.triggerReady = true;
      return;
    }
    // A standby cannot take DDL; its primary's trigger is replayed to it (and a standby sends no NOTIFY: the poll follows).
    const recovery = await client.query("SELECT pg_is_in_recovery() AS r");
    if (recovery.rows[0]?.r) return;
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
      await client.query(TRIGGER_SQL);
      await client.query("COMMIT");
      this.triggerReady = true;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw e;
    }
  }

  private async readHead(client: pg.Client): Promise<void> {
    if (!(await client.query("SELECT to_regclass('store_changes') IS NOT NULL AS ok")).rows[0]?.ok) return;
    const r = await client.query("SELECT seq, at FROM store_changes ORDER BY seq DESC LIMIT 1");
    const row = r.rows[0];
    this.head = row ? { seq: Number(row.seq), at: timeOf(row.at) } : { seq: 0, at: null };
  }

  /** The fallback: read the log's head; a moved head wakes the replica, a failed read reconnects. */
  private async poll(): Promise<void> {
    const client = this.client;
    if (!client || this.polling) return;
    this.polling = true;
    try {
      if (!this.triggerReady) await this.ensureTrigger(client);
      await this.readHead(client);
      this.wake();
    } catch (e) {
      this.lost(client, e);
    } finally {
      this.polling = false;
    }
  }

  private wake(always = false): void {
    const seq = this.head?.seq ?? 0;
    if (!always && seq <= this.reported) return;
    this.reported = seq;
    this.opts.onWake(seq);
  }

  /**
   * The log's entries after `after` up to `upTo` (inclusive), oldest first: at most `limit`, else
   * "many". "gap" when the log no longer holds what follows `after` (pruned past it, or a log older
   * than the position: another database); null while the connection is down.
   */
  async entries(after: number, upTo: number, limit = 2000): Promise<ChangeEntry[] | "gap" | "many" | null> {
    const client = this.client;
    if (!client || this.error !== null) return null;
    try {
      const r = await client.query(
        "SELECT seq, doc_id, kind, (SELECT min(seq) FROM store_changes) AS first, (SELECT max(seq) FROM store_changes) AS last FROM store_changes WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3",
        [after, upTo, limit + 1],
      );
      if (r.rows.length > limit) return "many";
      if (r.rows.length === 0) {
        const b = await client.query("SELECT min(seq) AS first, max(seq) AS last FROM store_changes");
        return isGap(after, b.rows[0]?.first, b.rows[0]?.last) ? "gap" : [];
      }
      if (isGap(after, r.rows[0].first, r.rows[0].last)) return "gap";
      return r.rows.map((x) => ({ seq: Number(x.seq), docId: x.doc_id ?? null, kind: String(x.kind) }));
    } catch {
      return null;
    }
  }

  /**
   * How far `applied` is behind the log: entries written after it, and the age (ms) of the oldest
   * of them (0 when none). Null while the connection is down.
   */
  async lag(applied: number): Promise<{ entries: number; ms: number } | null> {
    const client = this.client;
    if (!client || this.error !== null) return null;
    try {
      const r = await client.query("SELECT count(*)::int AS n, min(at) AS first FROM store_changes WHERE seq > $1", [applied]);
      const n = Number(r.rows[0]?.n ?? 0);
      const first = timeOf(r.rows[0]?.first);
      return { entries: n, ms: n > 0 && first !== null ? Math.max(0, Date.now() - first) : 0 };
    } catch {
      return null;
    }
  }
}

/**
 * Whether entries after `after` may be missing: the oldest entry kept is past the one that follows it
 * (pruned), or the log ends before it (another database). A hole left by a rolled-back write inside the
 * log is not a gap.
 */
function isGap(after: number, first: unknown, last: unknown): boolean {
  if (first === null || first === undefined) return after > 0; // an empty log: only position 0 follows it
  return Number(first) > after + 1 || Number(last) < after;
}
