import { parseAmount, type NumberLocale } from '../money/parse-amount.js';
import { parseCurrency as parseCurrencyText, type CurrencyCode } from '../money/currency.js';
import { parsePlainAmount, scaledFromDec, type ScaledAmount } from '../money/scaled-amount.js';
import { parseDate as parseDateText, type IsoDate } from '../calendar/calendar-date.js';
import { issue, type Issue, type Result } from '../issues.js';
import { memoByText } from '../text/memo-by-text.js';
import { trimCell } from '../tables/trim-cell.js';

// An export repeats a few hundred dates and a handful of currencies over every row: each text is
// parsed once (the results are immutable, so sharing them is safe).
const parseDate = memoByText(parseDateText);
const parseCurrency = memoByText(parseCurrencyText);

/**
 * Whether a row of an earnings export (or of the workbook's Earnings table) is an earning the
 * ledger reads, and why not (docs/RULES.md, "Accepted rows"). One rule for the batch job's reader,
 * the add-in's import and, as far as its typed cells go, the add-in's ledger.
 */

/** The texts an earning cannot do without: a row missing one is refused, never guessed. */
export const REQUIRED_EARNING_TEXTS = ['earningId', 'participantId', 'programName', 'earningType'] as const;

/** The columns the acceptance rule reads, in the order their problems are reported. */
export const EARNING_ROW_COLUMNS = [
  ...REQUIRED_EARNING_TEXTS,
  'earningAmount',
  'earningAmountUSD',
  'earningDate',
  'transactionCurrency',
  'lastPaymentCurrency',
  'earningAmountInLastPaymentCurrency',
] as const;

export type EarningRowColumn = (typeof EARNING_ROW_COLUMNS)[number];

/** The typed values of an accepted row; its other columns are text, read as written. */
export interface AcceptedEarningRow {
  readonly amountScaled: ScaledAmount;
  /** null when the column is absent or the cell empty (then `missing_usd_amount` is a finding, not a refusal). */
  readonly amountUSDScaled: ScaledAmount | null;
  readonly earningDate: IsoDate;
  readonly currency: CurrencyCode;
  /** `lastPaymentCurrency` as an ISO code, '' when the row has none. */
  readonly paymentCurrency: CurrencyCode | '';
  readonly amountInPaymentCurrencyScaled: ScaledAmount | null;
}

export interface EarningRowOptions {
  /** How numbers are written when not invariant (the batch job's `--number-locale`). */
  readonly locale?: NumberLocale;
}

/**
 * The pay-to currency of a row: '' when the cell is empty (the export has no payment yet, or no
 * such column), null when it is not an ISO code. Upper-casing is not enough: `E U R` or `EURO` is
 * a problem to report, not a currency.
 */
export function payToCurrencyOf(text: string): CurrencyCode | '' | null {
  if (text === '') return '';
  const r = parseCurrency(text);
  return r.ok ? r.value : null;
}

/**
 * The fast path of reading an amount: a plain amount (`1234.56`, `-12.50`) as a scaled integer,
 * without a Decimal; null for any other text, and for text with a `.` under a number locale
 * (which may read it as a group mark). The rule reads what this leaves (`scaledAmountOfText`).
 */
export function plainScaledAmount(text: string, locale: NumberLocale | undefined): ScaledAmount | null {
  return locale === undefined || !text.includes('.') ? parsePlainAmount(text) : null;
}

/**
 * An amount cell of an export as core's row rule reads it, exact, or null when it is no amount.
 * Plain text (`-1234.5`) is read without a Decimal: the same value `parseAmount` gives, and what
 * nearly every export row holds. With a number locale, a `.` may be a group mark, so such text
 * goes to `parseAmount` (docs/RULES.md, "Money").
 */
export function scaledAmountOfText(text: string, options: EarningRowOptions = {}): ScaledAmount | null {
  const plain = plainScaledAmount(text, options.locale);
  if (plain !== null) return plain;
  const r = parseAmount(text, options.locale ? { locale: options.locale } : {});
  return r.ok ? scaledFromDec(r.value) : null;
}

/**
 * The readable rule (`acceptsFastReading` below is its acceptance over parts an adapter's fast
 * path has already read). `cellOf` gives a column's cell as written ('' when the row has no such
 * column), which the rule reads as core reads a cell (`trimCell`). Every problem of the row is reported, each in its column (path `[column]`), with the
 * cell as input: `missing_field` for a required text or value that is empty, `invalid_amount`,
 * `invalid_date`, `invalid_currency` for a value core cannot read. Optional values (the USD
 * amount, the pay-to amount and currency) may be empty, but when written they must be read.
 */
export function readEarningRow(cellOf: (column: EarningRowColumn) => string, options: EarningRowOptions = {}): Result<AcceptedEarningRow> {
  const textOf = (column: EarningRowColumn): string => trimCell(cellOf(column));
  const issues: Issue[] = [];
  for (const column of REQUIRED_EARNING_TEXTS) if (textOf(column) === '') issues.push(issue('missing_field', [column], ''));
  const amountOptions = options.locale ? { locale: options.locale } : {};
  const amountOf = (column: EarningRowColumn, required: boolean): ScaledAmount | null => {
    const text = textOf(column);
    if (text === '') {
      if (required) issues.push(issue('missing_field', [column], ''));
      return null;
    }
    const scaled = scaledAmountOfText(text, options);
    if (scaled !== null) return scaled;
    // Refused: read again for core's issue, on refused rows only.
    const r = parseAmount(text, amountOptions);
    if (r.ok) return scaledFromDec(r.value);
    issues.push({ ...r.issues[0]!, path: [column], input: text });
    return null;
  };
  const amount = amountOf('earningAmount', true);
  const amountUSD = amountOf('earningAmountUSD', false);
  const dateText = textOf('earningDate');
  let earningDate: IsoDate | null = null;
  if (dateText === '') issues.push(issue('missing_field', ['earningDate'], ''));
  else {
    const r = parseDate(dateText);
    if (r.ok) earningDate = r.value;
    else issues.push({ ...r.issues[0]!, path: ['earningDate'], input: dateText });
  }
  const currencyText = textOf('transactionCurrency');
  let currency: CurrencyCode | null = null;
  if (currencyText === '') issues.push(issue('missing_field', ['transactionCurrency'], ''));
  else {
    const r = parseCurrency(currencyText);
    if (r.ok) currency = r.value;
    else issues.push({ ...r.issues[0]!, path: ['transactionCurrency'], input: currencyText });
  }
  const payCurrencyText = textOf('lastPaymentCurrency');
  const paymentCurrency = payToCurrencyOf(payCurrencyText);
  if (paymentCurrency === null) issues.push(issue('invalid_currency', ['lastPaymentCurrency'], payCurrencyText));
  const amountInPaymentCurrency = amountOf('earningAmountInLastPaymentCurrency', false);
  if (issues.length > 0 || amount === null || earningDate === null || currency === null || paymentCurrency === null) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    value: {
      amountScaled: amount,
      amountUSDScaled: amountUSD,
      earningDate,
      currency,
      paymentCurrency,
      amountInPaymentCurrencyScaled: amountInPaymentCurrency,
    },
  };
}

/**
 * `readEarningRow`'s acceptance over the parts of a row an adapter's fast path has already read
 * (docs/RULES.md, "Accepted rows"): whether they make a whole accepted row. The parts are the
 * required texts (each as `trimCell` reads its cell, '' when empty or absent), then each typed value in the rule's column
 * order, null where the fast path got none (an empty cell, or one it leaves to the rule), each
 * optional amount followed by whether its cell was blank (its text ''); the pay-to currency is ''
 * when blank, as in `AcceptedEarningRow`. True when every required text is written, the amount,
 * date and currency are read, each optional amount is blank or read and the pay-to currency blank
 * or read. It only looks at what it is given, so when each value is the one `readEarningRow` reads
 * from that cell's text and each blank flag says whether that text is '':
 * - whatever this accepts, `readEarningRow` accepts, with these values;
 * - whatever `readEarningRow` refuses, this refuses.
 * A false is no refusal: the fast path may have left a part the rule reads (`(12.50)`, a number
 * locale), so the caller hands such a row to `readEarningRow`, which decides and says why. A
 * property test holds the two together.
 *
 * The parts are arguments, not an object, and the answer a boolean: an object per row would be
 * made on every row wherever the optimiser does not inline this (the batch job's reader, 1M rows),
 * and one object kept and refilled measured about a tenth slower there. So after `true` the caller
 * passes on its own values, the nullable ones asserted (`!`) on this function's word.
 */
export function acceptsFastReading(
  earningId: string,
  participantId: string,
  programName: string,
  earningType: string,
  amount: ScaledAmount | null,
  amountUSD: ScaledAmount | null,
  amountUSDBlank: boolean,
  earningDate: IsoDate | null,
  currency: CurrencyCode | null,
  paymentCurrency: CurrencyCode | '' | null,
  amountInPaymentCurrency: ScaledAmount | null,
  amountInPaymentCurrencyBlank: boolean,
): boolean {
  // The required texts are REQUIRED_EARNING_TEXTS, one argument each, in that order (the property
  // test reads them by that list and checks each one counts).
  return (
    earningId !== '' && participantId !== '' && programName !== '' && earningType !== '' &&
    amount !== null && (amountUSDBlank || amountUSD !== null) && earningDate !== null && currency !== null &&
    paymentCurrency !== null && (amountInPaymentCurrencyBlank || amountInPaymentCurrency !== null)
  );
}
