// Upload jobs in the store (issue 19 item 1): the state and page progress of a file read in the background
// (src/http/routes/jobs.ts), so that any replica answers GET /api/jobs/:id and a restart does not lose them. The
// replica running a job writes its progress (throttled by the caller) and reads the row's cancel request, which
// any replica may set. The file's bytes are not stored: they stay in the process that accepted the upload until
// the document is ingested. One implementation over both engines: the SQL is written with `?` placeholders and
// run through a small adapter (SQLite here, PostgreSQL in postgres/jobs.ts).
import type Database from "better-sqlite3";
import { z } from "zod";

export const JobState = z.enum(["running", "done", "failed", "cancelled"]);
export type JobState = z.infer<typeof JobState>;
export const JobOutcome = z.enum(["added", "replaced", "unchanged", "duplicate"]);

/** A job as stored. */
export const JobRecord = z.object({
  id: z.string(),
  file: z.string(),
  state: JobState,
  page: z.number().int(),
  pages: z.number().int(),
  error: z.string().nullable(),
  documentId: z.string().nullable(),
  status: JobOutcome.nullable(),
  /** The replica (REPLICA_ID) that reads the file. */
  replica: z.string(),
  cancelRequested: z.boolean(),
  createdAt: z.string(),
  /** The running replica's heartbeat: written only by it (creation, progress, a touch every few seconds), never by a cancel request. */
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobRecord = z.infer<typeof JobRecord>;

/** How a job ended. */
export type JobEnd = { state: "done"; documentId: string; status: z.infer<typeof JobOutcome> } | { state: "failed"; error: string } | { state: "cancelled" };

type JobRow = {
  id: string; file: string; state: string; page: number; pages: number; error: string | null; document_id: string | null; status: string | null;
  replica: string; cancel_requested: number; created_at: string; updated_at: string; finished_at: string | null;
};

const record = (r: JobRow): JobRecord =>
  JobRecord.parse({
    id: r.id, file: r.file, state: r.state, page: Number(r.page), pages: Number(r.pages), error: r.error, documentId: r.document_id, status: r.status,
    replica: r.replica, cancelRequested: Number(r.cancel_requested) === 1, createdAt: r.created_at, updatedAt: r.updated_at, finishedAt: r.finished_at,
  });

/** What the job store needs of an engine: statements with `?` placeholders. */
export interface JobSql {
  all(sql: string, params: unknown[]): Record<string, unknown>[];
  /** Rows changed. */
  run(sql: string, params: unknown[]): number;
  /** Whether the jobs table exists (a read-only store of an older schema has none). */
  ready(): boolean;
}

/** The jobs table, on either engine (JobEngine in engine.ts). */
export class JobStore {
  constructor(private readonly sql: JobSql) {}

  private one(sql: string, params: unknown[]): JobRecord | null {
    if (!this.sql.ready()) return null;
    const r = this.sql.all(sql, params)[0] as JobRow | undefined;
    return r ? record(r) : null;
  }

  /** A new running job of `replica`. */
  create(job: { id: string; file: string; replica: string; page?: number; pages?: number }, now: Date = new Date()): JobRecord {
    const at = now.toISOString();
    return this.one(
      `INSERT INTO jobs (id, file, state, page, pages, replica, cancel_requested, created_at, updated_at) VALUES (?, ?, 'running', ?, ?, ?, 0, ?, ?) RETURNING *`,
      [job.id, job.file, job.page ?? 0, job.pages ?? 0, job.replica, at, at],
    )!;
  }

  get(id: string): JobRecord | null {
    return this.one("SELECT * FROM jobs WHERE id = ?", [id]);
  }

  /**
   * The page being read, by the replica running the job; the row as it now is (its cancelRequested tells the
   * runner to stop), or null when the job is gone (purged) or no longer running.
   */
  progress(id: string, page: number, pages: number, now: Date = new Date()): JobRecord | null {
    return this.one("UPDATE jobs SET page = ?, pages = ?, updated_at = ? WHERE id = ? AND state = 'running' RETURNING *", [page, pages, now.toISOString(), id]);
  }

  /** End a running job (a job already ended keeps its end: a cancellation stands). The row, or null when it was not running. */
  finish(id: string, end: JobEnd, now: Date = new Date()): JobRecord | null {
    const at = now.toISOString();
    const error = end.state === "failed" ? end.error : null;
    const documentId = end.state === "done" ? end.documentId : null;
    const status = end.state === "done" ? end.status : null;
    return this.one(
      "UPDATE jobs SET state = ?, error = ?, document_id = ?, status = ?, updated_at = ?, finished_at = ? WHERE id = ? AND state = 'running' RETURNING *",
      [end.state, error, documentId, status, at, at, id],
    );
  }

  /** Ask the replica running a job to cancel it (any replica may); the row, or null when it was not running. Leaves the heartbeat (updated_at) as it is. */
  requestCancel(id: string): JobRecord | null {
    return this.one("UPDATE jobs SET cancel_requested = 1 WHERE id = ? AND state = 'running' RETURNING *", [id]);
  }

  /**
   * A running job whose heartbeat is older than `before` (its replica stopped and did not come back): failed with
   * `error`, in one statement that checks the heartbeat is still old (a runner that touched it meanwhile keeps it;
   * of two replicas doing this at once, one writes). The row as it now is (failed, or still running), or null when gone.
   */
  failStale(id: string, before: Date, error: string, now: Date = new Date()): JobRecord | null {
    const at = now.toISOString();
    const failed = this.one(
      "UPDATE jobs SET state = 'failed', error = ?, updated_at = ?, finished_at = ? WHERE id = ? AND state = 'running' AND updated_at < ? RETURNING *",
      [error, at, at, id, before.toISOString()],
    );
    return failed ?? this.get(id);
  }

  /** Running jobs of `replica`. */
  running(replica: string): JobRecord[] {
    if (!this.sql.ready()) return [];
    return (this.sql.all("SELECT * FROM jobs WHERE replica = ? AND state = 'running' ORDER BY created_at", [replica]) as JobRow[]).map(record);
  }

  /** Jobs that ended before `before` deleted; how many. */
  purge(before: Date): number {
    if (!this.sql.ready()) return 0;
    return this.sql.run("DELETE FROM jobs WHERE finished_at IS NOT NULL AND finished_at < ?", [before.toISOString()]);
  }
}

/** The job store of a SQLite database. */
export function sqliteJobs(db: Database.Database): JobStore {
  let ready = false;
  return new JobStore({
    all: (sql, params) => db.prepare(sql).all(...params) as Record<string, unknown>[],
    run: (sql, params) => db.prepare(sql).run(...params).changes,
    ready: () => (ready ||= db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'jobs'").get() !== undefined),
  });
}
