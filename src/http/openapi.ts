// OpenAPI 3.1 document generated from the same zod schemas that validate requests.
import { z } from "zod";

export interface RouteSpec {
  method: "get" | "post";
  path: string; // Hono style: /api/documents/:id
  summary: string;
  tags: string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: { contentType: string; schema: z.ZodType };
  responses: Record<number, { description: string; schema?: z.ZodType; contentTypes?: string[] }>;
  auth?: boolean;
}

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  const s = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;
  delete s.$schema;
  return s;
}

function parameters(obj: z.ZodObject | undefined, where: "path" | "query") {
  if (!obj) return [];
  const schema = jsonSchema(obj, "input") as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === "path" || (schema.required ?? []).includes(name),
    ...(typeof s.description === "string" ? { description: s.description } : {}),
    schema: s,
  }));
}

export function openApiDocument(routes: RouteSpec[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const p = r.path.replace(/:([A-Za-z_]+)/g, "{$1}");
    paths[p] ??= {};
    paths[p][r.method] = {
      summary: r.summary,
      tags: r.tags,
      parameters: [...parameters(r.params, "path"), ...parameters(r.query, "query")],
      ...(r.body ? { requestBody: { required: true, content: { [r.body.contentType]: { schema: jsonSchema(r.body.schema, "input") } } } } : {}),
      ...(r.auth ? { security: [{ bearer: [] }] } : {}),
      responses: Object.fromEntries(
        Object.entries(r.responses).map(([code, resp]) => [
          code,
          {
            description: resp.description,
            ...(resp.schema || resp.contentTypes
              ? { content: Object.fromEntries((resp.contentTypes ?? ["application/json"]).map((ct) => [ct, resp.schema ? { schema: jsonSchema(resp.schema, "output") } : {}])) }
              : {}),
          },
        ]),
      ),
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "政策知识服务 API", version: "0.1.0", description: "政策文件的措施、牵头单位、配合单位、完成时限与量化目标的查询接口。" },
    servers: [{ url: "/" }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "上传接口需要环境变量 API_TOKEN 中的令牌" } } },
    paths,
  };
}

/** A browsable page for the OpenAPI document, self-contained (no CDN). */
export const API_DOCS_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>政策知识服务 API 文档</title>
<style>
body{font:15px/1.6 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2933;background:#f5f7fa}
main{max-width:980px;margin:0 auto;padding:24px}
h1{font-size:22px}.op{background:#fff;border:1px solid #d9e2ec;border-radius:6px;margin:12px 0}
summary{cursor:pointer;padding:10px 14px;display:flex;gap:12px;align-items:baseline}
.m{font-weight:700;text-transform:uppercase;width:48px}.get{color:#0b6e4f}.post{color:#9b5de5}
code{font-family:ui-monospace,monospace;font-size:13px}.body{padding:0 14px 14px}
pre{background:#f0f4f8;padding:10px;overflow:auto;font-size:12px;border-radius:4px}
table{border-collapse:collapse;width:100%;font-size:13px}td,th{border:1px solid #d9e2ec;padding:4px 6px;text-align:left}
</style></head><body><main><h1>政策知识服务 API</h1><p>机器可读版本：<a href="/api/openapi.json">/api/openapi.json</a></p><div id="ops">加载中…</div></main>
<script>
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({"&":"&amp;","<":"&lt;",">":"&gt;","\\"":"&quot;"})[c]);
fetch("/api/openapi.json").then((r) => r.json()).then((doc) => {
  const out = [];
  for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) {
    const params = (op.parameters || []).map((p) => "<tr><td><code>" + esc(p.name) + "</code></td><td>" + p.in + "</td><td>" + (p.required ? "必填" : "可选") + "</td><td><code>" + esc(JSON.stringify(p.schema)) + "</code></td></tr>").join("");
    const resps = Object.entries(op.responses).map(([c, r]) => "<p><b>" + c + "</b> " + esc(r.description) + "</p>" + (r.content ? "<pre>" + esc(JSON.stringify(Object.values(r.content)[0].schema || {}, null, 2)) + "</pre>" : "")).join("");
    out.push('<details class="op"><summary><span class="m ' + method + '">' + method + "</span><code>" + esc(path) + "</code><span>" + esc(op.summary) + (op.security ? "（需要令牌）" : "") + '</span></summary><div class="body">' + (params ? "<table><tr><th>参数</th><th>位置</th><th></th><th>类型</th></tr>" + params + "</table>" : "") + (op.requestBody ? "<p>请求体</p><pre>" + esc(JSON.stringify(op.requestBody, null, 2)) + "</pre>" : "") + resps + "</div></details>");
  }
  document.getElementById("ops").innerHTML = out.join("");
}).catch(() => { document.getElementById("ops").textContent = "无法加载 API 文档"; });
</script></body></html>`;
