// iCalendar (RFC 5545) text encoding: TEXT value escaping, content-line folding at 75 octets, dates.

/** Escape a TEXT value: backslash, semicolon, comma and line breaks (§3.3.11). */
export function icsEscape(s: string): string {
  return s.replace(/\r\n?/g, "\n").replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\n/g, "\\n");
}

/**
 * Fold a content line so no line is longer than 75 octets (§3.1): continuation lines start with a
 * space, and a UTF-8 sequence is never split.
 */
export function icsFold(line: string): string {
  const out: string[] = [];
  let cur = "";
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, "utf8");
    if (octets + n > limit) {
      out.push(cur);
      cur = " ";
      octets = 1;
      limit = 75;
    }
    cur += ch;
    octets += n;
  }
  out.push(cur);
  return out.join("\r\n");
}

/** YYYY-MM-DD → YYYYMMDD (a DATE value). */
export function icsDate(iso: string): string {
  return iso.replace(/-/g, "");
}

/** A UTC DATE-TIME value (YYYYMMDDTHHMMSSZ). */
export function icsDateTime(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}
