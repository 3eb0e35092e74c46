import { describe, expect, test } from 'vitest';
import { numberLocale } from '../../../core/money/parse-amount.js';
import { scaledToDec } from '../../../core/money/scaled-amount.js';
import { readEarningRow, type EarningRowColumn } from '../../../core/reconcile/earning-row.js';
import { importOutcome } from '../../../core/reconcile/import-action.js';
import { importLogCode } from '../../../core/reconcile/import-log.js';
import { VersionResolver } from '../../../core/reconcile/version-resolver.js';
import { earningKind, KNOWN_EARNING_TYPES } from '../../../core/reconcile/earning-type.js';
import { DownloadRecency, rowRecency } from '../../../core/reconcile/download-recency.js';
import type { EarningRecord } from '../../../core/reconcile/earning-record.js';

const GOOD: Record<EarningRowColumn, string> = {
  earningId: 'E-1',
  participantId: 'P-100',
  programName: 'Hosting',
  earningType: 'Co-op',
  earningAmount: '12.50',
  earningAmountUSD: '14.00',
  earningDate: '3/15/2021',
  transactionCurrency: 'eur',
  lastPaymentCurrency: 'gbp',
  earningAmountInLastPaymentCurrency: '(10.80)',
};

const read = (overrides: Partial<Record<EarningRowColumn, string>>, locale?: string) => {
  const cells = { ...GOOD, ...overrides };
  const l = locale === undefined ? undefined : numberLocale(locale);
  return readEarningRow((c) => cells[c], l?.ok ? { locale: l.value } : {});
};
const problems = (overrides: Partial<Record<EarningRowColumn, string>>) => {
  const r = read(overrides);
  return r.ok ? [] : r.issues.map((i) => [i.code, i.path[0]]);
};

describe('accepting an earnings row', () => {
  test('a complete row is read: amounts exact, the date as a calendar date, both currencies as ISO codes', () => {
    const r = read({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(scaledToDec(r.value.amountScaled).toString()).toBe('12.5');
    expect(scaledToDec(r.value.amountUSDScaled!).toString()).toBe('14');
    expect(scaledToDec(r.value.amountInPaymentCurrencyScaled!).toString()).toBe('-10.8');
    expect([r.value.earningDate, r.value.currency, r.value.paymentCurrency]).toEqual(['2021-03-15', 'EUR', 'GBP']);
  });

  test('the USD amount and the pay-to pair may be empty: no USD amount, no payment yet', () => {
    const r = read({ earningAmountUSD: '', lastPaymentCurrency: '', earningAmountInLastPaymentCurrency: '' });
    expect(r.ok && [r.value.amountUSDScaled, r.value.paymentCurrency, r.value.amountInPaymentCurrencyScaled]).toEqual([null, '', null]);
  });

  test.each<[string, Partial<Record<EarningRowColumn, string>>, (readonly string[])[]]>([
    ['an empty earningId', { earningId: '' }, [['missing_field', 'earningId']]],
    ['an empty participantId', { participantId: '' }, [['missing_field', 'participantId']]],
    ['an empty programName', { programName: '' }, [['missing_field', 'programName']]],
    ['an empty earningType', { earningType: '' }, [['missing_field', 'earningType']]],
    ['an empty amount', { earningAmount: '' }, [['missing_field', 'earningAmount']]],
    ['an amount with a letter O', { earningAmount: '12.5O' }, [['invalid_amount', 'earningAmount']]],
    ['a USD amount that is no number', { earningAmountUSD: 'n/a' }, [['invalid_amount', 'earningAmountUSD']]],
    ['a day that does not exist', { earningDate: '2021-02-30' }, [['invalid_date', 'earningDate']]],
    ['an empty date', { earningDate: '' }, [['missing_field', 'earningDate']]],
    ['a currency of four letters', { transactionCurrency: 'EURO' }, [['invalid_currency', 'transactionCurrency']]],
    ['an empty currency', { transactionCurrency: '' }, [['missing_field', 'transactionCurrency']]],
    ['a pay-to currency that is no ISO code', { lastPaymentCurrency: 'POUND' }, [['invalid_currency', 'lastPaymentCurrency']]],
    ['a pay-to amount that is no number', { earningAmountInLastPaymentCurrency: '10,80,0' }, [['invalid_amount', 'earningAmountInLastPaymentCurrency']]],
  ])('%s refuses the row, naming the column', (_, overrides, expected) => {
    expect(problems(overrides)).toEqual(expected);
  });

  test('every problem of a row is reported, in column order', () => {
    expect(problems({ participantId: '', earningAmount: 'x', earningDate: 'soon', lastPaymentCurrency: 'P' })).toEqual([
      ['missing_field', 'participantId'],
      ['invalid_amount', 'earningAmount'],
      ['invalid_date', 'earningDate'],
      ['invalid_currency', 'lastPaymentCurrency'],
    ]);
  });

  test('amounts are read in the number locale when one is given, and an ambiguous one is refused', () => {
    const r = read({ earningAmount: '1.234,56' }, 'nl-NL');
    expect(r.ok && scaledToDec(r.value.amountScaled).toString()).toBe('1234.56');
    const ambiguous = read({ earningAmount: '1,234' }, 'nl-NL');
    expect(ambiguous.ok ? [] : ambiguous.issues.map((i) => [i.code, i.params?.['reason']])).toEqual([['invalid_amount', 'ambiguous']]);
  });
});

describe('what an import does with a repeated earningId', () => {
  // The version counted (facts 1, USD 1, rate 7, details 1) from a download of recency 1, met by core's resolver.
  const counted = { facts: 1, usd: 1, rate: 7, details: 1 };
  const later = { identical: counted, updated: { ...counted, details: 2 }, restated: { ...counted, usd: 2 }, conflicting: { ...counted, facts: 2 } };
  const outcomeOf = (decision: keyof typeof later, newer: boolean) => {
    const recency = [0, 1, newer ? 2 : 0];
    const resolver = new VersionResolver((a, b) => recency[a]! > recency[b]!);
    expect(importOutcome(resolver.meet('E-1', counted, 1))).toEqual({ action: 'append', code: null });
    return importOutcome(resolver.meet('E-1', later[decision], 2));
  };

  test.each([
    ['conflicting', true, 'append'],
    ['conflicting', false, 'append'],
    ['identical', true, 'skip'],
    ['identical', false, 'skip'],
    ['updated', true, 'rewrite'],
    ['updated', false, 'skip'],
    ['restated', true, 'rewrite'],
    ['restated', false, 'skip'],
  ] as const)('%s, from a newer download: %s, is %s', (decision, newer, action) => {
    expect(outcomeOf(decision, newer).action).toBe(action);
  });

  test.each([
    ['conflicting', true, { action: 'append', code: 'conflicting_duplicate' }],
    ['identical', true, { action: 'skip', code: 'duplicate_earning', restamp: true }],
    ['identical', false, { action: 'skip', code: 'duplicate_earning', restamp: false }],
    ['updated', false, { action: 'skip', code: 'earning_updated', restamp: false }],
    ['restated', false, { action: 'skip', code: 'earning_restated', restamp: false }],
    ['restated', true, { action: 'rewrite', kind: 'restated' }],
    ['updated', true, { action: 'rewrite', kind: 'updated' }],
  ] as const)('%s (newer download: %s) is reported as %j', (decision, newer, outcome) => {
    expect(outcomeOf(decision, newer)).toEqual(outcome);
  });

  test('over a row the workbook holds but core cannot read, the first version rewrites that row, and only the first', () => {
    const resolver = new VersionResolver(() => false);
    const first = resolver.meet('E-1', counted, 1);
    expect(importOutcome(first, true)).toEqual({ action: 'rewrite', kind: 'replaced' });
    expect(importLogCode(importOutcome(first, true))).toBeNull();
    // Whatever meets a version already counted is decided by the versions alone.
    for (const decision of ['conflicting', 'identical', 'updated'] as const) {
      const met = resolver.meet('E-1', later[decision], 1);
      expect(importOutcome(met, true)).toEqual(importOutcome(met));
    }
  });
});

describe('known earning types', () => {
  test('every type named in messages is one the ledger reads as a kind, Adjustment-Co-op among them', () => {
    expect(KNOWN_EARNING_TYPES.map(earningKind).filter((k) => k === 'other')).toEqual([]);
    expect(KNOWN_EARNING_TYPES.map(earningKind)).toContain('coop');
    expect(earningKind('Adjustment-Co-op')).toBe('coop');
    expect(KNOWN_EARNING_TYPES.filter((t) => earningKind(t) === 'coop').length).toBe(2);
  });

  test('a type named like an object property is other, not a kind', () => {
    expect(earningKind('constructor')).toBe('other');
  });
});

describe('a row\'s recency', () => {
  const row = (earningDate: string, passThrough: Record<string, string> = {}) => ({ earningDate, passThrough }) as unknown as EarningRecord;

  test('is the latest of its earningDate and the payment and calculation dates it carries, unreadable ones ignored', () => {
    expect(rowRecency(row('2021-03-15'))).toBe('2021-03-15');
    expect(rowRecency(row('2021-03-15', { paymentDate: '2021-05-01', calculationDate: 'soon' }))).toBe('2021-05-01');
  });

  test('a download ranks by its latest row, and on a tie the one named later is newer', () => {
    const recency = new DownloadRecency();
    recency.see(0, row('2021-03-15', { paymentDate: '2021-06-01' }));
    recency.see(1, row('2021-06-01'));
    recency.see(2, row('2021-04-01'));
    expect(recency.rankOf(0)).toEqual({ latest: '2021-06-01', order: 0 });
    expect(recency.ranks()).toEqual([1, 2, 0]);
  });
});
