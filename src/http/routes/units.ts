// Units: the list (any alias) and one unit's duties. A unit of an untitled document of unknown place is
// labelled by the document's file name, never by its id (the index keeps 文件<id> in the key).
import { z } from "zod";
import { ErrorBody, UnitDetail, UnitList, UnitsQuery } from "../api-schemas.ts";
import type { AppState, RouteKit } from "../kit.ts";
import { libraryOf } from "../../../index/library/library.ts";
import { documentFileName } from "../../documents/file-name.ts";

type Summary = z.infer<typeof UnitDetail>["units"][number];

const ID_LABEL = /（地区未识别：文件([0-9a-f]{16})）/;
const ANY_LABEL = /（地区未识别：([^）]+)）$/;
/** File name → document id of the labels given out (a document's id and file do not change). */
const idOfFile = new Map<string, string>();

function fileName(state: AppState, id: string): string | null {
  const f = documentFileName(state.store, id);
  if (f) idOfFile.set(f, id);
  return f;
}

/** 市财政局（地区未识别：文件<id>） → 市财政局（地区未识别：<file name>）. */
function relabel(state: AppState, name: string): string {
  const m = ID_LABEL.exec(name);
  const f = m && fileName(state, m[1]);
  return f ? name.replace(ID_LABEL, `（地区未识别：${f}）`) : name;
}

const relabelUnit = (state: AppState, u: Summary): Summary => (ID_LABEL.test(u.name) || u.names.some((n) => ID_LABEL.test(n)) ? { ...u, name: relabel(state, u.name), names: u.names.map((n) => relabel(state, n)) } : u);

/** A name as the list shows it, back to the index's label (file name → 文件<id>); other names unchanged. */
export function indexName(state: AppState, name: string): string {
  const m = ANY_LABEL.exec(name);
  if (!m || ID_LABEL.test(name)) return name;
  if (!idOfFile.has(m[1])) for (const d of libraryOf(state.store).unplaced().documents) fileName(state, d.id);
  const id = idOfFile.get(m[1]);
  return id ? name.replace(ANY_LABEL, `（地区未识别：文件${id}）`) : name;
}

/** The documents without a place, to correct: an untitled one named by its file name (fileName), as the page names it. */
export function unplacedNamed(state: AppState) {
  const u = libraryOf(state.store).unplaced();
  const named = (d: (typeof u.documents)[number]) => {
    const file = d.title ? null : documentFileName(state.store, d.id);
    return file ? { ...d, fileName: file } : d;
  };
  return { ...u, documents: u.documents.map(named) };
}

export function unitRoutes({ route, state, err, json400, needIndex }: RouteKit): void {

  route(
    { method: "get", path: "/api/units", summary: "单位列表（按任意别名、地区、角色筛选，分页，含总数；只列机构，别名合并）", tags: ["单位"], query: UnitsQuery, responses: { 200: { description: "单位及其措施数", schema: UnitList }, ...json400 } },
    (c, { query }) => {
      const blocked = needIndex(c);
      if (blocked) return blocked;
      const list = state.index!.units(query as z.infer<typeof UnitsQuery>);
      return c.json({ ...list, units: list.units.map((u) => relabelUnit(state, u)), unplaced: unplacedNamed(state) });
    },
  );

  route(
    { method: "get", path: "/api/units/:name", summary: "一个单位牵头、配合和负责的措施（按文件分组，含时限）", tags: ["单位"], params: z.object({ name: z.string().min(1).max(80) }), responses: { 200: { description: "单位职责", schema: UnitDetail }, 404: { description: "没有该单位", schema: ErrorBody }, ...json400 } },
    (c, { params }) => {
      const blocked = needIndex(c);
      if (blocked) return blocked;
      const detail = state.index!.unit(indexName(state, params.name));
      return detail ? c.json({ ...detail, query: params.name, units: detail.units.map((u) => relabelUnit(state, u)) }) : err(c, 404, `没有找到单位：${params.name}`);
    },
  );
}
