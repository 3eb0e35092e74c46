import type { EarningRow } from '../input/earning-row.js';

/** An earnings row as the ledger keeps it: the parsed row plus a digest of its content. */
export type LedgerRow = Omit<EarningRow, 'passThrough'> & {
  /** Equal digests mean identical rows (see earningFingerprint). */
  readonly fingerprint: string;
};

export type RowLocation = EarningRow['location'];

/** `Co-op rollover` rows record a conversion or move; they are evidence, not earnings. */
export function isRollover(row: Pick<LedgerRow, 'reasonCode'>): boolean {
  return row.reasonCode.replace(/[\s_-]+/g, '').toLowerCase() === 'cooprollover';
}
