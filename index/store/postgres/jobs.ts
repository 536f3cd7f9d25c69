// Upload jobs on PostgreSQL: the shared job store (../jobs.ts) over this engine's connection. Job writes take
// no write lock and go to no change log: they change nothing the search index holds.
import { JobStore } from "../jobs.ts";
import type { PgConnection } from "./connection.ts";

/** `?` placeholders numbered as PostgreSQL's $1, $2, … (the statements hold no literal question marks). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function pgJobs(db: PgConnection): JobStore {
  return new JobStore({
    all: (sql, params) => db.all(numbered(sql), params),
    run: (sql, params) => db.all(`WITH done AS (${numbered(sql)} RETURNING 1) SELECT count(*)::int AS n FROM done`, params)[0]?.n as number,
    ready: () => true, // migrated on open
  });
}
