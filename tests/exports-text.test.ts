// Exports rendered as Markdown and iCalendar (read back with node-ical), render() for every format, and
// LibreOffice converting XLSX and DOCX to PDF when it is installed.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import ical from "node-ical";
import {
  contentDisposition,
  documentTable,
  dutyList,
  render,
  renderIcsText,
  renderMarkdown,
} from "../src/exports/index.ts";
import { icsFold } from "../src/exports/ics-text.ts";
import { recurrenceRule } from "../src/exports/recurrence.ts";
import { convertToPdf, findOffice } from "./helpers/office.ts";
import { AS_OF, item, items, useExportFixture } from "./helpers/exports.ts";

const fx = useExportFixture("exports-text");

describe("Markdown", () => {
  it("a GFM table with pipes and line breaks escaped", async () => {
    const md = readFileSync(await fx.write(documentTable(fx.mianyang, { includeContent: false }), "md", "mianyang"), "utf8");
    const lines = md.split("\n");
    expect(lines[0]).toBe("# 金融支持科创企业全生命周期发展十条措施(试行)实施方案");
    const tableLines = lines.filter((l) => l.startsWith("|"));
    expect(tableLines[0]).toBe("| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 | 状态 | 完成时间 | 进展情况 | 备注 | 原文条目 |");
    expect(tableLines[1]).toBe("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    expect(tableLines).toContain("|  | **（一）增加科创企业信贷供给** |  |  |  |  |  |  |  | **二/(一)** |");
    expect(tableLines.find((l) => l.startsWith("| 28 |"))).toBe(
      "| 28 | 压实金融机构主体责任、地方政府属地责任、金融管理部门监管责任,形成科创金融改革创新过程中的金融风险管控合力 | 市金融工作局 | 人行绵阳市中心支行、绵阳银保监分局 | 持续推进 |  |  |  |  | 五/28 |",
    );
    expect(tableLines.length).toBe(2 + 29 + 13);

    const odd = { ...fx.mianyang, measures: [{ ...fx.mianyang.measures[0], title: "甲|乙\n丙 <b> 2016~2018 *重点*" }] };
    const row = renderMarkdown(documentTable(odd, { columns: ["path", "task", "lead", "coop", "deadline"] })).split("\n").find((l) => l.startsWith("| 一/1 |"))!;
    expect(row).toContain("| 甲\\|乙<br>丙 &lt;b> 2016\\~2018 \\*重点\\* |");
    // Cells split on unescaped pipes only: every row has the header's cell count.
    const cells = row.replace(/\\\|/g, "").split("|").length;
    expect(cells).toBe("| a | b | c | d | e |".split("|").length);
    expect(row).not.toMatch(/\n/);
  });
});

describe("iCalendar", () => {
  const unfold = (s: string) => s.replace(/\r\n[ \t]/g, "");

  it("领导小组办公室 (攀枝花 2016): 每年12月20日前 as a yearly recurring event", async () => {
    const table = dutyList("领导小组办公室", [fx.panzhihua], "2016-12-01");
    expect(item(table, "四/(三)").cells.deadline).toBe("每年12月20日前");
    const file = await fx.write(table, "ics", "office");
    const text = readFileSync(file, "utf8");
    const events = Object.values(ical.sync.parseICS(text)).filter((e) => e?.type === "VEVENT") as ical.VEvent[];
    const yearly = events.filter((e) => String(e.summary).includes("每年12月20日前"));
    expect(yearly.length).toBe(1);
    const e = yearly[0];
    expect(String(e.summary)).toBe("【牵头】建立考评机制（每年12月20日前）");
    expect(e.datetype).toBe("date");
    expect(e.start.toISOString().slice(0, 10)).toBe("2016-12-20");
    // Repeats end with the plan (2016~2018).
    expect(e.rrule!.toString()).toMatch(/FREQ=YEARLY;UNTIL=20181231.*BYMONTH=12;BYMONTHDAY=20/);
    const next = e.rrule!.between(new Date("2017-01-01T00:00:00Z"), new Date("2018-12-31T00:00:00Z"), true).map((d) => d.toISOString().slice(0, 10));
    expect(next).toEqual(["2017-12-20", "2018-12-20"]);
    expect(unfold(text)).toContain("RRULE:FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=20;UNTIL=20181231\r\n");
    expect(e.rrule!.between(new Date("2019-01-01T00:00:00Z"), new Date("2030-01-01T00:00:00Z"))).toEqual([]);
    expect(String(e.description)).toContain("完成时限（原文）：每年12月20日前");
    expect(String(e.description)).toContain("文件：攀枝花市知识产权质押融资试点工作方案(2016~2018)");
  });

  it("市金融工作局: all-day events on end dates, recurring rules, folding, escaping, stable UIDs", async () => {
    const table = dutyList("市金融工作局", fx.all, AS_OF);
    const text = readFileSync(await fx.write(table, "ics", "duty"), "utf8");
    // CRLF only; every line at most 75 octets.
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(text).toMatch(/\r\n [^\r\n]/); // long lines were folded
    const data = ical.sync.parseICS(text);
    const events = Object.values(data).filter((e) => e?.type === "VEVENT") as ical.VEvent[];
    const dated = events.filter((e) => !e.rrule);
    // One per distinct (measure, end date) of the list's dated deadlines.
    const expectedDated = items(table).reduce((n, r) => n + new Set(r.deadlines.map((d) => d.end).filter(Boolean)).size, 0);
    expect(dated.length).toBe(expectedDated);
    for (const e of dated) {
      expect(e.datetype).toBe("date");
      expect((e.end!.getTime() - e.start.getTime()) / 86400000).toBe(1);
    }
    const m20 = dated.find((e) => String(e.summary).includes("支持符合条件的非金融类科创企业开展债券融资"))!;
    expect(m20.start.toISOString().slice(0, 10)).toBe("2022-02-28");
    expect(String(m20.summary)).toBe("【责任】支持符合条件的非金融类科创企业开展债券融资,支持创新债券融资方式（2022年2月底前）");
    expect(unfold(text)).toContain("SUMMARY:【责任】支持符合条件的非金融类科创企业开展债券融资\\,支持创新债券融资方式（2022年2月底前）");
    const weekly = events.find((e) => e.rrule && String(e.summary).includes("（每周）"))!;
    expect(weekly.rrule!.toString()).toMatch(/FREQ=WEEKLY;UNTIL=20221231/);
    expect(weekly.rrule!.toString()).toMatch(/BYDAY=FR/);
    const quarterly = events.find((e) => e.rrule && String(e.summary).includes("（按季）"))!;
    expect(quarterly.rrule!.toString()).toMatch(/FREQ=MONTHLY/);
    expect(quarterly.rrule!.toString()).toMatch(/INTERVAL=3/);
    expect(quarterly.rrule!.toString()).toMatch(/UNTIL=20221231/);
    expect(quarterly.start.toISOString().slice(0, 10)).toBe("2022-06-30"); // first quarter end after 2022-04-05
    // Stable and unique UIDs.
    const uids = events.map((e) => e.uid);
    expect(new Set(uids).size).toBe(uids.length);
    const again = renderIcsText(dutyList("金融工作局", fx.all, "2023-01-01"), { now: new Date() });
    const uidsAgain = [...unfold(again).matchAll(/^UID:(.+)$/gm)].map((m) => m[1]);
    expect(uidsAgain.length).toBe(uids.length);
    expect(new Set(uidsAgain)).toEqual(new Set(uids.filter(Boolean)));
  });

  it("recurrence rules and folding helpers", () => {
    expect(recurrenceRule("half-yearly", "2022-04-05")).toMatchObject({ start: "2022-06-30", rule: "FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=-1" });
    expect(recurrenceRule("monthly", "2022-04-05")).toMatchObject({ start: "2022-04-30", rule: "FREQ=MONTHLY;BYMONTHDAY=-1" });
    expect(recurrenceRule("yearly:02-29", "2022-03-01")!.start).toBe("2024-02-29");
    expect(recurrenceRule("yearly:12-20", "2016-12-21")!.start).toBe("2017-12-20");
    expect(recurrenceRule("daily", "2022-01-01")).toBeNull();
    const folded = icsFold(`SUMMARY:${"汉".repeat(60)}`);
    expect(folded.split("\r\n").every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(`SUMMARY:${"汉".repeat(60)}`);
  });
});

describe("render()", () => {
  it("gives body, content type, extension and a file name for every format; refuses unknown ones", async () => {
    const table = documentTable(fx.mianyang);
    const types: Record<string, string> = {
      xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      csv: "text/csv; charset=utf-8",
      md: "text/markdown; charset=utf-8",
      ics: "text/calendar; charset=utf-8",
    };
    for (const [format, type] of Object.entries(types)) {
      const out = await render(table, format);
      expect(out.contentType).toBe(type);
      expect(out.extension).toBe(format);
      expect(out.fileName).toBe(`金融支持科创企业全生命周期发展十条措施(试行)实施方案任务分工表.${format}`);
      expect(out.body.length).toBeGreaterThan(100);
    }
    await expect(render(table, "pdf")).rejects.toThrow(/不支持的导出格式/);
    expect(contentDisposition("责任清单.xlsx")).toBe(`attachment; filename="____.xlsx"; filename*=UTF-8''${encodeURIComponent("责任清单")}.xlsx`);
  });
});

// ---- LibreOffice ----------------------------------------------------------------------------------

describe("LibreOffice", () => {
  it("converts the XLSX and DOCX to PDF", async (ctx) => {
    const office = findOffice();
    if (!office) {
      const reason = "未安装 LibreOffice（PATH 中没有 soffice 或 libreoffice），跳过 XLSX/DOCX 转 PDF 检查";
      console.warn(reason);
      ctx.skip(reason);
      return;
    }
    const table = dutyList("金融工作局", fx.all, AS_OF);
    const files = [await fx.write(documentTable(fx.mianyang), "xlsx", "lo-mianyang"), await fx.write(table, "docx", "lo-duty")];
    for (const pdf of convertToPdf(office, files, fx.dir)) {
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(pdf.length).toBeGreaterThan(1000);
    }
  });
});
