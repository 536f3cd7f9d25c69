// Rows of a 任务分工表 read from tab-separated cells: the header's columns, a row's cells, and the row as text the unit and
// deadline readers understand (moved out of segment.ts, which had grown past 400 lines; its outline is outline.ts now).
import { isBody } from "../fields/unit-aliases.ts";
import { HEADER_SEQ } from "./text-tables.ts";

/** Cells of a 任务分工表 row (序号 / 重点任务 / 牵头单位 / 配合单位 / 完成时限), "\n" between a cell's paragraphs. */
export interface TableRow {
  task: string;
  content: string;
  lead: string;
  coop: string;
  responsible: string;
  deadline: string;
  /** A goal column (年度目标) and the measure word a 单位 column gives it (万亩, %): "0.07" + "万亩". */
  goal?: string;
  measure?: string;
  /** Further task columns after the first ("2024年工作任务 / 2025年工作计划" after 内容, 上海 2024 任务分解表): their cells, in order. */
  more?: string;
}

export type Column = Exclude<keyof TableRow, "goal" | "measure" | "more"> | "goal" | "measure" | "seq";
/** A header's columns; `more`: the further task columns (a task column's words where the task column is taken). */
export type Columns = Map<Column, number> & { more?: number[] };
// Header cells of a 任务分工表, first match wins (order matters: 牵头 before 责任, 具体内容 before 任务).
const COLUMNS: [Column, RegExp][] = [
  ["seq", HEADER_SEQ],
  ["lead", /牵头/],
  ["coop", /配合|协办|参与单位|协助/],
  // 推进单位 (静安 2023 任务清单, unseen11b): the bodies that carry the task, no lead named.
  // 实施单位 (智慧公交 三年行动计划 任务清单, 沪交科〔2023〕414号 unseen14d): who carries the task out (unit-labels: 实施单位).
  ["responsible", /责任(单位|部门|主体|处室)|主体责任|负责(单位|部门)|指导(单位|部门)|推进(单位|部门)|实施(单位|主体)|主责/],
  ["deadline", /时限|完成期限|完成时间|时间安排|进度/],
  ["content", /具体(内容|措施|工作)|主要内容|工作措施|实施路径/],
  ["task", /任务|措施|举措|事项|内容|工作|预期目标|主要目标/],
  // 嵊泗 2021 乡村振兴任务清单 "考核内容 / 单位 / 年度目标": the goal's figure and, in a column of its own, its measure word.
  ["goal", /目标|目标值|指标值/],
  ["measure", /^(?:计量)?单位$/],
];

// A further task column after the task column: its work of a year or a stage ("2024年工作任务", "2025年工作计划").
// A year's cell under a goal column split by year ("2023年 / 2024年 / 2025年", unseen14d) is one too.
const MORE_TASK = /任务|措施|举措|工作|计划|^\d{4}年$/;

export function tableHeader(cells: string[]): Columns | null {
  const cols: Columns = new Map<Column, number>();
  cells.forEach((c, i) => {
    const cell = c.replace(/\s+/g, "");
    const hit = COLUMNS.find(([col, re]) => !cols.has(col) && re.test(cell));
    if (hit) cols.set(hit[0], i);
    else if (cols.has("task") && MORE_TASK.test(cell) && !COLUMNS.some(([col, re]) => col !== "task" && re.test(cell))) (cols.more ??= []).push(i);
  });
  return cols.has("seq") && cols.has("task") && (cols.has("lead") || cols.has("responsible")) ? cols : null;
}

export function tableRow(cells: string[], cols: Columns): TableRow {
  const cell = (i: number) => (cells[i] ?? "").replace(/\v/g, "\n").trim();
  const get = (c: Column) => (cols.has(c) ? cell(cols.get(c)!) : "");
  const row: TableRow = { task: get("task"), content: get("content"), lead: get("lead"), coop: get("coop"), responsible: get("responsible"), deadline: get("deadline") };
  if (cols.has("goal")) row.goal = get("goal");
  if (cols.has("measure")) row.measure = get("measure");
  const more = (cols.more ?? []).map(cell).filter(Boolean);
  if (more.length > 0) row.more = more.join("\n");
  return row;
}

/** A goal cell with its column's measure word: "0.07" + "万亩" → "0.07万亩"; "≥2%" with "%" stays; "全市统筹" has no figure. */
function goalText(r: TableRow): string {
  const goal = (r.goal ?? "").replace(/\n/g, "");
  const measure = (r.measure ?? "").replace(/\s+/g, "");
  if (!goal) return "";
  const word = measure.length <= 4 && !/[\d-]/.test(measure) ? measure : ""; // a measure word, not a cell out of place
  const withMeasure = /\d$/.test(goal) && word && !goal.endsWith(word) ? goal + word : goal;
  return `目标:${withMeasure}`;
}

/** A table row as readable text: the task, then labelled lines the unit and deadline readers understand. */
export function rowText(r: TableRow): string {
  // Paragraphs of a unit cell: a new unit after a complete name, else a name broken across lines.
  const list = (s: string) => s.split("\n").reduce((acc, p) => (acc && isBody(acc) ? `${acc}、${p}` : acc + p), "");
  return [
    r.task.replace(/\n/g, ""),
    r.content.replace(/\n/g, ""),
    ...(r.more ?? "").split("\n"), // each paragraph of a further task cell a line of its own ("1.… / 2.…")
    goalText(r),
    r.lead && `牵头单位:${list(r.lead)}`,
    r.coop && `配合单位:${list(r.coop)}`,
    r.responsible && `责任单位:${list(r.responsible)}`,
    r.deadline && `完成时限:${r.deadline.replace(/\n/g, "")}`,
  ].filter(Boolean).join("\n");
}
