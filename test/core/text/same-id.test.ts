import { describe, expect, test } from 'vitest';
import { sameId } from '../../../core/text/same-id.js';
import { newClaimIssues } from '../../../core/claims/new-claim.js';

describe('ids are compared as a register is read', () => {
  test('trimmed: a cell " CLM-1 " holds CLM-1, and a new claim under it is duplicate_claim', () => {
    expect(sameId(' CLM-1 ', 'CLM-1')).toBe(true);
    expect(newClaimIssues('CLM-1', [' CLM-1 ']).map((i) => i.code)).toEqual(['duplicate_claim']);
  });

  test('case kept: clm-1 is another id than CLM-1', () => {
    expect(sameId('clm-1', 'CLM-1')).toBe(false);
    expect(newClaimIssues('CLM-1', ['clm-1'])).toEqual([]);
  });
});
