import { Dec } from '../money/decimal.js';
import { scaledToDec, type ScaledAmount } from '../money/scaled-amount.js';
import type { EarningRecord } from './earning-record.js';
import { earningTypeKey } from './earning-type.js';
import type { FieldHasher, Hash64 } from './earning-hash.js';

/*
 * Repeats of one earningId (docs/RULES.md, "Repeated earningIds"). Rows are only ever compared
 * with rows of the same earningId, so the id itself is in none of these parts. Where the row was
 * found and the pass-through columns are in none either: growth reports repeat them per
 * transaction with other values.
 */

/**
 * The facts of an earning, which make it the earning it is: participant, canonical program, type,
 * amount, currency, date, transaction, lever, rate (as a number), reasonCode and claimId,
 * normalised (`12.50` = `12.5`, `Co-op` = `Coop`). Different facts under one id are a conflict.
 */
export type EarningFacts = readonly string[];

/**
 * What a later download may restate besides the exchange rate: `earningAmountUSD`. A change moves
 * thresholds: a restatement. The rate is restated too, but compared only where both versions carry
 * one (`carriedRate`, `duplicateDecision`).
 */
export type EarningRestatable = readonly string[];

/**
 * What a later download may change about the same earning without it being another one: the
 * payment (paymentId, status, pay-to currency and amount) and the descriptive name. A change is an
 * update.
 */
export type EarningDetails = readonly string[];

const amountText = (a: ScaledAmount | null): string => (a === null ? '\u0000none' : scaledToDec(a).toString());

/** The readable rule for a rate: `0.04` = `0.040` = `4E-2`; text that is no number is compared as written. */
export function rateText(rate: string): string {
  const t = rate.trim();
  if (t === '') return '';
  try {
    return new Dec(t).toString();
  } catch {
    return t;
  }
}

/** The readable rule: the facts of an earning, field by field; `program` is its canonical program. */
export function earningFacts(row: EarningRecord, program: string = row.programName): EarningFacts {
  return [
    row.participantId,
    program,
    earningTypeKey(row.earningType),
    amountText(row.amountScaled),
    row.earningDate,
    row.currency,
    row.transactionId,
    row.lever,
    rateText(row.earningRate),
    row.reasonCode,
    row.claimId,
  ];
}

/** The readable rule: the fields a re-download may restate, but for the exchange rate (`carriedRate`). */
export function earningRestatable(row: EarningRecord): EarningRestatable {
  return [amountText(row.amountUSDScaled)];
}

/**
 * The readable rule: the exchange rate a version carries, as a number (`1.130000` = `1.13`), or ''
 * when it carries none (the download had no `exchangeRate` column, or the cell is blank).
 */
export function carriedRate(row: EarningRecord): string {
  return rateText(row.exchangeRate ?? '');
}

/** The readable rule: the fields a re-download may update. */
export function earningDetails(row: EarningRecord): EarningDetails {
  return [row.participantName, row.paymentId, row.paymentStatus, row.paymentCurrency, amountText(row.amountInPaymentCurrencyScaled)];
}

/** How a later row of an earningId relates to the version counted so far. */
export type DuplicateDecision =
  /** The same in every field read: one earning counted once (overlapping downloads). */
  | 'identical'
  /**
   * The same facts, other payment or descriptive fields, or an exchange rate in one version only:
   * the newer download's version counts.
   */
  | 'updated'
  /** The same facts, another `earningAmountUSD`, or another exchange rate than the one known: it moves thresholds; the newer version counts. */
  | 'restated'
  /** Other facts: two earnings under one id, an error; the row read later counts. */
  | 'conflicting';

const same = (a: readonly string[], b: readonly string[]): boolean => a.every((v, i) => v === b[i]);

export interface DecisionContext {
  /** The canonical program of a row (an alias is the same program). */
  readonly programOf?: (row: EarningRecord) => string;
  /**
   * The exchange rate later versions of the id are compared with, as `carriedRate` writes it: the
   * rate of the newest download that carried one (`replacesKnownRate`), '' if none did. By default
   * the counted version's own.
   */
  readonly knownRate?: string;
}

/**
 * The duplicate decision, field by field (docs/RULES.md, "Repeated earningIds"). The exchange rate
 * is compared only when both the later version and `knownRate` have one: a download without the
 * column, or with a blank cell, says nothing about the rate. A rate in one of the two versions only
 * is no restatement but an update, so the newer download's version counts and keeps its rate.
 */
export function duplicateDecision(counted: EarningRecord, later: EarningRecord, context: DecisionContext = {}): DuplicateDecision {
  const { programOf = (r: EarningRecord) => r.programName, knownRate = carriedRate(counted) } = context;
  if (!same(earningFacts(counted, programOf(counted)), earningFacts(later, programOf(later)))) return 'conflicting';
  if (!same(earningRestatable(counted), earningRestatable(later))) return 'restated';
  const rate = carriedRate(later);
  if (rate !== '' && knownRate !== '' && rate !== knownRate) return 'restated';
  return same(earningDetails(counted), earningDetails(later)) && rate === carriedRate(counted) ? 'identical' : 'updated';
}

/**
 * The readable rule for the rate later versions of an earningId are compared with (`knownRate`):
 * the rate of the newest download that carried one (on a tie, the version read first). Whether
 * `later` (of the same facts) brings that rate: it carries one, and none is known or it comes from
 * a newer download than the one the rate known came from (`laterIsNewer`). So rate 1.1, then a
 * newer download without the column, then 1.2: the 1.2 is compared with the 1.1, a restatement.
 */
export function replacesKnownRate(knownRate: string, later: EarningRecord, laterIsNewer: boolean): boolean {
  return carriedRate(later) !== '' && (knownRate === '' || laterIsNewer);
}

/** One text field: both lanes for 64 bits (`wide`), lane one only for 32. */
function field(h: FieldHasher, text: string, wide: boolean): void {
  if (wide) h.text(text);
  else h.text32(text);
}

/** The fast path of `earningFacts`: the same fields mixed into a hash, without a string per field. */
function mixFacts(row: EarningRecord, program: string, h: FieldHasher, wide: boolean): void {
  field(h, row.participantId, wide);
  field(h, program, wide);
  field(h, earningTypeKey(row.earningType), wide);
  h.amount(row.amountScaled);
  field(h, row.earningDate, wide);
  field(h, row.currency, wide);
  field(h, row.transactionId, wide);
  field(h, row.lever, wide);
  mixRate(h, row.earningRate, wide);
  field(h, row.reasonCode, wide);
  field(h, row.claimId, wide);
}

function mixRate(h: FieldHasher, rate: string, wide: boolean): void {
  field(h, fastRateText(rate), wide);
}

/**
 * The fast path of `rateText`, held to it by a property test. A plain decimal short enough that
 * the project's Dec writes it without an exponent (at most 30 digits either side of the point),
 * how Partner Center writes every rate (`0.0090`), loses its trailing zeros without a Decimal or a
 * regular expression per row; any other spelling goes through the rule.
 */
export function fastRateText(rate: string): string {
  const n = rate.length;
  let point = -1;
  let lastNonZero = -1;
  for (let i = 0; i < n; i++) {
    const c = rate.charCodeAt(i);
    if (c === 46 /* . */) {
      if (point >= 0 || i === 0) return rateText(rate);
      point = i;
    } else if (c < 48 || c > 57) return rateText(rate);
    else if (c !== 48) lastNonZero = i;
  }
  // Empty, a leading zero before more digits (`007`), or more digits than the plain form holds.
  const intDigits = point < 0 ? n : point;
  if (n === 0 || (rate.charCodeAt(0) === 48 && intDigits > 1) || intDigits > 30 || (point >= 0 && n - point - 1 > 30)) return rateText(rate);
  if (point < 0) return rate;
  // Keep the integer part; of the fraction, what comes up to its last non-zero digit.
  const end = lastNonZero > point ? lastNonZero + 1 : point;
  return end === n ? rate : rate.slice(0, end);
}

/** The fast path of `earningDetails`. */
function mixDetails(row: EarningRecord, h: FieldHasher, wide: boolean): void {
  field(h, row.participantName, wide);
  field(h, row.paymentId, wide);
  field(h, row.paymentStatus, wide);
  field(h, row.paymentCurrency, wide);
  h.amount(row.amountInPaymentCurrencyScaled);
}

/**
 * A 32-bit digest of `earningFacts`, what the earningId stores keep per id: equal facts give an
 * equal digest; different facts a different one but for a 2^-32 chance (docs/BENCHMARKS.md).
 */
export function earningFactsHash(row: EarningRecord, program: string, h: FieldHasher): number {
  h.start();
  mixFacts(row, program, h, false);
  return h.finish32();
}

/**
 * The rate hash that means "this version carries no exchange rate" (`carriedRate` is ''). A rate
 * whose hash comes out as this value is given the next one, so no rate is ever taken for none (it
 * may be taken for another rate, with the 2^-32 chance any two rates have).
 */
export const NO_RATE = 0;

/** What may change between downloads, as 32-bit hashes the earningId stores keep per row. */
export interface EarningUpdateHashes {
  /** `earningRestatable`: the USD amount. */
  usd: number;
  /** `carriedRate`, or `NO_RATE`. */
  rate: number;
  /** `earningDetails`. */
  details: number;
}

/** The fast path of `earningRestatable`, `carriedRate` and `earningDetails`, written into `out` (reused: nothing allocated). */
export function earningUpdateHashes(row: EarningRecord, h: FieldHasher, out: EarningUpdateHashes): void {
  out.usd = h.start().amount(row.amountUSDScaled).finish32();
  const rate = fastRateText(row.exchangeRate ?? '');
  if (rate === '') out.rate = NO_RATE;
  else {
    const hash = h.start().text32(rate).finish32();
    out.rate = hash === NO_RATE ? NO_RATE + 1 : hash;
  }
  h.start();
  mixDetails(row, h, false);
  out.details = h.finish32();
}

/**
 * Facts, USD amount, rate and details together as 64 bits, in hex (16 digits): for tests and
 * people. Nothing decides by comparing the fingerprints of two versions (the stores compare the
 * hashes above), so a missing rate is mixed in as empty text, not as `NO_RATE`.
 */
export function earningFingerprint(row: EarningRecord, h: FieldHasher, program: string = row.programName): string {
  h.start();
  mixFacts(row, program, h, true);
  h.amount(row.amountUSDScaled);
  field(h, fastRateText(row.exchangeRate ?? ''), true);
  mixDetails(row, h, true);
  const out: Hash64 = h.finish64({ lo: 0, hi: 0 });
  return out.hi.toString(16).padStart(8, '0') + out.lo.toString(16).padStart(8, '0');
}
