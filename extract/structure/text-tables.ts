// Tables written as plain text, turned into tab-separated rows (the form loaders give for DOCX/HTML tables):
// Markdown pipes ("| 序号 | 重点任务 | 牵头单位 |"), runs of spaces between cells, and one cell per line
// (web pages whose <td>s became lines). A table is recognised by its header: 序号, a task column and a
// 牵头/责任/指导 column. Pure functions over raw lines.

import { isBody } from "../fields/unit-aliases.ts";
import { isGroup } from "../fields/unit-clauses.ts";
import { flatRows, HEADER_DEADLINE, HEADER_UNIT } from "./run-together-rows.ts";

const HEADER_SEQ = /^(?:序号|编号|序)$/;
// "2022年预期目标" (沙坪坝 2022): a column of goals is the task column of a 目标任务分解表.
const HEADER_TASK = /任务|措施|举措|事项|内容|工作|名称|项目|预期目标|主要目标/;
const HEADER_CELL_MAX = 12;
const SEQ = /^\d{1,3}$/;
const SECTION = /^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）])/;

const squash = (s: string) => s.replace(/[\s\u3000]+/g, "");
// Any other header cell: under a group column, a line after a unit column that is none of these ends the header
// ("农业高质高效", 嵊泗 2021: the first row's group cell, not a column).
const HEADER_OTHER = /备注|领导|责任人|联系人|指标|目标|标准|分值|评分|考核|说明|情况|成果|形式|依据|单位|部门|序号/;
// Columns naming the bodies that carry a task (or score it): a "单位" column alone is a measure word's (计量单位).
const UNIT_COLUMN = (h: string) => h !== "单位" && /牵头|责任|负责|配合|协办|协助|指导|部门|单位/.test(h) && !/责任人|领导/.test(h);

/** Header cells that make a task table: 序号 first, a task column and a unit column. */
export function isTaskHeader(cells: string[]): boolean {
  const c = cells.map(squash);
  return c.length >= 3 && HEADER_SEQ.test(c[0]) && c.every((x) => x.length > 0 && x.length <= HEADER_CELL_MAX) &&
    c.slice(1).some((x) => HEADER_TASK.test(x)) && c.slice(1).some((x) => HEADER_UNIT.test(x));
}

/** "| a | b |" → cells; null when the line is not a pipe row. Separator rows ("|---|:--:|") give []. */
function pipeCells(line: string): string[] | null {
  const t = line.trim();
  if (!t.startsWith("|") || !t.endsWith("|") || t.length < 3) return null;
  const cells = t.slice(1, -1).split("|").map((x) => x.trim());
  return cells.every((x) => /^:?-{2,}:?$/.test(x)) ? [] : cells;
}

/** Cells of a line written with runs of (at least two) spaces or tabs between them. */
function spacedCells(line: string): string[] {
  return line.trim().split(/[ \u00a0]{2,}|\t|\u3000+/).filter((x) => x.length > 0);
}

/** Markdown pipe tables → tab rows (every pipe table: they are tables whatever their header). */
function pipeTables(lines: string[]): string[] {
  const out: string[] = [];
  for (const l of lines) {
    const cells = pipeCells(l);
    if (cells === null) out.push(l);
    else if (cells.length > 0) out.push(cells.join("\t"));
  }
  return out;
}

/** A header written with runs of spaces, then rows with as many cells (a row's 序号 first) or section rows. */
function spacedTables(input: string[]): string[] {
  const out: string[] = [];
  let width = 0;
  const lines = input.flatMap(headerOff);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.includes("\t")) {
      width = 0;
      out.push(l);
      continue;
    }
    const cells = spacedCells(l);
    if (width === 0 && !isTaskHeader(cells) && isTaskHeader(headerCells(l))) {
      const t = singleSpaceTable(lines, i);
      out.push(...t.rows);
      i = t.end - 1;
      continue;
    }
    if (width === 0 && isTaskHeader(cells)) {
      width = cells.length;
      out.push(cells.join("\t"));
      continue;
    }
    if (width > 0) {
      if (cells.length >= 2 && cells.length <= width && SEQ.test(squash(cells[0]))) {
        out.push(cells.join("\t"));
        continue;
      }
      if (cells.length === 1 && SECTION.test(squash(cells[0]))) {
        out.push(cells[0]);
        continue;
      }
      if (l.trim() === "") continue;
      width = 0;
    }
    out.push(l);
  }
  return out;
}

// A task header closing a line after a space ("…2018年2月24日 常熟市2018年政府工作任务分解表 序号 名称 工作任务 牵头责任单位",
// 常熟 2018) starts a line of its own.
const HEADER_TAIL = /[ \u00a0\u3000]((?:序号|编号)(?:[ \u00a0\u3000]+[^ \u00a0\u3000]{1,12}){2,6})[ \u00a0\u3000]*$/;
function headerOff(l: string): string[] {
  const m = HEADER_TAIL.exec(l);
  return m && !l.includes("\t") && isTaskHeader(headerCells(m[1])) ? [l.slice(0, m.index), m[1]] : [l];
}
const singleSpaced = (l: string) => l.trim().split(/[ \u00a0\u3000]+/).filter((x) => x.length > 0);
// A header cell spaced out character by character ("序号 工 作 任 务 牵头负责部门", 国办函〔2016〕38号; 嘉兴 2023 "主 要 工 作 任 务"):
// a run of single characters is one cell.
const ONE_CHARACTER = /^[\u4e00-\u9fff]$/;
const headerCells = (l: string) =>
  singleSpaced(l).reduce<string[]>((acc, c, k, all) => {
    if (k > 0 && ONE_CHARACTER.test(c) && ONE_CHARACTER.test(all[k - 1])) acc[acc.length - 1] += c;
    else acc.push(c);
    return acc;
  }, []);
const ROW_START = /^\s*(\d{1,3})[ \u00a0\u3000]+\S/;
const CELL_END = /[。；;，,.]+$/;
// A line under a row that only continues its unit cells: names ending like a body, then at most a deadline cell.
function unitCells(cells: string[]): boolean {
  return cells.length > 0 && cells.every((c, k) => {
    const last = (c.replace(CELL_END, "").split(/[、,，;；]/).pop() ?? "").replace(/[(（][^()（）]{1,20}[)）]$/, "");
    return isBody(last) || isGroup(last) || (k === cells.length - 1 && k > 0 && HEADER_DEADLINE_CELL.test(c));
  });
}
const HEADER_DEADLINE_CELL = /^(?:\d{4}年(?:\d{1,2}月)?(?:底|末|前|以前)?(?:前)?|长期|持续推进|年底前|全年)$/;

/**
 * Cells separated by single spaces under a header on a line of its own ("序号 重点工作任务 主要责任单位 协同配合单位
 * 完成期限", 谯城 2023): each row opens with its 序号; words beyond the header's width belong to the task cell;
 * lines under a row holding only names (and a deadline) continue its unit cells, aligned from the right: the last
 * columns one cell each, the first unit column the rest.
 */
function singleSpaceTable(lines: string[], at: number): { rows: string[]; end: number } {
  const header = headerCells(lines[at]);
  const width = header.length;
  const rows: string[] = [header.join("\t")];
  // The task column: the last task-like header cell before the first unit column ("序号 名称 工作任务 牵头责任单位", 常熟 2018).
  const firstUnit = header.findIndex((h, k) => k > 0 && UNIT_COLUMN(squash(h)));
  let taskCol = 1;
  header.forEach((h, k) => { if (k > 0 && (firstUnit < 0 || k < firstUnit) && HEADER_TASK.test(h) && !UNIT_COLUMN(squash(h))) taskCol = k; });
  let j = at + 1;
  let expect = 0;
  while (j < lines.length) {
    // Blank lines between rows, and section rows ("一、经济社会发展主要预期目标分解(11项)") that group them.
    const next = nextFilled(lines, j);
    if (next < 0) break;
    if (SECTION.test(squash(lines[next])) && ROW_START.test(lines[nextFilled(lines, next + 1)] ?? "")) {
      rows.push(lines[next].trim());
      j = next + 1;
      continue;
    }
    if (next > j && !ROW_START.test(lines[next])) break;
    j = next;
    const m = ROW_START.exec(lines[j]);
    if (!m || (expect > 0 && Number(m[1]) !== expect)) break;
    const first = singleSpaced(lines[j]);
    let k = j + 1;
    const tail: string[] = [];
    for (; k < lines.length; k++) {
      if (lines[k].trim() === "" || ROW_START.test(lines[k])) break;
      const more = singleSpaced(lines[k]);
      if (!unitCells(more)) break;
      tail.push(...more);
    }
    // The task cell: words up to the first that leaves the remaining cells to the unit and deadline columns.
    let cells = first;
    if (tail.length === 0 && cells.length > width) cells = [cells[0], cells.slice(1, cells.length - width + 2).join(""), ...cells.slice(cells.length - width + 2)];
    if (cells.length < 2 || cells.length > width) break;
    const rest = [...cells.slice(2), ...tail];
    const after = width - taskCol - 1; // columns after the task column
    if (rest.length > after) rest.splice(0, rest.length - after + 1, rest.slice(0, rest.length - after + 1).join("、"));
    while (rest.length < after) rest.push("");
    rows.push([cells[0], ...new Array<string>(taskCol - 1).fill(""), cells[1], ...rest].join("\t"));
    expect = Number(m[1]) + 1;
    j = k;
    while (j < lines.length && lines[j].trim() === "" && ROW_START.test(lines[j + 1] ?? "")) j++;
  }
  return rows.length >= 2 ? { rows, end: j } : { rows: [lines[at]], end: at + 1 };
}

/**
 * One cell per line: a header of short lines (序号 / 重点任务 / 牵头单位 …), then rows that each start
 * with their 序号 on a line of its own and take the next lines as their cells; section rows ("一、…")
 * between rows. Blank lines are ignored inside the table. The table ends where a row does not start
 * with the next number or a section row.
 */
function cellPerLineTables(lines: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const header = headerAt(lines, i);
    if (!header) {
      out.push(lines[i++]);
      continue;
    }
    if (header.glued !== null) {
      const flat = flatRows(header.cells, header.glued);
      if (flat.length > 0) {
        out.push(header.cells.join("\t"), ...flat);
        i = header.end;
        continue;
      }
    }
    const width = header.cells.length;
    const rows: string[] = [header.cells.join("\t")];
    let j = header.end;
    let expect = 1;
    for (;;) {
      const k = nextFilled(lines, j);
      if (k < 0) break;
      const first = squash(lines[k]);
      // A section row; a long one too where the next row follows it (郧阳 2023 "一、主要经济社会发展指标…(牵头领导:…)").
      const after = nextFilled(lines, k + 1);
      if (SECTION.test(first) && (first.length <= 60 || (after >= 0 && SEQ.test(squash(lines[after])) && [1, expect].includes(Number(squash(lines[after])))))) {
        rows.push(lines[k].trim());
        j = k + 1;
        continue;
      }
      // A group cell merged over the rows below it, printed once before them ("农业高质高效", 嵊泗 2021): context, no row.
      if (groupCell(first) && after >= 0 && SEQ.test(squash(lines[after])) && [1, expect].includes(Number(squash(lines[after])))) {
        j = k + 1;
        continue;
      }
      // Rows number on (a gap is rows cut at the source), or restart at 1 under a new section.
      if (!SEQ.test(first) || (Number(first) < expect && Number(first) !== 1) || Number(first) > expect + 20) break;
      const cells = [first];
      let m = k + 1;
      while (cells.length < width) {
        const c = nextFilled(lines, m);
        if (c < 0) break;
        const v = squash(lines[c]);
        if (SEQ.test(v) && Number(v) === Number(first) + 1) break; // the next row: this one had empty cells
        cells.push(lines[c].trim());
        m = c + 1;
      }
      // More names than cells: a unit cell holding two names, one a line; taken only where the next row follows them.
      const extra: string[] = [];
      for (let c = nextFilled(lines, m), e = m; c >= 0 && extra.length < 3 && isBody(squash(lines[c])); c = nextFilled(lines, e)) {
        extra.push(lines[c].trim());
        e = c + 1;
        const n = nextFilled(lines, e);
        if (n >= 0 && (SECTION.test(squash(lines[n])) || Number(squash(lines[n])) === Number(first) + 1)) {
          cells.push(...extra);
          m = e;
          break;
        }
      }
      rows.push(alignUnitCells(header.cells, cells).join("\t"));
      expect = Number(first) + 1;
      j = m;
    }
    if (rows.length < 2) {
      out.push(lines[i++]);
      continue;
    }
    out.push(...rows);
    i = j;
  }
  return out;
}

/** A short line with no clause, figure or list mark: a group cell ("农业高质高效") rather than text after the table. */
function groupCell(v: string): boolean {
  return v.length >= 2 && v.length <= 12 && !/[\d，,。；;：:、()（）]/.test(v) && !SECTION.test(v) && !isBody(v);
}

/**
 * A row whose cells do not line up with the header: cells merged over several rows are printed only in the first
 * row they cover, and a unit cell may hold two names, one a line (嵊泗 2021 乡村振兴任务清单: 考核指标 / 考核内容 / 单位 /
 * 年度目标 / 责任部门 / 评分部门, rows of 4 to 7 cells). Where the header ends with unit columns and the row ends with a run of
 * body names at least as long, the run fills those columns from the right (the first of them takes what is left, joined
 * by \v), and the cells before it fill the columns before them from the right. Any other row is kept as it is.
 */
function alignUnitCells(header: string[], cells: string[]): string[] {
  let u = header.length;
  while (u > 1 && UNIT_COLUMN(header[u - 1])) u--;
  const unitCols = header.length - u;
  if (unitCols === 0) return cells;
  let r = cells.length;
  while (r > 1 && isBody(squash(cells[r - 1]))) r--;
  const run = cells.length - r;
  if (run < unitCols || (run === unitCols && cells.length >= header.length)) return cells;
  const out = new Array<string>(header.length).fill("");
  out[0] = cells[0];
  for (let k = 1; k < unitCols; k++) out[header.length - k] = cells[cells.length - k];
  out[u] = cells.slice(r, cells.length - unitCols + 1).join("\v");
  const before = cells.slice(1, r);
  if (u > 1) before.slice(-(u - 1)).forEach((c, k, a) => (out[u - a.length + k] = c));
  return out;
}

function nextFilled(lines: string[], from: number): number {
  for (let k = from; k < lines.length; k++) if (lines[k].trim() !== "") return k;
  return -1;
}

/**
 * A header of one short cell per line starting at line i. `glued`: the table body when the last header
 * cell runs straight into it ("时间进度1发布一批…"), the rows' cells with no separator between them.
 */
function headerAt(lines: string[], i: number): { cells: string[]; end: number; glued: string | null } | null {
  if (!HEADER_SEQ.test(squash(lines[i]))) return null;
  const cells = [squash(lines[i])];
  // A group column printed before 序号 ("考核项目 / 序号 / 考核指标 …", 嵊泗 2021): the first row's group cell follows the header.
  let p = i - 1;
  while (p >= 0 && lines[p].trim() === "") p--;
  const grouped = p >= 0 && squash(lines[p]).length <= 6 && (HEADER_TASK.test(squash(lines[p])) || HEADER_OTHER.test(squash(lines[p])));
  let j = i + 1;
  let glued: string | null = null;
  for (;;) {
    const k = nextFilled(lines, j);
    if (k < 0) break;
    const v = squash(lines[k]);
    const g = /^([\u4e00-\u9fff]{2,8}?)1(?=[\u4e00-\u9fff])/.exec(v);
    if (g && cells.length >= 2 && (HEADER_DEADLINE.test(g[1]) || HEADER_UNIT.test(g[1]))) {
      cells.push(g[1]);
      glued = v.slice(g[1].length);
      j = k + 1;
      break;
    }
    if (SEQ.test(v) || SECTION.test(v) || v.length > HEADER_CELL_MAX || cells.length >= 10) break;
    if (grouped && cells.slice(1).some((c) => HEADER_UNIT.test(c)) && !HEADER_TASK.test(v) && !HEADER_UNIT.test(v) && !HEADER_DEADLINE.test(v) && !HEADER_OTHER.test(v)) break;
    cells.push(v);
    j = k + 1;
  }
  return isTaskHeader(cells) ? { cells, end: j, glued } : null;
}

/** Tables written with pipes or runs of spaces → tab rows (before paragraphs are split on wide spaces). */
export function textTables(lines: string[]): string[] {
  return spacedTables(pipeTables(lines));
}

/** Tables of one cell per line, and tables whose cells were run together → tab rows (after paragraph split). */
export function cellTables(lines: string[]): string[] {
  return cellPerLineTables(unpipeCellLines(lines));
}

// A cell on its own line closed by a pipe: "序号 |" / "重点工作 |" / "1 |" (霍山 2025, a Markdown export of a table broken at every cell).
const PIPE_CLOSED = /^[^|]*[^|\s][^|]*\|\s*$/;

/** Runs of pipe-closed cell lines that start with a 序号 header cell lose their pipes (then read as one cell a line). */
function unpipeCellLines(lines: string[]): string[] {
  const out = lines.slice();
  for (let i = 0; i < out.length; i++) {
    if (!PIPE_CLOSED.test(out[i]) || !HEADER_SEQ.test(squash(out[i].replace(/\|\s*$/, "")))) continue;
    let j = i;
    while (j < out.length && (PIPE_CLOSED.test(out[j]) || out[j].trim() === "")) j++;
    if (j - i < 6) continue;
    for (let k = i; k < j; k++) out[k] = out[k].replace(/\s*\|\s*$/, "");
    i = j - 1;
  }
  return out;
}
