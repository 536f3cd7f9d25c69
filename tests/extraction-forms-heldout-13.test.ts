// The written forms of docs/labelling.md's catalogue that the held-out sets of session 29 found (tests/data/unseen13h, unseen13h2:
// labelled blind, scored once, then opened for fixing), each on the real text it was found in.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { extractFile } from "./helpers/extract.ts";
import { extractDeadlines } from "../extract/fields/deadlines.ts";
import { repairText } from "../extract/structure/repair.ts";
import { tableHeader, tableRow } from "../extract/structure/task-rows.ts";

describe("held-out 13h forms, the task table of 上海 城市综合交通体系 工作方案 (fixh-a)", () => {
  const NAME = "shanghai-2024-chengshi-zonghe-jiaotong-tixi-jianshe-gongzuo-fangan";
  const doc = async () => (await extractFile(join(import.meta.dirname, "data", "unseen13h", `${NAME}.txt`))).document;
  const TABLE = "全面推进城市综合交通体系建设任务分解表";
  const roles = (units: { role: string; name: string }[]) => units.map((u) => `${u.role}:${u.name}`);

  it("a task table under its own title after the body, no 附件 label: the title is the rows' first path segment", async () => {
    const d = await doc();
    const paths = d.measures.map((m) => m.path);
    expect(paths.filter((p) => p.startsWith(`${TABLE}/`))).toEqual([
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => `${TABLE}/一/${n}`),
      ...[8, 9, 10, 11, 12].map((n) => `${TABLE}/二/${n}`),
      ...[13, 14, 15, 16, 17].map((n) => `${TABLE}/三/${n}`),
    ]);
    expect(paths.some((p) => p.includes("#"))).toBe(false);
    // the body keeps its own paths, and its last item does not take the title line
    expect(paths.slice(0, 14)).toContain("四/(三)");
    expect(d.measures.find((m) => m.path === "四/(三)")!.text).not.toContain(TABLE);
  });

  it("unit columns before the task columns, one cell a line: rows placed by their unit run", async () => {
    const d = await doc();
    const row = (n: string) => roles(d.measures.find((m) => m.path === `${TABLE}/${n}`)!.units);
    expect(row("一/1")).toEqual(["lead:综合规划处", "coop:委内各相关处室"]);
    expect(row("一/2")).toEqual(["lead:综合规划处"]); // "—" in 配合部门
    expect(row("一/3")).toEqual(["lead:交通建设处", "coop:设施养护处"]); // 内容 merged with row 2
    expect(row("一/6")).toEqual(["lead:客运处"]);
    // more names than unit columns: the first printed is the 牵头 cell, the rest one 配合 cell
    expect(row("一/7")).toEqual(["lead:设施运行处", "coop:综合规划处", "coop:设施养护处"]);
    expect(row("三/13")).toEqual(["lead:安全监管处", "coop:交通建设处", "coop:设施养护处", "coop:轨道交通处"]);
    // the 2024 cell of row 1 holds three numbered lines, then the 2025 cell three more: all are the row's text
    const r1 = d.measures.find((m) => m.path === `${TABLE}/一/1`)!.text;
    expect(r1).toContain("3.继续推进与市规划资源局联合发文");
    expect(r1).toContain("3.启动相关区的综合交通规划编制。");
    expect(r1).not.toMatch(/牵头单位:[^\n]*1\./);
  });

  it("the later cells are the row's text: targets and deadlines are read there, the header's years are none", async () => {
    const d = await doc();
    const m = (n: string) => d.measures.find((x) => x.path === `${TABLE}/${n}`)!;
    expect(m("二/10").deadlines.map((x) => x.end)).toEqual(["2024-12-31", "2025-12-31"]);
    expect(m("二/10").targets.map((t) => t.min)).toEqual([30, 4500, 1500, 30, 4500, 1500]);
    expect(m("一/7").targets.map((t) => `${t.min}${t.unit}`)).toEqual(["120项", "120项"]);
    expect(m("一/1").deadlines).toEqual([]);
    // the header cells map: 内容 the task column, the two year columns further task columns, 备注 none
    const cols = tableHeader(["序号", "内容", "牵头部门", "配合部门", "2024年工作任务", "2025年工作计划", "备注"])!;
    expect(cols.more).toEqual([4, 5]);
    expect(tableRow(["9", "加强充换电站", "科技信息处", "设施运行处", "完成…建设目标。", "全年新增约1万个公共充电桩。", ""], cols).more).toBe("完成…建设目标。\n全年新增约1万个公共充电桩。");
  });

  it("a row's task cell merged, an empty cell printed —: the cells line up (repair output)", () => {
    const text = "某某工作方案\n\n一、甲\n\n二、乙\n\n某某工作任务分解表\n\n序号\n\n内容\n\n牵头部门\n\n配合部门\n\n2024年工作任务\n\n2025年工作计划\n\n备注\n\n一、甲\n\n1\n\n推进甲\n\n综合规划处\n\n—\n\n加快推进甲。\n\n持续推进甲。\n\n2\n\n交通建设处\n\n设施养护处\n\n推进乙。\n\n推进丙。\n";
    const rows = repairText(text).text.split("\n").filter((l) => l.includes("\t"));
    expect(rows).toEqual([
      "序号\t内容\t牵头部门\t配合部门\t2024年工作任务\t2025年工作计划\t备注",
      "1\t推进甲\t综合规划处\t\t加快推进甲。\t持续推进甲。\t",
      "2\t\t交通建设处\t设施养护处\t推进乙。\t推进丙。\t",
    ]);
  });

  it("a year, 计划, then a completion verb: the year's end", async () => {
    // row 11 "2024年计划完成轨道交通结构与轨道设施智能运维平台基础功能开发以及生产、施工、设备大屏开发工作"
    const d = await doc();
    expect(d.measures.find((x) => x.path === `${TABLE}/二/11`)!.deadlines.map((x) => `${x.kind}:${x.end}`)).toEqual(["date:2024-12-31"]);
    // a project ledger's field on GitHub, "2025年计划完成投资"
    expect(extractDeadlines("2025年计划完成投资8亿元。", "2025-01-10").map((x) => x.end)).toEqual(["2025-12-31"]);
    // a range before 计划 and no completion verb stays the range (body 二/(二))
    expect(extractDeadlines("2024年-2025年计划新增约2万个公共充电桩。", "2024-12-25").map((x) => `${x.kind}:${x.end}`)).toEqual(["period:2025-12-31"]);
  });
});
