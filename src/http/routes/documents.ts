// Documents: list, one document with its outline, upload.
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { StoreWriteError } from "../../../index/store/store.ts";
import { IngestError } from "../../../extract/errors.ts";
import { MAX_FILE_BYTES } from "../../../extract/loaders/index.ts";
import { DocIdParam, DocumentDetail, DocumentList, ErrorBody, ListQuery, UploadResult } from "../api-schemas.ts";
import { ingestBuffer, safeFileName } from "../../ingest.ts";
import type { RouteKit } from "../kit.ts";

const UPLOAD_FORMATS = /\.(txt|html?|pdf|docx?)$/i;

export function documentRoutes({ route, state, err, json400, changed }: RouteKit): void {

  route(
    { method: "get", path: "/api/documents", summary: "文件列表", tags: ["文件"], query: ListQuery, responses: { 200: { description: "文件列表", schema: DocumentList }, ...json400 } },
    (c, { query }) => {
      const q = query as z.infer<typeof ListQuery>;
      return c.json({ total: state.store.documentCount(), documents: state.store.listDocuments(q.limit, q.offset) });
    },
  );

  route(
    { method: "get", path: "/api/documents/:id", summary: "一个文件及其措施层级", tags: ["文件"], params: DocIdParam, responses: { 200: { description: "文件", schema: DocumentDetail }, 404: { description: "没有该文件", schema: ErrorBody }, ...json400 } },
    (c, { params }) => {
      const doc = state.store.getDocument(params.id);
      return doc ? c.json(doc) : err(c, 404, `没有编号为 ${params.id} 的文件`);
    },
  );

  route(
    {
      method: "post", path: "/api/documents", summary: "上传并入库一个文件（TXT、HTML、PDF、DOCX、DOC）", tags: ["文件"], auth: true,
      body: { contentType: "multipart/form-data", schema: z.object({ file: z.string().meta({ format: "binary" }), replace: z.string().optional().meta({ description: "要被此文件替换的文件编号（也可用查询参数 ?replace=）；不给时同名文件作为另一个文件入库" }) }) },
      responses: {
        200: { description: "已处理（新增、替换、未变或重复）", schema: UploadResult },
        401: { description: "缺少或错误的令牌", schema: ErrorBody }, 403: { description: "未启用上传", schema: ErrorBody },
        413: { description: "文件过大或超出解析限制", schema: ErrorBody }, 415: { description: "不支持的格式", schema: ErrorBody },
        422: { description: "无法读取的文件", schema: ErrorBody }, 404: { description: "要替换的文件不存在", schema: ErrorBody },
        503: { description: "数据目录只读，或正在解析的文件过多（响应头 Retry-After）", schema: ErrorBody }, 507: { description: "磁盘空间不足", schema: ErrorBody }, ...json400,
      },
    },
    async (c) => {
      if (!state.apiToken) return err(c, 403, "上传功能未启用：服务端未设置 API_TOKEN");
      const auth = c.req.header("authorization") ?? "";
      if (auth !== `Bearer ${state.apiToken}`) return err(c, 401, "需要有效的令牌（Authorization: Bearer <API_TOKEN>）");
      let form: Record<string, unknown>;
      try {
        form = await c.req.parseBody();
      } catch {
        return err(c, 400, "请求体应为 multipart/form-data，文件字段名为 file");
      }
      const file = form.file;
      if (!(file instanceof File)) return err(c, 400, "缺少文件字段 file");
      const name = safeFileName(file.name);
      if (!UPLOAD_FORMATS.test(name)) return err(c, 415, `不支持的文件格式：${name}（允许 TXT、HTML、PDF、DOCX、DOC）`);
      if (file.size > MAX_FILE_BYTES) return err(c, 413, `文件过大（上限 ${MAX_FILE_BYTES / 1048576} MB）`);
      const replace = c.req.query("replace") ?? (typeof form.replace === "string" && form.replace !== "" ? form.replace : undefined);
      if (replace !== undefined && !/^[0-9a-f]{16}$/.test(replace)) return err(c, 400, "replace 应为 16 位文件编号");
      const source = `upload/${name}`;
      try {
        // Same name is not same document: an upload replaces only the document the user names.
        const out = await ingestBuffer(state.store, Buffer.from(await file.arrayBuffer()), source, replace ? { replace } : "new");
        if (out.status === "added" || out.status === "replaced") {
          changed();
        }
        const doc = state.store.getDocument(out.id);
        return c.json({ status: out.status, id: out.id, title: doc?.title ?? null, measureCount: doc?.measureCount ?? 0, ...(out.existingSource ? { existingSource: out.existingSource } : {}) });
      } catch (e) {
        if (e instanceof IngestError) {
          // Too many files being parsed: come back later; content over a processing limit: too large.
          if (e.code === "busy") return c.json({ error: `${name}：${e.reason}` }, 503, { "Retry-After": "5" });
          const status = e.code === "unknown-format" || e.code === "unsupported-format" ? 415 : e.code === "too-large" || e.code === "limit" ? 413 : 422;
          return err(c, status, `${name}：${e.reason}`);
        }
        if (e instanceof StoreWriteError) return c.json({ error: e.code === "not-found" ? e.reason : `${name}：${e.reason}` }, e.code === "disk-full" ? 507 : e.code === "read-only" ? 503 : 404);
        throw e;
      }
    },
    bodyLimit({ maxSize: MAX_FILE_BYTES + 64 * 1024, onError: (c) => c.json({ error: `文件过大（上限 ${MAX_FILE_BYTES / 1048576} MB）` }, 413) }),
  );
}
