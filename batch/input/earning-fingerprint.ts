import { createHash } from 'node:crypto';
import type { EarningRow } from './earning-row.js';
import { normaliseEarningType } from './earning-row.js';

/**
 * A short hash of what an earning row says, for telling identical duplicates (the same row in two
 * overlapping downloads: counted once) from conflicting ones (same `earningId`, different
 * content: an error). It covers every column the ledger reads, normalised (`12.50` = `12.5`,
 * `Co-op` = `Coop`, dates as ISO); it leaves out where the row was found and the pass-through
 * columns, which growth reports repeat per transaction with other values.
 */
export function earningFingerprint(row: EarningRow): string {
  const content = [
    row.earningId,
    row.participantId,
    row.participantName,
    row.programName,
    normaliseEarningType(row.earningType),
    row.amount.toString(),
    row.amountUSD?.toString() ?? '',
    row.earningDate,
    row.currency,
    row.transactionId,
    row.lever,
    row.earningRate,
    row.reasonCode,
    row.claimId,
    row.paymentId,
    row.paymentStatus,
  ];
  return createHash('sha1').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}
