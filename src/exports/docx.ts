// DOCX with the `docx` library: landscape A4, titled after the policy (or the unit's 责任清单), one
// real Word table per sheet with its header row repeated on every page. Chinese faces are set as
// the East Asian font (黑体 for titles and headers, 仿宋 for meta lines, 宋体 in the table).
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageBreak,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import { fullTitle, titleLines, type Column, type ExportTable, type ItemRow, type SectionRow, type TableSheet } from "./model.ts";
import { xmlSafe } from "./text.ts";

const LATIN = "Times New Roman";
const face = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia });
const HEI = face("黑体");
const FANGSONG = face("仿宋");
const SONG = face("宋体");

// A4 in twips (portrait numbers; the library swaps them for landscape) and 2 cm margins.
const A4_WIDTH = 11906;
const A4_HEIGHT = 16838;
const MARGIN = 1134;
const TABLE_WIDTH = A4_HEIGHT - 2 * MARGIN;

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "808080" };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };
const SECTION_FILL = ["D9E1F2", "E9EEF8", "F3F6FB"];
const DUE_SOON_FILL = "FFF2CC";
const OVERDUE_COLOR = "C00000";
const CELL_MARGIN = { top: 40, bottom: 40, left: 80, right: 80 };

/**
 * One paragraph per line of the text (a Word cell must hold at least one paragraph). Table text
 * takes its font, size and spacing from the document defaults; only what differs is set, which
 * keeps large tables fast to build.
 */
function paragraphs(text: string, opts: { bold?: boolean; color?: string; center?: boolean; font?: typeof SONG; size?: number } = {}): Paragraph[] {
  return xmlSafe(text)
    .split("\n")
    .map(
      (line) =>
        new Paragraph({
          alignment: opts.center ? AlignmentType.CENTER : undefined,
          children: [new TextRun({ text: line, bold: opts.bold, color: opts.color, font: opts.font, size: opts.size })],
        }),
    );
}

function columnWidths(cols: Column[]): number[] {
  const total = cols.reduce((w, c) => w + c.width, 0);
  const widths = cols.map((c) => Math.floor((TABLE_WIDTH * c.width) / total));
  widths[widths.length - 1] += TABLE_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function headerRow(cols: Column[], widths: number[]): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: cols.map(
      (c, i) =>
        new TableCell({
          width: { size: widths[i], type: WidthType.DXA },
          verticalAlign: VerticalAlign.CENTER,
          shading: { type: ShadingType.CLEAR, color: "auto", fill: "D0D0D0" },
          children: paragraphs(c.header, { bold: true, center: true, font: HEI, size: 21 }),
        }),
    ),
  });
}

function sectionRow(row: SectionRow, n: number): TableRow {
  return new TableRow({
    cantSplit: true,
    children: [
      new TableCell({
        columnSpan: n,
        width: { size: TABLE_WIDTH, type: WidthType.DXA },
        shading: { type: ShadingType.CLEAR, color: "auto", fill: SECTION_FILL[Math.min(row.depth, SECTION_FILL.length - 1)] },
        margins: row.depth > 0 ? { ...CELL_MARGIN, left: CELL_MARGIN.left + 240 * row.depth } : undefined,
        children: paragraphs(row.text, { bold: true, font: HEI, size: 21 }),
      }),
    ],
  });
}

function itemRow(row: ItemRow, cols: Column[]): TableRow {
  return new TableRow({
    children: cols.map((c) => {
      const overdue = c.key === "status" && row.mark === "overdue";
      return new TableCell({
        shading: row.mark === "due-soon" ? { type: ShadingType.CLEAR, color: "auto", fill: DUE_SOON_FILL } : undefined,
        children: paragraphs(row.cells[c.key] ?? "", {
          center: c.key === "path" || c.key === "role" || c.key === "status",
          bold: overdue,
          color: overdue ? OVERDUE_COLOR : undefined,
        }),
      });
    }),
  });
}

function sheetTable(table: ExportTable, sheet: TableSheet): Table {
  const cols = table.columns;
  const widths = columnWidths(cols);
  return new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    margins: CELL_MARGIN,
    rows: [headerRow(cols, widths), ...sheet.rows.map((r) => (r.kind === "section" ? sectionRow(r, cols.length) : itemRow(r, cols)))],
  });
}

const titleParagraph = (text: string, size: number) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 120 }, children: [new TextRun({ text: xmlSafe(text), bold: true, font: HEI, size })] });

const metaParagraph = (text: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 60 }, children: [new TextRun({ text: xmlSafe(text), font: FANGSONG, size: 22 })] });

/** The table as a Word document. */
export async function renderDocx(table: ExportTable): Promise<Buffer> {
  const children: (Paragraph | Table)[] = titleLines(table).map((t, i) => titleParagraph(t, i === 0 ? 36 : 28));
  const single = table.sheets.length === 1 && table.sheets[0].title === table.title;
  for (const line of table.meta) children.push(metaParagraph(line));
  table.sheets.forEach((sheet, i) => {
    if (!single) {
      if (i > 0) children.push(new Paragraph({ children: [new PageBreak()] }));
      children.push(titleParagraph(sheet.title, 28));
      if (sheet.meta.join() !== table.meta.join()) for (const line of sheet.meta) children.push(metaParagraph(line));
    }
    children.push(sheetTable(table, sheet));
  });
  if (table.sheets.length === 0) children.push(metaParagraph("没有可导出的措施"));
  const doc = new Document({
    title: fullTitle(table),
    subject: table.subtitle,
    creator: "政策知识服务",
    styles: {
      default: {
        document: {
          run: { font: SONG, size: 20, language: { value: "zh-CN", eastAsia: "zh-CN" } },
          paragraph: { spacing: { before: 0, after: 0, line: 276 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4_WIDTH, height: A4_HEIGHT, orientation: PageOrientation.LANDSCAPE },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
