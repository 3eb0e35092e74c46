import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { earningRecord, type EarningFields } from '../../../core/reconcile/earning-record.js';
import { earningKind } from '../../../core/reconcile/earning-type.js';
import { duplicateDecision } from '../../../core/reconcile/earning-identity.js';
import { digestDecision, earningDigest } from '../../../core/reconcile/earning-digest.js';
import { FieldHasher } from '../../../core/reconcile/earning-hash.js';
import { canonicalProgramName, policyCatalog } from '../../../core/policy/policy-catalog.js';
import type { IsoDate } from '../../../core/calendar/calendar-date.js';

const catalog = policyCatalog();
const programOf = (name: string) => canonicalProgramName(catalog, name) ?? name;

/** Small alphabets, so that generated pairs are often equal in a field and often not. */
const text = fc.constantFrom('', 'a', 'b', 'Contoso, Ltd.');
const fields = fc.record({
  participantId: text,
  participantName: text,
  // Two spellings of one built-in program, and one the catalog does not know.
  programName: fc.constantFrom('Hosting', 'Hosting Program', 'Microsoft Hosting', 'Surface ADD', 'Other'),
  earningType: fc.constantFrom('Co-op', 'Coop', 'Rebate'),
  units: fc.integer({ min: -2, max: 2 }),
  usd: fc.option(fc.integer({ min: -2, max: 2 })),
  extraZeros: fc.integer({ min: 0, max: 2 }),
  earningDate: fc.constantFrom('2021-03-15', '2021-03-16'),
  currency: fc.constantFrom('EUR', 'USD'),
  transactionId: text,
  lever: text,
  earningRate: fc.constantFrom('', '0.04', '0.040', '0.05'),
  reasonCode: text,
  claimId: text,
  paymentId: text,
  paymentStatus: text,
  paymentCurrency: fc.constantFrom('', 'USD'),
  paid: fc.option(fc.integer({ min: -2, max: 2 })),
});
type Fields = typeof fields extends fc.Arbitrary<infer T> ? T : never;

function record(f: Fields) {
  const k = 10 ** f.extraZeros;
  const scale = 2 + f.extraZeros;
  const { units, usd, paid, extraZeros: _zeros, ...rest } = f;
  const row: EarningFields = {
    ...rest,
    earningId: 'E-1',
    kind: earningKind(f.earningType),
    earningDate: f.earningDate as IsoDate,
    amountScaled: { units: units * 125 * k, scale },
    amountUSDScaled: usd === null ? null : { units: usd * 7 * k, scale },
    amountInPaymentCurrencyScaled: paid === null ? null : { units: paid * 3 * k, scale },
    passThrough: {},
    location: { file: 'x.csv', line: 2 },
  };
  return earningRecord(row);
}

describe('the digest of an earning version', () => {
  test('deciding on two digests agrees with the field-by-field duplicate rule, aliases included', () => {
    const hasher = new FieldHasher();
    fc.assert(
      // b takes each field from fa or, now and then, from fb: pairs that differ in one or two fields.
      fc.property(fields, fields, fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 19, maxLength: 19 }), (fa, fb, mask) => {
        const mixed = Object.fromEntries(Object.keys(fa).map((k, i) => [k, (mask[i] === 0 ? fb : fa)[k as keyof Fields]])) as Fields;
        const a = record(fa);
        const b = record(mixed);
        const fast = digestDecision(earningDigest(a, programOf(a.programName), hasher), earningDigest(b, programOf(b.programName), hasher));
        expect(fast).toBe(duplicateDecision(a, b, (r) => programOf(r.programName)));
      }),
      { numRuns: 3000 },
    );
  });
});
