// Without API_TOKEN the service refuses uploads (reads stay open).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve, type ServerType } from "@hono/node-server";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Store } from "../index/store/store.ts";
import { createApp } from "../src/http/app.ts";

let server: ServerType;
let store: Store;
let dir: string;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "policy-noauth-"));
  store = new Store(dir);
  const app = createApp({ store, index: null, ready: true });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
      base = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
});
afterAll(() => {
  server.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("upload without API_TOKEN", () => {
  it("is refused with 403 and a reason; reads still work", async () => {
    const form = new FormData();
    form.append("file", new Blob(["一、任务\n(一)加强领导。"]), "a.txt");
    const r = await fetch(`${base}/api/documents`, { method: "POST", body: form, headers: { authorization: "Bearer anything" } });
    expect(r.status).toBe(403);
    expect((await r.json()).error).toContain("API_TOKEN");
    expect((await fetch(`${base}/api/documents`)).status).toBe(200);
    expect(store.documentCount()).toBe(0);
  });
  it("search answers 503 while the index is not ready", async () => {
    const r = await fetch(`${base}/api/search?q=风险`);
    expect(r.status).toBe(503);
  });
});
