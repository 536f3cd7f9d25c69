// Tables written as plain text, turned into tab-separated rows (the form loaders give for DOCX/HTML tables):
// Markdown pipes ("| 序号 | 重点任务 | 牵头单位 |"), runs of spaces between cells, and one cell per line
// (web pages whose <td>s became lines). A table is recognised by its header: 序号, a task column and a
// 牵头/责任/指导 column. Pure functions over raw lines.

const HEADER_SEQ = /^(?:序号|编号|序)$/;
const HEADER_TASK = /任务|措施|举措|事项|内容|工作|名称|项目/;
const HEADER_UNIT = /牵头|责任|负责|配合|指导|主体|单位|部门/;
const HEADER_CELL_MAX = 12;
const SEQ = /^\d{1,3}$/;
const SECTION = /^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十]{1,3}[)）])/;

const squash = (s: string) => s.replace(/[\s\u3000]+/g, "");

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
function spacedTables(lines: string[]): string[] {
  const out: string[] = [];
  let width = 0;
  for (const l of lines) {
    if (l.includes("\t")) {
      width = 0;
      out.push(l);
      continue;
    }
    const cells = spacedCells(l);
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
    const width = header.cells.length;
    const rows: string[] = [header.cells.join("\t")];
    let j = header.end;
    let expect = 1;
    for (;;) {
      const k = nextFilled(lines, j);
      if (k < 0) break;
      const first = squash(lines[k]);
      if (SECTION.test(first) && first.length <= 60) {
        rows.push(lines[k].trim());
        j = k + 1;
        continue;
      }
      if (!SEQ.test(first) || (Number(first) !== expect && Number(first) !== 1)) break;
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
      rows.push(cells.join("\t"));
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

function nextFilled(lines: string[], from: number): number {
  for (let k = from; k < lines.length; k++) if (lines[k].trim() !== "") return k;
  return -1;
}

/** A header of one short cell per line starting at line i. */
function headerAt(lines: string[], i: number): { cells: string[]; end: number } | null {
  if (!HEADER_SEQ.test(squash(lines[i]))) return null;
  const cells = [squash(lines[i])];
  let j = i + 1;
  for (;;) {
    const k = nextFilled(lines, j);
    if (k < 0) break;
    const v = squash(lines[k]);
    if (SEQ.test(v) || SECTION.test(v) || v.length > HEADER_CELL_MAX || cells.length >= 10) break;
    cells.push(v);
    j = k + 1;
  }
  return isTaskHeader(cells) ? { cells, end: j } : null;
}

/** Every plain-text table form in `lines` as tab-separated rows; other lines unchanged. */
export function textTables(lines: string[]): string[] {
  return cellPerLineTables(spacedTables(pipeTables(lines)));
}
