import { scaledToDec, type ScaledAmount } from '../money/scaled-amount.js';
import type { EarningRecord } from './earning-record.js';
import { earningTypeKey } from './earning-type.js';
import type { FieldHasher, Hash64 } from './earning-hash.js';

/**
 * What an earning says, for telling repeats of one earningId apart (docs/RULES.md, "Repeated
 * earningIds"): every column the ledger reads, normalised (`12.50` = `12.5`, `Co-op` = `Coop`,
 * dates as ISO). It leaves out where the row was found and the pass-through columns, which growth
 * reports repeat per transaction with other values. Rows are only ever compared with rows of the
 * same earningId, so the id itself is not part of it.
 */
export type EarningContent = readonly string[];

const amountText = (a: ScaledAmount | null): string => (a === null ? '' : scaledToDec(a).toString());

/** The readable rule: the content of an earning, field by field. */
export function earningContent(row: EarningRecord): EarningContent {
  return [
    row.participantId,
    row.participantName,
    row.programName,
    earningTypeKey(row.earningType),
    amountText(row.amountScaled),
    row.amountUSDScaled === null ? '\u0000none' : amountText(row.amountUSDScaled),
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
}

/** How a later row of an earningId relates to the version counted so far. */
export type DuplicateDecision = 'identical' | 'conflicting';

/**
 * The duplicate decision: the same content is one earning counted once (overlapping downloads);
 * different content under one earningId is a conflict, and the row read later is used.
 */
export function duplicateDecision(counted: EarningRecord, later: EarningRecord): DuplicateDecision {
  const a = earningContent(counted);
  const b = earningContent(later);
  return a.every((v, i) => v === b[i]) ? 'identical' : 'conflicting';
}

/** One text field: both lanes for 64 bits (`wide`), lane one only for 32. */
function field(h: FieldHasher, text: string, wide: boolean): void {
  if (wide) h.text(text);
  else h.text32(text);
}

/** The fast path of `earningContent`: the same fields mixed into a hash, without a string per field. */
function mixContent(row: EarningRecord, h: FieldHasher, wide: boolean): void {
  h.start();
  field(h, row.participantId, wide);
  field(h, row.participantName, wide);
  field(h, row.programName, wide);
  field(h, earningTypeKey(row.earningType), wide);
  h.amount(row.amountScaled);
  h.amount(row.amountUSDScaled);
  field(h, row.earningDate, wide);
  field(h, row.currency, wide);
  field(h, row.transactionId, wide);
  field(h, row.lever, wide);
  field(h, row.earningRate, wide);
  field(h, row.reasonCode, wide);
  field(h, row.claimId, wide);
  field(h, row.paymentId, wide);
  field(h, row.paymentStatus, wide);
}

/**
 * A 32-bit digest of `earningContent`, what the earningId stores keep per id: equal content gives
 * an equal digest; different content a different one but for a 2^-32 chance (docs/BENCHMARKS.md).
 */
export function earningContentHash(row: EarningRecord, h: FieldHasher): number {
  mixContent(row, h, false);
  return h.finish32();
}

/** The same content as 64 bits, in hex (16 digits): for tests and people. */
export function earningFingerprint(row: EarningRecord, h: FieldHasher): string {
  mixContent(row, h, true);
  const out: Hash64 = h.finish64({ lo: 0, hi: 0 });
  return out.hi.toString(16).padStart(8, '0') + out.lo.toString(16).padStart(8, '0');
}
