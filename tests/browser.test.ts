// The web page in a real browser, reading: search from the keyboard, filters, comparison, the skip link,
// paging, a phone screen, query understanding (editing, and the units page over the uploaded documents:
// browser-edit.test.ts).
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { ARTIFACTS, EXTRA, TOKEN, useBrowser } from "./helpers/browser.ts";
import { uploadFile } from "./helpers/server.ts";

const session = useBrowser();

describe("web page", () => {
  it("search from the keyboard, open a measure, open a unit", async () => {
    await session.page.goto(session.srv.base);
    await session.page.keyboard.press("/");
    expect(await session.page.evaluate(() => document.activeElement?.id)).toBe("q");
    await session.page.keyboard.type("风险补偿");
    await session.page.keyboard.press("Enter");
    // The answer to this query, not the cards of the page's first (empty-query) view.
    await session.page.waitForSelector(".summary:has-text('风险补偿')");
    await session.page.waitForSelector("article.card");
    const cards = session.page.locator("article.card");
    expect(await cards.count()).toBeGreaterThanOrEqual(4);
    expect(await session.page.locator(".summary").innerText()).toContain("风险补偿");
    expect(await cards.first().locator("mark").first().innerText()).toBe("风险补偿");
    expect(await session.page.locator("article.card .badge.lead").count()).toBeGreaterThan(0);
    await session.page.screenshot({ path: join(ARTIFACTS, "browser-search.png"), fullPage: false });

    // Keyboard only: from the search box the first result's link is at most 3 Tabs away; Enter opens it.
    await session.page.locator("#q").focus();
    let tabs = 0;
    while (tabs < 3 && !(await session.page.evaluate(() => document.activeElement?.matches("article.card h3 a")))) {
      await session.page.keyboard.press("Tab");
      tabs++;
    }
    expect(await session.page.evaluate(() => document.activeElement?.matches("article.card h3 a"))).toBe(true);
    await session.page.keyboard.press("Enter");
    await session.page.waitForSelector("h2:has-text('全文')");
    const heading = await session.page.locator("h1").innerText();
    expect(heading).toMatch(/^\S+ /);
    expect(await session.page.locator(".crumbs a").count()).toBe(1);
    await session.page.screenshot({ path: join(ARTIFACTS, "browser-measure.png") });

    // A unit of the measure: what else that bureau has to do.
    await session.page.locator(".badges a.badge").first().click();
    await session.page.waitForSelector("text=牵头");
    await session.page.waitForSelector("table.grid");
    expect(await session.page.locator("h1").innerText()).toMatch(/局|厅|行|办|委/);
    expect(await session.page.locator(".downloads button[data-download]").count()).toBe(5);
    await session.page.screenshot({ path: join(ARTIFACTS, "browser-unit.png"), fullPage: true });
  });

  it("filters narrow the results and the document view lists the tree", async () => {
    await session.page.goto(`${session.srv.base}/#/search?q=${encodeURIComponent("科技")}`);
    await session.page.waitForSelector(".summary:has-text('科技')");
    await session.page.waitForSelector("article.card");
    const before = Number((await session.page.locator(".summary").innerText()).match(/共 (\d+) 条/)![1]);
    await session.page.locator("button[data-facet=province]", { hasText: "山西省" }).click();
    await session.page.waitForFunction((n) => {
      const m = document.querySelector(".summary")?.textContent?.match(/共 (\d+) 条/);
      return m && Number(m[1]) < n;
    }, before);
    for (const meta of await session.page.locator("article.card > div.meta").allInnerTexts()) expect(meta).toContain("山西省");
    await session.page.locator("article.card > div.meta a").first().click();
    await session.page.waitForSelector("ul.outline");
    expect(await session.page.locator("ul.outline li.m a").count()).toBe(16);
    expect(await session.page.locator(".doc-text .blk.measure").count()).toBe(16);
    expect(await session.page.locator("section.assignments button[data-format]").count()).toBe(5);
    await session.page.screenshot({ path: join(ARTIFACTS, "browser-document.png") });
  });

  it("every measure leads to the comparison of places", async () => {
    await session.page.goto(`${session.srv.base}/#/compare?q=${encodeURIComponent("不良贷款容忍度")}`);
    await session.page.waitForSelector("table.compare");
    const text = await session.page.locator("table.compare").innerText();
    for (const p of ["绵阳市", "平阳县", "山西省"]) expect(text).toContain(p);
    expect(text).toContain("未量化");
    // A row's excerpt does not repeat the title shown above it.
    const repeats = await session.page.locator("table.compare tr:has(.snippet)").evaluateAll((trs) =>
      trs.filter((tr) => {
        const cell = tr.querySelector(".snippet")!.parentElement!;
        const title = [...cell.childNodes].filter((n) => n.nodeName !== "A" && n.nodeName !== "DIV").map((n) => n.textContent).join("").trim();
        return title && tr.querySelector(".snippet")!.textContent!.trim().startsWith(title);
      }).length,
    );
    expect(repeats).toBe(0);
    await session.page.screenshot({ path: join(ARTIFACTS, "browser-compare.png"), fullPage: true });
    await session.page.locator("table.compare td a").first().click();
    await session.page.waitForSelector("#similar li");
    await session.page.locator("a.btn", { hasText: "对比其他地方的做法" }).click();
    await session.page.waitForSelector("table.compare");
    expect(await session.page.locator("table.compare tr").count()).toBeGreaterThan(2);
    await session.page.goto(`${session.srv.base}/#/topics`);
    // The topics view itself (a hash change keeps the previous view until the answer arrives).
    await session.page.waitForSelector("h1:has-text('主题（')");
    await session.page.waitForSelector("table.grid a");
    await session.page.locator("table.grid a").first().click();
    await session.page.waitForSelector("table.compare");
  });

  it("the skip link moves focus to the content and keeps the search", async () => {
    await session.page.goto("about:blank");
    await session.page.goto(`${session.srv.base}/#/search?q=${encodeURIComponent("担保")}`);
    await session.page.waitForSelector(".summary:has-text('担保')");
    const before = session.page.url();
    // The skip link is a freshly loaded page's first Tab stop.
    await session.page.keyboard.press("Tab");
    expect(await session.page.evaluate(() => document.activeElement?.className)).toBe("skip");
    await session.page.keyboard.press("Enter");
    expect(await session.page.evaluate(() => document.activeElement?.id)).toBe("main");
    expect(session.page.url()).toBe(before);
    expect(await session.page.locator(".summary").innerText()).toContain("担保");
    expect(await session.page.locator("article.card").count()).toBeGreaterThan(0);
  });

  it("paging moves focus to the first new result; a year is one chip, roles read in Chinese", async () => {
    await session.page.goto(`${session.srv.base}/#/search?q=${encodeURIComponent("科技")}`);
    await session.page.waitForSelector(".summary:has-text('科技')");
    const first = await session.page.locator("article.card h3 a").first().innerText();
    await session.page.locator(".pager button", { hasText: "下一页" }).click();
    await session.page.waitForFunction((t) => document.activeElement?.matches("article.card h3 a") && document.activeElement.textContent !== t, first);
    // Scrolled into view, not hidden under the sticky header.
    expect(await session.page.evaluate(() => {
      const r = document.activeElement!.getBoundingClientRect();
      return document.elementFromPoint(r.left + 4, r.top + r.height / 2)?.closest("article.card h3 a") === document.activeElement;
    })).toBe(true);
    await session.page.locator("button[data-facet=leadUnit]").first().click();
    await session.page.waitForSelector(".conditions button[data-clear=role]");
    expect(await session.page.locator(".conditions button[data-clear=role]").innerText()).toBe("牵头 ✕");
    await session.page.locator("button[data-facet=year]").first().click();
    const yearChip = session.page.locator(".conditions button.chip-x", { hasText: "年 ✕" });
    await yearChip.waitFor();
    // unit, role and the year: three chips, the year one of them.
    expect(await session.page.locator(".conditions button[data-clear]").count()).toBe(3);
    expect(await yearChip.innerText()).toMatch(/^\d{4}年 ✕$/);
  });

  it("paging the units and the tasks lists moves focus to the first new row, clear of the sticky header", async () => {
    const page = session.page;
    // More than one page of units (50): two documents with many bodies besides the shipped corpus.
    for (const f of ["09_shandong-2024-keji-chuangxin-chanyelian.txt", "31_qingdao-2023-gongye-hulianwang-pingtai.txt"]) await uploadFile(session.srv, join(EXTRA, f), TOKEN);
    expect((await (await fetch(`${session.srv.base}/api/units?limit=1`)).json()).total).toBeGreaterThan(50);
    expect((await (await fetch(`${session.srv.base}/api/tasks?limit=1`)).json()).total).toBeGreaterThan(100);
    for (const [hash, summary, row] of [["#/units", "#units-summary", "table.units tbody a"], ["#/tasks?scope=all", "#tasks-summary", "table.tasks tbody a"]]) {
      await page.goto("about:blank");
      await page.goto(`${session.srv.base}/${hash}`);
      await page.waitForSelector(summary);
      const first = await page.locator(row).first().innerText();
      await page.locator(".pager button", { hasText: "下一页" }).click();
      await page.waitForFunction(([sel, t]) => document.activeElement?.matches(sel) && document.activeElement.textContent !== t, [row, first] as const);
      // The focused link is the topmost thing at its place, not under the header.
      expect(await page.evaluate(() => {
        const r = document.activeElement!.getBoundingClientRect();
        return r.top >= 0 && document.elementFromPoint(r.left + 2, r.top + r.height / 2)?.closest("a") === document.activeElement;
      }), hash).toBe(true);
    }
  });

  it("works on a 390 px wide phone", async () => {
    const phone = await session.browser.newPage({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    await phone.goto(`${session.srv.base}/#/search?q=${encodeURIComponent("风险补偿")}`);
    await phone.waitForSelector(".summary:has-text('风险补偿')");
    await phone.waitForSelector("article.card");
    // Nothing wider than the screen: no sideways scrolling of the session.page.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const card = await phone.locator("article.card").first().boundingBox();
    expect(card!.width).toBeLessThanOrEqual(390);
    // The filters follow the results here; one button at the top moves there.
    await phone.locator("button.to-filters").click();
    expect(await phone.evaluate(() => document.activeElement?.matches("aside.filters h2"))).toBe(true);
    const top = await phone.evaluate(() => document.activeElement!.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(844);
    // Not shown on a wide screen (the filters are beside the results there).
    await session.page.goto(`${session.srv.base}/#/search?q=${encodeURIComponent("风险补偿")}`);
    await session.page.waitForSelector("article.card");
    expect(await session.page.locator("button.to-filters").count()).toBe(1);
    expect(await session.page.locator("button.to-filters").isVisible()).toBe(false);
    await phone.screenshot({ path: join(ARTIFACTS, "browser-phone-390.png"), fullPage: false });
    // Wide tables (the document library, a comparison) become one card per row, each cell named by its column,
    // instead of columns one character wide.
    for (const [hash, table, label] of [["#/docs", "table.docs", "发文机关"], [`#/compare?q=${encodeURIComponent("不良贷款容忍度")}`, "table.compare", "牵头单位"]]) {
      await phone.goto(`${session.srv.base}/${hash}`);
      await phone.waitForSelector(`${table} td`);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const widths = await phone.locator(`${table} td`).evaluateAll((tds) => tds.filter((td) => td.getBoundingClientRect().height > 0).map((td) => td.getBoundingClientRect().width));
      expect(Math.min(...widths), hash).toBeGreaterThan(300);
      expect(await phone.locator(`${table} td[data-label="${label}"]`).count(), hash).toBeGreaterThan(0);
    }
    await phone.screenshot({ path: join(ARTIFACTS, "browser-phone-390-compare.png"), fullPage: false });
    await phone.close();
  });

  it("督办: the window of 'due soon' is chosen (7 … 90 days) and kept in the address; the summary and the export follow it", async () => {
    const api = async (days: number) => (await (await fetch(`${session.srv.base}/api/tasks/overview?days=${days}`)).json()) as { overdue: number; dueSoon: number };
    await session.page.goto(`${session.srv.base}/#/tasks?days=7`);
    const summary = session.page.locator("#tasks-summary");
    await summary.waitFor();
    const seven = await api(7);
    expect(await summary.innerText()).toContain(`已逾期 ${seven.overdue} 项、7 日内到期 ${seven.dueSoon} 项`);
    expect(await session.page.locator("#t-days").inputValue()).toBe("7");
    expect(await session.page.locator("button[data-download]").first().getAttribute("data-download")).toContain("days=7");
    await session.page.locator("#t-days").selectOption("90");
    await session.page.locator("#tasks-form button", { hasText: "查看" }).click();
    await session.page.waitForFunction(() => location.hash.includes("days=90") && document.querySelector("#tasks-summary")?.textContent?.includes("90 日内到期"));
    const ninety = await api(90);
    expect(await summary.innerText()).toContain(`90 日内到期 ${ninety.dueSoon} 项`);
  });

  it("two places that do not nest: the line under the box says either place; undoing one chip keeps the other", async () => {
    await session.page.goto(`${session.srv.base}/#/search?q=${encodeURIComponent("绵阳 平阳")}`);
    await session.page.waitForSelector(".summary:has-text('绵阳 平阳')");
    const chips = session.page.locator(".conditions .understood");
    await chips.first().waitFor();
    expect(await chips.allInnerTexts()).toEqual([expect.stringContaining("按地区：绵阳市（或平阳县，任一地区的措施）"), expect.stringContaining("按地区：平阳县（或绵阳市，任一地区的措施）")]);
    const places = new Set((await session.page.locator("article.card > div.meta").allInnerTexts()).map((m) => (m.includes("平阳县") ? "平阳县" : m.includes("绵阳市") ? "绵阳市" : m)));
    expect([...places].sort()).toEqual(["平阳县", "绵阳市"].sort());
    // Undo 平阳 only: 绵阳 stays the filter.
    await chips.filter({ hasText: "按地区：平阳县" }).locator("button", { hasText: "撤销" }).click();
    await session.page.waitForFunction(() => location.hash.includes("noPlace=") && document.querySelectorAll(".conditions .understood").length === 1);
    expect(await chips.first().innerText()).toContain("按地区：绵阳市");
    expect(await chips.first().innerText()).not.toContain("平阳县");
    expect(await session.page.locator(".summary").innerText()).toContain("绵阳 平阳");
    await session.page.screenshot({ path: join(ARTIFACTS, "browser-two-places.png") });
  });

  it("query understanding shows what it did with one-click undo; the region tree filters; a pasted paragraph keeps the filters", async () => {
    await session.page.goto(`${session.srv.base}/#/search?q=${encodeURIComponent("担保 绵阳")}`);
    await session.page.waitForSelector(".summary:has-text('担保 绵阳')");
    const step = session.page.locator(".conditions .understood", { hasText: "按地区：绵阳市" });
    await step.waitFor();
    for (const meta of await session.page.locator("article.card > div.meta").allInnerTexts()) expect(meta).toContain("绵阳市");
    // Still two Tabs to the toolbar and three to the first result.
    await session.page.locator("#q").focus();
    for (let i = 0; i < 3; i++) await session.page.keyboard.press("Tab");
    expect(await session.page.evaluate(() => document.activeElement?.matches("article.card h3 a"))).toBe(true);
    // Undo: the same words searched without the place filter.
    await step.locator("button", { hasText: "撤销" }).click();
    await session.page.waitForFunction(() => location.hash.includes("noRegion=1") && !document.querySelector(".conditions .understood")?.textContent?.includes("按地区"));
    expect(await session.page.locator(".summary").innerText()).toContain("担保 绵阳");

    // A 文号 typed into the search box (any brackets) finds its document first.
    await session.page.locator("#q").fill("攀办发[2016]22号");
    await session.page.keyboard.press("Enter");
    await session.page.waitForSelector(".summary:has-text('攀办发[2016]22号')");
    await session.page.waitForSelector("article.card.doc-hit");
    expect(await session.page.locator("article.card").first().innerText()).toContain("攀枝花市知识产权质押融资试点工作方案");
    expect(await session.page.locator(".conditions .understood").first().innerText()).toContain("按文号");

    // The region tree: a province, then a city under it.
    await session.page.goto(`${session.srv.base}/#/search?q=${encodeURIComponent("科技")}`);
    await session.page.waitForSelector(".summary:has-text('科技')");
    // A long facet list shows its first entries; "更多" opens the rest in place.
    const more = session.page.locator("aside.filters button[data-more]").first();
    const list = session.page.locator("aside.filters ul.facet:has(+ button[data-more])").first();
    const hidden = await list.locator(":scope > li.more").count();
    expect(hidden).toBeGreaterThan(0);
    expect(await list.locator(":scope > li:visible").count()).toBe(8);
    await more.click();
    expect(await list.locator(":scope > li:visible").count()).toBe(8 + hidden);
    expect(await more.getAttribute("aria-expanded")).toBe("true");
    const sichuan = session.page.locator(".facet.tree > li", { hasText: "四川省" }).first();
    await sichuan.locator("details > summary").click();
    await sichuan.locator(".facet.sub button[data-facet=city]", { hasText: "攀枝花市" }).click();
    await session.page.waitForSelector(".conditions button[data-clear=city]");
    for (const meta of await session.page.locator("article.card > div.meta").allInnerTexts()) expect(meta).toContain("攀枝花市");

    // A long pasted paragraph: searched by its distinctive terms (and says so); the place filter stays.
    const paragraph = "各地要建立健全科技型中小企业贷款风险补偿机制，鼓励银行业金融机构加大对科技型中小企业的信贷支持，完善知识产权质押融资服务体系，推动融资担保机构为科技企业提供担保服务。".repeat(8);
    await session.page.locator("#q").fill(paragraph);
    await session.page.keyboard.press("Enter");
    await session.page.waitForSelector(".conditions .understood:has-text('最有区分度的词')");
    expect(await session.page.locator(".conditions button[data-clear=city]").innerText()).toContain("攀枝花市");
    expect(await session.page.locator(".summary").innerText()).toMatch(/共 \d+ 条/);
    expect(await session.page.locator(".error").count()).toBe(0);

    // A query of common characters only is not searched: the summary says so.
    await session.page.locator("#q").fill("的");
    await session.page.keyboard.press("Enter");
    await session.page.waitForSelector(".summary:has-text('“的”')");
    expect(await session.page.locator(".summary").innerText()).toContain("检索词只有常用字或符号，未按词筛选");
  });
});
