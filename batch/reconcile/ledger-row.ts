import type { EarningRow } from '../input/earning-row.js';

export type RowLocation = EarningRow['location'];

/** `Co-op rollover` rows record a conversion or move; they are evidence, not earnings. */
export function isRollover(row: Pick<EarningRow, 'reasonCode'>): boolean {
  return row.reasonCode.replace(/[\s_-]+/g, '').toLowerCase() === 'cooprollover';
}
