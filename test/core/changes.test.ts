import { describe, expect, test } from 'vitest';
import { Dec } from '../../core/money/decimal.js';
import { isoDate } from '../../core/calendar/calendar-date.js';
import { findingChanges, type ComparableFinding } from '../../core/changes/finding-changes.js';
import { poolChanges, previousTransferred, type ComparablePool } from '../../core/changes/pool-changes.js';
import { claimChanges, type ComparableClaim } from '../../core/changes/claim-changes.js';
import { changeCounts } from '../../core/changes/change-counts.js';
import { journalDelta } from '../../core/journal/journal-delta.js';
import type { JournalLine } from '../../core/journal/journal-line.js';

const overdraw: ComparableFinding = { severity: 'error', code: 'claim_overdraws_pool', participantId: 'P1', claimId: 'C1', file: 'claims.csv', line: 3 };
const expiring: ComparableFinding = { severity: 'warning', code: 'funds_expiring', participantId: 'P1', programName: 'X', earningPeriod: 'FY22 H1', currency: 'EUR' };

describe('new and resolved findings', () => {
  test('a finding is the same when it names the same thing, wherever its row moved', () => {
    expect(findingChanges([overdraw], [{ ...overdraw, line: 9, file: 'claims-2.csv' }])).toEqual([]);
  });

  test('on a first run every finding is new; a finding gone is resolved', () => {
    expect(findingChanges([], [overdraw, expiring]).map((c) => [c.change, c.code])).toEqual([
      ['new_finding', 'claim_overdraws_pool'],
      ['new_finding', 'funds_expiring'],
    ]);
    expect(findingChanges([overdraw, expiring], [expiring]).map((c) => [c.change, c.severity, c.claimId])).toEqual([['resolved_finding', 'error', 'C1']]);
  });

  test('a finding that names nothing is told apart by its file and line', () => {
    const warning = { severity: 'warning', code: 'rows_quarantined', file: 'a.csv', line: 4 };
    expect(findingChanges([warning], [{ ...warning, line: 5 }]).map((c) => c.change)).toEqual(['new_finding', 'resolved_finding']);
  });

  test('counts give the new findings per severity', () => {
    const counts = changeCounts(findingChanges([], [overdraw, expiring, expiring]));
    expect(counts.newFindingsBySeverity).toEqual({ error: 1, warning: 1, info: 0 });
    expect(counts.byChange.new_finding).toBe(2);
  });
});

const key = { participantId: 'P1', programName: 'X', earningPeriod: 'FY22 H1', currency: 'EUR' };
function pool(over: Partial<ComparablePool> = {}): ComparablePool {
  const z = new Dec(0);
  return { key, status: 'open', coopEarned: new Dec(1000), convertedToRebate: z, transferred: z, claimsDraft: z, claimsPending: z, claimsApproved: z, claimsPaid: z, available: new Dec(1000), forfeited: z, ...over };
}

describe('pool changes', () => {
  test('each field that differs as the report shows it is one change, with before and after', () => {
    const changes = poolChanges([pool()], [pool({ status: 'claim-only', available: new Dec('400.004'), claimsApproved: new Dec(600) })]);
    expect(changes.map((c) => [c.change, c.field, String(c.before), String(c.after)])).toEqual([
      ['pool_changed', 'status', 'open', 'claim-only'],
      ['pool_changed', 'claimsApproved', '0', '600'],
      ['pool_changed', 'available', '1000', '400'],
    ]);
  });

  test('co-op moved by a transfer since the previous run is a change of its own', () => {
    const changes = poolChanges([pool()], [pool({ transferred: new Dec(-200), available: new Dec(800) })]);
    expect(changes.map((c) => [c.field, String(c.before), String(c.after)])).toEqual([
      ['transferred', '0', '-200'],
      ['available', '1000', '800'],
    ]);
  });

  test('a difference below the minor unit is no change; a new pool and a vanished one are listed', () => {
    expect(poolChanges([pool()], [pool({ available: new Dec('1000.004') })])).toEqual([]);
    const other = { ...key, currency: 'USD' };
    expect(poolChanges([pool()], [pool({ key: other })]).map((c) => [c.change, c.currency, c.field])).toEqual([
      ['new_pool', 'USD', ''],
      ['pool_changed', 'EUR', 'pool'],
    ]);
  });
});

function claim(over: Partial<ComparableClaim> = {}): ComparableClaim {
  return { claimId: 'C1', participantId: 'P1', programName: 'X', earningPeriod: 'FY22 H1', currency: 'EUR', status: 'Submitted', amountClaimed: new Dec(500), amountApproved: null, paid: false, amountPaid: null, findings: '', ...over };
}

describe('claim changes', () => {
  test('a claim approved and paid since names each field', () => {
    const changes = claimChanges([claim()], [claim({ status: 'Approved', amountApproved: new Dec(450), paid: true, amountPaid: new Dec(450) })]);
    expect(changes.map((c) => [c.field, c.before === null ? null : String(c.before), String(c.after)])).toEqual([
      ['status', 'Submitted', 'Approved'],
      ['amountApproved', null, '450'],
      ['paid', 'false', 'true'],
      ['amountPaid', null, '450'],
    ]);
  });

  test('a claim new to the register, or gone from it, is one change of field claim', () => {
    expect(claimChanges([], [claim()]).map((c) => [c.field, c.before, c.after])).toEqual([['claim', null, 'Submitted']]);
    expect(claimChanges([claim()], []).map((c) => [c.field, c.before, c.after])).toEqual([['claim', 'Submitted', null]]);
  });
});

function line(reference: string, account: string, debit: string, credit: string, date = '2021-07-31'): JournalLine {
  return { ...key, date: isoDate(date), reference, description: 'd', event: 'coop_accrued', claimId: '', account, debit: new Dec(debit), credit: new Dec(credit) };
}

describe('the journal delta', () => {
  const july = [line('R/2021-07', 'Funds', '100', '0'), line('R/2021-07', 'Deferred', '0', '100')];
  const august = [line('R/2021-08', 'Funds', '50', '0', '2021-08-31'), line('R/2021-08', 'Deferred', '0', '50', '2021-08-31')];
  const asOf = isoDate('2021-09-10');

  test('posts nothing when nothing changed, even if descriptions were reworded', () => {
    expect(journalDelta(july, july.map((l) => ({ ...l, description: 'reworded' })), asOf)).toEqual([]);
  });

  test('posts new references only', () => {
    expect(journalDelta(july, [...july, ...august], asOf)).toEqual(august);
  });

  test('reverses a changed reference as of the run, then posts it again', () => {
    const changed = [line('R/2021-07', 'Funds', '120', '0'), line('R/2021-07', 'Deferred', '0', '120')];
    const delta = journalDelta(july, changed, asOf);
    expect(delta.map((l) => [l.event, l.date, l.account, l.debit.toFixed(), l.credit.toFixed()])).toEqual([
      ['reversal', '2021-09-10', 'Funds', '0', '100'],
      ['reversal', '2021-09-10', 'Deferred', '100', '0'],
      ['coop_accrued', '2021-07-31', 'Funds', '120', '0'],
      ['coop_accrued', '2021-07-31', 'Deferred', '0', '120'],
    ]);
    expect(delta[0]!.reference).toBe('R/2021-07/reversal/2021-09-10');
  });

  test('reverses a vanished reference', () => {
    expect(journalDelta([...july, ...august], july, asOf).map((l) => [l.event, l.reference])).toEqual([
      ['reversal', 'R/2021-08/reversal/2021-09-10'],
      ['reversal', 'R/2021-08/reversal/2021-09-10'],
    ]);
  });
});

describe('a previous balances.csv without transfers', () => {
  test('reads as nothing moved where it has no transferred column, and as written where it has', () => {
    expect(previousTransferred(null).toFixed()).toBe('0');
    expect(previousTransferred(new Dec('-120.50')).toFixed()).toBe('-120.5');
  });
});
