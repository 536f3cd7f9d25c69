// The HTTP API (Hono). Every input is validated with zod; errors are JSON with a Chinese message, never a stack.
import { Hono } from "hono";
import { z } from "zod";
import type { Store } from "../index/store.ts";
import { ParseRequest, parseSentence } from "../extract/parse.ts";

export interface AppState {
  store: Store;
  ready: boolean;
}

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const DocId = z.string().regex(/^[0-9a-f]{16}$/);

function zodMessage(e: z.ZodError): string {
  return e.issues.map((i) => `${i.path.join(".") || "参数"}：${i.message}`).join("；");
}

export function createApp(state: AppState): Hono {
  const app = new Hono();

  app.onError((err, c) => {
    process.stderr.write(`请求出错 ${c.req.method} ${c.req.path}: ${err.message}\n`);
    return c.json({ error: "服务器内部错误" }, 500);
  });
  app.notFound((c) => c.json({ error: `未找到：${c.req.path}` }, 404));

  app.get("/api/health", (c) =>
    state.ready
      ? c.json({ status: "ok", documents: state.store.documentCount() })
      : c.json({ status: "starting" }, 503),
  );

  app.get("/api/documents", (c) => {
    const q = ListQuery.safeParse(c.req.query());
    if (!q.success) return c.json({ error: zodMessage(q.error) }, 400);
    const docs = state.store.listDocuments(q.data.limit, q.data.offset);
    return c.json({ total: state.store.documentCount(), documents: docs });
  });

  app.get("/api/documents/:id", (c) => {
    const id = DocId.safeParse(c.req.param("id"));
    if (!id.success) return c.json({ error: "文件编号格式不正确（应为 16 位十六进制）" }, 400);
    const doc = state.store.getDocument(id.data);
    return doc ? c.json(doc) : c.json({ error: `没有编号为 ${id.data} 的文件` }, 404);
  });

  app.post("/api/parse", async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: "请求体必须是 JSON：{\"text\": \"…\", \"base\": \"YYYY-MM-DD\"}" }, 400);
    }
    const req = ParseRequest.safeParse(body);
    if (!req.success) return c.json({ error: zodMessage(req.error) }, 400);
    return c.json(parseSentence(req.data.text, req.data.base ?? null));
  });

  return app;
}
