// Documents: find, one document with its outline, its original file, upload (with metadata), correct, delete.
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { StoreWriteError } from "../../../index/store/store.ts";
import { MetadataPatch } from "../../../index/store/overrides.ts";
import { IngestError } from "../../../extract/errors.ts";
import { MAX_FILE_BYTES } from "../../../extract/loaders/index.ts";
import { DeleteResult, DocIdParam, DocumentDetail, DocumentList, DocumentPatch, DocumentsQuery, ErrorBody, UploadResult } from "../api-schemas.ts";
import { safeFileName } from "../../documents/ingest.ts";
import { contentDisposition } from "../../exports/index.ts";
import { documentStatusFilter, withStatus } from "../../documents/status.ts";
import { documentScope, withScope } from "../../documents/scope.ts";
import { isPseudoPlace } from "../../../index/search/regions.ts";
import type { DocumentSummary } from "../../../index/store/store.ts";
import { type RouteKit, zodMessage } from "../kit.ts";
import { JobAccepted, adoptIngestJob, beginIngest, startIngestJob } from "./jobs.ts";
import { libraryFacts } from "../../../index/library/library.ts";

const UPLOAD_FORMATS = /\.(txt|html?|pdf|docx?|ofd|png|jpe?g|tiff?)$/i;
const IMAGE_UPLOAD = /\.(png|jpe?g|tiff?)$/i; // always a scan: read as a job (routes/jobs.ts)
const PATCH_MAX_BYTES = 64 * 1024;

const NO_UPLOAD = "写入功能未启用：服务端未设置 API_TOKEN 或 API_TOKENS";
const NEED_TOKEN = "需要有效的令牌（Authorization: Bearer <令牌>，令牌见 API_TOKEN 或 API_TOKENS）";

/** Metadata form fields of an upload (empty fields are not given); region as province/city/county or "省/市/区". */
function uploadCorrections(form: Record<string, unknown>): { ok: true; patch: MetadataPatch | null } | { ok: false; error: string } {
  const field = (k: string) => (typeof form[k] === "string" && (form[k] as string).trim() !== "" ? (form[k] as string).trim() : undefined);
  const raw: Record<string, unknown> = {};
  for (const k of ["title", "docNumber", "issuer", "issuedDate", "publishedDate"]) if (field(k) !== undefined) raw[k] = field(k);
  const [province, city, county] = field("region")?.split("/").map((s) => s.trim()) ?? [field("province"), field("city"), field("county")];
  if (province || city || county) raw.region = { province, city: city || null, county: county || null };
  if (Object.keys(raw).length === 0) return { ok: true, patch: null };
  const p = MetadataPatch.safeParse(raw);
  return p.success ? { ok: true, patch: p.data } : { ok: false, error: zodMessage(p.error) };
}

export function documentRoutes({ route, state, err, formFile, jsonBody, json400, changed, hasToken }: RouteKit): void {
  /** The write guard of every write route: 403 when writes are off, 401 without the right token. */
  const refuse = (c: Context): Response | null => {
    if (!state.apiToken && !state.apiTokens?.size) return err(c, 403, NO_UPLOAD);
    if (!hasToken(c)) return err(c, 401, NEED_TOKEN);
    return null;
  };
  const authErrors = {
    401: { description: "缺少或错误的令牌", schema: ErrorBody },
    403: { description: "未启用写入（服务端未设置 API_TOKEN）", schema: ErrorBody },
  };
  const storeError = (c: Context, e: StoreWriteError) => err(c, e.code === "disk-full" ? 507 : e.code === "read-only" ? 503 : 404, e.reason);

  route(
    {
      method: "get", path: "/api/documents", operationId: "listDocuments", summary: "查找文件（标题、文号、发文机关、地区、日期、效力）", tags: ["文件"], query: DocumentsQuery,
      responses: { 200: { description: "文件列表与总数", schema: DocumentList }, ...json400 },
    },
    (c, { query }) => {
      let q = query as z.infer<typeof DocumentsQuery>;
      const byStatus = q.status ? documentStatusFilter(state.store, q.status) : undefined;
      // 国家层面 / 地区未识别 (what the library and the region facet show for a document without a place) as a province.
      const scope = q.province && isPseudoPlace(q.province) ? q.province : null;
      if (scope) q = { ...q, province: undefined };
      const byScope = scope ? (d: DocumentSummary) => documentScope(state.store, d, state.index) === scope : undefined;
      const keep = byStatus && byScope ? (d: DocumentSummary) => byStatus(d) && byScope(d) : (byStatus ?? byScope);
      const found = state.store.findDocuments(q, keep);
      return c.json({ total: found.total, documents: withScope(state.store, withStatus(state.store, found.documents), state.index) });
    },
  );

  route(
    { method: "get", path: "/api/documents/:id", operationId: "getDocument", summary: "一个文件及其措施层级（更正后的元数据，extracted 为自动读出的值）", tags: ["文件"], params: DocIdParam, responses: { 200: { description: "文件", schema: DocumentDetail }, 404: { description: "没有该文件", schema: ErrorBody }, ...json400 } },
    (c, { params }) => {
      const doc = state.store.getDocument(params.id);
      return doc ? c.json({ ...doc, scope: documentScope(state.store, doc, state.index), ocr: state.store.ocrQuality(params.id), ...libraryFacts(state.store, params.id) }) : err(c, 404, `没有编号为 ${params.id} 的文件`);
    },
  );

  route(
    {
      method: "get", path: "/api/documents/:id/original", operationId: "getOriginalFile", summary: "下载文件原件（入库时的原始字节）", tags: ["文件"], params: DocIdParam,
      responses: { 200: { description: "原文件", contentTypes: ["application/octet-stream"] }, 404: { description: "没有该文件或未保存原件", schema: ErrorBody }, ...json400 },
    },
    (c, { params }) => {
      const f = state.store.originalFile(params.id);
      if (!f) return err(c, 404, state.store.getDocument(params.id) ? `文件 ${params.id} 的原件未保存（在保存原件之前入库；重新入库该文件即可保存）` : `没有编号为 ${params.id} 的文件`);
      return c.body(new Uint8Array(f.bytes), 200, {
        "content-type": f.contentType,
        "content-disposition": contentDisposition(f.name),
        "x-content-type-options": "nosniff",
        "content-security-policy": "sandbox", // an HTML original never runs in this site's origin
      });
    },
  );

  route(
    {
      method: "patch", path: "/api/documents/:id", operationId: "correctDocument", summary: "更正文件的标题、文号、发文机关、地区、日期（null 撤销更正）", tags: ["文件"], auth: true, params: DocIdParam,
      body: { contentType: "application/json", schema: DocumentPatch },
      responses: {
        200: { description: "更正后的文件", schema: DocumentDetail }, ...authErrors, 404: { description: "没有该文件", schema: ErrorBody },
        413: { description: "请求体过大", schema: ErrorBody }, 503: { description: "数据目录只读", schema: ErrorBody }, 507: { description: "磁盘空间不足", schema: ErrorBody }, ...json400,
      },
    },
    async (c, { params }) => {
      const refused = refuse(c);
      if (refused) return refused;
      const p = await jsonBody(c, DocumentPatch, "请求体应为 JSON 对象，例如 {\"region\": {\"province\": \"山东省\", \"city\": \"济南市\"}}");
      if (p instanceof Response) return p;
      const { editor, ...patch } = p;
      // A named token (API_TOKENS) names the editor; the shared API_TOKEN may say who it is.
      const named = hasToken(c)!;
      try {
        const doc = state.store.setCorrections(params.id, patch, named !== "管理员" ? named : (editor ?? named));
        changed([params.id]);
        return c.json({ ...doc, scope: documentScope(state.store, doc, state.index), ocr: state.store.ocrQuality(params.id), ...libraryFacts(state.store, params.id) }); // as GET answers it (DocumentDetail)
      } catch (e) {
        if (e instanceof StoreWriteError) return storeError(c, e);
        throw e;
      }
    },
    bodyLimit({ maxSize: PATCH_MAX_BYTES, onError: (c) => c.json({ error: `请求体过大（上限 ${PATCH_MAX_BYTES / 1024} KB）` }, 413) }),
  );

  route(
    {
      method: "delete", path: "/api/documents/:id", operationId: "deleteDocument", summary: "删除文件及由它得出的一切（措施、单位、检索、主题、导出、原件、更正）", tags: ["文件"], auth: true, params: DocIdParam,
      responses: { 200: { description: "已删除", schema: DeleteResult }, ...authErrors, 404: { description: "没有该文件", schema: ErrorBody }, 503: { description: "数据目录只读", schema: ErrorBody }, 507: { description: "磁盘空间不足", schema: ErrorBody }, ...json400 },
    },
    (c, { params }) => {
      const refused = refuse(c);
      if (refused) return refused;
      try {
        if (!state.store.deleteDocument(params.id)) return err(c, 404, `没有编号为 ${params.id} 的文件`);
      } catch (e) {
        if (e instanceof StoreWriteError) return storeError(c, e);
        throw e;
      }
      changed([params.id]);
      return c.json({ deleted: true, id: params.id });
    },
  );

  route(
    {
      method: "post", path: "/api/documents", operationId: "uploadDocument", summary: "上传并入库一个文件（TXT、HTML、PDF、DOCX、DOC、OFD、PNG、JPEG、TIFF），可同时给出更正的元数据；?async=1、图片与需要文字识别的扫描件转入后台任务", tags: ["文件"], auth: true,
      body: {
        contentType: "multipart/form-data",
        schema: z.object({
          file: z.string().meta({ format: "binary" }),
          replace: z.string().optional().meta({ description: "要被此文件替换的文件编号（也可用查询参数 ?replace=）；不给时同名文件作为另一个文件入库" }),
          title: z.string().optional().meta({ description: "标题（不给则用自动读出的）" }),
          docNumber: z.string().optional().meta({ description: "文号" }),
          issuer: z.string().optional().meta({ description: "发文机关" }),
          region: z.string().optional().meta({ description: "地区：省/市/区县，如 山东省/济南市（也可分别给 province、city、county）" }),
          province: z.string().optional(),
          city: z.string().optional(),
          county: z.string().optional(),
          issuedDate: z.string().optional().meta({ description: "成文日期 YYYY-MM-DD" }),
          publishedDate: z.string().optional().meta({ description: "发布日期 YYYY-MM-DD" }),
        }),
      },
      responses: {
        200: { description: "已处理（新增、替换、未变或重复）", schema: UploadResult },
        202: { description: "已转入后台任务（?async=1、图片，或读取中发现需要文字识别的扫描件）：GET /api/jobs/:id 查询进度", schema: JobAccepted },
        ...authErrors,
        413: { description: "文件过大或超出解析限制", schema: ErrorBody }, 415: { description: "不支持的格式", schema: ErrorBody },
        422: { description: "无法读取的文件", schema: ErrorBody }, 404: { description: "要替换的文件不存在", schema: ErrorBody },
        409: { description: "要替换成的文件与另一个已入库的文件内容相同，未替换", schema: ErrorBody },
        503: { description: "数据目录只读，或正在解析的文件过多（响应头 Retry-After）", schema: ErrorBody }, 507: { description: "磁盘空间不足", schema: ErrorBody }, ...json400,
      },
    },
    async (c) => {
      const refused = refuse(c);
      if (refused) return refused;
      const parsed = await formFile(c, "缺少文件字段 file");
      if (parsed instanceof Response) return parsed;
      const { form, file } = parsed;
      const name = safeFileName(file.name);
      if (!UPLOAD_FORMATS.test(name)) {
        // A name without an extension (".txt" loses its leading dot: a hidden file's name) says so, not "txt is not allowed".
        const what = /\.[A-Za-z0-9]{1,10}$/.test(name) ? `不支持的文件格式：${name}` : `文件名没有扩展名：${file.name.trim() || "（空）"}`;
        return err(c, 415, `${what}（允许 TXT、HTML、PDF、DOCX、DOC、OFD、PNG、JPEG、TIFF，文件名以 .txt、.pdf、.docx 等结尾）`);
      }
      if (file.size > MAX_FILE_BYTES) return err(c, 413, `文件过大（上限 ${MAX_FILE_BYTES / 1048576} MB）`);
      const replace = c.req.query("replace") ?? (typeof form.replace === "string" && form.replace !== "" ? form.replace : undefined);
      if (replace !== undefined && !/^[0-9a-f]{16}$/.test(replace)) return err(c, 400, "replace 应为 16 位文件编号");
      // Metadata beside the file is checked before the file is read: a bad field stores nothing.
      const meta = uploadCorrections(form);
      if (!meta.ok) return err(c, 400, meta.error);
      const source = `upload/${name}`;
      if (c.req.query("async") === "1" || IMAGE_UPLOAD.test(name)) {
        const corrections = meta.patch ? { patch: meta.patch, by: "上传" } : undefined;
        return startIngestJob({ state, changed }, c, { buf: Buffer.from(await file.arrayBuffer()), name, source, identity: replace ? { replace } : "new", corrections });
      }
      try {
        // Same name is not same document: an upload replaces only the document the user names.
        const corrections = meta.patch ? { patch: meta.patch, by: "上传" } : undefined;
        const upload = { buf: Buffer.from(await file.arrayBuffer()), name, source, identity: replace ? ({ replace } as const) : ("new" as const), corrections };
        const run = beginIngest(state.store, upload);
        // A file found to need OCR (a scanned PDF or OFD) is handed over to a job: 202, poll GET /api/jobs/:id.
        const first = await Promise.race([run.outcome.then(() => "read", () => "read"), run.ocrBegun.then(() => "ocr")]);
        if (first === "ocr") return adoptIngestJob({ state, changed }, c, upload, run);
        const out = await run.outcome;
        if (out.status === "added" || out.status === "replaced" || corrections) {
          changed(replace ? [out.id, replace] : [out.id]);
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
        if (e instanceof StoreWriteError)
          return c.json({ error: e.code === "not-found" ? e.reason : `${name}：${e.reason}` }, e.code === "disk-full" ? 507 : e.code === "read-only" ? 503 : e.code === "same-content" ? 409 : 404);
        throw e;
      }
    },
    bodyLimit({ maxSize: MAX_FILE_BYTES + 64 * 1024, onError: (c) => c.json({ error: `文件过大（上限 ${MAX_FILE_BYTES / 1048576} MB）` }, 413) }),
  );
}
