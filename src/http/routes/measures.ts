// One measure with its context; one sentence parsed.
import { ParseRequest, ParseResult, parseSentence } from "../../../extract/parse.ts";
import { ErrorBody, MeasureDetail, MeasureIdParam } from "../api-schemas.ts";
import { type RouteKit, json413, jsonBodyLimit } from "../kit.ts";
import { libraryOf } from "../../../index/library/library.ts";
import { namedDocument } from "../../documents/named.ts";

export function measureRoutes({ route, state, err, json400, jsonBody }: RouteKit): void {

  route(
    { method: "get", path: "/api/measures/:id", summary: "一条措施及其所在文件的上下文", tags: ["措施"], params: MeasureIdParam, responses: { 200: { description: "措施", schema: MeasureDetail }, 404: { description: "没有该措施", schema: ErrorBody }, ...json400 } },
    (c, { params }) => {
      const m = state.store.getMeasure(params.id);
      if (!m) return err(c, 404, `没有编号为 ${params.id} 的措施`);
      const docId = params.id.slice(0, 16);
      const doc = state.store.getDocument(docId)!;
      // The grouping headings above the measure: entries whose path is a prefix of the measure's.
      const context = doc.parts.outline.filter((o) => m.path === o.path || m.path.startsWith(`${o.path}/`));
      const ref = { id: doc.id, title: doc.title, docNumber: doc.docNumber, issuer: doc.issuer, region: doc.region, date: doc.issuedDate ?? doc.publishedDate };
      // Named as search hits name it: 国家层面/地区未识别 without a place, the file name without a recognised title.
      return c.json({
        measure: m,
        document: namedDocument(state.store, ref, state.index),
        context,
        validity: libraryOf(state.store).status(docId), // 现行 / 已到期 / 已被替代 of its document, with the reason
      });
    },
  );

  route(
    { method: "post", path: "/api/parse", summary: "解析一句话中的单位、时限和目标", tags: ["抽取"], body: { contentType: "application/json", schema: ParseRequest }, responses: { 200: { description: "解析结果", schema: ParseResult }, ...json400, ...json413 } },
    async (c) => {
      const req = await jsonBody(c, ParseRequest, "请求体必须是 JSON：{\"text\": \"…\", \"base\": \"YYYY-MM-DD\"}");
      if (req instanceof Response) return req;
      return c.json(parseSentence(req.text, req.base ?? null));
    },
    jsonBodyLimit,
  );
}
