// Comparison across places: similar measures, topics, comparison tables (answered by the comparison worker).
import type { Context } from "hono";
import { z } from "zod";
import { ComparisonTableBody, CompareQuery, ErrorBody, MeasureIdParam, SimilarList, SimilarQuery, TopicDetail, TopicList } from "../api-schemas.ts";
import type { RouteKit } from "../kit.ts";
import { contentDisposition } from "../../exports/index.ts";
import { COMPARISON_FORMATS } from "../../comparison/export.ts";
import { unplacedNamed } from "./units.ts";
import type { SimilarFocus } from "../../../index/similar/types.ts";
import type { DocRef } from "../../../index/schema.ts";
import { namedDocument } from "../../documents/named.ts";

/** CompareQuery plus format= (json by default; xlsx, csv or md: the table as a file). */
const CompareFileQuery = z
  .object({
    ...CompareQuery.shape,
    format: z.enum(["json", ...COMPARISON_FORMATS], { error: `format 应为 json、${COMPARISON_FORMATS.join("、")} 之一` }).optional(),
  })
  .refine((x) => !!x.q?.trim() !== !!x.measure, { message: "请给出 q（对比主题）或 measure（措施编号）之一" });

export function comparisonRoutes({ route, state, err, json400, heavy }: RouteKit): void {
  /**
   * A similar measure's document as search hits name it: 国家层面 or 地区未识别 for one without a place,
   * its file name for one without a recognised title (the page wrote 未注明地区 and an empty name).
   */
  const named = <T extends { document: DocRef }>(h: T): T => {
    const document = namedDocument(state.store, h.document, state.index);
    return document === h.document ? h : { ...h, document };
  };

  // ------------------------------------------------------------------ comparison across places
  const needComparison = (c: Context) => (state.comparison ? null : err(c, 503, "对比索引尚未就绪，请稍候"));

  route(
    { method: "get", path: "/api/measures/:id/similar", summary: "其他文件中的相似措施，按相似度分页（近乎照抄的单列为 copies）", tags: ["对比"], params: MeasureIdParam, query: SimilarQuery, responses: { 200: { description: "相似措施", schema: SimilarList }, 404: { description: "没有该措施", schema: ErrorBody }, ...json400 } },
    async (c, { params, query }) => {
      const blocked = needComparison(c);
      if (blocked) return blocked;
      const r = await state.comparison!.similar(params.id, Number(query.limit), Boolean(query.excludeSameDoc), Number(query.offset), query.focus as SimilarFocus);
      return r ? c.json({ ...r, similar: r.similar.map(named), copies: r.copies.map(named) }) : err(c, 404, `没有编号为 ${params.id} 的措施`);
    },
  );

  route(
    { method: "get", path: "/api/topics", summary: "主题分组：各地在每个主题上有无措施", tags: ["对比"], responses: { 200: { description: "主题", schema: TopicList } } },
    async (c) => needComparison(c) ?? c.json({ topics: await state.comparison!.topicList(), unplaced: unplacedNamed(state) }),
  );

  route(
    { method: "get", path: "/api/topics/:id", summary: "一个主题的各地对比表", tags: ["对比"], params: z.object({ id: z.string().regex(/^[0-9a-z]{1,40}$/, "主题编号格式不正确") }), responses: { 200: { description: "主题与对比表", schema: TopicDetail }, 404: { description: "没有该主题", schema: ErrorBody }, ...json400 } },
    async (c, { params }) => {
      const blocked = needComparison(c);
      if (blocked) return blocked;
      const r = await state.comparison!.topicDetail(params.id);
      return r ? c.json(r) : err(c, 404, `没有编号为 ${params.id} 的主题`);
    },
  );

  route(
    { method: "get", path: "/api/compare", summary: "按主题词（q）或措施（measure）对比各地做法与目标；format=xlsx|csv|md 下载对比表", tags: ["对比"], query: CompareFileQuery, responses: { 200: { description: "对比表（format=xlsx|csv|md 时为文件）", schema: ComparisonTableBody }, 404: { description: "没有该措施", schema: ErrorBody }, 429: { description: "匿名请求过于频繁（按主题词对比；响应头 Retry-After 给出等待秒数）", schema: ErrorBody }, ...json400 } },
    async (c, { query }) => {
      const blocked = needComparison(c);
      if (blocked) return blocked;
      const measure = query.measure ? String(query.measure) : null;
      const format = query.format && String(query.format) !== "json" ? String(query.format) : null;
      if (format) {
        const file = await state.comparison!.exportFile(measure ? { measure } : { q: String(query.q).trim() }, format);
        if (!file) return err(c, 404, `没有编号为 ${measure} 的措施`);
        return c.body(new Uint8Array(file.body), 200, { "content-type": file.contentType, "content-disposition": contentDisposition(file.fileName) });
      }
      if (measure) {
        const t = await state.comparison!.compareMeasure(measure);
        return t ? c.json(t) : err(c, 404, `没有编号为 ${measure} 的措施`);
      }
      return c.json(await state.comparison!.compareText(String(query.q).trim()));
    },
    // Free text is matched against every measure (tens of ms): limited like the exports; by measure it is a lookup.
    async (c, next) => (c.req.query("measure") === undefined || (c.req.query("format") ?? "json") !== "json" ? heavy(c, next) : next()),
  );
}
