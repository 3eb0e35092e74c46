import { memoByText } from '../text/memo-by-text.js';

/** What the ledger makes of an earning type. */
export type EarningKind = 'rebate' | 'coop' | 'claim' | 'fee' | 'sell' | 'other';

/**
 * `Co-op`, `Coop`, `CO OP`, `Co_op` → `coop`: types are compared case-insensitively, ignoring
 * spaces, hyphens and underscores (docs/RULES.md, "Earnings export").
 */
export function normaliseEarningType(text: string): string {
  return text.trim().toLowerCase().replace(/[\s_-]+/g, '');
}

const KINDS: Readonly<Record<string, EarningKind>> = {
  rebate: 'rebate',
  indirectrebate: 'rebate',
  adjustmentrebate: 'rebate',
  coop: 'coop',
  adjustmentcoop: 'coop',
  claim: 'claim',
  fee: 'fee',
  sell: 'sell',
};

/** The ledger's reading of an `earningType`; types it does not know are `other`, never guessed. */
export function earningKind(earningType: string): EarningKind {
  return KINDS[normaliseEarningType(earningType)] ?? 'other';
}

/**
 * `normaliseEarningType`, remembered per distinct text: an export has a handful of types and
 * millions of rows.
 */
export const earningTypeKey: (earningType: string) => string = memoByText(normaliseEarningType, 4096);

/** `Co-op rollover` rows record a conversion or move; they are evidence, not earnings (docs/RULES.md). */
export function isRollover(row: { readonly reasonCode: string }): boolean {
  return row.reasonCode.replace(/[\s_-]+/g, '').toLowerCase() === 'cooprollover';
}

/**
 * Whether a row belongs to a transaction's original split (docs/RULES.md, "Split check"): rows
 * with a `reasonCode` (Ops Adjustment, a rollover, a cancellation) and `Adjustment-*` types are
 * later corrections by Microsoft. They count in the pools but stay out of the ratio.
 */
export function isOriginalSplit(row: { readonly reasonCode: string; readonly earningType: string }): boolean {
  return row.reasonCode.trim() === '' && !earningTypeKey(row.earningType).startsWith('adjustment');
}
