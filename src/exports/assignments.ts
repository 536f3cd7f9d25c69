// Table models for 任务分工表 exports, built from stored records. Pure: no I/O, no clock unless no
// as-of date is given. documentTable: one policy with its headings; dutyList: one unit's 责任清单
// across documents; filteredTable: any (document, measure) pairs, e.g. a search result set.
import type { Measure } from "../../extract/schema.ts";
import { coopCell, deadlineCell, leadCell, roleName, sectionText, taskName } from "./cells.ts";
import { compareDueKeys, datedEnds, dueMarks, dueSortKey, normaliseAsOf, statusCell, strongestMark, DUE_SOON_DAYS } from "./due.ts";
import type { Column, ColumnKey, ExportDocument, ExportTable, ItemRow, Row, TableOptions, TableSheet } from "./model.ts";
import { unitMatcher } from "./unit-match.ts";

const COLUMNS: Record<ColumnKey, Column> = {
  path: { key: "path", header: "序号", width: 12 },
  task: { key: "task", header: "重点任务", width: 30 },
  content: { key: "content", header: "具体内容", width: 64 },
  role: { key: "role", header: "本单位职责", width: 11 },
  lead: { key: "lead", header: "牵头单位", width: 22 },
  coop: { key: "coop", header: "配合单位", width: 28 },
  deadline: { key: "deadline", header: "完成时限", width: 22 },
  due: { key: "due", header: "截止日期", width: 13 },
  status: { key: "status", header: "状态", width: 12 },
};

const pick = (keys: ColumnKey[]) => keys.map((k) => COLUMNS[k]);

function assignmentColumns(opts: TableOptions): Column[] {
  return pick(["path", "task", ...(opts.includeContent === false ? [] : (["content"] as const)), "lead", "coop", "deadline"]);
}

function dutyColumns(opts: TableOptions): Column[] {
  return pick(["path", "task", ...(opts.includeContent === false ? [] : (["content"] as const)), "role", "lead", "coop", "deadline", "due", "status"]);
}

const docTitle = (d: ExportDocument) => d.title?.trim() || "（无标题）";

/** Meta line of a document: 文号, 发布机构, 成文日期 where known. */
export function documentMeta(d: ExportDocument): string {
  const parts = [
    d.docNumber ? `文号：${d.docNumber}` : "",
    d.issuer ? `发布机构：${d.issuer}` : "",
    d.issuedDate ? `成文日期：${d.issuedDate}` : d.publishedDate ? `发布日期：${d.publishedDate}` : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join("　") : "文号、发布机构、日期均未识别";
}

function itemRow(d: ExportDocument, m: Measure): ItemRow {
  return {
    kind: "item",
    docId: d.id,
    docTitle: docTitle(d),
    measureId: m.id,
    cells: { path: m.path, task: taskName(m), content: m.text, lead: leadCell(m), coop: coopCell(m), deadline: deadlineCell(m) },
    deadlines: m.deadlines,
    mark: null,
    anchorDate: d.issuedDate ?? d.publishedDate,
  };
}

/**
 * Rows for some measures of one document, in document order, each preceded by the grouping headings
 * (outline entries that are not measures) it sits under, the first time they are reached.
 */
function hierarchyRows(d: ExportDocument, measures: Measure[]): Row[] {
  const headings = new Map<string, string>();
  for (const o of d.parts?.outline ?? []) if (!o.measure) headings.set(o.path, o.heading);
  const shown = new Set<string>();
  const rows: Row[] = [];
  for (const m of measures) {
    const labels = m.path.split("/");
    for (let i = 1; i < labels.length; i++) {
      const p = labels.slice(0, i).join("/");
      const heading = headings.get(p);
      if (heading === undefined || shown.has(p)) continue;
      shown.add(p);
      rows.push({ kind: "section", depth: i - 1, path: p, text: sectionText(p, heading) });
    }
    rows.push(itemRow(d, m));
  }
  return rows;
}

function documentSheet(d: ExportDocument, measures: Measure[]): TableSheet {
  return { name: docTitle(d), title: docTitle(d), meta: [documentMeta(d)], rows: hierarchyRows(d, measures) };
}

/** 任务分工表 of one document: headings and measures in document order. */
export function documentTable(doc: ExportDocument, opts: TableOptions = {}): ExportTable {
  const sheet = documentSheet(doc, doc.measures);
  return { kind: "document", title: docTitle(doc), subtitle: "任务分工表", meta: sheet.meta, columns: assignmentColumns(opts), sheets: [sheet] };
}

export interface MeasurePair {
  document: ExportDocument;
  /** The measure itself, or its id ("<doc id>:<path>") or path. */
  measure: Measure | string;
}

/**
 * The same table for any (document, measure) pairs: one sheet per document (in order of first
 * appearance), its measures in document order with their headings. Unknown measures are skipped.
 */
export function filteredTable(pairs: MeasurePair[], opts: TableOptions & { title?: string } = {}): ExportTable {
  const byDoc = new Map<string, { doc: ExportDocument; index: Map<string, Measure>; wanted: Map<string, Measure> }>();
  for (const { document: d, measure } of pairs) {
    let entry = byDoc.get(d.id);
    if (!entry) {
      // Measures by id and by path.
      const index = new Map<string, Measure>(d.measures.flatMap((m) => [[m.path, m], [m.id, m]] as [string, Measure][]));
      entry = { doc: d, index, wanted: new Map<string, Measure>() };
      byDoc.set(d.id, entry);
    }
    const id = typeof measure === "string" ? measure : measure.id;
    const found = entry.index.get(id) ?? (typeof measure === "string" ? undefined : measure);
    if (found) entry.wanted.set(found.id, found);
  }
  const sheets: TableSheet[] = [];
  let count = 0;
  for (const { doc, wanted } of byDoc.values()) {
    // Document order; a measure object the document does not list comes after its own.
    const listed = doc.measures.filter((m) => wanted.has(m.id));
    const listedIds = new Set(listed.map((m) => m.id));
    const measures = [...listed, ...[...wanted.values()].filter((m) => !listedIds.has(m.id))];
    if (measures.length === 0) continue;
    count += measures.length;
    sheets.push(documentSheet(doc, measures));
  }
  const title = opts.title?.trim() || "检索结果";
  return {
    kind: "filtered",
    title,
    subtitle: "任务分工表",
    meta: [`共 ${sheets.length} 个文件、${count} 项措施`],
    columns: assignmentColumns(opts),
    sheets,
  };
}

/**
 * 责任清单 of one unit (any alias: matched by unitKey in each document's region, or by canonical
 * name): every measure it leads, supports or is responsible for, grouped by document, sorted by
 * deadline (earliest end first; recurring and ongoing after dated ones; none last), marked 已逾期
 * or 30日内到期 relative to `asOf` (YYYY-MM-DD or a Date; default today in China).
 */
export function dutyList(unit: string, docs: ExportDocument[], asOf?: string | Date, opts: TableOptions = {}): ExportTable {
  const name = unit.replace(/\s+/g, "");
  if (!name) throw new Error("请指定单位名称");
  const day = normaliseAsOf(asOf);
  const rows: Row[] = [];
  const written = new Set<string>();
  let total = 0;
  let overdue = 0;
  let dueSoon = 0;
  for (const d of docs) {
    const matcher = unitMatcher(name, d.region);
    const items: { row: ItemRow; key: [number, string]; seq: number; late: boolean; soon: boolean }[] = [];
    d.measures.forEach((m, seq) => {
      const mine = matcher.matches(m.units);
      if (mine.length === 0) return;
      for (const u of mine) written.add(u.name);
      const row = itemRow(d, m);
      const marks = dueMarks(m.deadlines, day);
      row.mark = strongestMark(marks);
      row.cells.role = [...new Set(mine.map((u) => roleName(u.role)))].join("、");
      row.cells.due = datedEnds(m.deadlines).join("；");
      row.cells.status = statusCell(m.deadlines, day);
      items.push({ row, key: dueSortKey(m.deadlines), seq, late: marks.overdue.length > 0, soon: marks.dueSoon.length > 0 });
    });
    if (items.length === 0) continue;
    items.sort((a, b) => compareDueKeys(a.key, b.key) || a.seq - b.seq);
    const label = d.docNumber ? `${docTitle(d)}（${d.docNumber}）` : docTitle(d);
    rows.push({ kind: "section", depth: 0, path: "", text: label });
    for (const { row, late, soon } of items) {
      rows.push(row);
      total++;
      if (late) overdue++;
      if (soon) dueSoon++;
    }
  }
  const title = `${name}责任清单`;
  const meta = [
    `统计截至：${day}`,
    `共 ${total} 项（已逾期 ${overdue} 项，${DUE_SOON_DAYS}日内到期 ${dueSoon} 项）`,
    written.size > 0 ? `文件中的写法：${[...written].join("、")}` : "所选文件中未找到该单位",
  ];
  return {
    kind: "duty",
    title,
    subtitle: "责任清单",
    meta,
    columns: dutyColumns(opts),
    sheets: [{ name, title, meta, rows }],
    unit: name,
    asOf: day,
  };
}
