// Files of a persisted search index: a JSON manifest, a binary file of typed-array columns and the
// flexsearch export of the text indexes. Written to temporary names and renamed, manifest last; the
// three carry one snapshot id so that a torn write is seen as missing, never as a mixed index.
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
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

/** Write a snapshot into `dir` (which must exist). */
export function writeSnapshot(
  dir: string,
  manifest: Record<string, unknown>,
  columns: Record<string, ColumnArray>,
  textIndexes: Record<string, Index>,
): void {
  const snapshot = randomBytes(8).toString("hex");
  const tmp = (f: string) => join(dir, `${f}.${process.pid}.tmp`);

  // Columns: header, then per column: name, type, count, padding to 8, bytes.
  let fd = openSync(tmp(COLUMNS), "w");
  let pos = 0;
  const put = (b: Uint8Array) => {
    writeSync(fd, b);
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

  // Text indexes: one line per exported chunk, "<index>\t<key>\t<json>".
  fd = openSync(tmp(TEXT), "w");
  writeSync(fd, `${MAGIC}${snapshot}\n`);
  for (const [name, index] of Object.entries(textIndexes)) {
    index.export((key, data) => {
      writeSync(fd, `${name}\t${key}\t${data}\n`);
    });
  }
  closeSync(fd);

  const man = tmp(MANIFEST);
  fd = openSync(man, "w");
  writeSync(fd, JSON.stringify({ ...manifest, snapshot }));
  closeSync(fd);
  renameSync(tmp(COLUMNS), join(dir, COLUMNS));
  renameSync(tmp(TEXT), join(dir, TEXT));
  renameSync(man, join(dir, MANIFEST));
}

export interface Snapshot {
  manifest: SnapshotManifest;
  columns: Record<string, ColumnArray>;
  /** Import the exported text indexes into fresh indexes of the same names. */
  importText(textIndexes: Record<string, Index>): void;
}

/** The manifest alone (cheap): null when missing or unreadable. */
export function readManifest(dir: string): SnapshotManifest | null {
  const p = join(dir, MANIFEST);
  if (!existsSync(p)) return null;
  try {
    const m = JSON.parse(readFileSync(p, "utf8"));
    return m && typeof m.snapshot === "string" ? m : null;
  } catch {
    return null;
  }
}

/** Read a whole snapshot; null when missing, torn or corrupt. */
export function readSnapshot(dir: string, manifest = readManifest(dir)): Snapshot | null {
  if (!manifest) return null;
  try {
    const buf = readFileSync(join(dir, COLUMNS));
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
