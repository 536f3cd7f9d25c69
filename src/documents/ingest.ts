// Ingest files and folders into the store: load, repair, segment, extract, write. Collects a summary.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import { loadBuffer, MAX_FILE_BYTES, normaliseFileName, normaliseSourcePath, type LoadOptions } from "../../extract/loaders/index.ts";
import { extractDocument } from "../../extract/document.ts";
import { IngestError } from "../../extract/errors.ts";
import { StoreWriteError, type IngestOptions, type IngestOutcome } from "../../index/store/store.ts";
import type { StoreEngine as Store } from "../../index/store/engine.ts";

const INGESTIBLE = /\.(txt|text|html?|shtml|xhtml|pdf|docx?|ofd|png|jpe?g|tiff?)$/i;

export interface IngestReport {
  added: string[];
  replaced: string[];
  unchanged: string[];
  duplicate: { file: string; existing: string }[];
  refused: { file: string; reason: string }[];
}

export function emptyReport(): IngestReport {
  return { added: [], replaced: [], unchanged: [], duplicate: [], refused: [] };
}

/** Expand files and folders (recursively; hidden entries skipped) into a sorted file list. */
export function collectFiles(inputs: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith(".")) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && INGESTIBLE.test(e.name)) files.push(p);
    }
  };
  for (const input of inputs) {
    let st;
    try {
      st = statSync(input);
    } catch {
      missing.push(input);
      continue;
    }
    if (st.isDirectory()) walk(input);
    else files.push(input);
  }
  return { files, missing };
}

/** The stored source name: the path relative to the working directory, with "/" separators. */
export function sourceName(file: string): string {
  const rel = relative(process.cwd(), file);
  return normaliseSourcePath((rel.startsWith("..") ? file : rel).split(sep).join("/"));
}

/** Make a user-supplied file name safe to show and store: no directories, no control characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = normaliseFileName(base).replace(/^\.+/, "").trim(); // NFC, no bidi/zero-width, cut keeping the extension
  return clean || "unnamed";
}

/**
 * Load, extract and store one file. `identity` says what it may replace (see IngestOptions): the CLI
 * replaces the document of the same source path; uploads ("new") replace nothing unless the user
 * names the document to replace. A store that cannot be written refuses before the file is read.
 * `corrections`: metadata given with the file (upload form fields), stored with it.
 */
export async function ingestBuffer(
  store: Store,
  buf: Buffer,
  source: string,
  identity?: IngestOptions["identity"],
  corrections?: IngestOptions["corrections"],
  load: LoadOptions = {}, // OCR progress and cancellation
): Promise<IngestOutcome> {
  if (store.writeRefusal) throw store.writeRefusal;
  const loaded = await loadBuffer(buf, source, load);
  const doc = extractDocument(loaded, source);
  if (doc.document.measures.length === 0 && doc.repaired.length < 20) {
    throw new IngestError("no-text", "文件中没有可识别的正文", source);
  }
  // The file itself is kept beside what was read from it (served back byte for byte).
  return store.ingest(doc, { identity, file: { bytes: buf, name: posix.basename(source) }, corrections, ...store.ocrQualityWrite(doc) });
}

export async function ingestFile(store: Store, file: string, report: IngestReport, load: LoadOptions = {}): Promise<void> {
  const source = sourceName(file);
  try {
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES) throw new IngestError("too-large", `文件过大（${(size / 1048576).toFixed(1)} MB，上限 ${MAX_FILE_BYTES / 1048576} MB）`, source);
    const out = await ingestBuffer(store, readFileSync(file), source, undefined, undefined, load);
    if (out.status === "duplicate") report.duplicate.push({ file: source, existing: out.existingSource! });
    else report[out.status].push(source);
  } catch (e) {
    const reason = e instanceof IngestError || e instanceof StoreWriteError ? e.reason : `读取失败（${String((e as Error)?.message ?? e).slice(0, 100)}）`;
    report.refused.push({ file: source, reason });
  }
}
