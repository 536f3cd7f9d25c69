// Validity (issue 15, item 5): plan periods read from real titles and texts, repeal statements, the
// library's status of each document (现行 / 已到期 / 已被替代) on a real SQLite store and through the API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planPeriod, repealStatements, validityAsOf } from "../extract/fields/validity.ts";
import { Store } from "../index/store/store.ts";
import { Library, libraryOf } from "../index/library/library.ts";
import { searchWithStatus } from "../index/library/status-search.ts";
import { MeasureIndex } from "../index/search/search.ts";
import { SearchQuery } from "../index/schema.ts";
import { extractFile, squash } from "./helpers/extract.ts";
import { tempLibrary, type TempLibrary } from "./helpers/library.ts";
import { CORPUS_EXTRA, OWN_FIXTURES, SEEDS } from "./helpers/paths.ts";
import { startServer, uploadFile, type RunningServer } from "./helpers/server.ts";

const LIB = join(OWN_FIXTURES, "library");
const read = (f: string) => readFileSync(f, "utf8");
const today = new Date().toISOString().slice(0, 10);

describe("plan period", () => {
  it("reads the year range of a title in each bracket and dash form", async () => {
    const pzh16 = (await extractFile(join(SEEDS, "003_0ce3fda1e8b3f4a9.txt"))).document;
    expect(pzh16.title).toBe("攀枝花市知识产权质押融资试点工作方案(2016~2018)");
    expect(planPeriod(pzh16.title, "", pzh16.issuedDate)).toEqual({ from: "2016-01-01", to: "2018-12-31", text: "(2016~2018)", source: "title" });
    expect(planPeriod("上海市脑机接口未来产业培育行动方案（2025-2030年）", "", null)).toMatchObject({ from: "2025-01-01", to: "2030-12-31", text: "（2025-2030年）" });
    expect(planPeriod("上海市加快食品科技创新赋能产业发展行动方案（2026—2030年）", "", null)).toMatchObject({ to: "2030-12-31", text: "（2026—2030年）" });
    expect(planPeriod("四川省重大科技成果转化工程实施方案(2011—2015年)", "", null)).toMatchObject({ from: "2011-01-01", to: "2015-12-31" });
    // A single year or a date in the title is no period.
    expect(planPeriod("立山区政府2023年重点工作任务分解和责任分工方案", "", null)).toBeNull();
  });

  it("reads 有效期至 and 有效期X年 from real closing sentences", () => {
    const jinan = read(join(CORPUS_EXTRA, "07_jinan-2021-kechuang-jinan.txt"));
    expect(planPeriod(null, jinan, "2021-05-01")).toMatchObject({ from: "2021-05-01", to: "2025-12-31", text: "有效期至2025年12月31日", source: "text" });
    const g60 = read(join(CORPUS_EXTRA, "11_shanghai-2025-g60-kechuang-zoulang.txt"));
    // 本措施自2026年1月1日起实施，有效期至2030年12月31日: the start written wins over the issue date.
    expect(planPeriod(null, g60, "2025-12-02")).toMatchObject({ from: "2026-01-01", to: "2030-12-31" });
    const qingdao = read(join(CORPUS_EXTRA, "30_qingdao-2023-rengong-zhineng-chanyeyuan.txt"));
    // 本政策自发布之日起实施，有效期3年: three years from the date of the document.
    expect(planPeriod(null, qingdao, "2023-06-15")).toMatchObject({ from: "2023-06-15", to: "2026-06-14", text: "自发布之日起实施，有效期3年" });
    // The other written forms of an end date.
    expect(planPeriod(null, "有效期为2018年1月1日至2020年12月31日。", null)).toMatchObject({ from: "2018-01-01", to: "2020-12-31" });
    expect(planPeriod(null, "本办法有效期自2024年1月1日起至2026年12月31日止。", null)).toMatchObject({ from: "2024-01-01", to: "2026-12-31" });
    expect(planPeriod(null, "有效期至2027年底。", "2024-03-01")).toMatchObject({ from: "2024-03-01", to: "2027-12-31" });
    // Without a date to count from, the years alone give no period.
    expect(planPeriod(null, qingdao, null)).toBeNull();
  });

  it("status as of a date: 现行 inside the period, 已到期 after it, each with its reason", () => {
    const p = planPeriod("攀枝花市促进科技与金融结合特色试点城市工作实施方案(2017~2019)", "", "2017-09-15")!;
    expect(validityAsOf(p, [], "2018-06-01")).toMatchObject({ status: "现行" });
    const later = validityAsOf(p, [], "2020-01-01");
    expect(later.status).toBe("已到期");
    expect(later.reason).toContain("(2017~2019)");
    expect(validityAsOf(null, [], today)).toMatchObject({ status: "现行", reason: expect.stringContaining("未写有效期") });
  });
});

describe("repeal statements", () => {
  it("reads a real 停止执行 with the repealed title and 文号", () => {
    const doc29 = read(join(CORPUS_EXTRA, "29_guojia-2018-ducha-jili.txt"));
    const r = repealStatements(doc29, { title: "国务院办公厅关于对真抓实干成效明显地方进一步加大激励支持力度的通知", docNumber: "国办发〔2018〕117号" });
    expect(r).toHaveLength(1);
    expect(r[0].titles).toEqual(["国务院办公厅关于对真抓实干成效明显地方加大激励支持力度的通知"]);
    expect(r[0].docNumbers).toEqual(["国办发〔2016〕82号"]);
    expect(r[0].text).toContain("停止执行");
  });

  it("does not read a citation or a partial 不再执行 as a repeal", async () => {
    // 根据《…》（川府发〔2011〕20号）要求…: a city plan citing the provincial one.
    expect(repealStatements(read(join(LIB, "chengdu-2012-keji-chengguo-zhuanhua.txt")))).toEqual([]);
    // 不再执行《外商投资建筑业企业管理规定》中关于工程承包范围的限制性规定: one rule put aside, not the document.
    const zmq = await extractFile(join(CORPUS_EXTRA, "04_guojia-2018-zimaoqu-gaige-chuangxin.txt"));
    expect(squash(zmq.repaired)).toContain("不再执行《外商投资建筑业企业管理规定》中关于");
    expect(repealStatements(zmq.repaired, zmq.document)).toEqual([]);
  });

  it("reads the other repeal forms, citations in the same sentence left out", () => {
    // Forms of real notices (攀办发〔2016〕22号 is the seed's own 文号, here written with other brackets and spaces).
    const text = "根据《四川省财政金融互动奖补资金管理办法》（川财金〔2016〕3号），本方案自印发之日起施行，原《攀枝花市知识产权质押融资试点工作方案》（攀办发[2016] 22号）同时废止。";
    const r = repealStatements(text);
    expect(r).toHaveLength(1);
    expect(r[0].titles).toEqual(["攀枝花市知识产权质押融资试点工作方案"]);
    expect(r[0].docNumbers).toEqual(["攀办发〔2016〕22号"]);
    expect(repealStatements("现决定废止《关于加强知识产权质押融资与评估管理支持中小企业发展的通知》。")[0].titles).toHaveLength(1);
    expect(repealStatements("凡与本方案不一致的，以本方案为准。")).toEqual([]);
  });
});

describe("library status on a real store", () => {
  let tmp: TempLibrary;
  let store: Store;
  let ids: Record<string, string>;
  beforeAll(async () => {
    tmp = await tempLibrary("validity", {
      pzh16: join(SEEDS, "003_0ce3fda1e8b3f4a9.txt"),
      pzh17: join(SEEDS, "000_faf38247bd40dd5c.txt"),
      mianyang: join(SEEDS, "001_5f058fe8d295f66b.txt"),
      old82: join(LIB, "guoban-2016-82-ducha-jili.txt"),
      new117: join(CORPUS_EXTRA, "29_guojia-2018-ducha-jili.txt"),
    });
    ({ store, ids } = tmp);
  });
  afterAll(() => tmp?.cleanup());

  it("the 攀枝花 plans of 2016~2018 and 2017~2019 are 已到期 today, 现行 within their years", () => {
    const lib = libraryOf(store);
    expect(lib.status(ids.pzh16)).toMatchObject({ status: "已到期", period: { to: "2018-12-31" } });
    expect(lib.status(ids.pzh17)).toMatchObject({ status: "已到期", period: { to: "2019-12-31" } });
    expect(lib.status(ids.pzh17, "2018-03-01")!.status).toBe("现行");
    expect(lib.status(ids.mianyang)!.status).toBe("现行");
    expect(lib.status("0000000000000000")).toBeNull();
  });

  it("a later document that 停止执行 an earlier one marks it 已被替代, naming itself", () => {
    const lib = libraryOf(store);
    const v = lib.status(ids.old82)!;
    expect(v.status).toBe("已被替代");
    expect(v.supersededBy!.map((d) => d.id)).toEqual([ids.new117]);
    expect(v.reason).toContain("国办发〔2018〕117号");
    expect(lib.status(ids.new117)!.status).toBe("现行");
    // Before the repealing document was issued (2018-12-06) the old one still stood.
    expect(lib.status(ids.old82, "2018-01-01")!.status).toBe("现行");
    expect(lib.statuses().get(ids.old82)).toBe("已被替代");
  });

  it("search with status on a real index: facet, filter, current documents first, one pass when all are current", () => {
    const index = MeasureIndex.fromStore(store);
    const statuses = libraryOf(store).statuses();
    const q = SearchQuery.parse({ q: "", limit: 100 });
    const r = searchWithStatus(index, q, statuses);
    const order = r.hits.map((h) => h.status);
    expect(order.findIndex((s) => s !== "现行")).toBeGreaterThan(order.lastIndexOf("现行"));
    expect(Object.fromEntries(r.facets.status.map((f) => [f.value, f.count]))).toMatchObject({ 现行: expect.any(Number), 已到期: expect.any(Number), 已被替代: expect.any(Number) });
    expect(r.facets.status.reduce((a, f) => a + f.count, 0)).toBe(r.total);
    const expired = searchWithStatus(index, { ...q, status: "已到期" }, statuses);
    expect(new Set(expired.hits.map((h) => h.document.id))).toEqual(new Set([ids.pzh16, ids.pzh17]));
    // Every document in force: one plain search, everything 现行, nothing 已到期.
    const allCurrent = new Map([...statuses.keys()].map((id) => [id, "现行" as const]));
    const plain = searchWithStatus(index, q, allCurrent);
    expect(plain.total).toBe(r.total);
    expect(plain.facets.status).toEqual([{ value: "现行", count: r.total }]);
    expect(searchWithStatus(index, { ...q, status: "已到期" }, allCurrent).total).toBe(0);
  });

  it("follows the store: removing the repealing document restores the old one", async () => {
    const lib = libraryOf(store);
    store.db.prepare("DELETE FROM documents WHERE id = ?").run(ids.new117);
    expect(lib.status(ids.old82)!.status).toBe("现行");
    ids.new117 = store.ingest(await extractFile(join(CORPUS_EXTRA, "29_guojia-2018-ducha-jili.txt"))).id;
    expect(lib.status(ids.old82)!.status).toBe("已被替代");
  });
});

describe("validity through the API", () => {
  let srv: RunningServer;
  const upload = (file: string) => uploadFile(srv, file, "t");
  const doc = async (id: string) => (await fetch(`${srv.base}/api/documents/${id}`)).json();
  beforeAll(async () => {
    srv = await startServer({ API_TOKEN: "t" });
  });
  afterAll(() => srv?.stop());

  it("GET /api/documents/:id carries validity: the seeds' expired plans and a repealed notice", async () => {
    const pzh16 = (await extractFile(join(SEEDS, "003_0ce3fda1e8b3f4a9.txt"))).document.id;
    const pzh17 = (await extractFile(join(SEEDS, "000_faf38247bd40dd5c.txt"))).document.id;
    for (const id of [pzh16, pzh17]) {
      const d = await doc(id);
      expect(d.validity.status).toBe("已到期");
      expect(d.validity.reason).toMatch(/有效期已过/);
    }
    const old82 = await upload(join(LIB, "guoban-2016-82-ducha-jili.txt"));
    expect((await doc(old82)).validity.status).toBe("现行");
    const new117 = await upload(join(CORPUS_EXTRA, "29_guojia-2018-ducha-jili.txt"));
    const d = await doc(old82);
    expect(d.validity).toMatchObject({ status: "已被替代", supersededBy: [{ id: new117, docNumber: "国办发〔2018〕117号" }] });
    const m = await (await fetch(`${srv.base}/api/measures/${encodeURIComponent(d.measures[0].id)}`)).json();
    expect(m.validity.status).toBe("已被替代");
  });

  it("search: status on hits, a status facet and filter, measures of documents in force first", async () => {
    type Hit = { status: string; document: { id: string } };
    const search = async (qs: string) => {
      // The index follows uploads within a second: wait until both notices are in.
      for (let i = 0; ; i++) {
        const body = await (await fetch(`${srv.base}/api/search?${qs}`)).json();
        if (i >= 100 || body.facets?.status?.some((f: { value: string }) => f.value === "已被替代")) return body;
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const Q = encodeURIComponent("商事制度改革");
    const all = await search(`q=${Q}&limit=100`);
    const statuses: string[] = all.hits.map((h: Hit) => h.status);
    expect(statuses).toContain("现行");
    expect(statuses).toContain("已被替代");
    // Every measure of a document in force before any of the repealed notice.
    expect(statuses.findIndex((s) => s !== "现行")).toBeGreaterThan(statuses.lastIndexOf("现行"));
    const facet = Object.fromEntries(all.facets.status.map((f: { value: string; count: number }) => [f.value, f.count]));
    expect(Object.values(facet).reduce((a: number, b) => a + (b as number), 0)).toBe(all.total);
    // Paging cuts across the two parts without losing or repeating a measure.
    const page2 = await search(`q=${Q}&limit=5&offset=${Math.max(0, facet["现行"] - 2)}`);
    expect(page2.hits.map((h: Hit & { measure: { id: string } }) => h.measure.id)).toEqual(all.hits.slice(Math.max(0, facet["现行"] - 2), Math.max(0, facet["现行"] - 2) + 5).map((h: Hit & { measure: { id: string } }) => h.measure.id));
    const old = await search(`q=${Q}&status=${encodeURIComponent("已被替代")}&limit=100`);
    expect(old.total).toBe(facet["已被替代"]);
    expect(old.hits.every((h: Hit) => h.status === "已被替代")).toBe(true);
    // The seeds' expired 攀枝花 plans are filtered as 已到期.
    const expired = await (await fetch(`${srv.base}/api/search?status=${encodeURIComponent("已到期")}&limit=100`)).json();
    expect(expired.total).toBeGreaterThan(0);
    expect(new Set(expired.hits.map((h: { document: { title: string } }) => h.document.title.slice(0, 3)))).toEqual(new Set(["攀枝花"]));
    const bad = await fetch(`${srv.base}/api/search?status=${encodeURIComponent("失效")}`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/status/);
  });
});

describe("validity at a start, worked out off the event loop", () => {
  type Hit = { status: string; document: { id: string } };
  /** What a client sees of validity: hits with status, the status facet, the 已到期 filter, and each hit document's validity. */
  async function seen(base: string) {
    const get = async (path: string) => (await fetch(`${base}${path}`)).json();
    const all = await get(`/api/search?q=${encodeURIComponent("科技")}&limit=100`);
    const expired = await get(`/api/search?status=${encodeURIComponent("已到期")}&limit=100`);
    const docs = [...new Set(all.hits.map((h: Hit) => h.document.id))] as string[];
    const validity = await Promise.all(docs.map(async (id) => [id, (await get(`/api/documents/${id}`)).validity]));
    return { hits: all.hits.map((h: Hit) => [h.document.id, h.status]), facet: all.facets.status, expired: [expired.total, expired.hits.map((h: Hit) => h.document.id).sort()], validity };
  }
  const said = async (srv: RunningServer, line: string) => {
    for (let i = 0; i < 100 && !srv.output().includes(line); i++) await new Promise((r) => setTimeout(r, 100));
    return srv.output();
  };

  it("a first start builds it on a worker thread, the next takes the saved core; the same answers as the library built here", async () => {
    const dir = mkdtempSync(join(tmpdir(), "policy-warm-"));
    const env = { DATA_DIR: join(dir, "data"), LIBRARY_WORKER_FROM: "0" };
    let srv = await startServer(env);
    try {
      const first = await seen(srv.base);
      expect(await said(srv, "文件效力已在后台算出")).toContain("文件效力已在后台算出");
      expect(first.expired[0]).toBeGreaterThan(0);
      expect(first.facet.map((f: { value: string }) => f.value)).toContain("已到期");
      await srv.close();
      srv = await startServer(env);
      const second = await seen(srv.base);
      expect(await said(srv, "文件效力取自保存的结果")).toContain("文件效力取自保存的结果（5 个文件");
      expect(second).toEqual(first);
      const store = new Store(join(dir, "data"));
      try {
        const statuses = new Library(store).statuses();
        expect(first.hits.every(([id, status]: [string, string]) => statuses.get(id) === status)).toBe(true);
      } finally {
        store.close();
      }
    } finally {
      srv.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
