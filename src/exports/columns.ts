// The columns a table can have, their headers and widths, and the default set of each kind of table.
// Widths are in Excel units (a CJK character takes about two); DOCX shares them out of the page width.
import type { Column, ColumnKey, TableKind, TableOptions } from "./model.ts";

const COLUMNS: Record<ColumnKey, Column> = {
  no: { key: "no", header: "序号", width: 4.5 },
  doc: { key: "doc", header: "文件", width: 22 },
  task: { key: "task", header: "重点任务", width: 47 },
  content: { key: "content", header: "具体内容", width: 60 },
  role: { key: "role", header: "本单位职责", width: 8 },
  unit: { key: "unit", header: "责任单位", width: 16 },
  lead: { key: "lead", header: "牵头单位", width: 15 },
  coop: { key: "coop", header: "配合单位", width: 19 },
  deadline: { key: "deadline", header: "完成时限", width: 14 },
  due: { key: "due", header: "截止日期", width: 11 },
  mark: { key: "mark", header: "到期提示", width: 9 },
  light: { key: "light", header: "督办灯", width: 12 },
  status: { key: "status", header: "状态", width: 6.5 },
  completed: { key: "completed", header: "完成时间", width: 9.5 },
  progress: { key: "progress", header: "进展情况", width: 12 },
  remark: { key: "remark", header: "备注", width: 6 },
  path: { key: "path", header: "原文条目", width: 8.5 },
  id: { key: "id", header: "任务编号", width: 18, hidden: true },
};

export const COLUMN_KEYS = Object.keys(COLUMNS) as ColumnKey[];

const DEFAULTS: Record<TableKind, ColumnKey[]> = {
  document: ["no", "task", "lead", "coop", "deadline", "status", "completed", "progress", "remark", "path", "id"],
  filtered: ["no", "task", "lead", "coop", "deadline", "status", "completed", "progress", "remark", "path", "id"],
  duty: ["no", "task", "role", "lead", "coop", "deadline", "due", "mark", "status", "progress", "path", "id"],
  tasks: ["no", "doc", "task", "unit", "deadline", "due", "light", "status", "completed", "progress", "path", "id"],
};

/** The columns of a table: the ones asked for (任务编号 kept hidden when a progress column is shown), else the default. */
export function columnsFor(kind: TableKind, opts: TableOptions = {}): Column[] {
  let keys = opts.columns && opts.columns.length > 0 ? [...opts.columns] : [...DEFAULTS[kind]];
  if (opts.includeContent && !keys.includes("content")) keys.splice(Math.max(0, keys.indexOf("task") + 1), 0, "content");
  if (!opts.columns?.length && opts.includeContent === false) keys = keys.filter((k) => k !== "content");
  if (keys.some((k) => k === "status" || k === "completed" || k === "progress") && !keys.includes("id")) keys.push("id");
  return [...new Set(keys)].map((k) => COLUMNS[k]);
}

/** "no,task,lead" → keys; an unknown key or an empty list gives a Chinese message instead. */
export function parseColumns(text: string): ColumnKey[] | string {
  const keys = text.split(/[,，、\s]+/).filter(Boolean);
  if (keys.length === 0) return "columns 不能为空";
  const byHeader = new Map(Object.values(COLUMNS).map((c) => [c.header, c.key]));
  const out: ColumnKey[] = [];
  for (const k of keys) {
    const key = (COLUMN_KEYS as string[]).includes(k) ? (k as ColumnKey) : byHeader.get(k);
    if (!key) return `未知的列：${k}（可选：${COLUMN_KEYS.map((c) => `${c}（${COLUMNS[c].header}）`).join("、")}）`;
    out.push(key);
  }
  return out;
}

/** The key of a column header (for reading a filled-in table back), or undefined. */
export function columnByHeader(header: string): ColumnKey | undefined {
  const h = header.replace(/\s+/g, "");
  return Object.values(COLUMNS).find((c) => c.header === h)?.key;
}
