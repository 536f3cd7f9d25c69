// The web page in a real browser, writing: upload and correct documents, 任务分工表 and 督办, the units
// page over the uploaded documents, an editor correcting and deleting, bad input, removed tasks
// (reading: browser.test.ts).
import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./helpers/paths.ts";
import { ARTIFACTS, EXTRA, TOKEN, useBrowser } from "./helpers/browser.ts";

const session = useBrowser();

describe("web page", () => {
  it("upload three files, correct the place of one the extractor could not place, find them by 文号 and title, open a measure marked in the full text", async () => {
    await session.page.goto(`${session.srv.base}/#/docs`);
    await session.page.waitForSelector("h1:has-text('文件库')");
    // Sign in once for this browser session.
    await session.page.locator("#token").fill(TOKEN);
    await session.page.locator("form[data-signin] button").click();
    await session.page.waitForSelector("#up-files", { state: "attached" });
    // The 济南 excerpt names no place at all (tests/fixtures/places): extraction leaves its region empty.
    const PLACELESS = join(ROOT, "tests", "fixtures", "places", "shuzi-xianfeng-excerpt.txt");
    await session.page.setInputFiles("#up-files", [join(EXTRA, "13_yangpu-2025-xinzhi-xiudai-chuangxinqu.txt"), join(EXTRA, "35_hebei-2023-xueke-peixun-yinxing-bianyi.txt"), PLACELESS]);
    // Each file: progress, then what was read in a form prefilled from the answer.
    const yangpu = session.page.locator("li.upload-item", { hasText: "13_yangpu" });
    const hebei = session.page.locator("li.upload-item", { hasText: "35_hebei" });
    const jinan = session.page.locator("li.upload-item", { hasText: "shuzi-xianfeng-excerpt" });
    await yangpu.locator("form.doc-form").waitFor();
    await hebei.locator("form.doc-form").waitFor();
    await jinan.locator("form.doc-form").waitFor();
    expect(await yangpu.locator("progress").getAttribute("value")).toBe("100");
    expect(await yangpu.locator("input[name=docNumber]").inputValue()).toBe("沪科合〔2025〕7号");
    expect(await yangpu.locator("input[name=title]").inputValue()).toContain("新质秀带创新区");
    expect(await yangpu.locator("input[name=county]").inputValue()).toBe("杨浦区");
    expect(await hebei.locator("input[name=province]").inputValue()).toBe("河北省");
    // The excerpt's place was not read: correct it; confirm the other two as read.
    expect(await jinan.locator("input[name=province]").inputValue()).toBe("");
    await jinan.locator("input[name=province]").fill("山东省");
    await jinan.locator("input[name=city]").fill("济南市");
    await jinan.locator("form.doc-form button[type=submit]").click();
    await jinan.locator(".form-status:has-text('已保存')").waitFor();
    await yangpu.locator("form.doc-form button[type=submit]").click();
    await yangpu.locator(".up-state:has-text('已确认')").waitFor();
    await hebei.locator("form.doc-form button[type=submit]").click();
    await hebei.locator(".up-state:has-text('已确认')").waitFor();
    await session.page.screenshot({ path: join(ARTIFACTS, "browser-upload.png"), fullPage: true });

    // The corrected place is stored and shown: the excerpt found by its title lists 济南市.
    await session.page.locator("#d-q").fill("数字先锋城市推进方案");
    await session.page.locator("#docs-form button", { hasText: "查找" }).click();
    await session.page.waitForSelector("#docs-summary:has-text('共 1 个文件')");
    expect(await session.page.locator("table.docs tbody tr").first().innerText()).toContain("济南市");

    // Found by its 文号 written with other brackets, with the place as read.
    await session.page.locator("#d-q").fill("沪科合[2025]7号");
    await session.page.locator("#docs-form button", { hasText: "查找" }).click();
    // The list before held one file too: wait for the new one rather than for the count.
    await session.page.locator("table.docs tbody tr", { hasText: "杨浦区" }).waitFor();
    await session.page.waitForSelector("#docs-summary:has-text('共 1 个文件')");
    const row = session.page.locator("table.docs tbody tr").first();
    expect(await row.innerText()).toContain("杨浦区");
    await row.locator("a").first().click();

    // The reading view: open a measure from the outline; it is scrolled to and marked in the full text.
    await session.page.waitForSelector(".doc-text .blk.measure");
    expect(await session.page.locator(".doc-text .wrapper").count()).toBeGreaterThan(0);
    const link = session.page.locator(".outline li.m a").nth(1);
    const path = decodeURIComponent((await link.getAttribute("href"))!.split("?m=")[1]);
    await link.click();
    const marked = session.page.locator(".doc-text .blk.marked");
    await marked.waitFor();
    expect(await marked.getAttribute("data-path")).toBe(path);
    expect(await marked.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; })).toBe(true);
    expect(session.page.url()).toContain(`?m=${encodeURIComponent(path)}`);

    // From the measure's own page, its link leads back to its place in the text, marked.
    await marked.locator("a.to-measure").click();
    await session.page.waitForSelector("h2:has-text('全文')");
    await session.page.locator("a", { hasText: "在文件全文中查看此措施" }).click();
    await session.page.waitForSelector(`.doc-text .blk.marked[data-path="${path}"]`);
    await session.page.screenshot({ path: join(ARTIFACTS, "browser-reader.png") });
  });

  it("任务分工表 preview, 督办: lights, mark done, a progress note, the overdue list; duty list downloads", async () => {
    const list = await (await fetch(`${session.srv.base}/api/documents?q=${encodeURIComponent("科创企业全生命周期")}`)).json();
    const id = list.documents[0].id as string;
    await session.page.goto(`${session.srv.base}/#/doc/${id}`);
    // The preview has the columns of the exported table, in the same order (任务编号 is hidden when printed).
    // This document's preview (the previous view may be another document's reader with its own preview).
    await session.page.waitForSelector("table.print-preview caption:has-text('科创企业全生命周期')");
    const csv = await (await fetch(`${session.srv.base}/api/documents/${id}/assignments?format=csv&content=0`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    const header = csv.replace(/^\uFEFF/, "").split(/\r?\n/)[0].split(",").filter((h) => h !== "任务编号");
    expect(await session.page.locator("table.print-preview thead th").allInnerTexts()).toEqual(header);
    expect(header.slice(0, 3)).toEqual(["序号", "重点任务", "牵头单位"]);
    // Choosing fewer columns changes the preview (and the downloads) alike.
    await session.page.locator("section.assignments input[name=col][value=remark]").uncheck();
    await session.page.waitForFunction(() => ![...document.querySelectorAll("table.print-preview thead th")].some((th) => th.textContent === "备注"));
    await session.page.locator("#doc-tasks table.tasks").waitFor();
    expect(await session.page.locator("#doc-tasks .light").count()).toBeGreaterThan(0);

    // The 督办 view of this document: all its tasks; sign in, mark one done, add a note to another.
    await session.page.goto(`${session.srv.base}/#/tasks?doc=${id}&scope=all`);
    await session.page.waitForSelector("#tasks-summary");
    if (await session.page.locator("form[data-signin]").count()) {
      await session.page.locator("#token").fill(TOKEN);
      await session.page.locator("form[data-signin] button").click();
    }
    await session.page.waitForSelector("table.tasks button[data-done]");
    const open = session.page.locator("table.tasks tr[data-task]", { has: session.page.locator("button[data-done]:not([disabled])") });
    const first = await open.first().getAttribute("data-task");
    await open.first().locator("button[data-done]").click();
    const done = session.page.locator(`tr[data-task="${first}"]`);
    await session.page.waitForSelector(`tr[data-task="${first}"] .status:has-text('已完成')`);
    expect(await done.locator(".light").innerText()).toContain("灰灯");
    const second = session.page.locator("table.tasks tr[data-task]", { has: session.page.locator("button[data-done]:not([disabled])") }).first();
    const secondId = await second.getAttribute("data-task");
    await second.locator("button[data-note]").click();
    await session.page.locator("form.task-note textarea").fill("已召开推进会，细则在起草中");
    await session.page.locator("form.task-note select[name=status]").selectOption("推进中");
    await session.page.locator("form.task-note button", { hasText: "保存" }).click();
    await session.page.waitForSelector(`tr[data-task="${secondId}"]:has-text('已召开推进会')`);
    await session.page.locator(`tr[data-task="${secondId}"] button[data-history]`).click();
    await session.page.waitForSelector("ol.history li:has-text('推进中')");

    // A filled-in table sent back by a unit: the row it matches is updated, the other is listed.
    const third = await session.page.locator("table.tasks tr[data-task]", { has: session.page.locator("button[data-done]:not([disabled])") }).first().getAttribute("data-task");
    const filled = join(session.srv.dataDir, "填写后的任务表.csv");
    writeFileSync(filled, `\uFEFF任务编号,状态,进展情况\r\n${third},推进中,表格导入：已完成初稿\r\n0000000000000000,已完成,不是本库的任务\r\n`);
    await session.page.locator("details.panel > summary", { hasText: "导入填写后的任务表" }).click();
    await session.page.setInputFiles("#imp-file", filled);
    await session.page.locator("#task-import button").click();
    await session.page.waitForSelector("#task-import .form-status:has-text('已更新 1 项')");
    expect(await session.page.locator("#imp-result tr").count()).toBe(2);
    await session.page.waitForSelector(`tr[data-task="${third}"]:has-text('表格导入：已完成初稿')`);

    // The overdue list (a 2022 plan): red lights, exportable.
    await session.page.goto(`${session.srv.base}/#/tasks?doc=${id}`);
    await session.page.waitForSelector("#tasks-summary:has-text('已逾期')");
    expect(await session.page.locator("table.tasks .light.l-red").count()).toBeGreaterThan(0);
    expect(await session.page.locator(".downloads button[data-download]").count()).toBe(4);
    await session.page.screenshot({ path: join(ARTIFACTS, "browser-tasks.png") });

    // A unit's duty list: the download either arrives or says why not, in Chinese.
    await session.page.goto(`${session.srv.base}/#/unit/${encodeURIComponent("市财政局")}`);
    await session.page.waitForSelector("h1:has-text('市财政局')");
    const [download] = await Promise.all([session.page.waitForEvent("download"), session.page.locator(".downloads button", { hasText: "责任清单 CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    await session.page.waitForSelector(".dl-status:has-text('已下载')");
  });

  it("the units page pages through all units and filters by place", async () => {
    await session.page.goto(`${session.srv.base}/#/units`);
    await session.page.waitForSelector("#units-summary");
    const total = Number((await session.page.locator("h1").innerText()).match(/（(\d+)）/)![1]);
    expect(total).toBeGreaterThan(50);
    const firstPage = await session.page.locator("table.units tbody a").allInnerTexts();
    expect(firstPage.length).toBe(50);
    await session.page.locator(".pager button", { hasText: "下一页" }).click();
    await session.page.waitForSelector("#units-summary:has-text('第 51–')");
    // Focus on the first unit of the new session.page.
    expect(await session.page.evaluate(() => document.activeElement?.matches("table.units tbody a"))).toBe(true);
    const secondPage = await session.page.locator("table.units tbody a").allInnerTexts();
    expect(secondPage.some((n) => firstPage.includes(n))).toBe(false);
    await session.page.locator("#u-city").fill("攀枝花市");
    await session.page.locator("#unit-form button").click();
    await session.page.waitForFunction((t) => { const m = document.querySelector("h1")?.textContent?.match(/（(\d+)）/); return m && Number(m[1]) < t; }, total);
    const names = await session.page.locator("table.units tbody a").allInnerTexts();
    expect(names.length).toBeGreaterThan(0);
    expect(names.some((n) => n.includes("绵阳") || n.includes("济南") || n.includes("太原"))).toBe(false);
  });

  it("a signed-in editor corrects a document's title and deletes it", async () => {
    const form = new FormData();
    form.append("file", new Blob([readFileSync(join(EXTRA, "36_guojia-2020-laonianren-zhineng-jishu.txt"))]), "36_guojia-2020-laonianren-zhineng-jishu.txt");
    const up = await (await fetch(`${session.srv.base}/api/documents`, { method: "POST", body: form, headers: { authorization: `Bearer ${TOKEN}` } })).json();
    await session.page.goto(`${session.srv.base}/#/doc/${up.id}`);
    await session.page.waitForSelector(".doc-text .blk");
    await session.page.locator("details.editor > summary").click();
    if (await session.page.locator("details.editor form[data-signin]").count()) {
      await session.page.locator("details.editor #token").fill(TOKEN);
      await session.page.locator("details.editor form[data-signin] button").click();
    }
    const title = session.page.locator("details.editor input[name=title]");
    await title.waitFor();
    await title.fill("关于切实解决老年人运用智能技术困难的实施方案（更正标题）");
    await session.page.locator("details.editor form.doc-form button[type=submit]").click();
    await session.page.waitForSelector("h1:has-text('（更正标题）')");
    await session.page.waitForSelector("p.meta:has-text('已人工更正：标题')");

    session.page.once("dialog", (d) => void d.accept());
    await session.page.locator("details.editor").evaluate((el) => ((el as HTMLDetailsElement).open = true));
    await session.page.locator("#delete-doc").click();
    await session.page.waitForSelector("h1:has-text('文件库')");
    await session.page.locator("#d-q").fill("更正标题");
    await session.page.locator("#docs-form button", { hasText: "查找" }).click();
    await session.page.waitForSelector("#docs-summary:has-text('共 0 个文件')");
    expect((await fetch(`${session.srv.base}/api/documents/${up.id}`)).status).toBe(404);
  });

  it("bad input shows a message, not a broken page", async () => {
    await session.page.goto(`${session.srv.base}/#/measure/${encodeURIComponent("0123456789abcdef:九/99")}`);
    await session.page.waitForSelector(".error");
    expect(await session.page.locator(".error").innerText()).toContain("没有编号");
    // A list whose filter the service refuses: the page stays, with the reason in place of the list.
    await session.page.goto(`${session.srv.base}/#/docs?from=${encodeURIComponent("2022-02-30")}`);
    await session.page.waitForSelector(".error:has-text('from')");
    expect(await session.page.locator("form").count()).toBeGreaterThan(0);
    // A document that is not in the library: the reading view says so.
    await session.page.goto(`${session.srv.base}/#/doc/0123456789abcdef`);
    await session.page.waitForSelector(".error:has-text('0123456789abcdef')");
    expect(await session.page.locator(".error").innerText()).toContain("没有编号为 0123456789abcdef 的文件");
    // A unit name that matches nothing: a Chinese message on the page, no download buttons.
    await session.page.goto(`${session.srv.base}/#/unit/${encodeURIComponent("不存在的某某局")}`);
    await session.page.waitForSelector(".error:has-text('不存在的某某局')");
    expect(await session.page.locator(".error").innerText()).toMatch(/没有找到单位|未找到/);
    expect(await session.page.locator(".downloads button").count()).toBe(0);
  });
});

describe("督办: removed tasks", () => {
  it("tasks a replacement removed are listed under 已移除的任务 with their old text, unit, last status and history", async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const send = async (file: string, query = "") => {
      const form = new FormData();
      form.append("file", new Blob([readFileSync(join(EXTRA, file))]), file);
      const r = await fetch(`${session.srv.base}/api/documents${query}`, { method: "POST", body: form, headers: auth });
      expect(r.status).toBe(200);
      return ((await r.json()) as { id: string }).id;
    };
    // Progress on two tasks of a document, then the document replaced by one that has neither.
    const old = await send("31_qingdao-2023-gongye-hulianwang-pingtai.txt");
    const tasks = ((await (await fetch(`${session.srv.base}/api/tasks?doc=${old}&limit=1000`)).json()) as { tasks: { id: string; unit: string; task: string; path: string }[] }).tasks.filter((t) => t.unit);
    const [a, b] = [tasks[0], tasks.find((t) => t.unit !== tasks[0].unit) ?? tasks[1]];
    const patch = (id: string, body: unknown) => fetch(`${session.srv.base}/api/tasks/${id}`, { method: "PATCH", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await patch(a.id, { status: "推进中", note: "平台建设方案已印发" })).status).toBe(200);
    expect((await patch(a.id, { note: "已遴选十家试点企业" })).status).toBe(200);
    expect((await patch(b.id, { status: "已完成", completedOn: "2023-09-30" })).status).toBe(200);
    const next = await send("32_shandong-2022-zhineng-zhizao.txt", `?replace=${old}`);

    // The 督办 view: the scope chosen in the form.
    await session.page.goto(`${session.srv.base}/#/tasks?scope=all`);
    await session.page.waitForSelector("#tasks-summary");
    await session.page.locator("#t-scope").selectOption({ label: "已移除的任务" });
    await session.page.locator("#tasks-form button", { hasText: "查看" }).click();
    await session.page.waitForSelector("#tasks-summary:has-text('已移除的任务')");
    const row = session.page.locator(`table.removed-tasks tr[data-removed="${a.id}"]`);
    await row.waitFor();
    expect(await session.page.locator("table.removed-tasks tr[data-removed]").count()).toBeGreaterThanOrEqual(2);
    const text = await row.innerText();
    for (const part of [a.task.slice(0, 12), a.unit, "推进中", "已遴选十家试点企业", "已替换为新版本"]) expect(text).toContain(part);
    expect(await row.locator(".light").innerText()).toContain("灰");
    expect(await row.locator(`a[href="#/doc/${next}"]`).count()).toBe(1);
    // Its history: both changes, by the editor who made them.
    await row.locator("details > summary", { hasText: "修改记录 2 条" }).click();
    expect(await row.locator("ol.history li").allInnerTexts()).toEqual([expect.stringContaining("平台建设方案已印发"), expect.stringContaining("已遴选十家试点企业")]);
    expect(await session.page.locator(`tr[data-removed="${b.id}"]`).innerText()).toContain("2023-09-30 完成");
    await session.page.screenshot({ path: join(ARTIFACTS, "browser-tasks-removed.png") });
    // Narrowed to one unit: only its removed tasks.
    await session.page.goto(`${session.srv.base}/#/tasks?scope=removed&unit=${encodeURIComponent(b.unit)}`);
    await session.page.waitForSelector(`#tasks-summary:has-text('单位“${b.unit}”已移除的任务')`);
    const units = await session.page.locator("table.removed-tasks tr[data-removed] td:nth-child(4)").allInnerTexts();
    expect(units.length).toBeGreaterThan(0);
    for (const u of units) expect(u).toContain(b.unit);
  });
});
