// A task table whose cells were run together into one line, split back into tab rows:
// "1发布一批…科技成果包科技部会同有关部门2016年6月底前完成2建立…"
// Rows are told apart by their next row number, the unit cell read backwards from the row's end by known
// names, and an optional deadline cell at the very end. Pure functions.

import nationalBodies from "../data/national-bodies.json" with { type: "json" };
import { isBody } from "../fields/unit-aliases.ts";
import { isGroup } from "../fields/unit-clauses.ts";

/** A header cell naming units (牵头单位, 责任部门 …), and one naming the deadline (完成时限 …). */
export const HEADER_UNIT = /牵头|责任|负责|配合|指导|主体|单位|部门/;
export const HEADER_DEADLINE = /时限|时间|进度|期限|完成/;


// A row number: the next integer, not part of a longer number, a date or a count.
const rowStart = (n: number) => new RegExp(`(?<![0-9０-９.．])${n}(?![0-9０-９年月日号个项家名人万亿元千百条款期批次届级岁天周倍种所台套座位吨亩米度%．.])(?=[\\u4e00-\\u9fff“《])`, "g");
// The deadline cell at the end of a row.
const DEADLINE_CELL =
  /(?:(?:\d{4}年(?:\d{1,2}月)?(?:底|末|年底)?(?:前|以前|之前)?|\d{4}—\d{4}年|年底前|长期|持续推进|逐步推进|每年|按季|按年)[\u4e00-\u9fff，、]{0,14})$/;
const UNIT_SEP = /(?:、|，|,|会同|及|和|与)$/;
const bodyNames = new Set<string>(nationalBodies.names);
const LOCAL_PREFIX = /^(?:省|市|县|区|自治区|州)/;

/** The unit list at the end of `s`, read backwards by known names, generic groups and 市/省-prefixed bodies. */
function trailingUnits(s: string): number {
  let end = s.length;
  let start = -1;
  for (;;) {
    let e = end;
    if (s.slice(0, e).endsWith("等")) e--;
    let found = -1;
    for (let len = Math.min(20, e); len >= 2; len--) {
      const cand = s.slice(e - len, e);
      if (bodyNames.has(cand) || isGroup(cand)) {
        found = e - len;
        break;
      }
    }
    if (found < 0)
      for (let len = 3; len <= Math.min(14, e); len++) {
        const cand = s.slice(e - len, e);
        if (LOCAL_PREFIX.test(cand) && isBody(cand)) {
          found = e - len;
          break;
        }
      }
    if (found < 0) break;
    start = found;
    const sep = UNIT_SEP.exec(s.slice(Math.max(0, found - 2), found));
    if (!sep) break;
    end = found - sep[0].length;
  }
  return start;
}

/** The rows of `body` under `header` (序号 first, one unit column, an optional deadline column last); [] when they cannot be told apart. */
export function flatRows(header: string[], body: string): string[] {
  const unitCol = header.findIndex((h, k) => k > 0 && HEADER_UNIT.test(h));
  const deadlineCol = header.findIndex((h, k) => k > 0 && HEADER_DEADLINE.test(h) && !HEADER_UNIT.test(h));
  const units = header.filter((h, k) => k > 0 && HEADER_UNIT.test(h)).length;
  // One unit column, then an optional deadline column, at the end of the row.
  if (unitCol < 0 || units > 1 || (deadlineCol >= 0 && deadlineCol !== header.length - 1) || unitCol < header.length - 2) return [];
  const starts: number[] = [0];
  for (let n = 2; ; n++) {
    const re = rowStart(n);
    re.lastIndex = starts[starts.length - 1] + 4;
    const m = re.exec(body);
    if (!m) break;
    starts.push(m.index);
  }
  const rows: string[] = [];
  starts.forEach((from, k) => {
    const n = k + 1;
    let row = body.slice(from + String(n).length, k + 1 < starts.length ? starts[k + 1] : body.length);
    let deadline = "";
    if (deadlineCol >= 0) {
      const d = DEADLINE_CELL.exec(row);
      if (d) {
        deadline = d[0];
        row = row.slice(0, d.index);
      }
    }
    const u = trailingUnits(row);
    const cells = new Array<string>(header.length).fill("");
    cells[0] = String(n);
    cells[unitCol] = u > 0 ? row.slice(u) : "";
    cells[1] = u > 0 ? row.slice(0, u) : row;
    if (deadlineCol >= 0) cells[deadlineCol] = deadline;
    rows.push(cells.join("\t"));
  });
  // Rows that could not be told apart are no table.
  return rows.length >= 2 && rows.every((r) => r.split("\t")[1].length > 0) ? rows : [];
}
