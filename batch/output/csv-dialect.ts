/**
 * How a CSV is spelled. `rfc4180` (the default) is what accounting imports read: `,` between
 * fields, `.` as decimal mark, no byte-order mark. `excel-eu` is what Excel reads by double-click
 * where the list separator is `;` (Dutch, German, French, Swedish… Windows settings): `;`
 * between fields, `,` as decimal mark, and a UTF-8 byte-order mark, without which Excel reads the
 * file in the ANSI code page and garbles non-ASCII names. Dates stay ISO `yyyy-MM-dd` in both,
 * which every Excel reads as a date.
 */
export interface CsvDialect {
  readonly name: CsvDialectName;
  readonly separator: ',' | ';';
  readonly decimalMark: '.' | ',';
  readonly bom: boolean;
}

export type CsvDialectName = 'rfc4180' | 'excel-eu';

export const CSV_DIALECTS: Readonly<Record<CsvDialectName, CsvDialect>> = {
  rfc4180: { name: 'rfc4180', separator: ',', decimalMark: '.', bom: false },
  'excel-eu': { name: 'excel-eu', separator: ';', decimalMark: ',', bom: true },
};

export const DEFAULT_DIALECT = CSV_DIALECTS.rfc4180;

export function isCsvDialectName(name: string): name is CsvDialectName {
  return Object.hasOwn(CSV_DIALECTS, name);
}

/**
 * The dialect a report file was written in, from its first line (BOM already stripped): a header
 * of this project's reports holds the separator and never the other one.
 */
export function dialectOfHeader(headerLine: string): CsvDialect {
  return headerLine.includes(';') && !headerLine.includes(',') ? CSV_DIALECTS['excel-eu'] : CSV_DIALECTS.rfc4180;
}
