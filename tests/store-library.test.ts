// The store's library parts on a real SQLite file: a data directory written by the previous schema
// (version 1) opens and migrates; corrections are kept by content across re-ingest and re-qualify the
// units; deleting removes everything of a document in one transaction; every write moves the change
// counter; 文号 are found in any bracket form.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Store } from "../index/store/store.ts";
import { SCHEMA_VERSION } from "../index/store/schema.ts";
import { MetadataPatch } from "../index/store/overrides.ts";
import { normalizeDocNumber } from "../extract/fields/doc-number.ts";
import { ingestBuffer } from "../src/documents/ingest.ts";
import { StoreSearchIndex } from "../src/search/adapter.ts";
import { SearchQuery } from "../index/schema.ts";
import { CORPUS } from "./helpers/paths.ts";
import { extractFile } from "./helpers/extract.ts";

const MIANYANG = join(CORPUS, "mianyang-2022-jinrong-shitiao.txt");
const PANZHIHUA = join(CORPUS, "panzhihua-2016-zhishichanquan-zhiya.txt");

/** The schema of version 1 as that program wrote it (documents, measures, change counter). */
const V1 = `
CREATE TABLE documents (id TEXT PRIMARY KEY, source TEXT NOT NULL UNIQUE, format TEXT NOT NULL, title TEXT, doc_number TEXT, issuer TEXT,
  province TEXT, city TEXT, county TEXT, issued_date TEXT, published_date TEXT, original_text TEXT NOT NULL, repaired_text TEXT NOT NULL,
  parts TEXT NOT NULL, ingested_at TEXT NOT NULL);
CREATE TABLE measures (id TEXT PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE, seq INTEGER NOT NULL,
  path TEXT NOT NULL, title TEXT, text TEXT NOT NULL, units TEXT NOT NULL, deadlines TEXT NOT NULL, targets TEXT NOT NULL);
CREATE INDEX measures_doc ON measures(doc_id, seq);
CREATE TABLE store_changes (one INTEGER PRIMARY KEY CHECK (one = 1), n INTEGER NOT NULL);
INSERT INTO store_changes (one, n) VALUES (1, 0);
CREATE TRIGGER documents_added AFTER INSERT ON documents BEGIN UPDATE store_changes SET n = n + 1 WHERE one = 1; END;
CREATE TRIGGER documents_removed AFTER DELETE ON documents BEGIN UPDATE store_changes SET n = n + 1 WHERE one = 1; END;
PRAGMA user_version = 1;
`;

let dir: string;
const open: Store[] = [];
const storeAt = (d = join(dir, "data")) => {
  const s = new Store(d);
  open.push(s);
  return s;
};
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "policy-lib-"));
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  rmSync(dir, { recursive: true, force: true });
});

const canonicalOf = (s: Store, id: string, name: string) => [...new Set(s.measuresOf(id).flatMap((m) => m.units.filter((u) => u.name === name).map((u) => u.canonical)))];

describe("schema migration", () => {
  it("opens a data directory written by schema version 1, migrates it once, and serves its documents", async () => {
    const data = join(dir, "data");
    mkdirSync(data);
    const doc = await extractFile(MIANYANG, "corpus/mianyang-2022-jinrong-shitiao.txt");
    const old = new Database(join(data, "policy.db"));
    old.pragma("journal_mode = WAL");
    old.exec(V1);
    const d = doc.document;
    old.prepare(`INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      d.id, d.source, d.format, d.title, d.docNumber, d.issuer, d.region.province, d.region.city, d.region.county, d.issuedDate, d.publishedDate,
      doc.original, doc.repaired, JSON.stringify(doc.parts), "2025-01-01T00:00:00.000Z",
    );
    const ins = old.prepare("INSERT INTO measures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    d.measures.forEach((m, i) => ins.run(m.id, d.id, i, m.path, m.title, m.text, JSON.stringify(m.units), JSON.stringify(m.deadlines), JSON.stringify(m.targets)));
    old.close();

    const store = storeAt(data);
    expect(store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.changes()).toBe(1);
    const got = store.getDocument(d.id)!;
    expect(got.title).toBe(d.title);
    expect(got.measures.length).toBe(d.measures.length);
    expect(got.corrections).toBeNull();
    expect(got.extracted.region).toEqual(d.region);
    // Stored before files were kept: no original until the same file comes again, then it is filled in.
    expect(store.originalFile(d.id)).toBeNull();
    const out = await ingestBuffer(store, readFileSync(MIANYANG), "corpus/mianyang-2022-jinrong-shitiao.txt");
    expect(out.status).toBe("unchanged");
    expect(store.originalFile(d.id)!.bytes.equals(readFileSync(MIANYANG))).toBe(true);
    // Corrections work on the migrated store and move the counter.
    const before = store.changes()!;
    store.setCorrections(d.id, MetadataPatch.parse({ title: "迁移后更正" }), "测试");
    expect(store.changes()).toBeGreaterThan(before);
    store.close();
    open.pop();
    // A second open finds everything in place and writes nothing.
    const again = storeAt(data);
    const changes = again.changes();
    expect(again.getDocument(d.id)!.title).toBe("迁移后更正");
    expect(again.changes()).toBe(changes);
  });
});

describe("corrections", () => {
  it("are kept by content across re-ingest and a replacement round trip, and re-qualify the units", async () => {
    const store = storeAt();
    const bytes = readFileSync(PANZHIHUA);
    const a = await ingestBuffer(store, bytes, "corpus/p.txt");
    expect(canonicalOf(store, a.id, "市财政局")).toEqual(["攀枝花市财政局"]);
    store.setCorrections(a.id, MetadataPatch.parse({ region: { province: "山东省", city: "济南市" }, docNumber: "济办发〔2016〕9号" }), "测试");
    expect(canonicalOf(store, a.id, "市财政局")).toEqual(["济南市财政局"]);
    expect(store.findByDocNumber("济办发[2016]9号").map((d) => d.id)).toEqual([a.id]);
    expect(store.findByDocNumber("攀办发〔2016〕22号")).toEqual([]); // the corrected 文号 replaces the extracted one

    // Same file again: unchanged, corrections still there.
    expect((await ingestBuffer(store, bytes, "corpus/p.txt")).status).toBe("unchanged");
    expect(store.getDocument(a.id)!.region.city).toBe("济南市");

    // Replaced by another version (the document row goes), then the first version comes back.
    const b = await ingestBuffer(store, Buffer.concat([bytes, Buffer.from("\n六、附则\n本方案自印发之日起施行。\n")]), "corpus/p.txt");
    expect(b.status).toBe("replaced");
    expect(store.getDocument(a.id)).toBeNull();
    expect(store.getDocument(b.id)!.region.city).toBe("攀枝花市");
    const back = await ingestBuffer(store, bytes, "corpus/p.txt");
    expect(back).toMatchObject({ status: "replaced", id: a.id });
    const doc = store.getDocument(a.id)!;
    expect(doc.region).toEqual({ province: "山东省", city: "济南市", county: null });
    expect(doc.extracted.region).toEqual({ province: "四川省", city: "攀枝花市", county: null });
    expect(canonicalOf(store, a.id, "市财政局")).toEqual(["济南市财政局"]);

    // null undoes a correction: the extracted value and its unit names come back.
    store.setCorrections(a.id, MetadataPatch.parse({ region: null }), "测试");
    expect(canonicalOf(store, a.id, "市财政局")).toEqual(["攀枝花市财政局"]);
    expect(store.getDocument(a.id)!.corrections!.fields).toEqual(["docNumber"]);
    store.setCorrections(a.id, MetadataPatch.parse({ docNumber: null }), "测试");
    expect(store.getDocument(a.id)!.corrections).toBeNull();
    expect(store.getDocument(a.id)!.docNumber).toBe("攀办发〔2016〕22号");
  });

  it("refuse what the division data and the calendar do not have, naming the field", () => {
    const bad: [unknown, RegExp][] = [
      [{ region: { province: "四川省", city: "济南市" } }, /四川省没有“济南市”/],
      [{ region: { province: "山东" } }, /是否为“山东省”/],
      [{ issuedDate: "2022-02-30" }, /成文日期不是有效日期/],
      [{ publishedDate: "2022-13-45" }, /发布日期不是有效日期/],
      [{ title: "x".repeat(201) }, /标题过长/],
      [{}, /没有要更正的字段/],
    ];
    for (const [input, message] of bad) {
      const r = MetadataPatch.safeParse(input);
      expect(r.success, JSON.stringify(input)).toBe(false);
      expect(r.error!.issues.map((i) => i.message).join("；")).toMatch(message);
    }
    // A county alone gets its city.
    expect(MetadataPatch.parse({ region: { province: "山东省", county: "历下区" } }).region).toEqual({ province: "山东省", city: "济南市", county: "历下区" });
    expect(MetadataPatch.parse({ region: { province: "北京市", county: "朝阳区" } }).region).toEqual({ province: "北京市", city: "北京市", county: "朝阳区" });
    expect(MetadataPatch.parse({ region: { province: "上海市" } }).region).toEqual({ province: "上海市", city: "上海市", county: null });
  });

  // A failed ingest with corrections and the file leaves nothing: tests/store-engines.test.ts, on both engines.
  it("of an unknown document are refused", () => {
    const store = storeAt();
    expect(() => store.setCorrections("0123456789abcdef", MetadataPatch.parse({ title: "x" }), "测试")).toThrow(/没有编号为 0123456789abcdef 的文件/);
  });
});

describe("deleting", () => {
  it("removes a document with its measures, original file and corrections in one transaction, and moves the counter", async () => {
    const store = storeAt();
    const m = await ingestBuffer(store, readFileSync(MIANYANG), "corpus/m.txt");
    const p = await ingestBuffer(store, readFileSync(PANZHIHUA), "corpus/p.txt");
    store.setCorrections(m.id, MetadataPatch.parse({ title: "要删除的" }), "测试");
    const before = store.changes()!;
    expect(store.deleteDocument(m.id)).toBe(true);
    expect(store.changes()).toBeGreaterThan(before);
    expect(store.getDocument(m.id)).toBeNull();
    expect(store.measuresOf(m.id)).toEqual([]);
    expect(store.originalFile(m.id)).toBeNull();
    expect(store.correctionsOf(m.id)).toBeNull();
    expect(store.getDocument(p.id)).not.toBeNull();
    expect(store.deleteDocument(m.id)).toBe(false);
  });
});

describe("finding", () => {
  it("normalises 文号 written with any brackets, widths, spaces and zero padding", () => {
    const forms = ["国发〔2018〕38号", "国发[2018]38号", "国发 (2018) 38 号", "国发［2018］38号", "国发（2018）38号", "国发【2018】038号", "国发﹝2018﹞38号"];
    expect(new Set(forms.map(normalizeDocNumber))).toEqual(new Set(["国发〔2018〕38号"]));
    expect(normalizeDocNumber("国发〔2018〕38号")).not.toBe(normalizeDocNumber("国发〔2018〕39号"));
  });

  it("finds by title words, 文号 and issuer, with the corrected values, sorted and counted", async () => {
    const store = storeAt();
    const m = await ingestBuffer(store, readFileSync(MIANYANG), "corpus/m.txt");
    const p = await ingestBuffer(store, readFileSync(PANZHIHUA), "corpus/p.txt");
    expect(store.findDocuments({ q: "攀办发 ( 2016 ) 22 号" }).documents.map((d) => d.id)).toEqual([p.id]);
    expect(store.findDocuments({ q: "攀枝花市人民政府办公室" }).documents.map((d) => d.id)).toEqual([p.id]);
    // Title words in other widths and brackets: the title has (试行) in half-width brackets.
    expect(store.findDocuments({ q: "十条措施（试行）实施方案" }).documents.map((d) => d.id)).toEqual([m.id]);
    expect(store.findDocuments({ q: "全生命周期 发展" }).documents.map((d) => d.id)).toEqual([m.id]);
    expect(store.findDocuments({ sort: "date" }).documents.map((d) => d.id)).toEqual([m.id, p.id]);
    expect(store.findDocuments({ sort: "date-asc" }).documents.map((d) => d.id)).toEqual([p.id, m.id]);
    store.setCorrections(m.id, MetadataPatch.parse({ issuedDate: "2010-01-01", issuer: "某某局" }), "测试");
    expect(store.findDocuments({ sort: "date" }).documents.map((d) => d.id)).toEqual([p.id, m.id]);
    expect(store.findDocuments({ issuer: "某某局" })).toMatchObject({ total: 1, documents: [{ id: m.id, corrected: true }] });
    expect(store.findDocuments({ to: "2015-12-31" }).documents.map((d) => d.id)).toEqual([m.id]);
    const kept = store.findDocuments({ limit: 1 }, (d) => d.id === m.id);
    expect(kept).toMatchObject({ total: 1, documents: [{ id: m.id }] });
  });
});

describe("the search index", () => {
  const provinces = (idx: StoreSearchIndex, doc: string) => idx.search(SearchQuery.parse({ q: "", doc })).facets.province.map((f) => f.value);
  const units = (idx: StoreSearchIndex, q: string) => idx.index.unitsMatching(q, 50).map((u) => u.name);

  it("re-reads a corrected document: after a refresh in the same process, and from its saved copy when another process corrected it", async () => {
    const data = join(dir, "data");
    const store = storeAt(data);
    const m = await ingestBuffer(store, readFileSync(MIANYANG), "corpus/m.txt");
    const idx = StoreSearchIndex.open(store);
    expect(provinces(idx, m.id)).toEqual(["四川省"]);
    expect(units(idx, "金融工作局")).toContain("绵阳市金融工作局");

    // Another process (a second connection) corrects the region: the same documents, other metadata.
    storeAt(data).setCorrections(m.id, MetadataPatch.parse({ region: { province: "山东省", city: "济南市" } }), "命令行");
    expect(idx.behind()).toBe(true);
    expect(idx.refresh()).toBe(true);
    expect(provinces(idx, m.id)).toEqual(["山东省"]);
    expect(units(idx, "金融工作局")).toContain("济南市金融工作局");
    expect(units(idx, "金融工作局")).not.toContain("绵阳市金融工作局");
    idx.flush();

    // Corrected again while no index is open: the saved copy is caught up when it is opened.
    storeAt(data).setCorrections(m.id, MetadataPatch.parse({ region: { province: "浙江省", city: "温州市" } }), "命令行");
    const reopened = StoreSearchIndex.open(store);
    expect(provinces(reopened, m.id)).toEqual(["浙江省"]);
    expect(units(reopened, "金融工作局")).toEqual(expect.arrayContaining(["温州市金融工作局"]));
  });
});
