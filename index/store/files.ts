// The original file of a document: its content type from the format the loader detected (the bytes),
// the file name from the name it was given.
import { imageFormatOf } from "../../extract/loaders/detect.ts";
const TYPES: Record<string, string> = {
  txt: "text/plain",
  html: "text/html",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  doc: "application/msword",
  ofd: "application/ofd",
};

export function contentTypeOf(format: string, bytes?: Buffer): string {
  // A scanned image is stored with the contract's paged format ("pdf"); its bytes say what it is.
  const image = bytes ? imageFormatOf(bytes) : null;
  if (image) return `image/${image}`;
  return TYPES[format] ?? "application/octet-stream";
}

export interface OriginalFile {
  name: string;
  contentType: string;
  bytes: Buffer;
}
