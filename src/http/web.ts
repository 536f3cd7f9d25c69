// The web page: static files from src/web/, served by the same service (no build step); and the API
// docs page (/api/docs), self-rendered from /api/openapi.json with its examples (no CDN).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Hono } from "hono";

const DIR = fileURLToPath(new URL("../web/", import.meta.url));
const FILES: Record<string, string> = {
  "/": "index.html",
  "/app.js": "app.js",
  "/style.css": "style.css",
  // The page's ES modules (one per view).
  ...Object.fromEntries(
    ["api.js", "format.js", "ui.js", ...["search", "measure", "documents", "upload", "doc-form", "reader", "assignments", "units", "tasks", "compare"].map((v) => `views/${v}.js`)].map((f) => [`/${f}`, f]),
  ),
};
const TYPES: Record<string, string> = { html: "text/html; charset=utf-8", js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8" };

export function webRoutes(app: Hono): void {
  for (const [path, file] of Object.entries(FILES)) {
    app.get(path, (c) => {
      let body: string;
      try {
        body = readFileSync(DIR + file, "utf8");
      } catch {
        return c.json({ error: `页面文件缺失：${file}` }, 404);
      }
      return c.body(body, 200, { "content-type": TYPES[file.split(".").pop()!], "cache-control": "no-cache" });
    });
  }
  app.get("/api/docs", (c) => c.html(API_DOCS_HTML, 200, { "cache-control": "no-cache" }));
  // The pages declare no icon file (rel="icon" data:); clients that ask anyway get an empty answer, not a 404.
  app.get("/favicon.ico", (c) => c.body(null, 204, { "cache-control": "max-age=86400" }));
}

/** The API docs page: operations by tag with parameters, curl sample, request and response examples. */
export const API_DOCS_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="icon" href="data:,"><title>政策知识服务 API 文档</title>
<style>
body{font:15px/1.6 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2933;background:#f5f7fa}
main{max-width:1040px;margin:0 auto;padding:24px}
h1{font-size:22px}h2{font-size:18px;margin-top:28px}h3{font-size:14px;margin:12px 0 4px}
.op{background:#fff;border:1px solid #d9e2ec;border-radius:6px;margin:10px 0}
summary{cursor:pointer;padding:10px 14px;display:flex;gap:12px;align-items:baseline;flex-wrap:wrap}
.m{font-weight:700;text-transform:uppercase;width:56px}.get{color:#0b6e4f}.post{color:#9b5de5}.patch,.put{color:#b7791f}.delete{color:#c53030}
.id{color:#52606d;font-size:12px}.lock{color:#c53030;font-size:13px}
code{font-family:ui-monospace,monospace;font-size:13px}.body{padding:0 14px 14px}
pre{background:#f0f4f8;padding:10px;overflow:auto;font-size:12px;border-radius:4px;max-height:420px;white-space:pre-wrap;word-break:break-all}
table{border-collapse:collapse;width:100%;font-size:13px}td,th{border:1px solid #d9e2ec;padding:4px 6px;text-align:left;vertical-align:top}
.tw{overflow-x:auto}.tw td:nth-child(-n+3),.tw th{white-space:nowrap}
@media (max-width:640px){main{padding:12px}.tw table{min-width:600px}}
.resp{border-top:1px solid #d9e2ec;padding:6px 0}.resp b{display:inline-block;min-width:40px}.ct{color:#52606d;font-size:12px;margin-left:8px}
</style></head><body><main><h1>政策知识服务 API</h1>
<p>机器可读版本：<a href="/api/openapi.json">/api/openapi.json</a>。读取接口无需令牌，允许跨域（CORS）；写入接口需要 <code>Authorization: Bearer &lt;API_TOKEN&gt;</code>。
GET 回答带 <code>ETag</code>，再次请求时带上 <code>If-None-Match</code> 可得到 304。错误一律为 JSON：<code>{"error": "中文原因"}</code>。</p>
<div id="ops">加载中…</div></main>
<script>
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({"&":"&amp;","<":"&lt;",">":"&gt;","\\"":"&quot;"})[c]);
const show = (v) => typeof v === "string" ? v : JSON.stringify(v, null, 2);
const type = (s) => !s ? "" : s.enum ? s.enum.join(" | ") : s.type ? [].concat(s.type).join(" | ") + (s.format ? "（" + s.format + "）" : "") + (s.maximum !== undefined ? " ≤ " + s.maximum : "") + (s.maxLength !== undefined ? "，至多 " + s.maxLength + " 字" : "") : s.$ref ? s.$ref.split("/").pop() : s.anyOf ? s.anyOf.map(type).join(" | ") : "";
fetch("/api/openapi.json").then((r) => r.json()).then((doc) => {
  const byTag = new Map();
  for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) {
    const tag = (op.tags || ["其他"])[0];
    if (!byTag.has(tag)) byTag.set(tag, []);
    const params = (op.parameters || []).map((p) => "<tr><td><code>" + esc(p.name) + "</code></td><td>" + (p.in === "path" ? "路径" : "查询") + "</td><td>" + (p.required ? "必填" : "可选") + "</td><td>" + esc(type(p.schema)) + (p.schema && p.schema.default !== undefined ? "，默认 " + esc(p.schema.default) : "") + "</td><td>" + (p.example !== undefined ? "<code>" + esc(p.example) + "</code>" : "") + "</td><td>" + esc(p.description || (p.schema && p.schema.description) || "") + "</td></tr>").join("");
    const sample = (op["x-codeSamples"] || []).map((s) => "<h3>请求示例（" + esc(s.label) + "）</h3><pre>" + esc(s.source) + "</pre>").join("");
    const body = op.requestBody ? Object.entries(op.requestBody.content).map(([ct, m]) => m.example !== undefined ? "<h3>请求体示例（" + esc(ct) + "）</h3><pre>" + esc(show(m.example)) + "</pre>" : "<h3>请求体（" + esc(ct) + "）</h3>").join("") : "";
    const resps = Object.entries(op.responses).map(([code, r]) => {
      const ex = Object.entries(r.content || {}).find(([, m]) => m.example !== undefined);
      return '<div class="resp"><b>' + code + "</b>" + esc(r.description) + '<span class="ct">' + esc(Object.keys(r.content || {}).join("、")) + "</span>" + (ex ? "<h3>回答示例（" + esc(ex[0]) + "）</h3><pre>" + esc(show(ex[1].example)) + "</pre>" : "") + "</div>";
    }).join("");
    byTag.get(tag).push('<details class="op"><summary><span class="m ' + method + '">' + method + "</span><code>" + esc(path) + "</code><span>" + esc(op.summary) + "</span>" + (op.security && op.security.length ? '<span class="lock">需要令牌</span>' : "") + '<span class="id">' + esc(op.operationId || "") + '</span></summary><div class="body">' +
      (params ? '<h3>参数</h3><div class="tw"><table><tr><th>名称</th><th>位置</th><th>必填</th><th>类型</th><th>示例</th><th>说明</th></tr>' + params + "</table></div>" : "") + sample + body + "<h3>回答</h3>" + resps + "</div></details>");
  }
  document.getElementById("ops").innerHTML = [...byTag].map(([tag, ops]) => "<h2>" + esc(tag) + "</h2>" + ops.join("")).join("");
}).catch(() => { document.getElementById("ops").textContent = "无法加载 API 文档"; });
</script></body></html>`;
