// `npm start` on an empty data directory: ingests the shipped corpus and serves the API on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./helpers/paths.ts";

let proc: ChildProcess;
let base: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "policy-srv-"));
  const port = 20000 + Math.floor(Math.random() * 20000);
  base = `http://127.0.0.1:${port}`;
  proc = spawn("npm", ["start"], { cwd: ROOT, env: { ...process.env, PORT: String(port), DATA_DIR: join(dataDir, "data") }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let out = "";
  proc.stdout!.on("data", (b) => (out += b));
  for (let i = 0; i < 600; i++) {
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become ready: ${out}`);
});
afterAll(() => {
  if (proc.pid) process.kill(-proc.pid, "SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("service", () => {
  it("health answers once ready", async () => {
    const r = await fetch(`${base}/api/health`);
    expect(await r.json()).toEqual({ status: "ok", documents: 5 });
  });
  it("lists documents with id and title, honouring limit", async () => {
    const all = await (await fetch(`${base}/api/documents`)).json();
    expect(all.total).toBe(5);
    expect(all.documents.map((d: { title: string }) => d.title)).toContain("山西省人民政府办公厅关于创新机制推进科技与金融结合的实施意见");
    for (const d of all.documents) expect(d.id).toMatch(/^[0-9a-f]{16}$/);
    const two = await (await fetch(`${base}/api/documents?limit=2`)).json();
    expect(two.documents.length).toBe(2);
  });
  it("one document with its measures", async () => {
    const all = await (await fetch(`${base}/api/documents`)).json();
    const id = all.documents.find((d: { title: string }) => d.title.startsWith("金融支持")).id;
    const doc = await (await fetch(`${base}/api/documents/${id}`)).json();
    expect(doc.measures.length).toBe(29);
  });
  it("POST /api/parse reads one clause", async () => {
    const r = await fetch(`${base}/api/parse`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "(省金融办、省科技厅牵头,人行太原中心支行等配合)2022年上半年完成", base: "2022-04-05" }) });
    expect(r.status).toBe(200);
    const out = await r.json();
    expect(out.units).toEqual([
      { role: "lead", name: "省金融办" },
      { role: "lead", name: "省科技厅" },
      { role: "coop", name: "人行太原中心支行" },
    ]);
    expect(out.deadlines[0]).toMatchObject({ kind: "period", start: "2022-01-01", end: "2022-06-30" });
    for (const bad of ["not json", JSON.stringify({ text: "" }), JSON.stringify({ text: "年底前", base: "2022/01/01" }), JSON.stringify([1, 2])]) {
      const b = await fetch(`${base}/api/parse`, { method: "POST", headers: { "content-type": "application/json" }, body: bad });
      expect(b.status, bad).toBe(400);
      expect(typeof (await b.json()).error).toBe("string");
    }
  });

  it("bad requests get a 4xx JSON error, never a stack", async () => {
    for (const [path, status] of [["/api/documents?limit=abc", 400], ["/api/documents?limit=-1", 400], ["/api/documents/xyz", 400], ["/api/documents/0123456789abcdef", 404], ["/api/nothing", 404], ["/api/documents/%E0%A4%A", 400]] as const) {
      const r = await fetch(`${base}${path}`);
      expect(r.status, path).toBe(status);
      const body = await r.json();
      expect(typeof body.error).toBe("string");
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts/);
    }
  });
});
