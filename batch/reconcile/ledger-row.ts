import type { Dec } from '../../core/money/decimal.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';

/** What kind of earning a row is, from its `earningType` (SPEC §6). */
export type EarningKind = 'rebate' | 'coop' | 'claim' | 'fee' | 'sell' | 'other';

export interface RowLocation {
  readonly file: string;
  readonly line: number;
}

/** One parsed earnings row, as the reconciliation needs it. */
export interface LedgerRow {
  readonly earningId: string;
  readonly participantId: string;
  readonly programName: string;
  readonly kind: EarningKind;
  readonly amount: Dec;
  readonly amountUSD: Dec | null;
  readonly earningDate: IsoDate;
  readonly currency: string;
  readonly transactionId: string;
  readonly lever: string;
  readonly reasonCode: string;
  readonly claimId: string;
  readonly paymentId: string;
  readonly location: RowLocation;
  /** A digest of the row's content (not its location): equal digests mean identical rows. */
  readonly fingerprint: string;
}

/** `Co-op rollover` rows record a conversion or move; they are evidence, not earnings. */
export function isRollover(row: Pick<LedgerRow, 'reasonCode'>): boolean {
  return row.reasonCode.replace(/[\s_-]+/g, '').toLowerCase() === 'cooprollover';
}
