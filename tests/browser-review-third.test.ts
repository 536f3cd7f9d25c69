// The page as a new user meets it (third review), in a real browser against `npm start` on the shipped
// corpus plus an untitled and a national document of ../shared/corpus-extra: no-result suggestions read once each and
// keep the filters chosen; a measure and its similar measures name documents as search does; a comparison cell shows no empty highlight and names an untitled document;
// another view that is slow to answer says it is loading instead of leaving the last view under its name.
import { beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { ARTIFACTS, EXTRA, TOKEN, useBrowser } from "./helpers/browser.ts";
import { uploadFile } from "./helpers/server.ts";

const session = useBrowser();

// An untitled document (a page saved without its heading) and a national one, uploaded once for the file.
beforeAll(async () => {
  for (const f of ["06_shanghai-2015-kechuang-zhongxin.txt", "34_guojia-2016-keji-chengguo-zhuanyi-zhuanhua.txt"]) await uploadFile(session.srv, join(EXTRA, f), TOKEN);
}, 120_000);

describe("no results", () => {
  it("each suggestion is one line that says what it is once; its link keeps the filters chosen", async () => {
    const { page, srv } = session;
    await page.goto("about:blank");
    await page.goto(`${srv.base}/#/search?q=${encodeURIComponent("科技金龙")}&province=${encodeURIComponent("四川省")}`);
    const items = page.locator(".did-you-mean li");
    await items.first().waitFor();
    const texts = await items.allInnerTexts();
    expect(texts.length).toBeGreaterThan(1);
    for (const t of texts) expect(t.match(/您是不是要找/g)?.length ?? 0, t).toBeLessThanOrEqual(1);
    expect(await page.locator(".did-you-mean").innerText()).not.toContain("您是不是要找：您是不是要找");
    const href = (await items.first().locator("a").getAttribute("href"))!;
    const params = new URLSearchParams(href.split("?")[1]);
    expect(params.get("province")).toBe("四川省");
    // Followed, it finds what its count says.
    const promised = Number(/（(\d+) 条）/.exec(texts[0])?.[1]);
    await items.first().locator("a").click();
    await page.waitForSelector("article.card");
    expect(await page.locator("#summary").innerText()).toContain(`共 ${promised} 条`);
    await page.screenshot({ path: join(ARTIFACTS, "browser-review-third-suggestions.png") });
  });
});

describe("comparison", () => {
  it("no empty highlight where the excerpt's words were all in the title; an untitled document is named by its file", async () => {
    const { page, srv } = session;
    await page.goto("about:blank");
    await page.goto(`${srv.base}/#/compare?q=${encodeURIComponent("科技支行")}`);
    await page.waitForSelector("table.compare tbody tr");
    // 攀枝花's 建立科技银行 ends the title; the excerpt after it began with that mark, emptied.
    expect(await page.locator("table.compare mark").evaluateAll((ms) => ms.filter((m) => !m.textContent).length)).toBe(0);
    const places = await page.locator("table.compare tbody td:first-child").allInnerTexts();
    const shanghai = places.find((t) => t.startsWith("上海市"));
    expect(shanghai).toContain("未命名文件（06_shanghai-2015-kechuang-zhongxin.txt）");
    await page.screenshot({ path: join(ARTIFACTS, "browser-review-third-compare.png") });
  });
});

describe("comparing a misspelt term", () => {
  it("担抱 finds nothing to compare: no empty table to export, and 对比“担保” one click away", async () => {
    const { page, srv } = session;
    await page.goto("about:blank");
    await page.goto(`${srv.base}/#/compare?q=${encodeURIComponent("担抱")}`);
    await page.waitForSelector("p.empty:has-text('没有找到可对比的措施')");
    const retry = page.locator(".did-you-mean li a").first();
    await retry.waitFor();
    expect(await retry.innerText()).toBe("对比“担保”");
    expect(await page.locator("[data-download]").count()).toBe(0);
    await retry.click();
    await page.waitForSelector("table.compare tbody tr");
    expect(await page.locator("h1").innerText()).toContain("担保");
  });
});

describe("a measure and its similar measures", () => {
  it("name a document as search does: 未命名文件（file name） without a title, 国家层面 without a place (not an empty name, not 未注明地区)", async () => {
    const { page, srv } = session;
    const hits = async (q: string) => (await (await fetch(`${srv.base}/api/search?${new URLSearchParams({ q, limit: "100" })}`)).json()).hits as { measure: { id: string }; document: { title: string | null; region: { province: string | null }; scope?: string } }[];
    const all = await hits("科技成果转化");
    const untitled = all.find((h) => !h.document.title)!;
    const national = all.find((h) => h.document.scope === "国家层面")!;
    expect(untitled && national).toBeTruthy();
    await page.goto("about:blank");
    await page.goto(`${srv.base}/#/measure/${encodeURIComponent(untitled.measure.id)}`);
    await page.waitForSelector("h2:has-text('全文')");
    expect(await page.locator(".crumbs a").first().innerText()).toBe("未命名文件（06_shanghai-2015-kechuang-zhongxin.txt）");
    await page.goto("about:blank"); // a hash change would keep the last measure's page until the answer comes
    await page.goto(`${srv.base}/#/measure/${encodeURIComponent(national.measure.id)}`);
    await page.waitForSelector("h2:has-text('全文')");
    expect(await page.locator("h1 + p.meta").innerText()).toMatch(/^国家层面 · /);
    // Measures whose similar lists hold an untitled document, and a placeless one.
    const seen = { untitled: false, national: false };
    for (const h of all) {
      if (seen.untitled && seen.national) break;
      const sim = await (await fetch(`${srv.base}/api/measures/${encodeURIComponent(h.measure.id)}/similar?limit=8`)).json();
      const docs = sim.similar.map((x: { document: { title: string | null; region: { province: string | null } } }) => x.document);
      const has = { untitled: docs.some((d: { title: string | null }) => !d.title), national: docs.some((d: { region: { province: string | null } }) => !d.region.province) };
      if (!(has.untitled && !seen.untitled) && !(has.national && !seen.national)) continue;
      await page.goto("about:blank");
      await page.goto(`${srv.base}/#/measure/${encodeURIComponent(h.measure.id)}`);
      await page.waitForSelector("#similar-list li");
      const metas = await page.locator("#similar-list li .meta").allInnerTexts();
      for (const m of metas) {
        expect(m).not.toContain("未注明地区");
        expect(m).not.toMatch(/ · {1,2}· /);
      }
      if (has.untitled) expect(metas.some((m) => m.includes("未命名文件（"))).toBe(true);
      if (has.national) expect(metas.some((m) => /^(国家层面|地区未识别) · /.test(m))).toBe(true);
      seen.untitled ||= has.untitled;
      seen.national ||= has.national;
    }
    expect(seen).toEqual({ untitled: true, national: true });
    await page.screenshot({ path: join(ARTIFACTS, "browser-review-third-similar.png"), fullPage: true });
  });
});

describe("the units list on a phone", () => {
  it("at 390 px its headers 牵头/配合/责任 stay on one line (were 牵 over 头)", async () => {
    const { srv, browser } = session;
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    try {
      await phone.goto(`${srv.base}/#/units`);
      await phone.waitForSelector("table.units tbody tr");
      // Lines each header's text takes (a cell's height is its row's, not its text's).
      const lines = await phone.$$eval("table.units thead th", (ths) =>
        ths.map((th) => {
          const r = document.createRange();
          r.selectNodeContents(th);
          return [th.textContent!.trim(), new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size] as const;
        }),
      );
      for (const [name, n] of lines.filter(([t]) => ["牵头", "配合", "责任"].includes(t))) expect(n, name).toBe(1);
      // The page itself does not scroll sideways.
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await phone.screenshot({ path: join(ARTIFACTS, "browser-review-third-units-phone.png") });
    } finally {
      await phone.close();
    }
  });
});

describe("changing view", () => {
  it("a slow view says 正在载入… instead of leaving the last view under the new section's name", async () => {
    const { page, srv } = session;
    await page.goto("about:blank");
    await page.goto(`${srv.base}/#/tasks`);
    await page.waitForSelector("h1:has-text('督办')");
    // The topics answer held back 2 seconds (a comparison worker's first answer can take that long).
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route("**/api/topics", async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.evaluate(() => (location.hash = "#/topics"));
      await page.waitForSelector("#view .loading", { timeout: 2000 });
      expect(await page.locator("#view h1:has-text('督办')").count()).toBe(0);
      expect(await page.locator("#view").getAttribute("aria-busy")).toBe("true");
    } finally {
      release();
    }
    await page.waitForSelector("h1:has-text('主题（')");
    expect(await page.locator("#view").getAttribute("aria-busy")).toBeNull();
    await page.unroute("**/api/topics");
    // A view that answers at once is not replaced by the notice (search to search keeps its page).
    await page.goto(`${srv.base}/#/search?q=${encodeURIComponent("担保")}`);
    await page.waitForSelector("article.card");
    expect(await page.locator("#view .loading").count()).toBe(0);
  });
});
