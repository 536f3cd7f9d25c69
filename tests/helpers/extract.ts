import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { loadBuffer } from "../../extract/loaders/index.ts";
import { extractDocument, type ExtractedDocument } from "../../extract/document.ts";

export async function extractFile(file: string, source = basename(file)): Promise<ExtractedDocument> {
  return extractDocument(await loadBuffer(readFileSync(file), source), source);
}

export const squash = (s: string) => s.replace(/\s+/g, "");
