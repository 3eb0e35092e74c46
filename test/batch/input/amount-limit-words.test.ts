/**
 * The batch job's words for an amount with more significant digits than a workbook cell holds
 * (docs/RULES.md, "Money") say core's limit, from the issue: no message writes the number itself.
 */
import { describe, expect, test } from 'vitest';
import { hintFor } from '../../../batch/input/cell-reader.js';
import { describeIssue } from '../../../batch/reconcile/messages.js';
import { issue } from '../../../core/issues.js';
import { MAX_SIGNIFICANT_DIGITS, parseAmount } from '../../../core/money/parse-amount.js';

const tooPrecise = (maxSignificantDigits: string) => issue('invalid_amount', ['amountClaimed'], '1.5', { reason: 'too_precise', maxSignificantDigits });

describe.each([
  ['the hint of input-errors.csv', hintFor],
  ['the message of a refused cell', describeIssue],
])('%s', (_where, words) => {
  test('says the limit core refused the amount by', () => {
    const refused = parseAmount('1499.9999999999999');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(words(refused.issues[0]!)).toContain(` ${MAX_SIGNIFICANT_DIGITS} `);
  });

  test('says whatever limit the issue carries, not one of its own', () => {
    expect(words(tooPrecise('7'))).toContain(' 7 ');
    expect(words(tooPrecise('7'))).not.toContain(String(MAX_SIGNIFICANT_DIGITS));
  });
});
