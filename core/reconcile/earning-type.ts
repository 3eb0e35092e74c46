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

/**
 * The earning types the ledger knows, as Partner Center writes them, and what each is. Other
 * spellings (`Coop`, `CO_OP`) are the same type once normalised.
 */
const TYPES: readonly (readonly [name: string, kind: EarningKind])[] = [
  ['Rebate', 'rebate'],
  ['Indirect Rebate', 'rebate'],
  ['Adjustment-Rebate', 'rebate'],
  ['Co-op', 'coop'],
  ['Adjustment-Co-op', 'coop'],
  ['Claim', 'claim'],
  ['Fee', 'fee'],
  ['Sell', 'sell'],
];

/** The known types' names, for messages that list them. */
export const KNOWN_EARNING_TYPES: readonly string[] = TYPES.map(([name]) => name);

const KINDS: ReadonlyMap<string, EarningKind> = new Map(TYPES.map(([name, kind]) => [normaliseEarningType(name), kind]));

/** The ledger's reading of an `earningType`; types it does not know are `other`, never guessed. */
export function earningKind(earningType: string): EarningKind {
  return KINDS.get(normaliseEarningType(earningType)) ?? 'other';
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
