// The page as a new user meets it (second review), in a real browser against `npm start` on the shipped
// corpus: no script or console error on any view; the navigation marks only the section shown (screen
// readers announce it as the current page); the 督办 table keeps each column readable at 1366 px and names
// each cell on a phone; an upload from which no measure was read says so; an upload with the 文号 of a
// document already in the library points to it, and that document's page takes a new version (replace).
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ARTIFACTS, EXTRA, TOKEN, useBrowser } from "./helpers/browser.ts";
import { uploadFile } from "./helpers/server.ts";
import { SHARED } from "./helpers/paths.ts";

const session = useBrowser();

/** Console errors, page errors and failed requests while `run` goes. */
async function watch(page: Page, run: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const onConsole = (m: { type(): string; text(): string }) => m.type() === "error" && seen.push(`console: ${m.text()} @${page.url()}`);
  const onError = (e: Error) => seen.push(`pageerror: ${e.message} @${page.url()}`);
  const onResponse = (r: { status(): number; url(): string }) => r.status() >= 400 && seen.push(`http ${r.status()} ${r.url()}`);
  page.on("console", onConsole);
  page.on("pageerror", onError);
  page.on("response", onResponse);
  try {
    await run();
  } finally {
    page.off("console", onConsole);
    page.off("pageerror", onError);
    page.off("response", onResponse);
  }
  return seen;
}

const current = (page: Page) => page.locator(".links a[aria-current]").allInnerTexts();

describe("every view, watched", () => {
  it("no script or console error; the navigation marks the section shown and no other", async () => {
    const { page, srv } = session;
    const search = await (await fetch(`${srv.base}/api/search?q=${encodeURIComponent("风险补偿")}&limit=1`)).json();
    const hit = search.hits[0];
    const views: [string, string, string[]][] = [
      [`#/search?q=${encodeURIComponent("担保 绵阳")}`, "article.card", []],
      [`#/measure/${encodeURIComponent(hit.measure.id)}`, "h2:has-text('全文')", []],
      ["#/docs", "table.docs", ["文件"]],
      [`#/doc/${hit.document.id}`, "h1", ["文件"]],
      ["#/units", "table.units", ["单位"]],
      [`#/unit/${encodeURIComponent("市财政局")}`, "table.grid", ["单位"]],
      ["#/tasks", "#tasks-summary", ["督办"]],
      [`#/compare?q=${encodeURIComponent("科技支行")}`, "table.compare", ["对比"]],
      ["#/topics", "h1:has-text('主题')", ["对比"]],
    ];
    const errors = await watch(page, async () => {
      for (const [hash, ready, nav] of views) {
        await page.goto("about:blank");
        await page.goto(`${srv.base}/${hash}`);
        await page.waitForSelector(ready);
        expect(await current(page), hash).toEqual(nav);
      }
      await page.goto(`${srv.base}/api/docs`);
      await page.waitForSelector("details.op");
    });
    expect(errors).toEqual([]);
  });
});

describe("督办", () => {
  it("at 1366 px no column is squeezed to one character a line; on a phone each cell of a card names its column", async () => {
    const { page, srv } = session;
    await page.goto("about:blank");
    await page.goto(`${srv.base}/#/tasks`);
    await page.waitForSelector("table.tasks tbody tr");
    // A header of four characters at 16 px is about 64 px wide on one line; one character a line is ~16 px.
    const widths = await page.$$eval("table.tasks thead th", (ths) => ths.map((th) => [th.textContent!.trim(), th.getBoundingClientRect().width, th.getBoundingClientRect().height] as const));
    for (const [name, width, height] of widths) {
      expect(width, name).toBeGreaterThan(name.replace(/[↑↓\s]/g, "").length * 13);
      expect(height, name).toBeLessThan(60);
    }
    await page.screenshot({ path: join(ARTIFACTS, "browser-review-tasks.png") });

    const phone = await session.browser.newPage({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    await phone.goto(`${srv.base}/#/tasks`);
    await phone.waitForSelector("table.tasks tbody tr");
    const labels = await phone.$$eval("table.tasks tbody tr:first-child td", (tds) => tds.map((td) => td.getAttribute("data-label")));
    expect(labels.slice(1).every(Boolean)).toBe(true);
    expect(labels).toContain("进展情况");
    expect(labels).toContain("完成时限"); // a sort button's arrow is not part of the name
    await phone.screenshot({ path: join(ARTIFACTS, "browser-review-tasks-phone.png") });
    await phone.close();
  });
});

describe("upload", () => {
  it("a file from which no measure was read says so beside what was read", async () => {
    const { page, srv } = session;
    await page.goto("about:blank");
    await page.goto(`${srv.base}/#/docs`);
    await page.waitForSelector("h1:has-text('文件库')");
    await page.locator("#token").fill(TOKEN);
    await page.locator("form[data-signin] button").click();
    await page.waitForSelector("#up-files", { state: "attached" });
    // A real notice (国防部关于放假的通知, OFD): it assigns no tasks.
    await page.setInputFiles("#up-files", [join(SHARED, "ofd-fixtures", "wps-gongwen-template-2pages__test.ofd")]);
    const item = page.locator("li.upload-item", { hasText: "wps-gongwen" });
    await item.locator("form.doc-form").waitFor();
    expect(await item.locator(".up-result").innerText()).toContain("0 条措施");
    const warning = item.locator(".up-result .notice");
    expect(await warning.innerText()).toContain("没有读出任何措施");
    expect(await warning.getAttribute("role")).toBe("status");
  });
});

describe("a new version of a document", () => {
  it("an upload with a 文号 already in the library points to that document; its page replaces it with a new version", async () => {
    const { page, srv } = session;
    const dir = mkdtempSync(join(tmpdir(), "browser-review-"));
    try {
      const original = readFileSync(join(EXTRA, "13_yangpu-2025-xinzhi-xiudai-chuangxinqu.txt"), "utf8");
      const oldId = await uploadFile(srv, join(EXTRA, "13_yangpu-2025-xinzhi-xiudai-chuangxinqu.txt"), TOKEN);
      const v2 = join(dir, "yangpu-修订稿.txt");
      writeFileSync(v2, `${original}\n（修订稿）\n`);
      // Uploaded beside it by mistake: the page says which document has the same 文号.
      await page.goto("about:blank");
      await page.goto(`${srv.base}/#/docs`);
      await page.waitForSelector("#up-files", { state: "attached" }); // signed in by the upload test above
      await page.setInputFiles("#up-files", [v2]);
      const item = page.locator("li.upload-item", { hasText: "修订稿" });
      await item.locator("form.doc-form").waitFor();
      const same = item.locator(".notice", { hasText: "同一文号" });
      expect(await same.innerText()).toContain("沪科合〔2025〕7号");
      expect(await same.locator("a").getAttribute("href")).toBe(`#/doc/${oldId}`);
      // The old document's page takes the new version.
      const v3 = join(dir, "yangpu-定稿.txt");
      writeFileSync(v3, `${original}\n（定稿）\n`);
      await page.goto(`${srv.base}/#/doc/${oldId}`);
      await page.waitForSelector("h2:has-text('全文')");
      await page.locator("details.editor summary").click();
      await page.setInputFiles("#replace-file", [v3]);
      await page.waitForFunction((id) => location.hash.startsWith("#/doc/") && !location.hash.includes(id), oldId);
      await page.waitForSelector("h2:has-text('全文')");
      const newId = decodeURIComponent(page.url().split("#/doc/")[1]);
      expect((await fetch(`${srv.base}/api/documents/${oldId}`)).status).toBe(404);
      const now = await (await fetch(`${srv.base}/api/documents/${newId}/original`)).text();
      expect(now).toContain("（定稿）");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("督办 progress form", () => {
  it("a completion date beside a status other than 已完成 is explained on the page, in the page's words, and nothing is saved", async () => {
    const { page, srv } = session;
    await page.goto("about:blank");
    await page.goto(`${srv.base}/#/tasks?scope=all`);
    await page.waitForSelector("table.tasks tbody tr[data-task] [data-note]"); // signed in by the upload test above
    const row = page.locator("table.tasks tbody tr[data-task]").first();
    const id = (await row.getAttribute("data-task"))!;
    const before = await (await fetch(`${srv.base}/api/tasks/${id}`)).json();
    await row.locator("[data-note]").click();
    const form = page.locator("form.task-note");
    await form.locator("select[name=status]").selectOption("推进中");
    await form.locator("input[name=completedOn]").fill("2022-05-01");
    await form.locator("button", { hasText: "保存" }).click();
    const status = form.locator(".form-status");
    await status.filter({ hasText: "完成时间" }).waitFor();
    expect(await status.innerText()).toBe("完成时间只用于已完成的任务：请把状态选为“已完成”，或清空完成时间");
    expect(await (await fetch(`${srv.base}/api/tasks/${id}`)).json()).toEqual(before);
  });
});

describe("the API docs page", () => {
  it("names every parameter column, gives each parameter's description, and stays readable on a phone", async () => {
    const phone = await session.browser.newPage({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    try {
      await phone.goto(`${session.srv.base}/api/docs`);
      const op = phone.locator("details.op", { hasText: "listTasks" });
      await op.locator("summary").click();
      const table = op.locator("table").first();
      expect(await table.locator("th").allInnerTexts()).toEqual(["名称", "位置", "必填", "类型", "示例", "说明"]);
      const asOf = table.locator("tr", { has: phone.locator("code", { hasText: /^asOf$/ }) });
      expect(await asOf.locator("td").last().innerText()).toContain("统计日期");
      // Short cells keep to one line (a column one character wide is unreadable); the table scrolls, the page does not.
      for (const cell of await table.locator("tr:nth-child(2) td").all()) {
        const text = await cell.innerText();
        const height = await cell.evaluate((td) => {
          const range = document.createRange();
          range.selectNodeContents(td);
          return range.getBoundingClientRect().height; // the text's own lines, not the row's
        });
        if (text.length <= 4) expect(height, text).toBeLessThan(30);
      }
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await phone.screenshot({ path: join(ARTIFACTS, "browser-review-apidocs-phone.png") });
    } finally {
      await phone.close();
    }
  });
});

describe("names a screen reader hears", () => {
  it("each task row's buttons name their task; a result of an untitled document names its file", async () => {
    const { page, srv } = session;
    const id = await uploadFile(srv, join(EXTRA, "17_shandong-2024-keji-chuangxin-rengong-zhineng.txt"), TOKEN);
    await page.goto("about:blank");
    await page.goto(`${srv.base}/#/tasks?scope=all`);
    await page.waitForSelector("table.tasks");
    if (await page.locator("#token").count()) {
      await page.locator("#token").fill(TOKEN);
      await page.locator("form[data-signin] button").click();
    }
    await page.goto("about:blank");
    await page.goto(`${srv.base}/#/search?q=${encodeURIComponent("风险补偿")}&doc=${id}`);
    await page.waitForSelector("article.card");
    expect(await page.locator(`article.card .meta a[href="#/doc/${id}"]`).first().innerText()).toBe("未命名文件（17_shandong-2024-keji-chuangxin-rengong-zhineng.txt）");

    await page.goto("about:blank");
    await page.goto(`${srv.base}/#/tasks?scope=all`);
    await page.waitForSelector("table.tasks tbody tr[data-task] [data-done]"); // signed in by the upload test above
    for (const sel of ["[data-done]", "[data-note]", "[data-history]"]) {
      const names = await page.locator(`table.tasks tbody tr[data-task] ${sel}`).evaluateAll((bs) => bs.map((b) => b.getAttribute("aria-label") ?? b.textContent));
      expect(names.length, sel).toBeGreaterThan(10);
      expect(new Set(names).size, sel).toBeGreaterThan(names.length / 2); // one per task, not 100 × 标记办结
    }
    const first = page.locator("table.tasks tbody tr[data-task]").first();
    const label = (await first.locator("[data-done]").getAttribute("aria-label"))!;
    expect(label.startsWith("标记办结：")).toBe(true);
    expect(label).toContain((await first.locator("td").nth(1).locator("a").innerText()).trim()); // the task's path
  });
});
