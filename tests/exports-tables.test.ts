// Exports, the table models: 任务分工表, 责任清单 and filtered tables built from the real seeds in a real store.
import { describe, expect, it } from "vitest";
import { documentTable, dutyList, filteredTable, todayInChina } from "../src/exports/index.ts";
import { AS_OF, item, items, useExportFixture, sections } from "./helpers/exports.ts";

const fx = useExportFixture("exports-tables");

describe("document table (任务分工表)", () => {
  it("绵阳: 29 measures in document order under their grouping headings", () => {
    const t = documentTable(fx.mianyang);
    expect(t.title).toBe("金融支持科创企业全生命周期发展十条措施(试行)实施方案");
    expect(t.columns.map((c) => c.header)).toEqual(["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "状态", "完成时间", "进展情况", "备注", "原文条目", "任务编号"]);
    expect(t.columns.filter((c) => c.hidden).map((c) => c.key)).toEqual(["id"]);
    expect(items(t).map((r) => r.cells.path)).toEqual(fx.mianyang.measures.map((m) => m.path));
    // 序号 1, 2, 3 … in document order; the document's own numbering kept in 原文条目.
    expect(items(t).map((r) => r.cells.no)).toEqual(fx.mianyang.measures.map((_, i) => String(i + 1)));
    expect(documentTable(fx.mianyang, { includeContent: true }).columns.map((c) => c.key).slice(0, 3)).toEqual(["no", "task", "content"]);
    const rows = t.sheets[0].rows;
    // Headings come right before the first measure under them, at their depth.
    expect(rows.slice(0, 4).map((r) => (r.kind === "section" ? `S${r.depth}:${r.text}` : `M:${r.cells.path}`))).toEqual([
      "S0:一、科创企业名单确定",
      "M:一/1",
      "S0:二、间接融资支持措施",
      "S1:（一）增加科创企业信贷供给",
    ]);
    expect(sections(t).map((s) => s.path)).toEqual([
      "一", "二", "二/(一)", "二/(二)", "二/(三)", "二/(四)", "二/(五)", "二/(六)", "三", "三/(一)", "三/(二)", "四", "五",
    ]);
  });

  it("绵阳: lead, cooperating and responsible units, deadlines, gaps shown as 未明确", () => {
    const t = documentTable(fx.mianyang);
    const m28 = item(t, "五/28");
    expect(m28.cells.task).toBe("压实金融机构主体责任、地方政府属地责任、金融管理部门监管责任,形成科创金融改革创新过程中的金融风险管控合力");
    expect(m28.cells.lead).toBe("市金融工作局");
    expect(m28.cells.coop).toBe("人行绵阳市中心支行、绵阳银保监分局");
    expect(m28.cells.deadline).toBe("持续推进");
    expect(m28.cells.content).toContain("牵头单位");
    // Only a 责任单位: shown in the lead column, without a "责任单位：" prefix.
    expect(item(t, "二/(一)/2").cells.lead).toBe("人行绵阳市中心支行");
    expect(item(t, "二/(一)/3").cells.lead).toBe("市商行、市农商行");
    expect(item(t, "二/(一)/3").cells.coop).toBe("");
    expect(items(t).every((r) => !/责任单位[：:]/.test(r.cells.lead ?? ""))).toBe(true);
    // 完成时限 as a clerk writes it: dates once with their year, then repeats, then 持续推进.
    expect(item(t, "二/(四)/10").cells.deadline).toBe("2022年3月底、6月底、年底前");
    expect(item(t, "一/1").cells.deadline).toBe("2022年3月底前；每季度末、每年");
    expect(item(t, "五/24").cells.deadline).toBe("每周、每月；持续推进");
    expect(item(t, "二/(二)/5").cells.deadline).toBe("2022年底前");
    expect(item(t, "二/(三)/8").cells.deadline).toBe("2022年3月15日前");
    expect(item(t, "二/(六)/16").cells.lead).toBe("市金融工作局、市科技局、绵阳银保监分局");
    expect(item(t, "二/(六)/16").cells.deadline).toBe("未明确");
  });

  it("攀枝花 2016: units from brackets, no unit label left in the task, 未明确 where none", () => {
    const t = documentTable(fx.panzhihua, { includeContent: false });
    expect(t.columns.map((c) => c.header)).toEqual(["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "状态", "完成时间", "进展情况", "备注", "原文条目", "任务编号"]);
    expect(t.meta[0]).toContain("攀办发〔2016〕22号");
    const r1 = item(t, "三/(一)/1");
    expect(r1.cells.lead).toBe("市财政局");
    expect(r1.cells.coop).toBe("市科技和知识产权局、市金融办、攀枝花银监分局、人民银行攀枝花市中心支行");
    expect(r1.cells.deadline).toBe("未明确");
    const r2 = item(t, "三/(二)/1");
    expect(r2.cells.task).not.toMatch(/牵头单位/);
    expect(r2.cells.task?.endsWith("确定工作重点和目标")).toBe(true);
    expect(r2.cells.lead).toBe("领导小组办公室");
    expect(item(t, "四/(三)").cells.deadline).toBe("每年12月20日前");
    expect(item(t, "一/(一)").cells.lead).toBe("未明确");
    expect(item(t, "三/(四)/1").cells.lead).toBe("攀枝花银监分局、领导小组其它成员单位、各商业银行");
    expect(sections(t).find((s) => s.path === "三/(三)")!.text).toBe("（三）创新知识产权质押融资体系");
  });
});

describe("duty list (责任清单)", () => {
  it("市金融工作局 and 金融工作局 give the same list: every role, sorted by deadline, marked against the as-of date", () => {
    const a = dutyList("市金融工作局", fx.all, AS_OF);
    const b = dutyList("金融工作局", fx.all, AS_OF);
    expect(items(b).map((r) => r.measureId)).toEqual(items(a).map((r) => r.measureId));
    expect(a.title).toBe("市金融工作局责任清单");
    expect(a.asOf).toBe(AS_OF);
    expect(a.columns.map((c) => c.header)).toEqual(["序号", "重点任务", "本单位职责", "牵头单位", "配合单位", "完成时限", "截止日期", "到期提示", "状态", "进展情况", "原文条目", "任务编号"]);
    // Only the 绵阳 document names it; grouped under that document.
    expect(sections(a).map((s) => s.text)).toEqual(["金融支持科创企业全生命周期发展十条措施(试行)实施方案"]);
    const paths = items(a).map((r) => r.cells.path);
    const expected = fx.mianyang.measures.filter((m) => m.units.some((u) => u.canonical === "绵阳市金融工作局")).map((m) => m.path);
    expect([...paths].sort()).toEqual([...expected].sort());
    expect(paths.length).toBe(16);
    // Dated first by earliest end, then recurring/ongoing, then none.
    expect(paths.slice(0, 3)).toEqual(["三/(一)/19", "三/(二)/20", "四/22"]);
    expect(paths.at(-1)).toBe("二/(六)/16");
    const keys = items(a).map((r) => (r.cells.due ? `0${r.cells.due.slice(0, 10)}` : r.cells.deadline === "未明确" ? "2" : "1"));
    expect(keys).toEqual([...keys].sort());
    // Roles.
    expect(item(a, "二/(四)/12").cells.role).toBe("牵头");
    expect(item(a, "一/1").cells.role).toBe("配合");
    expect(item(a, "五/24").cells.role).toBe("责任");
    // Marks relative to 2022-03-20.
    expect(item(a, "三/(二)/20").cells.mark).toBe("已逾期");
    expect(item(a, "三/(二)/20").mark).toBe("overdue");
    expect(item(a, "五/29").cells.mark).toBe("30日内到期");
    expect(item(a, "五/29").mark).toBe("due-soon");
    expect(item(a, "四/21").cells.mark).toBe("30日内到期"); // 3月中旬 = 2022-03-20 is due, not overdue
    expect(item(a, "四/22").cells.mark).toBe("已逾期；30日内到期");
    expect(item(a, "二/(四)/12").cells.mark).toBe("");
    expect(item(a, "二/(四)/12").mark).toBeNull();
    expect(item(a, "五/28").cells.mark).toBe("持续推进");
    expect(item(a, "二/(五)/15").cells.mark).toBe("定期");
    expect(item(a, "二/(六)/16").cells.mark).toBe("时限未明确");
    expect(a.meta).toContain("共 16 项（已逾期 4 项，30日内到期 4 项）");
    // A later as-of date moves the marks.
    const later = dutyList("金融工作局", [fx.mianyang], "2022-12-15");
    expect(item(later, "二/(四)/12").cells.mark).toBe("30日内到期");
    expect(item(later, "五/29").cells.mark).toBe("已逾期");
  });

  it("finds a unit by other spellings and by canonical name, per document region", () => {
    const pbc = dutyList("人民银行绵阳市中心支行", fx.all, AS_OF, { includeContent: false });
    const paths = items(pbc).map((r) => r.cells.path);
    expect(paths).toEqual(expect.arrayContaining(["二/(一)/2", "四/23", "五/28", "四/21"])); // 人行绵阳市中心支行 and 人行绵阳中心支行
    expect(item(pbc, "五/28").cells.role).toBe("配合");
    // The typo 市科技和知识局 is still the 市科技和知识产权局 (its canonical name).
    const ip = dutyList("攀枝花市科技和知识产权局", fx.all, AS_OF);
    expect(items(ip).map((r) => r.cells.path)).toContain("三/(三)/5");
    expect(items(ip).every((r) => r.docId === fx.panzhihua.id || r.docId !== fx.mianyang.id)).toBe(true);
    // 市财政局 in 绵阳 is not 攀枝花's; unknown units give an empty list that says so.
    expect(items(dutyList("绵阳市财政局", [fx.panzhihua], AS_OF))).toEqual([]);
    expect(dutyList("不存在的局", fx.all, AS_OF).meta).toContain("所选文件中未找到该单位");
    expect(() => dutyList("市财政局", fx.all, "2022/03/20")).toThrow(/YYYY-MM-DD/);
    // Without an as-of date: today in China.
    expect(dutyList("市财政局", fx.all).asOf).toBe(todayInChina());
    expect(todayInChina(new Date("2022-03-19T17:00:00Z"))).toBe("2022-03-20");
  });
});

describe("filtered table", () => {
  it("any (document, measure) pairs: one sheet per document, document order, with their headings", () => {
    const t = filteredTable(
      [
        { document: fx.panzhihua, measure: "四/(三)" },
        { document: fx.mianyang, measure: fx.mianyang.measures[27] },
        { document: fx.mianyang, measure: `${fx.mianyang.id}:二/(一)/2` },
        { document: fx.panzhihua, measure: "三/(一)/1" },
        { document: fx.mianyang, measure: "不存在" },
      ],
      { title: "检索：考评" },
    );
    expect(t.kind).toBe("filtered");
    expect(t.sheets.map((s) => s.title)).toEqual([fx.panzhihua.title, fx.mianyang.title]);
    expect(t.sheets[0].rows.map((r) => (r.kind === "section" ? r.text : r.cells.path))).toEqual([
      "三、工作任务", "（一）建立比较完善的知识产权质押融资政策体系", "三/(一)/1", "四、工作要求", "四/(三)",
    ]);
    expect(t.sheets[1].rows.map((r) => (r.kind === "section" ? r.text : r.cells.path))).toEqual([
      "二、间接融资支持措施", "（一）增加科创企业信贷供给", "二/(一)/2", "五、保障体系支持措施", "五/28",
    ]);
    expect(t.meta[0]).toBe("共 2 个文件、4 项措施");
  });
});

// ---- renderers, read back -------------------------------------------------------------------------
