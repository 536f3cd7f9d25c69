// The library's per-document facts kept in the store (index/library/facts.ts, documents.facts) on both engines:
// written at ingest and at each correction, read by a new process's first build without any text, the
// same answers as computed from the texts, rows stored without them filled on first need and written back,
// a store of the previous schema migrated, and `migrate-store` copying them. Real documents, real stores.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type StoreEngine, type StoreTarget } from "../index/store/engine.ts";
import { Store } from "../index/store/store.ts";
import { PgStore } from "../index/store/postgres/store.ts";
import { copyLibrary } from "../index/store/postgres/copy.ts";
import { SCHEMA_VERSION } from "../index/store/schema.ts";
import { Library, libraryOf } from "../index/library/library.ts";
import { computeFacts, factsKey } from "../index/library/facts.ts";
import { coreStatuses, readStatus } from "../index/library/status-core.ts";
import { buildInWorker, warmLibrary } from "../index/library/warm.ts";
import { extractFile } from "./helpers/extract.ts";
import { CORPUS, CORPUS_EXTRA, OWN_FIXTURES } from "./helpers/paths.ts";
import { testEngines } from "./helpers/engines.ts";

const LIB = join(OWN_FIXTURES, "library");
const FILES = {
  sichuan: join(LIB, "sichuan-2011-keji-chengguo-zhuanhua.txt"),
  chengdu: join(LIB, "chengdu-2012-keji-chengguo-zhuanhua.txt"),
  old82: join(LIB, "guoban-2016-82-ducha-jili.txt"),
  new117: join(CORPUS_EXTRA, "29_guojia-2018-ducha-jili.txt"),
  mianyang: join(CORPUS, "mianyang-2022-jinrong-shitiao.txt"),
};
const AS_OF = "2026-12-06";

const { engines } = await testEngines();

/** The store as a new process sees it, refusing to read any text or measure: the build must not need them. */
const noTexts = (s: StoreEngine): StoreEngine =>
  new Proxy(s, {
    get(t, prop) {
      if (prop === "getTexts" || prop === "measuresOf") return () => expect.unreachable(`library read ${String(prop)}`);
      const v = Reflect.get(t, prop, t);
      return typeof v === "function" ? v.bind(t) : v;
    },
  });

/** The store, refusing even the facts query: a library on it can only answer from what it adopted. */
const noBuild = (s: StoreEngine): StoreEngine =>
  new Proxy(noTexts(s), {
    get(t, prop) {
      if (prop === "documentFacts") return () => expect.unreachable("library built");
      const v = Reflect.get(t, prop, t);
      return typeof v === "function" ? v.bind(t) : v;
    },
  });

/** Statuses on dates before, between and after the documents' periods and repeals. */
const DATES = ["2011-06-01", "2016-06-01", "2018-01-01", "2018-12-31", "2022-06-01", AS_OF, "2031-01-01"];

/** Every answer of a library (status with reason, cites with links, cited by, unplaced). */
function answers(lib: Library, ids: string[]) {
  return { docs: ids.map((id) => [lib.status(id, AS_OF), lib.citations(id), lib.citedBy(id)]), unplaced: lib.unplaced() };
}

const clearFacts = (s: StoreEngine) =>
  s instanceof PgStore ? s.db.batch([{ sql: "UPDATE documents SET facts = NULL" }]) : (s as Store).db.exec("DELETE FROM document_facts");

/** Facts as computed from the stored text, units and metadata (as corrected). */
function fromText(s: StoreEngine, id: string) {
  const d = s.getDocument(id)!;
  return computeFacts(d, s.getTexts(id)!.repaired, () => s.measuresOf(id).flatMap((m) => m.units));
}

for (const engine of engines) {
  describe(`library facts on ${engine.name}`, () => {
    let dir: string;
    let target: StoreTarget;
    let store: StoreEngine;
    const ids: Record<string, string> = {};
    const opened: StoreEngine[] = [];
    const another = () => {
      const s = openStore(target);
      opened.push(s);
      return s;
    };

    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), "policy-facts-"));
      target = await engine.target(dir);
      store = another();
      for (const [k, f] of Object.entries(FILES)) ids[k] = store.ingest(await extractFile(f)).id;
    });
    afterEach(() => {
      for (const s of opened.splice(0)) s.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("stores each document's facts at ingest; a new process's first build reads them (no text) and answers as from the texts", () => {
      const rows = store.documentFacts();
      expect(rows.map((r) => r.doc.id).sort()).toEqual(Object.values(ids).sort());
      for (const r of rows) expect(JSON.parse(r.facts!)).toEqual(fromText(store, r.doc.id));
      const all = Object.values(ids);
      const stored = answers(new Library(noTexts(another())), all);
      // What the documents say, linked: 117号 stops 82号; 成都 cites 四川 by its 文号.
      expect(stored.docs[all.indexOf(ids.old82)][0]).toMatchObject({ status: "已被替代", supersededBy: [{ id: ids.new117 }] });
      expect((stored.docs[all.indexOf(ids.chengdu)][1] as { documents: { id: string }[] }[]).flatMap((c) => c.documents.map((d) => d.id))).toContain(ids.sichuan);
      // Rows without facts (stored before they were kept): computed from the texts, the same answers, written back.
      const before = rows.map((r) => r.facts);
      clearFacts(store);
      expect(store.documentFacts().every((r) => r.facts === null)).toBe(true);
      expect(answers(new Library(another()), all)).toEqual(stored);
      expect(another().documentFacts().map((r) => r.facts)).toEqual(before);
    });

    it("a correction writes the facts again in its transaction: the new title, 文号 and place count at once", () => {
      store.setCorrections(ids.sichuan, { title: "四川省重大科技成果转化工程实施方案", docNumber: "川府发〔2011〕99号" }, "测试");
      store.setCorrections(ids.mianyang, { region: null, issuedDate: "2030-01-02" }, "测试");
      for (const id of [ids.sichuan, ids.mianyang]) {
        const r = another().documentFacts().find((x) => x.doc.id === id)!;
        const facts = JSON.parse(r.facts!);
        expect(facts.key).toBe(factsKey(store.getDocument(id)!));
        expect(facts).toEqual(fromText(store, id));
      }
      const all = Object.values(ids);
      const stored = answers(new Library(noTexts(another())), all);
      // 成都 cites 川府发〔2011〕20号: no longer 四川's 文号 after the correction.
      expect((stored.docs[all.indexOf(ids.chengdu)][1] as { docNumber: string | null; documents: { id: string }[] }[]).find((c) => c.docNumber === "川府发〔2011〕20号")?.documents).toEqual([]);
      clearFacts(store);
      expect(answers(new Library(another()), all)).toEqual(stored);
    });

    it("a worker thread builds the same library; its status core is saved and read back only at the same store counter", async () => {
      const all = Object.values(ids);
      const here = new Library(another());
      const want = answers(here, all);
      const r = await buildInWorker(target, 120_000);
      expect(r?.at).toBe(store.changes());
      const adopted = new Library(noBuild(another()));
      expect(adopted.adopt(r!)).toBe(true);
      expect(answers(adopted, all)).toEqual(want);
      for (const d of DATES) expect(adopted.statuses(d)).toEqual(here.statuses(d));
      // The core decides each status as validityAsOf does, on every date.
      for (const d of DATES) for (const id of all) expect(coreStatuses(r!.core, d).get(id)).toBe(here.status(id, d)!.status);
      // Each build saves the core beside the index copy: a new process takes it without building anything.
      const saved = readStatus(target.dataDir!, store.changes())!;
      expect(saved.at).toBe(r!.at);
      const fromFile = new Library(noBuild(another()));
      expect(fromFile.adopt(saved)).toBe(true);
      for (const d of DATES) expect(fromFile.statuses(d)).toEqual(here.statuses(d));
      expect(fromFile.unplaced()).toEqual(want.unplaced);
      // A correction moves the counter: the saved core is stale, and a library holding it builds again.
      const reread = new Library(another());
      expect(reread.adopt(saved)).toBe(true);
      expect(reread.statuses(AS_OF).get(ids.old82)).toBe("已被替代");
      store.setCorrections(ids.old82, { title: "国务院办公厅关于督查激励的通知", docNumber: "国办发〔2016〕820号" }, "测试"); // no longer what 117号 names
      expect(readStatus(target.dataDir!, store.changes())).toBeNull();
      expect(reread.adopt(saved)).toBe(false);
      expect(reread.statuses(AS_OF).get(ids.old82)).toBe("现行");
      // What it saved on that build is current again.
      expect(readStatus(target.dataDir!, store.changes())?.core.ids.length).toBe(all.length);
    });

    it("warm-up at a start: searches wait for the worker, whose result is taken only if the store did not move meanwhile", async () => {
      const s = another();
      const lib = libraryOf(s);
      const done = warmLibrary(s, { workerFrom: 0 });
      const waited = lib.ready();
      expect(lib.isFresh()).toBe(false); // nothing built on this thread
      // A correction while the worker builds: whichever counter its result is of, the answers are the store's now.
      store.setCorrections(ids.new117, { issuedDate: "2019-03-01" }, "测试");
      await waited;
      await done;
      const fresh = new Library(another());
      for (const d of DATES) expect(lib.statuses(d)).toEqual(fresh.statuses(d));
      expect(answers(lib, Object.values(ids))).toEqual(answers(fresh, Object.values(ids)));
      // Ready at once from now on.
      await lib.ready();
    });

    if (engine.name === "SQLite")
      it("a data directory of the previous schema gets the facts table on open; the library fills it once", () => {
        const s = store as Store;
        const before = s.documentFacts().map((r) => r.facts);
        s.db.exec(`DROP TABLE document_facts; PRAGMA user_version = ${SCHEMA_VERSION - 1}`);
        expect(s.documentFacts().every((r) => r.facts === null)).toBe(true);
        const reopened = another() as Store;
        expect(reopened.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
        expect(reopened.documentFacts().every((r) => r.facts === null)).toBe(true);
        new Library(reopened).statuses(AS_OF);
        expect(another().documentFacts().map((r) => r.facts)).toEqual(before);
      });

    if (engine.name === "PostgreSQL")
      it("migrate-store copies every document's facts from a SQLite library", async () => {
        const sqlite = openStore({ dataDir: join(dir, "sqlite") }) as Store;
        opened.push(sqlite);
        for (const f of Object.values(FILES)) sqlite.ingest(await extractFile(f));
        sqlite.setCorrections(ids.mianyang, { title: "绵阳市金融支持科技创新十条措施（更正）" }, "测试");
        const pgTarget = await engine.target(join(dir, "copy"));
        const pg = openStore(pgTarget) as PgStore;
        opened.push(pg);
        expect(copyLibrary(sqlite, pg).documents.copied).toBe(Object.keys(FILES).length);
        const facts = (s: StoreEngine) => s.documentFacts().map((r) => [r.doc.id, r.facts]);
        expect(facts(pg)).toEqual(facts(sqlite));
        expect(answers(new Library(noTexts(pg)), Object.values(ids))).toEqual(answers(new Library(sqlite), Object.values(ids)));
      });
  });
}
