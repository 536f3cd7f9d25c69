import type ExcelJS from "exceljs";

/** Rows of a worksheet as arrays of cell text (1-based columns shifted to 0-based). */
export function sheetRows(ws: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(row.getCell(c).text);
    rows.push(cells);
  }
  return rows;
}
