// The units list and the unit page on a real server (npm start on 127.0.0.1, SQLite in a temp dir, the
// shipped corpus and ../shared/corpus-extra): one notion of a unit's measures (list count = page total,
// whichever twin name is asked for), twins merged by data and general forms (中国X / 国务院X with X for a
// listed national body, 投促局 = 投资促进局) but not different bodies, no bare group names, the synonym
// data applied to the name filter, 国家层面 as a place like the search facet, no document ids in names.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORPUS, CORPUS_EXTRA, ROOT } from "./helpers/paths.ts";
import { startServer, type RunningServer } from "./helpers/server.ts";

interface Summary { key: string; name: string; names: string[]; count: number }
interface ListAnswer { total: number; units: Summary[] }

let srv: RunningServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "units-twins-"));
  const env = { ...process.env, DATA_DIR: join(dir, "data") };
  // Lines of a real document (绵阳 2022, measure 5 and the next heading) without its title or place.
  const lines = readFileSync(join(CORPUS, "mianyang-2022-jinrong-shitiao.txt"), "utf8").split("\n");
  writeFileSync(join(dir, "untitled-fragment.txt"), [...lines.slice(71, 78), "", ...lines.slice(81, 84)].join("\n"));
  for (const src of [CORPUS, CORPUS_EXTRA, join(dir, "untitled-fragment.txt")]) execFileSync("npx", ["tsx", "src/cli/main.ts", "ingest", src], { cwd: ROOT, env, stdio: "ignore" });
  srv = await startServer({ DATA_DIR: join(dir, "data") });
}, 300_000);
afterAll(() => {
  srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function list(params: Record<string, string>): Promise<ListAnswer> {
  const r = await fetch(`${srv.base}/api/units?${new URLSearchParams({ limit: "500", ...params })}`);
  expect(r.status).toBe(200);
  return (await r.json()) as ListAnswer;
}

async function pageTotal(name: string): Promise<number> {
  const r = await fetch(`${srv.base}/api/units/${encodeURIComponent(name)}`);
  if (r.status === 404) return 0;
  expect(r.status).toBe(200);
  return ((await r.json()) as { total: number }).total;
}

/** The listed unit that holds `name` among its spellings or as its name (else the only unit the name finds). */
async function unitNamed(name: string): Promise<Summary | undefined> {
  const { units } = await list({ q: name });
  return units.find((u) => u.name === name || u.names.includes(name)) ?? (units.length === 1 ? units[0] : undefined);
}

describe("list and page agree on merged twins", () => {
  for (const pair of [["国家发展改革委", "发展改革委"], ["绵阳银保监分局", "绵阳银保监局"]]) {
    it(`${pair.join(" / ")}: one unit; its list count is the page total for either name`, async () => {
      const u = await unitNamed(pair[0]);
      expect(u).toBeDefined();
      expect(u!.names).toEqual(expect.arrayContaining(pair));
      expect(await pageTotal(pair[0])).toBe(u!.count);
      const other = await unitNamed(pair[1]);
      expect(other?.key).toBe(u!.key);
    });
  }
  it("the 责任清单 of a unit lists the page's measures, whichever twin name is asked for", async () => {
    for (const name of ["绵阳银保监局", "国家发展改革委", "民航局", "济南市投促局"]) {
      const r = await fetch(`${srv.base}/api/units/${encodeURIComponent(name)}/duties?format=csv`);
      expect(r.status).toBe(200);
      const items = (await r.text()).split(/\r?\n/).filter((l) => /^\uFEFF?\d+,/.test(l)).length;
      expect({ name, items }).toEqual({ name, items: await pageTotal(name) });
    }
  });

  it("督办 (/api/tasks?unit=) finds the same tasks under either twin name", async () => {
    const total = async (unit: string) => ((await (await fetch(`${srv.base}/api/tasks?${new URLSearchParams({ unit, limit: "1" })}`)).json()) as { total: number }).total;
    for (const [a, b] of [["民航局", "中国民航局"], ["绵阳银保监局", "绵阳银保监分局"], ["发展改革委", "国家发展改革委"]]) {
      const ta = await total(a);
      expect(ta).toBeGreaterThan(0);
      if (a !== "发展改革委") expect({ b, n: await total(b) }).toEqual({ b, n: ta });
    }
    // 国家发展改革委 takes its twin 发展改革委 of national documents, not every city's 发改委.
    expect(await total("国家发展改革委")).toBeLessThan(await total("发展改革委"));
    expect(await total("国家发展改革委")).toBeGreaterThan(23);
  });

  it("the page for a twin name is the same unit, not a separate smaller one", async () => {
    const u = (await unitNamed("绵阳银保监分局"))!;
    expect(await pageTotal("绵阳银保监局")).toBe(u.count);
  });
});

describe("twins merged by data and by general forms", () => {
  const twins = [
    ["中国银保监会", "银保监会"],
    ["中国证监会", "证监会"],
    ["中国民航局", "民航局"],
    ["国务院国资委", "国资委"],
    ["济南市投资促进局", "济南市投促局"],
    ["国家药品监督管理局医疗器械技术审评检查长三角分中心", "国家药监局医疗器械技术审评检查长三角分中心"],
    ["国家金融监督管理总局山东监管局", "金融监管总局山东监管局"],
    ["国家金融监督管理总局山东监管局", "山东金融监管局"],
  ];
  for (const [a, b] of twins) {
    it(`${a} = ${b}`, async () => {
      const ua = await unitNamed(a);
      const ub = await unitNamed(b);
      expect(ua).toBeDefined();
      expect(ub?.key).toBe(ua!.key);
      expect(await pageTotal(a)).toBe(ua!.count);
    });
  }
  it("does not merge different bodies (a province's 国资委 with the national one; 分局 of different cities)", async () => {
    const { units } = await list({ q: "国资委" });
    const shandong = units.find((u) => u.name === "山东省国资委");
    expect(shandong).toBeDefined();
    expect(shandong!.names).not.toContain("国务院国资委");
    const local = await unitNamed("山东省地方金融监管局");
    expect(local?.names).not.toContain("山东金融监管局");
    const laiwu = await unitNamed("莱芜银保监分局");
    const mianyang = await unitNamed("绵阳银保监分局");
    expect(laiwu && mianyang && laiwu.key !== mianyang.key).toBe(true);
  });
});

describe("what is listed and how it is found", () => {
  it("lists no bare group without a name of its own (领导小组, 领导小组办公室)", async () => {
    const { units } = await list({});
    const names = units.map((u) => u.name);
    expect(names.length).toBeGreaterThan(100);
    expect(names).not.toContain("领导小组");
    expect(names).not.toContain("领导小组办公室");
    expect(names).toContain("国家科技体制改革和创新体系建设领导小组");
  });

  it("the name filter applies the synonym data as search does (科技局 finds 科技和知识产权局)", async () => {
    const names = (await list({ q: "科技局" })).units.map((u) => u.name);
    expect(names).toEqual(expect.arrayContaining(["攀枝花市科技和知识产权局", "绵阳市科技局"]));
    expect(await pageTotal("科技局")).toBeGreaterThanOrEqual((await list({ q: "科技局" })).units.reduce((s, u) => Math.max(s, u.count), 0));
  });

  it("province=国家层面 lists the national bodies, as the search facet places them", async () => {
    const facet = await (await fetch(`${srv.base}/api/search?province=${encodeURIComponent("国家层面")}&limit=1`)).json() as { total: number };
    expect(facet.total).toBeGreaterThan(0);
    const { total, units } = await list({ province: "国家层面" });
    expect(total).toBeGreaterThan(10);
    const names = units.map((u) => u.name);
    expect(names).toContain("国家发展改革委");
    expect(names).not.toContain("绵阳市科技局");
  });

  it("names a unit of an untitled, unplaced document by the file name, never by a document id", async () => {
    const { units } = await list({ q: "市财政局" });
    const all = units.flatMap((u) => [u.name, ...u.names]);
    expect(all.filter((n) => /文件[0-9a-f]{16}/.test(n))).toEqual([]);
    const u = units.find((x) => x.name === "市财政局（地区未识别：untitled-fragment.txt）");
    expect(u).toBeDefined();
    // Its page and 责任清单 answer under the name the list shows.
    const r = await fetch(`${srv.base}/api/units/${encodeURIComponent(u!.name)}`);
    expect(r.status).toBe(200);
    const page = (await r.json()) as { total: number; units: Summary[] };
    expect(page.total).toBe(u!.count);
    expect(page.units.map((x) => x.name)).toEqual([u!.name]);
    const csv = await (await fetch(`${srv.base}/api/units/${encodeURIComponent(u!.name)}/duties?format=csv`)).text();
    expect(csv.split(/\r?\n/).filter((l) => /^\uFEFF?\d+,/.test(l)).length).toBe(u!.count);
  });
});
