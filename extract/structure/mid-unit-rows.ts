// Rows of a one-cell-a-line 任务分工表 whose unit columns stand before its task columns (上海 2024 城市综合交通体系 任务分解表,
// tests/data/unseen13h: "序号 / 内容 / 牵头部门 / 配合部门 / 2024年工作任务 / 2025年工作计划 / 备注"; 淮南 2025 政府工作报告 落实情况 on a public
// page: "序号 | / 主要任务 | / 牵头单位 | / 落实情况 |"). Such a row does not line up with the header cell for cell: a task cell merged
// over rows is printed in its first row only, an empty unit cell is printed "—", a unit cell may hold several names one a line,
// and a later cell may hold several numbered lines ("1.… / 2.… / 3.…"). The row's unit run places it instead.
import rules from "../data/repair-rules.json" with { type: "json" };
import { unitLike } from "./cell-tables.ts";
import { HEADER_DEADLINE } from "./run-together-rows.ts";
import { nextFilled, SECTION, SEQ, squash, UNIT_COLUMN } from "./text-tables.ts";

const EMPTY_CELL = new Set(rules.emptyTableCells);
// A later column that is only a remark (备注) is never filled at a table's last row: the lines after it are no row's. Later
// columns naming people or remarks only (郧阳 2023 "牵头单位 / 责任单位 / 责任人", unseen6b) make no task columns after the units.
const REMARK_COLUMN = /^(?:备注|说明)$/;
const PEOPLE_OR_REMARK = /责任人|领导|联系人|备注|说明/;
const NUMBERED = /^(\d{1,2})[.．、](?!\d)/;
const CLAUSE_END = /[。；;]$/;
const PLATE_LINE = /^[（(][^()（）]{2,20}[)）]$/;
const SHORT_NAME = /^[\u4e00-\u9fffA-Za-z]{2,8}$/;
// A progress column's cell opening with a time of the year, a year or a month ("三季度：…", "四季度完成", "2025年6月").
const TIME_CELL = new RegExp(`^(?:${rules.timeCellOpeners.join("|")}|\\d{4}年|\\d{1,2}月)`);

/** [first, end) of the header's unit columns where task columns follow them; null for any other header. */
export function midUnitColumns(header: string[]): [number, number] | null {
  const first = header.findIndex((h, k) => k > 0 && UNIT_COLUMN(h));
  if (first < 2) return null;
  let end = first;
  while (end < header.length && UNIT_COLUMN(header[end])) end++;
  if (end === header.length || header.slice(end).some(UNIT_COLUMN) || header.slice(end).every((h) => PEOPLE_OR_REMARK.test(h))) return null;
  return [first, end];
}

// A unit cell: a list of names, no clause ("…要求报送市发展改革委。" ends like a body but is task text).
const isUnitLine = (v: string) => EMPTY_CELL.has(v) || (v.length <= 60 && !/[。；;，,：:]/.test(v) && unitLike(v));

/**
 * The row whose 序号 (`n`) is line k, under a header with unit columns [u0, u1) followed by task columns: its lines run to the
 * next row's 序号 or a section row; its first run of unit lines (names, or "—" for an empty cell) fills the unit columns from the
 * left, the last of them taking the rest (a cell printing one name a line); the lines before the run are its task cells (none:
 * the cell is merged with the row above); the lines after it fill the later columns, a cell going on while its lines number on
 * (1. 2. 3.). Null where the row has no unit run, or more lines before it than task columns.
 */
export function midUnitRow(lines: string[], k: number, header: string[], cols: [number, number], n: number): { cells: string[]; end: number } | null {
  const [u0, u1] = cols;
  const span: number[] = [];
  let lastRow = true; // no next row or section row after it: the table ends with this row
  for (let c = nextFilled(lines, k + 1); c >= 0; c = nextFilled(lines, c + 1)) {
    const v = squash(lines[c]);
    if ((SEQ.test(v) && Number(v) === n + 1) || (SECTION.test(v) && v.length <= 60)) {
      lastRow = false;
      break;
    }
    if (/^附[件表]\d{0,2}[:：]?$/.test(v)) break;
    span.push(c);
  }
  const at = span.findIndex((c) => isUnitLine(squash(lines[c])));
  if (at < 0) return null;
  // More lines before the run than task columns: a task cell printed one clause a line (集运MaaS 推进任务分解表, 沪交科〔2023〕775号,
  // tests/data/unseen14d: "1 / 一门式查询 / 先行实现…； / 实现…； / 基本实现…。 / 市交通委 / …"; "5 / 提高区块链 / 换单比例 / 协同推动…。").
  // The lines up to the first one closed by 。/；/; are the name cells (a name broken over lines is one), the clause lines the
  // last task cell.
  const before = span.slice(0, at).map((c) => lines[c].trim());
  let task: string[] | null = null;
  if (at > u0 - 1) {
    const h = before.findIndex((v) => CLAUSE_END.test(v));
    if (u0 < 3 || h < 1) return null;
    const head = before.slice(0, h);
    const names = [...head.slice(0, u0 - 3), head.slice(u0 - 3).join("")];
    task = [...names, before.slice(h).join("\v")];
    if (task.length > u0 - 1) return null;
  }
  let r = at;
  // A second plate on its own line joins the name above ("市商务委" / "（市口岸办）"); a short unknown name between two names
  // ("亿通国际") goes on with the run.
  const plate = (k: number) => k > at && PLATE_LINE.test(squash(lines[span[k]]));
  const between = (k: number) => k > at && k + 1 < span.length && SHORT_NAME.test(squash(lines[span[k]])) && isUnitLine(squash(lines[span[k + 1]]));
  while (r < span.length && (isUnitLine(squash(lines[span[r]])) || plate(r) || between(r))) r++;
  // A short name closing the run right before the progress column's cell ("…上海海事局 / 中远海科 / 三季度：实现…", "…市大数据中心 /
  // 市数据交易所 / 四季度完成", 集运MaaS 推进任务分解表, unseen14d): its place, last in the unit cell before the time cell, makes it a
  // name, whatever its ending (company short names, as 久事公交 in 智慧公交's last unit cell). A time cell itself is none.
  const closing = (k: number) => k > at && k + 1 < span.length && HEADER_DEADLINE.test(header[u1] ?? "") && SHORT_NAME.test(squash(lines[span[k]])) &&
    !TIME_CELL.test(squash(lines[span[k]])) && TIME_CELL.test(squash(lines[span[k + 1]]));
  if (r < span.length && closing(r)) r++;
  const names = span.slice(at, r).map((c) => lines[c].trim()).reduce<string[]>((acc, v) => {
    if (acc.length > 0 && PLATE_LINE.test(squash(v))) acc[acc.length - 1] += v;
    else acc.push(v);
    return acc;
  }, []);
  const width = u1 - u0;
  if (names.length > width && names.some((x) => EMPTY_CELL.has(squash(x)))) return null;
  const units = names.length <= width ? names : [...names.slice(0, width - 1), names.slice(width - 1).join("\v")];
  // The later cells: a line opening "1." starts a cell that its next numbered lines go on; any other line is a cell.
  const later: string[][] = [];
  let last = -1;
  const wanted = header.slice(u1).filter((h) => !REMARK_COLUMN.test(h)).length;
  let end = span[r - 1];
  for (const c of span.slice(r)) {
    const v = lines[c].trim();
    const m = NUMBERED.exec(v);
    const cell = later[later.length - 1];
    const goesOn = !!m && !!cell && Number(m[1]) === last + 1 && last > 0;
    if (!goesOn && lastRow && later.length >= wanted) break;
    if (goesOn) cell.push(v);
    else later.push([v]);
    last = m ? Number(m[1]) : -1;
    end = c;
  }
  const cells = new Array<string>(header.length).fill("");
  cells[0] = squash(lines[k]);
  (task ?? before).forEach((v, x, a) => (cells[u0 - a.length + x] = v));
  units.forEach((u, x) => (cells[u0 + x] = EMPTY_CELL.has(squash(u)) ? "" : u));
  // more cells than later columns: the rest goes on in the last column that is no remark (its text is the row's)
  let lastCol = header.length - 1;
  while (lastCol > u1 && REMARK_COLUMN.test(header[lastCol])) lastCol--;
  later.forEach((cell, x) => {
    const to = Math.min(u1 + x, lastCol);
    cells[to] = [cells[to], cell.join("\v")].filter(Boolean).join("\v");
  });
  return { cells, end: end + 1 };
}
