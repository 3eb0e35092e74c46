import type { CurrencyCode } from '../money/currency.js';

/** A fund pool: co-op of one participant and program, earned in one period, in one currency. */
export interface PoolKey {
  readonly participantId: string;
  /** The program's canonical name, so aliases pool together. */
  readonly programName: string;
  /** Canonical label of the earning period, `FY21 H1`. */
  readonly earningPeriod: string;
  readonly currency: CurrencyCode;
}

const SEP = '\u001f';

/** A pool key's parts in the key's order (participant, program, earning period, currency), for a caller that writes them its own way. */
export function poolKeyParts(k: PoolKey): readonly [string, string, string, string] {
  return [k.participantId, k.programName, k.earningPeriod, k.currency];
}

/** One text per pool, for maps and sets: its parts with a separator no part holds. */
export function poolKeyString(k: PoolKey): string {
  return poolKeyParts(k).join(SEP);
}

/** The threshold is decided per participant, program and period, across currencies. */
export function thresholdGroupKey(k: Omit<PoolKey, 'currency'>): string {
  return k.participantId + SEP + k.programName + SEP + k.earningPeriod;
}

/** Sorts by participantId, programName, earningPeriod, currency; code-unit order, never locale. */
export function comparePoolKeys(a: PoolKey, b: PoolKey): number {
  return (
    cmp(a.participantId, b.participantId) ||
    cmp(a.programName, b.programName) ||
    cmp(a.earningPeriod, b.earningPeriod) ||
    cmp(a.currency, b.currency)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
