import type { Dec } from '../../core/money/decimal.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import type { CurrencyCode } from '../../core/money/currency.js';
import type { ScaledAmount } from '../../core/money/scaled-amount.js';
import { memoByText } from './memo-by-text.js';

export type EarningKind = 'rebate' | 'coop' | 'claim' | 'fee' | 'sell' | 'other';

/** One row of the Partner Center earnings export, typed (SPEC §6). */
export interface EarningRow {
  readonly earningId: string;
  readonly participantId: string;
  readonly participantName: string;
  readonly programName: string;
  /** As written in the export (`Co-op`, `Adjustment-Rebate`). */
  readonly earningType: string;
  readonly kind: EarningKind;
  /** `earningAmount`, in `currency` (the export's `transactionCurrency`). */
  readonly amount: Dec;
  /** `earningAmountUSD`; null when the column is absent or the cell empty. */
  readonly amountUSD: Dec | null;
  /** `amount` as an exact scaled integer, for sums without a Decimal per row. */
  readonly amountScaled: ScaledAmount;
  readonly amountUSDScaled: ScaledAmount | null;
  readonly earningDate: IsoDate;
  readonly currency: CurrencyCode;
  readonly transactionId: string;
  readonly lever: string;
  readonly earningRate: string;
  readonly reasonCode: string;
  readonly claimId: string;
  readonly paymentId: string;
  readonly paymentStatus: string;
  /** The export's other columns, by header text, verbatim; empty unless the reader was asked to keep them. */
  readonly passThrough: Readonly<Record<string, string>>;
  readonly location: { readonly file: string; readonly line: number };
}

/** `Co-op`, `Coop`, `CO OP`, `co_op` → `coop`: the comparison SPEC §6 asks for. */
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
