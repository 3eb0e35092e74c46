import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { numberLocale, type NumberLocale } from '../../../core/money/parse-amount.js';
import { scaledToDec, type ScaledAmount } from '../../../core/money/scaled-amount.js';
import { parseCurrency } from '../../../core/money/currency.js';
import { parseDate } from '../../../core/calendar/calendar-date.js';
import {
  acceptsFastReading,
  EARNING_ROW_COLUMNS,
  payToCurrencyOf,
  plainScaledAmount,
  readEarningRow,
  REQUIRED_EARNING_TEXTS,
  scaledAmountOfText,
  type AcceptedEarningRow,
  type EarningRowColumn,
} from '../../../core/reconcile/earning-row.js';
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

describe('the fast reading of a row, held to the rule', () => {
  // Cells of every kind, mostly what a row is accepted with (so accepted rows are common), else
  // blank, what a row is refused for, or any text at all.
  const cellOf = (good: readonly string[], bad: readonly string[], blank = 1) =>
    fc.oneof(
      { arbitrary: fc.constantFrom(...good), weight: 40 },
      { arbitrary: fc.constant(''), weight: blank },
      { arbitrary: fc.constantFrom(...bad), weight: 1 },
      { arbitrary: fc.string({ maxLength: 6 }), weight: 1 },
    );
  const GOOD_AMOUNTS = ['12.50', '-0.5', '(12.50)', '1,234.56', '1.234,56', '0', '.5', '7.', '1234567890123456', '100000000000.0001'];
  const BAD_AMOUNTS = ['1e3', '12.5O', '-', '1 000'];
  const text = cellOf(['E-1', 'P-100', 'Co-op'], [' ']);
  const cells: Record<EarningRowColumn, fc.Arbitrary<string>> = {
    earningId: text,
    participantId: text,
    programName: text,
    earningType: text,
    earningAmount: cellOf(GOOD_AMOUNTS, BAD_AMOUNTS),
    earningAmountUSD: cellOf(GOOD_AMOUNTS, BAD_AMOUNTS, 20),
    earningDate: cellOf(['2021-03-15', '3/15/2021'], ['2021-02-30', 'soon']),
    transactionCurrency: cellOf(['EUR', 'usd'], ['EURO', 'E1R']),
    lastPaymentCurrency: cellOf(['GBP', 'gbp'], ['POUND', 'G B'], 20),
    earningAmountInLastPaymentCurrency: cellOf(GOOD_AMOUNTS, BAD_AMOUNTS, 20),
  };
  const row = fc.record(cells);
  const locale = fc.constantFrom<NumberLocale | undefined>(undefined, ...['nl-NL', 'de-CH', 'fr-FR'].map((tag) => {
    const l = numberLocale(tag);
    if (!l.ok) throw new Error(`${tag} locale missing`);
    return l.value;
  }));

  /**
   * How fully a reader reads each typed cell: as the rule reads it, by its fast path only (an
   * amount: `plainScaledAmount`), or not at all (left null). A reader may leave any cell to the
   * rule; what it does read it reads as the rule does.
   */
  type Depth = 'full' | 'fast' | 'none';
  const TYPED = ['earningAmount', 'earningAmountUSD', 'earningDate', 'transactionCurrency', 'lastPaymentCurrency', 'earningAmountInLastPaymentCurrency'] as const;
  const depth = fc.oneof({ arbitrary: fc.constant<Depth>('full'), weight: 6 }, { arbitrary: fc.constant<Depth>('fast'), weight: 3 }, { arbitrary: fc.constant<Depth>('none'), weight: 1 });
  const depths = fc.record(Object.fromEntries(TYPED.map((c) => [c, depth])) as Record<(typeof TYPED)[number], fc.Arbitrary<Depth>>);
  const FULL = Object.fromEntries(TYPED.map((c) => [c, 'full'])) as Record<(typeof TYPED)[number], Depth>;

  /** A fast reading of a row: `acceptsFastReading`'s arguments. */
  type Reading = Parameters<typeof acceptsFastReading>;
  /** Where the required texts and the blank flags are among the parts (the rest are typed values). */
  const TEXT_PARTS: readonly number[] = REQUIRED_EARNING_TEXTS.map((_, at) => at);
  const BLANK_FLAGS: readonly number[] = [6, 11];

  /** A reader's fast reading of the row's cells, each typed cell read to its depth. */
  function readingOf(texts: Record<EarningRowColumn, string>, depth: Record<(typeof TYPED)[number], Depth>, l: NumberLocale | undefined): Reading {
    const amountOf = (column: 'earningAmount' | 'earningAmountUSD' | 'earningAmountInLastPaymentCurrency'): ScaledAmount | null => {
      const d = depth[column];
      return d === 'none' ? null : d === 'fast' ? plainScaledAmount(texts[column], l) : scaledAmountOfText(texts[column], l ? { locale: l } : {});
    };
    const parsed = <T>(column: (typeof TYPED)[number], r: { ok: true; value: T } | { ok: false }): T | null => (depth[column] !== 'none' && r.ok ? r.value : null);
    return [
      // The required texts, core's list in its order: a reading of some other list would not line up.
      ...(REQUIRED_EARNING_TEXTS.map((column) => texts[column]) as [string, string, string, string]),
      amountOf('earningAmount'),
      texts.earningAmountUSD === '' ? null : amountOf('earningAmountUSD'),
      texts.earningAmountUSD === '',
      parsed('earningDate', parseDate(texts.earningDate)),
      parsed('transactionCurrency', parseCurrency(texts.transactionCurrency)),
      depth.lastPaymentCurrency === 'none' ? null : payToCurrencyOf(texts.lastPaymentCurrency),
      texts.earningAmountInLastPaymentCurrency === '' ? null : amountOf('earningAmountInLastPaymentCurrency'),
      texts.earningAmountInLastPaymentCurrency === '',
    ];
  }

  /** The values of a reading, as `readEarningRow` gives an accepted row's. */
  const valuesOf = (r: Reading): Record<keyof AcceptedEarningRow, unknown> => ({
    amountScaled: r[4],
    amountUSDScaled: r[5],
    earningDate: r[7],
    currency: r[8],
    paymentCurrency: r[9],
    amountInPaymentCurrencyScaled: r[10],
  });
  const textsOf = (raw: Record<EarningRowColumn, string>) => Object.fromEntries(EARNING_ROW_COLUMNS.map((c) => [c, raw[c].trim()])) as Record<EarningRowColumn, string>;

  test('whatever the fast reading accepts, readEarningRow accepts with the same values; whatever the rule refuses, the fast reading refuses', () => {
    fc.assert(
      fc.property(row, depths, locale, (raw, depth, l) => {
        const texts = textsOf(raw);
        const reading = readingOf(texts, depth, l);
        const fast = acceptsFastReading(...reading);
        const rule = readEarningRow((c) => texts[c], l ? { locale: l } : {});
        if (!rule.ok) expect(fast).toBe(false);
        if (fast) {
          expect(rule.ok).toBe(true);
          if (rule.ok) expect(valuesOf(reading)).toEqual(rule.value);
        }
      }),
      { numRuns: 5000 },
    );
  });

  test('a reading of every cell as the rule reads it is accepted exactly when the rule accepts the row: the fast path leaves no row it could take', () => {
    fc.assert(
      fc.property(row, locale, (raw, l) => {
        const texts = textsOf(raw);
        const rule = readEarningRow((c) => texts[c], l ? { locale: l } : {});
        const reading = readingOf(texts, FULL, l);
        expect(acceptsFastReading(...reading) ? valuesOf(reading) : null).toEqual(rule.ok ? rule.value : null);
      }),
      { numRuns: 3000 },
    );
  });

  test('every part counts: an accepted reading with any one part unread (a required text empty, a value null, a blank flag unset) is refused', () => {
    for (const texts of [GOOD, { ...GOOD, earningAmountUSD: '', lastPaymentCurrency: '', earningAmountInLastPaymentCurrency: '' }]) {
      const reading = readingOf(texts, FULL, undefined);
      expect(acceptsFastReading(...reading)).toBe(true);
      reading.forEach((part, at) => {
        const unread = TEXT_PARTS.includes(at) ? '' : BLANK_FLAGS.includes(at) ? false : null;
        if (part === unread) return;
        const changed = [...reading] as unknown as Reading;
        (changed as unknown[])[at] = unread;
        expect([at, acceptsFastReading(...changed)]).toEqual([at, false]);
      });
    }
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
