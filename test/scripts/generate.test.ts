import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { Dec } from '../../core/money/decimal.js';
import { splitEarning } from '../../core/split.js';
import { parseAmount } from '../../core/money/parse-amount.js';
import { DOWNLOAD_LATEST_COLUMN, EARNINGS_COLUMNS, CLAIMS_COLUMNS, IMPORT_ORDER_COLUMN } from '../../core/workbook-layout.js';
import { bulkExportChunks, EXPORT_COLUMNS, generateExport, generateMonthlyExports, NARROW_EXPORT_COLUMNS, parseArgs, sampleFiles, type ExportShape } from '../../scripts/generate-exports.js';
import { formatMinor, fraction, splitMinor } from '../../scripts/generate/minor-amount.js';
import { PAY_TO_COLUMNS } from '../../core/reconcile/earning-record.js';

/**
 * The ledger's columns a generated export has: all but the pay-to ones, since it writes no payment
 * in another currency, and the two the add-in's import records a row's download and reading order in (no export has them).
 */
const GENERATED_LAYOUT_COLUMNS = EARNINGS_COLUMNS.filter((c) => !(PAY_TO_COLUMNS as readonly string[]).includes(c.name) && c.name !== DOWNLOAD_LATEST_COLUMN && c.name !== IMPORT_ORDER_COLUMN);

/** Collects what a generator writes, as one string. */
class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

async function generate(rows: number, seed: string, shape?: ExportShape): Promise<string> {
  const sink = new Sink();
  await generateExport({ rows, seed, ...(shape ? { shape } : {}) }, sink);
  return sink.text;
}

function parse(text: string): Record<string, string>[] {
  const r = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(r.errors).toEqual([]);
  return r.data;
}

function amount(text: string): Dec {
  const r = parseAmount(text);
  if (!r.ok) throw new Error(`bad amount ${text}`);
  return r.value;
}

const SHARES: Record<string, string> = {
  'CSP Indirect Reseller': '0.40',
  'CSP Direct Bill Partner': '0.40',
  'CSP Indirect Provider': '0.40',
  'Microsoft Commerce Incentives': '0.40',
};

describe('generated exports', () => {
  test('the same seed gives byte-identical output, another seed different output', async () => {
    const a = await generate(3_000, 'alpha');
    expect(await generate(3_000, 'alpha')).toBe(a);
    expect(await generate(3_000, 'beta')).not.toBe(a);
  });

  test.each([0, 1, 2, 3, 1_999, 2_000, 2_001, 10_007])('writes exactly %i rows', async (rows) => {
    const text = await generate(rows, 'count');
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.length - 2).toBe(rows);
    expect(lines[0]!.split(',')).toEqual(EXPORT_COLUMNS);
    expect(parse(text)).toHaveLength(rows);
  });

  test('has about ninety columns including every column the ledger reads', () => {
    expect(EXPORT_COLUMNS.length).toBe(90);
    expect(new Set(EXPORT_COLUMNS).size).toBe(90);
    for (const c of GENERATED_LAYOUT_COLUMNS) expect(EXPORT_COLUMNS).toContain(c.name);
  });

  test('every Rebate/Co-op pair adds up to the earning and honours the 40 % share exactly', async () => {
    const rows = parse(await generate(20_000, 'pairs'));
    const byTx = new Map<string, Record<string, string>[]>();
    for (const r of rows) byTx.set(r.transactionId!, [...(byTx.get(r.transactionId!) ?? []), r]);
    let pairs = 0;
    for (const [tx, group] of byTx) {
      const program = group[0]!.programName!;
      const share = SHARES[program];
      if (share === undefined) {
        expect(group.map((r) => r.earningType), tx).toEqual(['Rebate']);
        continue;
      }
      expect(group.map((r) => r.earningType), tx).toEqual(['Rebate', 'Co-op']);
      const [rebate, coop] = group as [Record<string, string>, Record<string, string>];
      expect(coop.lever).toBe(rebate.lever);
      expect(coop.transactionCurrency).toBe(rebate.transactionCurrency);
      const currency = rebate.transactionCurrency!;
      const total = amount(rebate.earningAmount!).plus(amount(coop.earningAmount!));
      // The earning is the lever's rate on the transaction amount, rounded to the minor unit.
      const rate = amount(rebate.earningRate!).plus(amount(coop.earningRate!));
      expect(total.eq(amount(rebate.transactionAmount!).times(rate).toDecimalPlaces(currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2, Dec.ROUND_HALF_UP)), tx).toBe(true);
      const expected = splitEarning(total, new Dec(share), currency);
      expect(amount(coop.earningAmount!).eq(expected.coop), tx).toBe(true);
      expect(amount(rebate.earningAmount!).eq(expected.rebate), tx).toBe(true);
      pairs += 1;
    }
    expect(pairs).toBeGreaterThan(5_000);
  });

  test('uses several currencies with a USD column at fixed rates', async () => {
    const rows = parse(await generate(5_000, 'fx'));
    expect(new Set(rows.map((r) => r.transactionCurrency))).toEqual(new Set(['USD', 'EUR', 'GBP', 'JPY', 'SEK', 'KWD']));
    const eur = rows.find((r) => r.transactionCurrency === 'EUR')!;
    expect(amount(eur.earningAmountUSD!).eq(amount(eur.earningAmount!).times('1.13').toDecimalPlaces(2, Dec.ROUND_HALF_UP))).toBe(true);
  });

  test('rows come in earning-date order, so monthly files can be written one after another', () => {
    let last = '';
    let rows = 0;
    for (const chunk of bulkExportChunks({ rows: 9_000, seed: 'months' })) {
      expect(chunk.month >= last).toBe(true);
      for (const line of chunk.text.split('\r\n').filter(Boolean)) expect(line).toContain(`,${chunk.month}-`);
      last = chunk.month;
      rows += chunk.rows;
    }
    expect(rows).toBe(9_000);
  });
});

describe('export shapes', () => {
  const lines = (text: string) => text.split('\r\n').slice(1, -1);

  test('every field quoted: the same cells as the default shape, and every line starts with a quote', async () => {
    const plain = await generate(300, 'shapes');
    const quoted = await generate(300, 'shapes', 'all-quoted');
    expect(parse(quoted)).toEqual(parse(plain));
    expect(lines(quoted).every((l) => l.startsWith('"') && l.endsWith('"'))).toBe(true);
  });

  test('a quoted name in every row: the same rows but for a comma in each customer name', async () => {
    const plain = parse(await generate(300, 'shapes'));
    const named = parse(await generate(300, 'shapes', 'quoted-name'));
    expect(named.every((r) => r['customerName']!.includes(','))).toBe(true);
    expect(named.map((r) => ({ ...r, customerName: r['customerName']!.replace(', ', ' ') }))).toEqual(
      plain.map((r) => ({ ...r, customerName: r['customerName']!.replace(', ', ' ') })),
    );
    expect(lines(await generate(300, 'shapes', 'quoted-name')).every((l) => l.includes('"'))).toBe(true);
  });

  test('narrow: only the ledger\'s columns and a few more, with the default shape\'s cells', async () => {
    expect(NARROW_EXPORT_COLUMNS.length).toBeLessThanOrEqual(22);
    for (const c of GENERATED_LAYOUT_COLUMNS) expect(NARROW_EXPORT_COLUMNS).toContain(c.name);
    const plain = parse(await generate(300, 'shapes'));
    const narrow = parse(await generate(300, 'shapes', 'narrow'));
    expect(narrow).toEqual(plain.map((r) => Object.fromEntries(NARROW_EXPORT_COLUMNS.map((c) => [c, r[c]]))));
  });
});

describe('monthly files', () => {
  test('hold the same rows as the single file, one month each, each with the header', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gen-monthly-'));
    try {
      const options = { rows: 4_000, seed: 'monthly', from: '2021-01-01', to: '2021-03-31' };
      const summary = await generateMonthlyExports(options, dir);
      expect(summary.files.map((f) => f.slice(dir.length + 1))).toEqual(['earnings_2021-01.csv', 'earnings_2021-02.csv', 'earnings_2021-03.csv']);
      const header = `${EXPORT_COLUMNS.join(',')}\r\n`;
      const parts = await Promise.all(summary.files.map((f) => readFile(f, 'utf8')));
      for (const p of parts) expect(p.startsWith(header)).toBe(true);
      const single = new Sink();
      await generateExport(options, single);
      expect(header + parts.map((p) => p.slice(header.length)).join('')).toBe(single.text);
      expect(summary.rows).toBe(4_000);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('exact money helpers', () => {
  test('the integer split equals core splitEarning for any amount and share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom('USD', 'JPY', 'KWD'),
        (minor, percent, currency) => {
          const share = percent === 100 ? '1.00' : `0.${String(percent).padStart(2, '0')}`;
          const { rebate, coop } = splitMinor(minor, fraction(share));
          expect(rebate + coop).toBe(minor);
          const expected = splitEarning(new Dec(formatMinor(minor, currency)), new Dec(share), currency);
          expect(formatMinor(coop, currency)).toBe(expected.coop.toFixed(currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2));
        },
      ),
    );
  });
});

describe('command line', () => {
  test('reads rows, seed and outputs', () => {
    expect(parseArgs(['--rows', '1_000_000', '--seed', 'x', '--out', 'a.csv'])).toMatchObject({ rows: 1_000_000, seed: 'x', out: 'a.csv' });
    expect(parseArgs(['--sample'])).toMatchObject({ sample: 'samples' });
  });

  test.each([[['--rows', '10']], [['--out', 'a.csv']], [['--rows', '1e6', '--out', 'a']], [['--bogus']]])('rejects %j', (argv) => {
    expect(() => parseArgs(argv)).toThrow(RangeError);
  });
});

describe('bundled samples', () => {
  const samplesDir = fileURLToPath(new URL('../../samples/', import.meta.url));

  test.each(sampleFiles().map((f) => [f.path, f.content] as const))('samples/%s is what the generator makes now', async (path, content) => {
    const committed = await readFile(samplesDir + path);
    expect(committed.equals(Buffer.from(content, 'utf8'))).toBe(true);
  });

  test('claims.csv has exactly the claims register columns', () => {
    const claims = sampleFiles().find((f) => f.path === 'claims.csv')!;
    expect(claims.content.split('\r\n')[0]!.split(',')).toEqual(CLAIMS_COLUMNS.map((c) => c.name));
  });

  test('overlapping files repeat the November rows verbatim', () => {
    const [, tsv, recent] = sampleFiles();
    const tsvRows = Papa.parse<Record<string, string>>(tsv!.content, { header: true, skipEmptyLines: true }).data;
    const recentRows = parse(recent!.content.replace(/^\uFEFF/, ''));
    const november = recentRows.filter((r) => r.earningDate!.startsWith('2021-11'));
    expect(november.length).toBeGreaterThan(0);
    for (const r of november) {
      const twin = tsvRows.find((t) => t.earningId === r.earningId)!;
      expect([twin.earningAmount, twin.earningType, twin.programName, twin.transactionID]).toEqual([r.earningAmount, r.earningType, r.programName, r.transactionId]);
    }
  });
});

describe('the later sample cases', () => {
  const file = (path: string) => sampleFiles().find((f) => f.path === path)!.content;
  /** The old file's rows: its header is on line 3, after two preamble lines. */
  const oldRows = () => parse(file('earnings/earnings_2020-07_2021-06.csv').split('\r\n').slice(2).join('\r\n'));
  const paidRows = () => parse(file('earnings/earnings_2021-01_2021-06_paid.csv'));
  const usToIso = (us: string) => {
    const [m, d, y] = us.split('/');
    return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  };

  test('the re-download repeats FY21 H2 rebates with the same facts, paid, where the July download had them unpaid', () => {
    const old = new Map(oldRows().map((r) => [r.earningId, r]));
    const paid = paidRows();
    expect(paid).toHaveLength(12);
    for (const r of paid) {
      const twin = old.get(r.earningId!)!;
      expect([twin.participantId, twin.programName, twin.earningType, twin.earningAmount, twin.transactionCurrency, usToIso(twin.earningDate!), twin.transactionId, twin.lever, twin.earningRate, twin.reasonCode, twin.claimId, twin.earningAmountUSD]).toEqual([
        r.participantId, r.programName, r.earningType, r.earningAmount, r.transactionCurrency, r.earningDate, r.transactionId, r.lever, r.earningRate, r.reasonCode, r.claimId, r.earningAmountUSD,
      ]);
      expect([twin.paymentId, twin.paymentStatus]).toEqual(['', 'Upcoming']);
      expect([r.paymentId !== '', r.paymentStatus, r.paymentDate]).toEqual([true, 'Sent', '2021-08-15']);
    }
    // Newer by its latest date: the July download's rows end on 2021-06-30.
    expect(Math.max(...oldRows().map((r) => Date.parse(usToIso(r.earningDate!))))).toBeLessThan(Date.parse('2021-08-15'));
  });

  test('the re-download is CRLF, in a column order of its own, with quoted names that hold commas', () => {
    const text = file('earnings/earnings_2021-01_2021-06_paid.csv');
    expect(text.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
    const header = text.split('\r\n')[0]!;
    for (const other of ['earnings/earnings_2021-11_2022-02.csv', 'earnings/earnings_2021-07_2021-11.tsv']) {
      expect(file(other).replace(/^\uFEFF/, '').split(/\r?\n/)[0]!.replace(/\t/g, ',')).not.toBe(header);
    }
    expect(file('earnings/earnings_2020-07_2021-06.csv').split('\r\n')[2]).not.toBe(header);
    expect(text).toContain('"Tailspin Systems, Inc."');
  });

  test("a EUR earning paid in USD: the rows' pay-to amounts add up to the Payments report's USD figure", () => {
    const rows = paidRows().filter((r) => r.paymentId === 'PMT-4410021-CSPIR-21H2-EUR');
    expect(rows.map((r) => [r.transactionCurrency, r.lastPaymentCurrency])).toEqual([['EUR', 'USD'], ['EUR', 'USD']]);
    const payment = parse(file('payments.csv')).find((p) => p.paymentID === 'PMT-4410021-CSPIR-21H2-EUR')!;
    expect([payment.currencyCode, payment.earned]).toEqual(['USD', '5310.00']);
    expect(rows.reduce((t, r) => t.plus(amount(r.earningAmountInLastPaymentCurrency!)), new Dec(0)).toFixed(2)).toBe(payment.earned);
    // Not the USD columns at the transaction-date rate.
    expect(rows.reduce((t, r) => t.plus(amount(r.earningAmountUSD!)), new Dec(0)).toFixed(2)).not.toBe(payment.earned);
  });

  test('an Ops Adjustment co-op row follows TX-100107, and the late Surface rollover pair is dated in the half after its pool', () => {
    const recent = parse(file('earnings/earnings_2021-11_2022-02.csv').replace(/^\uFEFF/, ''));
    const adjustment = recent.filter((r) => r.transactionId === 'TX-100107');
    expect(adjustment.map((r) => [r.earningType, r.reasonCode, r.earningAmount, r.lever, r.earningDate])).toEqual([['Co-op', 'Ops Adjustment', '150.00', 'Core', '2021-12-20']]);
    const tsv = Papa.parse<Record<string, string>>(file('earnings/earnings_2021-07_2021-11.tsv'), { header: true, skipEmptyLines: true }).data;
    const rollover = tsv.filter((r) => r.transactionID!.startsWith('RO-400105'));
    expect(rollover.map((r) => [r.earningType, r.earningAmount, r.earningDate, r.ReasonCode])).toEqual([
      ['Co-op', '-900.00', '2021-07-12', 'Co-op rollover'],
      ['Rebate', '900.00', '2021-07-12', 'Co-op rollover'],
    ]);
    const converted = oldRows().filter((r) => r.transactionId === 'TX-400105' && r.earningType === 'Co-op');
    expect(converted.map((r) => [r.earningAmount, r.earningDate])).toEqual([['900.00', '3/18/2021']]);
  });
});
