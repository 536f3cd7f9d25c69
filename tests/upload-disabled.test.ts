// Without API_TOKEN the service refuses uploads (reads stay open).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../index/store/store.ts";
import { createApp } from "../src/http/app.ts";
import { tempLibrary, type TempLibrary } from "./helpers/library.ts";
import { serveApp } from "./helpers/server.ts";

let lib: TempLibrary;
let server: { base: string; close(): void };
let store: Store;
let base: string;

beforeAll(async () => {
  lib = await tempLibrary("noauth");
  store = lib.store;
  server = await serveApp(createApp({ store, index: null, ready: true }));
  base = server.base;
});
afterAll(() => {
  server?.close();
  lib?.cleanup();
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
  let namedLib: TempLibrary;
  let named: { base: string; close(): void };
  let namedBase: string;
  let namedStore: Store;
  beforeAll(async () => {
    namedLib = await tempLibrary("named");
    namedStore = namedLib.store;
    named = await serveApp(createApp({ store: namedStore, index: null, ready: true, apiTokens: new Map([["tok-zhang", "张三"]]) }));
    namedBase = named.base;
  });
  afterAll(() => {
    named?.close();
    namedLib?.cleanup();
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
