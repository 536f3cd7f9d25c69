// Files of a persisted search index: a JSON manifest, a binary file of typed-array columns and the
// flexsearch export of the text indexes. Written to temporary names and renamed, manifest last; the
// three carry one snapshot id so that a torn write is seen as missing, never as a mixed index.
// The manifest carries the SHA-256 of each data file and, in its first field, the SHA-256 of the rest
// of its own text: a file changed in any way (even a still parseable manifest with changed digits)
// is seen as corrupt and the index rebuilt. A write that fails (disk full) removes its temporary files.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Index } from "flexsearch";

export const MANIFEST = "search-index.json";
const COLUMNS = "search-index.bin";
const TEXT = "search-index.fx";
const MAGIC = "PKSI";

export type ColumnArray = Uint8Array | Uint32Array | Int32Array;
const TYPES: [number, { new (b: ArrayBuffer, o: number, n: number): ColumnArray; BYTES_PER_ELEMENT: number }][] = [
  [1, Uint8Array],
  [2, Uint32Array],
  [3, Int32Array],
];

function typeCode(a: ColumnArray): number {
  if (a instanceof Uint8Array) return 1;
  if (a instanceof Uint32Array) return 2;
  return 3;
}

export interface SnapshotManifest {
  snapshot: string;
  [field: string]: unknown;
}

const CHECKSUM_HEAD = '{"checksum":"';
const CHECKSUM_LEN = 64;

const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");

/** Write a snapshot into `dir` (which must exist). */
export function writeSnapshot(
  dir: string,
  manifest: Record<string, unknown>,
  columns: Record<string, ColumnArray>,
  textIndexes: Record<string, Index>,
): void {
  const snapshot = randomBytes(8).toString("hex");
  const tmp = (f: string) => join(dir, `${f}.${process.pid}.tmp`);
  lastManifest = null;
  let fd = -1;
  try {
    write();
  } catch (e) {
    try {
      if (fd >= 0) closeSync(fd);
    } catch {
      // closing a file the disk could not take: nothing more to lose
    }
    for (const f of [COLUMNS, TEXT, MANIFEST]) rmSync(tmp(f), { force: true });
    throw e;
  }

  function write() {
    // Columns: header, then per column: name, type, count, padding to 8, bytes.
    fd = openSync(tmp(COLUMNS), "w");
    let pos = 0;
    let hash = createHash("sha256");
    const put = (b: Uint8Array) => {
      writeSync(fd, b);
      hash.update(b);
      pos += b.byteLength;
    };
    const u32 = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32LE(n);
      return b;
    };
    put(Buffer.from(MAGIC + snapshot));
    for (const [name, arr] of Object.entries(columns)) {
      const nb = Buffer.from(name);
      put(u32(nb.length));
      put(nb);
      put(Buffer.from([typeCode(arr)]));
      put(u32(arr.length));
      put(Buffer.alloc((8 - (pos % 8)) % 8));
      if (arr.byteLength) put(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
    }
    closeSync(fd);
    fd = -1;
    const columnsSha256 = hash.digest("hex");

    // Text indexes: one line per exported chunk, "<index>\t<key>\t<json>".
    fd = openSync(tmp(TEXT), "w");
    hash = createHash("sha256");
    const line = (t: string) => {
      const b = Buffer.from(t);
      writeSync(fd, b);
      hash.update(b);
    };
    line(`${MAGIC}${snapshot}\n`);
    for (const [name, index] of Object.entries(textIndexes)) {
      index.export((key, data) => {
        line(`${name}\t${key}\t${data}\n`);
      });
    }
    closeSync(fd);
    fd = -1;
    const textSha256 = hash.digest("hex");

    const man = tmp(MANIFEST);
    const body = JSON.stringify({ ...manifest, snapshot, columnsSha256, textSha256 });
    fd = openSync(man, "w");
    writeSync(fd, `${CHECKSUM_HEAD}${sha256(body)}",${body.slice(1)}`);
    closeSync(fd);
    fd = -1;
    renameSync(tmp(COLUMNS), join(dir, COLUMNS));
    renameSync(tmp(TEXT), join(dir, TEXT));
    renameSync(man, join(dir, MANIFEST));
  }
}

/**
 * Remove temporary files left in `dir` by snapshot writes that did not finish (a crash, a full disk).
 * A file whose writer (the pid in its name) is still running is left alone. Returns the names removed.
 */
export function removeTemporaries(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = /\.(\d+)\.tmp$/.exec(name) ?? /\.tmp$/.exec(name);
    if (!m) continue;
    const pid = m[1] ? Number(m[1]) : 0;
    if (pid && pid !== process.pid && alive(pid)) continue;
    try {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    } catch {
      // not ours to remove (read-only directory): left as it is
    }
  }
  return removed;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface Snapshot {
  manifest: SnapshotManifest;
  columns: Record<string, ColumnArray>;
  /** Import the exported text indexes into fresh indexes of the same names. */
  importText(textIndexes: Record<string, Index>): void;
}

// The last manifest read, by file identity, kept for one more read: the server reads it once to
// compare the store's change counter and once more to load the index, and a large one (a million
// measure ids) is neither parsed and hashed twice nor held on to afterwards.
let lastManifest: { path: string; key: string; manifest: SnapshotManifest } | null = null;

/** The manifest alone (cheap): null when missing, unreadable, or not matching its own checksum. */
export function readManifest(dir: string): SnapshotManifest | null {
  const p = join(dir, MANIFEST);
  if (!existsSync(p)) return null;
  try {
    const st = statSync(p);
    const key = `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
    const cached = lastManifest;
    lastManifest = null;
    if (cached && cached.path === p && cached.key === key) return cached.manifest;
    const text = readFileSync(p, "utf8");
    const end = CHECKSUM_HEAD.length + CHECKSUM_LEN;
    if (!text.startsWith(CHECKSUM_HEAD) || text.slice(end, end + 2) !== '",') return null;
    const body = `{${text.slice(end + 2)}`;
    if (sha256(body) !== text.slice(CHECKSUM_HEAD.length, end)) return null;
    const m = JSON.parse(body);
    if (!m || typeof m.snapshot !== "string" || typeof m.columnsSha256 !== "string" || typeof m.textSha256 !== "string") return null;
    lastManifest = { path: p, key, manifest: m };
    return m;
  } catch {
    return null;
  }
}

/** Read a whole snapshot; null when missing, torn or corrupt. */
export function readSnapshot(dir: string, manifest = readManifest(dir)): Snapshot | null {
  if (!manifest) return null;
  try {
    const buf = readFileSync(join(dir, COLUMNS));
    if (sha256(buf) !== manifest.columnsSha256) return null;
    const head = MAGIC + manifest.snapshot;
    if (buf.toString("latin1", 0, head.length) !== head) return null;
    let pos = head.length;
    const columns: Record<string, ColumnArray> = {};
    while (pos < buf.length) {
      const nl = buf.readUInt32LE(pos);
      const name = buf.toString("utf8", pos + 4, pos + 4 + nl);
      pos += 4 + nl;
      const code = buf[pos];
      const count = buf.readUInt32LE(pos + 1);
      pos += 5;
      pos += (8 - (pos % 8)) % 8;
      const entry = TYPES.find(([c]) => c === code);
      if (!entry) return null;
      const Ctor = entry[1];
      const bytes = count * Ctor.BYTES_PER_ELEMENT;
      // Copy out of the file buffer: aligned, and the file buffer can go.
      const copy = new ArrayBuffer(bytes);
      new Uint8Array(copy).set(buf.subarray(pos, pos + bytes));
      columns[name] = new Ctor(copy, 0, count);
      pos += bytes;
    }
    const textPath = join(dir, TEXT);
    const text = readFileSync(textPath);
    if (sha256(text) !== manifest.textSha256) return null;
    const textHead = `${MAGIC}${manifest.snapshot}\n`;
    if (text.toString("latin1", 0, textHead.length) !== textHead) return null;
    return {
      manifest,
      columns,
      importText(textIndexes) {
        let p = textHead.length;
        while (p < text.length) {
          const nl = text.indexOf(10, p);
          const t1 = text.indexOf(9, p);
          const t2 = text.indexOf(9, t1 + 1);
          if (nl < 0 || t1 < 0 || t2 < 0 || t2 > nl) throw new Error("索引文件已损坏");
          const index = textIndexes[text.toString("utf8", p, t1)];
          // Chunks are JSON text (flexsearch's own export format).
          if (index) index.import(text.toString("utf8", t1 + 1, t2), text.toString("utf8", t2 + 1, nl));
          p = nl + 1;
        }
      },
    };
  } catch {
    return null;
  }
}

/** Remove a snapshot's files. */
export function removeSnapshot(dir: string): void {
  for (const f of [MANIFEST, COLUMNS, TEXT]) rmSync(join(dir, f), { force: true });
}
