import { afterAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { tempDirs } from '../../support/temp-dir.js';
import { Dec } from '../../../core/money/decimal.js';
import { isoDate } from '../../../core/calendar/calendar-date.js';
import { half } from '../../../core/calendar/fiscal-half.js';
import { windowsOf } from '../../../core/calendar/windows.js';
import { balanceRow } from '../../../core/pools/balance-row.js';
import type { PoolBalance } from '../../../core/pools/pool-balance.js';
import type { ClaimReport } from '../../../core/reconcile/claims-check.js';
import type { Finding } from '../../../core/reconcile/finding.js';
import type { JournalLine } from '../../../core/journal/journal-line.js';
import { CLAIM_FIELDS } from '../../../core/changes/claim-changes.js';
import { POOL_FIELDS } from '../../../core/changes/pool-changes.js';
import { BALANCES_REPORT, CLAIMS_REPORT, FINDINGS_REPORT, JOURNAL_REPORT, claimReportRow, findingRow, journalRow } from '../../../core/reports/report-files.js';
import { writeCsvFile } from '../../../batch/output/csv-writer.js';
import { CSV_DIALECTS, type CsvDialect } from '../../../batch/output/csv-dialect.js';
import { readPreviousReports } from '../../../batch/input/read-previous-reports.js';
import { sincePrevious } from '../../../batch/reconcile/since-previous.js';
import type { InputIssue } from '../../../batch/input/input-issue.js';

/*
 * The batch job writes a run's reports with core's column lists and reads them back, the next run,
 * by the same lists (core/reports/report-files.ts). Written by the real CSV writer and read by the
 * real reader, a run compared with itself has no change, and a run that differs in any one column
 * the comparison reads says so: a column the writer and the reader disagree on fails one or the other.
 */

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const AS_OF = isoDate('2022-02-10');
const FY22H1 = half('FY22 H1');
const windows = windowsOf(FY22H1);
const key = { participantId: '+P1', programName: 'Hosting', earningPeriod: 'FY22 H1', currency: 'EUR' };

const pool: PoolBalance = {
  key,
  earning: windows.earning,
  usage: windows.usage,
  claiming: windows.claiming,
  status: 'claim-only',
  coopEarned: new Dec('1234.56'),
  coopEarnedUSD: new Dec('1400.10'),
  groupEarnedUSD: new Dec('1400.10'),
  thresholdUSD: new Dec('1000'),
  belowThreshold: false,
  distanceToThresholdUSD: null,
  convertedToRebate: new Dec(0),
  transferred: new Dec('-200.25'),
  transfers: new Map(),
  claimsDraft: new Dec('10.5'),
  claimsPending: new Dec('20.25'),
  claimsApproved: new Dec('300'),
  claimsPaid: new Dec('100'),
  available: new Dec('603.56'),
  forfeited: new Dec('0.01'),
  daysToUsageEnd: 140,
  daysToClaimDeadline: 200,
};

const claim: ClaimReport = {
  claim: {
    claimId: '-CLM-1',
    participantId: '+P1',
    programName: 'Hosting',
    // The register leaves the period empty: the funding period is the reconciliation's, not the register's.
    earningPeriod: null,
    activityType: 'Event',
    activityName: 'Launch; day 1',
    activityStart: isoDate('2022-01-10'),
    activityEnd: isoDate('2022-01-12'),
    currency: 'EUR',
    amountClaimed: new Dec('300.004'),
    amountApproved: new Dec('300'),
    status: 'Approved',
    submittedDate: isoDate('2022-01-20'),
    decisionDate: isoDate('2022-01-25'),
    documents: { invoices: ['#1'], csrs: [], proofs: ['a.pdf'] },
    notes: '=not a formula',
  },
  location: { file: 'claims.csv', line: 2 },
  programName: 'Hosting',
  fundingPeriod: FY22H1,
  windows,
  pool: key,
  drawsOnPool: true,
  paid: true,
  amountPaid: new Dec('99.995'),
  retainUntil: isoDate('2029-01-25'),
  findingCodes: ['claim_missing_documents', 'claim_overdraws_pool'],
};

const findings: Finding[] = [
  { severity: 'error', code: 'claim_overdraws_pool', message: 'm', file: 'claims.csv', line: 2, ...key, claimId: '-CLM-1', expected: '1', actual: '2' },
  { severity: 'warning', code: 'rows_quarantined', message: 'm', file: 'e.csv', line: 7 },
  { severity: 'info', code: 'payment_mismatch', message: 'm', participantId: 'P2', paymentId: 'PAY-1', transactionId: 'T1', earningId: 'E1' },
];

const journal: JournalLine[] = [
  { ...key, date: isoDate('2021-07-31'), reference: 'ref/1', description: 'Co-op, July', event: 'coop_accrued', claimId: '', account: 'deferred', debit: new Dec(0), credit: new Dec('1234.56') },
  { ...key, date: isoDate('2022-01-25'), reference: 'ref/2', description: 'Claim -CLM-1', event: 'claim_approved', claimId: '-CLM-1', account: 'income', debit: new Dec('300'), credit: new Dec(0) },
];

interface Run {
  readonly findings: Finding[];
  readonly balances: PoolBalance[];
  readonly claims: ClaimReport[];
  readonly journal: JournalLine[];
}

const run: Run = { findings, balances: [pool], claims: [claim], journal };

/** The four reports the next run reads back, written as the batch job writes them. */
async function writeReports(r: Run, dialect: CsvDialect): Promise<string> {
  const dir = await dirs.make();
  const csv = { dialect, currencyColumn: 'currency' };
  await writeCsvFile(join(dir, FINDINGS_REPORT.file), FINDINGS_REPORT.columns, r.findings.map(findingRow), { dialect });
  await writeCsvFile(join(dir, BALANCES_REPORT.file), BALANCES_REPORT.columns, r.balances.map(balanceRow), csv);
  await writeCsvFile(join(dir, CLAIMS_REPORT.file), CLAIMS_REPORT.columns, r.claims.map(claimReportRow), csv);
  await writeCsvFile(join(dir, JOURNAL_REPORT.file), JOURNAL_REPORT.columns, r.journal.map(journalRow), csv);
  return dir;
}

async function readBack(dir: string) {
  const issues: InputIssue[] = [];
  const previous = await readPreviousReports(dir, issues);
  expect(issues).toEqual([]);
  return previous;
}

const dialects = Object.values(CSV_DIALECTS).map((d) => [d.name, d] as const);

describe('the reports a run writes read back as what it compared', () => {
  test.each(dialects)('a run compared with its own reports (%s) has no change and nothing to post', async (_name, dialect) => {
    const previous = await readBack(await writeReports(run, dialect));
    expect(previous.findings).toHaveLength(findings.length);
    expect(previous.pools).toHaveLength(1);
    expect(previous.claims).toHaveLength(1);
    expect(previous.journal).toHaveLength(journal.length);
    expect(sincePrevious(previous, run, AS_OF)).toEqual({ changes: [], journalDelta: [] });
  });

  test.each(dialects)("a claim gone since the previous run (%s) is told with the previous report's values: its funding period, its status", async (_name, dialect) => {
    const previous = await readBack(await writeReports(run, dialect));
    const { changes } = sincePrevious(previous, { ...run, claims: [] }, AS_OF);
    expect(changes.map((c) => [c.change, c.field, c.claimId, c.participantId, c.programName, c.earningPeriod, c.currency, c.before, c.after])).toEqual([
      ['claim_changed', 'claim', '-CLM-1', '+P1', 'Hosting', 'FY22 H1', 'EUR', 'Approved', null],
    ]);
  });
});

describe('a change in any one column the comparison reads is told', () => {
  /** Each compared claim field, changed in the current run. */
  const claimEdits: Record<(typeof CLAIM_FIELDS)[number], (c: ClaimReport) => ClaimReport> = {
    status: (c) => ({ ...c, claim: { ...c.claim, status: 'Rejected' } }),
    amountClaimed: (c) => ({ ...c, claim: { ...c.claim, amountClaimed: new Dec('300.01') } }),
    amountApproved: (c) => ({ ...c, claim: { ...c.claim, amountApproved: null } }),
    paid: (c) => ({ ...c, paid: false }),
    amountPaid: (c) => ({ ...c, amountPaid: new Dec('99.98') }),
    findings: (c) => ({ ...c, findingCodes: ['claim_missing_documents'] }),
  };

  test.each(dialects)('a claim that changed in one compared field (%s) is one claim_changed of that field', async (_name, dialect) => {
    const previous = await readBack(await writeReports(run, dialect));
    for (const field of CLAIM_FIELDS) {
      const { changes } = sincePrevious(previous, { ...run, claims: [claimEdits[field](claim)] }, AS_OF);
      expect(changes.map((c) => [c.change, c.field, c.earningPeriod]), field).toEqual([['claim_changed', field, 'FY22 H1']]);
    }
  });

  test.each(dialects)('a pool that changed in one compared field (%s) is one pool_changed of that field', async (_name, dialect) => {
    const previous = await readBack(await writeReports(run, dialect));
    for (const field of POOL_FIELDS) {
      const changed: PoolBalance = field === 'status' ? { ...pool, status: 'closed' } : { ...pool, [field]: pool[field].plus('0.01') };
      const { changes } = sincePrevious(previous, { ...run, balances: [changed] }, AS_OF);
      expect(changes.map((c) => [c.change, c.field]), field).toEqual([['pool_changed', field]]);
    }
  });

  test.each(dialects)("a pool whose key differs in one column (%s) is a new pool, and the previous one gone", async (_name, dialect) => {
    const previous = await readBack(await writeReports(run, dialect));
    for (const column of ['participantId', 'programName', 'earningPeriod', 'currency'] as const) {
      const changed: PoolBalance = { ...pool, key: { ...key, [column]: 'other' } };
      const { changes } = sincePrevious(previous, { ...run, balances: [changed] }, AS_OF);
      expect(changes.map((c) => [c.change, c.field, c[column]]), column).toEqual([
        ['new_pool', '', 'other'],
        ['pool_changed', 'pool', key[column]],
      ]);
    }
  });

  test.each(dialects)('a finding that names something else in one column (%s) is new, and the previous one resolved', async (_name, dialect) => {
    const previous = await readBack(await writeReports(run, dialect));
    const named = ['participantId', 'programName', 'earningPeriod', 'currency', 'claimId', 'paymentId', 'earningId', 'transactionId'] as const;
    // The finding at index 0 names a pool and a claim, index 2 a payment, an earning and a transaction; index 1 nothing but its place.
    const cases: [number, keyof Finding][] = [
      ...named.map((column): [number, keyof Finding] => [findings[0]![column] !== undefined ? 0 : 2, column]),
      [0, 'code'],
      [1, 'file'],
      [1, 'line'],
    ];
    for (const [at, column] of cases) {
      const changed = findings.map((f, i) => (i === at ? { ...f, [column]: column === 'line' ? 8 : 'other' } : f));
      const { changes } = sincePrevious(previous, { ...run, findings: changed }, AS_OF);
      expect(changes.map((c) => c.change), column).toEqual(['new_finding', 'resolved_finding']);
    }
  });

  test.each(dialects)('a journal line that changed in a column its posting is made of (%s) is reversed and posted again', async (_name, dialect) => {
    const previous = await readBack(await writeReports(run, dialect));
    const edits: Record<string, (l: JournalLine) => JournalLine> = {
      date: (l) => ({ ...l, date: isoDate('2021-08-01') }),
      currency: (l) => ({ ...l, currency: 'USD' }),
      account: (l) => ({ ...l, account: 'income' }),
      debit: (l) => ({ ...l, debit: new Dec('0.01') }),
      credit: (l) => ({ ...l, credit: new Dec('1234.57') }),
    };
    for (const [column, edit] of Object.entries(edits)) {
      const { journalDelta } = sincePrevious(previous, { ...run, journal: [edit(journal[0]!), journal[1]!] }, AS_OF);
      expect(journalDelta.map((l) => l.reference), column).toEqual(['ref/1/reversal/2022-02-10', 'ref/1']);
    }
  });

  test.each(dialects)('a journal reads back whole (%s): every column, as the reversal of a line takes it from the previous run', async (_name, dialect) => {
    const previous = await readBack(await writeReports(run, dialect));
    // Amounts as values (`300.00` read back is 300): JSON gives a decimal's value as its text.
    expect(JSON.parse(JSON.stringify(previous.journal))).toEqual(JSON.parse(JSON.stringify(journal)));
    expect(JOURNAL_REPORT.readBack).toEqual(JOURNAL_REPORT.columns.map((c) => c.name));
  });
});
