import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { isoDate, addDays, type IsoDate } from '../../core/calendar/calendar-date.js';
import { formatHalf, half } from '../../core/calendar/fiscal-half.js';
import { Dec } from '../../core/money/decimal.js';
import { numberLocale } from '../../core/money/parse-amount.js';
import { DEFAULT_SETTINGS, withSettings } from '../../core/settings.js';
import { formatPath, type Issue } from '../../core/issues.js';
import { CLAIMS_COLUMNS } from '../../core/workbook-layout.js';
import { policyCatalog, resolvePolicy } from '../../core/policy/policy-catalog.js';
import { approvedAmount, type Claim } from '../../core/claims/claim.js';
import { reserved } from '../../core/pools/claim-draws.js';
import { parseClaimRow, claimToRow, REQUIRED_CLAIMS_COLUMNS } from '../../core/claims/claim-row.js';
import { fundingPeriodOf } from '../../core/claims/funding-period.js';
import { validateClaim, claimDraw, type ClaimContext } from '../../core/claims/validate-claim.js';
import { retainUntil } from '../../core/claims/retain-until.js';
import type { ClaimStatus } from '../../core/claims/claim-status.js';

const catalog = policyCatalog();
const csp = resolvePolicy(catalog, 'CSP Indirect Reseller', half('FY21 H1'));

/** A claim funded by FY21 H1: activity in Feb 2021, submitted inside 2021-02-16 – 2021-08-15. */
function claim(overrides: Partial<Claim> = {}): Claim {
  return {
    claimId: 'C-1',
    participantId: 'P-1',
    programName: 'CSP Indirect Reseller',
    earningPeriod: half('FY21 H1'),
    activityType: 'Event',
    activityName: 'Spring webinar',
    activityStart: isoDate('2021-02-01'),
    activityEnd: isoDate('2021-02-28'),
    currency: 'EUR',
    amountClaimed: new Dec('1000.00'),
    amountApproved: null,
    status: 'Submitted',
    submittedDate: isoDate('2021-03-01'),
    decisionDate: null,
    documents: { invoices: ['inv.pdf'], csrs: [], proofs: ['photo.jpg'] },
    notes: '',
    ...overrides,
  };
}

const context: ClaimContext = { policy: csp, settings: DEFAULT_SETTINGS };

function codes(issues: readonly Issue[]): string[] {
  return issues.map((i) => i.code);
}

function row(cells: Record<string, string> = {}): Record<string, string> {
  return {
    claimId: 'C-7',
    participantId: 'P-1',
    programName: 'CSP Indirect Reseller',
    earningPeriod: 'FY21 H1',
    activityType: 'Event',
    activityName: 'Webinar',
    activityStart: '2021-02-01',
    activityEnd: '2021-02-28',
    currency: 'eur',
    amountClaimed: '1,234.50',
    amountApproved: '',
    status: 'under review',
    submittedDate: '2021-03-01',
    decisionDate: '',
    invoices: '2',
    csrs: '',
    proofs: 'photos.zip; agenda.pdf',
    notes: 'hall B',
    ...cells,
  };
}

describe('funding period of an activity', () => {
  test.each([
    ['2021-01-01', '2021-06-30', 'FY21 H1'],
    ['2021-02-01', '2021-02-28', 'FY21 H1'],
    ['2021-07-01', '2021-07-01', 'FY21 H2'],
    ['2021-12-31', '2021-12-31', 'FY21 H2'],
    ['2022-01-10', '2022-03-10', 'FY22 H1'],
  ])('an activity from %s to %s is funded by %s', (start, end, label) => {
    const r = fundingPeriodOf(isoDate(start), isoDate(end), DEFAULT_SETTINGS);
    expect(r.ok && formatHalf(r.value)).toBe(label);
  });

  test.each([
    ['2021-06-15', '2021-07-15', 'spans_usage_periods'],
    ['2021-12-31', '2022-01-01', 'spans_usage_periods'],
    ['2021-03-10', '2021-03-09', 'end_before_start'],
  ])('an activity from %s to %s is claim_dates_invalid (%s)', (start, end, reason) => {
    const r = fundingPeriodOf(isoDate(start), isoDate(end), DEFAULT_SETTINGS);
    expect(!r.ok && r.issues.map((i) => [i.code, i.params?.['reason']])).toEqual([['claim_dates_invalid', reason]]);
  });

  test('a span across two halves names both halves', () => {
    const r = fundingPeriodOf(isoDate('2021-06-15'), isoDate('2021-07-15'), DEFAULT_SETTINGS);
    expect(!r.ok && r.issues[0]!.params).toMatchObject({ startPeriod: 'FY21 H2', endPeriod: 'FY22 H1' });
  });

  test('the fiscal-year start month is respected', () => {
    const r = fundingPeriodOf(isoDate('2021-02-01'), isoDate('2021-02-28'), withSettings({ fiscalYearStartMonth: 1 }));
    expect(r.ok && formatHalf(r.value)).toBe('FY20 H2');
  });
});

describe('retain-until date', () => {
  test.each([
    ['2021-02-28', '2023-02-28'],
    ['2020-02-29', '2022-02-28'],
    ['2021-12-31', '2023-12-31'],
  ])('originals of an activity ending %s are kept until %s', (end, until) => {
    expect(retainUntil(claim({ activityEnd: isoDate(end) }), DEFAULT_SETTINGS)).toBe(until);
  });

  test('the retention is a setting', () => {
    expect(retainUntil(claim(), withSettings({ retentionMonths: 36 }))).toBe('2024-02-28');
  });
});

describe('claim validation', () => {
  test('a complete claim inside its window has no issues', () => {
    expect(validateClaim(claim(), context)).toEqual([]);
  });

  test('a co-op claim against a CPOR program is not eligible and says to use a CPOR claim', () => {
    const osa = resolvePolicy(catalog, 'OSA Sell', half('FY21 H1'));
    const issues = validateClaim(claim({ programName: 'OSA Sell' }), { ...context, policy: osa });
    expect(issues.map((i) => [i.code, formatPath(i.path), i.params?.['use']])).toEqual([
      ['claim_program_not_eligible', 'programName', 'customer association (CPOR) claim'],
    ]);
  });

  test('an unknown program (no policy) is not this check’s concern', () => {
    expect(validateClaim(claim(), { ...context, policy: null })).toEqual([]);
  });

  test.each([
    ['0', ['claim_amount_invalid']],
    ['-5', ['claim_amount_invalid']],
    ['0.01', []],
  ])('an amount claimed of %s gives %j', (amount, expected) => {
    expect(codes(validateClaim(claim({ amountClaimed: new Dec(amount) }), context))).toEqual(expected);
  });

  test('an approved amount above the amount claimed is claim_amount_invalid', () => {
    const issues = validateClaim(claim({ status: 'Approved', amountApproved: new Dec('1000.01') }), context);
    expect(issues.map((i) => [i.code, formatPath(i.path), i.params?.['approved'], i.params?.['claimed']])).toEqual([
      ['claim_amount_invalid', 'amountApproved', '1000.01', '1000'],
    ]);
  });

  test('dates across two halves are claim_dates_invalid and the named period still sets the window', () => {
    const issues = validateClaim(claim({ activityStart: isoDate('2021-06-01'), activityEnd: isoDate('2021-07-31'), submittedDate: isoDate('2021-09-01') }), context);
    expect(issues.map((i) => [i.code, i.params?.['reason']])).toEqual([
      ['claim_dates_invalid', 'spans_usage_periods'],
      ['claim_submitted_outside_window', 'after_window'],
    ]);
  });

  test.each([
    ['FY21 H1', []],
    ['FY20 H2', [['claim_period_mismatch', 'FY21 H1', 'FY20 H2']]],
    ['FY21 H2', [['claim_period_mismatch', 'FY21 H1', 'FY21 H2']]],
  ])('a claim naming %s for a February 2021 activity gives %j', (label, expected) => {
    const issues = validateClaim(claim({ earningPeriod: half(label) }), context);
    expect(issues.map((i) => [i.code, i.params?.['expected'], i.params?.['actual']])).toEqual(expected);
  });

  test('a claim that names no period takes it from the dates', () => {
    expect(validateClaim(claim({ earningPeriod: null }), context)).toEqual([]);
  });

  // FY21 H1 funds are claimed 2021-02-16 – 2021-08-15 (docs/RULES.md, Calendar).
  test.each([
    ['2021-02-15', 'before_window'],
    ['2021-02-16', null],
    ['2021-08-15', null],
    ['2021-08-16', 'after_window'],
  ])('a claim submitted on %s is outside its window: %s', (submitted, reason) => {
    const issues = validateClaim(claim({ submittedDate: isoDate(submitted) }), context);
    expect(issues.map((i) => [i.code, i.params?.['reason'], i.params?.['windowStart'], i.params?.['windowEnd']])).toEqual(
      reason === null ? [] : [['claim_submitted_outside_window', reason, '2021-02-16', '2021-08-15']],
    );
  });

  test.each([
    ['2021-08-15', []],
    ['2021-08-16', ['claim_submitted_outside_window']],
  ])('a draft still in Editing on %s gives %j (its window closes after 2021-08-15)', (asOf, expected) => {
    const draft = claim({ status: 'Editing', submittedDate: null, documents: { invoices: [], csrs: [], proofs: [] } });
    const issues = validateClaim(draft, { ...context, asOf: isoDate(asOf) });
    expect(codes(issues)).toEqual(expected);
    if (expected.length > 0) expect(issues[0]!.params).toMatchObject({ reason: 'window_closed', windowEnd: '2021-08-15', asOf });
  });

  test('a draft without asOf is not judged against its window', () => {
    expect(validateClaim(claim({ status: 'Editing', submittedDate: null }), context)).toEqual([]);
  });

  test.each([
    [{ invoices: ['i'], csrs: [], proofs: ['p'] }, []],
    [{ invoices: [], csrs: ['csr'], proofs: ['p'] }, []],
    [{ invoices: [], csrs: [], proofs: ['p'] }, ['invoice_or_csr']],
    [{ invoices: ['i'], csrs: ['c'], proofs: [] }, ['proof_of_execution']],
    [{ invoices: [], csrs: [], proofs: [] }, ['invoice_or_csr', 'proof_of_execution']],
  ])('documents %j are missing %j', (documents, missing) => {
    const issues = validateClaim(claim({ documents }), context);
    expect(issues.filter((i) => i.code === 'claim_missing_documents').map((i) => i.params?.['missing'])).toEqual(missing);
  });

  test.each<[ClaimStatus, boolean]>([
    ['Editing', false],
    ['Submitted', true],
    ['Under review', true],
    ['Action required', true],
    ['Disputed', true],
    ['Approved', true],
    ['Rejected', true],
  ])('a claim in %s without documents is claim_missing_documents: %s', (status, expected) => {
    const issues = validateClaim(claim({ status, documents: { invoices: [], csrs: [], proofs: [] } }), context);
    expect(codes(issues).includes('claim_missing_documents')).toBe(expected);
  });

  test.each<[ClaimStatus, string | null, string, string | null]>([
    ['Submitted', null, '999.99', '1000'],
    ['Submitted', null, '1000', null],
    ['Editing', null, '999.99', '1000'],
    ['Approved', '600', '700', null],
    ['Approved', '600', '599.99', '600'],
    ['Rejected', null, '0', null],
  ])('a %s claim (approved %s) against %s available overdraws by needing %s', (status, approved, available, needed) => {
    const c = claim({ status, amountApproved: approved === null ? null : new Dec(approved) });
    const issues = validateClaim(c, { ...context, available: new Dec(available) }).filter((i) => i.code === 'claim_overdraws_pool');
    expect(issues.map((i) => [i.params?.['needed'], i.params?.['available'], i.params?.['currency']])).toEqual(
      needed === null ? [] : [[needed, new Dec(available).toFixed(), 'EUR']],
    );
  });

  test.each([
    [undefined, []],
    [[], []],
    [['EUR', 'USD'], []],
    [['USD'], ['claim_currency_mismatch']],
  ])('pool currencies %j give %j for a EUR claim', (poolCurrencies, expected) => {
    const issues = validateClaim(claim(), { ...context, ...(poolCurrencies ? { poolCurrencies } : {}) });
    expect(codes(issues)).toEqual(expected);
  });

  test('the draw of a claim follows its status', () => {
    expect(claimDraw(claim({ status: 'Rejected' })).toFixed()).toBe('0');
    expect(claimDraw(claim({ status: 'Approved', amountApproved: new Dec('5') })).toFixed()).toBe('5');
    expect(claimDraw(claim({ status: 'Disputed' })).toFixed()).toBe('1000');
  });

  test('every problem is reported at once, in a fixed order', () => {
    const bad = claim({
      status: 'Under review',
      earningPeriod: half('FY22 H1'),
      amountClaimed: new Dec('0'),
      submittedDate: isoDate('2022-01-01'),
      documents: { invoices: [], csrs: [], proofs: [] },
      currency: 'JPY',
    });
    const osa = resolvePolicy(catalog, 'OSA Sell', half('FY21 H1'));
    const issues = validateClaim(bad, { policy: osa, settings: DEFAULT_SETTINGS, available: new Dec('-1'), poolCurrencies: ['EUR'] });
    expect(codes(issues)).toEqual([
      'claim_program_not_eligible',
      'claim_amount_invalid',
      'claim_period_mismatch',
      'claim_submitted_outside_window',
      'claim_missing_documents',
      'claim_missing_documents',
      'claim_currency_mismatch',
      'claim_overdraws_pool',
    ]);
  });

  const anyDate = fc.integer({ min: 0, max: 3000 }).map((n) => addDays(isoDate('2019-01-01'), n));
  test('validation is deterministic and never throws for any dates', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 200 }), anyDate, (start, length, submitted) => {
        const c = claim({ activityStart: start, activityEnd: addDays(start, length), submittedDate: submitted as IsoDate });
        const a = validateClaim(c, context);
        expect(validateClaim(c, context)).toEqual(a);
        const funding = fundingPeriodOf(c.activityStart, c.activityEnd, DEFAULT_SETTINGS);
        expect(codes(a).includes('claim_dates_invalid')).toBe(!funding.ok);
      }),
    );
  });
});

describe('the amount a claim is approved at', () => {
  test('is its amount approved, else, left empty, its amount claimed; what an approved claim draws and reserves is that amount', () => {
    const amounts = fc.integer({ min: 0, max: 10_000_000 }).map((cents) => new Dec(cents).div(100));
    fc.assert(
      fc.property(amounts, fc.option(amounts, { nil: null }), (claimed, approved) => {
        const c = claim({ status: 'Approved', amountClaimed: claimed, amountApproved: approved });
        const at = approvedAmount(c);
        expect(at.eq(approved ?? claimed)).toBe(true);
        expect(claimDraw(c).eq(at)).toBe(true);
        expect(reserved(c).eq(at)).toBe(true);
      }),
    );
  });

  test('an approval that names no amount approves the amount claimed', () => {
    expect(approvedAmount({ amountApproved: undefined, amountClaimed: new Dec('12.50') }).toFixed()).toBe('12.5');
  });
});

describe('claims register rows', () => {
  test('a register row reads into a claim', () => {
    const r = parseClaimRow(row());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.value;
    expect(c).toMatchObject({
      claimId: 'C-7',
      currency: 'EUR',
      status: 'Under review',
      activityStart: '2021-02-01',
      submittedDate: '2021-03-01',
      decisionDate: null,
      amountApproved: null,
      documents: { invoices: ['#1', '#2'], csrs: [], proofs: ['photos.zip', 'agenda.pdf'] },
      notes: 'hall B',
    });
    expect(c.amountClaimed.toFixed()).toBe('1234.5');
    expect(formatHalf(c.earningPeriod!)).toBe('FY21 H1');
  });

  test('an empty earning period and an empty status are allowed: the dates decide and the row is a draft', () => {
    const r = parseClaimRow(row({ earningPeriod: '', status: '' }));
    expect(r.ok && [r.value.earningPeriod, r.value.status]).toEqual([null, 'Editing']);
  });

  test('a locale-formatted register is read with its locale', () => {
    const nl = numberLocale('nl-NL');
    expect(nl.ok).toBe(true);
    if (!nl.ok) return;
    const r = parseClaimRow(row({ amountClaimed: '1.234,50', amountApproved: '1.000,00' }), { locale: nl.value });
    expect(r.ok && [r.value.amountClaimed.toFixed(), r.value.amountApproved?.toFixed()]).toEqual(['1234.5', '1000']);
  });

  test('every problem is reported at its column with the raw cell as input', () => {
    const r = parseClaimRow(
      row({
        claimId: ' ',
        earningPeriod: 'FY21 H3',
        activityStart: '31/02/2021',
        currency: 'euro',
        amountClaimed: '12,34',
        status: 'Paid',
        decisionDate: 'soon',
        invoices: '100000',
      }),
    );
    expect(!r.ok && r.issues.map((i) => [formatPath(i.path), i.code, i.input])).toEqual([
      ['claimId', 'missing_field', ' '],
      ['earningPeriod', 'invalid_period_label', 'FY21 H3'],
      ['activityStart', 'invalid_date', '31/02/2021'],
      ['currency', 'invalid_currency', 'euro'],
      ['amountClaimed', 'invalid_amount', '12,34'],
      ['status', 'invalid_claim_status', 'Paid'],
      ['decisionDate', 'invalid_date', 'soon'],
      ['invoices', 'invalid_type', '100000'],
    ]);
  });

  test.each(['claimId', 'participantId', 'programName', 'activityStart', 'activityEnd', 'currency', 'amountClaimed'])(
    'an empty %s is missing_field',
    (column) => {
      const r = parseClaimRow(row({ [column]: '' }));
      expect(!r.ok && r.issues.map((i) => [formatPath(i.path), i.code])).toEqual([[column, 'missing_field']]);
    },
  );

  test('the required register columns are exactly the columns whose empty cell is missing_field, and status is not one of them', () => {
    const missing = CLAIMS_COLUMNS.map((c) => c.name).filter((column) => {
      const r = parseClaimRow(row({ [column]: '' }));
      return !r.ok && r.issues.some((i) => i.code === 'missing_field' && formatPath(i.path) === column);
    });
    expect(missing).toEqual([...REQUIRED_CLAIMS_COLUMNS]);
    expect(REQUIRED_CLAIMS_COLUMNS).not.toContain('status');
  });

  test('a row without a status column is a draft', () => {
    const { status: _, ...withoutStatus } = row();
    const r = parseClaimRow(withoutStatus);
    expect(r.ok && r.value.status).toBe('Editing');
  });

  test('headers match case-insensitively and missing optional columns are empty', () => {
    const r = parseClaimRow({
      ClaimID: 'C-9',
      participantID: 'P-1',
      ProgramName: 'IoT',
      activitystart: '2021-02-01',
      activityEnd: '2/28/2021',
      Currency: 'USD',
      amountClaimed: '(5)',
    });
    expect(r.ok && [r.value.claimId, r.value.activityEnd, r.value.amountClaimed.toFixed(), r.value.documents.proofs]).toEqual(['C-9', '2021-02-28', '-5', []]);
  });

  test('a claim written back has every register column, plain decimal amounts, and counts for placeholder documents', () => {
    const r = parseClaimRow(row({ amountClaimed: '1,234.50', amountApproved: '1000.00' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const out = claimToRow({ ...r.value, amountClaimed: new Dec('12345678901234567890.125') });
    expect(Object.keys(out)).toEqual(CLAIMS_COLUMNS.map((c) => c.name));
    expect(out).toMatchObject({
      amountClaimed: '12345678901234567890.125',
      amountApproved: '1000',
      earningPeriod: 'FY21 H1',
      status: 'Under review',
      decisionDate: '',
      invoices: '2',
      csrs: '',
      proofs: 'photos.zip; agenda.pdf',
      currency: 'EUR',
    });
  });

  const statuses: ClaimStatus[] = ['Editing', 'Submitted', 'Under review', 'Approved', 'Rejected', 'Action required', 'Disputed'];
  const name = fc.stringMatching(/^[a-z][a-z0-9 .]{0,10}[a-z0-9]$/);
  test('claimToRow and parseClaimRow round-trip', () => {
    fc.assert(
      fc.property(fc.constantFrom(...statuses), fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.integer({ min: 0, max: 4 }), fc.array(name, { maxLength: 3 }), fc.option(fc.constantFrom('FY21 H1', 'FY22 H2'), { nil: null }), (status, cents, invoiceCount, proofs, period) => {
        const original = claim({
          status,
          amountClaimed: new Dec(cents.toString()).div(100),
          amountApproved: status === 'Approved' ? new Dec('1.5') : null,
          earningPeriod: period === null ? null : half(period),
          documents: { invoices: Array.from({ length: invoiceCount }, (_, i) => `#${i + 1}`), csrs: ['csr.pdf'], proofs },
          decisionDate: status === 'Approved' ? isoDate('2021-05-05') : null,
        });
        const back = parseClaimRow(claimToRow(original));
        expect(back.ok).toBe(true);
        if (!back.ok) return;
        expect(claimToRow(back.value)).toEqual(claimToRow(original));
        expect(back.value.amountClaimed.eq(original.amountClaimed)).toBe(true);
        expect(back.value.documents).toEqual(original.documents);
      }),
    );
  });
});
