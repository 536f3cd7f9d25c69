// The service started from its bundle runs every worker thread from a bundled module, never TypeScript
// through tsx: src/bundle.mjs builds into a folder of this test's (inside the project, for the packages),
// `node <folder>/server.mjs` serves a fresh data directory (the shipped corpus), and each worker is made to
// work: the validity library (no saved core; LIBRARY_WORKER_FROM=0 puts it on its worker), a comparison, an
// XLSX export, a DOCX and a PDF upload (the loader isolate) and a small scanned image (OCR). Each spawn's
// choice is logged by worker-file.ts (POLICY_WORKER_LOG). Under vitest itself the same helper picks the
// TypeScript entries. No timing is asserted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import sharp from "sharp";
import { workerFile, type WorkerName } from "../extract/worker-file.ts";
import { FIXTURES, ROOT, listDir } from "./helpers/paths.ts";
import { freePort } from "./helpers/server.ts";
import { renderPages } from "./helpers/pdf.ts";

const LONG = 600_000;
const NAMES: WorkerName[] = ["library-worker", "comparison-worker", "export-worker", "loader-worker", "ocr-worker"];
const OUT = join(ROOT, ".build", `test-workers-${process.pid}`);
const auth = { authorization: "Bearer test-token" };

let tmp: string;
let proc: ChildProcess;
let base: string;
let output = "";
const logFile = () => join(tmp, "workers.log");
const spawned = (): { name: WorkerName; file: string; execArgv?: string[]; bundled: boolean }[] =>
  existsSync(logFile()) ? readFileSync(logFile(), "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)) : [];
const bundle = () => execFileSync(process.execPath, [join(ROOT, "src/bundle.mjs"), "--out", OUT], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "policy-wbundle-"));
  bundle();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  proc = spawn(process.execPath, ["--max-semi-space-size=128", join(OUT, "server.mjs")], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: join(tmp, "data"), API_TOKEN: "test-token", LIBRARY_WORKER_FROM: "0", POLICY_WORKER_LOG: logFile(), NODE_OPTIONS: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  proc.stdout!.on("data", (b) => (output += b));
  proc.stderr!.on("data", (b) => (output += b));
  for (let i = 0; i < 1200; i++) {
    if (proc.exitCode !== null) break;
    try {
      if ((await fetch(`${base}/api/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not become ready:\n${output}`);
}, LONG);

afterAll(async () => {
  if (proc && proc.exitCode === null) {
    proc.kill("SIGTERM");
    await new Promise((r) => proc.once("exit", r));
  }
  rmSync(tmp, { recursive: true, force: true });
  rmSync(OUT, { recursive: true, force: true });
}, LONG);

describe("the bundle", () => {
  it("holds the server and one module per worker, built again only when an input changed", () => {
    expect(readFileSync(join(OUT, "server.mjs"), "utf8")).not.toMatch(/^\/\/ 未能打包/);
    for (const n of NAMES) expect(existsSync(join(OUT, `${n}.mjs`)), n).toBe(true);
    const mtimes = () => Object.fromEntries(["server", ...NAMES].map((n) => [n, statSync(join(OUT, `${n}.mjs`)).mtimeMs]));
    const before = mtimes();
    bundle();
    expect(mtimes()).toEqual(before);
    // An input recorded with another size (as if edited): the workers are built again, the server is not.
    const stamp = JSON.parse(readFileSync(join(OUT, "workers.json"), "utf8"));
    expect(Object.keys(stamp.files)).toEqual(expect.arrayContaining(["src/bundle.mjs", "index/library/build-worker.ts", "extract/loaders/worker.ts", "src/exports/xlsx.ts"]));
    stamp.files["index/library/build-worker.ts"][0] += 1;
    writeFileSync(join(OUT, "workers.json"), JSON.stringify(stamp));
    bundle();
    const after = mtimes();
    expect(after.server).toBe(before.server);
    for (const n of NAMES) expect(after[n], n).toBeGreaterThan(before[n]);
  });
});

describe("the service from the bundle", () => {
  it(
    "a search awaits the validity library, built on its bundled worker (no saved core)",
    async () => {
      const r = await (await fetch(`${base}/api/search?q=${encodeURIComponent("风险补偿")}&limit=3`)).json();
      expect(r.total).toBeGreaterThan(0);
      for (const h of r.hits) expect(["现行", "已到期", "已被替代"]).toContain(h.status);
      expect(output).toMatch(/文件效力已在后台算出（5 个文件/);
      expect(spawned().filter((s) => s.name === "library-worker").length).toBeGreaterThan(0);
    },
    LONG,
  );

  it(
    "a comparison and similar measures are answered by the comparison worker",
    async () => {
      const cmp = await (await fetch(`${base}/api/compare?q=${encodeURIComponent("不良贷款容忍度")}`)).json();
      expect(cmp.rows.map((r: { place: { name: string } }) => r.place.name)).toEqual(expect.arrayContaining(["绵阳市", "平阳县", "山西省"]));
      const hit = (await (await fetch(`${base}/api/search?q=${encodeURIComponent("风险补偿")}&limit=1`)).json()).hits[0];
      const sim = await (await fetch(`${base}/api/measures/${encodeURIComponent(hit.measure.id)}/similar?limit=5`)).json();
      expect(sim.similar.length + sim.copies.length).toBeGreaterThan(0);
    },
    LONG,
  );

  it(
    "an XLSX task table is built by the export worker",
    async () => {
      const docs = (await (await fetch(`${base}/api/documents`)).json()).documents;
      const id = docs.find((d: { title: string }) => d.title.startsWith("金融支持")).id;
      const r = await fetch(`${base}/api/documents/${id}/assignments?format=xlsx`);
      expect(r.status).toBe(200);
      const body = Buffer.from(await r.arrayBuffer());
      expect(body.subarray(0, 2).toString("latin1")).toBe("PK");
      expect(body.length).toBeGreaterThan(2000);
    },
    LONG,
  );

  it(
    "a DOCX and a PDF upload are read in the loader isolate",
    async () => {
      for (const name of [listDir(FIXTURES).find((f) => f.startsWith("003_") && f.endsWith(".docx"))!, listDir(FIXTURES).find((f) => f.startsWith("002_") && f.endsWith(".pdf"))!]) {
        const form = new FormData();
        form.append("file", new Blob([new Uint8Array(readFileSync(join(FIXTURES, name)))]), name);
        const r = await fetch(`${base}/api/documents`, { method: "POST", headers: auth, body: form });
        expect(r.status, name).toBe(200);
        const out = await r.json();
        expect(out.status, name).toMatch(/added|duplicate/);
        expect(out.measureCount, name).toBeGreaterThan(0);
      }
    },
    LONG,
  );

  it(
    "a small scanned image is read by the OCR worker",
    async () => {
      const [page] = await renderPages(readFileSync(join(FIXTURES, listDir(FIXTURES).find((f) => f.startsWith("002_") && f.endsWith(".pdf"))!)), [1]);
      const meta = await sharp(page).metadata();
      const png = await sharp(page).extract({ left: 0, top: 0, width: meta.width!, height: Math.round(meta.height! * 0.3) }).png().toBuffer();
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(png)]), "扫描件.png");
      const res = await fetch(`${base}/api/documents`, { method: "POST", headers: auth, body: form });
      expect(res.status).toBe(202);
      const { url } = await res.json();
      let job = { state: "running" } as { state: string; error?: string; documentId?: string };
      while (job.state === "running") {
        await new Promise((r) => setTimeout(r, 500));
        job = await (await fetch(`${base}${url}`)).json();
      }
      // The top of 晋政办发〔2018〕67号's first page, read by OCR (its model files found from the bundle).
      expect(job.state, JSON.stringify(job)).toBe("done");
      const doc = await (await fetch(`${base}/api/documents/${job.documentId}`)).json();
      expect(doc.ocr).toMatchObject({ pages: [1], sourceFormat: "png" });
      expect(doc.docNumber).toBe("晋政办发〔2018〕67号");
    },
    LONG,
  );

  it("started every worker from its bundled module, none through tsx", () => {
    const runs = spawned();
    expect(new Set(runs.map((s) => s.name))).toEqual(new Set(NAMES));
    for (const s of runs) {
      expect(s, s.name).toMatchObject({ file: join(OUT, `${s.name}.mjs`), execArgv: [], bundled: true });
    }
    expect(output).not.toMatch(/tsx/);
  });
});

describe("outside the bundle (this test runner)", () => {
  it("the TypeScript entry with tsx; a bundle folder without the worker's module falls back to it", () => {
    const source = new URL("../index/library/build-worker-entry.cjs", import.meta.url);
    expect(workerFile("library-worker", source, ["--import", "tsx"])).toEqual({ file: fileURLToPath(source), execArgv: ["--import", "tsx"], bundled: false });
    const pool = workerFile("export-worker", new URL("../src/exports/worker.ts", import.meta.url));
    expect(pool.bundled).toBe(false);
    expect(pool.execArgv ?? process.execArgv).toEqual(expect.arrayContaining(["--import", "tsx"].filter(() => !process.execArgv.some((a) => /tsx/.test(a)))));
    const saved = globalThis.__policyBundle;
    try {
      globalThis.__policyBundle = pathToFileURL(tmp).href + "/";
      expect(workerFile("ocr-worker", new URL("../extract/loaders/ocr-worker-entry.mjs", import.meta.url), []).bundled).toBe(false);
      globalThis.__policyBundle = pathToFileURL(OUT).href + "/";
      expect(workerFile("ocr-worker", new URL("../extract/loaders/ocr-worker-entry.mjs", import.meta.url), [])).toEqual({ file: join(OUT, "ocr-worker.mjs"), execArgv: [], bundled: true });
    } finally {
      globalThis.__policyBundle = saved;
    }
  });
});
