import type { Dec } from '../money/decimal.js';
import type { IsoDate } from '../calendar/calendar-date.js';
import type { CurrencyCode } from '../money/currency.js';
import { scaledToDec, type ScaledAmount } from '../money/scaled-amount.js';
import type { EarningKind } from './earning-type.js';
import type { EarningTexts } from './earning-texts.js';
import type { AcceptedEarningRow } from './earning-row.js';

/** Where a record was read: a file (or a workbook table) and its line (or row) there, 1-based. */
export interface RowLocation {
  readonly file: string;
  readonly line: number;
}

/**
 * One earning of the Partner Center earnings export, typed (docs/RULES.md, "Earnings export"),
 * with where it was read; its text fields are those of core's map (`EARNING_TEXT_COLUMNS`). Both
 * adapters make these: the batch job from export files, the add-in from the workbook's Earnings
 * table.
 */
export interface EarningRecord extends EarningTexts {
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
  /** `lastPaymentCurrency`: the pay-to currency of the payment that paid the row; '' when absent. */
  readonly paymentCurrency: string;
  /** `earningAmountInLastPaymentCurrency`, in `paymentCurrency`; null when absent. */
  readonly amountInPaymentCurrencyScaled: ScaledAmount | null;
  /** The export's other columns, by header text, verbatim; empty unless the reader was asked to keep them. */
  readonly passThrough: Readonly<Record<string, string>>;
  readonly location: RowLocation;
}

/** The fields of an earning as an adapter reads them: amounts as exact scaled integers. */
export type EarningFields = Omit<EarningRecord, 'amount' | 'amountUSD' | 'exchangeRate'> & { readonly exchangeRate?: string };

/**
 * An earning record whose Decimal amounts are made only when asked for: the ledger sums the scaled
 * integers, so a table of 100,000 rows costs no Decimal per row.
 */
class ScaledEarningRecord implements EarningRecord {
  readonly earningId: string;
  readonly participantId: string;
  readonly participantName: string;
  readonly programName: string;
  readonly earningType: string;
  readonly kind: EarningKind;
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
  readonly paymentCurrency: string;
  readonly amountInPaymentCurrencyScaled: ScaledAmount | null;
  readonly exchangeRate: string;
  readonly passThrough: Readonly<Record<string, string>>;
  readonly location: RowLocation;
  private amountDec: Dec | undefined;
  private amountUSDDec: Dec | null | undefined;

  /** From its texts, its kind and typed values, in parts, so that no adapter spreads them into one object per row (a slow path in V8). */
  constructor(t: Omit<EarningTexts, 'exchangeRate'> & { readonly exchangeRate?: string }, kind: EarningKind, a: AcceptedEarningRow, passThrough: Readonly<Record<string, string>>, location: RowLocation) {
    this.earningId = t.earningId;
    this.participantId = t.participantId;
    this.participantName = t.participantName;
    this.programName = t.programName;
    this.earningType = t.earningType;
    this.kind = kind;
    this.amountScaled = a.amountScaled;
    this.amountUSDScaled = a.amountUSDScaled;
    this.earningDate = a.earningDate;
    this.currency = a.currency;
    this.transactionId = t.transactionId;
    this.lever = t.lever;
    this.earningRate = t.earningRate;
    this.reasonCode = t.reasonCode;
    this.claimId = t.claimId;
    this.paymentId = t.paymentId;
    this.paymentStatus = t.paymentStatus;
    this.paymentCurrency = a.paymentCurrency;
    this.amountInPaymentCurrencyScaled = a.amountInPaymentCurrencyScaled;
    this.exchangeRate = t.exchangeRate ?? '';
    this.passThrough = passThrough;
    this.location = location;
  }

  get amount(): Dec {
    return (this.amountDec ??= scaledToDec(this.amountScaled));
  }

  get amountUSD(): Dec | null {
    if (this.amountUSDDec === undefined) this.amountUSDDec = this.amountUSDScaled === null ? null : scaledToDec(this.amountUSDScaled);
    return this.amountUSDDec;
  }
}

export function earningRecord(fields: EarningFields): EarningRecord {
  return new ScaledEarningRecord(fields, fields.kind, fields, fields.passThrough, fields.location);
}

/**
 * An earning from what an adapter read of a row: its text fields (`RowEarningTexts`, by core's
 * column map), its kind, and the typed values core's acceptance rule read (`readEarningRow`).
 */
export function earningRecordOf(texts: EarningTexts, kind: EarningKind, accepted: AcceptedEarningRow, passThrough: Readonly<Record<string, string>>, location: RowLocation): EarningRecord {
  return new ScaledEarningRecord(texts, kind, accepted, passThrough, location);
}

/** The export's columns of the payment in the pay-to currency, which the payments check reads (docs/RULES.md, "Payments"). */
export const PAY_TO_COLUMNS = ['lastPaymentCurrency', 'earningAmountInLastPaymentCurrency'] as const;
