// Files of a persisted search index: a JSON manifest and one binary file of flat little-endian columns
// (typed arrays; strings as UTF-8 blobs with offsets; postings as flat arrays: flat/*). The binary file
// is a 32-byte header (magic, format version, snapshot id, number of sections) and the sections, each
// at a multiple of 8; the manifest holds the section table (name, type, offset, count), the file's
// length and CRC-32. Reading is one readFileSync and typed-array views over its buffer: nothing is
// parsed or copied. Written to temporary names and renamed, manifest last; both carry one snapshot id
// so that a torn write is seen as missing, never as a mixed index. The manifest carries, in its first
// field, the SHA-256 of the rest of its own text: a file changed in any way (even a still parseable
// manifest with changed digits, or one changed byte of the columns) is seen as corrupt and the index
// rebuilt. A write that fails (disk full) removes its temporary files.
// A process that starts from a snapshot can have its files read ahead (prefetchSnapshot: reads on
// libuv's threadpool) while its main thread does something else (loads the jieba dictionary); the
// read that follows takes that buffer when the file is still the same one, and checks it as any other
// (a large file's CRC-32 taken on a thread of its own as soon as it is read).
import { closeSync, existsSync, fstatSync, openSync, read, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync, type Stats } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import * as zlib from "node:zlib";
import { join } from "node:path";
import { Worker } from "node:worker_threads";

export const MANIFEST = "search-index.json";
const COLUMNS = "search-index.bin";
/** The text-index file of format 1 (flexsearch's export), removed with a snapshot. */
const OLD_TEXT = "search-index.fx";
const MAGIC = "PKSF";
const FILE_VERSION = 2;
const HEADER = 32;

export type ColumnArray = Uint8Array | Uint32Array | Int32Array;
type ColumnCtor = { new (b: ArrayBufferLike, o: number, n: number): ColumnArray; BYTES_PER_ELEMENT: number };
const TYPES: Record<number, ColumnCtor> = { 1: Uint8Array, 2: Uint32Array, 3: Int32Array };

function typeCode(a: ColumnArray): number {
  if (a instanceof Uint8Array) return 1;
  if (a instanceof Uint32Array) return 2;
  return 3;
}

/** CRC-32 (zlib's, in C; a table in JavaScript where node lacks it). */
const crc32: (data: Uint8Array, value?: number) => number =
  (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32 ??
  (() => {
    const table = Int32Array.from({ length: 256 }, (_, n) => {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      return c;
    });
    return (data: Uint8Array, value = 0) => {
      let c = ~value;
      for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 255] ^ (c >>> 8);
      return ~c >>> 0;
    };
  })();

export interface SnapshotManifest {
  snapshot: string;
  [field: string]: unknown;
}

/** A section of the binary file: name, type code, byte offset, element count. */
type Section = [name: string, type: number, offset: number, count: number];

const CHECKSUM_HEAD = '{"checksum":"';
const CHECKSUM_LEN = 64;

const sha256 = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");

/** Write a snapshot into `dir` (which must exist). */
export function writeSnapshot(dir: string, manifest: Record<string, unknown>, columns: Record<string, ColumnArray>): void {
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
    for (const f of [COLUMNS, MANIFEST]) rmSync(tmp(f), { force: true });
    throw e;
  }

  function write() {
    const sections: Section[] = [];
    let end = HEADER;
    for (const [name, arr] of Object.entries(columns)) {
      sections.push([name, typeCode(arr), end, arr.length]);
      end += arr.byteLength;
      end += (8 - (end % 8)) % 8;
    }
    fd = openSync(tmp(COLUMNS), "w");
    let pos = 0;
    let crc = 0;
    const put = (b: Uint8Array) => {
      for (let at = 0; at < b.byteLength; ) at += writeSync(fd, b, at);
      crc = crc32(b, crc);
      pos += b.byteLength;
    };
    const header = Buffer.alloc(HEADER);
    header.write(MAGIC, 0, "latin1");
    header.writeUInt32LE(FILE_VERSION, 4);
    header.write(snapshot, 8, "latin1");
    header.writeUInt32LE(sections.length, 24);
    put(header);
    Object.values(columns).forEach((arr, i) => {
      if (pos < sections[i][2]) put(Buffer.alloc(sections[i][2] - pos));
      if (arr.byteLength) put(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
    });
    if (pos < end) put(Buffer.alloc(end - pos));
    closeSync(fd);
    fd = -1;

    const man = tmp(MANIFEST);
    const body = JSON.stringify({ ...manifest, snapshot, fileVersion: FILE_VERSION, bytes: end, crc32: crc, sections });
    fd = openSync(man, "w");
    writeSync(fd, `${CHECKSUM_HEAD}${sha256(body)}",${body.slice(1)}`);
    closeSync(fd);
    fd = -1;
    renameSync(tmp(COLUMNS), join(dir, COLUMNS));
    renameSync(man, join(dir, MANIFEST));
    rmSync(join(dir, OLD_TEXT), { force: true });
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
  /** Views into the file's buffer (read: nothing copied); the buffer lives as long as any of them. */
  columns: Record<string, ColumnArray>;
}

// The last manifest read, by file identity, kept for one more read: the server reads it once to
// compare the store's change counter and once more to load the index, and a large one (a million
// measure ids) is neither parsed and hashed twice nor held on to afterwards.
let lastManifest: { path: string; key: string; manifest: SnapshotManifest } | null = null;

const identity = (st: Stats) => `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;

/** The manifest alone (cheap): null when missing, unreadable, or not matching its own checksum. */
export function readManifest(dir: string): SnapshotManifest | null {
  const p = join(dir, MANIFEST);
  if (!existsSync(p)) return null;
  try {
    const key = identity(statSync(p));
    const cached = lastManifest;
    lastManifest = null;
    if (cached && cached.path === p && cached.key === key) return cached.manifest;
    const pre = prefetched.get(p);
    prefetched.delete(p);
    const text = pre && pre.key === key ? pre.buf.toString("utf8") : readFileSync(p, "utf8");
    const end = CHECKSUM_HEAD.length + CHECKSUM_LEN;
    if (!text.startsWith(CHECKSUM_HEAD) || text.slice(end, end + 2) !== '",') return null;
    const body = `{${text.slice(end + 2)}`;
    if (sha256(body) !== text.slice(CHECKSUM_HEAD.length, end)) return null;
    const m = JSON.parse(body);
    if (!m || typeof m.snapshot !== "string" || m.snapshot.length !== 16) return null;
    lastManifest = { path: p, key, manifest: m };
    return m;
  } catch {
    return null;
  }
}

/** Files read ahead (manifest, columns), by path, with the identity of the file read. */
const prefetched = new Map<string, { key: string; buf: Buffer; crc?: number }>();

/**
 * Read the snapshot in `dir` (its manifest and columns file) into memory off the main thread (reads on
 * libuv's threadpool), for the next readManifest(dir) and readSnapshot(dir) to take. Resolves
 * when the reads are done (or failed, or there is no snapshot: the reads that follow find out for
 * themselves); never rejects.
 */
export function prefetchSnapshot(dir: string): Promise<void> {
  return Promise.all([readAhead(join(dir, MANIFEST)), readAhead(join(dir, COLUMNS), true)]).then(() => undefined);
}

// The CRC-32 of a columns file read ahead, taken on a thread of its own while the main thread is busy
// (zlib's, over the shared memory the file was read into).
const CRC_THREAD = `const { parentPort, workerData } = require("node:worker_threads");
parentPort.postMessage(require("node:zlib").crc32(new Uint8Array(workerData)));`;

/** CRC-32 of `buf` (shared memory) on another thread; undefined when no thread could do it. */
function crcOffThread(buf: Buffer): Promise<number | undefined> {
  if (!(zlib as { crc32?: unknown }).crc32 || !(buf.buffer instanceof SharedArrayBuffer)) return Promise.resolve(undefined);
  return new Promise((done) => {
    try {
      const w = new Worker(CRC_THREAD, { eval: true, workerData: buf.buffer });
      w.once("message", (crc: number) => done(crc));
      w.once("error", () => done(undefined));
      w.once("exit", () => done(undefined));
    } catch {
      done(undefined);
    }
  });
}

/**
 * One file read whole into `prefetched` on the threadpool; nothing when it cannot be read. The reads
 * are issued before this returns (opened and sized synchronously, microseconds): a main thread that
 * is busy right after (jieba) does not hold them up, only their completion waits for it.
 */
function readAhead(path: string, checked = false): Promise<void> {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return Promise.resolve(); // missing or unreadable: the read that follows finds out for itself
  }
  try {
    const st = fstatSync(fd);
    // Shared memory for a file whose CRC is taken on another thread.
    const buf = checked && st.size >= prefetchLimits.crcThreadMin ? Buffer.from(new SharedArrayBuffer(st.size)) : Buffer.allocUnsafeSlow(st.size);
    // In up to four parts at once (libuv's four threads): one read blocked on page faults does not hold up the rest.
    const part = Math.max(1 << 20, Math.ceil(st.size / READ_PARTS / 4096) * 4096);
    const parts: Promise<boolean>[] = [];
    for (let from = 0; from < st.size; from += part) parts.push(readRange(fd, buf, from, Math.min(st.size, from + part)));
    return Promise.all(parts)
      .then(async (done) => {
        if (!done.every(Boolean)) return;
        const crc = checked ? await crcOffThread(buf) : undefined;
        prefetched.set(path, { key: identity(st), buf, crc });
      })
      .finally(() => closeSync(fd));
  } catch {
    closeSync(fd);
    return Promise.resolve();
  }
}

const READ_PARTS = 4;
/** Below `crcThreadMin` bytes a file's CRC is taken on the main thread (a thread costs more than it saves). */
export const prefetchLimits = { crcThreadMin: 64 << 20 };

/** Bytes [from, to) of the file into the same range of `buf`; false when the file ends before or cannot be read. */
function readRange(fd: number, buf: Buffer, from: number, to: number): Promise<boolean> {
  return new Promise((done) => {
    const next = (at: number) => {
      if (at >= to) return done(true);
      read(fd, buf, at, to - at, at, (e, n) => (e || !n ? done(false) : next(at + n)));
    };
    next(from);
  });
}

/** Let go of files read ahead that no read took (the snapshot was stale or of another format). */
export function dropPrefetched(): void {
  prefetched.clear();
}

/** The columns file and its CRC-32: the prefetched buffer (and CRC taken meanwhile) when it is of this very file, else read now. */
function columnsFile(path: string): { buf: Uint8Array; crc: number } {
  const pre = prefetched.get(path);
  prefetched.delete(path);
  if (pre && pre.key === identity(statSync(path))) return { buf: pre.buf, crc: pre.crc ?? crc32(pre.buf) };
  const buf = readFileSync(path);
  return { buf, crc: crc32(buf) };
}

/** Read a whole snapshot; null when missing, torn or corrupt (length, CRC-32, header or section table). */
export function readSnapshot(dir: string, manifest = readManifest(dir)): Snapshot | null {
  if (!manifest) return null;
  try {
    const m = manifest as SnapshotManifest & { fileVersion?: unknown; bytes?: unknown; crc32?: unknown; sections?: unknown };
    if (m.fileVersion !== FILE_VERSION || typeof m.bytes !== "number" || typeof m.crc32 !== "number" || !Array.isArray(m.sections)) return null;
    let { buf, crc } = columnsFile(join(dir, COLUMNS));
    if (buf.byteLength !== m.bytes || crc !== m.crc32) return null;
    // A small file may sit in node's shared pool at any offset: copied then, to align its columns.
    if (buf.byteOffset % 8 !== 0) buf = new Uint8Array(buf);
    const header = Buffer.from(buf.buffer, buf.byteOffset, HEADER);
    if (header.toString("latin1", 0, 4) !== MAGIC || header.readUInt32LE(4) !== FILE_VERSION) return null;
    if (header.toString("latin1", 8, 24) !== manifest.snapshot || header.readUInt32LE(24) !== m.sections.length) return null;
    const columns: Record<string, ColumnArray> = {};
    for (const [name, type, offset, count] of m.sections as Section[]) {
      const Ctor = TYPES[type];
      if (!Ctor || offset % 8 !== 0 || offset < HEADER || offset + count * Ctor.BYTES_PER_ELEMENT > buf.byteLength) return null;
      columns[name] = new Ctor(buf.buffer, buf.byteOffset + offset, count);
    }
    return { manifest, columns };
  } catch {
    return null;
  }
}

/** Remove a snapshot's files. */
export function removeSnapshot(dir: string): void {
  for (const f of [MANIFEST, COLUMNS, OLD_TEXT]) rmSync(join(dir, f), { force: true });
}
