import type { Dec } from '../money/decimal.js';
import type { FiscalHalf } from '../calendar/fiscal-half.js';

/**
 * One line of program configuration, as the built-in catalog or a user's policy file gives it.
 * Every setting is optional: an entry sets only what it knows, and later entries layer over
 * earlier ones field by field (see resolvePolicy).
 */
export interface ProgramPolicyEntry {
  readonly name: string;
  readonly aliases: readonly string[];
  /** The co-op part of an eligible earning, 0..1 (0.40 = 60 % rebate / 40 % co-op). */
  readonly coopShare?: Dec;
  /** Co-op below this (USD, per participant, program and period) converts to rebate. */
  readonly thresholdUSD?: Dec;
  /** false for programs whose funds are claimed through customer association (CPOR) claims. */
  readonly coopClaims?: boolean;
  /** First earning period the entry applies to; open when absent. */
  readonly from?: FiscalHalf;
  /** Last earning period the entry applies to (inclusive); open when absent. */
  readonly until?: FiscalHalf;
}

/** What applies to one program in one earning period, after layering every applicable entry. */
export interface ProgramPolicy {
  /** The canonical name: the name of the program's first entry in the catalog. */
  readonly name: string;
  /** Every other name the program is known by, as written in the entries. */
  readonly aliases: readonly string[];
  readonly coopShare: Dec | null;
  readonly thresholdUSD: Dec | null;
  readonly coopClaims: boolean;
}
