import { describe, expect, test } from 'vitest';
import { CLAIM_STATUSES, STATUS_LABELS, parseClaimStatus, type ClaimStatus, type StatusLanguage } from '../../core/claims/claim-status.js';
import { parseClaimRow } from '../../core/claims/claim-row.js';
import { formatPath } from '../../core/issues.js';

const labelCases = (Object.entries(STATUS_LABELS) as [StatusLanguage, Record<ClaimStatus, readonly string[]>][]).flatMap(([language, byStatus]) =>
  CLAIM_STATUSES.flatMap((status) => byStatus[status].map((label) => [language, label, status] as const)),
);

describe("Partner Center's status labels", () => {
  test.each(labelCases)('%s label %j reads as %s', (_language, label, status) => {
    expect(parseClaimStatus(label)).toEqual({ ok: true, value: status });
  });

  test.each([
    // The dispute page's label for a claim sent back to the partner.
    ['Partner Action Required', 'Action required'],
    ['PARTNER_ACTION_REQUIRED', 'Action required'],
    ['partner-action-required', 'Action required'],
    // Seeds: "de status bewerkt" (nl), "übermittelt" (de), "une revendication envoyée" (fr).
    ['bewerkt', 'Editing'],
    ['übermittelt', 'Submitted'],
    ['envoyée', 'Submitted'],
    // Typed without accents, or with a straight apostrophe, in a hand-kept register.
    ['Ubermittelt', 'Submitted'],
    ["En cours d'evaluation", 'Under review'],
    ['Partneratgard kravs', 'Action required'],
    ['  goedgekeurd ', 'Approved'],
    ['En  litige', 'Disputed'],
  ])('%j reads as %s', (text, status) => {
    expect(parseClaimStatus(text)).toEqual({ ok: true, value: status });
  });

  test('every language names all seven statuses', () => {
    for (const byStatus of Object.values(STATUS_LABELS)) {
      for (const status of CLAIM_STATUSES) expect(byStatus[status].length, status).toBeGreaterThan(0);
    }
  });

  test.each(['Paid', 'Betaald', 'Bezahlt', 'Payée', 'Betald', 'Pending', 'Partner Action', 'Action', 'In review', 'Under-reviewed', ''])(
    '%j is not a status: invalid_claim_status with the text as input',
    (text) => {
      const r = parseClaimStatus(text);
      expect(!r.ok && r.issues.map((i) => [i.code, i.input])).toEqual([['invalid_claim_status', text]]);
    },
  );

  test('a claims register row with a localized label parses, and an unknown label names the status column', () => {
    const row = {
      claimId: 'CLM-9',
      participantId: '4447309',
      programName: 'CSP Direct Bill Partner',
      activityStart: '2021-10-01',
      activityEnd: '2021-10-31',
      currency: 'USD',
      amountClaimed: '1200.00',
    };
    const good = parseClaimRow({ ...row, status: 'Partneraktion erforderlich' });
    expect(good.ok && good.value.status).toBe('Action required');
    const bad = parseClaimRow({ ...row, status: 'Teilweise genehmigt' });
    expect(!bad.ok && bad.issues.map((i) => [formatPath(i.path), i.code, i.input])).toEqual([['status', 'invalid_claim_status', 'Teilweise genehmigt']]);
  });
});
