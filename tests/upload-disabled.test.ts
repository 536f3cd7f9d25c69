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

describe("document writes with named tokens only (API_TOKENS, no API_TOKEN)", () => {
  let named: ServerType;
  let namedBase: string;
  let namedDir: string;
  let namedStore: Store;
  beforeAll(async () => {
    namedDir = mkdtempSync(join(tmpdir(), "policy-named-"));
    namedStore = new Store(namedDir);
    const app = createApp({ store: namedStore, index: null, ready: true, apiTokens: new Map([["tok-zhang", "张三"]]) });
    await new Promise<void>((resolve) => {
      named = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
        namedBase = `http://127.0.0.1:${info.port}`;
        resolve();
      });
    });
  });
  afterAll(() => {
    named.close();
    namedStore.close();
    rmSync(namedDir, { recursive: true, force: true });
  });

  it("an editor's token uploads and corrects; the correction is recorded under the editor's name, not a name the body claims", async () => {
    const form = new FormData();
    form.append("file", new Blob(["关于加快科技金融发展的实施方案\n一、任务\n(一)加强领导。牵头单位：市金融局"]), "a.txt");
    const wrong = await fetch(`${namedBase}/api/documents`, { method: "POST", body: form, headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    const up = await fetch(`${namedBase}/api/documents`, { method: "POST", body: form, headers: { authorization: "Bearer tok-zhang" } });
    expect(up.status).toBe(200);
    const { id } = await up.json();
    const patch = await fetch(`${namedBase}/api/documents/${id}`, {
      method: "PATCH",
      headers: { authorization: "Bearer tok-zhang", "content-type": "application/json" },
      body: JSON.stringify({ title: "更正后的标题", editor: "冒名者" }),
    });
    expect(patch.status).toBe(200);
    expect(namedStore.getDocument(id)!.title).toBe("更正后的标题");
    expect(JSON.stringify(namedStore.correctionsOf(id))).toContain("张三");
    expect(JSON.stringify(namedStore.correctionsOf(id))).not.toContain("冒名者");
  });
});
