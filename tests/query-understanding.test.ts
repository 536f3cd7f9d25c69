// Query understanding, facets and the units list through the HTTP API of a real server (`npm start`
// on 127.0.0.1 with the shipped corpus) plus documents of ../shared/corpus-extra ingested by the CLI.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SearchResponse } from "../index/schema.ts";
import { Store } from "../index/store/store.ts";
import { MeasureIndex, storeSource } from "../index/search/search.ts";
import { libraryOf } from "../index/library/library.ts";
import { benchQuery, readQueries } from "../bench/search-queries.ts";
import { CORPUS, CORPUS_EXTRA, ROOT } from "./helpers/paths.ts";
import { startServer, type RunningServer } from "./helpers/server.ts";

let srv: RunningServer;
const EXTRA = ["01_guojia-2019-rongzi-danbao.txt", "07_jinan-2021-kechuang-jinan.txt", "13_yangpu-2025-xinzhi-xiudai-chuangxinqu.txt", "34_guojia-2016-keji-chengguo-zhuanyi-zhuanhua.txt"];

function cli(args: string[]): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/cli/main.ts"), ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: join(srv.dataDir, "data") } });
    let out = "";
    p.stdout.on("data", (b) => (out += b));
    p.stderr.on("data", (b) => (out += b));
    p.on("close", (status) => resolve({ status, out }));
  });
}

async function get(path: string): Promise<{ status: number; body: any }> {
  // Once more when a kept-alive connection was closed by the server while this process was busy (a GET is safe to repeat).
  const r = await fetch(srv.base + path).catch(() => fetch(srv.base + path));
  return { status: r.status, body: await r.json() };
}

async function search(params: Record<string, string>): Promise<SearchResponse> {
  const r = await get(`/api/search?${new URLSearchParams({ limit: "100", ...params })}`);
  expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
  return r.body as SearchResponse;
}

const ids = (r: SearchResponse) => r.hits.map((h) => h.measure.id).sort();

beforeAll(async () => {
  srv = await startServer();
  const r = await cli(["ingest", ...EXTRA.map((f) => join(CORPUS_EXTRA, f))]);
  expect(r.status, r.out).toBe(0);
  // The server follows the store document by document: wait until the extra documents of every place they
  // bring (国家层面 01/34, 山东省 07, 上海市 13) are searchable and the count of searchable measures stands still.
  let last = -1;
  for (let i = 0; i < 300; i++) {
    const totals = await Promise.all(["国家层面", "山东省", "上海市"].map(async (province) => (await search({ province, limit: "1" })).total));
    const all = (await search({ limit: "1" })).total;
    if (totals.every((t) => t > 0) && all === last) break;
    last = totals.every((t) => t > 0) ? all : -1;
    await new Promise((res) => setTimeout(res, 300));
  }
}, 300_000);

afterAll(() => srv?.stop());

describe("query understanding", () => {
  it("担保 绵阳: only 绵阳 measures, and it says it filtered by place (undo gives the text search back)", async () => {
    const all = await search({ q: "担保" });
    const r = await search({ q: "担保 绵阳" });
    expect(r.total).toBeGreaterThan(0);
    expect(r.total).toBeLessThan(all.total);
    for (const h of r.hits) expect(h.document.region.city).toBe("绵阳市");
    const region = r.understood.find((u) => u.kind === "region")!;
    expect(region).toMatchObject({ text: "绵阳", value: { city: "绵阳市" } });
    expect(region.label).toContain("绵阳市");
    const undone = await search(Object.fromEntries(new URLSearchParams(region.undo)));
    expect(undone.understood.some((u) => u.kind === "region")).toBe(false);
    expect(undone.query.q).toBe("担保 绵阳");
  });

  it("平阳, 平阳县 and 浙江省温州市平阳县 give the 平阳 document's measures", async () => {
    const byFilter = await search({ county: "平阳县" });
    expect(byFilter.total).toBeGreaterThan(5);
    for (const q of ["平阳", "平阳县", "浙江省温州市平阳县"]) {
      const r = await search({ q });
      expect(ids(r), q).toEqual(ids(byFilter));
      expect(r.understood[0]).toMatchObject({ kind: "region", value: { county: "平阳县" } });
    }
    const province = await search({ q: "山东" });
    expect(province.understood[0]).toMatchObject({ kind: "region", value: { province: "山东省" } });
    for (const h of province.hits) expect(h.document.region.province).toBe("山东省");
  });

  it("two places that do not nest (绵阳 平阳, 山东 绵阳): the measures of either, said under the box; each undone alone", async () => {
    for (const [q, a, b] of [["绵阳 平阳", { city: "绵阳市" }, { county: "平阳县" }], ["山东 绵阳", { province: "山东省" }, { city: "绵阳市" }]] as const) {
      const [one, two] = await Promise.all([search(a), search(b)]);
      expect(one.total, q).toBeGreaterThan(0);
      expect(two.total, q).toBeGreaterThan(0);
      const r = await search({ q, limit: "100" });
      // The union: every measure of either place (the two share none), nothing else.
      expect(r.total, q).toBe(one.total + two.total);
      const regions = r.understood.filter((u) => u.kind === "region");
      expect(regions, q).toHaveLength(2);
      expect(regions[0].label, q).toMatch(/^按地区：\S+（或\S+，任一地区的措施）$/);
      // Undo one: the other place stays a filter, the undone one is searched as a word.
      const undone = await search(Object.fromEntries(new URLSearchParams(regions[1].undo)));
      const left = undone.understood.filter((u) => u.kind === "region");
      expect(left.map((u) => u.text), q).toEqual([regions[0].text]);
      expect(undone.query.q, q).toBe(q);
      const kept = await search({ ...a, q: regions[1].text, noRegion: "1" });
      expect(undone.total, q).toBe(kept.total);
    }
    // 国家层面 beside a place: national documents or that place's.
    const [national, mianyang] = await Promise.all([search({ q: "担保", province: "国家层面" }), search({ q: "担保", city: "绵阳市" })]);
    const both = await search({ q: "国家层面 绵阳 担保" });
    expect(both.total).toBe(national.total + mianyang.total);
    expect(both.understood.filter((u) => u.kind === "region").map((u) => u.label)).toEqual(["按地区：国家层面（或绵阳市，任一地区的措施）", "按地区：绵阳市（或国家层面，任一地区的措施）"]);
    // A province with two of its cities: the province holds both choices, so it is no alternative of its own.
    const sichuan2 = await search({ q: "四川 绵阳 攀枝花" });
    expect(sichuan2.total).toBe((await search({ city: "绵阳市" })).total + (await search({ city: "攀枝花市" })).total);
    expect(sichuan2.understood.map((u) => u.label)).toEqual(["按地区：四川省", "按地区：绵阳市（或攀枝花市，任一地区的措施）", "按地区：攀枝花市（或绵阳市，任一地区的措施）"]);
    // Nesting places still narrow: 四川 绵阳 is 绵阳; undoing 四川 leaves 绵阳.
    const nested = await search({ q: "四川 绵阳" });
    expect(nested.total).toBe((await search({ city: "绵阳市" })).total);
    const sichuan = nested.understood.find((u) => u.text === "四川")!;
    expect(sichuan.label).toBe("按地区：四川省");
    const onlyMianyang = await search(Object.fromEntries(new URLSearchParams(sichuan.undo)));
    expect(onlyMianyang.understood.filter((u) => u.kind === "region").map((u) => u.value)).toEqual([{ city: "绵阳市", level: "市" }]);
  });

  it("a pasted text that starts with a place (a headline copied from a PDF) is searched by its terms, not narrowed to the place", async () => {
    const text = readFileSync(join(CORPUS, "panzhihua-2017-keji-jinrong.txt"), "utf8");
    // Its headline and first paragraph as a PDF copies them: the issuer's place set apart by a space; and a copy with spaces throughout.
    const at = text.indexOf("一、");
    const head = `${text.slice(0, text.indexOf("\n"))}\n${text.slice(at, at + 400).replace(/\s+/g, "")}`;
    expect(head.startsWith("攀枝花市人民政府办公室关于印发")).toBe(true);
    expect(head.length).toBeGreaterThan(200);
    for (const q of [head.replace(/^攀枝花市/, "攀枝花市 "), head.replace(/^攀枝花市/, "攀枝花市 ").replace(/(.{24})/g, "$1 ")]) {
      const r = await search({ q });
      expect(r.understood.map((u) => u.kind), q.slice(0, 30)).not.toContain("region");
      expect(r.understood.map((u) => u.kind), q.slice(0, 30)).not.toContain("unit");
      expect(r.understood.map((u) => u.kind)).toContain("shortened");
      expect(r.hits[0].document.docNumber).toBe("攀办发〔2017〕141号");
    }
    // The first line a place alone, the text below it: a line of the paste, not a word typed beside it.
    const lines = await search({ q: `攀枝花市\n${head.slice(4)}` });
    expect(lines.understood.map((u) => u.kind)).not.toContain("region");
    // A place typed before a paste stays a filter (http-review-third.test.ts: 上海 〈段落〉); typed after it, too.
    const after = await search({ q: `${head.slice(4)} 绵阳` });
    expect(after.understood.find((u) => u.kind === "region")?.value).toMatchObject({ city: "绵阳市" });
  });

  it("国家层面 担保: the facet's 国家层面 entry as a place, and it says so", async () => {
    const byFilter = await search({ q: "担保", province: "国家层面" });
    expect(byFilter.total).toBeGreaterThan(0);
    const r = await search({ q: "国家层面 担保" });
    expect(ids(r)).toEqual(ids(byFilter));
    expect(r.understood[0]).toMatchObject({ kind: "region", text: "国家层面", value: { province: "国家层面" }, label: "按地区：国家层面" });
    for (const h of r.hits) expect(h.document.region).toEqual({ province: null, city: null, county: null });
    const undone = await search(Object.fromEntries(new URLSearchParams(r.understood[0].undo)));
    expect(undone.understood.some((u) => u.kind === "region")).toBe(false);
  });

  it("a unit named with its place is a unit filter, not a region: 绵阳市财政局; 绵阳科技支行 (no such unit) is 绵阳 + text", async () => {
    const r = await search({ q: "绵阳市财政局" });
    expect(r.understood.map((u) => u.kind)).toEqual(["unit"]);
    expect(r.total).toBeGreaterThan(2);
    expect(r.total).toBe((await search({ unit: "绵阳市财政局" })).total);
    for (const h of r.hits) expect(h.measure.units.some((u) => u.canonical === "绵阳市财政局")).toBe(true);
    const off = await search({ q: "绵阳市财政局", noUnit: "1" });
    expect(off.understood.some((u) => u.kind === "unit" || u.kind === "region")).toBe(false);
    const branch = await search({ q: "绵阳科技支行" });
    expect(branch.understood[0]).toMatchObject({ kind: "region", value: { city: "绵阳市" } });
    for (const h of branch.hits) expect(h.document.region.city).toBe("绵阳市");
  });

  it("知产质押 finds the 知识产权质押 measures; 风险补偿基金 finds what 风险补偿金 finds", async () => {
    const short = await search({ q: "知产质押" });
    const long = await search({ q: "知识产权质押" });
    expect(short.total).toBeGreaterThan(5);
    expect(ids(short)).toEqual(ids(long));
    expect(short.understood.find((u) => u.kind === "synonym")?.value).toMatchObject({ alternatives: expect.arrayContaining(["知识产权质押"]) });
    const fund = await search({ q: "风险补偿基金" });
    const money = await search({ q: "风险补偿金" });
    expect(fund.total).toBeGreaterThan(2);
    expect(ids(fund)).toEqual(ids(money));
    // Switched off: the word alone.
    const literal = await search({ q: "知产质押", noSynonym: "1" });
    expect(literal.total).toBe(0);
    expect(literal.suggestions.length).toBeGreaterThan(0);
  });

  it("a seed's 文号 in three bracket forms finds its document first", async () => {
    for (const q of ["攀办发〔2017〕141号", "攀办发[2017]141号", "攀办发（2017）141号", "科技金融 攀办发(2017)141号"]) {
      const r = await search({ q });
      expect(r.total, q).toBeGreaterThan(0);
      expect(r.hits[0].document.docNumber, q).toBe("攀办发〔2017〕141号");
      expect(r.understood.find((u) => u.kind === "docNumber")?.value, q).toMatchObject({ docNumber: "攀办发〔2017〕141号" });
    }
  });

  it("a pasted 600-character paragraph is searched by its most distinctive terms, and says so", async () => {
    const text = readFileSync(join(CORPUS, "pingyang-2024-keji-jinrong.txt"), "utf8");
    const start = text.indexOf("1.支持传统产业转型升级");
    const paragraph = text.slice(start, start + 600);
    expect(paragraph.length).toBe(600);
    const r = await search({ q: paragraph });
    expect(r.total).toBeGreaterThan(0);
    expect(r.hits[0].document.docNumber).toBe("平科〔2024〕65号");
    const shortened = r.understood.find((u) => u.kind === "shortened")!;
    expect(shortened.label).toContain("600 字");
    expect((shortened.value.terms as string[]).length).toBeGreaterThan(1);
    // 1,500 characters too; an address past the HTTP limit (2,400 characters, ~21 KB encoded) gets the JSON error in Chinese.
    const longer = await search({ q: text.slice(start, start + 1500) });
    expect(longer.total).toBeGreaterThan(0);
    const long = await get(`/api/search?${new URLSearchParams({ q: text.slice(start, start + 2400).padEnd(2400, "科") })}`);
    expect(long.status).toBe(414);
    expect(long.body.error).toMatch(/[\u4e00-\u9fff]/);
    // The same fields as a JSON body take up to 5,000 characters.
    const post = async (body: unknown) => {
      const r = await fetch(`${srv.base}/api/search`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      return { status: r.status, body: await r.json() };
    };
    const pasted = await post({ q: text.slice(start, start + 2400), limit: 5 });
    expect(pasted.status).toBe(200);
    expect(pasted.body.total).toBeGreaterThan(0);
    expect(pasted.body.hits[0].document.docNumber).toBe("平科〔2024〕65号");
    expect(pasted.body.understood.some((u: { kind: string }) => u.kind === "shortened")).toBe(true);
    const tooLong = await post({ q: "科".repeat(5001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toContain("5000");
  });

  it("a pasted page top (索引号 line, title, opening) finds its own document, not the one other measure holding its rarest word", async () => {
    for (const [file, title] of [
      ["mianyang-2022-jinrong-shitiao.txt", "金融支持科创企业全生命周期发展十条措施"],
      ["pingyang-2024-keji-jinrong.txt", "平阳县金融支持科技创新和中小微企业发展行动实施方案"],
    ]) {
      const paste = readFileSync(join(CORPUS, file), "utf8").slice(0, 600);
      const r = await search({ q: paste, limit: "3" });
      expect(r.total, file).toBeGreaterThan(0);
      expect(r.hits[0].document.title, file).toContain(title);
      const shortened = r.understood.find((u) => u.kind === "shortened")!;
      expect((shortened.value.terms as string[]).length, file).toBeGreaterThan(2);
    }
  });

  it("no results: did-you-mean suggestions that find something", async () => {
    const r = await search({ q: "风险补偿 量子纠缠" });
    expect(r.total).toBe(0);
    expect(r.suggestions.length).toBeGreaterThan(0);
    const first = await search({ q: r.suggestions[0].q });
    expect(first.total).toBeGreaterThan(0);
  });
});

describe("the search benchmark's path", () => {
  it("bench/queries.txt's understood queries, run as bench/search.ts runs them, answer as GET /api/search does", async () => {
    const queries = readQueries().filter((q) => q.group === "understood").map((bq) => ({ ...bq, query: { ...bq.query, limit: 100 } }));
    expect(queries.length).toBeGreaterThanOrEqual(10);
    // The route's answers first (this process then works without pause: the server may close an idle connection meanwhile).
    const routed: SearchResponse[] = [];
    for (const bq of queries) {
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(bq.query)) if (v !== undefined && k !== "offset") params[k] = String(v);
      routed.push(await search(params));
    }
    // The server's index as it saved it (once it holds every document of the store), loaded as the bench loads its copy.
    const store = new Store(join(srv.dataDir, "data"));
    try {
      const dir = join(srv.dataDir, "data", "index");
      for (let i = 0; i < 150 && MeasureIndex.isStale(dir, store); i++) await new Promise((res) => setTimeout(res, 200));
      const index = MeasureIndex.fromDir(dir, { source: storeSource(store) });
      expect(index).not.toBeNull();
      const statuses = libraryOf(store).statuses();
      expect([...statuses.values()]).toContain("已到期"); // the validity layer is on the path
      const kinds = new Set<string>();
      queries.forEach((bq, i) => {
        const bench = benchQuery(index!, bq, statuses);
        const route = routed[i];
        const line = bq.line.slice(0, 30);
        expect(bench.total, line).toBe(route.total);
        expect(bench.understood, line).toEqual(route.understood);
        expect(bench.suggestions, line).toEqual(route.suggestions);
        expect(bench.facets.status, line).toEqual(route.facets.status);
        expect(bench.facets.document, line).toEqual(route.facets.document);
        expect(bench.hits.map((h) => [h.measure.id, h.status, h.score]), line).toEqual(route.hits.map((h) => [h.measure.id, h.status, h.score]));
        for (const u of bench.understood) kinds.add(u.kind);
        if (bench.suggestions.length) kinds.add("suggestions");
      });
      // The share covers every kind of understanding.
      expect([...kinds].sort()).toEqual(["docNumber", "region", "shortened", "suggestions", "synonym", "unit"]);
    } finally {
      store.close();
    }
  });
});

describe("filters and facets", () => {
  it("the region facet is a tree, with 国家层面 for national documents", async () => {
    const r = await search({ q: "" });
    const roots = r.facets.region;
    expect(roots.reduce((n, x) => n + x.count, 0)).toBe(r.total);
    const sichuan = roots.find((x) => x.value === "四川省")!;
    expect(sichuan.children.map((c) => c.value)).toEqual(expect.arrayContaining(["绵阳市", "攀枝花市"]));
    const zhejiang = roots.find((x) => x.value === "浙江省")!;
    expect(zhejiang.children[0]).toMatchObject({ value: "温州市", children: [expect.objectContaining({ value: "平阳县", param: "county" })] });
    // 上海市 once (the city of the municipality is the province).
    expect(JSON.stringify(roots).match(/"value":"上海市"/g)!.length).toBe(1);
    const national = roots.find((x) => x.value === "国家层面")!;
    expect(national.count).toBeGreaterThan(0);
    const only = await search({ province: "国家层面" });
    expect(only.total).toBe(national.count);
    for (const h of only.hits) expect(h.document.region).toEqual({ province: null, city: null, county: null });
  });

  it("role labels in Chinese, document facet by title, every value on request", async () => {
    const r = await search({ q: "科技" });
    expect(r.facets.role.map((f) => f.label).sort()).toEqual(["牵头", "责任", "配合"].sort());
    for (const d of r.facets.document) expect(d.label).not.toMatch(/^[0-9a-f]{16}$/);
    const few = await search({ q: "科技", facetLimit: "2" });
    expect(few.facets.leadUnit.length).toBe(2);
    expect(few.facetSizes.leadUnit).toBeGreaterThan(2);
    const all = await search({ q: "科技", facetLimit: String(few.facetSizes.leadUnit) });
    expect(all.facets.leadUnit.length).toBe(few.facetSizes.leadUnit);
  });

  it("year filter and sorting by date, oldest first and by document", async () => {
    const y = await search({ q: "科技", year: "2017" });
    expect(y.total).toBeGreaterThan(0);
    for (const h of y.hits) expect(h.document.date!.slice(0, 4)).toBe("2017");
    const byDate = await search({ q: "科技", sort: "date" });
    const dates = byDate.hits.map((h) => h.document.date ?? "");
    expect(dates).toEqual([...dates].sort().reverse());
    const asc = await search({ q: "科技", sort: "date-asc", limit: "100" });
    const ascDates = asc.hits.map((h) => h.document.date).filter(Boolean) as string[];
    expect(ascDates).toEqual([...ascDates].sort());
    const rel = await search({ q: "科技" });
    expect(byDate.total).toBe(rel.total);
    const doc = await search({ q: "科技", sort: "document", limit: "50", offset: "10" });
    const docAll = await search({ q: "科技", sort: "document" });
    expect(doc.hits.map((h) => h.measure.id)).toEqual(docAll.hits.slice(10, 60).map((h) => h.measure.id));
    expect((await get("/api/search?sort=newest")).status).toBe(400);
  });
});

describe("/api/units", () => {
  it("pages with offset and a total; units only; twins merged", async () => {
    const first = (await get("/api/units?limit=10")).body;
    expect(first.total).toBeGreaterThan(50);
    const pages: string[] = [];
    for (let offset = 0; offset < first.total; offset += 40) {
      const page = (await get(`/api/units?limit=40&offset=${offset}`)).body;
      expect(page.total).toBe(first.total);
      pages.push(...page.units.map((u: { key: string }) => u.key));
    }
    expect(pages.length).toBe(first.total);
    expect(new Set(pages).size).toBe(first.total);
    const names = (await get(`/api/units?limit=500`)).body.units.map((u: { name: string }) => u.name);
    for (const bad of ["有关部门", "相关区", "各地区", "各部门"]) expect(names).not.toContain(bad);
    for (const n of names) expect(n).not.toMatch(/[，。；、]/);
    // 绵阳银保监分局 and 绵阳银保监局 are one unit; 发展改革委 of national documents is 国家发展改革委.
    const mianyang = (await get(`/api/units?${new URLSearchParams({ city: "绵阳市", limit: "100" })}`)).body;
    const regulator = mianyang.units.filter((u: { names: string[] }) => u.names.some((n) => n.includes("银保监")));
    expect(regulator.length).toBe(1);
    expect(regulator[0].names).toEqual(expect.arrayContaining(["绵阳银保监分局", "绵阳银保监局"]));
    for (const u of mianyang.units) expect(u.key).not.toMatch(/^(攀枝花|山西|平阳)/);
    const ndrc = (await get(`/api/units?${new URLSearchParams({ q: "国家发展改革委", limit: "100" })}`)).body.units;
    expect(ndrc.filter((u: { key: string }) => u.key === "发改委")).toEqual([]);
    const lead = (await get(`/api/units?role=lead&limit=500`)).body;
    expect(lead.total).toBeLessThanOrEqual(first.total);
    for (const u of lead.units) expect(u.lead).toBeGreaterThan(0);
  });
});
