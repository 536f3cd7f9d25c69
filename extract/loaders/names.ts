// File names as they are stored and shown: NFC, without characters that change how a name is displayed
// (bidi overrides made "报告\u202Efdp.txt" show as "报告txt.pdf") or hide in it, and not longer than the limit,
// cut before the extension so that the format stays recognisable.
import { LIMITS } from "./limits.ts";

// C0/C1 controls; bidi marks, embeddings, overrides and isolates (U+061C, U+200E–U+200F, U+202A–U+202E,
// U+2066–U+2069); zero-width characters and the BOM (U+200B–U+200D, U+2060, U+FEFF); soft hyphen.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]/g;

/** One name (no directories): normalised, cleaned and cut to LIMITS.names.maxNameChars code points. */
export function normaliseFileName(name: string, max: number = LIMITS.names.maxNameChars): string {
  const clean = name.normalize("NFC").replace(INVISIBLE, "").trim();
  const chars = Array.from(clean);
  if (chars.length <= max) return clean;
  const ext = /\.[A-Za-z0-9]{1,10}$/.exec(clean)?.[0] ?? "";
  return chars.slice(0, max - ext.length).join("").trimEnd() + ext;
}

/** A path with "/" separators: every segment normalised, the last one (the file name) also cut. */
export function normaliseSourcePath(path: string): string {
  const parts = path.split("/");
  return parts.map((p, i) => (i === parts.length - 1 ? normaliseFileName(p) : normaliseFileName(p, Infinity))).join("/");
}
