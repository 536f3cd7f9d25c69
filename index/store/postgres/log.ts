// The PostgreSQL change log read synchronously through the store's own connection: which documents the entries
// between two positions name. The replica that made a write applies them at once (src/search/own-writes.ts), the way
// its listener (changes.ts, asynchronous) applies other replicas' writes.
import type { ChangeEntry } from "./changes.ts";
import type { PgConnection } from "./connection.ts";

/**
 * Entries after `after` up to `upTo` (inclusive), oldest first: at most `limit`, else "many"; "gap" when the log
 * no longer holds what follows `after` (pruned past it, or a position of another database).
 */
export function loggedEntries(db: PgConnection, after: number, upTo: number, limit = 2000): ChangeEntry[] | "gap" | "many" {
  const [rows, bounds] = db.batch([
    { sql: "SELECT seq, doc_id, kind FROM store_changes WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3", params: [after, upTo, limit + 1] },
    { sql: "SELECT min(seq) AS first, max(seq) AS last FROM store_changes" },
  ]);
  if (rows.length > limit) return "many";
  const first = bounds[0]?.first;
  const last = bounds[0]?.last;
  // An empty log: only position 0 follows it. Else the entry after `after` must still be kept, and the log reach `after`.
  const gap = first === null || first === undefined ? after > 0 : Number(first) > after + 1 || Number(last) < after;
  if (gap) return "gap";
  return rows.map((x) => ({ seq: Number(x.seq), docId: (x.doc_id as string | null) ?? null, kind: String(x.kind) }));
}

/** The newest entry that changed a document (added, removed, corrected), leaving out task progress: what the comparison index follows. */
export function documentHead(db: PgConnection): number {
  return Number(db.value("SELECT coalesce(max(seq), 0) FROM store_changes WHERE kind <> 'tasks'") ?? 0);
}
