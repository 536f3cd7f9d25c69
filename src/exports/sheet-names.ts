// Excel worksheet names: at most 31 characters, none of : \ / ? * [ ], not starting or ending with
// an apostrophe, not "History" (reserved), not empty, unique without regard to case.

const MAX_SHEET_NAME = 31;

/** Cut to at most `max` UTF-16 units without splitting a surrogate pair. */
function cut(s: string, max: number): string {
  let out = "";
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/** One name made valid for Excel (and WPS): forbidden characters become full-width or are dropped. */
export function sanitiseSheetName(name: string, fallback = "工作表"): string {
  let s = name
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .replace(/[:：]/g, "：")
    .replace(/[\\/]/g, "－")
    .replace(/[?？]/g, "？")
    .replace(/\*/g, "＊")
    .replace(/\[/g, "（")
    .replace(/]/g, "）")
    .replace(/\s+/g, " ")
    .trim();
  s = cut(s, MAX_SHEET_NAME).replace(/^'+|'+$/g, "").trim();
  if (!s || s.toLowerCase() === "history") s = fallback;
  return s;
}

/** Valid names for several sheets, made unique by a "（2）" suffix inside the 31-character limit. */
export function uniqueSheetNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    const base = sanitiseSheetName(n);
    let candidate = base;
    for (let i = 2; used.has(candidate.toLowerCase()); i++) {
      const suffix = `（${i}）`;
      candidate = `${cut(base, MAX_SHEET_NAME - suffix.length).replace(/'+$/, "")}${suffix}`;
    }
    used.add(candidate.toLowerCase());
    return candidate;
  });
}
