// A database this process cannot write (read-only directory, full disk): opened read-only, or as an
// in-memory copy with the committed frames of its WAL log applied.
import Database from "better-sqlite3";
import { readFileSync } from "node:fs";

/**
 * Open a database that this process cannot write. First as SQLite would (a read-only connection
 * following other processes' commits); when that cannot work either (no room or no permission for
 * its -shm index), an in-memory copy: the database file with the committed frames of its -wal log
 * applied, as SQLite's own recovery would, so that nothing acknowledged is missing from the reads.
 */
export function openReadOnly(file: string): Database.Database {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    db.prepare("SELECT count(*) FROM sqlite_master").get();
    return db;
  } catch {
    // below: the in-memory copy
  }
  const image = Buffer.from(readFileSync(file));
  let wal: Buffer | null = null;
  try {
    wal = readFileSync(`${file}-wal`);
  } catch {
    // no log: the file alone is the database
  }
  const db = new Database(withWal(image, wal));
  db.pragma("query_only = ON");
  return db;
}

/** The database image with the committed frames of a WAL log applied (https://sqlite.org/fileformat2.html#walformat). */
export function withWal(image: Buffer, wal: Buffer | null): Buffer {
  let out = image;
  if (wal && wal.length >= 32) {
    const magic = wal.readUInt32BE(0);
    const pageSize = wal.readUInt32BE(8);
    if ((magic === 0x377f0682 || magic === 0x377f0683) && pageSize >= 512 && (pageSize & (pageSize - 1)) === 0) {
      const big = magic === 0x377f0683;
      const word = (b: Buffer, o: number) => (big ? b.readUInt32BE(o) : b.readUInt32LE(o));
      let s0 = 0;
      let s1 = 0;
      const sum = (b: Buffer, from: number, to: number) => {
        for (let o = from; o < to; o += 8) {
          s0 = (s0 + word(b, o) + s1) >>> 0;
          s1 = (s1 + word(b, o + 4) + s0) >>> 0;
        }
      };
      sum(wal, 0, 24);
      if (s0 === wal.readUInt32BE(24) && s1 === wal.readUInt32BE(28)) {
        const salt1 = wal.readUInt32BE(16);
        const salt2 = wal.readUInt32BE(20);
        const pending = new Map<number, number>(); // page → offset of its data in the log, since the last commit
        const committed = new Map<number, number>();
        let size = 0;
        for (let o = 32; o + 24 + pageSize <= wal.length; o += 24 + pageSize) {
          if (wal.readUInt32BE(o + 8) !== salt1 || wal.readUInt32BE(o + 12) !== salt2) break;
          sum(wal, o, o + 8);
          sum(wal, o + 24, o + 24 + pageSize);
          if (s0 !== wal.readUInt32BE(o + 16) || s1 !== wal.readUInt32BE(o + 20)) break;
          pending.set(wal.readUInt32BE(o), o + 24);
          const commitSize = wal.readUInt32BE(o + 4);
          if (commitSize) {
            for (const [page, at] of pending) committed.set(page, at);
            pending.clear();
            size = commitSize;
          }
        }
        if (size) {
          out = Buffer.alloc(size * pageSize);
          image.copy(out, 0, 0, Math.min(image.length, out.length));
          for (const [page, at] of committed) if (page <= size) wal.copy(out, (page - 1) * pageSize, at, at + pageSize);
        }
      }
    }
  }
  // An in-memory database cannot be in WAL mode: mark the image as a rollback-journal one.
  if (out.length >= 100 && out[18] === 2) {
    if (out === image) out = Buffer.from(image);
    out[18] = 1;
    out[19] = 1;
  }
  return out;
}
