// Tables of one cell per line (web pages whose <td>s became lines, Markdown exports broken at every cell) and tables whose
// cells were run together, turned into tab-separated rows (moved out of text-tables.ts, which had grown past 400 lines).
import { isBody, isCellName } from "../fields/unit-aliases.ts";
import { isPlaceName } from "../fields/regions.ts";
import rules from "../data/repair-rules.json" with { type: "json" };
import { flatRows, HEADER_DEADLINE, HEADER_UNIT } from "./run-together-rows.ts";
import { midUnitColumns, midUnitRow } from "./mid-unit-rows.ts";
import {
  HEADER_CELL_MAX, HEADER_OTHER, HEADER_SEQ, HEADER_TASK, isTaskHeader, nextFilled, SECTION, SEQ, squash, UNIT_COLUMN, unitCells,
} from "./text-tables.ts";

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
    let inherited: string[] = []; // the unit cells of the row above, for a row printing none (a cell merged over rows)
    const mid = midUnitColumns(header.cells); // unit columns before task columns: rows placed by their unit run
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
      // A line with no 序号 heading the rows below it, over a group cell or straight over the next row (上海 2023 unseen11b:
      // "行动一：再造发展新极行动(…)" / "1", "推进实施“光伏+”示范工程" / "1", "行动二：…" / "旧区改造" / "4"): context, no row.
      if (!SEQ.test(first) && headsRows(lines, k, expect)) {
        if (/[:：]/.test(first) || first.length > 20) inherited = []; // a full-width section row: no merged cell spans it
        j = k + 1;
        continue;
      }
      // Rows number on (a gap is rows cut at the source), or restart at 1 under a new section.
      if (!SEQ.test(first) || (Number(first) < expect && Number(first) !== 1) || Number(first) > expect + 20) break;
      const placed = mid ? midUnitRow(lines, k, header.cells, mid, Number(first)) : null;
      if (placed) {
        rows.push(placed.cells.join("\t"));
        expect = Number(first) + 1;
        j = placed.end;
        continue;
      }
      const cells = [first];
      let m = k + 1;
      while (cells.length < width) {
        const c = nextFilled(lines, m);
        if (c < 0) break;
        const v = squash(lines[c]);
        if ((SEQ.test(v) && Number(v) === Number(first) + 1) || /^附[件表]\d{0,2}$/.test(v)) break; // the next row, an attachment: this one had empty cells
        // the next row's heading, where this row's unit cell was due (a unit cell merged over rows is printed once)
        if (cells.length >= 2 && UNIT_COLUMN(header.cells[cells.length] ?? "") && !unitLike(v) && !lastUnitCell(lines, c, cells.length, width, Number(first) + 1) && headsRows(lines, c, Number(first) + 1)) break;
        cells.push(lines[c].trim());
        m = c + 1;
        // cells set apart by blank lines: a line right under a cell's line continues that cell ("区建设管理委" / "（区水务局）" /
        // "上海城投集团", 杨浦 2025 排水 任务时间表 row 2), a bracket glued to the name it closes, any other line a paragraph (\v)
        // (never the next row's 序号, a section row or an attachment's label printed with no blank line before it)
        for (; header.spaced && m < lines.length && lines[m].trim() !== ""; m++) {
          const more = lines[m].trim();
          if (SEQ.test(more) || SECTION.test(more) || /^附[件表]\d{0,2}$/.test(more)) break;
          cells[cells.length - 1] += BRACKET_LINE.test(more) ? more : `\v${more}`;
        }
      }
      // A task cell printed over two lines fills the row before its unit cell: the list of bodies after it is the row's
      // ("…转型。" / "市北高新园区…研究" / "区规划资源局、…大宁集团" / "25", 静安 2023 unseen11b).
      const nx = nextFilled(lines, m);
      const u = firstUnitColumn(header.cells);
      if (nx >= 0 && u < width && cells.length === width && !unitLike(squash(cells[width - 1])) && unitLike(squash(lines[nx])) && nextRow(lines, nx + 1, Number(first) + 1)) {
        const text = cells.slice(1);
        cells.splice(0, cells.length, cells[0], ...text.slice(0, u - 2), text.slice(u - 2).join(""), lines[nx].trim(), ...new Array<string>(width - u - 1).fill(""));
        m = nx + 1;
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
      // (not at the text's end: a last row may be cut at the source, 嘉兴 2023 "2 / 研发投入强度达到3.")
      const aligned = mergedUnits(header.cells, alignUnitCells(header.cells, cells), nextFilled(lines, m) < 0 ? [] : inherited);
      inherited = aligned.slice(firstUnitColumn(header.cells));
      rows.push(aligned.join("\t"));
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

const BRACKET_LINE = /^[(（][^()（）]{1,12}[)）]$/;

/**
 * A unit cell: names ending like a body, or a list of short names with no clause ("区“两旧”专班、…、各相关街镇"). A closing 等 is
 * read over, and places listed among the bodies ("上海市交通委员会、苏州市、嘉兴市", 长三角 沪交科〔2023〕706号 unseen14d) keep it a
 * unit cell: a cell naming no body at all stays text.
 */
export const unitLike = (v: string) => {
  const w = v.replace(/等$/, "");
  if (unitCells([w])) return true;
  if (!w.includes("、") || /[。，,；;：:\d]/.test(w)) return false;
  const items = w.split("、");
  return items.every((x) => x.length >= 2 && x.length <= 20 && (isCellName(x) || isPlaceName(x))) && items.some(isCellName);
};

/**
 * The row's last cell, due in the last (unit) column right before the next row's 序号 (a section row, an attachment, the text's
 * end), with no clause, colon or quote: the unit
 * cell even where its names do not end like bodies (company short names: "久事公交、相关各区（含临港）交通主管部门及公交企业",
 * "浦东公交", 上海 沪交科〔2023〕414号 智慧公交 任务清单, tests/data/unseen14d, every cell printed, "/" for an empty one). A line
 * heading the rows below ("行动二：…", "推进实施“光伏+”示范工程", unseen11b) has a colon or quotes.
 */
function lastUnitCell(lines: string[], c: number, filled: number, width: number, next: number): boolean {
  const v = squash(lines[c]);
  const n = nextFilled(lines, c + 1);
  const w = n >= 0 ? squash(lines[n]) : "";
  const ends = n < 0 || (SEQ.test(w) && Number(w) === next) || SECTION.test(w) || /^附[件表]\d{0,2}$/.test(w);
  return filled === width - 1 && v.length <= 60 && !/[。；;，,：:“”"]/.test(v) && ends && v.replace(/等$/, "").split(/[、及]/).filter(Boolean).every(nameLike);
}

// A name in a unit cell: one that ends like a body or a group, or a short one (a company's short name) that does not end like a
// task (a group cell "绿色节能改造", "旧区改造" heading the rows below, 静安 2023 unseen11b).
const TASK_NOUN_END = new RegExp(`(?:${rules.taskNounEndings.join("|")})$`);
const nameLike = (x: string) => isCellName(x) || (x.length <= 5 && !TASK_NOUN_END.test(x));

/** Is the next filled line from k the row numbered `n`, a line heading it, or the text's end? */
function nextRow(lines: string[], k: number, n: number): boolean {
  const at = nextFilled(lines, k);
  return at < 0 || Number(squash(lines[at])) === n || headsRows(lines, at, n);
}

/** Does line k (no 序号, no sentence) head the row numbered `expect` (or 1), straight or over one group cell? */
function headsRows(lines: string[], k: number, expect: number): boolean {
  const v = squash(lines[k]);
  if (v.length > 60 || /[。；;，,]/.test(v) || unitLike(v)) return false;
  const rowNo = (n: number) => n >= 0 && SEQ.test(squash(lines[n])) && [1, expect].includes(Number(squash(lines[n])));
  const next = nextFilled(lines, k + 1);
  const group = next >= 0 ? squash(lines[next]) : "";
  return rowNo(next) || (group.length <= 20 && !/[。；;，,：:]/.test(group) && !unitLike(group) && rowNo(nextFilled(lines, next + 1)));
}

const firstUnitColumn = (header: string[]) => {
  let u = header.length;
  while (u > 1 && UNIT_COLUMN(header[u - 1])) u--;
  return u;
};

/**
 * A unit cell merged over several rows is printed only in the first row it covers (上海 2023 unseen11b: 静安 任务清单 rows 5–8
 * under row 4's 推进单位; 交通光伏 任务分工表 rows 2–4 under row 1's 申通地铁集团): a row with fewer cells than the header and no
 * unit cell of its own takes the unit cells of the row above; its text goes in the column right before them.
 */
function mergedUnits(header: string[], cells: string[], above: string[]): string[] {
  const u = firstUnitColumn(header);
  if (u === header.length || cells.length >= header.length) return cells;
  const text = cells.slice(1);
  const own = text.length > 0 && unitLike(squash(text[text.length - 1])) ? text.pop()! : null; // its unit cell, printed
  if ((own === null && above.every((c) => c === "")) || text.length > u - 1) return cells;
  const out = new Array<string>(header.length).fill("");
  out[0] = cells[0];
  text.forEach((c, k) => (out[u - text.length + k] = c));
  if (own !== null) out[u] = own;
  else above.forEach((c, k) => (out[u + k] = c));
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
  // a unit cell may list several bodies ("区财政局、区人力资源社会保障局、…、上海城投集团", 静安 2025 排水 任务时间表 row 2)
  while (r > 1 && unitLike(squash(cells[r - 1]))) r--;
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

/**
 * A header of one short cell per line starting at line i. `glued`: the table body when the last header
 * cell runs straight into it ("时间进度1发布一批…"), the rows' cells with no separator between them.
 */
function headerAt(lines: string[], i: number): { cells: string[]; end: number; glued: string | null; spaced: boolean } | null {
  if (!HEADER_SEQ.test(squash(lines[i]))) return null;
  const cells = [squash(lines[i])];
  // A group column printed before 序号 ("考核项目 / 序号 / 考核指标 …", 嵊泗 2021): the first row's group cell follows the header.
  let p = i - 1;
  while (p >= 0 && lines[p].trim() === "") p--;
  const grouped = p >= 0 && squash(lines[p]).length <= 6 && (HEADER_TASK.test(squash(lines[p])) || HEADER_OTHER.test(squash(lines[p])));
  let j = i + 1;
  let glued: string | null = null;
  const spaced = (lines[i + 1] ?? "").trim() === ""; // header cells set apart by blank lines
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
    // A header cell printed over two lines in a header of blank-separated cells: "责任部门" / "（单位）" (静安 2025 排水 任务时间表),
    // "任务" / "类型" (杨浦 2025 排水 任务时间表): a line right under the cell's line, no blank between, continues it.
    if (k === j && spaced && cells.length >= 2 && (cells[cells.length - 1] + v).length <= HEADER_CELL_MAX) {
      cells[cells.length - 1] += v;
      j = k + 1;
      continue;
    }
    if (grouped && cells.slice(1).some((c) => HEADER_UNIT.test(c)) && !HEADER_TASK.test(v) && !HEADER_UNIT.test(v) && !HEADER_DEADLINE.test(v) && !HEADER_OTHER.test(v)) break;
    cells.push(v);
    j = k + 1;
  }
  const header = yearSubColumns(cells);
  return isTaskHeader(header) ? { cells: header, end: j, glued, spaced } : null;
}

/**
 * Year sub-columns printed after the header's last cell ("序号 / 任务名称 / 任务内容 / 任务目标 / 实施单位 / 2023年 / 2024年 / 2025年",
 * 上海 沪交科〔2023〕414号 智慧公交 三年行动计划 附件1/附件2, tests/data/unseen14d): a second header row splitting the column before the
 * unit columns, whose cells the rows print in that place ("… / 完成立项 / 完成标准征求意见稿 / 完成标准送审稿 / 市交通委、…").
 */
function yearSubColumns(cells: string[]): string[] {
  let y = cells.length;
  while (y > 0 && /^\d{4}年$/.test(cells[y - 1])) y--;
  if (cells.length - y < 2) return cells;
  let u = y;
  while (u > 1 && UNIT_COLUMN(cells[u - 1])) u--;
  if (u === y || u < 3) return cells;
  return [...cells.slice(0, u - 1), ...cells.slice(y), ...cells.slice(u, y)];
}
