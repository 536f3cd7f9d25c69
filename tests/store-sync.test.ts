// The store and the index as one truth: identity by content (a name never replaces a document), the
// server following writes of other processes, a snapshot that is rebuilt when its files do not match
// their checksums, and the comparison index following document writes. Real processes on 127.0.0.1,
// real SQLite files (a data directory that cannot be written: store-unwritable.test.ts).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Store } from "../index/store/store.ts";
import { readManifest, MANIFEST } from "../index/search/snapshot.ts";
import { StoreSearchIndex } from "../src/search/adapter.ts";
import { collectFiles, emptyReport, ingestBuffer, ingestFile } from "../src/documents/ingest.ts";
import { startServer, type RunningServer } from "./helpers/server.ts";
import { CORPUS, CORPUS_EXTRA } from "./helpers/paths.ts";
import { extractFile } from "./helpers/extract.ts";
import { tempLibrary } from "./helpers/library.ts";
import { Comparison, type TopicSummary } from "../src/comparison/comparison.ts";
import answer from "../src/comparison/worker.ts";
import { taskId } from "../index/store/tasks.ts";
import { TOKEN, cli, json, serveOn, stopAll, total, upload, within } from "./helpers/service-process.ts";

const PINGYANG = readFileSync(join(CORPUS, "pingyang-2024-keji-jinrong.txt"), "utf8");
const SHANXI = readFileSync(join(CORPUS, "shanxi-2018-keji-jinrong.txt"), "utf8");

afterEach(stopAll);

describe("identity by content (uploads to a running service)", () => {
  let srv: RunningServer;
  beforeAll(async () => {
    srv = await startServer({ API_TOKEN: TOKEN });
  });
  afterAll(() => srv?.close());

  it("two files with the same base name are two documents; a replacement happens only when asked for", { timeout: 120000 }, async () => {
    const before = (await (await fetch(`${srv.base}/api/health`)).json()).documents;
    const a = await json(upload(srv.base, "dirA/notice.txt", PINGYANG.replace("科创类贷款新增50亿元", "科创类贷款新增51亿元")));
    expect(a.status).toBe(200);
    expect(a.body.status).toBe("added");
    const b = await json(upload(srv.base, "dirB/notice.txt", SHANXI.replace("山西省", "山西省（试行）")));
    expect(b.body.status).toBe("added");
    expect(b.body.id).not.toBe(a.body.id);
    const docs = (await (await fetch(`${srv.base}/api/documents?limit=100`)).json()).documents as { id: string; source: string }[];
    expect(docs.length).toBe(before + 2);
    const sources = docs.filter((d) => d.id === a.body.id || d.id === b.body.id).map((d) => d.source).sort();
    expect(sources).toEqual(["upload/notice (2).txt", "upload/notice.txt"]);
    // The same file again: unchanged; the same content under another name: a duplicate. Nothing replaced.
    expect((await json(upload(srv.base, "notice.txt", PINGYANG.replace("科创类贷款新增50亿元", "科创类贷款新增51亿元")))).body.status).toBe("unchanged");
    const dup = await json(upload(srv.base, "other.txt", SHANXI.replace("山西省", "山西省（试行）")));
    expect(dup.body).toMatchObject({ status: "duplicate", existingSource: sources.find((s) => s !== "upload/notice.txt") ?? "" });
    // Both are searchable.
    expect((await total(srv.base, `doc=${a.body.id}`)).total).toBeGreaterThan(0);
    expect((await total(srv.base, `doc=${b.body.id}`)).total).toBeGreaterThan(0);

    // An explicit replacement (query parameter): the new version takes the old one's place in the store and the index.
    const v2 = await json(upload(srv.base, "notice.txt", PINGYANG.replace("科创类贷款新增50亿元", "科创类贷款新增52亿元"), { query: `?replace=${a.body.id}` }));
    expect(v2.status).toBe(200);
    expect(v2.body.status).toBe("replaced");
    expect((await fetch(`${srv.base}/api/documents/${a.body.id}`)).status).toBe(404);
    expect((await total(srv.base, `doc=${a.body.id}`)).total).toBe(0);
    expect((await total(srv.base, `doc=${v2.body.id}`)).total).toBeGreaterThan(0);
    expect((await (await fetch(`${srv.base}/api/documents/${b.body.id}`)).json()).id).toBe(b.body.id);
    // The form field works the same way.
    const v3 = await json(upload(srv.base, "anything.txt", PINGYANG.replace("科创类贷款新增50亿元", "科创类贷款新增53亿元"), { field: v2.body.id }));
    expect(v3.body.status).toBe("replaced");
    expect((await (await fetch(`${srv.base}/api/health`)).json()).documents).toBe(before + 2);
    // A replacement of a document that does not exist, or a malformed id: refused, nothing stored.
    const missing = await json(upload(srv.base, "x.txt", PINGYANG.replace("科创类贷款新增50亿元", "科创类贷款新增54亿元"), { query: "?replace=0123456789abcdef" }));
    expect(missing.status).toBe(404);
    expect(missing.body.error).toContain("0123456789abcdef");
    expect((await upload(srv.base, "x.txt", PINGYANG, { query: "?replace=../../etc" })).status).toBe(400);
    expect((await (await fetch(`${srv.base}/api/health`)).json()).documents).toBe(before + 2);
  });
});

describe("identity by content (the store)", () => {
  it("uploads never replace by name; the CLI's same path does; an explicit id does", async () => {
    const dir = mkdtempSync(join(tmpdir(), "policy-identity-"));
    const store = new Store(join(dir, "data"));
    try {
      const c0 = store.changes()!;
      const one = await ingestBuffer(store, Buffer.from(PINGYANG), "upload/通知.txt", "new");
      const two = await ingestBuffer(store, Buffer.from(SHANXI), "upload/通知.txt", "new");
      expect([one.status, two.status]).toEqual(["added", "added"]);
      expect(two.source).toBe("upload/通知 (2).txt");
      expect(store.documentCount()).toBe(2);
      expect(store.changes()).toBe(c0 + 2);
      // Same content under the name it was stored under or the one asked for: unchanged.
      expect((await ingestBuffer(store, Buffer.from(SHANXI), "upload/通知.txt", "new")).status).toBe("unchanged");
      // The CLI giving the same path again: its new version replaces it.
      const cli1 = await ingestBuffer(store, Buffer.from(PINGYANG.replace("50亿元", "55亿元")), "corpus/a.txt");
      const cli2 = await ingestBuffer(store, Buffer.from(PINGYANG.replace("50亿元", "56亿元")), "corpus/a.txt");
      expect([cli1.status, cli2.status]).toEqual(["added", "replaced"]);
      expect(store.getDocument(cli1.id)).toBeNull();
      // Explicit replacement by id.
      const r = await ingestBuffer(store, Buffer.from(SHANXI.replace("山西省", "山西省（修订）")), "upload/新版.txt", { replace: one.id });
      expect(r.status).toBe("replaced");
      expect(store.getDocument(one.id)).toBeNull();
      expect(store.documentCount()).toBe(3);
      const before = store.snapshot();
      await expect(ingestBuffer(store, Buffer.from(SHANXI.replace("山西省", "山西省（再修订）")), "upload/x.txt", { replace: "0123456789abcdef" })).rejects.toMatchObject({ code: "not-found" });
      expect(store.snapshot()).toBe(before);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("one truth for the store and the index", () => {
  it("documents the CLI ingests while the service runs are found by search within 2 s", { timeout: 180000 }, async () => {
    const srv = await startServer({ API_TOKEN: TOKEN });
    const work = mkdtempSync(join(tmpdir(), "policy-sync-"));
    try {
      const dataDir = join(srv.dataDir, "data");
      const extra = collectFiles([CORPUS_EXTRA]).files.slice(0, 3);
      const r = await cli(dataDir, ["ingest", ...extra]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain("新增 3 个");
      const listed = JSON.parse((await cli(dataDir, ["list", "--json"])).stdout) as { id: string; source: string }[];
      const added = listed.filter((d) => extra.some((f) => f.endsWith(d.source.split("/").pop()!)));
      expect(added.length).toBe(3);
      // Each new document's measures are found by search, and a search asked before the CLI wrote is not answered stale.
      const caughtUp = await within(2000, async () => {
        for (const d of added) if ((await total(srv.base, `doc=${d.id}`)).total === 0) return false;
        return true;
      });
      expect(caughtUp, "the index did not catch up with the CLI's documents within 2 s").not.toBeNull();
      const health = await (await fetch(`${srv.base}/api/health`)).json();
      expect(health.documents).toBe(listed.length);

      // A file the CLI replaces (same path, new content): the old version leaves the index, the new one enters.
      const file = join(work, "plan.txt");
      writeFileSync(file, PINGYANG.replace("科创类贷款新增50亿元", "科创类贷款新增57亿元"));
      await cli(dataDir, ["ingest", file]);
      const oldId = (JSON.parse((await cli(dataDir, ["list", "--json"])).stdout) as { id: string; source: string }[]).find((d) => d.source.endsWith("plan.txt"))!.id;
      await within(2000, async () => (await total(srv.base, `doc=${oldId}`)).total > 0);
      const q = `q=${encodeURIComponent("科创类贷款")}&limit=50`;
      const warm = await total(srv.base, q); // cached answer, to be invalidated
      writeFileSync(file, PINGYANG.replace("科创类贷款新增50亿元", "科创类贷款新增58亿元"));
      expect((await cli(dataDir, ["ingest", file])).stdout).toContain("替换 1 个");
      const newId = (JSON.parse((await cli(dataDir, ["list", "--json"])).stdout) as { id: string; source: string }[]).find((d) => d.source.endsWith("plan.txt"))!.id;
      const replaced = await within(2000, async () => (await total(srv.base, `doc=${oldId}`)).total === 0 && (await total(srv.base, `doc=${newId}`)).total > 0);
      expect(replaced, "the index did not follow the CLI's replacement within 2 s").not.toBeNull();
      expect((await total(srv.base, q)).total).toBe(warm.total);
      const body = await (await fetch(`${srv.base}/api/search?${q}`)).json();
      expect(body.hits.some((h: { document: { id: string } }) => h.document.id === oldId)).toBe(false);
    } finally {
      srv.stop();
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("the snapshot records the store's change counter and is caught up or rebuilt when it does not match", async () => {
    const dir = mkdtempSync(join(tmpdir(), "policy-snap-"));
    try {
      const store = new Store(join(dir, "data"));
      const report = emptyReport();
      for (const f of collectFiles([CORPUS]).files) await ingestFile(store, f, report);
      const a = StoreSearchIndex.open(store);
      const indexDir = join(dir, "data", "index");
      expect(readManifest(indexDir)?.storeChanges).toBe(store.changes());
      // A write the index has not seen: reopening catches up and records the new counter.
      const extra = collectFiles([CORPUS_EXTRA]).files[0];
      await ingestFile(store, extra, report);
      expect(a.behind()).toBe(true);
      const b = StoreSearchIndex.open(store);
      expect(b.index.documentIds().length).toBe(6);
      expect(readManifest(indexDir)?.storeChanges).toBe(store.changes());
      expect(b.behind()).toBe(false);
      // The running copy catches up in place.
      expect(a.refresh()).toBe(true);
      expect(a.index.documentIds()).toEqual(b.index.documentIds());
      // A leftover temporary file of an unfinished save is removed at open.
      writeFileSync(join(indexDir, `${MANIFEST}.999999999.tmp`), "{");
      StoreSearchIndex.open(store);
      expect(readdirSync(indexDir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a manifest with changed digits (still valid JSON) is not trusted: after a restart the answers are right", { timeout: 180000 }, async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "policy-manifest-")), "data");
    const queries = [`q=${encodeURIComponent("科技支行")}`, `q=${encodeURIComponent("风险补偿")}&limit=50`, `unit=${encodeURIComponent("人民银行")}&role=lead`, "limit=100"];
    try {
      let s = await serveOn(dataDir);
      const right: Record<string, string> = {};
      for (const q of queries) right[q] = await (await fetch(`${s.base}/api/search?${q}`)).text();
      await s.stop();
      const path = join(dataDir, "index", MANIFEST);
      const text = readFileSync(path, "utf8");
      // Change digits inside the document ids (and what follows), keeping the JSON valid.
      const from = text.indexOf('"documentIds":[');
      expect(from).toBeGreaterThan(0);
      const tampered = text.slice(0, from) + text.slice(from, from + 4000).replace(/[0-8]/g, (d) => String(Number(d) + 1)) + text.slice(from + 4000);
      expect(tampered).not.toBe(text);
      JSON.parse(tampered.replace(/^\{"checksum":"[0-9a-f]{64}",/, "{"));
      writeFileSync(path, tampered);
      expect(readManifest(join(dataDir, "index"))).toBeNull();
      s = await serveOn(dataDir);
      for (const q of queries) {
        const got = JSON.parse(await (await fetch(`${s.base}/api/search?${q}`)).text());
        const want = JSON.parse(right[q]);
        expect(got.total, q).toBe(want.total);
        expect(got.hits.length, q).toBe(Math.min(want.total, got.query.limit));
        expect(got.hits.map((h: { measure: { id: string } }) => h.measure.id), q).toEqual(want.hits.map((h: { measure: { id: string } }) => h.measure.id));
      }
      await s.stop();
      // The rebuilt copy was saved with a valid checksum.
      expect(readManifest(join(dataDir, "index"))).not.toBeNull();
    } finally {
      await stopAll();
      rmSync(join(dataDir, ".."), { recursive: true, force: true });
    }
  });
});

describe("the comparison index on its worker", () => {
  it("is rebuilt at the first question after a document write, not after task progress", { timeout: 120000 }, async () => {
    const lib = await tempLibrary("comparison-version", { mianyang: join(CORPUS, "mianyang-2022-jinrong-shitiao.txt") });
    const rebuilt = vi.spyOn(Comparison.prototype, "refresh");
    try {
      const ask = (op: "warm" | "topicList") => answer({ op, dataDir: lib.store.dataDir }) as TopicSummary[] | undefined;
      ask("warm");
      const measures = (ask("topicList") ?? []).reduce((n, t) => n + t.measureCount, 0);
      // Task progress (督办) written by the service's connection: the comparison index stays.
      const m = lib.store.measuresOf(lib.ids.mianyang).find((x) => x.units.length > 0)!;
      const unit = m.units[0].canonical;
      lib.store.tasks().apply([{ task: { id: taskId(lib.ids.mianyang, m.path, unit), docId: lib.ids.mianyang, measureId: m.id, unit }, status: "推进中" }], "测试员", "api");
      ask("topicList");
      expect(rebuilt).not.toHaveBeenCalled();
      // A document written: rebuilt once, at the next question, and its measures are in the topics.
      lib.store.ingest(await extractFile(join(CORPUS, "shanxi-2018-keji-jinrong.txt")));
      expect(rebuilt).not.toHaveBeenCalled();
      const after = (ask("topicList") ?? []).reduce((n, t) => n + t.measureCount, 0);
      expect(rebuilt).toHaveBeenCalledTimes(1);
      expect(after).toBeGreaterThan(measures);
      ask("topicList");
      expect(rebuilt).toHaveBeenCalledTimes(1);
    } finally {
      rebuilt.mockRestore();
      lib.cleanup();
    }
  });
});
