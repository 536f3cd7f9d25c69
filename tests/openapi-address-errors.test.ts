// The 400 for a badly encoded address (src/http/percent-encoding.ts: a query value in GBK, 担保 as
// %B5%A3%B1%A3) can come from every operation under /api/, whatever its handler: each one's OpenAPI entry
// declares it (with the Error schema), and the app, asked each operation's way with such an address,
// answers exactly that 400 in Chinese (/api/health and /api/topics listed no 400 before).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/http/app.ts";
import { tempLibrary, type TempLibrary } from "./helpers/library.ts";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const METHODS = ["get", "post", "put", "patch", "delete"];
const GBK_DANBAO = "%B5%A3%B1%A3";

let tmp: TempLibrary;
let app: ReturnType<typeof createApp>;
const ops: { path: string; method: string; op: Json }[] = [];

beforeAll(async () => {
  tmp = await tempLibrary("openapi-address");
  app = createApp({ store: tmp.store, index: null, ready: true });
  const doc = (await (await app.request("/api/openapi.json")).json()) as Json;
  for (const [path, item] of Object.entries(doc.paths as Json)) for (const method of METHODS) if (item[method]) ops.push({ path, method, op: item[method] });
});
afterAll(() => tmp?.cleanup());

describe("a badly encoded address in the OpenAPI document", () => {
  it("every operation under /api/ declares the 400 with the Error schema (health and topics included)", () => {
    expect(ops.length).toBeGreaterThan(15);
    const without = ops.filter(({ path, op }) => path.startsWith("/api/") && op.responses?.["400"]?.content?.["application/json"]?.schema?.$ref !== "#/components/schemas/Error");
    expect(without.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
    for (const id of ["getHealth"]) expect(ops.find(({ op }) => op.operationId === id)?.op.responses["400"].description).toMatch(/UTF-8/);
    expect(ops.find(({ method, path }) => method === "get" && path === "/api/topics")?.op.responses["400"]).toBeDefined();
  });

  it("each of them answers such an address with that 400, in Chinese", async () => {
    const wrong: string[] = [];
    for (const { path, method } of ops.filter(({ path }) => path.startsWith("/api/"))) {
      const url = `${path.replace(/\{[^}]+\}/g, "x")}?q=${GBK_DANBAO}`;
      const res = await app.request(url, { method: method.toUpperCase() });
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      if (res.status !== 400 || !/q：不是有效的 UTF-8 编码/.test(body.error ?? "")) wrong.push(`${method} ${url}: ${res.status} ${body.error ?? ""}`);
    }
    expect(wrong).toEqual([]);
  });
});
