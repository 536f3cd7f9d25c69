// A file that cannot be ingested: `reason` is user-facing (zh-CN) and names the problem.
export type IngestErrorCode =
  | "empty"
  | "unknown-format"
  | "unsupported-format"
  | "corrupt"
  | "encrypted"
  | "no-text"
  | "encoding"
  | "too-large";

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
