// Writes the store cannot make (full disk, read-only directory, unknown document), with the reason in Chinese.
import { statfsSync } from "node:fs";

export type StoreWriteErrorCode = "disk-full" | "read-only" | "not-found" | "same-content";

/** A write the store cannot make; `reason` is user-facing (zh-CN). Nothing of the write was kept. */
export class StoreWriteError extends Error {
  constructor(
    readonly code: StoreWriteErrorCode,
    readonly reason: string,
  ) {
    super(reason);
    this.name = "StoreWriteError";
  }
}

export const DISK_FULL_REASON = "磁盘空间不足，文件未保存";
export const READ_ONLY_REASON = "数据目录只读，文件未保存";

/** A replacement whose content is already another stored document: nothing replaced (the user named the wrong file or the wrong document). */
function sameContentReason(replace: string, existing: { id: string; source: string }): string {
  return `文件内容与已入库的文件 ${existing.id}（${existing.source}）相同，未替换 ${replace}：请选择该文件的新版本，或直接使用已入库的文件`;
}

/** A replacement of a document the store does not hold. */
export const replaceNotFound = (replace: string) => new StoreWriteError("not-found", `没有编号为 ${replace} 的文件，无法替换`);

/**
 * A replacement of `replace` by content stored already as `existing` (another document): refused, as not found
 * when `replace` is no stored document (both stores).
 */
export function sameContentRefusal(replace: string, existing: { id: string; source: string }, replaceExists: boolean): StoreWriteError {
  return replaceExists ? new StoreWriteError("same-content", sameContentReason(replace, existing)) : replaceNotFound(replace);
}

/** SQLite and file-system errors that mean "cannot write here", as a StoreWriteError; others as they are. */
export function writeFailure(e: unknown): unknown {
  if (e instanceof StoreWriteError) return e;
  const code = String((e as { code?: unknown })?.code ?? "");
  if (code === "SQLITE_FULL" || code === "ENOSPC" || code === "EDQUOT") return new StoreWriteError("disk-full", DISK_FULL_REASON);
  if (code.startsWith("SQLITE_READONLY") || code === "EROFS" || code === "EACCES" || code === "EPERM") return new StoreWriteError("read-only", READ_ONLY_REASON);
  // SQLITE_IOERR_WRITE and friends on a full disk carry the reason in the message only.
  if (/database or disk is full|no space left/i.test(String((e as Error)?.message))) return new StoreWriteError("disk-full", DISK_FULL_REASON);
  return e;
}

/** Why a data directory cannot be written: full disk, read-only, or (otherwise) the error SQLite gave. */
export function cannotWrite(dataDir: string, failure: unknown): StoreWriteError {
  const known = writeFailure(failure);
  if (known instanceof StoreWriteError) return known;
  try {
    const fs = statfsSync(dataDir);
    if (fs.bavail * fs.bsize < 1 << 20) return new StoreWriteError("disk-full", DISK_FULL_REASON);
  } catch {
    // no file-system figures: the error's own words below
  }
  return new StoreWriteError("read-only", `数据库无法写入（${String((failure as Error)?.message ?? failure).slice(0, 80)}），文件未保存`);
}
