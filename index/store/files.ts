// The original file of a document: its content type from the format the loader detected (the bytes),
// the file name from the name it was given.
const TYPES: Record<string, string> = {
  txt: "text/plain",
  html: "text/html",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  doc: "application/msword",
  ofd: "application/ofd",
};

export function contentTypeOf(format: string): string {
  return TYPES[format] ?? "application/octet-stream";
}

export interface OriginalFile {
  name: string;
  contentType: string;
  bytes: Buffer;
}
