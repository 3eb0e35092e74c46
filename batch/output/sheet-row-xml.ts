import exceljsUtils from 'exceljs/lib/utils/utils.js';

/** exceljs's value types (`Enums.ValueType`) of the cells a report writes. */
export const SHEET_VALUE_TYPE = { null: 0, number: 2, string: 3, boolean: 9 } as const;

/** The exceljs value type of a cell value, for its style (`StylesXform.addStyleModel`). */
export function sheetValueType(value: string | number | boolean | null): number {
  if (value === null) return SHEET_VALUE_TYPE.null;
  if (typeof value === 'string') return SHEET_VALUE_TYPE.string;
  return typeof value === 'number' ? SHEET_VALUE_TYPE.number : SHEET_VALUE_TYPE.boolean;
}

/**
 * exceljs writes no row without a value (its number is used up all the same), and so never
 * asks for its cells' styles either.
 */
export function rowHasValue(values: readonly { readonly value: string | number | boolean | null }[]): boolean {
  return values.some((c) => c.value !== null);
}

/** A cell of a report row: its value and the style id exceljs gave its style (0: the default). */
export interface SheetCell {
  readonly value: string | number | boolean | null;
  readonly styleId: number;
}

/**
 * One `<row>` of a worksheet, the same characters exceljs's streaming writer writes when a row's
 * values are set from column A on (`Worksheet.addRow([...])`), each cell given a style, and the
 * row committed: the report's rows and nothing more (no height, outline, hiding, formula,
 * hyperlink, rich text or shared string). exceljs builds a row object, a cell object per value
 * and an XML tree per row before this text; for the 18,000-line Journal sheet that was most of
 * the workbook's time. The row itself has the default style (a row style would add `s` and
 * `customFormat`; the report never sets one). Text is escaped by exceljs's own `xmlEncode`. A property test
 * (report-workbook.test.ts) holds every sheet written this way to the same sheet written
 * through exceljs's rows.
 *
 * `letters` are the column letters (`A`, `B`, …) of the cells. Only for a row with a value
 * (`rowHasValue`).
 */
export function sheetRowXml(rowNumber: number, cells: readonly SheetCell[], letters: readonly string[]): string {
  let xml = `<row r="${rowNumber}" spans="1:${cells.length}" x14ac:dyDescent="0.25">`;
  for (let i = 0; i < cells.length; i++) {
    const { value, styleId } = cells[i]!;
    if (value === null && !styleId) continue; // exceljs skips an empty cell without a style
    xml += `<c r="${letters[i]}${rowNumber}"`;
    if (styleId) xml += ` s="${styleId}"`;
    if (value === null) xml += '/>';
    else if (typeof value === 'number') xml += `><v>${exceljsUtils.xmlEncode(String(value))}</v></c>`;
    else if (typeof value === 'boolean') xml += ` t="b"><v>${value ? '1' : '0'}</v></c>`;
    else xml += ` t="str"><v>${exceljsUtils.xmlEncode(value)}</v></c>`;
  }
  return `${xml}</row>`;
}
