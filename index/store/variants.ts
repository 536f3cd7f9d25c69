// Names of documents that share a source path: "a/通知.txt", then "a/通知 (2).txt" … (both store engines).
import { posix } from "node:path";

/** A free variant of `source` ("a/通知.txt" → "a/通知 (2).txt"). */
export function variantOf(source: string, n: number): string {
  const ext = posix.extname(source);
  const stem = ext && ext !== source ? source.slice(0, -ext.length) : source;
  return `${stem} (${n})${ext}`;
}

/** Whether `stored` is `source` or one of its variants. */
export function isVariantOf(stored: string, source: string): boolean {
  if (stored === source) return true;
  const ext = posix.extname(source);
  const stem = ext && ext !== source ? source.slice(0, -ext.length) : source;
  return stored.startsWith(`${stem} (`) && stored.endsWith(`)${ext}`) && /^\d+$/.test(stored.slice(stem.length + 2, stored.length - ext.length - 1));
}
