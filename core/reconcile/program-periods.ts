import type { Dec } from '../money/decimal.js';
import { scaledFromDec, type ScaledAmount } from '../money/scaled-amount.js';
import { fiscalHalfOf, formatHalf, type FiscalHalf } from '../calendar/fiscal-half.js';
import { dateParts, type IsoDate } from '../calendar/calendar-date.js';
import { canonicalProgramName, resolvePolicy, type PolicyCatalog } from '../policy/policy-catalog.js';
import type { LedgerSettings } from '../settings.js';
import { detach } from '../text/detach.js';
import { memoByText } from '../text/memo-by-text.js';
import type { PoolsOfProgram } from './pool-sums.js';

/** What every row of one earning period shares (memoised per distinct earningDate text). */
export interface PeriodOf {
  readonly half: FiscalHalf;
  readonly label: string;
  /** The calendar month, `2021-07`: the journal accrues co-op monthly. */
  readonly month: string;
  /** The month's place in the half, 0-5. */
  readonly monthOfHalf: number;
  /** Per program name as written in the export; one map per half, shared by every date in it. */
  readonly programs: Map<string, ProgramInPeriod>;
}

/** What every row of one program (as written) in one period shares. */
export interface ProgramInPeriod {
  /** The canonical name, or the name as written for a program the catalog does not know. */
  readonly program: string;
  readonly known: boolean;
  /** The configured co-op share, or null when there is none (no split check). */
  readonly share: ScaledAmount | null;
  readonly shareDec: Dec | null;
  /** Pool sums by participantId, then currency, shared by every spelling of the program. */
  readonly pools: PoolsOfProgram;
}

/**
 * The earning period of a date and the program of a name as written, each worked out once per
 * distinct text: exports repeat a handful of dates and programs over millions of rows.
 */
export class ProgramPeriods {
  readonly periodOf: (date: string) => PeriodOf;
  /** Pool sums by canonical program and period label, shared by every spelling of the program. */
  private readonly poolsByProgram = new Map<string, PoolsOfProgram>();
  /**
   * The programs of each half by its label: a workbook spans hundreds of dates but a few halves,
   * so each program is resolved once per half, not once per date.
   */
  private readonly programsByHalf = new Map<string, Map<string, ProgramInPeriod>>();

  constructor(
    private readonly catalog: PolicyCatalog,
    settings: LedgerSettings,
  ) {
    this.periodOf = memoByText((date) => {
      const half = fiscalHalfOf(date as IsoDate, settings);
      const label = formatHalf(half);
      let programs = this.programsByHalf.get(label);
      if (programs === undefined) this.programsByHalf.set(label, (programs = new Map()));
      const monthOfHalf = ((dateParts(date as IsoDate).month - settings.fiscalYearStartMonth + 12) % 12) % 6;
      return { half, label, month: date.slice(0, 7), monthOfHalf, programs };
    });
  }

  programIn(period: PeriodOf, name: string): ProgramInPeriod {
    let p = period.programs.get(name);
    if (p === undefined) {
      name = detach(name);
      const canonical = canonicalProgramName(this.catalog, name);
      const program = canonical ?? name;
      const share = resolvePolicy(this.catalog, program, period.half)?.coopShare ?? null;
      const key = program + '\u001f' + period.label;
      let pools = this.poolsByProgram.get(key);
      if (!pools) this.poolsByProgram.set(key, (pools = new Map()));
      p = { program, known: canonical !== null, share: share ? scaledFromDec(share) : null, shareDec: share, pools };
      period.programs.set(name, p);
    }
    return p;
  }
}
