// The service started from its bundle runs every worker thread from a bundled module, never TypeScript
// through tsx: src/service/bundle.mjs builds into a folder of this test's (inside the project, for the packages),
// `node <folder>/server.mjs` serves a fresh data directory (the shipped corpus), and each worker is made to
// work: the validity library (no saved core; LIBRARY_WORKER_FROM=0 puts it on its worker), a comparison, an
// XLSX export, a DOCX and a PDF upload (the loader isolate) and a small scanned image (OCR). Each spawn's
// choice is logged by worker-file.ts (POLICY_WORKER_LOG). With DATABASE_URL (a throwaway PostgreSQL, when
// the machine can start one) the same bundle also runs the store's connection thread (synckit) from its
// module, in the service and in each worker that opens the store. Under vitest itself the same helper picks
// the TypeScript entries. No timing is asserted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";
import sharp from "sharp";
import { workerFile, type WorkerName } from "../extract/worker-file.ts";
import { CORPUS_EXTRA, FIXTURES, ROOT, listDir } from "./helpers/paths.ts";
import { testEngines } from "./helpers/engines.ts";
import { serveOn, type Service } from "./helpers/service-process.ts";
import { renderPages } from "./helpers/pdf.ts";

const LONG = 600_000;
const NAMES: WorkerName[] = ["library-worker", "comparison-worker", "export-worker", "loader-worker", "ocr-worker", "postgres-worker"];
const OUT = join(ROOT, ".build", `test-workers-${process.pid}`);
const auth = { authorization: "Bearer test-token" };

const { server: pgServer } = await testEngines();

type Spawned = { name: WorkerName; file: string; execArgv?: string[]; bundled: boolean };

let tmp: string;
let sqlite: Service;
let base: string;
const logOf = (name: string) => join(tmp, `${name}.log`);
const spawnedIn = (log: string): Spawned[] => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)) : []);
const spawned = () => spawnedIn(logOf("data"));
const bundle = () => execFileSync(process.execPath, [join(ROOT, "src/service/bundle.mjs"), "--out", OUT], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** `node <OUT>/server.mjs` (as `npm start` runs it) on data directory `<tmp>/<name>`, each worker spawn logged in logOf(name). */
const serveBundle = (name: string, env: Record<string, string> = {}) =>
  serveOn(join(tmp, name), { API_TOKEN: "test-token", LIBRARY_WORKER_FROM: "0", POLICY_WORKER_LOG: logOf(name), NODE_OPTIONS: "", ...env }, ["--max-semi-space-size=128", join(OUT, "server.mjs")]);

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "policy-wbundle-"));
  bundle();
  sqlite = await serveBundle("data");
  base = sqlite.base;
}, LONG);

afterAll(async () => {
  await sqlite?.stop();
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
    expect(Object.keys(stamp.files)).toEqual(expect.arrayContaining(["src/service/bundle.mjs", "index/library/build-worker.ts", "extract/loaders/worker.ts", "src/exports/xlsx.ts"]));
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
      expect(sqlite.output()).toMatch(/文件效力已在后台算出（5 个文件/);
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
    expect(new Set(runs.map((s) => s.name))).toEqual(new Set(NAMES.filter((n) => n !== "postgres-worker")));
    for (const s of runs) {
      expect(s, s.name).toMatchObject({ file: join(OUT, `${s.name}.mjs`), execArgv: [], bundled: true });
    }
    expect(sqlite.output()).not.toMatch(/tsx/);
  });
});

describe.skipIf(typeof pgServer === "string")("the service from the bundle on DATABASE_URL", () => {
  let served: Service;
  let url: string;
  beforeAll(async () => {
    url = await (pgServer as Exclude<typeof pgServer, string>).fresh();
    served = await serveBundle("pg-data", { DATABASE_URL: url });
  }, LONG);
  afterAll(() => served?.stop(), LONG);

  it(
    "an upload is written to PostgreSQL and found by a search; the connection threads ran their bundled module, none through tsx",
    async () => {
      const name = "07_jinan-2021-kechuang-jinan.txt";
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(readFileSync(join(CORPUS_EXTRA, name)))]), name);
      const up = await fetch(`${served.base}/api/documents`, { method: "POST", headers: auth, body: form });
      expect(up.status, await up.clone().text()).toBe(200);
      const doc = await up.json();
      expect(doc.status).toBe("added");
      const found = await (await fetch(`${served.base}/api/search?q=${encodeURIComponent("齐鲁科学城")}&doc=${encodeURIComponent(doc.id)}`)).json();
      expect(found.total).toBeGreaterThan(0);
      expect(found.hits[0].measure.id.startsWith(`${doc.id}:`)).toBe(true);
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        const rows = (await c.query("SELECT id FROM documents")).rows.map((r) => r.id);
        expect(rows).toHaveLength(6); // the shipped corpus and the upload
        expect(rows).toContain(doc.id);
      } finally {
        await c.end();
      }
      const runs = spawnedIn(logOf("pg-data"));
      // The service's own connection, and one in each worker that opens the store (the validity library's at least).
      expect(runs.filter((s) => s.name === "postgres-worker").length).toBeGreaterThanOrEqual(2);
      expect(runs.map((s) => s.name)).toContain("library-worker");
      for (const s of runs) expect(s, s.name).toMatchObject({ file: join(OUT, `${s.name}.mjs`), execArgv: [], bundled: true });
      expect(served.output()).not.toMatch(/tsx/);
    },
    LONG,
  );
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
