import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { collectEarnings, collectRecords, source, withTempDir } from '../batch/input/helpers.js';
import { readPayments } from '../../batch/input/read-payments.js';
import { REPORT_OPTIONS } from '../../batch/input/csv-records.js';
import type { InputSource } from '../../batch/input/input-source.js';
import type { InputIssue } from '../../batch/input/input-issue.js';
import { expandInputs } from '../../batch/input/expand-inputs.js';
import { sourceFromChunks } from '../../batch/input/input-source.js';
import { readExportFile, readPickedFiles } from '../../addin/import/read-export-file.js';
import { unzipExports } from '../../addin/import/unzip.js';
import { INFLATED_PAST_DECLARED, zipEntrySourceName } from '../../core/tables/zip-entries.js';
import { planImport } from '../../addin/import/plan-import.js';
import { parseExport, parseExportText, unreadableExport } from '../../addin/import/parse-export.js';
import { EARNINGS_COLUMNS, REQUIRED_EARNINGS_COLUMNS } from '../../core/workbook-layout.js';
import { refusesWholeFile, type InputIssueCode } from '../../core/codes.js';
import { HEADER_RECORD_CHARS } from '../../core/tables/header-record.js';
import { makeZip } from '../support/make-zip.js';
import { cellText, earningRowText, earningsLayout, TableEarning } from '../../addin/ledger/earnings-table-record.js';
import { EARNING_ROW_COLUMNS, readEarningRow } from '../../core/reconcile/earning-row.js';
import { EARNING_TEXT_COLUMNS, EARNING_TEXT_FIELDS } from '../../core/reconcile/earning-texts.js';
import type { EarningRecord } from '../../core/reconcile/earning-record.js';
import { scaledToDec } from '../../core/money/scaled-amount.js';

/*
 * The batch job's reader and the add-in's import read the same files the same way: which rows are
 * read, which are blank, which code a bad file gets, how bytes become text, which zip entries are
 * exports and in which order sources are read (core/tables; docs/RULES.md, "Earnings export").
 */

const HEADER = 'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency';
const row = (id: string, name = 'x') => `${id},P1,Hosting,Co-op,10.00,10.00,2021-01-05,USD`.replace('P1', name === 'x' ? 'P1' : name);

/** What a reader made of a file: the earnings it read, and each problem as `code@line severity`. */
interface Verdict {
  readonly earnings: string[];
  readonly problems: string[];
}

async function batchVerdict(bytes: Uint8Array, name = 'e.csv', maxRecordChars?: number): Promise<Verdict> {
  return batchVerdictOf(await collectEarnings(source(bytes, name), maxRecordChars === undefined ? {} : { maxRecordChars }));
}

function batchVerdictOf(r: Awaited<ReturnType<typeof collectEarnings>>): Verdict {
  // The rows a run uses: none of a file with an error of its own, which rejects the run even with
  // --skip-bad-rows (core's refusesWholeFile); a row's own error refuses that row only.
  const refused = r.issues.some((i) => refusesWholeFile(i.code as InputIssueCode));
  return {
    earnings: refused ? [] : r.rows.map((e) => `${e.earningId}:${e.participantId}`),
    problems: r.issues.map((i) => `${i.code}@${i.line ?? 1}${i.code === 'record_too_large' && i.columnName ? `:${i.columnName}` : ''} ${i.severity}`).sort(),
  };
}

async function addinVerdict(bytes: Uint8Array, name = 'e.csv', maxRecordChars?: number): Promise<Verdict> {
  const read =
    maxRecordChars === undefined
      ? await readExportFile(Object.assign(new Blob([bytes as Uint8Array<ArrayBuffer>]), { name }))
      : { parsed: [parseExport(name, Buffer.from(bytes).toString('utf8'), { maxRecordChars })] };
  const headers = EARNINGS_COLUMNS.map((c) => c.name);
  const plan = planImport(headers, new Map(), read.parsed, undefined, { dateSystem: '1900' });
  const all = [...headers, ...plan.newColumns];
  return {
    earnings: plan.cells.map((c) => `${readBack(c[all.indexOf('earningId')])}:${readBack(c[all.indexOf('participantId')])}`),
    problems: [
      ...plan.rejected.map((r) => `${r.code}@${r.line}${r.code === 'record_too_large' && r.column ? `:${r.column}` : ''} error`),
      ...plan.warnings.map((w) => `${w.code}@${w.line} warning`),
    ].sort(),
  };
}

/**
 * A cell the import wrote, as the ledger reads it back: Excel keeps no quote prefix in the value
 * (`textToCell`), and the ledger trims a cell's text (`cellText`), as the batch job trims a field.
 */
const readBack = (written: unknown): string => cellText([typeof written === 'string' && written.startsWith("'") ? written.slice(1) : written], 0);

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const utf16le = (text: string) => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
const cp1252 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('the same file through both readers gives the same verdict', () => {
  test.each<[string, Uint8Array, Verdict]>([
    ['an export ending in a line of commas (Excel leaves one): the line is no row', utf8(`${HEADER}\n${row('E1')}\n,,,,,,,\n`), { earnings: ['E1:P1'], problems: [] }],
    ['a line of blank cells between rows, spaces and a tab in them', utf8(`${HEADER}\r\n${row('E1')}\r\n , ,\t, ,,,,\r\n${row('E2')}\r\n`), { earnings: ['E1:P1', 'E2:P1'], problems: [] }],
    ['a blank line of quoted empty cells', utf8(`${HEADER}\n${row('E1')}\n"","", ,,,,,\n`), { earnings: ['E1:P1'], problems: [] }],
    ['a blank line whose empty quoted cell has a space after its quote: blank, its quote not judged', utf8(`${HEADER}\n${row('E1')}\n"" ,,,,,,,\n`), { earnings: ['E1:P1'], problems: [] }],
    // Lines end at the file's line break only (core's lineBreaksIn): the row after a carriage return in a cell is on the next line, not two lines down.
    ['a carriage return alone in a cell of a file of line feeds is a character of its line', utf8(`${HEADER}\nE1,P\r1,Hosting,Co-op,10.00,10.00,2021-01-05,USD\nE2,P1,Hosting,Co-op,x,10.00,2021-01-05,USD\n`), { earnings: ['E1:P\r1'], problems: ['invalid_amount@3 error'] }],
    ['a line feed in a quoted cell of a file of CR LF lines ends a line', utf8(`${HEADER}\r\nE1,"P\n1",Hosting,Co-op,10.00,10.00,2021-01-05,USD\r\nE2,P1,Hosting,Co-op,x,10.00,2021-01-05,USD\r\n`), { earnings: ['E1:P\n1'], problems: ['invalid_amount@4 error'] }],
    // A file of line feeds may mix CR LF lines with LF lines: every line feed ends a record, and a carriage return before one is the line's (core's lastCellText).
    ['CR LF lines, then a line feed alone: two rows', utf8(`${HEADER}\r\n${row('E1')}\n${row('E2')}\r\nE3,P1,Hosting,Co-op,x,10.00,2021-01-05,USD\r\n`), { earnings: ['E1:P1', 'E2:P1'], problems: ['invalid_amount@4 error'] }],
    ['LF lines, then a CR LF line: its carriage return is no part of its last cell', utf8(`${HEADER}\n${row('E1')}\r\nE2,"P1",Hosting,Co-op,10.00,10.00,2021-01-05,"USD"\r\nE3,P1,Hosting,Co-op,x,10.00,2021-01-05,USD\n`), { earnings: ['E1:P1', 'E2:P1'], problems: ['invalid_amount@4 error'] }],
    // A carriage return that ends a file of line feeds ends its last line (core's withLastLineEnded).
    ['a file of line feeds whose last line ends in a carriage return alone, after a quoted cell', utf8(`${HEADER}\n${row('E1')}\nE2,P1,Hosting,Co-op,10.00,10.00,2021-01-05,"USD"\r`), { earnings: ['E1:P1', 'E2:P1'], problems: [] }],
    ['a file of line feeds whose last line ends in a carriage return alone, after a plain cell', utf8(`${HEADER}\n${row('E1')}\nE2,P1,Hosting,Co-op,10.00,10.00,2021-01-05,USD\r`), { earnings: ['E1:P1', 'E2:P1'], problems: [] }],
    ['a file of CR LF lines whose last line ends in a carriage return alone', utf8(`${HEADER}\r\n${row('E1')}\r\n"E2",P1,Hosting,Co-op,x,10.00,2021-01-05,"USD"\r`), { earnings: ['E1:P1'], problems: ['invalid_amount@3 error'] }],
    // The header is the record its line starts (core's headerRecordAt): a quoted header cell may hold a line break.
    ['a header cell holding a line break, as typed in Excel: the rows are numbered below its second line', utf8(`${HEADER.replace('programName', '"program\nName"')}\n${row('E1')}\nE2,P1,Hosting,Co-op,x,10.00,2021-01-05,USD\n`), { earnings: ['E1:P1'], problems: ['invalid_amount@4 error'] }],
    ['a header cell holding a carriage return that is the file\'s first line break: a file of carriage returns, whose header lacks a column', utf8(`${HEADER.replace('transactionCurrency', '"transactionCurrency\r"')}\n${row('E1')}\n`), { earnings: [], problems: ['missing_column@1 error'] }],
    ['a title whose quote is never closed, above the header: the header is still found on its line', utf8(`"Earnings - Default\n${HEADER}\n${row('E1')}\n`), { earnings: ['E1:P1'], problems: [] }],
    ['a quote never closed at the end of a file of line feeds, before a carriage return', utf8(`${HEADER}\n${row('E1')}\nE2,P1,Hosting,Co-op,10.00,10.00,2021-01-05,"USD\r`), { earnings: [], problems: ['unclosed_quote@3 error'] }],
    ['a quoted last cell ending in a carriage return of its own, before a line feed alone', utf8(`${HEADER}\r\n${row('E1')}\r\nE2,P1,Hosting,Co-op,10.00,10.00,2021-01-05,"USD\r"\n${row('E3')}\n`), { earnings: ['E1:P1', 'E2:P1', 'E3:P1'], problems: [] }],
    // The header line is split at the file's line break with that break, as its rows are.
    ['a title ending in a carriage return alone, then lines of line feeds: a file of carriage returns, whose second line is all the rest', utf8(`Earnings - Default\r${HEADER}\n${row('E1')}\n${row('E2')}\n`), { earnings: [], problems: ['missing_column@2 error'] }],
    ['spaces and a carriage return between the header\'s last closing quote and its line feed', utf8(`Earnings\r\n${HEADER.replace('transactionCurrency', '"transactionCurrency"')}\r\r\n${row('E1')}\r\n`), { earnings: ['E1:P1'], problems: [] }],
    ['a header only, on LF lines, whose quoted last cell ends in a carriage return of its own', utf8(`Earnings\n${HEADER.replace('transactionCurrency', '"transactionCurrency\r"')}\n`), { earnings: [], problems: ['no_rows@2 warning'] }],
    ['the same header with no line end after it', utf8(`Earnings\n${HEADER.replace('transactionCurrency', '"transactionCurrency\r"')}`), { earnings: [], problems: ['no_rows@2 warning'] }],
    ['a header only, ending the file of line feeds in a carriage return alone after a closing quote (the batch job lacked the column)', utf8(`Earnings\n${HEADER.replace('transactionCurrency', '"transactionCurrency"')}\r`), { earnings: [], problems: ['no_rows@2 warning'] }],
    ['a header whose quoted last cell ends in a carriage return of its own, then a row', utf8(`Earnings\n${HEADER.replace('transactionCurrency', '"transactionCurrency\r"')}\n${row('E1')}\n`), { earnings: ['E1:P1'], problems: [] }],
    ['carriage returns alone on the first lines of a file of line feeds are white space of one line', utf8(`\n${'\r'.repeat(20)}\n${HEADER}\n${row('E1')}\n`), { earnings: ['E1:P1'], problems: [] }],
    ['text after a closing quote is on the line of that quote, past a quoted cell of two lines', utf8(`${HEADER}\nE1,"P\n1","Host"ing",Co-op,10.00,10.00,2021-01-05,USD\n`), { earnings: [], problems: ['malformed_csv@3 error'] }],
    ['an empty file', utf8(''), { earnings: [], problems: ['empty_file@1 error'] }],
    ['a file of blank lines only', utf8('\r\n  \r\n\t\r\n'), { earnings: [], problems: ['empty_file@1 error'] }],
    ['20 blank lines, then the header: the searched lines are empty', utf8(`${'\r\n'.repeat(20)}${HEADER}\r\n${row('E1')}\r\n`), { earnings: [], problems: ['empty_file@1 error'] }],
    ['19 blank lines, then the header on line 20', utf8(`${'\n'.repeat(19)}${HEADER}\n${row('E1')}\n`), { earnings: ['E1:P1'], problems: [] }],
    ['a byte order mark and nothing else', new Uint8Array([0xef, 0xbb, 0xbf]), { earnings: [], problems: ['empty_file@1 error'] }],
    ['a header and no rows: a warning on the header line', utf8(`Earnings\n${HEADER}\n`), { earnings: [], problems: ['no_rows@2 warning'] }],
    ['a header and only blank lines', utf8(`${HEADER}\n,,,,,,,\n\n`), { earnings: [], problems: ['no_rows@1 warning'] }],
    ['text after a closing quote', utf8(`${HEADER}\n${row('E1')}\n"E2"x",P1,Hosting,Co-op,1,1,2021-01-05,USD\n${row('E3')}\n`), { earnings: ['E1:P1', 'E3:P1'], problems: ['malformed_csv@3 error'] }],
    ['a quote never closed', utf8(`${HEADER}\n${row('E1')}\n"E2,P1,Hosting,Co-op,1,1,2021-01-05,USD\n${row('E3')}\n`), { earnings: [], problems: ['unclosed_quote@3 error'] }],
    ['text after a closing quote that never closes again: the quote is unclosed', utf8(`${HEADER}\n${row('E1')}\n"E2"x,P1,Hosting,Co-op,1,1,2021-01-05,USD\n${row('E3')}\n`), { earnings: [], problems: ['unclosed_quote@3 error'] }],
    // Which of a record's problems is said is core's (recordVerdict), in both.
    ['a blank record whose quote never closes (only white space follows it): unclosed_quote, blank or not', utf8(`${HEADER}\n${row('E1')}\n"  \n\t\n`), { earnings: [], problems: ['unclosed_quote@3 error'] }],
    ['text after a closing quote in a record of the wrong width: malformed_csv, not ragged_row', utf8(`${HEADER}\n${row('E1')}\n"E2"x",P1,Hosting\n${row('E3')}\n`), { earnings: ['E1:P1', 'E3:P1'], problems: ['malformed_csv@3 error'] }],
    ['Windows-1252 bytes ("Müller") in a UTF-8 file', cp1252(`${HEADER}\n${row('E1')}\n${row('E2', 'Müller')}\n`), { earnings: [], problems: ['invalid_encoding@3 error'] }],
    [
      'an amount with more significant digits than a workbook cell holds: the row is refused in both, never rounded',
      utf8(`${HEADER}\n${row('E1')}\nE2,P1,Hosting,Co-op,1499.9999999999999,1499.9999999999999,2021-01-05,USD\n`),
      { earnings: ['E1:P1'], problems: ['invalid_amount@3 error', 'invalid_amount@3 error'] },
    ],
    ['UTF-16 LE with its BOM (Excel\'s "Unicode text")', utf16le(`${HEADER}\r\n${row('E1', 'Müller')}\r\n`), { earnings: ['E1:Müller'], problems: [] }],
    ['UTF-16 without a BOM', new Uint8Array(Buffer.from(`${HEADER}\n${row('E1')}\n`, 'utf16le')), { earnings: [], problems: ['invalid_encoding@1 error'] }],
    ['a zip given a .csv name', new Uint8Array(makeZip([{ name: 'e.csv', data: `${HEADER}\n${row('E1')}\n` }])), { earnings: [], problems: ['unsupported_file@1 error'] }],
    ['a file delimited by | (no export delimiter)', utf8(`${HEADER.replaceAll(',', '|')}\n${row('E1').replaceAll(',', '|')}\n`), { earnings: [], problems: ['header_not_found@1 error'] }],
    ['a semicolon file as a European Excel saves it', utf8(`${HEADER.replaceAll(',', ';')}\n${row('E1').replaceAll(',', ';')}\n`), { earnings: ['E1:P1'], problems: [] }],
  ])('%s', async (_what, bytes, expected) => {
    const batch = await batchVerdict(bytes);
    const addin = await addinVerdict(bytes);
    expect(addin).toEqual(batch);
    // Lines are compared where the batch job gives one; an empty file has none there (line 1 here).
    expect(batch).toEqual(expected);
  });
});

describe('a header is the record its line starts, in both', () => {
  test.each([
    ['a header cell holding a line break', `Earnings\n${HEADER.replace('programName', '"program\nName"')}\n${row('E1')}\nE2,P1,Hosting,Co-op,x,10.00,2021-01-05,USD\n`],
    ['a header cell holding the file\'s first line break, a carriage return', `${HEADER.replace('transactionCurrency', '"transactionCurrency\r"')}\n${row('E1')}\n`],
    ['a title whose quote is never closed', `"Earnings - Default\n${HEADER}\n${row('E1')}\n`],
    ['an unnamed column whose quoted cell holds a line break', `${HEADER},"\n"\r\n${row('E1')},x\r\n`],
  ])('%s: the batch job reads it as the add-in does, its text cut in two at any point', async (_what, text) => {
    const bytes = utf8(text);
    const whole = await addinVerdict(bytes);
    expect(await batchVerdict(bytes)).toEqual(whole);
    for (let cut = 1; cut < bytes.length; cut++) {
      const r = await collectEarnings(sourceFromChunks('e.csv', [bytes.subarray(0, cut), bytes.subarray(cut)]));
      expect(batchVerdictOf(r), `cut at byte ${cut}`).toEqual(whole);
    }
  });
});

describe('a header that lacks columns stops the file there, in both', () => {
  test.each([
    ['a quote never closed after it', 'earningId,participantId\n"x,1\n'],
    ['no row after it', 'earningId,participantId\n'],
    ['a ragged row after it', 'earningId,participantId\nE1\n'],
  ])('%s: missing_column on the header line, and nothing of the rows', async (_what, text) => {
    const [batch, addin] = [await batchVerdict(utf8(text)), await addinVerdict(utf8(text))];
    // The add-in names each missing column in a problem of its own, the batch job all in one.
    const places = (v: Verdict) => [...new Set(v.problems)];
    expect(places(addin)).toEqual(places(batch));
    expect(places(batch)).toEqual(['missing_column@1 error']);
  });
});

describe('a file that is not valid text', () => {
  test('a UTF-8 file cut inside a character is invalid_encoding on its last line in both; the add-in imports none of it, the batch job rejects the run', async () => {
    const bytes = utf8(`${HEADER}\n${row('E1')}\nE2,Mü`).subarray(0, -1);
    const batch = await batchVerdict(bytes);
    const addin = await addinVerdict(bytes);
    expect(batch.problems).toEqual(['invalid_encoding@3 error']);
    expect(addin).toEqual({ earnings: [], problems: ['invalid_encoding@3 error'] });
  });
});

describe('a ragged row is refused by core\'s rule, with the same column and numbers, in both (docs/RULES.md, "Ragged rows")', () => {
  /** Each problem as both adapters give it: where, at which column (by place and header), the cell count and the header's width, and how severe. */
  async function raggedBoth(text: string) {
    const r = await collectEarnings(source(utf8(text), 'e.csv'));
    const batch = r.issues.map((i) => ({ code: i.code, line: i.line, column: i.column, columnName: i.columnName, input: i.params?.['actual'], expected: i.params?.['expected'], severity: i.severity }));
    const plan = planImport(EARNINGS_COLUMNS.map((c) => c.name), new Map(), [parseExport('e.csv', text)], undefined, { dateSystem: '1900' });
    const addin = [
      ...plan.rejected.map((j) => ({ code: j.code, line: j.line, column: j.columnNumber, columnName: j.column, input: j.input, expected: j.expected, severity: 'error' })),
      ...plan.warnings.map((w) => ({ code: w.code, line: w.line, severity: 'warning' })),
    ];
    return { batch, addin };
  }

  test.each<[string, string, { line: number; column: number; columnName?: string; input: string }]>([
    ['a row one cell short: at the column it lacks', `${HEADER}\n${row('E1')}\n${row('E2').replace(/,USD$/, '')}\n`, { line: 3, column: 8, columnName: 'transactionCurrency', input: '7' }],
    ['a row with a trailing empty cell: refused, at the cell past the header', `${HEADER}\n${row('E1')},\n${row('E2')}\n`, { line: 2, column: 9, input: '9' }],
    ['a row with a cell too many, on CRLF lines', `${HEADER}\r\n${row('E1')}\r\n${row('E2')},x\r\n`, { line: 3, column: 9, input: '9' }],
    ['a quoted row two cells short, after a quoted cell across two lines', `${HEADER}\n"E1",P1,"Hosting\nEMEA",Co-op,10.00,10.00,2021-01-05,USD\n"E2",P1,Hosting,Co-op,10.00,10.00\n`, { line: 4, column: 7, columnName: 'earningDate', input: '6' }],
    ['a row of one cell', `${HEADER}\n${row('E1')}\nE2\n`, { line: 3, column: 2, columnName: 'participantId', input: '1' }],
  ])('%s', async (_what, text, expected) => {
    const { batch, addin } = await raggedBoth(text);
    expect(addin).toEqual(batch);
    expect(batch).toEqual([{ code: 'ragged_row', severity: 'error', expected: '8', columnName: undefined, ...expected }]);
  });
});

describe('a broken UTF-16 file is located by core\'s rule in both, wherever the batch job\'s chunks end (docs/RULES.md, "Encoding")', () => {
  const le = (text: string) => Buffer.from(text, 'utf16le');
  const be = (text: string) => Buffer.from(text, 'utf16le').swap16();
  const unitLE = (u: number) => Buffer.from([u & 0xff, u >> 8]);
  const unitBE = (u: number) => Buffer.from([u >> 8, u & 0xff]);
  const body = `${HEADER}\r\n${row('E1')}\r\n`;

  test.each<[string, Buffer, { line: number; input: string }]>([
    ['LE: a high surrogate before a letter, on line 3', Buffer.concat([Buffer.from([0xff, 0xfe]), le(`${body}E2,`), unitLE(0xd83d), le('P1\r\n')]), { line: 3, input: '0xD83D' }],
    ['BE: a low surrogate alone, on line 2', Buffer.concat([Buffer.from([0xfe, 0xff]), be(`${HEADER}\r\nE1,`), unitBE(0xde00), be(',x\r\n')]), { line: 2, input: '0xDE00' }],
    ['LE: an odd last byte (a download cut short), on the last line', Buffer.concat([Buffer.from([0xff, 0xfe]), le(`${body}E2,P`), Buffer.from([0x31])]), { line: 3, input: 'truncated' }],
    ['LE: a high surrogate last', Buffer.concat([Buffer.from([0xff, 0xfe]), le(`${body}E2,`), unitLE(0xd83d)]), { line: 3, input: 'truncated' }],
  ])('%s', async (_what, bytes, expected) => {
    const read = await readExportFile(Object.assign(new Blob([new Uint8Array(bytes)]), { name: 'e.csv' }));
    const plan = planImport(EARNINGS_COLUMNS.map((c) => c.name), new Map(), read.parsed, undefined, { dateSystem: '1900' });
    const addin = plan.rejected.map((r) => ({ code: r.code, line: r.line, input: r.input }));
    expect(addin).toEqual([{ code: 'invalid_encoding', ...expected }]);
    // The batch job reads a stream: the same verdict with its bytes cut in two at every point.
    for (let cut = 1; cut < bytes.length; cut++) {
      const r = await collectEarnings(sourceFromChunks('e.csv', [bytes.subarray(0, cut), bytes.subarray(cut)]));
      const batch = r.issues.map((i) => ({ code: i.code, line: i.line, input: i.params?.['unit'] ?? i.params?.['reason'] }));
      expect(batch, `cut at byte ${cut}`).toEqual(addin);
    }
  });
});

describe("a file's kind is core's, from its first bytes, in both", () => {
  const csv = `${HEADER}\n${row('E1')}\n`;
  const xlsx = makeZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'xl/workbook.xml', data: '<workbook/>' }]);
  const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
  const zipOfCsv = makeZip([{ name: 'e.csv', data: csv }]);

  /** What each adapter makes of a file the user names: the earnings read, and each problem as `code reason severity`. */
  async function bothVerdicts(name: string, bytes: Uint8Array): Promise<[Verdict, Verdict]> {
    return withTempDir(async (dir) => {
      const path = join(dir, name);
      await writeFile(path, bytes);
      const expanded = await expandInputs([path]);
      const batch: Verdict = { earnings: [], problems: expanded.issues.map((i) => `${i.code} ${i.params?.['reason'] ?? ''} ${i.severity}`) };
      for (const src of expanded.sources) {
        const r = await collectEarnings(src);
        batch.earnings.push(...r.rows.map((e) => `${e.earningId}:${e.participantId}`));
        batch.problems.push(...r.issues.map((i) => `${i.code} ${i.params?.['reason'] ?? ''} ${i.severity}`));
      }
      const read = await readExportFile(Object.assign(new Blob([bytes as Uint8Array<ArrayBuffer>]), { name }));
      const plan = planImport(EARNINGS_COLUMNS.map((c) => c.name), new Map(), read.parsed, undefined, { dateSystem: '1900' });
      const headers = [...EARNINGS_COLUMNS.map((c) => c.name), ...plan.newColumns];
      const addin: Verdict = {
        earnings: plan.cells.map((c) => `${String(c[headers.indexOf('earningId')])}:${String(c[headers.indexOf('participantId')])}`),
        problems: plan.rejected.map((r) => `${r.code} ${r.code === 'unsupported_file' ? r.input : ''} error`),
      };
      return [batch, addin];
    });
  }

  test.each<[string, string, Uint8Array, Verdict]>([
    ['an .xlsx named as such', 'earnings.xlsx', new Uint8Array(xlsx), { earnings: [], problems: ['unsupported_file workbook error'] }],
    ['an .xlsx renamed .csv', 'earnings.csv', new Uint8Array(xlsx), { earnings: [], problems: ['unsupported_file workbook error'] }],
    ['an Excel 97-2003 .xls', 'earnings.xls', new Uint8Array(xls), { earnings: [], problems: ['unsupported_file legacy_workbook error'] }],
    ['an .xls renamed .csv', 'earnings.csv', new Uint8Array(xls), { earnings: [], problems: ['unsupported_file legacy_workbook error'] }],
    ['a CSV named .xlsx: its bytes are an export, and it is read', 'earnings.xlsx', utf8(csv), { earnings: ['E1:P1'], problems: [] }],
    ['a zip named .csv', 'earnings.csv', new Uint8Array(zipOfCsv), { earnings: [], problems: ['unsupported_file zip_signature error'] }],
  ])('%s', async (_what, name, bytes, expected) => {
    const [batch, addin] = await bothVerdicts(name, bytes);
    expect(batch).toEqual(expected);
    expect(addin).toEqual(expected);
  });
});

describe("a record past core's cap", () => {
  const cap = 200;
  test.each<[string, string, Verdict]>([
    ['a quote never closed, in a long file: at the open quote, in its column; none of the file is read', `${HEADER}\n${row('E1')}\nE2,"P${'x'.repeat(20)}\n${Array.from({ length: 20 }, (_, i) => row(`R${i}`)).join('\n')}\n`, { earnings: [], problems: ['record_too_large@3:participantId error'] }],
    ['a quoted cell longer than the cap, closed: at its line, in its column; none of the file is read', `${HEADER}\n${row('E1')}\n${row('E2')}\nE3,"${'y'.repeat(300)}",Hosting,Co-op,1,1,2021-01-05,USD\n${row('E4')}\n`, { earnings: [], problems: ['record_too_large@4:participantId error'] }],
    ['a record of many plain cells past the cap: at the line it starts on', `${HEADER}\n${row('E1')}\nE2,${'z'.repeat(250)},Hosting,Co-op,1,1,2021-01-05,USD\n`, { earnings: [], problems: ['record_too_large@3 error'] }],
    ['a record of exactly the cap is read', `${HEADER}\n${row('E1')}\n${`E2,P1,Hosting,Co-op,10.00,10.00,2021-01-05,USD${' '.repeat(cap)}`.slice(0, cap)}\n`, { earnings: ['E1:P1', 'E2:P1'], problems: [] }],
    ['a record one character past the cap', `${HEADER}\n${row('E1')}\n${`E2,P1,Hosting,Co-op,10.00,10.00,2021-01-05,USD${' '.repeat(cap)}`.slice(0, cap + 1)}\n`, { earnings: [], problems: ['record_too_large@3 error'] }],
    // The carriage return of a CR LF line is the line's, not the record's (core's contentEnd), quoted or not.
    ['a plain record of exactly the cap on a CR LF line is read', `${HEADER}\r\n${row('E1')}\r\n${`E2,P1,Hosting,Co-op,10.00,10.00,2021-01-05,USD${' '.repeat(cap)}`.slice(0, cap)}\r\n`, { earnings: ['E1:P1', 'E2:P1'], problems: [] }],
    ['a quoted record of exactly the cap on a CR LF line is read', `${HEADER}\r\n${row('E1')}\r\n${`E2,P1,Hosting,Co-op,10.00,10.00,2021-01-05,"USD${' '.repeat(cap)}`.slice(0, cap - 1)}"\r\n`, { earnings: ['E1:P1', 'E2:P1'], problems: [] }],
    ['a quoted record one character past the cap on a CR LF line', `${HEADER}\r\n${row('E1')}\r\n${`E2,P1,Hosting,Co-op,10.00,10.00,2021-01-05,"USD${' '.repeat(cap)}`.slice(0, cap)}"\r\n`, { earnings: [], problems: ['record_too_large@3:transactionCurrency error'] }],
  ])('%s', async (_what, text, expected) => {
    const bytes = utf8(text);
    const [batch, addin] = [await batchVerdict(bytes, 'e.csv', cap), await addinVerdict(bytes, 'e.csv', cap)];
    expect(addin).toEqual(batch);
    expect(batch).toEqual(expected);
    // The batch job reads a stream: the same verdict wherever its chunks end (between a record's carriage return and line feed too).
    for (let cut = 1; cut < bytes.length; cut += 7) {
      const r = await collectEarnings(sourceFromChunks('e.csv', [bytes.subarray(0, cut), bytes.subarray(cut)]), { maxRecordChars: cap });
      expect(r.issues.map((i) => `${i.code}@${i.line}`), `cut at byte ${cut}`).toEqual(batch.problems.map((p) => p.replace(/:\w+ error$| error$/, '')));
    }
    // The last record's line feed: the text before it ends in that record's carriage return.
    const crlf = text.lastIndexOf('\r\n', text.length - 2) + 1;
    if (crlf > 0 && text[crlf] === '\n') {
      const r = await collectEarnings(sourceFromChunks('e.csv', [bytes.subarray(0, crlf), bytes.subarray(crlf)]), { maxRecordChars: cap });
      expect(r.issues.map((i) => `${i.code}@${i.line}`), 'cut between the last carriage return and its line feed').toEqual(batch.problems.map((p) => p.replace(/:\w+ error$| error$/, '')));
    }
  });
});

describe("a line the header search reaches is at most core's HEADER_RECORD_CHARS long, in both (docs/RULES.md, \"Earnings export\")", () => {
  const limit = HEADER_RECORD_CHARS;
  test.each<[string, string, Verdict]>([
    ['a title line one character over the limit, the header below it: refused on the title line, nothing read', `${'T'.repeat(limit + 1)}\n${HEADER}\n${row('E1')}\n`, { earnings: [], problems: ['record_too_large@1 error'] }],
    ['a title line of exactly the limit, on a CR LF line (its carriage return not counted): the header below it is found', `${'T'.repeat(limit)}\r\n${HEADER}\r\n${row('E1')}\r\n`, { earnings: ['E1:P1'], problems: [] }],
    ['a blank line over the limit among blank lines: refused, not an empty file', `\n${' '.repeat(limit + 1)}\n\n`, { earnings: [], problems: ['record_too_large@2 error'] }],
    ['a line over the limit below the header is a row, not the search\'s: a ragged row', `${HEADER}\n${row('E1')}\n${'x'.repeat(limit + 1)}\n${row('E3')}\n`, { earnings: ['E1:P1', 'E3:P1'], problems: ['ragged_row@3 error'] }],
  ])('%s', async (_what, text, expected) => {
    const bytes = utf8(text);
    const [batch, addin] = [await batchVerdict(bytes), await addinVerdict(bytes)];
    expect(addin).toEqual(batch);
    expect(batch).toEqual(expected);
    // The batch job judges a line before it has ended, and again once it has: the same verdict
    // wherever its chunks end, right after the long line's last character or its carriage return too.
    const lines = text.split('\n');
    const long = lines.findIndex((l) => l.length >= limit);
    const longEnd = lines.slice(0, long + 1).join('\n').replace(/\r$/, '').length;
    for (const cut of [longEnd, longEnd + 1, limit - 1]) {
      const r = await collectEarnings(sourceFromChunks('e.csv', [bytes.subarray(0, cut), bytes.subarray(cut)]));
      expect(batchVerdictOf(r), `cut at byte ${cut}`).toEqual(batch);
    }
  });
});

describe('the first header of any report kind ends the header search, in both, a line over the limit below it too (docs/RULES.md, "Which report a file is")', () => {
  const limit = HEADER_RECORD_CHARS;
  const PAYMENTS = 'paymentId,participantId,earned,earnedCurrencyCode';
  const payment = 'PAY-1,P1,100.00,USD';
  const long = 'x'.repeat(limit + 1);

  /**
   * Which report a reader takes a file for, and its header's line (`kind@line`), or the problem it
   * stops on (`code@line`). The batch job given the other report's option tells the file's kind by
   * naming the option that reads it.
   */
  async function batchReport(src: InputSource, as: 'earnings' | 'payments'): Promise<string> {
    const read =
      as === 'earnings'
        ? await collectEarnings(src)
        : await (async () => {
            const issues: InputIssue[] = [];
            return { issues, summary: await readPayments(src, { onRow: () => undefined, onIssue: (i) => void issues.push(i) }) };
          })();
    if (read.summary.header !== undefined) return `${as}@${read.summary.header.line}`;
    const [first] = read.issues;
    const other = as === 'earnings' ? 'payments' : 'earnings';
    if (first?.hint.startsWith(`Give it with ${REPORT_OPTIONS[other]}`)) return `${other}@${first.line ?? 1}`;
    return `${first?.code ?? 'none'}@${first?.line ?? 1}`;
  }

  function addinReport(text: string): string {
    const parsed = parseExport('report.csv', text);
    const error = parsed.errors.find((e) => e.line <= parsed.headerLine || parsed.headerLine === 0);
    return error !== undefined ? `${error.code}@${error.line}` : `${parsed.kind ?? 'earnings'}@${parsed.headerLine}`;
  }

  test.each<[string, string, string]>([
    ['a Payments report with a title, a row, then a line over the limit', 'payments@2', `Payments - Default\n${PAYMENTS}\n${payment}\n${long}\n`],
    ['a Payments header, a line over the limit, then an earnings header', 'payments@1', `${PAYMENTS}\n${long}\n${HEADER}\n${row('E1')}\n`],
    ['a Payments header, then an earnings header: the first header wins, not the kind tried first', 'payments@1', `${PAYMENTS}\n${payment}\n${HEADER}\n${row('E1')}\n`],
    ['an earnings export with a row, then a line over the limit', 'earnings@2', `Earnings\r\n${HEADER}\r\n${row('E1')}\r\n${long}\r\n`],
    ['a line over the limit above a Payments header: refused on that line', 'record_too_large@1', `${long}\n${PAYMENTS}\n${payment}\n`],
  ])('%s: %s in the add-in and in the batch job under either option, wherever its chunks end', async (_what, expected, text) => {
    const bytes = utf8(text);
    expect(addinReport(text)).toBe(expected);
    // The batch job under the other report's option tells the kind by the option that reads it.
    for (const as of ['earnings', 'payments'] as const) expect(await batchReport(source(bytes, 'report.csv'), as), as).toBe(expected);
    // Chunks ending after the first line, inside the long line at the limit, and after its end.
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.length > limit);
    const longStart = lines.slice(0, at).join('\n').length + (at > 0 ? 1 : 0);
    for (const cut of [lines[0]!.length + 1, longStart + limit, longStart + limit + 2]) {
      for (const as of ['earnings', 'payments'] as const) {
        const chunks = sourceFromChunks('report.csv', [bytes.subarray(0, cut), bytes.subarray(cut)]);
        expect(await batchReport(chunks, as), `${as}, cut at byte ${cut}`).toBe(expected);
      }
    }
  });
});

describe('zips and sets of files are read in the same order, the same entries', () => {
  const file = (id: string) => `${HEADER}\n${row(id)}\n`;

  test('a zip\'s exports are read by name, not in the archive\'s order; resource forks are passed over and other files reported by both', async () => {
    const zip = makeZip([
      { name: 'b/earnings_2.csv', data: file('E2') },
      { name: '__MACOSX/b/._earnings_2.csv', data: 'not data' },
      { name: 'B/earnings_1.tsv', data: file('E1').replaceAll(',', '\t') },
      { name: 'a/earnings_3.csv', data: file('E3') },
      { name: 'a/._earnings_3.csv', data: 'not data' },
      { name: 'a/notes.txt', data: file('E9') },
    ]);
    await withTempDir(async (dir) => {
      const path = join(dir, 'export.zip');
      await writeFile(path, zip);
      const batch = await expandInputs([path]);
      const addin = await readExportFile(Object.assign(new Blob([new Uint8Array(zip)]), { name: 'export.zip' }));
      const entries = ['B/earnings_1.tsv', 'a/earnings_3.csv', 'b/earnings_2.csv'];
      expect(batch.sources.map((s) => s.entry)).toEqual(entries);
      // One name for an entry in both (core's zipEntrySourceName): the batch job's source, the add-in's file.
      expect(batch.sources.map((s) => s.name)).toEqual(entries.map((e) => `${path}!${e}`));
      expect(addin.parsed.map((p) => p.file)).toEqual(entries.map((e) => `export.zip!${e}`));
      // The same entries are left out, each adapter with its own code for "not an export".
      expect(batch.issues.map((i) => i.raw)).toEqual(['a/notes.txt']);
      expect(addin.skipped.map((s) => s.entry)).toEqual(['a/notes.txt']);
    });
  });

  test('a zip\'s entries that are not read get the same code and severity in both, by core\'s rule; so do its limits', async () => {
    const zip = makeZip([
      { name: 'good.csv', data: file('E1') },
      { name: '../up.csv', data: file('E2') },
      { name: 'win\\..\\up.csv', data: file('E3') },
      { name: '\\rooted.csv', data: file('E4') },
      { name: 'inner.zip', data: 'PK' },
      { name: 'readme.pdf', data: '%PDF' },
    ]);
    await withTempDir(async (dir) => {
      const path = join(dir, 'export.zip');
      await writeFile(path, zip);
      const blob = Object.assign(new Blob([new Uint8Array(zip)]), { name: 'export.zip' });
      const batch = await expandInputs([path]);
      const addin = await readExportFile(blob);
      // Names with `\` are read with `/` by both.
      const verdicts = [
        ['../up.csv', 'zip_unsafe_path', 'error'],
        ['/rooted.csv', 'zip_unsafe_path', 'error'],
        ['inner.zip', 'zip_nested', 'error'],
        ['readme.pdf', 'zip_entry_not_csv', 'warning'],
        ['win/../up.csv', 'zip_unsafe_path', 'error'],
      ];
      expect(batch.issues.map((i) => [i.raw, i.code, i.severity]).sort()).toEqual(verdicts);
      expect(addin.skipped.map((s) => [s.entry, s.code, s.severity]).sort()).toEqual(verdicts);
      // Errors among them refuse the zip whole in both: good.csv is not read on its own.
      expect(batch.sources).toEqual([]);
      expect(addin.parsed).toEqual([]);

      // The same small limits passed to both refuse the same zip whole, under the same code.
      const limits = { maxEntries: 5, maxTotalBytes: 1e6 };
      const [batchLimited, addinLimited] = [await expandInputs([path], { zipLimits: limits }), await unzipExports(new Uint8Array(zip), limits)];
      expect(batchLimited.issues.map((i) => [i.code, i.severity])).toEqual([['zip_too_many_entries', 'error']]);
      expect(addinLimited.problems.map((p) => [p.code, p.severity])).toEqual([['zip_too_many_entries', 'error']]);
      expect([batchLimited.sources, addinLimited.entries]).toEqual([[], []]);
    });
  });

  test('a zip with one encrypted entry and one good CSV is refused whole by both: an error on the entry, no rows read', async () => {
    const zip = makeZip([
      { name: 'good.csv', data: file('E1') },
      { name: 'secret.csv', data: file('E2'), encrypted: true },
    ]);
    await withTempDir(async (dir) => {
      const path = join(dir, 'export.zip');
      await writeFile(path, zip);
      const batch = await expandInputs([path]);
      const addin = await addinVerdict(new Uint8Array(zip), 'export.zip');
      const addinRead = await readExportFile(Object.assign(new Blob([new Uint8Array(zip)]), { name: 'export.zip' }));
      expect(batch.issues.map((i) => [i.raw, i.code, i.severity])).toEqual([['secret.csv', 'zip_encrypted', 'error']]);
      expect(addinRead.skipped.map((s) => [s.entry, s.code, s.severity])).toEqual([['secret.csv', 'zip_encrypted', 'error']]);
      // The batch job reads no entry of it (and the error rejects its run); the add-in imports no row of it.
      expect(batch.sources).toEqual([]);
      expect(addin.earnings).toEqual([]);
    });
  });

  test('an entry named without the UTF-8 flag is named by code page 437 in both, and sorts the same', async () => {
    // "Bühler.csv" as Windows' Compressed folder writes it (0x81 is ü in code page 437, no flag) beside
    // "Bāder.csv" written in UTF-8 with the flag. Read as UTF-8 the lone 0x81 would be U+FFFD, which
    // sorts after ā (U+0101); as code page 437, ü (U+00FC) sorts before it.
    const buhler = Uint8Array.from([...Buffer.from('B'), 0x81, ...Buffer.from('hler.csv')]);
    const zip = makeZip([
      { name: 'Bāder.csv', data: file('E1') },
      { name: '', data: file('E2'), nameBytes: buhler },
    ]);
    await withTempDir(async (dir) => {
      const path = join(dir, 'export.zip');
      await writeFile(path, zip);
      const batch = await expandInputs([path]);
      const addin = await readExportFile(Object.assign(new Blob([new Uint8Array(zip)]), { name: 'export.zip' }));
      expect(batch.sources.map((s) => s.entry)).toEqual(['Bühler.csv', 'Bāder.csv']);
      expect(addin.parsed.map((p) => p.file)).toEqual(['export.zip!Bühler.csv', 'export.zip!Bāder.csv']);
    });
  });

  /** Both adapters' reading of one zip: the earnings each imports, and its problems as `code severity`. */
  async function zipVerdicts(zip: Uint8Array, limits?: { maxEntries: number; maxTotalBytes: number }): Promise<[Verdict, Verdict]> {
    return withTempDir(async (dir) => {
      const path = join(dir, 'export.zip');
      await writeFile(path, zip);
      const expanded = await expandInputs([path], limits ? { zipLimits: limits } : {});
      // An entry that inflates past its header's size is told with core's reason and its limit, in both.
      const inflatedPast = (reason: unknown, maxBytes: unknown) => (reason === INFLATED_PAST_DECLARED ? ` ${reason}:${String(maxBytes)}` : '');
      const batch: Verdict = { earnings: [], problems: expanded.issues.map((i) => `${i.code} ${i.severity}${inflatedPast(i.params?.reason, i.params?.maxBytes)}`) };
      for (const src of expanded.sources) {
        const r = await collectEarnings(src);
        batch.earnings.push(...r.rows.map((e) => `${e.earningId}:${e.participantId}`));
        batch.problems.push(...r.issues.map((i) => `${i.code} ${i.severity}${inflatedPast(i.params?.reason, i.params?.maxBytes)}`));
      }
      const unzipped = await unzipExports(zip, limits);
      const parsed = unzipped.entries.map(({ name, decoded }) => (decoded.ok ? parseExport(zipEntrySourceName('export.zip', name), decoded.text) : unreadableExport(zipEntrySourceName('export.zip', name), decoded.code, decoded.line, decoded.input)));
      const headers = EARNINGS_COLUMNS.map((c) => c.name);
      const plan = planImport(headers, new Map(), parsed, undefined, { dateSystem: '1900' });
      const all = [...headers, ...plan.newColumns];
      const addin: Verdict = {
        earnings: plan.cells.map((c) => `${readBack(c[all.indexOf('earningId')])}:${readBack(c[all.indexOf('participantId')])}`),
        problems: [...unzipped.problems.map((p) => `${p.code} ${p.severity}${inflatedPast(p.inflatedPast?.reason, p.inflatedPast?.maxBytes)}`), ...plan.rejected.map((r) => `${r.code} error`)],
      };
      return [batch, addin];
    });
  }

  test('a ZIP64 zip (sizes, offsets and entry count in its ZIP64 records) gives the same rows in both', async () => {
    const zip = new Uint8Array(makeZip([{ name: 'b.csv', data: file('E2') }, { name: 'a.csv', data: file('E1'), method: 'store' }, { name: 'notes.txt', data: 'x' }], { zip64: true }));
    const [batch, addin] = await zipVerdicts(zip);
    expect(batch).toEqual({ earnings: ['E1:P1', 'E2:P1'], problems: ['zip_entry_not_csv warning'] });
    expect(addin).toEqual(batch);
  });

  test('a ZIP64 zip whose declared size is over the cap is refused whole by both, before inflating', async () => {
    // The entry says 5 GiB in its ZIP64 field, past core's 4 GiB cap; its bytes are a few.
    const zip = new Uint8Array(makeZip([{ name: 'a.csv', data: file('E1') }, { name: 'big.csv', data: file('E2'), declaredSize: 5 * 1024 ** 3 }], { zip64: true }));
    const [batch, addin] = await zipVerdicts(zip);
    expect(batch).toEqual({ earnings: [], problems: ['zip_too_large error'] });
    expect(addin).toEqual(batch);
    // The same holds under a small cap, with honest sizes.
    const honest = new Uint8Array(makeZip([{ name: 'a.csv', data: file('E1') }], { zip64: true }));
    const limits = { maxEntries: 10, maxTotalBytes: 10 };
    const [batchSmall, addinSmall] = await zipVerdicts(honest, limits);
    expect(batchSmall).toEqual({ earnings: [], problems: ['zip_too_large error'] });
    expect(addinSmall).toEqual(batchSmall);
  });

  test.each([
    ['before', true],
    ['after', true],
    ['before', false],
  ])('a zip with an encrypted entry %s one over the size cap gets the same codes, in the same order, from both (ZIP64: %s)', async (where, zip64) => {
    const secret = { name: 'secret.csv', data: file('E1'), encrypted: true };
    const big = { name: 'big.csv', data: file('E2'), declaredSize: zip64 ? 5 * 1024 ** 3 : 3_000 };
    const zip = new Uint8Array(makeZip(where === 'before' ? [secret, big] : [big, secret], { zip64 }));
    const [batch, addin] = await zipVerdicts(zip, zip64 ? undefined : { maxEntries: 10, maxTotalBytes: 2_000 });
    expect(batch).toEqual({ earnings: [], problems: ['zip_encrypted error', 'zip_too_large error'] });
    expect(addin).toEqual(batch);
  });

  test('a ZIP64 zip whose entry count is over the cap is refused by both', async () => {
    const zip = new Uint8Array(makeZip([{ name: 'a.csv', data: file('E1') }, { name: 'b.csv', data: file('E2') }], { zip64: true }));
    const [batch, addin] = await zipVerdicts(zip, { maxEntries: 1, maxTotalBytes: 1e6 });
    expect(batch).toEqual({ earnings: [], problems: ['zip_too_many_entries error'] });
    expect(addin).toEqual(batch);
  });

  test.each([
    // `zip -fz -X info-zip-fz.zip earnings.csv` (Info-ZIP Zip 3.0): the size in a ZIP64 field, the directory's offset in a ZIP64 record.
    ['info-zip-fz.zip', ['Z1:P1', 'Z2:P2']],
    // Python 3.11 zipfile, `ZipFile.open(info, 'w', force_zip64=True)`: ZIP64 sizes in the local header, a data descriptor after the data.
    ['python-force-zip64.zip', ['Z1:P1', 'Z2:P2']],
  ])('%s, written by a real zip tool with ZIP64 records, gives the same rows in both', async (name, earnings) => {
    const [batch, addin] = await zipVerdicts(new Uint8Array(readFileSync(join('test/fixtures/zip64', name))));
    expect(batch).toEqual({ earnings, problems: [] });
    expect(addin).toEqual(batch);
  });

  test.each([false, true])('a stored entry longer than its declared size is zip_too_large in both, ZIP64 or not (%s)', async (zip64) => {
    const zip = new Uint8Array(makeZip([{ name: 'a.csv', data: file('E1'), method: 'store', declaredSize: 10 }], { zip64 }));
    const [batch, addin] = await zipVerdicts(zip);
    expect(batch).toEqual({ earnings: [], problems: ['zip_too_large error inflates_past_declared_size:10'] });
    expect(addin).toEqual(batch);
  });

  test.each<['store' | 'deflate', 'longer' | 'shorter', string]>([
    ['deflate', 'longer', 'zip_too_large'],
    ['deflate', 'shorter', 'zip_corrupt'],
    ['store', 'longer', 'zip_too_large'],
    ['store', 'shorter', 'zip_corrupt'],
  ])("a %s entry that inflates %s than it declares is refused by core's rule with the same code in both", async (method, how, code) => {
    const data = file('E2');
    // A bomb's header understates its bytes; a damaged entry's overstates them.
    const declaredSize = how === 'longer' ? data.length - 1 : data.length + 1;
    const zip = new Uint8Array(makeZip([{ name: 'a.csv', data: file('E1') }, { name: 'b.csv', data, method, declaredSize }]));
    const [batch, addin] = await zipVerdicts(zip);
    // An error refuses the zip whole: the add-in imports none of it; the batch job, which streams
    // each entry as it inflates, rejects the run on the error.
    expect(batch.problems).toEqual([code === 'zip_too_large' ? `${code} error inflates_past_declared_size:${declaredSize}` : `${code} error`]);
    expect(addin).toEqual({ earnings: [], problems: batch.problems });
  });

  /** The offset of the last occurrence of a 4-byte little-endian signature. */
  const lastSignature = (zip: Uint8Array, signature: number) => Buffer.from(zip).lastIndexOf(Buffer.from(Uint32Array.of(signature).buffer));

  test.each<[string, () => Uint8Array]>([
    ['its ZIP64 field cut short of the local header offset', () => new Uint8Array(makeZip([{ name: 'a.csv', data: file('E1') }], { zip64: true, zip64FieldBytes: 16 }))],
    ['its ZIP64 field cut short of the sizes', () => new Uint8Array(makeZip([{ name: 'a.csv', data: file('E1') }], { zip64: true, zip64FieldBytes: 4 }))],
    [
      'its ZIP64 end of central directory record without its signature',
      () => {
        const zip = new Uint8Array(makeZip([{ name: 'a.csv', data: file('E1') }], { zip64: true }));
        zip[lastSignature(zip, 0x06064b50)] = 0;
        return zip;
      },
    ],
    [
      'its locator pointing past the end of the file',
      () => {
        const zip = new Uint8Array(makeZip([{ name: 'a.csv', data: file('E1') }], { zip64: true }));
        new DataView(zip.buffer).setUint32(lastSignature(zip, 0x07064b50) + 8, zip.length, true);
        return zip;
      },
    ],
    [
      'its ZIP64 record naming another disk',
      () => {
        const zip = new Uint8Array(makeZip([{ name: 'a.csv', data: file('E1') }], { zip64: true }));
        new DataView(zip.buffer).setUint32(lastSignature(zip, 0x06064b50) + 16, 1, true);
        return zip;
      },
    ],
    [
      'its ZIP64 record giving more entries than the directory holds',
      () => {
        const zip = new Uint8Array(makeZip([{ name: 'a.csv', data: file('E1') }], { zip64: true }));
        new DataView(zip.buffer).setUint32(lastSignature(zip, 0x06064b50) + 32, 2, true);
        return zip;
      },
    ],
    ['its end cut off inside the ZIP64 records', () => new Uint8Array(makeZip([{ name: 'a.csv', data: file('E1') }], { zip64: true })).subarray(0, -30)],
  ])('a ZIP64 zip with %s is zip_corrupt in both, and none of it is read', async (_what, make) => {
    const [batch, addin] = await zipVerdicts(make());
    expect(batch).toEqual({ earnings: [], problems: ['zip_corrupt error'] });
    expect(addin).toEqual(batch);
  });

  test('files picked together are read by name, as the batch job reads a folder', async () => {
    await withTempDir(async (dir) => {
      const names = ['earnings_b.csv', 'Earnings_c.csv', 'earnings_a.csv'];
      for (const [i, name] of names.entries()) await writeFile(join(dir, name), file(`E${i}`));
      const batch = await expandInputs([dir]);
      const picked = names.map((name, i) => Object.assign(new Blob([file(`E${i}`)]), { name }));
      const addin = await readPickedFiles(picked, readExportFile);
      expect(batch.sources.map((s) => s.name.slice(dir.length + 1))).toEqual(['Earnings_c.csv', 'earnings_a.csv', 'earnings_b.csv']);
      expect(addin.flatMap((r) => r.parsed.map((p) => p.file))).toEqual(batch.sources.map((s) => s.name.slice(dir.length + 1)));
    });
  });
});

describe('any file of rows', () => {
  // Cells that make rows blank, ragged, quoted or refused, on either line break.
  const cell = fc.constantFrom('', ' ', '\t', ';', 'E', 'P1', '10.00', '2021-01-05', 'USD', 'Co-op', '"q, 1"', '""', '" "', '"a"b"', '"open', '1.O', '"x\ry"', 'x\ry', '"x\ny"', '"x\r"', 'x\r', '"x"\r');
  const rowOf = fc.array(cell, { minLength: 1, maxLength: 10 }).map((cells) => cells.join(','));
  const rowOfWidth = (width: number) => fc.array(cell, { minLength: width, maxLength: width }).map((cells) => cells.join(','));
  let n = 0;
  // A title line above the header, as Partner Center writes one, or a line of tabs that would mislead a guess.
  const titleOf = fc.constantFrom(null, 'Earnings - Default', '\t\t\t', ';;');
  // The header as written, its last cell quoted, quoted with a carriage return of its own, or a
  // quoted cell holding a line break (a header typed in Excel): then the header is a record of two lines.
  const headerOf = fc.constantFrom(
    HEADER,
    HEADER.replace('transactionCurrency', '"transactionCurrency"'),
    HEADER.replace('transactionCurrency', '"transactionCurrency\r"'),
    HEADER.replace('programName', '"program\nName"'),
    HEADER.replace('transactionCurrency', '"transaction\r\nCurrency"'),
  );
  // The file's last line: ended as the others, not ended, or ended in a carriage return alone.
  const endingOf = fc.constantFrom('eol', 'none', 'cr');
  test('the batch job and the add-in read the same rows and report the same codes on the same lines', async () => {
    await fc.assert(
      // Each line ends with a line feed or a CR LF, as the first line's or not (a file of mixed lines).
      fc.asyncProperty(titleOf, headerOf, fc.array(fc.oneof(rowOf, fc.constant(row('E'))), { maxLength: 8 }), fc.array(fc.constantFrom('\n', '\r\n'), { minLength: 10, maxLength: 10 }), endingOf, async (title, header, rows, eols, ending) => {
        // Unique ids, so that repeats (the ledger's business, not the reader's) do not arise.
        const lines = [title, header, ...rows.map((r) => r.replace(/^E(?=,|$)/, () => `E${++n}`))].filter((l) => l !== null);
        const last = { eol: null, none: '', cr: '\r' }[ending];
        const text = lines.map((l, k) => l + (k < lines.length - 1 || last === null ? eols[k]! : last)).join('');
        const bytes = utf8(text);
        const [batch, addin] = [await batchVerdict(bytes), await addinVerdict(bytes)];
        expect(addin.earnings).toEqual(batch.earnings);
        // Both report every problem of a refused row (docs/RULES.md, "Accepted rows"): the same codes
        // on each line (a CSV parser may say `malformed_csv` once per cell or once per record).
        const byPlace = (problems: readonly string[]) => {
          const out = new Map<string, Set<string>>();
          for (const p of problems) {
            const [code, place] = p.split('@') as [string, string];
            out.set(place, (out.get(place) ?? new Set()).add(code));
          }
          return out;
        };
        expect(byPlace(addin.problems)).toEqual(byPlace(batch.problems));
      }),
      { numRuns: Number(process.env.SAME_INPUTS_RUNS ?? 300) },
    );
  });

  test('the batch job and the add-in cut the same text into each cell of a row, its last cell too', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(rowOf, rowOfWidth(8)), { maxLength: 8 }), fc.array(fc.constantFrom('\n', '\r\n'), { minLength: 9, maxLength: 9 }), fc.boolean(), async (rows, eols, trailing) => {
        const lines = [HEADER, ...rows];
        const text = lines.map((l, k) => (k < lines.length - 1 || trailing ? l + eols[k]! : l)).join('');
        const batch = await collectRecords(source(utf8(text), 'e.csv'), { required: REQUIRED_EARNINGS_COLUMNS });
        const parsed = parseExportText('e.csv', text);
        const width = parsed.headers.length;
        // The rows the batch job hands on: of the header's width, in a record with no fault (the add-in's plan refuses the others).
        const addin = parsed.rows.flatMap((r, k) => (r.length === width && !parsed.errors.some((e) => e.line === parsed.lines[k]) ? [{ cells: r, line: parsed.lines[k] }] : []));
        expect(addin).toEqual(batch.rows.map((r) => ({ cells: Object.values(r.record), line: r.line })));
      }),
      { numRuns: Number(process.env.SAME_INPUTS_RUNS ?? 300) },
    );
  });
});

describe('white space around cells, in both', () => {
  // Every column core reads an earning from: the acceptance rule's and every text field's (core's map).
  const columns = [...new Set([...EARNING_ROW_COLUMNS, ...Object.values(EARNING_TEXT_COLUMNS)])];
  const value: Readonly<Record<string, string>> = {
    earningId: 'E', participantId: 'P1', programName: 'Hosting', earningType: 'Co-op', earningAmount: '10.00', earningAmountUSD: '11.50',
    earningDate: '2021-01-05', transactionCurrency: 'eur', lastPaymentCurrency: 'USD', earningAmountInLastPaymentCurrency: '11.50',
    participantName: 'Contoso Ltd', transactionId: 'TX-1', lever: 'Azure', earningRate: '0.04', reasonCode: 'Co-op rollover',
    claimId: 'CLM-1', paymentId: 'PAY-1', paymentStatus: 'Paid', exchangeRate: '1.15',
  };
  // White space String#trim removes (ASCII and not) and, rarely, characters it keeps that look like it
  // (a row with one in a typed cell is refused).
  const unit = fc.oneof({ arbitrary: fc.constantFrom(' ', '\t', '\u00a0', '\u2003', '\u3000', '\ufeff'), weight: 30 }, { arbitrary: fc.constantFrom('\u200b', '\u0085'), weight: 1 });
  const pad = fc.array(unit, { maxLength: 2 }).map((units) => units.join(''));
  // A cell is sometimes left empty (its row then refused, or its optional value blank): mostly rows are accepted.
  const cellOf = fc.tuple(pad, fc.nat(9).map((n) => n === 0), pad).map(([before, empty, after]) => ({ before, empty, after }));

  test('the batch job\'s records and the add-in\'s Earnings rows read back hold the same text in every field, and the same rows are refused', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cellOf, { minLength: columns.length, maxLength: columns.length }), { minLength: 1, maxLength: 4 }), async (rows) => {
        const lines = rows.map((cells, r) => columns.map((column, i) => `${cells[i]!.before}${cells[i]!.empty ? '' : column === 'earningId' ? `E${r}` : value[column]}${cells[i]!.after}`).join(','));
        const bytes = utf8([columns.join(','), ...lines].join('\n') + '\n');
        const batch = await collectEarnings(source(bytes, 'e.csv'));
        const read = await readExportFile(Object.assign(new Blob([bytes as Uint8Array<ArrayBuffer>]), { name: 'e.csv' }));
        const headers = EARNINGS_COLUMNS.map((c) => c.name);
        const plan = planImport(headers, new Map(), read.parsed, undefined, { dateSystem: '1900' });
        // The imported rows as the add-in's ledger reads them back, by core's rule and core's map.
        const table = { name: 'Earnings', headers: [...headers, ...plan.newColumns], rows: plan.cells, rowNumbers: plan.cells.map((_, i) => i + 2), dateSystem: '1900' as const };
        const layout = earningsLayout(table, 'Earnings');
        const addin = plan.cells.map((cells) => {
          const row = cells.map((c) => (typeof c === 'string' && c.startsWith("'") ? c.slice(1) : c));
          const accepted = readEarningRow(earningRowText(row, layout, '1900'));
          if (!accepted.ok) return 'refused on read back';
          // The record a recalculation reads (its texts read on access, `cellText`).
          return fieldsOf(new TableEarning(row, layout, 0, { kind: 'other', ...accepted.value }));
        });
        expect(addin).toEqual(batch.rows.map((r) => fieldsOf(r)));
        accepted += batch.rows.length;
        expect(plan.rejected.map((r) => `${r.line}:${r.code}:${r.column ?? ''}`).sort()).toEqual(batch.issues.map((i) => `${i.line}:${i.code}:${i.columnName ?? ''}`).sort());
      }),
      { numRuns: Number(process.env.SAME_INPUTS_RUNS ?? 200) },
    );
    // The property held over rows read, not only over rows refused.
    expect(accepted).toBeGreaterThan(50);
  });
});

/** A record's text fields (core's map) and the values core read, as text. */
function fieldsOf(r: EarningRecord): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of EARNING_TEXT_FIELDS) out[field] = r[field];
  out.amount = r.amount.toString();
  out.amountUSD = r.amountUSD?.toString() ?? '';
  out.earningDate = r.earningDate;
  out.currency = r.currency;
  out.paymentCurrency = r.paymentCurrency;
  out.amountInPaymentCurrency = r.amountInPaymentCurrencyScaled === null ? '' : scaledToDec(r.amountInPaymentCurrencyScaled).toString();
  return out;
}
