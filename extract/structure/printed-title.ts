// The printed form of a title found in the repaired text (the path segment of an enclosed document keeps it).
const WIDE: Record<string, string> = { "(": "(（", ")": ")）", "-": "\\-－" };
/**
 * A title as the original prints it ("长三角交通领域“一码通行”工作任务分工表（2023-2025年）"): the repaired text has ASCII brackets
 * and digits; the path segment keeps the printed forms (contract: "as printed, white space removed").
 */
export function printedTitle(title: string, printed: string | undefined): string {
  if (!printed) return title;
  const cls = (c: string) => {
    if (WIDE[c]) return `[${WIDE[c]}]`;
    if (/[0-9A-Za-z]/.test(c)) return `[${c}${String.fromCharCode(c.charCodeAt(0) + 0xfee0)}]`;
    return c.replace(/[.*+?^${}|[\]\\]/g, "\\$&");
  };
  const re = new RegExp([...title].map(cls).join("[\\s\\u3000]*"));
  return re.exec(printed)?.[0].replace(/[\s\u3000]+/g, "") ?? title;
}
