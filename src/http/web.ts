// The web page: static files from src/web/, served by the same service (no build step).
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
}
