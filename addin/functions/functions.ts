/**
 * The COOP.* custom functions. custom-functions-metadata-plugin reads the JSDoc below to write
 * functions.json and appends the CustomFunctions.associate calls to this file in the bundle.
 * They run in the shared runtime, so COOP.AVAILABLE can read the workbook with Excel.run.
 */
import { availableIn, claimEndOf, claimStartOf, FunctionInputError, periodOf, refusalText, splitOf, usageEndOf } from './coop-functions.js';
import { currentLedger, currentSettings, onLedgerChanged, onSettingsChanged } from './ledger-cache.js';
import { DateSystemError } from '../excel/date-system.js';
import { createLocale, type Locale } from '../i18n/locale.js';

/** One locale per display language: a sheet of cells in error asks for it once per cell. */
const locales = new Map<string, Locale>();

/** The user's language, as the pane speaks it (Office's display language). */
function userLocale(): Locale {
  const tag = Office.context?.displayLanguage || 'en-US';
  let locale = locales.get(tag);
  if (!locale) locales.set(tag, (locale = createLocale(tag)));
  return locale;
}

/** What a cell shows when its function gives no value: an Excel error, in the user's language, in the pane's words. */
function excelError(error: unknown): CustomFunctions.Error {
  const locale = userLocale();
  // Excel's answer to the date-system probe means nothing to a user: the cell says, as the pane
  // does, that nothing was computed rather than a date taken in the wrong system.
  if (error instanceof DateSystemError) {
    return new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, locale.t('error.dateSystem'));
  }
  if (error instanceof FunctionInputError) {
    const code = error.kind === 'not_available' ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
    return new CustomFunctions.Error(code, refusalText(locale, error.refusal));
  }
  // Excel failing to read the workbook: said as the pane says an operation Excel could not complete.
  const message = error instanceof Error ? error.message : String(error);
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, locale.t('error.generic', { message }));
}

function guarded<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    throw excelError(error);
  }
}

/**
 * Sets a streaming cell's value from what `read` gives, now and again each time `subscribe` says it
 * may have changed; a reading overtaken by a later one is dropped, so the cell ends on the latest.
 */
function streamFrom<S, T>(
  invocation: CustomFunctions.StreamingInvocation<T>,
  read: () => Promise<S>,
  subscribe: (listener: () => void) => () => void,
  compute: (source: S) => T,
): void {
  let latest = 0;
  const push = () => {
    const run = ++latest;
    read().then(
      (source) => {
        if (run !== latest) return;
        try {
          invocation.setResult(compute(source));
        } catch (error) {
          invocation.setResult(excelError(error));
        }
      },
      (error: unknown) => {
        if (run === latest) invocation.setResult(excelError(error));
      },
    );
  };
  invocation.onCanceled = subscribe(push);
  push();
}

/*
 * The calendar functions read the workbook's settings (its fiscal-year start month) and its date
 * system (a date serial is in it), which are not their arguments: like COOP.AVAILABLE they stream,
 * and are pushed again when either changes.
 */

/**
 * The fiscal half a date falls in, e.g. FY21 H1, by the workbook's fiscal-year start.
 * @customfunction PERIOD
 * @param date A date: an Excel date, or a date typed as text such as "2021-03-15".
 * @param invocation The cell being updated.
 * @returns The fiscal half label.
 * @streaming
 */
export function period(date: number | string, invocation: CustomFunctions.StreamingInvocation<string>): void {
  streamFrom(invocation, currentSettings, onSettingsChanged, ({ settings, dateSystem }) => periodOf(date, settings, dateSystem));
}

/**
 * The last day of the usage window of an earning period.
 * @customfunction USAGEEND
 * @param period An earning period such as "FY21 H1".
 * @param invocation The cell being updated.
 * @returns An Excel date.
 * @streaming
 */
export function usageEnd(period: string, invocation: CustomFunctions.StreamingInvocation<number>): void {
  streamFrom(invocation, currentSettings, onSettingsChanged, ({ settings, dateSystem }) => usageEndOf(period, settings, dateSystem));
}

/**
 * The first day claims for an earning period can be submitted.
 * @customfunction CLAIMSTART
 * @param period An earning period such as "FY21 H1".
 * @param invocation The cell being updated.
 * @returns An Excel date.
 * @streaming
 */
export function claimStart(period: string, invocation: CustomFunctions.StreamingInvocation<number>): void {
  streamFrom(invocation, currentSettings, onSettingsChanged, ({ settings, dateSystem }) => claimStartOf(period, settings, dateSystem));
}

/**
 * The last day claims for an earning period can be submitted.
 * @customfunction CLAIMEND
 * @param period An earning period such as "FY21 H1".
 * @param invocation The cell being updated.
 * @returns An Excel date.
 * @streaming
 */
export function claimEnd(period: string, invocation: CustomFunctions.StreamingInvocation<number>): void {
  streamFrom(invocation, currentSettings, onSettingsChanged, ({ settings, dateSystem }) => claimEndOf(period, settings, dateSystem));
}

/**
 * Splits an earning into rebate and co-op; spills two cells.
 * @customfunction SPLIT
 * @param amount The amount to split.
 * @param share The co-op share, 0 to 1 (0.4 = 40 %).
 * @param [currency] Currency code for rounding; USD when omitted.
 * @returns Rebate and co-op.
 */
export function split(amount: number, share: number, currency?: string): number[][] {
  return guarded(() => splitOf(amount, share, currency));
}

/**
 * Co-op funds available in a pool on the as-of date, from the workbook's tables. A streaming
 * function: Excel only recalculates a function when its arguments change, and the tables it reads
 * are not arguments, so the value is pushed again whenever Earnings, Programs or Claims change.
 * @customfunction AVAILABLE
 * @param participant Participant id.
 * @param program Program name.
 * @param period Earning period such as "FY21 H1".
 * @param currency Currency code such as "EUR".
 * @param invocation The cell being updated.
 * @returns The amount available.
 * @streaming
 */
export function available(participant: string, program: string, period: string, currency: string, invocation: CustomFunctions.StreamingInvocation<number>): void {
  streamFrom(invocation, currentLedger, onLedgerChanged, (ledger) => availableIn(ledger, participant, program, period, currency));
}
