/**
 * exceljs, loaded on first use by whatever needs it (writing `--format xlsx`, reading a workbook):
 * it and its zip and XML libraries take ~25 MB of heap and a tenth of a second to load, which every
 * CSV run would otherwise pay. Node hands a CommonJS module to import() as its default.
 */
export async function loadExcelJs(): Promise<typeof import('exceljs')> {
  const loaded = await import('exceljs');
  return (loaded as { default?: typeof loaded }).default ?? loaded;
}
