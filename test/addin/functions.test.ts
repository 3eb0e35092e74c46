import { beforeEach, describe, expect, test } from 'vitest';
import { claimEndOf, claimStartOf, FunctionInputError, periodOf, splitOf, usageEndOf, availableIn } from '../../addin/functions/coop-functions.js';
import { available, claimEnd, claimStart, period, split, usageEnd } from '../../addin/functions/functions.js';
import { invalidateLedger, useSettings } from '../../addin/functions/ledger-cache.js';
import { computeLedger } from '../../addin/ledger/workbook-ledger.js';
import { DEFAULT_SETTINGS, withSettings } from '../../core/settings.js';
import { isoDate, toExcelSerial } from '../../core/calendar/calendar-date.js';
import { EARNINGS_COLUMNS } from '../../core/workbook-layout.js';
import { run } from './fake-excel.js';
import { streaming } from './streaming-invocation.js';
import { addClaim, freshWorkbook } from './workbook-session.js';

const serial = (d: string) => toExcelSerial(isoDate(d), '1900')!;

describe('period functions', () => {
  test.each([
    ['2020-07-01', 'FY21 H1'],
    ['2020-12-31', 'FY21 H1'],
    ['2021-01-01', 'FY21 H2'],
    ['2021-06-30', 'FY21 H2'],
    ['2021-07-01', 'FY22 H1'],
  ])('COOP.PERIOD of %s is %s', (date, label) => {
    expect(periodOf(serial(date), DEFAULT_SETTINGS, '1900')).toBe(label);
  });

  test('COOP.PERIOD follows the fiscal-year start setting', () => {
    expect(periodOf(serial('2021-01-15'), withSettings({ fiscalYearStartMonth: 1 }), '1900')).toBe('FY21 H1');
  });

  // The golden table of the seeds (docs/RULES.md, Calendar).
  test.each([
    ['FY21 H1', '2021-06-30', '2021-02-16', '2021-08-15'],
    ['FY21 H2', '2021-12-31', '2021-08-16', '2022-02-15'],
    ['FY22 H1', '2022-06-30', '2022-02-16', '2022-08-15'],
    ['fy22-h2', '2022-12-31', '2022-08-16', '2023-02-15'],
  ])('%s: usage ends %s, claims run %s to %s', (label, usageEnd, claimStart, claimEnd) => {
    expect(usageEndOf(label, DEFAULT_SETTINGS, '1900')).toBe(serial(usageEnd));
    expect(claimStartOf(label, DEFAULT_SETTINGS, '1900')).toBe(serial(claimStart));
    expect(claimEndOf(label, DEFAULT_SETTINGS, '1900')).toBe(serial(claimEnd));
  });

  test('COOP.PERIOD of a date-time (=NOW()) is the half of its day, as a date cell with a time is read', () => {
    expect(periodOf(serial('2020-12-31') + 0.99, DEFAULT_SETTINGS, '1900')).toBe('FY21 H1');
    expect(periodOf(serial('2021-01-01') + 0.25, DEFAULT_SETTINGS, '1900')).toBe('FY21 H2');
  });

  // A date argument is read as a date column's cell is (docs/RULES.md, "Workbook cells"): a serial
  // in the workbook's date system, or a date typed as text, which is the same date in either system.
  describe.each(['1900', '1904'] as const)('in a %s workbook, COOP.PERIOD reads its date as a date cell', (system) => {
    const serialIn = (d: string) => toExcelSerial(isoDate(d), system)!;
    test.each([
      ['a serial', serialIn('2021-03-15'), 'FY21 H2'],
      ['a date-time serial', serialIn('2020-12-31') + 0.75, 'FY21 H1'],
      ['ISO text', '2021-03-15', 'FY21 H2'],
      ['ISO text with spaces around it', ' \t2020-07-01 ', 'FY21 H1'],
      ['text with a time', '2021-06-30T23:59:00', 'FY21 H2'],
      ['text as exports write a US date', '7/1/2021', 'FY22 H1'],
    ])('%s (%j)', (_, date, label) => {
      expect(periodOf(date, DEFAULT_SETTINGS, system)).toBe(label);
    });

    test.each([
      ['garbage', 'soon', 'invalid_date'],
      ['a day that does not exist', '2021-02-30', 'invalid_date'],
      ['a number that is no date', -1, 'invalid_date'],
      ['not a number', Number.NaN, 'invalid_date'],
      ['a boolean', true, 'invalid_date'],
      ['nothing', null, 'missing_field'],
      ['only spaces', '   ', 'missing_field'],
    ])('%s (%j) is #VALUE!, with core\'s issue', (_, date, code) => {
      expect(() => periodOf(date, DEFAULT_SETTINGS, system)).toThrow(
        expect.objectContaining({ kind: 'invalid_value', refusal: expect.objectContaining({ reason: 'argument', argument: 'date', issue: expect.objectContaining({ code }) }) }),
      );
    });
  });

  test.each([[0], [0.5], [60]])('in a 1900 workbook, %j is no date: an error, not a number', (arg) => {
    // Serial 60 is the 1900-02-29 Excel counts and that never was (core's fromExcelSerial).
    expect(() => periodOf(arg, DEFAULT_SETTINGS, '1900')).toThrow(FunctionInputError);
  });

  test('one serial is another date in each system; a date typed as text is the same in both', () => {
    const s = serial('2021-01-01');
    expect([periodOf(s, DEFAULT_SETTINGS, '1900'), periodOf(s, DEFAULT_SETTINGS, '1904')]).toEqual(['FY21 H2', 'FY25 H2']);
    expect([periodOf('2021-01-01', DEFAULT_SETTINGS, '1900'), periodOf('2021-01-01', DEFAULT_SETTINGS, '1904')]).toEqual(['FY21 H2', 'FY21 H2']);
  });

  test.each([['FY21 H3'], ['2021 H1'], [''], [44197]])('a period of %j is an error', (arg) => {
    expect(() => usageEndOf(arg, DEFAULT_SETTINGS, '1900')).toThrow(FunctionInputError);
    expect(() => claimEndOf(arg, DEFAULT_SETTINGS, '1900')).toThrow(FunctionInputError);
  });
});

describe('COOP.SPLIT', () => {
  test.each([
    [100, 0.4, 'USD', [60, 40]],
    [0.05, 0.4, 'USD', [0.03, 0.02]],
    [1001, 0.4, 'JPY', [601, 400]],
    [-12.5, 0.4, 'EUR', [-7.5, -5]],
    // A share as a Programs table reads it: a percentage too.
    [100, '40%', 'USD', [60, 40]],
    [100, ' 0.40 ', 'USD', [60, 40]],
  ])('%d at share %j in %s spills %j', (amount, share, currency, expected) => {
    expect(splitOf(amount, share, currency)).toEqual([expected]);
  });

  test('without a currency an amount is rounded as USD, through the registered function too', () => {
    expect(splitOf(0.05, 0.4)).toEqual([[0.03, 0.02]]);
    expect(splitOf(1001.5, 0.4, '')).toEqual([[600.9, 400.6]]);
    expect(split(1001.5, 0.4)).toEqual([[600.9, 400.6]]);
    // Excel passes an optional argument left out as null.
    expect(splitOf(1001.5, 0.4, null)).toEqual([[600.9, 400.6]]);
  });

  test.each([[0], [978], [true]])('a currency that is not text (%j) is an error, never read as USD', (currency) => {
    expect(() => splitOf(1001.5, 0.4, currency)).toThrow(
      expect.objectContaining({ kind: 'invalid_value', refusal: expect.objectContaining({ argument: 'currency', issue: expect.objectContaining({ code: 'invalid_currency' }) }) }),
    );
  });

  test('a co-op part of nothing is 0, never a negative zero', () => {
    const [[rebate, coop]] = splitOf(-0.01, 0.4, 'USD') as [[number, number]];
    expect(rebate).toBe(-0.01);
    expect(Object.is(coop, 0)).toBe(true);
  });

  test.each([
    [100, 1.5],
    [100, 1.0001],
    [100, -0.1],
    [100, '140%'],
    [100, '40 %%'],
    ['abc', 0.4],
    [true, 0.4],
  ])('split(%j, %j) is an error', (amount, share) => {
    expect(() => splitOf(amount, share)).toThrow(FunctionInputError);
  });

  test('the registered function turns a bad argument into #VALUE! with a message', () => {
    let thrown: unknown;
    try {
      split(100, 2);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CustomFunctions.Error);
    expect((thrown as CustomFunctions.Error).code).toBe('#VALUE!');
    expect((thrown as CustomFunctions.Error).message).toContain('share');
  });
});

/** COOP.AVAILABLE as Excel calls it. */
const stream = (...args: [string, string, string, string]) => streaming(available, ...args);

describe('the calendar functions read the workbook\'s fiscal-year start', () => {
  beforeEach(async () => {
    const { fake } = await import('./fake-excel.js');
    fake.reset();
    await run(async (context) => {
      context.workbook.settings.add('coopLedger.fiscalYearStartMonth', '1');
      await context.sync();
    });
    // Nothing read yet: as when the workbook has just been opened, with no pane.
    invalidateLedger();
  });

  test('with no pane open, COOP.PERIOD and COOP.CLAIMEND answer by the start month stored in the workbook', async () => {
    const half = streaming(period, serial('2021-03-15'));
    const end = streaming(claimEnd, 'FY21 H1');
    // A calendar year: FY21 H1 is January to June 2021; its claims close on 2022-02-15, not 2021-08-15.
    expect(await half.nth(1)).toBe('FY21 H1');
    expect(await end.nth(1)).toBe(serial('2022-02-15'));
    half.cancel();
    end.cancel();
  });

  test('in a 1904 workbook, COOP.PERIOD reads a date serial and COOP.CLAIMEND gives one in the workbook\'s date system', async () => {
    const { fake } = await import('./fake-excel.js');
    fake.setDate1904(true);
    const serial1904 = (d: string) => toExcelSerial(isoDate(d), '1904')!;
    // 2021-03-15 is 43172 in a 1904 workbook; read as a 1900 serial it would be 2018-03-14, in FY18 H1.
    const half = streaming(period, serial1904('2021-03-15'));
    const end = streaming(claimEnd, 'FY21 H1');
    const start = streaming(claimStart, 'FY21 H1');
    const usage = streaming(usageEnd, 'FY21 H1');
    expect(await half.nth(1)).toBe('FY21 H1');
    expect(await end.nth(1)).toBe(serial1904('2022-02-15'));
    expect(await end.nth(1)).toBe(serial('2022-02-15') - 1462);
    expect(await start.nth(1)).toBe(serial1904('2021-08-16'));
    expect(await usage.nth(1)).toBe(serial1904('2021-12-31'));
    for (const s of [half, end, start, usage]) s.cancel();
  });

  test('a cell follows the workbook\'s date system when the pane reads it again', async () => {
    const { fake } = await import('./fake-excel.js');
    const { loadWorkbook, setUpWorkbook } = await import('../../addin/taskpane/workbook-ops.js');
    await setUpWorkbook();
    const end = streaming(claimEnd, 'FY21 H1');
    expect(await end.nth(1)).toBe(serial('2022-02-15'));
    fake.setDate1904(true);
    await loadWorkbook();
    expect(await end.nth(2)).toBe(serial('2022-02-15') - 1462);
    end.cancel();
  });

  test('a cell follows a start month saved in Settings, without its arguments changing', async () => {
    const { saveSettings, loadWorkbook, setUpWorkbook } = await import('../../addin/taskpane/workbook-ops.js');
    await setUpWorkbook();
    const start = streaming(claimStart, 'FY21 H1');
    expect(await start.nth(1)).toBe(serial('2021-08-16'));
    await saveSettings({ asOf: null, fiscalYearStartMonth: 7, expiryDays: [30, 60], user: 't' });
    // The pane reads the workbook again after a save.
    await loadWorkbook();
    expect(await start.nth(2)).toBe(serial('2021-02-16'));
    // Reading the same settings again pushes nothing.
    await loadWorkbook();
    expect(start.results).toHaveLength(2);
    start.cancel();
  });

  test('a start month core refuses is no July in its place: #N/A until it is saved again, then the cell follows', async () => {
    const { saveSettings, loadWorkbook, setUpWorkbook } = await import('../../addin/taskpane/workbook-ops.js');
    await setUpWorkbook();
    await run(async (context) => {
      context.workbook.settings.add('coopLedger.fiscalYearStartMonth', '13');
      await context.sync();
    });
    invalidateLedger();
    const end = streaming(claimEnd, 'FY21 H1');
    expect(await end.nth(1)).toMatchObject({ code: '#N/A' });
    await saveSettings({ asOf: null, fiscalYearStartMonth: 1, expiryDays: [30, 60], user: 't' });
    await loadWorkbook();
    expect(await end.nth(2)).toBe(serial('2022-02-15'));
    end.cancel();
  });

  test('a bad argument is #VALUE! in the cell', async () => {
    const end = streaming(usageEnd, 'FY21 H3');
    expect(await end.nth(1)).toMatchObject({ code: '#VALUE!' });
    end.cancel();
  });
});

describe('COOP.AVAILABLE', () => {
  const headers = EARNINGS_COLUMNS.map((c) => c.name);
  const row = (values: Record<string, unknown>) => headers.map((h) => values[h] ?? '');
  const earnings = {
    name: 'Earnings',
    headers,
    rows: [
      row({ earningId: 'E1', participantId: 'P1', programName: 'Hosting', earningType: 'Co-op', earningAmount: 2000, earningAmountUSD: 2000, earningDate: serial('2020-08-01'), transactionCurrency: 'USD' }),
      row({ earningId: 'E2', participantId: 'P1', programName: 'Hosting', earningType: 'Rebate', earningAmount: 3000, earningAmountUSD: 3000, earningDate: serial('2020-08-01'), transactionCurrency: 'USD' }),
    ],
    rowNumbers: [2, 3], dateSystem: '1900' as const,
  };
  const ledger = computeLedger({ earnings, programs: null, claims: null }, { asOf: isoDate('2021-03-01'), settings: DEFAULT_SETTINGS });

  test('reads the pool’s available amount', () => {
    expect(availableIn(ledger, 'P1', 'Hosting Program', 'FY21 H1', 'usd')).toBe(2000);
  });

  test('a participant id typed as a number is read as the Earnings table reads that id: all its digits', () => {
    const big = { ...earnings, rows: [row({ earningId: 'E9', participantId: 1e21, programName: 'Hosting', earningType: 'Co-op', earningAmount: 2500, earningAmountUSD: 2500, earningDate: serial('2020-08-01'), transactionCurrency: 'USD' })], rowNumbers: [2], dateSystem: '1900' as const };
    const bigLedger = computeLedger({ earnings: big, programs: null, claims: null }, { asOf: isoDate('2021-03-01'), settings: DEFAULT_SETTINGS });
    expect(availableIn(bigLedger, 1e21, 'Hosting', 'FY21 H1', 'USD')).toBe(2500);
    expect(availableIn(ledger, 'P1', 'Hosting', 'FY21 H1', 'USD')).toBe(2000);
  });

  test('an unknown pool is #N/A, a bad period #VALUE!', () => {
    expect(() => availableIn(ledger, 'P2', 'Hosting', 'FY21 H1', 'USD')).toThrow(expect.objectContaining({ kind: 'not_available' }));
    expect(() => availableIn(ledger, 'P1', 'Hosting', 'FY21', 'USD')).toThrow(expect.objectContaining({ kind: 'invalid_value' }));
  });

  beforeEach(() => invalidateLedger(ledger));

  test('the registered function answers from the shared ledger', async () => {
    const usd = stream('P1', 'Hosting', 'FY21 H1', 'USD');
    const eur = stream('P1', 'Hosting', 'FY21 H1', 'EUR');
    await expect(usd.nth(1)).resolves.toBe(2000);
    await expect(eur.nth(1)).resolves.toMatchObject({ code: '#N/A' });
    usd.cancel();
    eur.cancel();
  });
});

describe('COOP.AVAILABLE reading the workbook', () => {
  test('computes the ledger from the tables once and answers from it', async () => {
    const { fake } = await import('./fake-excel.js');
    const { setUpWorkbook, importExports } = await import('../../addin/taskpane/workbook-ops.js');
    const { parseExportText } = await import('../../addin/import/parse-export.js');
    const { readFileSync } = await import('node:fs');
    fake.reset();
    await setUpWorkbook();
    const text = readFileSync('samples/earnings/earnings_2020-07_2021-06.csv', 'utf8');
    await importExports([parseExportText('a.csv', text)], () => undefined);
    await run(async (context) => {
      context.workbook.settings.add('coopLedger.asOf', '2021-03-01');
      await context.sync();
    });
    invalidateLedger();
    const before = fake.model.syncs;
    // Hosting FY22 H1 has nothing in this file; CSP IR FY21 H1 EUR has 6,000.00 co-op.
    const eur = stream('4410021', 'CSP Indirect Reseller', 'FY21 H1', 'EUR');
    const missing = stream('4420487', 'Hosting', 'FY22 H1', 'GBP');
    expect(await eur.nth(1)).toBe(6000);
    expect(await missing.nth(1)).toMatchObject({ code: '#N/A' });
    // Two cells, one read of the workbook.
    const syncs = fake.model.syncs - before;
    const again = stream('4410021', 'CSP Indirect Reseller', 'FY21 H1', 'EUR');
    expect(await again.nth(1)).toBe(6000);
    expect(fake.model.syncs - before).toBe(syncs);
    for (const s of [eur, missing, again]) s.cancel();
  });

  test('a cell’s value follows an edit of the Claims table, without its arguments changing', async () => {
    const { fake } = await import('./fake-excel.js');
    const { importExports } = await import('../../addin/taskpane/workbook-ops.js');
    const { parseExportText } = await import('../../addin/import/parse-export.js');
    const { watchTables } = await import('../../addin/excel/table-changes.js');
    const { readFileSync } = await import('node:fs');
    await freshWorkbook('2022-02-10');
    useSettings(DEFAULT_SETTINGS, [], '1900');
    const files = ['earnings_2020-07_2021-06.csv', 'earnings_2021-07_2021-11.tsv', 'earnings_2021-11_2022-02.csv'];
    await importExports(files.map((f) => parseExportText(f, readFileSync(`samples/earnings/${f}`, 'utf8'))), () => undefined);
    await watchTables(['Earnings', 'Programs', 'Claims']);
    invalidateLedger();
    // CSP Indirect Reseller FY21 H2 EUR: 3,000.00 earned, no claims yet (samples/README.md).
    const cell = stream('4410021', 'CSP Indirect Reseller', 'FY21 H2', 'EUR');
    expect(await cell.nth(1)).toBe(3000);
    await addClaim(
      {
        claimId: 'CLM-9', participantId: '4410021', programName: 'CSP Indirect Reseller', activityType: 'Event', activityName: 'Roadshow',
        activityStart: '2021-10-01', activityEnd: '2021-10-02', currency: 'EUR', amountClaimed: '1000', status: 'Submitted', submittedDate: '2022-02-01',
        invoices: 'i.pdf', proofs: 'p.pdf',
      },
      '2022-02-01',
    );
    expect(await cell.nth(2)).toBe(2000);
    // The user edits the amount in the sheet: the cell follows.
    fake.setCell('Claims', 0, 'amountClaimed', 1500);
    expect(await cell.nth(3)).toBe(1500);
    cell.cancel();
  });
});