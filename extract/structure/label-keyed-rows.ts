// A 任务分工表 printed one cell a line with no 序号 column (上海 2024 交通精细化 任务清单, tests/data/unseen12a): its header
// cells are broken over lines ("牵头 / 部门 / 配合 / 部门 / 实施 / 主体") and its rows are keyed on their own labels
// ("（一）" / "1、…" / "（1）…"). The rows stay where they are (the labels give their paths); their unit cells become
// labelled lines the unit readers understand ("牵头部门:设施养护处").
import unitLabels from "../data/unit-labels.json" with { type: "json" };
import { unitLike } from "./cell-tables.ts";
import { HEADER_SEQ, HEADER_TASK, nextFilled, squash } from "./text-tables.ts";

// The known unit column names: the label words of data/unit-labels.json ("牵头部门", "配合部门", "实施主体" …).
const COLUMN_NAMES = new Set((unitLabels.labels as { word: string }[]).map((l) => l.word));
// A fragment of a header cell broken over lines: a short line with no figure or mark.
const FRAGMENT = /^[\u4e00-\u9fff]{1,4}$/;
const HEADER_LINE_MAX = 16;
// Labels a row or a group of rows may be keyed on: "（一）", "一、", "1、", "（1）", "1.".
const LABEL_KINDS: [string, RegExp][] = [
  ["cn-paren", /^[(（][一二三四五六七八九十]{1,3}[)）]/],
  ["cn", /^[一二三四五六七八九十]{1,3}、/],
  ["num-paren", /^[(（](\d{1,3})[)）]/],
  ["num", /^(\d{1,3})[、.．](?!\d)/],
];
const labelKind = (v: string) => LABEL_KINDS.find(([, re]) => re.test(v))?.[0] ?? null;
const labelNumber = (v: string) => Number(/\d{1,3}/.exec(v)?.[0] ?? NaN);
// A line heading rows (a group label with its name): short, no clause.
const headingLine = (v: string) => v.length <= 30 && !/[。；;，,：:]/.test(v);
// A unit cell: a list of names with no clause ("各行业主管部门、各区", "市交通委（计划财务处）").
const unitCell = (v: string) => v.length <= 60 && !/[。；;，,：:]/.test(v) && unitLike(v);

interface Header {
  /** The unit column names, in order (the header's last cells). */
  units: string[];
  end: number;
}

/**
 * A header of short lines, no 序号 among them, whose last cells are unit columns, at least two of them joined from
 * consecutive lines ("牵头" + "部门" = 牵头部门, a known label word), with a task column before them.
 */
function headerAt(lines: string[], i: number): Header | null {
  const cells: { text: string; joined: boolean }[] = [];
  let j = i;
  for (;;) {
    const k = nextFilled(lines, j);
    if (k < 0) break;
    const v = squash(lines[k]);
    if (v.length > HEADER_LINE_MAX || labelKind(v) !== null || /[。；;，,：:]/.test(v) || HEADER_SEQ.test(v)) break;
    const prev = cells[cells.length - 1];
    if (prev && !prev.joined && FRAGMENT.test(prev.text) && FRAGMENT.test(v) && COLUMN_NAMES.has(prev.text + v) && !COLUMN_NAMES.has(prev.text)) {
      prev.text += v;
      prev.joined = true;
    } else cells.push({ text: v, joined: false });
    j = k + 1;
  }
  let u = cells.length;
  while (u > 0 && COLUMN_NAMES.has(cells[u - 1].text)) u--;
  const units = cells.slice(u);
  if (units.length < 2 || units.filter((c) => c.joined).length < 2 || !cells.slice(0, u).some((c) => HEADER_TASK.test(c.text))) return null;
  return { units: units.map((c) => c.text), end: j };
}

/** Tables keyed on their rows' labels: unit cells → labelled lines; other lines unchanged. */
export function labelKeyedRows(lines: string[]): string[] {
  const replace = new Map<number, string[]>();
  let prevShort = false; // the filled line before was a short one (a header is tried only where a run of short lines starts)
  for (let i = 0; i < lines.length; i++) {
    const v = squash(lines[i]);
    if (v === "") continue;
    const short = v.length <= HEADER_LINE_MAX;
    if (short && !prevShort) {
      const header = headerAt(lines, i);
      const end = header ? rewriteRows(lines, header, replace) : -1;
      if (header && end > header.end) {
        i = end - 1;
        prevShort = false;
        continue;
      }
    }
    prevShort = short;
  }
  return replace.size === 0 ? lines : lines.flatMap((l, k) => replace.get(k) ?? [l]);
}

/**
 * The rows under a header: the row label is the kind of the last label before the first unit cell; a row runs to the
 * next row (its label numbering on) or a heading of a group kind, and its unit cells are its last lines that are lists
 * of names. Returns the index after the table (the header's end where no row was read).
 */
function rewriteRows(lines: string[], header: Header, replace: Map<number, string[]>): number {
  // Labels before the first unit cell: the group kinds, then the row kind.
  const seen: string[] = [];
  let rowKind: string | null = null;
  for (let k = nextFilled(lines, header.end); k >= 0 && seen.length <= 6; k = nextFilled(lines, k + 1)) {
    const v = squash(lines[k]);
    const kind = labelKind(v);
    if (kind) seen.push(kind);
    else if (unitCell(v)) {
      rowKind = seen[seen.length - 1] ?? null;
      break;
    }
  }
  if (rowKind !== "num-paren" && rowKind !== "num") return header.end;
  const groupKinds = new Set(seen.filter((x) => x !== rowKind));
  const isRowStart = (v: string, n: number) => labelKind(v) === rowKind && (n < 0 || labelNumber(v) === n);
  const isGroupHead = (v: string) => groupKinds.has(labelKind(v) ?? "") && headingLine(v);

  let k = nextFilled(lines, header.end);
  let expect = -1;
  let inherited: string[] | null = null;
  let afterHead = false;
  let end = header.end;
  while (k >= 0) {
    const v = squash(lines[k]);
    if (isGroupHead(v)) {
      inherited = null; // a merged cell does not span a new group
      afterHead = true;
      k = nextFilled(lines, k + 1);
      continue;
    }
    // a group's name printed under its label ("（一）" / "提升交通设施环境品质")
    if (afterHead && labelKind(v) === null && headingLine(v) && !unitCell(v)) {
      afterHead = false;
      k = nextFilled(lines, k + 1);
      continue;
    }
    if (!isRowStart(v, expect)) break;
    afterHead = false;
    expect = labelNumber(v);
    // The row's lines: to the next row, a group heading, an attachment mark or the text's end.
    const cells: number[] = [];
    let c = nextFilled(lines, k + 1);
    while (c >= 0) {
      const w = squash(lines[c]);
      if (isRowStart(w, expect + 1) || isGroupHead(w) || /^附[件表]\d{0,2}[:：]?$/.test(w)) break;
      cells.push(c);
      c = nextFilled(lines, c + 1);
    }
    let r = cells.length;
    while (r > 0 && unitCell(squash(lines[cells[r - 1]]))) r--;
    const unitAt = cells.slice(r);
    const values: string[] | null = unitAt.length > 0 ? columnValues(header.units.length, unitAt.map((x) => lines[x].trim())) : inherited;
    if (values) {
      const labelled = header.units.map((name, n) => (values[n] ? `${name}:${values[n]}` : "")).filter(Boolean);
      if (unitAt.length > 0) {
        unitAt.forEach((x) => replace.set(x, []));
        replace.set(unitAt[0], labelled);
      } else {
        const last = cells.length > 0 ? cells[cells.length - 1] : k;
        replace.set(last, [lines[last], ...labelled]);
      }
    }
    inherited = values;
    expect++;
    end = (cells.length > 0 ? cells[cells.length - 1] : k) + 1;
    k = c;
  }
  return end;
}

/**
 * Unit cells to columns: fewer than the columns fill them from the left (a cell merged over the unit columns is the
 * lead's); more (a cell holding two names one a line) fill them from the right, the first column taking the rest.
 */
function columnValues(columns: number, cells: string[]): string[] {
  if (cells.length <= columns) return cells;
  const tail = cells.slice(cells.length - columns + 1);
  return [cells.slice(0, cells.length - columns + 1).join("、"), ...tail];
}
