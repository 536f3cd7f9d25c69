// Topics and comparisons agree (one matcher), topic names are policy terms, places are named, comparison
// rows are short, and comparisons export: on the shipped corpus plus corpus-extra in a real SQLite store,
// and through a real server on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { jieba } from "../index/search/jieba.ts";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import ExcelJS from "exceljs";
import { Store } from "../index/store/store.ts";
import { collectFiles, emptyReport, ingestFile } from "../src/documents/ingest.ts";
import { SimilarityIndex } from "../index/similar/similarity.ts";
import { buildTopics, placeMap, placesOf, type Topic } from "../index/similar/topics.ts";
import { compareMeasure, compareQuery, compareTopic } from "../index/similar/compare.ts";
import { CURATED_TERMS, isGenericPhrase, mainTermOf } from "../index/similar/terms.ts";
import { comparisonGrid, excerptAfterTitle, renderComparison } from "../src/comparison/export.ts";
import { COMPARISON_HEADER_ROW } from "../src/comparison/export.ts";
import { CORPUS, CORPUS_EXTRA } from "./helpers/paths.ts";
import { startServer, type RunningServer } from "./helpers/server.ts";
import { sheetRows } from "./helpers/sheets.ts";

let dir: string;
let store: Store;
let index: SimilarityIndex;
let topics: Topic[];
const docIdByName = new Map<string, string>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "topics-test-"));
  store = new Store(dir);
  const report = emptyReport();
  for (const f of collectFiles([CORPUS, CORPUS_EXTRA]).files) await ingestFile(store, f, report);
  expect(report.refused).toEqual([]);
  for (const d of store.listDocuments(1000)) docIdByName.set(basename(d.source).replace(/\.txt$/, ""), d.id);
  index = SimilarityIndex.fromStore(store);
  topics = buildTopics(index);
});

afterAll(() => {
  store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const keys = (xs: { key: string }[]) => [...new Set(xs.map((x) => x.key))].sort();

describe("topics and comparison agree", () => {
  it("for every topic: comparing its name shows exactly its places, and its own table too", () => {
    expect(topics.length).toBeGreaterThanOrEqual(20);
    for (const t of topics) {
      const byName = compareQuery(index, t.name);
      const byTopic = compareTopic(index, t);
      const have = keys(t.places.map((p) => p.place));
      expect(byName.matchedBy, t.name).toBe("terms");
      expect(keys(byName.rows.map((r) => r.place)), t.name).toEqual(have);
      expect(keys(byTopic.rows.map((r) => r.place)), t.name).toEqual(have);
      expect(keys(byName.missingPlaces), t.name).toEqual(keys(t.missingPlaces));
      // and the same count of measures per place, however few of them a row lists
      const counts = Object.fromEntries(t.places.map((p) => [p.place.key, p.measureIds.length]));
      expect(Object.fromEntries(byName.rows.map((r) => [r.place.key, r.measureCount])), t.name).toEqual(counts);
      expect(Object.fromEntries(byTopic.rows.map((r) => [r.place.key, r.measureCount])), t.name).toEqual(counts);
      for (const r of byName.rows) expect(r.others.length + 1, t.name).toBeLessThanOrEqual(r.measureCount);
      // every place is either with or without a measure
      expect([...have, ...keys(t.missingPlaces)].sort()).toEqual(keys(placesOf(index)));
    }
  });

  it("comparing a measure shows the places of the topic it is about (?measure=)", () => {
    let checked = 0;
    for (const t of topics.filter((x) => x.curated)) {
      const m = t.measures.find((x) => mainTermOf(x.measure)?.name === t.name);
      if (!m) continue;
      const cmp = compareMeasure(index, m.measure.id)!;
      expect(cmp.matchedBy, t.name).toBe("terms");
      expect(cmp.rows[0].measure.id, t.name).toBe(m.measure.id);
      expect(keys(cmp.rows.map((r) => r.place)), t.name).toEqual(keys(t.places.map((p) => p.place)));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(15);
  });

  it("科技支行: 山西, 绵阳 and 平阳 are on the topic and in the comparison", () => {
    const t = topics.find((x) => x.name === "科技支行")!;
    expect(t).toBeDefined();
    const names = t.places.map((p) => p.place.name);
    for (const p of ["山西省", "绵阳市", "平阳县", "攀枝花市"]) expect(names).toContain(p);
    expect(t.missingPlaces.map((p) => p.name)).not.toContain("山西省");
    const cmp = compareQuery(index, "科技支行");
    expect(cmp.rows.map((r) => r.place.name).sort()).toEqual([...names].sort());
  });

  it("a synonym compares like the term it stands for (知产质押 → 知识产权质押)", () => {
    const a = compareQuery(index, "知产质押");
    const b = compareQuery(index, "知识产权质押");
    expect(a.rows.length).toBeGreaterThan(2);
    expect(keys(a.rows.map((r) => r.place))).toEqual(keys(b.rows.map((r) => r.place)));
  });
});

describe("topic names", () => {
  const curated = new Set(CURATED_TERMS.map((g) => g.name));

  it("are a curated policy term or a frequent noun phrase, never fragments, verbs or function words", () => {
    for (const t of topics) {
      expect(t.name, t.name).not.toMatch(/[/／\s]/);
      if (t.curated) {
        expect(curated.has(t.name), t.name).toBe(true);
        continue;
      }
      expect(isGenericPhrase(t.name), t.name).toBe(false);
      const tags = jieba.tag(t.name);
      expect(tags.every((x) => ["n", "nz", "j", "vn"].includes(x.tag)), `${t.name}: ${JSON.stringify(tags)}`).toBe(true);
      expect(["n", "nz", "j"]).toContain(tags[tags.length - 1].tag);
      // written as such in measures of at least three places
      expect(t.places.length, t.name).toBeGreaterThanOrEqual(3);
    }
    for (const name of ["风险补偿", "科技支行", "不良贷款容忍度", "知识产权质押", "融资担保", "尽职免责"]) {
      expect(topics.map((t) => t.name), name).toContain(name);
    }
  });

  it("every measure of a topic names one of its spellings", () => {
    for (const t of topics) {
      for (const m of t.measures) {
        const text = `${m.measure.title ?? ""}${m.measure.text}`.replace(/\s+/g, "").toLowerCase();
        expect(t.terms.some((w) => text.includes(w)), `${t.name} ${m.measure.id}`).toBe(true);
      }
    }
  });

  it("are deterministic", () => {
    expect(buildTopics(index).map((t) => [t.id, t.name, t.measures.length])).toEqual(topics.map((t) => [t.id, t.name, t.measures.length]));
  });
});

describe("places", () => {
  it("national documents are 国家层面, regionless others are named by title, none is 地区未识别", () => {
    const places = placeMap(index);
    for (const name of ["19_guojia-2017-rengong-zhineng-guihua", "36_guojia-2020-laonianren-zhineng-jishu", "14_guojia-2020-zhongxiao-qiye-shuzihua", "01_guojia-2019-rongzi-danbao"]) {
      expect(places.get(docIdByName.get(name)!)?.name, name).toBe("国家层面");
    }
    const all = placesOf(index);
    for (const p of all) expect(p.name).not.toMatch(/地区未识别|文件 [0-9a-f]{8}/);
    expect(all.map((p) => p.name)).toEqual(expect.arrayContaining(["国家层面", "山东省", "济南市", "青岛市", "上海市", "平阳县", "绵阳市"]));
  });
});

describe("comparison rows", () => {
  it("show the measure's title, an excerpt and its figures, with the id for the full text", () => {
    const t = compareQuery(index, "不良贷款容忍度");
    const my = t.rows.find((r) => r.place.name === "绵阳市")!;
    expect(my.measure).toEqual({ id: expect.stringMatching(/:/), path: "二/(五)/13", title: expect.stringContaining("尽职免责") });
    expect(index.entry(my.measure.id)).not.toBeNull();
    for (const r of t.rows) {
      expect(r.excerpt.length).toBeLessThanOrEqual(82);
      expect(r.html).toContain("<mark>");
      expect(r.html.length).toBeLessThan(400);
      expect(r.measure).not.toHaveProperty("text");
    }
    const figures = t.rows.find((r) => r.place.name === "平阳县")!.figures;
    expect(figures.map((f) => f.display)).toContain("3个百分点以内");
    expect(figures.find((f) => f.display === "3个百分点以内")?.columnId).toBe("npl-tolerance:ratio");
  });
});

describe("comparison export", () => {
  it("the 摘要 column does not repeat the measure's title (a measure without a heading is titled by its first sentence)", () => {
    let checked = 0;
    for (const q of ["风险补偿", "不良贷款容忍度", "科技支行", "知识产权质押"]) {
      const t = compareQuery(index, q);
      const grid = comparisonGrid(t);
      const [titleAt, excerptAt] = [grid.header.indexOf("措施标题"), grid.header.indexOf("摘要")];
      for (const row of grid.rows) {
        const title = row[titleAt];
        if (!title) continue;
        checked++;
        expect(row[excerptAt].startsWith(title), `${q} ${row[0]}`).toBe(false);
        expect(title.startsWith(row[excerptAt].replace(/…$/, "")) && row[excerptAt] !== "", `${q} ${row[0]}`).toBe(false);
      }
    }
    expect(checked).toBeGreaterThan(10);
    expect(excerptAfterTitle("设立风险补偿金。对合作银行给予补偿。", "设立风险补偿金")).toBe("对合作银行给予补偿。");
    expect(excerptAfterTitle("设立风险补偿金,纳入…", "设立风险补偿金,纳入全市中小企业贷款风险补偿范围")).toBe("");
    expect(excerptAfterTitle("…对合作银行给予补偿。", "设立风险补偿金")).toBe("…对合作银行给予补偿。");
  });

  it("XLSX, CSV and Markdown read back with the table's rows and figures", async () => {
    const t = compareQuery(index, "风险补偿");
    const xlsx = await renderComparison(t, "xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.body) as never);
    const rows = sheetRows(wb.worksheets[0]);
    const header = rows[COMPARISON_HEADER_ROW - 1];
    expect(header.slice(0, 4)).toEqual(["地方", "文件", "措施", "措施标题"]);
    const col = header.indexOf("风险补偿（金额）");
    expect(col).toBeGreaterThan(0);
    const my = rows.find((r) => r[0] === "绵阳市")!;
    expect(my[col]).toBe("2.5亿元");
    expect(my[header.indexOf("措施编号")]).toBe(t.rows.find((r) => r.place.name === "绵阳市")!.measure.id);
    expect(rows.filter((r) => t.rows.some((x) => x.place.name === r[0])).length).toBe(t.rows.length);

    // a place with more measures than the row lists says how many in all (the topics page's count: 国家层面 and 上海市 on 科技成果转化)
    const many = compareQuery(index, "科技成果转化");
    const grid = comparisonGrid(many);
    const cut = many.rows.filter((r) => r.measureCount > r.others.length + 1);
    expect(cut.length).toBeGreaterThan(0);
    for (const r of cut) expect(grid.rows[many.rows.indexOf(r)][grid.header.indexOf("其他相关措施")]).toContain(`等 ${r.measureCount - 1} 条`);

    const csv = Buffer.from((await renderComparison(t, "csv")).body).toString("utf8");
    expect(csv.startsWith("\ufeff地方,文件,措施,措施标题")).toBe(true);
    expect(csv).toContain("2.5亿元");

    const md = Buffer.from((await renderComparison(t, "md")).body).toString("utf8");
    expect(md).toMatch(/^# 各地对比（主题词：风险补偿）/);
    expect(md.split("\n").filter((l) => l.startsWith("| ")).length).toBe(t.rows.length + 2); // header and separator
    await expect(renderComparison(t, "pdf")).rejects.toThrow(/不支持的对比导出格式/);
  });
});

describe("over HTTP", () => {
  let srv: RunningServer;
  beforeAll(async () => {
    srv = await startServer({ API_TOKEN: "test-token" });
  }, 180_000);
  afterAll(() => srv?.stop());
  const auth = { headers: { authorization: "Bearer test-token" } };

  it("/api/topics and /api/compare agree for every topic", async () => {
    const list = (await (await fetch(`${srv.base}/api/topics`, auth)).json()).topics as { id: string; name: string; places: { name: string; fullName: string; count: number }[]; missingPlaces: string[] }[];
    expect(list.length).toBeGreaterThan(3);
    let cut = 0;
    for (const t of list) {
      const cmp = await (await fetch(`${srv.base}/api/compare?q=${encodeURIComponent(t.name)}`, auth)).json();
      expect(cmp.rows.map((r: { place: { name: string } }) => r.place.name).sort(), t.name).toEqual(t.places.map((p) => p.name).sort());
      // the topics page's count of a place's measures is the row's, however few of them the row lists
      type Row = { place: { fullName: string }; measureCount: number; others: unknown[] };
      expect(Object.fromEntries(cmp.rows.map((r: Row) => [r.place.fullName, r.measureCount])), t.name).toEqual(Object.fromEntries(t.places.map((p) => [p.fullName, p.count])));
      cut += cmp.rows.filter((r: Row) => r.measureCount > r.others.length + 1).length;
      expect(cmp.missingPlaces.map((p: { name: string }) => p.name).sort(), t.name).toEqual([...t.missingPlaces].sort());
    }
    expect(cut).toBeGreaterThan(0); // rows that list only some of their place's measures exist on this corpus
  }, 120_000);

  it("exports a comparison as XLSX, CSV and Markdown; an unknown format is a 400 in Chinese", async () => {
    const q = encodeURIComponent("不良贷款容忍度");
    const x = await fetch(`${srv.base}/api/compare?q=${q}&format=xlsx`, auth);
    expect(x.status).toBe(200);
    expect(x.headers.get("content-type")).toContain("spreadsheetml");
    expect(x.headers.get("content-disposition")).toContain("attachment");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await x.arrayBuffer()) as never);
    const rows = sheetRows(wb.worksheets[0]);
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(["绵阳市", "平阳县", "山西省"]));
    const c = await fetch(`${srv.base}/api/compare?q=${q}&format=csv`, auth);
    expect(c.headers.get("content-type")).toContain("text/csv");
    expect(await c.text()).toContain("绵阳市");
    const m = await fetch(`${srv.base}/api/compare?q=${q}&format=md`, auth);
    expect(await m.text()).toContain("| 绵阳市 |");
    const bad = await fetch(`${srv.base}/api/compare?q=${q}&format=pdf`, auth);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/format/);
    const none = await fetch(`${srv.base}/api/compare?measure=0123456789abcdef:一&format=csv`, auth);
    expect(none.status).toBe(404);
  }, 60_000);
});
