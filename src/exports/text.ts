// Small text helpers shared by the renderers.

/** Remove characters XML (and so XLSX and DOCX) cannot hold: C0 controls other than tab and line feed. */
export function xmlSafe(s: string): string {
  return s.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");
}

/** Display width: two for CJK and other wide characters, one otherwise. */
export function displayWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      w += 2; // astral: CJK extension planes and emoji, both wide
      i++;
    } else
      w +=
        (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
        (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6)
          ? 2
          : 1;
  }
  return w;
}

/** Lines a text takes in a column `width` units wide with wrapping. */
export function wrappedLines(s: string, width: number): number {
  const usable = Math.max(1, width - 1);
  return s.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0);
}

/** A file name from a title: no path separators or characters Windows refuses, at most 80 characters. */
export function fileNameBase(title: string): string {
  const clean = title
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .replace(/[\\/:*?"<>|]/g, "_")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  return [...clean].slice(0, 80).join("") || "导出";
}
