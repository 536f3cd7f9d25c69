// DOCX with the `docx` library: landscape A4, titled after the policy (or the unit's 责任清单), one
// real Word table per sheet with its header row repeated on every page. Chinese faces are set as
// the East Asian font (黑体 for titles and headers, 仿宋 for meta lines, 宋体 in the table).
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
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
import { displayWidth, xmlSafe } from "./text.ts";

const LATIN = "Times New Roman";
const face = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia });
const HEI = face("黑体");
const FANGSONG = face("仿宋");
const SONG = face("宋体");

// A4 in twips (portrait numbers; the library swaps them for landscape); 1.5 cm side margins, 1.27 cm top and bottom.
const A4_WIDTH = 11906;
const A4_HEIGHT = 16838;
const MARGIN = 850;
const MARGIN_Y = 720;
const TABLE_WIDTH = A4_HEIGHT - 2 * MARGIN;

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "808080" };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };
const SECTION_FILL = ["D9E1F2", "E9EEF8", "F3F6FB"];
const DUE_SOON_FILL = "FFF2CC";
const OVERDUE_COLOR = "C00000";
const CELL_MARGIN = { top: 20, bottom: 20, left: 60, right: 60 };
const LIGHT_FILL: Record<string, string> = { 红: "F4CCCC", 黄: "FFF2CC", 绿: "D9EAD3", 灰: "E7E6E6" };
/** Twips of one display-width unit of 10-point table text (a CJK character is two units). */
const UNIT_TWIPS = 100;
const CENTRED = new Set(["no", "path", "role", "status", "mark", "light", "completed", "due"]);

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

/** The longest run a line cannot break inside (Latin letters, digits, dashes), in display units. */
function longestRun(text: string): number {
  let best = 0;
  for (const run of text.match(/[\x21-\x7e\u2010-\u2015]+/g) ?? []) best = Math.max(best, displayWidth(run));
  return best;
}

/**
 * Column widths in twips: shares of the page width by the columns' widths, but never narrower than
 * the longest unbreakable run of a cell (a date such as 2022-02-28 must not wrap) or the header.
 */
function columnWidths(cols: Column[], sheet?: TableSheet): number[] {
  const min = cols.map((c) => {
    let run = displayWidth(c.header);
    for (const r of sheet?.rows ?? []) if (r.kind === "item") run = Math.max(run, longestRun(r.cells[c.key] ?? ""));
    return Math.min(TABLE_WIDTH / 3, run * UNIT_TWIPS + CELL_MARGIN.left + CELL_MARGIN.right + 40);
  });
  const fixed = new Set<number>();
  let widths: number[] = [];
  for (let round = 0; round <= cols.length; round++) {
    const free = TABLE_WIDTH - [...fixed].reduce((w, i) => w + min[i], 0);
    const total = cols.reduce((w, c, i) => w + (fixed.has(i) ? 0 : c.width), 0);
    widths = cols.map((c, i) => (fixed.has(i) ? min[i] : Math.floor((free * c.width) / total)));
    const short = widths.findIndex((w, i) => !fixed.has(i) && w < min[i]);
    if (short < 0) break;
    fixed.add(short);
  }
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
          children: paragraphs(c.header, { bold: true, center: true, font: HEI, size: 20 }),
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
        children: paragraphs(row.text, { bold: true, font: HEI, size: 20 }),
      }),
    ],
  });
}

function itemRow(row: ItemRow, cols: Column[]): TableRow {
  return new TableRow({
    children: cols.map((c) => {
      const overdue = c.key === "mark" && row.mark === "overdue";
      const fill = c.key === "light" && row.light ? LIGHT_FILL[row.light] : row.mark === "due-soon" ? DUE_SOON_FILL : undefined;
      return new TableCell({
        shading: fill ? { type: ShadingType.CLEAR, color: "auto", fill } : undefined,
        children: paragraphs(row.cells[c.key] ?? "", {
          center: CENTRED.has(c.key),
          bold: overdue,
          color: overdue ? OVERDUE_COLOR : undefined,
        }),
      });
    }),
  });
}

function sheetTable(table: ExportTable, sheet: TableSheet): Table {
  const cols = table.columns.filter((c) => !c.hidden);
  const widths = columnWidths(cols, sheet);
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
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 120, line: 240, lineRule: LineRuleType.AUTO }, children: [new TextRun({ text: xmlSafe(text), bold: true, font: HEI, size })] });

const metaParagraph = (text: string) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 60, line: 240, lineRule: LineRuleType.AUTO }, children: [new TextRun({ text: xmlSafe(text), font: FANGSONG, size: 22 })] });

/** The table as a Word document. */
export async function renderDocx(table: ExportTable): Promise<Buffer> {
  const children: (Paragraph | Table)[] = titleLines(table).map((t, i) => titleParagraph(t, i === 0 ? 32 : 26));
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
          // Exact 12.5-point lines: rows as tall as their text whatever font the reader substitutes.
          paragraph: { spacing: { before: 0, after: 0, line: 250, lineRule: LineRuleType.EXACT } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4_WIDTH, height: A4_HEIGHT, orientation: PageOrientation.LANDSCAPE },
            margin: { top: MARGIN_Y, bottom: MARGIN_Y + 60, left: MARGIN, right: MARGIN, footer: 360 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ["第 ", PageNumber.CURRENT, " 页，共 ", PageNumber.TOTAL_PAGES, " 页"], size: 18 })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
