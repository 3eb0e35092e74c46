import { afterEach, describe, expect, test } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Dec } from '../../../core/money/decimal.js';
import type { IsoDate } from '../../../core/calendar/calendar-date.js';
import ExcelJS from 'exceljs';
import { createReportWorkbook, workbookWriterClass } from '../../../batch/output/report-workbook.js';
import { summaryRowsCap } from '../../../batch/output/summary-rows-cap.js';
import type { ReportColumn, ReportRow } from '../../../batch/output/cell-value.js';
import { readWorkbookTable } from '../../../batch/input/read-workbook-table.js';
import { dumpXlsx } from '../../support/xlsx-dump.js';
import { unzippedEntries } from '../../support/zip-entries.js';
import fc from 'fast-check';
import { tempDirs } from '../../support/temp-dir.js';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const COLUMNS: readonly ReportColumn[] = [
  { name: 'pool', kind: 'text' },
  { name: 'currency', kind: 'text' },
  { name: 'available', kind: 'amount', currencyColumn: 'currency' },
  { name: 'availableUSD', kind: 'amountUSD' },
  { name: 'claimEnd', kind: 'date' },
  { name: 'below', kind: 'boolean' },
  { name: 'days', kind: 'integer' },
  { name: 'share', kind: 'share' },
];

const ROWS: readonly ReportRow[] = [
  { pool: '=1+1', currency: 'EUR', available: new Dec('-12.505'), availableUSD: new Dec('-13.455'), claimEnd: '2021-08-15', below: true, days: 12, share: new Dec('0.4') },
  { pool: 'P-JPY', currency: 'JPY', available: new Dec('2.5'), availableUSD: new Dec('0.02'), claimEnd: '2021-12-31', below: false, days: -1, share: null },
  { pool: 'P-KWD', currency: 'KWD', available: new Dec('1234.5675'), availableUSD: null, claimEnd: '2022-01-01', below: null, days: 0, share: '0.375' },
];

function highlight(row: ReportRow): 'expiring' | 'overdrawn' | null {
  if (row.pool === 'P-JPY') return 'expiring';
  return row.available instanceof Dec && row.available.isNegative() ? 'overdrawn' : null;
}

async function writeSample(path: string, documentDate?: IsoDate): Promise<void> {
  const workbook = await createReportWorkbook(path, documentDate ? { documentDate } : {});
  const sheet = await workbook.addSheet('Balances', { columns: COLUMNS, highlight });
  for (const row of ROWS) await sheet.addRow(row);
  await workbook.addSheet('Empty', { columns: COLUMNS.slice(0, 2), freezeHeader: false, autoFilter: false });
  await workbook.close();
}

const HEADER = (cols: string[]) =>
  cols.map((name, i) => `  ${String.fromCharCode(65 + i)}1 string ${JSON.stringify(name)} fill=solid:FFDDEBF7 bold`).join('\n');

const EXPECTED_DUMP = `sheet "Balances"
  frozen: xSplit=0 ySplit=1 topLeft=A2
  autoFilter: A1:H4
  widths: A=16 B=16 C=18 D=18 E=12 F=10 G=10 H=10
${HEADER(['pool', 'currency', 'available', 'availableUSD', 'claimEnd', 'below', 'days', 'share'])}
  A2 string "'=1+1" fill=solid:FFFFC7CE
  B2 string "EUR" fill=solid:FFFFC7CE
  C2 number -12.51 numFmt="#,##0.00 \\"EUR\\"" fill=solid:FFFFC7CE
  D2 number -13.46 numFmt="#,##0.00 \\"USD\\"" fill=solid:FFFFC7CE
  E2 date 2021-08-15 numFmt="yyyy-mm-dd" fill=solid:FFFFC7CE
  F2 boolean true fill=solid:FFFFC7CE
  G2 number 12 numFmt="0" fill=solid:FFFFC7CE
  H2 number 0.4 numFmt="0.00%" fill=solid:FFFFC7CE
  A3 string "P-JPY" fill=solid:FFFFEB9C
  B3 string "JPY" fill=solid:FFFFEB9C
  C3 number 3 numFmt="#,##0 \\"JPY\\"" fill=solid:FFFFEB9C
  D3 number 0.02 numFmt="#,##0.00 \\"USD\\"" fill=solid:FFFFEB9C
  E3 date 2021-12-31 numFmt="yyyy-mm-dd" fill=solid:FFFFEB9C
  F3 boolean false fill=solid:FFFFEB9C
  G3 number -1 numFmt="0" fill=solid:FFFFEB9C
  A4 string "P-KWD"
  B4 string "KWD"
  C4 number 1234.568 numFmt="#,##0.000 \\"KWD\\""
  E4 date 2022-01-01 numFmt="yyyy-mm-dd"
  G4 number 0 numFmt="0"
  H4 number 0.375 numFmt="0.00%"
sheet "Empty"
  frozen: none
  autoFilter: none
  widths: A=16 B=16
${HEADER(['pool', 'currency'])}
`;

describe('createReportWorkbook', () => {
  test('writes amounts as numbers with their currency format, real dates, frozen header, filter and highlights', async () => {
    const path = join(await dirs.make(), 'r.xlsx');
    await writeSample(path);
    expect(await dumpXlsx(path)).toBe(EXPECTED_DUMP);
  });

  test.each(['UTC', 'America/New_York', 'Pacific/Auckland'])('reads dates back as the same calendar day under TZ=%s', async (zone) => {
    const path = join(await dirs.make(), 'r.xlsx');
    await writeSample(path);
    const saved = process.env.TZ;
    process.env.TZ = zone; // Node applies a changed TZ immediately
    try {
      expect(new Date(2021, 6, 1).getTimezoneOffset()).toBe(zone === 'UTC' ? 0 : zone === 'America/New_York' ? 240 : -720);
      const read = await readWorkbookTable(path, 'Balances', COLUMNS);
      expect(read.ok).toBe(true);
      if (!read.ok) return;
      expect(read.table.rows.map((r) => r.values.claimEnd)).toEqual(['2021-08-15', '2021-12-31', '2022-01-01']);
      expect(await dumpXlsx(path)).toBe(EXPECTED_DUMP);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  test('writes its date serials in the 1900 date system, and says so: the workbook has no date1904 flag', async () => {
    const path = join(await dirs.make(), 'r.xlsx');
    await writeSample(path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.properties.date1904).toBeFalsy();
  });

  test('gives byte-identical files for the same rows, even written seconds apart', async () => {
    const dir = await dirs.make();
    await writeSample(join(dir, 'a.xlsx'));
    // Zip entry times have a 2-second resolution: cross at least one such boundary.
    await new Promise((r) => setTimeout(r, 2100));
    await writeSample(join(dir, 'b.xlsx'));
    const [a, b] = await Promise.all([readFile(join(dir, 'a.xlsx')), readFile(join(dir, 'b.xlsx'))]);
    expect(a.equals(b)).toBe(true);
  });

  test('stamps the document date it is given, never the clock', async () => {
    const dir = await dirs.make();
    await writeSample(join(dir, 'a.xlsx'), '2022-02-10' as IsoDate);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'a.xlsx'));
    expect([wb.created.toISOString(), wb.modified.toISOString(), wb.creator]).toEqual(['2022-02-10T00:00:00.000Z', '2022-02-10T00:00:00.000Z', 'coop-ledger']);
  });

  test('writes every zip entry with the 1980-01-01 00:00 time Excel uses', async () => {
    const path = join(await dirs.make(), 'r.xlsx');
    await writeSample(path);
    const bytes = await readFile(path);
    let entries = 0;
    for (let i = bytes.indexOf(Buffer.from('PK\x01\x02', 'latin1')); i >= 0; i = bytes.indexOf(Buffer.from('PK\x01\x02', 'latin1'), i + 4)) {
      expect([bytes.readUInt16LE(i + 12), bytes.readUInt16LE(i + 14)]).toEqual([0, 0x21]);
      entries += 1;
    }
    expect(entries).toBeGreaterThanOrEqual(8);
  });

  test('loads the streaming writer that exceljs exports as stream.xlsx.WorkbookWriter', async () => {
    expect(await workbookWriterClass()).toBe(ExcelJS.stream.xlsx.WorkbookWriter);
  });

  test('refuses a second sheet of the same name', async () => {
    const workbook = await createReportWorkbook(join(await dirs.make(), 'r.xlsx'));
    await workbook.addSheet('Findings', { columns: COLUMNS });
    await expect(workbook.addSheet('findings', { columns: COLUMNS })).rejects.toThrow(/duplicate sheet/);
    await workbook.close();
  });
});

describe('rows rendered by sheetRowXml', () => {
  const KINDS = ['text', 'amount', 'amountUSD', 'date', 'integer', 'boolean', 'share'] as const;
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.string({ unit: fc.constantFrom('<', '>', '&', "'", '"', '=', '-', '\u0000', '\u0007', '\u000b', '\u007f', '\t', '\r', '\n', 'é', '😀', 'a'), maxLength: 8 }),
  );
  const decimal = fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }).chain((n) => fc.integer({ min: 0, max: 8 }).map((scale) => new Dec(n.toString()).div(new Dec(10).pow(scale))));
  const day = fc.integer({ min: 0, max: 60_000 }).map((d) => new Date(Date.UTC(1950, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
  const valueOf = (kind: (typeof KINDS)[number]) => {
    const shaped = {
      text,
      amount: decimal,
      amountUSD: decimal,
      date: fc.oneof(day, text),
      integer: fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), text),
      boolean: fc.oneof(fc.boolean(), text),
      share: fc.oneof(decimal, text),
    }[kind];
    return fc.oneof({ arbitrary: fc.constant(null), weight: 1 }, { arbitrary: shaped as fc.Arbitrary<ReportRow[string]>, weight: 4 });
  };
  const highlight = fc.constantFrom(null, 'expiring', 'overdrawn', 'error');
  const sheetOf = fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 6 }).chain((kinds) =>
    fc.record({
      kinds: fc.constant(kinds),
      rows: fc.array(
        fc.oneof(
          { weight: 4, arbitrary: fc.record({ values: fc.tuple(...kinds.map(valueOf)), currency: fc.constantFrom<string | null>('EUR', 'JPY', 'KWD', 'USD'), highlight }) },
          // A row without any value, which exceljs does not write.
          { weight: 1, arbitrary: fc.record({ values: fc.constant(kinds.map(() => null)), currency: fc.constant(null), highlight }) },
        ),
        { maxLength: 12 },
      ),
    }),
  );

  async function write(path: string, sheets: readonly { kinds: readonly (typeof KINDS)[number][]; rows: readonly { values: readonly ReportRow[string][]; currency: string | null; highlight: string | null }[] }[], rowsThroughExceljs: boolean): Promise<void> {
    const workbook = await createReportWorkbook(path, { rowsThroughExceljs });
    for (const [n, { kinds, rows }] of sheets.entries()) {
      const columns: ReportColumn[] = [...kinds.map((kind, i) => ({ name: `c${i}`, kind, ...(kind === 'amount' ? { currencyColumn: 'currency' } : {}) })), { name: 'currency', kind: 'text' }];
      const sheet = await workbook.addSheet(`S${n}`, { columns, highlight: (row) => row.highlight as 'expiring' | null });
      for (const r of rows) await sheet.addRow({ ...Object.fromEntries(r.values.map((v, i) => [`c${i}`, v])), currency: r.currency, highlight: r.highlight });
    }
    await workbook.close();
  }

  test('give every sheet and its styles the bytes exceljs writes for the same rows through its own row objects', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sheetOf, { minLength: 1, maxLength: 3 }), async (sheets) => {
        const dir = await dirs.make();
        await write(join(dir, 'fast.xlsx'), sheets, false);
        await write(join(dir, 'exceljs.xlsx'), sheets, true);
        const [fast, reference] = await Promise.all([unzippedEntries(join(dir, 'fast.xlsx')), unzippedEntries(join(dir, 'exceljs.xlsx'))]);
        expect([...fast.keys()]).toEqual([...reference.keys()]);
        for (const [entry, bytes] of reference) expect(fast.get(entry)?.toString('utf8'), entry).toBe(bytes.toString('utf8'));
        await dirs.cleanup();
      }),
      { numRuns: 40 },
    );
  });
});

describe('summaryRowsCap', () => {
  test('writes the first N rows of each repeating kind and one summary row per capped kind', async () => {
    const written: ReportRow[] = [];
    const cap = summaryRowsCap(async (row) => void written.push(row), {
      cap: 2,
      kindOf: (row) => (row.code === 'duplicate_earning' || row.code === 'funds_expiring' ? (row.code as string) : null),
      summaryRow: (kind, omitted) => ({ code: kind, message: `${omitted} more in findings.csv` }),
    });
    const codes = ['duplicate_earning', 'funds_expiring', 'duplicate_earning', 'unknown_program', 'duplicate_earning', 'duplicate_earning', 'unknown_program', 'funds_expiring'];
    for (const [i, code] of codes.entries()) await cap.add({ code, line: i });
    await cap.finish();
    expect(written.map((r) => [r.code, r.line ?? r.message])).toEqual([
      ['duplicate_earning', 0],
      ['funds_expiring', 1],
      ['duplicate_earning', 2],
      ['unknown_program', 3],
      ['unknown_program', 6],
      ['funds_expiring', 7],
      ['duplicate_earning', '2 more in findings.csv'],
    ]);
    expect(Object.fromEntries(cap.omitted)).toEqual({ duplicate_earning: 2 });
  });

  test('keeps a sheet of a million repeating rows small', async () => {
    const path = join(await dirs.make(), 'f.xlsx');
    const workbook = await createReportWorkbook(path);
    const sheet = await workbook.addSheet('Findings', { columns: [{ name: 'code', kind: 'text' }, { name: 'message', kind: 'text' }] });
    const cap = summaryRowsCap((row) => sheet.addRow(row), {
      cap: 1000,
      kindOf: (row) => row.code as string,
      summaryRow: (kind, omitted) => ({ code: kind, message: `${omitted} more ${kind} rows are in findings.csv` }),
    });
    for (let i = 0; i < 1_000_000; i++) await cap.add({ code: 'duplicate_earning', message: `row ${i}` });
    await cap.finish();
    await workbook.close();
    expect(sheet.rowsWritten).toBe(1001);
    const read = await readWorkbookTable(path, 'Findings');
    expect(read.ok && read.table.rows.at(-1)?.values).toEqual({ code: 'duplicate_earning', message: '999000 more duplicate_earning rows are in findings.csv' });
  });
});

describe('createReportWorkbook failures', () => {
  test('rejects instead of crashing when the file cannot be written', async () => {
    const workbook = await createReportWorkbook(join(await dirs.make(), 'no-such-folder', 'r.xlsx'));
    await new Promise((r) => setTimeout(r, 20));
    await expect(workbook.close()).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('releases the file when a run gives up half way', async () => {
    const path = join(await dirs.make(), 'r.xlsx');
    const workbook = await createReportWorkbook(path);
    const sheet = await workbook.addSheet('Balances', { columns: COLUMNS });
    await sheet.addRow(ROWS[0]!);
    await workbook.abort();
    await expect(workbook.addSheet('More', { columns: COLUMNS })).rejects.toThrow(/closed/);
  });
});

describe('report workbook limits', () => {
  test.each(['', 'a'.repeat(32), 'Q1/Q2', 'Sheet[1]', "'quoted'", 'what?'])('refuses the sheet name %j that Excel would reject', async (name) => {
    const workbook = await createReportWorkbook(join(await dirs.make(), 'r.xlsx'));
    await expect(workbook.addSheet(name, { columns: COLUMNS })).rejects.toThrow(RangeError);
    await workbook.close();
  });

  test('cuts text longer than an Excel cell holds and says so with an ellipsis', async () => {
    const path = join(await dirs.make(), 'r.xlsx');
    const workbook = await createReportWorkbook(path);
    const sheet = await workbook.addSheet('Notes', { columns: [{ name: 'note', kind: 'text' }] });
    await sheet.addRow({ note: 'x'.repeat(40_000) });
    await workbook.close();
    const read = await readWorkbookTable(path, 'Notes');
    const note = read.ok ? read.table.rows[0]!.values.note! : '';
    expect([note.length, note.endsWith('…')]).toEqual([32_767, true]);
  });
});
