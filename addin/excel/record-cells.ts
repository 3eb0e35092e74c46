import type { ColumnKind, ColumnSpec } from '../../core/workbook-layout.js';
import { parseDate, type DateSystem } from '../../core/calendar/calendar-date.js';
import { booleanFromCell, dateToCell, decimalTextToCell, textToCell, type CellValue } from './cell-values.js';

/**
 * A text record (what core's `…ToRow` functions return) as table cells in `columns` order:
 * amounts and shares as numbers, dates as Excel serials in the workbook's date system (asked for
 * only when a column is a date), text neutralised.
 */
export function recordToCells(record: Readonly<Record<string, string>>, columns: readonly ColumnSpec<Exclude<ColumnKind, 'date'>>[]): CellValue[];
export function recordToCells(record: Readonly<Record<string, string>>, columns: readonly ColumnSpec[], system: DateSystem): CellValue[];
export function recordToCells(record: Readonly<Record<string, string>>, columns: readonly ColumnSpec[], system?: DateSystem): CellValue[] {
  return columns.map((column) => {
    const text = record[column.name] ?? '';
    if (text === '') return '';
    switch (column.kind) {
      case 'amount':
      case 'amountUSD':
      case 'share':
      case 'integer':
        return decimalTextToCell(text) ?? textToCell(text);
      case 'date': {
        const d = parseDate(text);
        // The overloads ask for a system wherever a column is a date.
        return d.ok ? dateToCell(d.value, system!) : textToCell(text);
      }
      case 'boolean':
        return booleanFromCell(text) ?? textToCell(text);
      default:
        return textToCell(text);
    }
  });
}
