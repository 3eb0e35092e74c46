import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { EarningIdTable } from '../../../core/reconcile/earning-id-table.js';
import { earningsLedgerOf, type EarningsTotals, type EarningsVisitor } from '../../../core/reconcile/earnings-ledger.js';
import { SPLIT_WINDOW } from '../../../core/reconcile/split-window.js';
import { FieldHasher, hashText64, type Hash64 } from '../../../core/reconcile/earning-hash.js';
import { MemoryEarningIdStore } from '../../../core/reconcile/memory-earning-id-store.js';
import { MemoryFindingSink } from '../../../core/reconcile/finding-sink.js';
import { canonicalProgramName, policyCatalog, resolvePolicy } from '../../../core/policy/policy-catalog.js';
import { earningRecord, type EarningRecord, type RowLocation } from '../../../core/reconcile/earning-record.js';
import { earningFields } from './earning-fields.js';
import { earningKind, isRollover } from '../../../core/reconcile/earning-type.js';
import { addCoopEarning, createPoolLedger } from '../../../core/pools/pool-ledger.js';
import { computeBalances, type PoolBalance } from '../../../core/pools/pool-balance.js';
import { poolKeyString } from '../../../core/pools/pool-key.js';
import { addDays, type IsoDate } from '../../../core/calendar/calendar-date.js';
import { fiscalHalfOf, formatHalf, type FiscalHalf } from '../../../core/calendar/fiscal-half.js';
import { DEFAULT_SETTINGS, withSettings } from '../../../core/settings.js';
import { ZERO, type Dec } from '../../../core/money/decimal.js';
import { collectEarnings, source } from '../../batch/input/helpers.js';

const hasher = new FieldHasher();
const idHash = (text: string): Hash64 => hashText64(hasher, text, { lo: 0, hi: 0 });

describe('the earningId table', () => {
  test('finds every id it was given after growing many times, with its hashes, line and rate known', () => {
    const table = new EarningIdTable(1);
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const { lo, hi } = idHash(`E-${i}`);
      expect(table.find(lo, hi)).toBeLessThan(0);
      table.insert(lo, hi, i * 7, i * 5, i * 11, i * 3, i + 2);
      if (i % 3 === 0) table.replace(table.find(lo, hi), i * 7, i * 5, i * 11, i * 3, i + 2, true);
      if (i % 5 === 0) table.know(table.find(lo, hi), i * 13, i + 1);
    }
    expect(table.size).toBe(n);
    for (let i = 0; i < n; i += 997) {
      const { lo, hi } = idHash(`E-${i}`);
      const slot = table.find(lo, hi);
      expect(slot).toBeGreaterThanOrEqual(0);
      expect([table.facts(slot), table.usd(slot), table.rate(slot), table.details(slot), table.replaced(slot), table.line(slot)]).toEqual([(i * 7) >>> 0, (i * 5) >>> 0, (i * 11) >>> 0, (i * 3) >>> 0, i % 3 === 0, i + 2]);
      expect([table.knownRate(slot), table.rateLine(slot)]).toEqual(i % 5 === 0 ? [(i * 13) >>> 0, i + 1] : [(i * 11) >>> 0, i + 2]);
    }
    const absent = idHash('E-absent');
    expect(table.find(absent.lo, absent.hi)).toBeLessThan(0);
  });
});

const HEADER = 'earningId,participantId,participantName,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,transactionId,lever';

/** A transaction whose rebate and co-op rows split 50/50 instead of the program's 60/40. */
function mismatched(t: string): string[] {
  return [
    `${t}-R,P-1,Contoso,CSP Indirect Reseller,Rebate,50.00,50.00,2021-03-15,USD,${t},Azure`,
    `${t}-C,P-1,Contoso,CSP Indirect Reseller,Co-op,50.00,50.00,2021-03-15,USD,${t},Azure`,
  ];
}

async function ledgerOf(lines: string[]): Promise<EarningsTotals> {
  const { rows, issues } = await collectEarnings(source([HEADER, ...lines].join('\n')));
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  const stores = { ids: new MemoryEarningIdStore(), duplicates: new MemoryFindingSink() };
  return earningsLedgerOf({ catalog: policyCatalog(), settings: DEFAULT_SETTINGS, stores }, readRowsOf('in.csv', rows));
}

/** Records held in memory as one source, delivered to the ledger in order on each reading. */
function readRowsOf(name: string, rows: readonly EarningRecord[]): (visit: EarningsVisitor) => void {
  return (visit) => {
    visit.beginSource(name, 0);
    for (const r of rows) visit.row(r);
  };
}

const splitFindings = (ledger: EarningsTotals) => ledger.findings.filter((f) => f.code === 'split_mismatch');

describe('the split check window', () => {
  test('a transaction whose rows are next to each other is checked once, however many transactions follow', async () => {
    const filler = Array.from({ length: SPLIT_WINDOW + 10 }, (_, i) => `F${i},P-1,Contoso,CSP Indirect Reseller,Rebate,1.00,1.00,2021-03-15,USD,F${i},Azure`);
    const ledger = await ledgerOf([...mismatched('T1'), ...filler, ...mismatched('T2')]);
    expect(splitFindings(ledger).map((f) => [f.code, f.transactionId, f.line])).toEqual([
      ['split_mismatch', 'T1', 2],
      ['split_mismatch', 'T2', SPLIT_WINDOW + 14],
    ]);
  });

  test('rows of one transaction further apart than the window are checked as separate transactions', async () => {
    const [rebate, coop] = mismatched('T1') as [string, string];
    const filler = Array.from({ length: SPLIT_WINDOW }, (_, i) => `F${i},P-1,Contoso,CSP Indirect Reseller,Rebate,1.00,1.00,2021-03-15,USD,F${i},Azure`);
    const near = await ledgerOf([rebate, ...filler.slice(0, SPLIT_WINDOW - 2), coop]);
    expect(splitFindings(near).map((f) => f.transactionId)).toEqual(['T1']);
    const far = await ledgerOf([rebate, ...filler, coop]);
    expect(splitFindings(far)).toEqual([]);
  });
});

describe('the ledger\'s pool sums', () => {
  const participants = ['P-1', 'P-2'];
  const programs = ['CSP Indirect Reseller', 'CSP - Indirect Reseller', 'Hosting', 'Unlisted Program'];
  const row = fc.record({
    participant: fc.integer({ min: 0, max: 1 }),
    program: fc.integer({ min: 0, max: 3 }),
    type: fc.constantFrom('Co-op', 'Co_op', 'Adjustment-Co-op', 'Rebate', 'Claim', 'Fee'),
    rollover: fc.boolean(),
    cents: fc.integer({ min: -10_000_000, max: 10_000_000 }),
    usdCents: fc.option(fc.integer({ min: -10_000_000, max: 10_000_000 })),
    // Fourteen months around a fiscal year's turn, so that rows fall in every month of several halves.
    date: fc.oneof(fc.constantFrom('2020-08-01', '2020-12-31', '2021-01-01', '2021-07-15'), fc.integer({ min: 0, max: 430 }).map((d) => addDays('2020-06-01' as IsoDate, d))),
    currency: fc.constantFrom('EUR', 'USD', 'JPY'),
  });

  test('summing in integers per pool gives the balances and monthly accruals of feeding core row by row', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (rows, fiscalYearStartMonth) => {
        const settings = withSettings({ fiscalYearStartMonth });
        const catalog = policyCatalog();
        const records = rows.map((r, i) =>
          earningRecord({
            earningId: `E-${i}`,
            participantId: participants[r.participant]!,
            participantName: '',
            programName: programs[r.program]!,
            earningType: r.type,
            kind: earningKind(r.type),
            amountScaled: { units: r.cents, scale: 2 },
            amountUSDScaled: r.usdCents === null ? null : { units: r.usdCents, scale: 2 },
            earningDate: r.date as IsoDate,
            currency: r.currency,
            transactionId: '',
            lever: '',
            earningRate: '',
            reasonCode: r.rollover ? 'Co-op rollover' : '',
            claimId: '',
            paymentId: '',
            paymentStatus: '',
            paymentCurrency: '',
            amountInPaymentCurrencyScaled: null,
            passThrough: {},
            location: { file: 'in.csv', line: i + 2 },
          }),
        );
        const stores = { ids: new MemoryEarningIdStore(), duplicates: new MemoryFindingSink() };
        const fast = earningsLedgerOf({ catalog, settings, stores }, readRowsOf('in.csv', records));
        // The readable rule: every co-op row that is not a rollover, one at a time, into its pool,
        // and into its pool's calendar month.
        const direct = createPoolLedger(settings);
        const months = new Map<string, Map<string, Dec>>();
        for (const r of records) {
          if (r.kind !== 'coop' || isRollover(r)) continue;
          const programName = canonicalProgramName(catalog, r.programName) ?? r.programName;
          addCoopEarning(direct, { participantId: r.participantId, programName, earningDate: r.earningDate, currency: r.currency, amount: r.amount, amountUSD: r.amountUSD });
          const pool = poolKeyString({ participantId: r.participantId, programName, earningPeriod: formatHalf(fiscalHalfOf(r.earningDate, settings)), currency: r.currency });
          const byMonth = months.get(pool) ?? months.set(pool, new Map()).get(pool)!;
          const month = r.earningDate.slice(0, 7);
          byMonth.set(month, (byMonth.get(month) ?? ZERO).plus(r.amount));
        }
        const options = { asOf: '2022-02-10' as IsoDate, policyFor: (p: string, h: FiscalHalf) => resolvePolicy(catalog, p, h) };
        const show = (b: PoolBalance) => [poolKeyString(b.key), b.coopEarned.toFixed(), b.coopEarnedUSD.toFixed(), String(b.belowThreshold), b.available.toFixed()];
        expect(computeBalances(fast.pools, options).map(show)).toEqual(computeBalances(direct, options).map(show));
        const accruals = (m: ReadonlyMap<string, readonly { month: string; amount: Dec }[]>) =>
          Object.fromEntries([...m].map(([pool, list]) => [pool, list.map((a) => `${a.month} ${a.amount.toFixed()}`)]));
        const readable = [...months].map(([pool, byMonth]) => [pool, [...byMonth].sort(([a], [b]) => (a < b ? -1 : 1)).filter(([, amount]) => !amount.isZero()).map(([month, amount]) => ({ month, amount }))] as const);
        expect(accruals(fast.accruals)).toEqual(accruals(new Map(readable)));
      }),
      { numRuns: 800 },
    );
  });
});

describe('the ledger over rows it can read again', () => {
  /** Versions of a few earnings over three downloads: repeats, updates, restatements and conflicts are common. */
  const versionArb = fc.record({
    file: fc.integer({ min: 0, max: 2 }),
    id: fc.constantFrom('E-1', 'E-2', 'E-3', 'E-4', 'E-5'),
    program: fc.constantFrom('CSP Indirect Reseller', 'csp indirect reseller', 'Hosting'),
    type: fc.constantFrom('Co-op', 'Co-op', 'Rebate', 'Claim', 'Cooop'),
    cents: fc.constantFrom(1250, 1250, 1251),
    usd: fc.constantFrom<number | null>(1400, 1400, 1410, null),
    rate: fc.constantFrom('', '1.13', '1.130000', '1.2'),
    status: fc.constantFrom('Upcoming', 'Sent'),
    paymentId: fc.constantFrom('', 'PAY-1'),
    transaction: fc.constantFrom('T-1', 'T-2'),
  });
  const PAYMENT_DATES = ['2021-05-15', '2021-08-15', '2021-07-15'];

  test('storing ids alone and reading the rows of repeated ids again gives what hashing every row gives', () => {
    fc.assert(
      fc.property(fc.array(versionArb, { maxLength: 40 }), (versions) => {
        const files = [0, 1, 2].map((f) => versions.filter((v) => v.file === f));
        const sources = files.map((vs, f) =>
          vs.map((v, i) =>
            earningRecord(
              earningFields({
                earningId: v.id,
                programName: v.program,
                earningType: v.type,
                kind: earningKind(v.type),
                amountScaled: { units: v.cents, scale: 2 },
                amountUSDScaled: v.usd === null ? null : { units: v.usd, scale: 2 },
                exchangeRate: v.rate,
                paymentStatus: v.status,
                paymentId: v.paymentId,
                transactionId: v.transaction,
                passThrough: { paymentDate: PAYMENT_DATES[f]! },
                location: { file: `d${f}.csv`, line: i + 2 },
              }),
            ),
          ),
        );
        const readAll = (visit: EarningsVisitor) =>
          sources.forEach((rows, f) => {
            visit.beginSource(`d${f}.csv`, f);
            for (const r of rows) visit.row(r);
          });
        const run = (rowAt?: (location: RowLocation) => EarningRecord) => {
          const duplicates = new MemoryFindingSink();
          const totals = earningsLedgerOf({ catalog: policyCatalog(), settings: DEFAULT_SETTINGS, stores: { ids: new MemoryEarningIdStore(), duplicates }, rowAt }, readAll);
          return { totals, duplicates: duplicates.findings() };
        };
        const reread: string[] = [];
        const deferred = run((location) => {
          reread.push(location.file + ':' + location.line);
          return sources[Number(location.file.slice(1, 2))]![location.line - 2]!;
        });
        expect(deferred).toEqual(run());
        // Only rows of an earningId that comes more than once are read again.
        const count = new Map<string, number>();
        for (const v of versions) count.set(v.id, (count.get(v.id) ?? 0) + 1);
        const repeating = sources.flatMap((rows) => rows.filter((r) => count.get(r.earningId)! > 1).map((r) => `${r.location.file}:${r.location.line}`));
        expect(new Set(reread)).toEqual(new Set(repeating));
      }),
      { numRuns: 500 },
    );
  });
});
