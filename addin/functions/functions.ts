/**
 * The COOP.* custom functions. custom-functions-metadata-plugin reads the JSDoc below to write
 * functions.json and appends the CustomFunctions.associate calls to this file in the bundle.
 * They run in the shared runtime, so COOP.AVAILABLE can read the workbook with Excel.run.
 */
import { availableIn, claimEndOf, claimStartOf, FunctionInputError, periodOf, splitOf, usageEndOf } from './coop-functions.js';
import { currentLedger, currentSettings, onLedgerChanged } from './ledger-cache.js';

function excelError(error: unknown): CustomFunctions.Error {
  if (error instanceof FunctionInputError) {
    const code = error.kind === 'not_available' ? CustomFunctions.ErrorCode.notAvailable : CustomFunctions.ErrorCode.invalidValue;
    return new CustomFunctions.Error(code, error.message);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, message);
}

function guarded<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    throw excelError(error);
  }
}

/**
 * The fiscal half a date falls in, e.g. FY21 H1.
 * @customfunction PERIOD
 * @param date An Excel date.
 * @returns The fiscal half label.
 */
export function period(date: number): string {
  return guarded(() => periodOf(date, currentSettings()));
}

/**
 * The last day of the usage window of an earning period.
 * @customfunction USAGEEND
 * @param period An earning period such as "FY21 H1".
 * @returns An Excel date.
 */
export function usageEnd(period: string): number {
  return guarded(() => usageEndOf(period, currentSettings()));
}

/**
 * The first day claims for an earning period can be submitted.
 * @customfunction CLAIMSTART
 * @param period An earning period such as "FY21 H1".
 * @returns An Excel date.
 */
export function claimStart(period: string): number {
  return guarded(() => claimStartOf(period, currentSettings()));
}

/**
 * The last day claims for an earning period can be submitted.
 * @customfunction CLAIMEND
 * @param period An earning period such as "FY21 H1".
 * @returns An Excel date.
 */
export function claimEnd(period: string): number {
  return guarded(() => claimEndOf(period, currentSettings()));
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
  return guarded(() => splitOf(amount, share, currency ?? 'USD'));
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
  let latest = 0;
  const push = () => {
    const run = ++latest;
    currentLedger().then(
      (ledger) => {
        if (run !== latest) return;
        try {
          invocation.setResult(availableIn(ledger, participant, program, period, currency));
        } catch (error) {
          invocation.setResult(excelError(error));
        }
      },
      (error: unknown) => {
        if (run === latest) invocation.setResult(excelError(error));
      },
    );
  };
  const stop = onLedgerChanged(push);
  invocation.onCanceled = stop;
  push();
}
