/**
 * exceljs's streaming workbook writer on its own (the class exceljs exports as
 * `stream.xlsx.WorkbookWriter`), so that writing the report loads the writer and what it needs
 * but not exceljs's readers; see `report-workbook.ts`.
 */
declare module 'exceljs/lib/stream/xlsx/workbook-writer.js' {
  import type ExcelJS from 'exceljs';

  const WorkbookWriter: typeof ExcelJS.stream.xlsx.WorkbookWriter;
  export default WorkbookWriter;
}

/** exceljs's XML text escaping (what its writer applies to every cell's text). */
declare module 'exceljs/lib/utils/utils.js' {
  const utils: { xmlEncode(text: string): string };
  export default utils;
}
