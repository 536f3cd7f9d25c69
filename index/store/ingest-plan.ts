// How an ingest decides, the same on both engines (store.ts, postgres/store.ts), inside the engine's write
// transaction: the same content again is unchanged (same source) or a duplicate (another source), a
// replacement of another document by content stored already is refused; otherwise the version it replaces
// (IngestOptions.identity) goes, its tasks' progress carried over to this one (task-match.ts), and the
// document is written under its source or a free variant of it. The engine gives the reads and writes.
import type { ExtractedDocument } from "../../extract/document.ts";
import type { Measure } from "../../extract/schema.ts";
import type { MetadataPatch } from "./overrides.ts";
import type { IngestOptions, IngestOutcome } from "./types.ts";
import { replaceNotFound, sameContentRefusal } from "./errors.ts";
import { isVariantOf, variantOf } from "./variants.ts";
import { planCarryOver, type CarryOverPlan, type Retiring } from "./task-match.ts";

/** The engine's reads and writes an ingest is made of, each inside the write transaction. */
export interface IngestSteps {
  /** The source of the stored document with this id (undefined: none). */
  sourceOf(id: string): string | undefined;
  /** The id of the document stored under `source` (undefined: none). */
  idAt(source: string): string | undefined;
  /** Delete the document with this id (by: "id") or under this source (by: "source"); its id, when there was one. */
  remove(by: "id" | "source", key: string): string | undefined;
  /** A document about to be replaced, with its tasks that have progress (null: none). */
  retiring(id: string): Retiring | null;
  insert(doc: ExtractedDocument, source: string): void;
  /** Keep the original file of document `id` (`ifMissing`: unless it has one already). */
  insertFile(id: string, format: string, file: { bytes: Buffer; name: string }, ifMissing: boolean): void;
  correct(id: string, patch: MetadataPatch, by: string): void;
  /** A new document stored without corrections given: corrections kept from an earlier time this content was stored, the library's facts. */
  followKept(doc: ExtractedDocument): void;
  measuresOf(id: string): Measure[];
  carryOver(plan: CarryOverPlan): void;
  /** The change log's entries (PostgreSQL; SQLite counts by triggers). */
  logged?(id: string, kind: "added" | "removed"): void;
}

/** `ingest`'s options: a bare function is the `beforeCommit` of the tests. */
export function ingestOptions(options: IngestOptions | (() => void)): IngestOptions {
  return typeof options === "function" ? { beforeCommit: options } : options;
}

/** Write one document by `steps` (inside the engine's transaction). */
export function ingestWith(steps: IngestSteps, doc: ExtractedDocument, opts: IngestOptions): IngestOutcome {
  const identity = opts.identity ?? "source";
  const d = doc.document;
  const same = steps.sourceOf(d.id);
  if (same !== undefined) {
    // A replacement of another document by content stored already: refused (it would leave both, or replace nothing).
    if (typeof identity === "object" && identity.replace !== d.id) throw sameContentRefusal(identity.replace, { id: d.id, source: same }, steps.sourceOf(identity.replace) !== undefined);
    // The same file again (under its own name or the variant it was stored under), or a replacement by itself.
    const itself = same === d.source || (identity === "new" && isVariantOf(same, d.source)) || typeof identity === "object";
    // A document stored before files were kept gets its file now; corrections given with it apply to it.
    if (opts.file) steps.insertFile(d.id, d.format, opts.file, true);
    if (opts.corrections) steps.correct(d.id, opts.corrections.patch, opts.corrections.by);
    return itself ? { status: "unchanged", id: d.id, source: same } : { status: "duplicate", id: d.id, existingSource: same };
  }
  let old: string | undefined;
  let source = d.source;
  // The version replaced: its tasks' progress goes over to the matching tasks of this one (task-match.ts).
  const oldId = typeof identity === "object" ? identity.replace : identity === "source" ? steps.idAt(source) : undefined;
  const retiring = oldId ? steps.retiring(oldId) : null;
  if (typeof identity === "object") {
    old = steps.remove("id", identity.replace);
    if (old === undefined) throw replaceNotFound(identity.replace);
  }
  if (identity === "source") old = steps.remove("source", source);
  else for (let n = 2; steps.idAt(source) !== undefined; n++) source = variantOf(d.source, n);
  if (old !== undefined) steps.logged?.(old, "removed");
  steps.insert(doc, source);
  if (opts.file) steps.insertFile(d.id, d.format, opts.file, false);
  if (opts.corrections) steps.correct(d.id, opts.corrections.patch, opts.corrections.by);
  else steps.followKept(doc);
  if (retiring) steps.carryOver(planCarryOver(retiring, { id: d.id, measures: steps.measuresOf(d.id) }));
  steps.logged?.(d.id, "added");
  opts.beforeCommit?.();
  return { status: old !== undefined ? "replaced" : "added", id: d.id, source };
}
