// Units: the list (any alias) and one unit's duties.
import { z } from "zod";
import { ErrorBody, UnitDetail, UnitList, UnitsQuery } from "../api-schemas.ts";
import type { RouteKit } from "../kit.ts";
import { libraryOf } from "../../../index/library/library.ts";

export function unitRoutes({ route, state, err, json400, needIndex }: RouteKit): void {

  route(
    { method: "get", path: "/api/units", summary: "单位列表（按任意别名、地区、角色筛选，分页，含总数；只列机构，别名合并）", tags: ["单位"], query: UnitsQuery, responses: { 200: { description: "单位及其措施数", schema: UnitList }, ...json400 } },
    (c, { query }) => needIndex(c) ?? c.json({ ...state.index!.units(query as z.infer<typeof UnitsQuery>), unplaced: libraryOf(state.store).unplaced() }),
  );

  route(
    { method: "get", path: "/api/units/:name", summary: "一个单位牵头、配合和负责的措施（按文件分组，含时限）", tags: ["单位"], params: z.object({ name: z.string().min(1).max(80) }), responses: { 200: { description: "单位职责", schema: UnitDetail }, 404: { description: "没有该单位", schema: ErrorBody }, ...json400 } },
    (c, { params }) => {
      const blocked = needIndex(c);
      if (blocked) return blocked;
      const detail = state.index!.unit(params.name);
      return detail ? c.json(detail) : err(c, 404, `没有找到单位：${params.name}`);
    },
  );
}
