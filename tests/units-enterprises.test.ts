// Named enterprises in the units list (GET /api/units, the page's 单位 view), on a real server (npm start on
// 127.0.0.1, the shipped corpus): a company or financial institution written short that extraction read
// in a role (绵阳 2022: "①华西证券为牵头单位", "配合单位:市商行、市农商行、坤泰担保") is listed like any
// body, with the counts its own unit page gives; kinds of institution (融资担保, 风险补偿基金), generic
// groups and sentences are still never listed (issue 16, item 3). The form: docs/labelling.md, Units.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { looksLikeUnit } from "../index/search/unit-list.ts";
import { startServer, type RunningServer } from "./helpers/server.ts";

interface Summary { key: string; name: string; names: string[]; count: number; lead: number; coop: number; responsible: number }
interface ListAnswer { total: number; units: Summary[] }

describe("what looks like a unit", () => {
  it("a named enterprise or financial institution written short is a unit", () => {
    for (const name of ["华西证券", "坤泰担保", "中信建投证券", "泰康保险", "绵阳市融资担保有限公司", "上港集团"]) expect(looksLikeUnit(name), name).toBe(true);
  });
  it("a kind of institution, a generic group or a sentence is not", () => {
    for (const name of ["融资担保", "政府性融资担保", "风险补偿基金", "产业投资基金", "科技保险", "省再担保", "市县担保", "国家担保", "各商业银行", "各财产保险公司", "有关部门", "相关区", "各省(区、市)政府要建立省级政府办公厅", "证券", "担保"])
      expect(looksLikeUnit(name), name).toBe(false);
  });
});

describe("the units list on a real server", () => {
  let srv: RunningServer;
  let listed: Summary[];
  beforeAll(async () => {
    srv = await startServer();
    const r = await fetch(`${srv.base}/api/units?limit=500`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as ListAnswer;
    expect(body.units.length).toBe(body.total);
    listed = body.units;
  }, 300_000);
  afterAll(() => srv?.stop());

  async function page(name: string): Promise<{ total: number }> {
    const r = await fetch(`${srv.base}/api/units/${encodeURIComponent(name)}`);
    expect(r.status).toBe(200);
    return (await r.json()) as { total: number };
  }

  it("华西证券 (lead of 2 measures) and 坤泰担保 (coop) are listed with their page's counts", async () => {
    const hx = listed.find((u) => u.name === "华西证券");
    expect(hx).toMatchObject({ lead: 2 });
    expect((await page("华西证券")).total).toBe(hx!.count);
    const kt = listed.find((u) => u.name === "坤泰担保");
    expect(kt?.coop).toBeGreaterThan(0);
    expect((await page("坤泰担保")).total).toBe(kt!.count);
    const r = await fetch(`${srv.base}/api/units?${new URLSearchParams({ q: "华西证券", role: "lead" })}`);
    expect(((await r.json()) as ListAnswer).units.map((u) => u.name)).toContain("华西证券");
  });

  it("no generic group, kind of institution or sentence is listed", () => {
    const names = listed.map((u) => u.name);
    expect(names.filter((n) => /^(各|有关|相关|其他)/.test(n) || /[，。；：、]/.test(n))).toEqual([]);
    expect(names).not.toContain("各商业银行");
    expect(names).not.toContain("领导小组办公室");
  });
});
