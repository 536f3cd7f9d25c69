// Tables written as plain text, turned into tab-separated rows (the form loaders give for DOCX/HTML tables):
// Markdown pipes ("| 序号 | 重点任务 | 牵头单位 |") and runs of spaces between cells (one cell per line: cell-tables.ts,
// which shares the header tests below). A table is recognised by its header: 序号, a task column and a
// 牵头/责任/指导 column. Pure functions over raw lines.

import { isBody } from "../fields/unit-aliases.ts";
import { isGroup } from "../fields/unit-clauses.ts";
import { HEADER_UNIT } from "./run-together-rows.ts";

// "项目序号" (静安 and 杨浦 2025 排水管理体制改革 实施方案, 附件 任务时间表): the 序号 column named for its rows.
export const HEADER_SEQ = /^(?:(?:项目)?序号|编号|序)$/;
// "2022年预期目标" (沙坪坝 2022): a column of goals is the task column of a 目标任务分解表.
export const HEADER_TASK = /任务|措施|举措|事项|内容|工作|名称|项目|预期目标|主要目标/;
export const HEADER_CELL_MAX = 12;
export const SEQ = /^\d{1,3}$/;
export const SECTION = /^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）])/;

export const squash = (s: string) => s.replace(/[\s\u3000]+/g, "");
// Any other header cell: under a group column, a line after a unit column that is none of these ends the header
// ("农业高质高效", 嵊泗 2021: the first row's group cell, not a column).
export const HEADER_OTHER = /备注|领导|责任人|联系人|指标|目标|标准|分值|评分|考核|说明|情况|成果|形式|依据|单位|部门|序号/;
// Columns naming the bodies that carry a task (or score it): a "单位" column alone is a measure word's (计量单位).
export const UNIT_COLUMN = (h: string) => h !== "单位" && /牵头|责任|负责|配合|协办|协助|指导|部门|单位/.test(h) && !/责任人|领导/.test(h);

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
export function unitCells(cells: string[]): boolean {
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

export function nextFilled(lines: string[], from: number): number {
  for (let k = from; k < lines.length; k++) if (lines[k].trim() !== "") return k;
  return -1;
}

/** Tables written with pipes or runs of spaces → tab rows (before paragraphs are split on wide spaces). */
export function textTables(lines: string[]): string[] {
  return spacedTables(pipeTables(lines));
}
