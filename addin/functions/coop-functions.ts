/**
 * What the COOP.* worksheet functions compute, without the CustomFunctions host: each returns a
 * value or throws FunctionInputError with the reason, which functions.ts turns into an Excel
 * error (#VALUE! / #N/A) carrying that message. Never a wrong number. A date argument or result is
 * a serial in the workbook's date system (`dateSystem`, docs/RULES.md "Workbook cells"): the cell
 * shows the date meant in a 1904 workbook as in a 1900 one.
 */
import { fiscalHalfOf, formatHalf, parseHalf, type FiscalHalf } from '../../core/calendar/fiscal-half.js';
import { windowsOf } from '../../core/calendar/windows.js';
import { lastDay } from '../../core/calendar/date-interval.js';
import { toExcelSerial, type DateSystem, type IsoDate } from '../../core/calendar/calendar-date.js';
import { parseCurrency } from '../../core/money/currency.js';
import { SPLIT_CURRENCY_UNNAMED, splitCurrency, splitEarning } from '../../core/split.js';
import { parseShare } from '../../core/policy/policy-fields.js';
import type { LedgerSettings } from '../../core/settings.js';
import { amountFromCell, amountToCell, dateFromCell, decimalToCell } from '../excel/cell-values.js';
import type { Ledger } from '../ledger/workbook-ledger.js';
import { findPool } from '../../core/pools/find-pool.js';
import { cellValueText } from '../../core/tables/cell-value-text.js';

export type FunctionErrorKind = 'invalid_value' | 'not_available';

export class FunctionInputError extends Error {
  constructor(
    readonly kind: FunctionErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'FunctionInputError';
  }
}

function invalid(message: string): never {
  throw new FunctionInputError('invalid_value', message);
}

function periodArg(period: unknown): FiscalHalf {
  if (typeof period !== 'string') invalid('period must be a label such as "FY21 H1"');
  const r = parseHalf(period);
  if (!r.ok) invalid(`"${period}" is not a fiscal half such as "FY21 H1"`);
  return r.value;
}

/** COOP.PERIOD: the fiscal half of an Excel date. */
export function periodOf(date: unknown, settings: LedgerSettings, dateSystem: DateSystem): string {
  // A date-time (=NOW()) is its day, as a date cell with a time is read everywhere else (core's fromExcelSerial).
  if (typeof date !== 'number') invalid('date must be an Excel date (a serial number)');
  // Which serials are dates is core's rule (fromExcelSerial), as for every date cell.
  const iso = dateFromCell(date, dateSystem);
  if (iso === null) invalid('date is not a valid Excel date');
  return formatHalf(fiscalHalfOf(iso, settings));
}

/** A window's date as the serial the workbook shows it by; an error for a date its system cannot show (before 1904-01-01 in a 1904 workbook). */
function serialOf(date: IsoDate, dateSystem: DateSystem): number {
  const serial = toExcelSerial(date, dateSystem);
  if (serial === null) invalid(`${date} is before the first date this workbook's ${dateSystem} date system can hold`);
  return serial;
}

/** COOP.USAGEEND: last day of the usage window of an earning period, as an Excel date. */
export function usageEndOf(period: unknown, settings: LedgerSettings, dateSystem: DateSystem): number {
  return serialOf(lastDay(windowsOf(periodArg(period), settings).usage), dateSystem);
}

/** COOP.CLAIMSTART: first day claims for an earning period can be submitted. */
export function claimStartOf(period: unknown, settings: LedgerSettings, dateSystem: DateSystem): number {
  return serialOf(windowsOf(periodArg(period), settings).claiming.start, dateSystem);
}

/** COOP.CLAIMEND: the last day claims for an earning period can be submitted. */
export function claimEndOf(period: unknown, settings: LedgerSettings, dateSystem: DateSystem): number {
  return serialOf(lastDay(windowsOf(periodArg(period), settings).claiming), dateSystem);
}

/**
 * COOP.SPLIT: [[rebate, co-op]] of an amount, co-op rounded half-up to the currency's minor unit,
 * the parts adding up exactly, in core's `splitCurrency` (docs/RULES.md, "Split"); a currency
 * argument that is not text is refused.
 */
export function splitOf(amount: unknown, share: unknown, currency?: unknown): number[][] {
  if (typeof amount !== 'number' && typeof amount !== 'string') invalid('amount must be a number');
  const a = amountFromCell(amount);
  if (!a.ok) invalid(`"${String(amount)}" is not an amount`);
  if (typeof share !== 'number' && typeof share !== 'string') invalid('share must be a number between 0 and 1');
  // The share as a Programs table or policy file gives it (`0.4`, `40%`).
  const s = parseShare(share);
  if (!s.ok) invalid('share must be a number between 0 and 1 (0.4 or 40% = 40 % co-op)');
  // Excel passes an argument left out as null (or nothing at all); text is the only other currency.
  const left = currency === undefined || currency === null;
  if (!left && typeof currency !== 'string') invalid(`currency must be a currency code such as "EUR", or left out for ${SPLIT_CURRENCY_UNNAMED}`);
  const code = splitCurrency(left ? null : currency);
  if (!code.ok) invalid(`"${String(currency)}" is not a currency code`);
  const parts = splitEarning(a.value, s.value, code.value);
  // Whole minor units already, so the cells are exact and add up to the amount.
  return [[decimalToCell(parts.rebate), decimalToCell(parts.coop)]];
}

/** COOP.AVAILABLE: what a pool has available on the as-of date, rounded to its currency. */
export function availableIn(ledger: Ledger, participant: unknown, program: unknown, period: unknown, currency: unknown): number {
  if (typeof participant !== 'string' && typeof participant !== 'number') invalid('participant must be a participant id');
  if (typeof program !== 'string' || program.trim() === '') invalid('program must be a program name');
  const half = periodArg(period);
  if (typeof currency !== 'string') invalid('currency must be a currency code such as "EUR"');
  const code = parseCurrency(currency);
  if (!code.ok) invalid(`"${currency}" is not a currency code`);
  if (ledger.refusedSettings.length > 0) throw new FunctionInputError('not_available', `a stored setting cannot be read (${ledger.refusedSettings.map((i) => String(i.path[0])).join(', ')}; see Settings in the task pane); correct it`);
  if (ledger.refusedTable !== null) throw new FunctionInputError('not_available', `the ${ledger.refusedTable} table has problems (see the task pane); correct it`);
  // An id typed as a number is read as an id in a table is (core's cell rule: all its digits, never 1e+21).
  const participantId = cellValueText(participant, 'text');
  const balance = findPool(ledger.balances, ledger.catalog, { participantId, programName: program, period: half, currency: code.value });
  if (!balance) {
    throw new FunctionInputError('not_available', `no co-op pool for ${participantId} / ${program} / ${formatHalf(half)} / ${code.value}`);
  }
  return amountToCell(balance.available, code.value);
}
