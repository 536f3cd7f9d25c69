// The page as a new user meets it (third review), in a real browser against `npm start` on the shipped
// corpus plus one untitled document of ../shared/corpus-extra: no-result suggestions read once each and
// keep the filters chosen; a comparison cell shows no empty highlight and names an untitled document;
// another view that is slow to answer says it is loading instead of leaving the last view under its name.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { ARTIFACTS, EXTRA, TOKEN, useBrowser } from "./helpers/browser.ts";
import { uploadFile } from "./helpers/server.ts";

const session = useBrowser();

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
    await uploadFile(srv, join(EXTRA, "06_shanghai-2015-kechuang-zhongxin.txt"), TOKEN);
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
