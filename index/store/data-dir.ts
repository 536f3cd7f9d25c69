// The data directory: DATA_DIR, default data/ (the SQLite store, the index snapshot, uploads' originals).
import { resolve } from "node:path";

export function defaultDataDir(): string {
  return resolve(process.env.DATA_DIR || "data");
}
