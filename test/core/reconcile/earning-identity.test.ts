import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { earningRecord, type EarningFields, type EarningRecord } from '../../../core/reconcile/earning-record.js';
import { earningKind } from '../../../core/reconcile/earning-type.js';
import { carriedRate, duplicateDecision, earningFactsHash, earningFingerprint, earningUpdateHashes, fastRateText, NO_RATE, rateText } from '../../../core/reconcile/earning-identity.js';
import { digestDecision, earningDigest } from '../../../core/reconcile/earning-digest.js';
import { FieldHasher, hashText64 } from '../../../core/reconcile/earning-hash.js';
import type { IsoDate } from '../../../core/calendar/calendar-date.js';
import { earningFields } from './earning-fields.js';

const base: EarningFields = earningFields();

/** Exchange rates as downloads write them, or none (no column, a blank cell). */
const rates = fc.constantFrom('', ' ', '1.13', '1.130000', '1.1300', '0.9', '0.90', '1.14', 'n/a');

/** Small alphabets, so that generated pairs are often equal in a field and often not. */
const text = fc.constantFrom('', 'a', 'b', 'Contoso, Ltd.', 'ab');
const fields = fc.record({
  participantId: text,
  participantName: text,
  programName: text,
  earningType: fc.constantFrom('Co-op', 'Coop', 'CO_OP', 'Rebate', 'Adjustment-Co-op'),
  units: fc.integer({ min: -3, max: 3 }),
  usd: fc.option(fc.integer({ min: -3, max: 3 })),
  extraZeros: fc.integer({ min: 0, max: 3 }),
  earningDate: fc.constantFrom('2021-03-15', '2021-03-16'),
  currency: fc.constantFrom('EUR', 'USD'),
  transactionId: text,
  lever: text,
  earningRate: fc.constantFrom('', '0.04', '0.040', '0.0400', '.04', '4E-2', '0.05', '0.050', '5.', '5.0', '5', 'n/a'),
  reasonCode: text,
  claimId: text,
  paymentId: text,
  paymentStatus: text,
  paymentCurrency: fc.constantFrom('', 'USD'),
  paid: fc.option(fc.integer({ min: -3, max: 3 })),
  exchangeRate: rates,
});

type Fields = typeof fields extends fc.Arbitrary<infer T> ? T : never;

function record(f: Fields, line: number) {
  // The same amount written with more decimals (12.5 = 12.50 = 12.500).
  const scale = 2 + f.extraZeros;
  const k = 10 ** f.extraZeros;
  return earningRecord({
    ...base,
    ...f,
    kind: earningKind(f.earningType),
    earningDate: f.earningDate as IsoDate,
    amountScaled: { units: f.units * 125 * k, scale },
    amountUSDScaled: f.usd === null ? null : { units: f.usd * 7 * k, scale },
    amountInPaymentCurrencyScaled: f.paid === null ? null : { units: f.paid * 3 * k, scale },
    location: { file: 'x.csv', line },
  });
}

describe('the duplicate decision', () => {
  test('the stores\' four hashes agree with the field-by-field rule, a rate known or not', () => {
    const hasher = new FieldHasher();
    // The hashes as the earningId stores keep them (`earningDigest`), the rate known that of `known`.
    const decide = (a: EarningRecord, b: EarningRecord, known: EarningRecord) =>
      digestDecision(earningDigest(a, a.programName, hasher), earningDigest(b, b.programName, hasher), earningDigest(known, known.programName, hasher).rate);
    fc.assert(
      // b takes each field from fa or, now and then, from fb: pairs that differ in one or two fields.
      // The rate known is a's own, or (when a carries none) one an earlier version carried.
      fc.property(fields, fields, fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 20, maxLength: 20 }), rates, (fa, fb, mask, earlier) => {
        const mixed = Object.fromEntries(Object.keys(fa).map((k, i) => [k, (mask[i] === 0 ? fb : fa)[k as keyof Fields]])) as Fields;
        const a = record(fa, 2);
        const b = record(mixed, 9);
        const known = carriedRate(a) !== '' ? a : record({ ...fa, exchangeRate: earlier }, 1);
        // Different parts hash equally with probability 2^-32: never among these few cases.
        expect(decide(a, b, known)).toBe(duplicateDecision(a, b, { knownRate: carriedRate(known) }));
      }),
      { numRuns: 3000 },
    );
  });

  test.each([
    ['the amount written with more decimals', { amountScaled: { units: 12500, scale: 3 } }, 'identical'],
    ['the type spelt Coop', { earningType: 'Coop' }, 'identical'],
    ['the type spelt Co_op', { earningType: 'Co_op' }, 'identical'],
    ['the rate written 0.040', { earningRate: '0.040' }, 'identical'],
    ['another amount', { amountScaled: { units: 1251, scale: 2 } }, 'conflicting'],
    ['another rate', { earningRate: '0.05' }, 'conflicting'],
    ['another transaction', { transactionId: 'T-2' }, 'conflicting'],
    ['another reasonCode', { reasonCode: 'Ops Adjustment' }, 'conflicting'],
    ['another USD amount', { amountUSDScaled: { units: 1410, scale: 2 } }, 'restated'],
    ['no USD amount', { amountUSDScaled: null }, 'restated'],
    ['the exchange rate written 1.130000', { exchangeRate: '1.130000' }, 'identical'],
    ['another exchange rate', { exchangeRate: '1.14' }, 'restated'],
    ['no exchange rate (a download without the column)', { exchangeRate: '' }, 'updated'],
    ['a blank exchange rate cell', { exchangeRate: ' ' }, 'updated'],
    ['another payment status', { paymentStatus: 'Sent' }, 'updated'],
    ['a paymentId', { paymentId: 'PAY-1' }, 'updated'],
    ['a pay-to amount', { paymentCurrency: 'USD', amountInPaymentCurrencyScaled: { units: 1400, scale: 2 } }, 'updated'],
    ['another participant name', { participantName: 'Contoso Limited' }, 'updated'],
  ] as const)('a repeat with %s is %s', (_what, change, expected) => {
    expect(duplicateDecision(earningRecord(base), earningRecord({ ...base, ...change }))).toBe(expected);
  });

  test.each([
    ['the counted version has no rate, the later one has', '', '1.13', '', 'updated'],
    ['the counted version has no rate, the later one has the rate known', '', '1.13', '1.130000', 'updated'],
    ['the counted version has no rate, the later one another than the rate known', '', '1.2', '1.1', 'restated'],
    ['neither has a rate, a rate known before them', '', '', '1.1', 'identical'],
    ['both have the rate known, written differently', '1.10', '1.1', '1.1', 'identical'],
  ] as const)('with %s, a repeat is %s', (_what, countedRate, laterRate, knownRate, expected) => {
    const counted = earningRecord({ ...base, exchangeRate: countedRate });
    expect(duplicateDecision(counted, earningRecord({ ...base, exchangeRate: laterRate }), { knownRate: rateText(knownRate) })).toBe(expected);
  });

  test('no rate, or a blank cell, hashes to NO_RATE; a rate never does, even one whose hash comes out as NO_RATE', () => {
    const hasher = new FieldHasher();
    const rateHash = (exchangeRate: string) => {
      const out = { usd: 0, rate: 0, details: 0 };
      earningUpdateHashes(earningRecord({ ...base, exchangeRate }), hasher, out);
      return out.rate;
    };
    // The one pair of UTF-16 units after which the rate's lane of the hash is zero: FNV-1a's
    // multiplier is odd, so it has an inverse modulo 2^32 (Newton's iteration finds it).
    const inverse = (p: bigint) => {
      let x = p;
      for (let i = 0; i < 5; i++) x = (x * (2n - p * x)) & 0xffffffffn;
      return x;
    };
    const pair = Number(0x811c9dc5n ^ ((0x21n * inverse(0x01000193n)) & 0xffffffffn));
    const unlucky = String.fromCharCode(pair & 0xffff, pair >>> 16);
    expect(hasher.start().text32(unlucky).finish32()).toBe(NO_RATE);
    expect([rateHash(''), rateHash('  ')]).toEqual([NO_RATE, NO_RATE]);
    expect([rateHash(unlucky), rateHash('1.13'), rateHash('n/a')]).not.toContain(NO_RATE);
  });

  test('a hash depends only on its own input: hashing something else in between changes nothing', () => {
    const hasher = new FieldHasher();
    const row = earningRecord(base);
    const content = earningFactsHash(row, row.programName, hasher);
    const fingerprint = earningFingerprint(row, hasher);
    const id = { ...hashText64(hasher, 'E-1', { lo: 0, hi: 0 }) };
    hashText64(hasher, 'something else entirely', { lo: 0, hi: 0 });
    earningFactsHash(earningRecord({ ...base, participantId: 'other' }), 'x', hasher);
    expect(earningFactsHash(row, row.programName, new FieldHasher())).toBe(content);
    expect(earningFingerprint(row, hasher)).toBe(fingerprint);
    expect(hashText64(new FieldHasher(), 'E-1', { lo: 0, hi: 0 })).toEqual(id);
    expect(id.lo === 0 && id.hi === 0).toBe(false);
  });
});

describe('the rate fast path', () => {
  /** Decimal text as exports and people write it: padding, signs, exponents, stray dots. */
  const rateLike = fc.oneof(
    fc.tuple(fc.stringMatching(/^\d{0,34}$/), fc.option(fc.stringMatching(/^\d{0,34}$/))).map(([i, f]) => (f === null ? i : `${i}.${f}`)),
    fc.stringMatching(/^[-+ ]?\d{0,3}(\.\d{0,3})?([eE][-+]?\d{1,2})? ?$/),
    fc.string({ maxLength: 6 }),
  );

  test('reads every text as the rule does', () => {
    fc.assert(fc.property(rateLike, (rate) => fastRateText(rate) === rateText(rate)), { numRuns: 5000 });
  });

  test('drops trailing zeros of a plain rate without changing its value', () => {
    expect([fastRateText('0.0090'), fastRateText('5.0'), fastRateText('0.000'), fastRateText('10')]).toEqual(['0.009', '5', '0', '10']);
  });
});
