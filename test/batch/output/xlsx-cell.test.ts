import { describe, expect, test } from 'vitest';
import { toXlsxCell } from '../../../batch/output/xlsx-cell.js';
import { NUMBER_FORMATS } from '../../../core/number-formats.js';
import { isoDate } from '../../../core/calendar/calendar-date.js';
import { plainCellValue } from '../../../batch/input/read-workbook-table.js';
import { cellValueText } from '../../../core/tables/cell-value-text.js';

describe('a date in the reconciliation workbook (docs/RULES.md, "Workbook cells")', () => {
  test('is its 1900 serial with a date format', () => {
    expect(toXlsxCell({ type: 'date', date: isoDate('2021-01-01') }, 'date')).toEqual({ value: 44_197, numFmt: NUMBER_FORMATS.date });
  });

  test.each(['1899-12-30', '1850-06-15'])('%s, which the 1900 system has no serial for, is its ISO text, read back as the same date', (date) => {
    const cell = toXlsxCell({ type: 'date', date: isoDate(date) }, 'date');
    expect(cell).toEqual({ value: date });
    expect(cellValueText(plainCellValue(cell.value, '1900').value, 'date', '1900')).toBe(date);
  });
});
