import { describe, expect, test } from 'vitest';
import { missingRequirements } from '../../../core/tables/header-row.js';
import { REQUIRED_PAYMENTS_COLUMNS, paymentCurrencyOf, paymentsCurrencyColumns } from '../../../core/reconcile/payments-layout.js';
import type { CurrencyCode } from '../../../core/money/currency.js';

const has = (...columns: string[]) => (column: string) => columns.includes(column);

describe('the Payments report layout', () => {
  test.each([
    [['currencyCode'], 'currencyCode', null],
    [['earnedCurrencyCode', 'paymentCurrencyCode'], 'earnedCurrencyCode', 'paymentCurrencyCode'],
    [['currencyCode', 'earnedCurrencyCode'], 'earnedCurrencyCode', null],
  ])('with the columns %j, earned is read from %s and the payment currency from %s', (columns, earned, payment) => {
    expect(paymentsCurrencyColumns(has(...columns))).toEqual({ earned, payment });
  });

  test('an empty payment currency is the earned currency; a written one stays', () => {
    expect(paymentCurrencyOf(null, 'EUR' as CurrencyCode)).toBe('EUR');
    expect(paymentCurrencyOf('USD' as CurrencyCode, 'EUR' as CurrencyCode)).toBe('USD');
  });

  test.each([
    [['paymentID', 'participantID', 'earned', 'currencyCode'], 0],
    [['paymentId', 'participantId', 'earned', 'earnedCurrencyCode'], 0],
    [['paymentId', 'participantId', 'earned', 'paymentCurrencyCode'], 1],
    [['participantId', 'earned', 'currencyCode'], 1],
  ])('a header %j lacks %i of the required columns', (names, missing) => {
    expect(missingRequirements(names, REQUIRED_PAYMENTS_COLUMNS)).toHaveLength(missing);
  });
});
