import ExcelJS from 'exceljs';

/** A cell to write: a value exceljs takes (number, text, Date, formula, rich text...), or null for none. */
export type SheetCell = ExcelJS.CellValue;

/** Writes a workbook with the given sheets (name -> rows), optionally with a date format on Date cells. */
export async function writeWorkbook(file: string, sheets: Record<string, SheetCell[][]>): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value === null || value === undefined) return;
        const cell = sheet.getCell(r + 1, c + 1);
        cell.value = value;
        if (value instanceof Date) cell.numFmt = 'yyyy-mm-dd hh:mm';
      });
    });
  }
  await workbook.xlsx.writeFile(file);
}

/** The rows of a CSV text without quotes (the fixtures quote only a comment), numbers as numbers. */
export function csvRows(text: string): SheetCell[][] {
  return text
    .trim()
    .split('\n')
    .map((line) =>
      (line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? [])
        .filter((field, i, all) => i < all.length - 1 || field !== '')
        .map((field) => field.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'))
        .map((field) => (field === '' ? null : /^-?\d+(\.\d+)?$/.test(field) ? Number(field) : field)),
    );
}
