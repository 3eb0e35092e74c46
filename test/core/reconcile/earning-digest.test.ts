import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { earningRecord, type EarningFields, type EarningRecord } from '../../../core/reconcile/earning-record.js';
import { earningKind } from '../../../core/reconcile/earning-type.js';
import { carriedRate, duplicateDecision, rateText, replacesKnownRate } from '../../../core/reconcile/earning-identity.js';
import { digestDecision, earningDigest, replacesKnownRateHash } from '../../../core/reconcile/earning-digest.js';
import { FieldHasher } from '../../../core/reconcile/earning-hash.js';
import { canonicalProgramName, policyCatalog } from '../../../core/policy/policy-catalog.js';
import type { IsoDate } from '../../../core/calendar/calendar-date.js';

const catalog = policyCatalog();
const programOf = (name: string) => canonicalProgramName(catalog, name) ?? name;

/** None (no column, a blank cell), one rate written three ways, another. */
const rates = fc.constantFrom<string>('', ' ', '1.1', '1.10', '1.100000', '1.2');

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
  exchangeRate: rates,
});
type Fields = typeof fields extends fc.Arbitrary<infer T> ? T : never;
const base: Fields = {
  participantId: 'a', participantName: 'a', programName: 'Hosting', earningType: 'Co-op', earningDate: '2021-03-15', currency: 'EUR',
  units: 1, usd: 1, extraZeros: 0, paid: null, transactionId: 'a', lever: 'a', earningRate: '0.04', reasonCode: '', claimId: '',
  paymentId: '', paymentStatus: '', paymentCurrency: '', exchangeRate: '1.1',
};

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
  test('deciding on two digests agrees with the field-by-field duplicate rule, aliases and a rate known included', () => {
    const hasher = new FieldHasher();
    const digestOf = (r: EarningRecord) => earningDigest(r, programOf(r.programName), hasher);
    fc.assert(
      // b takes each field from fa or, now and then, from fb: pairs that differ in one or two fields.
      // The rate known is a's own or, when a carries none, the rate of an earlier version (`earlier`).
      fc.property(fields, fields, fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 20, maxLength: 20 }), fields, (fa, fb, mask, earlier) => {
        const mixed = Object.fromEntries(Object.keys(fa).map((k, i) => [k, (mask[i] === 0 ? fb : fa)[k as keyof Fields]])) as Fields;
        const a = record(fa);
        const b = record(mixed);
        const known = carriedRate(a) !== '' ? a : record({ ...fa, exchangeRate: earlier.exchangeRate });
        const fast = digestDecision(digestOf(a), digestOf(b), digestOf(known).rate);
        expect(fast).toBe(duplicateDecision(a, b, { programOf: (r) => programOf(r.programName), knownRate: carriedRate(known) }));
      }),
      { numRuns: 3000 },
    );
  });

  test('the rate known on hashes follows the readable rule: a rate replaces it when none is known or it is newer', () => {
    const hasher = new FieldHasher();
    const rateOf = (exchangeRate: string) => earningDigest(record({ ...base, exchangeRate }), 'Hosting', hasher).rate;
    fc.assert(
      fc.property(rates, rates, fc.boolean(), (known, later, laterIsNewer) => {
        // The caller's own order of sources (here two flags), asked only when a rate is known.
        const fast = replacesKnownRateHash(rateOf(known), rateOf(later), laterIsNewer, false, (a) => a);
        expect(fast).toBe(replacesKnownRate(rateText(known), record({ ...base, exchangeRate: later }), laterIsNewer));
      }),
    );
  });
});
