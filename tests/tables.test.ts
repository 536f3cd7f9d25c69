// 任务分工表: rows of a task-assignment table become measures with their 牵头/配合 units and 完成时限.
import { describe, expect, it } from "vitest";
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, WidthType } from "docx";
import { loadBuffer } from "../extract/loaders/index.ts";
import { extractDocument } from "../extract/document.ts";

const cell = (...paras: string[]) => new TableCell({ children: paras.map((p) => new Paragraph(p)), width: { size: 20, type: WidthType.PERCENTAGE } });
const row = (...cells: TableCell[]) => new TableRow({ children: cells });

async function taskTableDocx(): Promise<Buffer> {
  const doc = new Document({
    sections: [{
      children: [
        new Paragraph({ text: "绵阳市人民政府办公室关于印发《绵阳市科技金融重点工作任务分工方案》的通知", alignment: AlignmentType.CENTER }),
        new Paragraph("绵府办发〔2023〕5号"),
        new Paragraph("各县市区人民政府，市政府各部门：现将《绵阳市科技金融重点工作任务分工方案》印发给你们，请认真贯彻执行。"),
        new Paragraph("绵阳市人民政府办公室"),
        new Paragraph("2023年3月1日"),
        new Paragraph("附件"),
        new Paragraph("重点工作任务分工表"),
        new Table({
          rows: [
            row(cell("序号"), cell("重点任务"), cell("牵头单位"), cell("配合单位"), cell("完成时限")),
            row(cell("一、信贷支持")),
            row(cell("1"), cell("设立科技信贷风险补偿资金，规模达到5000万元。"), cell("市财政局"), cell("市科技局", "市金融工作局"), cell("2023年6月底前")),
            row(cell("2"), cell("推动设立1~2家科技支行。"), cell("人行绵阳市中心支行"), cell("绵阳银保监分局、市金融工作局"), cell("持续推进")),
            row(cell("二、直接融资")),
            row(cell("3"), cell("支持科创企业上市挂牌，新增上市企业不少于3家。"), cell("市金融", "工作局"), cell(""), cell("每年12月20日前")),
          ],
        }),
      ],
    }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

describe("task-assignment tables", () => {
  it("DOCX table rows are measures with units, deadlines and targets", async () => {
    const loaded = await loadBuffer(await taskTableDocx(), "fengong.docx");
    const { document: d } = extractDocument(loaded, "fengong.docx");
    expect(d.title).toBe("绵阳市科技金融重点工作任务分工方案");
    expect(d.docNumber).toBe("绵府办发〔2023〕5号");
    expect(d.measures.map((m) => m.path)).toEqual(["附件/一/1", "附件/一/2", "附件/二/3"]);
    const [m1, m2, m3] = d.measures;
    expect(m1.title).toBe("设立科技信贷风险补偿资金，规模达到5000万元");
    expect(m1.units).toEqual([
      { role: "lead", name: "市财政局", canonical: "绵阳市财政局" },
      { role: "coop", name: "市科技局", canonical: "绵阳市科技局" },
      { role: "coop", name: "市金融工作局", canonical: "绵阳市金融工作局" },
    ]);
    expect(m1.deadlines).toEqual([{ text: "2023年6月底前", kind: "date", start: null, end: "2023-06-30", recurrence: null }]);
    expect(m1.targets.map((t) => [t.comparator, t.min, t.unit])).toEqual([[">=", 50000000, "元"]]);
    expect(m2.units.map((u) => `${u.role}:${u.name}`)).toEqual(["lead:人行绵阳市中心支行", "coop:绵阳银保监分局", "coop:市金融工作局"]);
    expect(m2.deadlines[0]).toMatchObject({ kind: "ongoing", text: "持续推进" });
    expect(m2.targets[0]).toMatchObject({ comparator: "range", min: 1, max: 2, unit: "家" });
    // A unit name broken across two paragraphs of its cell is one unit.
    expect(m3.units).toEqual([{ role: "lead", name: "市金融工作局", canonical: "绵阳市金融工作局" }]);
    expect(m3.deadlines[0]).toMatchObject({ kind: "recurring", recurrence: "yearly:12-20" });
    expect(m3.text).toContain("牵头单位:市金融工作局");
  });

  it("a tab-separated table in a TXT file reads the same way", async () => {
    const txt = [
      "某县科技创新工作任务分工",
      "序号\t主要任务\t责任单位\t完成时间",
      "1\t建立科技型企业培育库。\t县科技局、县经信局\t2024年底前",
      "2\t开展科技金融对接活动。\t县金融办\t按季度",
    ].join("\n");
    const loaded = await loadBuffer(Buffer.from(txt), "fengong.txt");
    const { document: d } = extractDocument(loaded, "fengong.txt");
    expect(d.measures.map((m) => [m.path, m.title])).toEqual([["1", "建立科技型企业培育库"], ["2", "开展科技金融对接活动"]]);
    expect(d.measures[0].units.map((u) => `${u.role}:${u.name}`)).toEqual(["responsible:县科技局", "responsible:县经信局"]);
    expect(d.measures[0].deadlines[0]).toMatchObject({ kind: "date", end: "2024-12-31" });
    expect(d.measures[1].deadlines[0]).toMatchObject({ kind: "recurring", recurrence: "quarterly" });
  });
});

describe("task-assignment tables in PDF", () => {
  it("rows come from the table's ruling lines, across pages, with a row split by a page break joined", async () => {
    const { readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { OWN_FIXTURES } = await import("./helpers/paths.ts");
    // tests/fixtures/fengong.pdf: a 任务分工表 of 24 rows over 3 pages, printed to PDF by LibreOffice.
    const loaded = await loadBuffer(readFileSync(join(OWN_FIXTURES, "fengong.pdf")), "fengong.pdf");
    const { document: d } = extractDocument(loaded, "fengong.pdf");
    expect(d.measures.map((m) => m.path)).toEqual(Array.from({ length: 24 }, (_, i) => `附件/一/${i + 1}`));
    const m9 = d.measures[8];
    expect(m9.title).toBe("支持科创企业上市挂牌，新增上市企业不少于3家");
    expect(m9.units.map((u) => `${u.role}:${u.name}`)).toEqual(["lead:市金融工作局", "coop:市财政局"]);
    expect(m9.deadlines[0]).toMatchObject({ kind: "recurring", recurrence: "yearly:12-20" });
    const m2 = d.measures[1];
    // Unit names broken across the lines of a cell are whole again.
    expect(m2.units.map((u) => `${u.role}:${u.name}`)).toEqual(["lead:人行绵阳市中心支行", "coop:绵阳银保监分局", "coop:市金融工作局"]);
    expect(m2.targets[0]).toMatchObject({ comparator: "range", min: 1, max: 2, unit: "家" });
    expect(d.measures[0].deadlines[0]).toMatchObject({ kind: "date", end: "2023-06-30" });
  });
});
