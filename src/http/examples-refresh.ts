// Refresh the response examples of src/http/api-examples.json from a running service: each entry's request
// (curated) is sent as it stands, and its answer, shortened (lists to 2 items, long texts cut), becomes the
// example. Writes are left as they are. tests/openapi.test.ts fails when an example no longer fits its schema.
//   npx tsx src/http/examples-refresh.ts http://127.0.0.1:8787
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RouteExamples } from "./openapi.ts";

const FILE = fileURLToPath(new URL("./api-examples.json", import.meta.url));
/** POSTs that only compute an answer: safe to send. */
const READ_ONLY_POSTS = new Set(["POST /api/parse"]);

type Entry = { operationId?: string } & RouteExamples;

/** An answer made short enough to read in the docs, keeping its shape. */
function shorten(v: unknown): unknown {
  if (Array.isArray(v)) return v.slice(0, 2).map(shorten);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shorten(x)]));
  if (typeof v === "string" && v.length > 160) return `${v.slice(0, 150)}…`;
  return v;
}

async function refresh(base: string): Promise<void> {
  const catalogue = JSON.parse(readFileSync(FILE, "utf8")) as Record<string, Entry>;
  for (const [key, entry] of Object.entries(catalogue)) {
    const [method, path] = key.split(" ");
    if (method !== "GET" && !READ_ONLY_POSTS.has(key)) continue;
    const req = entry.request ?? {};
    const url = new URL(path.replace(/:([A-Za-z_]+)/g, (_, k: string) => encodeURIComponent(req.params?.[k] ?? "")), base);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, v);
    const res = await fetch(url, method === "GET" ? {} : { method, headers: { "content-type": "application/json" }, body: JSON.stringify(req.body) });
    if (res.status >= 300) {
      process.stderr.write(`${key}：${res.status} ${(await res.text()).slice(0, 200)}（示例未更新）\n`);
      continue;
    }
    const json = (res.headers.get("content-type") ?? "").includes("json");
    entry.response = json ? shorten(await res.json()) : `${(await res.text()).split("\n").slice(0, 4).join("\n")}\n`;
    process.stderr.write(`${key}：已更新\n`);
  }
  writeFileSync(FILE, `${JSON.stringify(catalogue, null, 2)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const base = process.argv[2];
  if (!base) {
    process.stderr.write("用法：npx tsx src/http/examples-refresh.ts <服务地址，如 http://127.0.0.1:8787>\n");
    process.exit(2);
  }
  await refresh(base);
}
