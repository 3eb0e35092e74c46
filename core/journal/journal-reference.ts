import type { PoolKey } from '../pools/pool-key.js';
import type { JournalEvent } from './journal-line.js';

/**
 * A line's reference: the same event of the same pool gets the same reference in every run, so
 * a general ledger (and `journalDelta`) can tell a line already posted from a new one. `detail`
 * is the month (`2021-07`) of an accrual or the claimId of a claim event.
 */
export function journalReference(pool: PoolKey, event: JournalEvent, detail = ''): string {
  const parts = [pool.participantId, pool.programName, pool.earningPeriod, pool.currency, event];
  if (detail !== '') parts.push(detail);
  return parts.join('/');
}
