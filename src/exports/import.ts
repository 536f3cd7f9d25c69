// Import of progress: an exported table (CSV or XLSX) filled in by the units — 状态, 完成时间,
// 进展情况 — read back into task changes. Rows are matched by 任务编号 (or by 原文条目 within one
// document); rows that match no task are reported, never guessed. Anything wrong with the file as a
// whole (not a table, no header, an unknown column, an unknown status, a bad date, an overlong note)
// is an ImportError with a Chinese message, and nothing is applied.
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { MAX_NOTE, TASK_STATUSES, TaskStatus, type TaskChange } from "../../index/store/tasks.ts";
import { columnByHeader } from "./columns.ts";
import { todayInChina } from "./due.ts";
import { settleCompletion } from "./completion.ts";
import type { Task } from "./followup.ts";
import type { ColumnKey } from "./model.ts";

export class ImportError extends Error {}

export interface UnmatchedRow {
  /** Row number in the file (1-based, as a spreadsheet shows it). */
  row: number;
  /** What the row gave to be matched by (任务编号 or 原文条目). */
  key: string;
  task: string;
  reason: string;
}

export interface ImportPlan {
  changes: TaskChange[];
  unmatched: UnmatchedRow[];
  /** Rows that matched but change nothing (same values, or nothing filled in). */
  unchanged: number;
}

type Sheet = { name: string; rows: { n: number; cells: string[] }[] };

/** RFC 4180 CSV (quoted fields, "" escapes, CR LF or LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

function decodeText(buf: Buffer): string {
  const body = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  const utf8 = body.toString("utf8");
  return utf8.includes("\ufffd") ? iconv.decode(body, "gb18030") : utf8;
}

const pad = (n: number) => String(n).padStart(2, "0");
const isoOf = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

async function readSheets(buf: Buffer): Promise<Sheet[]> {
  if (buf.length === 0) throw new ImportError("文件为空，不是表格");
  if (buf[0] === 0x50 && buf[1] === 0x4b) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    } catch {
      throw new ImportError("文件不是可读取的 XLSX 表格（压缩包损坏或不是 Excel 文件）");
    }
    return wb.worksheets.map((ws) => {
      const rows: Sheet["rows"] = [];
      ws.eachRow({ includeEmpty: false }, (r, n) => {
        const cells: string[] = [];
        for (let c = 1; c <= ws.columnCount; c++) {
          const cell = r.getCell(c);
          // A merged range (a section row) holds its text in its first cell only.
          if (cell.isMerged && cell.master.address !== cell.address) cells.push("");
          else cells.push(cell.value instanceof Date ? isoOf(cell.value) : (cell.text ?? ""));
        }
        rows.push({ n, cells });
      });
      return { name: ws.name, rows };
    });
  }
  // Text: refuse binary files (NUL bytes, other archives, PDFs) before reading them as CSV.
  if (buf.includes(0) || buf.subarray(0, 5).toString("latin1") === "%PDF-") throw new ImportError("文件不是表格：请上传导出的 CSV 或 XLSX 文件");
  const rows = parseCsv(decodeText(buf)).map((cells, i) => ({ n: i + 1, cells }));
  return [{ name: "CSV", rows }];
}

/** YYYY-MM-DD from the ways a clerk writes a date; null when empty; an ImportError when unreadable. */
function parseDay(text: string, where: string): string | null {
  const t = text.trim();
  if (!t) return null;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) {
      return isoOf(date);
    }
  }
  throw new ImportError(`${where}：完成时间“${t.slice(0, 40)}”无法识别（应为 2024-06-30 或 2024年6月30日）`);
}

const STATUS_SET = new Set<string>(TASK_STATUSES);

function parseStatus(text: string, where: string): TaskStatus {
  const t = text.trim();
  if (!STATUS_SET.has(t)) throw new ImportError(`${where}：未知的状态“${t.slice(0, 40)}”（可选：${TASK_STATUSES.join("、")}）`);
  return TaskStatus.parse(t);
}

/** Per-unit values of a cell written for several tasks ("市财政局：已完成；市科技局：推进中"). */
function perUnit(text: string): Map<string, string> | null {
  if (!/[：:]/.test(text)) return null;
  const out = new Map<string, string>();
  for (const part of text.split(/[；;\n]+/)) {
    const m = /^\s*([^：:]+)[：:]\s*(.*)$/.exec(part);
    if (m) out.set(m[1].trim(), m[2].trim());
  }
  return out.size > 0 ? out : null;
}

/**
 * Read a filled-in table into task changes. `tasks`: the current tasks (to match and to compare);
 * `docId`: the document whose 原文条目 identify rows when the table has no 任务编号 column; `movedTo`: the task
 * an id of a replaced version moved to (a table exported before the document was replaced).
 */
export async function planImport(buf: Buffer, tasks: Task[], docId?: string, movedTo?: (id: string) => string | null): Promise<ImportPlan> {
  const sheets = await readSheets(buf);
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const plan: ImportPlan = { changes: [], unmatched: [], unchanged: 0 };
  const today = todayInChina();
  let headerFound = false;
  for (const sheet of sheets) {
    const headerAt = sheet.rows.findIndex((r) => r.cells.filter((c) => columnByHeader(c) !== undefined).length >= 2);
    if (headerAt < 0) continue;
    headerFound = true;
    const header = sheet.rows[headerAt].cells;
    const cols = new Map<ColumnKey, number>();
    header.forEach((h, i) => {
      if (!h.trim()) return;
      const key = columnByHeader(h);
      if (!key) throw new ImportError(`未知的列“${h.trim().slice(0, 40)}”（第 ${sheet.rows[headerAt].n} 行）：请使用导出的表格，不要改动表头`);
      cols.set(key, i);
    });
    if (!cols.has("status") && !cols.has("completed") && !cols.has("progress")) throw new ImportError("表格中没有“状态”“完成时间”或“进展情况”列，没有可导入的进展");
    if (!cols.has("id") && !cols.has("path")) throw new ImportError("表格中没有“任务编号”或“原文条目”列，无法对应到任务");
    if (!cols.has("id") && !docId) throw new ImportError("表格中没有“任务编号”列：按“原文条目”对应时须指定文件（参数 doc）");
    const cell = (cells: string[], k: ColumnKey) => (cols.has(k) ? (cells[cols.get(k)!] ?? "").trim() : "");
    for (const { n, cells } of sheet.rows.slice(headerAt + 1)) {
      const where = `第 ${n} 行`;
      const ids = cell(cells, "id").split(/[\s,，、;；]+/).filter(Boolean);
      const path = cell(cells, "path");
      const statusText = cell(cells, "status");
      const completedText = cell(cells, "completed");
      const noteText = cell(cells, "progress");
      if (ids.length === 0 && (cols.has("id") || !path)) continue; // a section row or a blank line
      if (!statusText && !completedText && !noteText) continue; // nothing filled in
      if (noteText.length > MAX_NOTE) throw new ImportError(`${where}：进展情况过长（${noteText.length} 字，上限 ${MAX_NOTE} 字）`);
      let matched: Task[];
      // An id of an earlier version of the document (replaced since): the task it moved to.
      if (ids.length > 0) matched = ids.map((id) => byId.get(id) ?? byId.get(movedTo?.(id) ?? "")).filter((t): t is Task => t !== undefined);
      else matched = tasks.filter((t) => t.docId === docId && t.path === path);
      const key = ids.length > 0 ? ids.join(" ") : path;
      if (matched.length === 0 || (ids.length > 0 && matched.length < ids.length)) {
        plan.unmatched.push({ row: n, key, task: cell(cells, "task").slice(0, 80), reason: ids.length > 0 ? "任务编号不存在（文件已删除或表格不是本库导出的）" : "该文件中没有此条目" });
        if (matched.length === 0) continue;
      }
      // Values per task: one value for all, or "单位：值" pairs when the cell names units.
      const statuses = perUnit(statusText);
      const notes = matched.length > 1 ? perUnit(noteText) : null;
      for (const t of matched) {
        const s = statuses ? (statuses.get(t.unit) ?? "") : statusText;
        const status = s ? parseStatus(s, where) : undefined;
        const completedOn = parseDay(completedText.split(/[；;]/)[0] ?? "", where) ?? undefined;
        const note = notes ? notes.get(t.unit) : noteText || undefined;
        const change: TaskChange = { task: { id: t.id, docId: t.docId, measureId: t.measureId, unit: t.unit } };
        if (status !== undefined && status !== t.status) change.status = status;
        if (completedOn !== undefined && completedOn !== t.completedOn) change.completedOn = completedOn;
        // As PATCH: a new date only on a completed task; 已完成 without one is today; reopened (its old date left in the cell), the date goes.
        const settled = settleCompletion(t, change, today);
        if ("error" in settled) throw new ImportError(`${where}：${settled.error}${settled.notDone ? "（请把状态改为“已完成”，或清空完成时间）" : ""}`);
        if (settled.completedOn !== undefined) change.completedOn = settled.completedOn;
        if (note !== undefined && note !== "" && note !== t.note) change.note = note;
        if (change.status === undefined && change.completedOn === undefined && change.note === undefined) plan.unchanged++;
        else plan.changes.push(change);
      }
    }
  }
  if (!headerFound) throw new ImportError("文件不是导出的任务表：未找到表头（应含“任务编号”“状态”“进展情况”等列）");
  return plan;
}
