// Table models for 任务分工表 exports, built from stored records. Pure: no I/O, no clock unless no
// as-of date is given. documentTable: one policy with its headings; dutyList: one unit's 责任清单
// across documents, grouped by the matched units; filteredTable: any (document, measure) pairs.
// Columns are chosen by key (columns.ts); follow-up progress, when given, fills 状态 / 进展情况.
import type { Measure } from "../../extract/schema.ts";
import { coopCell, deadlineCell, documentLabel, leadCell, roleName, sectionText, taskName } from "./cells.ts";
import { columnsFor } from "./columns.ts";
import { compareDueKeys, datedEnds, dueMarks, dueSortKey, normaliseAsOf, statusCell, strongestMark, DUE_SOON_DAYS } from "./due.ts";
import { measureTasks, planEnd, taskUnits, worstLight, type Task } from "./followup.ts";
import { taskId } from "../../index/store/tasks.ts";
import type { ExportDocument, ExportTable, ItemRow, Row, TableOptions, TableSheet } from "./model.ts";
import { unitMatcher } from "./unit-match.ts";

export { columnsFor, COLUMN_KEYS, parseColumns } from "./columns.ts";

const docTitle = (d: ExportDocument) => documentLabel(d);

/** Meta line of a document: 文号, 发布机构, 成文日期 where known. */
export function documentMeta(d: ExportDocument): string {
  const parts = [
    d.docNumber ? `文号：${d.docNumber}` : "",
    d.issuer ? `发布机构：${d.issuer}` : "",
    d.issuedDate ? `成文日期：${d.issuedDate}` : d.publishedDate ? `发布日期：${d.publishedDate}` : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join("　") : "文号、发布机构、日期均未识别";
}

/** Cells of the follow-up columns from a row's tasks (those of the unit asked for, in a duty list). */
function followUpCells(row: ItemRow, tasks: Task[]): void {
  if (tasks.length === 0) return;
  const several = tasks.length > 1 && new Set(tasks.map((t) => t.status)).size > 1;
  const touched = tasks.filter((t) => t.updatedAt !== null);
  const who = (t: Task) => (tasks.length > 1 && t.unit ? `${t.unit}：` : "");
  row.cells.status = touched.length === 0 ? "" : several ? tasks.map((t) => `${who(t)}${t.status}`).join("；") : tasks[0].status;
  row.cells.completed = [...new Set(tasks.map((t) => t.completedOn).filter(Boolean))].join("；");
  row.cells.progress = tasks.filter((t) => t.note).map((t) => `${who(t)}${t.note}`).join("\n");
  const light = worstLight(tasks.map((t) => t.light))!;
  const reason = tasks.find((t) => t.light === light)!.lightReason;
  row.cells.light = `${light}灯（${reason}）`;
  row.light = light;
  row.cells.id = tasks.map((t) => t.id).join(" ");
  row.done = tasks.every((t) => t.status === "已完成" || t.status === "不适用");
}

function itemRow(d: ExportDocument, m: Measure, opts: TableOptions, end: string, unitTasks?: (owner: { unit: string; canonical: string }) => boolean): ItemRow {
  const row: ItemRow = {
    kind: "item",
    docId: d.id,
    docTitle: docTitle(d),
    measureId: m.id,
    cells: { path: m.path, task: taskName(m), content: m.text, lead: leadCell(m), unit: leadCell(m), coop: coopCell(m), deadline: deadlineCell(m), due: datedEnds(m.deadlines).join("；"), remark: "" },
    deadlines: m.deadlines,
    mark: null,
    anchorDate: d.issuedDate ?? d.publishedDate,
    until: end,
  };
  // A duty list shows the unit's own tasks of the measure when it owns some, else all of them.
  const owners = taskUnits(m);
  const own = owners.map((u) => (unitTasks ? unitTasks(u) : false));
  const pick = <T>(all: T[]): T[] => (own.some(Boolean) ? all.filter((_, i) => own[i]) : all);
  if (opts.followUp) followUpCells(row, pick(measureTasks(d, m, opts.followUp, end)));
  else row.cells.id = pick(owners).map((u) => taskId(d.id, m.path, u.canonical)).join(" ");
  return row;
}

/** Number the item rows 1, 2, 3 … in the order they are listed. */
function numberRows(rows: Row[], from = 1): number {
  let n = from;
  for (const r of rows) if (r.kind === "item") r.cells.no = String(n++);
  return n;
}

/**
 * Rows for some measures of one document, in document order, each preceded by the grouping headings
 * (outline entries that are not measures) it sits under, the first time they are reached.
 */
function hierarchyRows(d: ExportDocument, measures: Measure[], opts: TableOptions): Row[] {
  const headings = new Map<string, string>();
  for (const o of d.parts?.outline ?? []) if (!o.measure) headings.set(o.path, o.heading);
  const shown = new Set<string>();
  const rows: Row[] = [];
  const end = planEnd(d);
  for (const m of measures) {
    const labels = m.path.split("/");
    for (let i = 1; i < labels.length; i++) {
      const p = labels.slice(0, i).join("/");
      const heading = headings.get(p);
      if (heading === undefined || shown.has(p)) continue;
      shown.add(p);
      rows.push({ kind: "section", depth: i - 1, path: p, text: sectionText(p, heading) });
    }
    rows.push(itemRow(d, m, opts, end));
  }
  numberRows(rows);
  return rows;
}

function documentSheet(d: ExportDocument, measures: Measure[], opts: TableOptions): TableSheet {
  return { name: docTitle(d), title: docTitle(d), meta: [documentMeta(d)], rows: hierarchyRows(d, measures, opts), docNumber: d.docNumber };
}

/** 任务分工表 of one document: headings and measures in document order. */
export function documentTable(doc: ExportDocument, opts: TableOptions = {}): ExportTable {
  const sheet = documentSheet(doc, doc.measures, opts);
  return { kind: "document", title: docTitle(doc), subtitle: "任务分工表", meta: sheet.meta, columns: columnsFor("document", opts), sheets: [sheet], docNumber: doc.docNumber };
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
    sheets.push(documentSheet(doc, measures, opts));
  }
  const title = opts.title?.trim() || "检索结果";
  return {
    kind: "filtered",
    title,
    subtitle: "任务分工表",
    meta: [`共 ${sheets.length} 个文件、${count} 项措施`],
    columns: columnsFor("filtered", opts),
    sheets,
  };
}

type DutyItem = { row: ItemRow; key: [number, string]; seq: number; late: boolean; soon: boolean };

/**
 * 责任清单 of one unit (any alias, as the unit page finds it: index/search/match-keys.ts): every
 * measure it leads, supports or is responsible for, grouped by the matched unit (when the name
 * matches several) and by document, sorted by deadline (earliest end first; recurring and ongoing
 * after dated ones; none last), marked 已逾期 or 30日内到期 relative to `asOf` (YYYY-MM-DD or a
 * Date; default today in China). A measure naming two matched units is listed once, under the first.
 */
export function dutyList(unit: string, docs: ExportDocument[], asOf?: string | Date, opts: TableOptions & { unitKeys?: string[] } = {}): ExportTable {
  const name = unit.replace(/\s+/g, "");
  if (!name) throw new Error("请指定单位名称");
  const day = normaliseAsOf(asOf);
  const keys = opts.unitKeys ? new Set(opts.unitKeys) : undefined;
  // Matched unit → document → items.
  const groups = new Map<string, { labels: Map<string, number>; docs: Map<string, { doc: ExportDocument; items: DutyItem[] }> }>();
  const written = new Set<string>();
  let total = 0;
  let overdue = 0;
  let dueSoon = 0;
  for (const d of docs) {
    const matcher = unitMatcher(name, d.region, keys);
    const end = planEnd(d);
    d.measures.forEach((m, seq) => {
      const mine = matcher.matches(m.units);
      if (mine.length === 0) return;
      for (const u of mine) written.add(u.name);
      const canonicals = new Set(mine.map((u) => u.canonical));
      const row = itemRow(d, m, opts, end, (o) => canonicals.has(o.canonical));
      const marks = dueMarks(m.deadlines, day);
      row.mark = strongestMark(marks);
      row.cells.role = [...new Set(mine.map((u) => roleName(u.role)))].join("、");
      row.cells.mark = statusCell(m.deadlines, day);
      const key = matcher.groupKey(mine[0]);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { labels: new Map(), docs: new Map() }));
      for (const u of mine) if (matcher.groupKey(u) === key) g.labels.set(u.canonical, (g.labels.get(u.canonical) ?? 0) + 1);
      let entry = g.docs.get(d.id);
      if (!entry) g.docs.set(d.id, (entry = { doc: d, items: [] }));
      entry.items.push({ row, key: dueSortKey(m.deadlines), seq, late: marks.overdue.length > 0, soon: marks.dueSoon.length > 0 });
    });
  }
  const rows: Row[] = [];
  const byUnit = groups.size > 1;
  const label = (g: { labels: Map<string, number> }) => [...g.labels].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  const ordered = [...groups.values()].sort((a, b) => label(a).localeCompare(label(b), "zh-CN"));
  for (const g of ordered) {
    const n = [...g.docs.values()].reduce((s, e) => s + e.items.length, 0);
    if (byUnit) rows.push({ kind: "section", depth: 0, path: "", text: `${label(g)}（${n} 项）` });
    for (const { doc, items } of g.docs.values()) {
      items.sort((a, b) => compareDueKeys(a.key, b.key) || a.seq - b.seq);
      const heading = doc.docNumber ? `${docTitle(doc)}（${doc.docNumber}）` : docTitle(doc);
      rows.push({ kind: "section", depth: byUnit ? 1 : 0, path: "", text: heading });
      for (const { row, late, soon } of items) {
        rows.push(row);
        total++;
        if (late) overdue++;
        if (soon) dueSoon++;
      }
    }
  }
  numberRows(rows);
  const title = `${name}责任清单`;
  const meta = [
    `统计截至：${day}`,
    `共 ${total} 项（已逾期 ${overdue} 项，${DUE_SOON_DAYS}日内到期 ${dueSoon} 项）`,
    groups.size > 1 ? `匹配的单位：${ordered.map((g) => label(g)).join("、")}` : "",
    written.size > 0 ? `文件中的写法：${[...written].join("、")}` : "所选文件中未找到该单位",
  ].filter(Boolean);
  return {
    kind: "duty",
    title,
    subtitle: "责任清单",
    meta,
    columns: columnsFor("duty", opts),
    sheets: [{ name, title, meta, rows }],
    unit: name,
    asOf: day,
  };
}
