// A file that cannot be ingested: `reason` is user-facing (zh-CN) and names the problem.
export type IngestErrorCode =
  | "empty"
  | "unknown-format"
  | "unsupported-format"
  | "corrupt"
  | "encrypted"
  | "no-text"
  | "encoding"
  | "too-large" // the file itself is over the size limit
  | "limit" // the file is within size but its content exceeds a processing limit (entries, pages, depth, memory, time)
  | "busy" // too many files are being parsed at once; trying again later will work
  | "cancelled"; // the user cancelled the reading (a job's DELETE); nothing was stored

/** The reason given when the user cancelled a reading (code "cancelled"). */
export const CANCELLED_REASON = "已取消";

export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    readonly reason: string,
    readonly file?: string,
  ) {
    super(file ? `${file}：${reason}` : reason);
    this.name = "IngestError";
  }

  withFile(file: string): IngestError {
    return new IngestError(this.code, this.reason, file);
  }
}
