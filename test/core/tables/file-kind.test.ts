import { describe, expect, test } from 'vitest';
import { contentKind, fileKindDecision } from '../../../core/tables/file-kind.js';
import { sniffEncoding } from '../../../core/tables/text-encoding.js';
import { makeZip } from '../../support/make-zip.js';

const text = new Uint8Array(Buffer.from('earningId,participantId\nE1,P1\n'));
const ole2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
const zipOfCsv = new Uint8Array(makeZip([{ name: 'earnings.csv', data: 'earningId\nE1\n' }]));
const xlsx = new Uint8Array(makeZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'xl/workbook.xml', data: '<workbook/>' }]));
const xlsxOtherWriter = new Uint8Array(makeZip([{ name: 'xl/workbook.xml', data: '<workbook/>' }]));
const emptyZip = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

describe("core's file kind: the bytes say what a file holds, the name only whether a zip is meant", () => {
  test.each([
    ['text', text, 'text'],
    ['an Excel 97-2003 workbook (OLE2)', ole2, 'legacy_workbook'],
    ['a zip of CSVs', zipOfCsv, 'zip'],
    ['an empty zip', emptyZip, 'zip'],
    ['an .xlsx (its content types first, as Excel writes it)', xlsx, 'workbook'],
    ['an .xlsx whose first part is in xl/', xlsxOtherWriter, 'workbook'],
    ['nothing at all', new Uint8Array(0), 'text'],
  ])('%s is %s', (_what, head, kind) => {
    expect(contentKind(head.subarray(0, 64))).toBe(kind);
  });

  test.each<[string, string, Uint8Array, ReturnType<typeof fileKindDecision>]>([
    ['text named .csv', 'earnings.csv', text, 'text'],
    ['a CSV named .xlsx', 'earnings.xlsx', text, 'text'],
    ['text named .txt', 'notes.txt', text, 'text'],
    ['a zip named .zip', 'export.zip', zipOfCsv, 'zip'],
    ['a zip named .ZIP', 'EXPORT.ZIP', zipOfCsv, 'zip'],
    ['a zip named .csv', 'export.csv', zipOfCsv, { refused: 'zip_signature' }],
    ['an .xlsx', 'book.xlsx', xlsx, { refused: 'workbook' }],
    ['an .xlsx named .csv', 'book.csv', xlsx, { refused: 'workbook' }],
    ['an .xlsx named .zip', 'book.zip', xlsx, { refused: 'workbook' }],
    ['an .xls', 'book.xls', ole2, { refused: 'legacy_workbook' }],
    ['an .xls named .csv', 'book.csv', ole2, { refused: 'legacy_workbook' }],
    ['text named .zip (then found damaged by the zip reader)', 'export.zip', text, 'zip'],
  ])('%s (%s): %j', (_what, name, head, decision) => {
    expect(fileKindDecision(name, head.subarray(0, 64))).toEqual(decision);
  });

  test.each([
    ['a workbook', xlsx, 'workbook'],
    ['an Excel 97-2003 workbook', ole2, 'legacy_workbook'],
    ['a zip', zipOfCsv, 'zip_signature'],
  ])('%s inside a zip, under an export\'s name, is refused as unsupported_file when its text is decoded', (_what, bytes, reason) => {
    expect(sniffEncoding(bytes.subarray(0, 64))).toEqual({ ok: false, code: 'unsupported_file', reason });
  });
});
