/**
 * What the COOP.* worksheet functions compute, without the CustomFunctions host: each returns a
 * value or throws FunctionInputError with the reason (`FunctionRefusal`), which functions.ts turns
 * into an Excel error (#VALUE! / #N/A) saying it in the user's language. Never a wrong number. A date argument or result is
 * a serial in the workbook's date system (`dateSystem`, docs/RULES.md "Workbook cells"): the cell
 * shows the date meant in a 1904 workbook as in a 1900 one.
 */
import { fiscalHalfOf, formatHalf, parseHalf, type FiscalHalf } from '../../core/calendar/fiscal-half.js';
import { windowsOf } from '../../core/calendar/windows.js';
import { lastDay } from '../../core/calendar/date-interval.js';
import { parseDate, toExcelSerial, type DateSystem, type IsoDate } from '../../core/calendar/calendar-date.js';
import { parseCurrency, type CurrencyCode } from '../../core/money/currency.js';
import { splitCurrency, splitEarning } from '../../core/split.js';
import { parseShare } from '../../core/policy/policy-fields.js';
import type { LedgerSettings } from '../../core/settings.js';
import { issue, ok, type Issue, type Result } from '../../core/issues.js';
import { amountFromCell, amountToCell, decimalToCell } from '../excel/cell-values.js';
import type { Ledger } from '../ledger/workbook-ledger.js';
import { findPool } from '../../core/pools/find-pool.js';
import { cellValueText, type PlainCellValue } from '../../core/tables/cell-value-text.js';
import { isBlankCell } from '../../core/tables/blank-row.js';
import { trimCell } from '../../core/tables/trim-cell.js';
import type { RefusedTable } from '../../core/tables/refused-table.js';
import { createLocale, type Locale } from '../i18n/locale.js';
import { refusedSettingsText, refusedTableText } from '../i18n/refusal-text.js';

export type FunctionErrorKind = 'invalid_value' | 'not_available';

/**
 * Why a COOP.* function gives no value, as data: `refusalText` says it in the user's language,
 * by the pane's words for the same reason, so a cell and the pane never tell one problem two ways.
 */
export type FunctionRefusal =
  /** An argument core's rule refuses, with its issue; `argument` is its name, as Excel shows it. */
  | { readonly reason: 'argument'; readonly argument: string; readonly issue: Issue }
  /** A window's date that the workbook's date system has no serial for. */
  | { readonly reason: 'date_before_system'; readonly date: IsoDate; readonly dateSystem: DateSystem }
  /** Stored settings core refuses, which refuse the calculation (`settingsRefusing`). */
  | { readonly reason: 'refused_settings'; readonly issues: readonly Issue[] }
  /** A table core refuses as a whole, with how many problems of its rows or header it has. */
  | { readonly reason: 'refused_table'; readonly table: RefusedTable; readonly problems: number }
  | { readonly reason: 'no_pool'; readonly participantId: string; readonly program: string; readonly period: FiscalHalf; readonly currency: CurrencyCode };

/** A refusal in the words of `locale`'s language. */
export function refusalText(locale: Locale, refusal: FunctionRefusal): string {
  switch (refusal.reason) {
    case 'argument':
      return locale.issue(refusal.issue, refusal.argument);
    case 'date_before_system':
      return locale.t('function.dateBeforeSystem', { date: locale.date(refusal.date), system: refusal.dateSystem });
    case 'refused_settings':
      return refusedSettingsText(locale, refusal.issues);
    case 'refused_table':
      return refusedTableText(locale, refusal.table, refusal.problems);
    case 'no_pool':
      return locale.t('function.noPool', { participant: refusal.participantId, program: refusal.program, period: formatHalf(refusal.period), currency: refusal.currency });
  }
}

let english: Locale | null = null;

export class FunctionInputError extends Error {
  /** `#VALUE!` for an argument the function cannot take, `#N/A` for a value the workbook cannot give. */
  readonly kind: FunctionErrorKind;
  constructor(readonly refusal: FunctionRefusal) {
    // English for a log or a debugger only: the cell shows `refusalText` in the user's language.
    super(refusalText((english ??= createLocale('en-US')), refusal));
    this.name = 'FunctionInputError';
    this.kind = refusal.reason === 'argument' || refusal.reason === 'date_before_system' ? 'invalid_value' : 'not_available';
  }
}

function refuseArgument(argument: string, refused: Issue): never {
  throw new FunctionInputError({ reason: 'argument', argument, issue: { ...refused, path: [argument] } });
}

/**
 * An argument as the text a table's cell holding it reads as (core's `cellValueText` and
 * `trimCell`, docs/RULES.md "Workbook cells"): Excel passes what a cell holds, a number, text, a
 * boolean or nothing, so `=COOP.PERIOD(A2)` reads A2 as a date column reads it. `read` is the rule
 * for the argument's kind. Anything else (no cell holds it) is refused as of the wrong type.
 */
function argumentText(value: unknown, argument: string, read: (cell: PlainCellValue | undefined) => string): string {
  const plain = value === undefined || value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
  if (!plain) refuseArgument(argument, issue('invalid_type', [argument], String(value)));
  return trimCell(read(value));
}

/** A required argument read by core's parser for its kind; a blank one is `missing_field`, as a required cell of a row is. */
function requiredArgument<T>(value: unknown, argument: string, read: (cell: PlainCellValue | undefined) => string, parse: (text: string) => Result<T>): T {
  const text = argumentText(value, argument, read);
  if (text === '') refuseArgument(argument, issue('missing_field', [argument], ''));
  const r = parse(text);
  if (!r.ok) refuseArgument(argument, r.issues[0]!);
  return r.value;
}

const asText = (cell: PlainCellValue | undefined) => cellValueText(cell, 'text');

function periodArg(period: unknown): FiscalHalf {
  return requiredArgument(period, 'period', asText, parseHalf);
}

/**
 * COOP.PERIOD: the fiscal half of a date, read as a date cell is (core's `cellValueText` for a
 * date column, then `parseDate`): a serial in the workbook's date system, a date-time (=NOW()) as
 * its day, or a date typed as text (`2021-03-15`), as the tables read it.
 */
export function periodOf(date: unknown, settings: LedgerSettings, dateSystem: DateSystem): string {
  const iso = requiredArgument(date, 'date', (cell) => cellValueText(cell, 'date', dateSystem), parseDate);
  return formatHalf(fiscalHalfOf(iso, settings));
}

/** A window's date as the serial the workbook shows it by; an error for a date its system cannot show (before 1904-01-01 in a 1904 workbook). */
function serialOf(date: IsoDate, dateSystem: DateSystem): number {
  const serial = toExcelSerial(date, dateSystem);
  if (serial === null) throw new FunctionInputError({ reason: 'date_before_system', date, dateSystem });
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
 * the parts adding up exactly, in core's `splitCurrency` (docs/RULES.md, "Split"). The share and
 * the currency are read as a Programs table's share and a row's currency are; a currency left out
 * (or blank) is core's unnamed currency, and one that is not text (a number, TRUE) reads as no
 * currency code, so it is refused, never read as USD.
 */
export function splitOf(amount: unknown, share: unknown, currency?: unknown): number[][] {
  if (isBlankCell(amount)) refuseArgument('amount', issue('missing_field', ['amount'], ''));
  // Excel's numbers become decimals in one add-in file (cell-values.ts), by core's cell rule.
  const a = amountFromCell(amount);
  if (!a.ok) refuseArgument('amount', a.issues[0]!);
  // The share as a Programs table gives it (`0.4`, `40%`).
  const s = requiredArgument(share, 'share', (cell) => cellValueText(cell, 'share'), parseShare);
  const code = splitCurrency(argumentText(currency, 'currency', asText));
  if (!code.ok) refuseArgument('currency', code.issues[0]!);
  const parts = splitEarning(a.value, s, code.value);
  // Whole minor units already, so the cells are exact and add up to the amount.
  return [[decimalToCell(parts.rebate), decimalToCell(parts.coop)]];
}

/** COOP.AVAILABLE: what a pool has available on the as-of date, rounded to its currency. */
export function availableIn(ledger: Ledger, participant: unknown, program: unknown, period: unknown, currency: unknown): number {
  // An id typed as a number is read as an id in a table is (core's cell rule: all its digits, never 1e+21).
  const participantId = requiredArgument(participant, 'participant', asText, ok);
  const programName = requiredArgument(program, 'program', asText, ok);
  const half = periodArg(period);
  const code = requiredArgument(currency, 'currency', asText, parseCurrency);
  if (ledger.refusedSettings.length > 0) throw new FunctionInputError({ reason: 'refused_settings', issues: ledger.refusedSettings });
  if (ledger.refusedTable !== null) throw new FunctionInputError({ reason: 'refused_table', table: ledger.refusedTable, problems: ledger.problems.length });
  const balance = findPool(ledger.balances, ledger.catalog, { participantId, programName, period: half, currency: code });
  if (!balance) throw new FunctionInputError({ reason: 'no_pool', participantId, program: programName, period: half, currency: code });
  return amountToCell(balance.available, code);
}
