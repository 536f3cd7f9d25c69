// Opening the SQLite store's file (store.ts): writable when the data directory allows it, its schema brought to
// the current version; else, when the directory or the disk cannot take a write (read-only, full), read-only,
// with the reason writes are refused.
import Database from "better-sqlite3";
import { accessSync, constants, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { migrate, newerSchemaError, SCHEMA_VERSION } from "./schema.ts";
import { openReadOnly } from "./readonly.ts";
import { cannotWrite, type StoreWriteError } from "./errors.ts";

/** Set up a connection that may write, its schema brought to the current version (writes only what is missing). */
function prepareWritable(db: Database.Database, dataDir: string): void {
  if (db.pragma("journal_mode", { simple: true }) !== "wal") db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  migrate(db, dataDir);
}

/** The database of `dataDir`, and why it cannot be written (null when it can). */
export function openDatabase(dataDir: string): { db: Database.Database; writeRefusal: StoreWriteError | null } {
  const file = join(dataDir, "policy.db");
  let db: Database.Database | null = null;
  let failure: unknown = null;
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
    db = new Database(file);
    prepareWritable(db, dataDir);
    return { db, writeRefusal: null };
  } catch (e) {
    try {
      db?.close();
    } catch {
      // a connection that could not be set up
    }
    failure = e;
    // A newer schema is refused whatever the directory allows; anything else may be a directory or
    // disk that cannot take a write (SQLite reports a full disk at open as an I/O error on its -shm file).
    const code = String((e as { code?: unknown })?.code ?? "");
    if (!/^(SQLITE_(FULL|IOERR|READONLY|CANTOPEN|PERM)|EROFS|EACCES|EPERM|ENOSPC|EDQUOT)/.test(code)) throw e;
  }
  // Not writable here: reads only. An empty, unwritable directory has nothing to read.
  const refusal = cannotWrite(dataDir, failure);
  if (!existsSync(file)) throw new Error(`数据目录 ${dataDir} 无法写入（${refusal.reason.replace("，文件未保存", "")}），且其中还没有数据库`);
  const ro = openReadOnly(file);
  const version = ro.pragma("user_version", { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    ro.close();
    throw newerSchemaError(dataDir, version);
  }
  return { db: ro, writeRefusal: refusal };
}
