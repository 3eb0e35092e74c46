import { Dec, ZERO } from '../../core/money/decimal.js';
import { ExactSum, scaledFromDec, type ScaledAmount } from '../../core/money/scaled-amount.js';
import { fiscalHalfOf, formatHalf, type FiscalHalf } from '../../core/calendar/fiscal-half.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import { canonicalProgramName, resolvePolicy, type PolicyCatalog } from '../../core/policy/policy-catalog.js';
import { createPoolLedger, addCoopEarnings, type PoolLedger } from '../../core/pools/pool-ledger.js';
import { poolKeyString, type PoolKey } from '../../core/pools/pool-key.js';
import type { MonthlyAccrual } from '../../core/journal/journal-of.js';
import { splitWithinTolerance } from '../../core/split.js';
import type { LedgerSettings } from '../../core/settings.js';
import type { EarningRow } from '../input/earning-row.js';
import { earningContentHash, hashText64, lastHashHigh } from '../input/earning-fingerprint.js';
import { detach } from '../input/detach.js';
import { memoByText } from '../input/memo-by-text.js';
import { isRollover, type RowLocation } from './ledger-row.js';
import { EarningIdLog, IdEventKind, type IdEvents } from './earning-id-log.js';
import { splitFindings, type ObservedSplit } from './pool-findings.js';
import { FindingSpill } from './finding-spill.js';
import type { Finding } from './finding.js';

/**
 * How many transactions (transactionId + lever) the split check keeps open. Partner Center writes
 * a transaction's Rebate and Co-op rows next to each other; a transaction is checked once this
 * many newer ones have started (or at the end), so memory does not grow with rows. Rows of one
 * transaction further apart than this are checked as separate transactions (docs/RULES.md).
 */
export const SPLIT_WINDOW = 2_048;

/** An open transaction: what `ObservedSplit` reports, with its sums still exact and running. */
interface SplitPair extends Omit<ObservedSplit, 'rebate' | 'coop'> {
  readonly share: ScaledAmount;
  readonly shareDec: Dec;
  readonly rebate: ExactSum;
  readonly coop: ExactSum;
  rebateRows: number;
  coopRows: number;
  /** The next open pair with the same transactionId (another lever, participant or currency). */
  next: SplitPair | undefined;
}

interface UnknownProgram {
  readonly first: RowLocation;
  readonly participantId: string;
  rows: number;
}

interface PoolSums {
  readonly participantId: string;
  readonly programName: string;
  readonly earningPeriod: FiscalHalf;
  readonly currency: string;
  readonly amount: ExactSum;
  readonly amountUSD: ExactSum;
  /** The amount per calendar month (`2021-07`): the journal accrues co-op monthly. */
  readonly months: Map<string, ExactSum>;
  rows: number;
  rowsWithoutUSD: number;
}

/** What every row of one earning period shares (memoised per distinct earningDate text). */
interface PeriodOf {
  readonly half: FiscalHalf;
  readonly label: string;
  /** Per program name as written in the export. */
  readonly programs: Map<string, ProgramInPeriod>;
}

/** What every row of one program (as written) in one period shares. */
interface ProgramInPeriod {
  /** The canonical name, or the name as written for a program the catalog does not know. */
  readonly program: string;
  readonly known: boolean;
  /** The configured co-op share, or null when there is none (no split check). */
  readonly share: ScaledAmount | null;
  readonly shareDec: Dec | null;
  /** Pool sums by participantId, then currency, shared by every spelling of the program. */
  readonly pools: Map<string, Map<string, PoolSums>>;
}

/**
 * Everything the reconciliation accumulates from earnings rows, fed one row at a time, in memory
 * that grows with pools, payments, claims and findings but not with rows: earningIds go to a log
 * on disk (`EarningIdLog`), sums are exact scaled integers (Decimals only at `finish`), and the
 * split check keeps a bounded window of open transactions.
 *
 * Every aggregate is a sum, so a row can be applied with sign -1 to retract it: that is how the
 * second reading takes out the repeats of an earningId and the versions that lost a conflict.
 */
export class EarningsLedger {
  private readonly ids: EarningIdLog;
  private readonly sourceNames: string[] = [];
  /** Where each source's lines start in the run's lines (one numbering across every file read). */
  private readonly sourceBases: number[] = [];
  private nextBase = 1;
  private source = -1;
  private base = 0;
  /** Found once the first reading is over (`resolveIds`): what the second reading must do. */
  private events: IdEvents | undefined;
  private event = 0;
  /** Distinct earningIds that came with different contents (each is an error). */
  conflictingIds = 0;
  readonly findings: Finding[] = [];
  /** `duplicate_earning` findings, one per repeated row: on disk, not in memory (`dispose` removes them). */
  readonly duplicates: FindingSpill;
  private splitMismatches: Finding[] = [];
  private pairs = new Map<string, SplitPair>();
  private pairRing: (SplitPair | undefined)[] = [];
  private pairHead = 0;
  /** claimId → amount paid per currency, from `Claim` rows. */
  readonly claimPayments = new Map<string, Map<string, { amount: Dec; first: RowLocation; date: IsoDate }>>();
  private readonly paymentSumsExact = new Map<string, Map<string, ExactSum>>();
  /** pool id → co-op rollover evidence (sum of the rows' amounts). */
  readonly rollovers = new Map<string, { key: PoolKey; amount: Dec; first: RowLocation; rows: number }>();
  private readonly unknownPrograms = new Map<string, UnknownProgram>();
  private readonly totalsExact = new Map<string, Map<string, ExactSum>>();
  rowsRead = 0;
  rowsCounted = 0;
  duplicateRows = 0;
  private finished: { pools: PoolLedger; coopByMonth: Map<string, MonthlyAccrual[]>; paymentSums: Map<string, Map<string, Dec>>; totals: Map<string, Map<string, Dec>> } | undefined;

  private readonly periodOf: (date: string) => PeriodOf;
  private readonly rollover: (reasonCode: string) => boolean;
  /** Pool sums by canonical program, per period label; and every pool in order of appearance. */
  private readonly poolsByProgram = new Map<string, Map<string, Map<string, PoolSums>>>();
  private readonly poolList: PoolSums[] = [];
  private lastPair: SplitPair | undefined;

  /** `makeFolder`: makes a scratch folder for the id log and the spilled findings (default: the system's temporary folder). */
  constructor(
    private readonly catalog: PolicyCatalog,
    private readonly settings: LedgerSettings,
    makeFolder?: () => string,
  ) {
    this.ids = new EarningIdLog(makeFolder);
    this.duplicates = new FindingSpill(makeFolder);
    this.periodOf = memoByText((date) => {
      const half = fiscalHalfOf(date as IsoDate, settings);
      return { half, label: formatHalf(half), programs: new Map() };
    });
    this.rollover = memoByText((reasonCode) => isRollover({ reasonCode }));
  }

  private programIn(period: PeriodOf, name: string): ProgramInPeriod {
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

  /** The next rows come from this source (a file read); call again for every read, in the same order on a second pass. */
  beginSource(name: string, ordinal: number): void {
    this.source = ordinal;
    this.sourceNames[ordinal] = name;
    this.base = this.sourceBases[ordinal] ??= this.nextBase;
    this.duplicates.beginSource(ordinal);
  }

  /** A row's line in the run: its source's base plus its line in the source. */
  private runLine(row: EarningRow): number {
    const line = this.base + row.location.line;
    if (line >= this.nextBase) {
      if (line >= 0xffffffff) throw new RangeError('more than 4 billion lines of earnings in one run: reconcile them in several runs');
      this.nextBase = line + 1;
    }
    return line;
  }

  /** Where a run line was read. */
  private locationOf(runLine: number): RowLocation {
    let lo = 0;
    let hi = this.sourceBases.length - 1;
    // The last source whose base is at or below the line (bases rise with the ordinal).
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.sourceBases[mid]! <= runLine) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.sourceNames[lo]!, line: runLine - this.sourceBases[lo]! };
  }

  /** Each pool's co-op per calendar month (by `poolKeyString`), once `finish` has run. */
  get coopByMonth(): ReadonlyMap<string, readonly MonthlyAccrual[]> {
    return this.result().coopByMonth;
  }

  /** The pools, once `finish` has run. */
  get pools(): PoolLedger {
    return this.result().pools;
  }

  /** paymentId → earned per currency, once `finish` has run. */
  get paymentSums(): ReadonlyMap<string, ReadonlyMap<string, Dec>> {
    return this.result().paymentSums;
  }

  /** Totals of counted rows per currency and kind, for the summary, once `finish` has run. */
  get totals(): ReadonlyMap<string, ReadonlyMap<string, Dec>> {
    return this.result().totals;
  }

  private result() {
    if (!this.finished) throw new Error('EarningsLedger: finish() first');
    return this.finished;
  }

  /**
   * First reading: counts every row, and logs its earningId. Which rows repeat an earlier one is
   * known only at the end (`resolveIds`); the second reading then takes them out again.
   */
  add(row: EarningRow): void {
    this.rowsRead += 1;
    const lo = hashText64(row.earningId);
    const hi = lastHashHigh();
    this.ids.add(lo, hi, earningContentHash(row), this.runLine(row));
    this.split(row, this.apply(row, 1));
  }

  /**
   * Ends the first reading: finds the rows that repeat an earlier row of their earningId
   * (identical: counted once) or conflict with it (the row from the file named last is used).
   * True when there are any: then every source must be read again, in the same order, into
   * `secondPass` (after `startSecondPass`).
   */
  resolveIds(): boolean {
    if (this.events === undefined) {
      const resolution = this.ids.resolve();
      this.ids.dispose();
      this.events = resolution.events;
      this.duplicateRows = resolution.duplicateRows;
      this.conflictingIds = resolution.conflictingIds;
    }
    return this.events.count > 0;
  }

  /**
   * Second reading, only when `resolveIds` found repeated ids. The split check starts over on
   * this reading and sees only the rows that count in the end (the first version of each id, or
   * the winner of a conflict); repeats and the versions that lost are retracted from every other
   * sum, and each repeat and conflict is reported where it is read.
   */
  startSecondPass(): void {
    this.pairs = new Map();
    this.pairRing = [];
    this.pairHead = 0;
    this.lastPair = undefined;
    this.splitMismatches = [];
    this.event = 0;
  }

  secondPass(row: EarningRow): void {
    const events = this.events!;
    const line = this.runLine(row);
    while (this.event < events.count && events.line(this.event) < line) this.event++;
    let counted = true;
    let duplicate = false;
    for (; this.event < events.count && events.line(this.event) === line; this.event++) {
      const kind = events.kind(this.event);
      if (kind === IdEventKind.Superseded) counted = false;
      else if (kind === IdEventKind.Duplicate) {
        counted = false;
        duplicate = true;
        this.reportDuplicate(row, this.locationOf(events.prior(this.event)));
      } else this.reportConflict(row, this.locationOf(events.prior(this.event)));
    }
    if (counted) this.split(row, row.kind === 'coop' || row.kind === 'rebate' ? this.programIn(this.periodOf(row.earningDate), row.programName) : null);
    else this.apply(row, -1, duplicate);
  }

  private reportDuplicate(row: EarningRow, prior: RowLocation): void {
    this.duplicates.add({
      severity: 'warning',
      code: 'duplicate_earning',
      message: `earningId ${row.earningId} repeats ${prior.file} line ${prior.line} with identical content; counted once`,
      ...duplicateFields(row),
      expected: `${prior.file}:${prior.line}`,
    });
  }

  private reportConflict(row: EarningRow, prior: RowLocation): void {
    this.findings.push({
      severity: 'error',
      code: 'conflicting_duplicate',
      message: `earningId ${row.earningId} differs from ${prior.file} line ${prior.line}; the row from the file named last is used`,
      ...duplicateFields(row),
      expected: `${prior.file}:${prior.line}`,
      actual: `${row.location.file}:${row.location.line}`,
    });
  }

  /** Adds (or with -1 retracts) a row in every sum; for co-op and rebate rows, returns what its program and period share. */
  private apply(row: EarningRow, sign: 1 | -1, duplicate = false): ProgramInPeriod | null {
    const negate = sign === -1;
    this.rowsCounted += sign;
    this.addTotal(row.currency, row.kind, row.amountScaled, negate);
    if (row.paymentId !== '') {
      let byCurrency = this.paymentSumsExact.get(row.paymentId);
      if (!byCurrency) this.paymentSumsExact.set(detach(row.paymentId), (byCurrency = new Map()));
      let sum = byCurrency.get(row.currency);
      if (!sum) byCurrency.set(row.currency, (sum = new ExactSum()));
      sum.add(row.amountScaled, negate);
    }
    if (row.kind === 'claim') {
      if (row.claimId !== '') {
        const amount = negate ? row.amount.negated() : row.amount;
        const byCurrency = this.claimPayments.get(row.claimId) ?? new Map();
        const entry = byCurrency.get(row.currency) ?? { amount: ZERO, first: row.location, date: row.earningDate };
        entry.amount = entry.amount.plus(amount);
        if (row.earningDate < entry.date) entry.date = row.earningDate;
        byCurrency.set(row.currency, entry);
        if (!this.claimPayments.has(row.claimId)) this.claimPayments.set(detach(row.claimId), byCurrency);
      }
      return null;
    }
    if (row.kind !== 'coop' && row.kind !== 'rebate') return null;

    const period = this.periodOf(row.earningDate);
    const program = this.programIn(period, row.programName);
    if (!program.known && sign === 1) this.noteUnknownProgram(row);
    // A repeat was never a row of its own (a version that lost a conflict was, and stays counted there).
    if (!program.known && duplicate) this.unknownPrograms.get(row.programName)!.rows -= 1;
    if (row.kind !== 'coop') return program;
    if (this.rollover(row.reasonCode)) {
      const amount = negate ? row.amount.negated() : row.amount;
      const key: PoolKey = { participantId: detach(row.participantId), programName: program.program, earningPeriod: period.label, currency: row.currency };
      const id = poolKeyString(key);
      const r = this.rollovers.get(id) ?? { key, amount: ZERO, first: row.location, rows: 0 };
      r.amount = r.amount.plus(amount);
      r.rows += sign;
      this.rollovers.set(id, r);
      return program;
    }
    let byCurrency = program.pools.get(row.participantId);
    if (!byCurrency) program.pools.set(detach(row.participantId), (byCurrency = new Map()));
    let pool = byCurrency.get(row.currency);
    if (!pool) {
      pool = {
        participantId: detach(row.participantId),
        programName: program.program,
        earningPeriod: period.half,
        currency: row.currency,
        amount: new ExactSum(),
        amountUSD: new ExactSum(),
        months: new Map(),
        rows: 0,
        rowsWithoutUSD: 0,
      };
      byCurrency.set(row.currency, pool);
      this.poolList.push(pool);
    }
    pool.amount.add(row.amountScaled, negate);
    const month = row.earningDate.slice(0, 7);
    let monthSum = pool.months.get(month);
    if (!monthSum) pool.months.set(month, (monthSum = new ExactSum()));
    monthSum.add(row.amountScaled, negate);
    pool.rows += sign;
    // A USD row's own amount is its USD amount even when the export leaves the USD column empty.
    const usd = row.amountUSDScaled ?? (row.currency === 'USD' ? row.amountScaled : null);
    if (usd === null) pool.rowsWithoutUSD += sign;
    else pool.amountUSD.add(usd, negate);
    return program;
  }

  /** Split check: only where the program has a configured share and the row names its transaction. */
  private split(row: EarningRow, program: ProgramInPeriod | null): void {
    if (program === null || program.share === null || row.transactionId === '') return;
    if (this.rollover(row.reasonCode)) return;
    const pair = this.pairOf(row, program);
    if (row.kind === 'coop') {
      pair.coop.add(row.amountScaled);
      pair.coopRows += 1;
    } else {
      pair.rebate.add(row.amountScaled);
      pair.rebateRows += 1;
    }
  }

  private pairOf(row: EarningRow, program: ProgramInPeriod): SplitPair {
    // Partner Center writes a transaction's rows next to each other: most often it is the last one.
    const last = this.lastPair;
    if (last !== undefined && isPairOf(last, row, program)) return last;
    const head = this.pairs.get(row.transactionId);
    for (let p = head; p !== undefined; p = p.next) {
      if (isPairOf(p, row, program)) return (this.lastPair = p);
    }
    const pair: SplitPair = {
      transactionId: detach(row.transactionId),
      lever: row.lever,
      participantId: detach(row.participantId),
      programName: program.program,
      currency: row.currency,
      earningPeriod: this.periodOf(row.earningDate).label,
      first: row.location,
      share: program.share!,
      shareDec: program.shareDec!,
      rebate: new ExactSum(),
      coop: new ExactSum(),
      rebateRows: 0,
      coopRows: 0,
      next: head,
    };
    this.pairs.set(row.transactionId, pair);
    this.openPair(pair);
    return (this.lastPair = pair);
  }

  private openPair(pair: SplitPair): void {
    if (this.pairRing.length < SPLIT_WINDOW) {
      this.pairRing.push(pair);
      return;
    }
    const oldest = this.pairRing[this.pairHead]!;
    this.pairRing[this.pairHead] = pair;
    this.pairHead = (this.pairHead + 1) % SPLIT_WINDOW;
    this.forget(oldest);
    this.closePair(oldest);
  }

  /** Unlinks a pair from the open pairs of its transactionId. */
  private forget(pair: SplitPair): void {
    const head = this.pairs.get(pair.transactionId);
    if (head === pair) {
      if (pair.next === undefined) this.pairs.delete(pair.transactionId);
      else this.pairs.set(pair.transactionId, pair.next);
    } else {
      for (let p = head; p !== undefined; p = p.next) {
        if (p.next === pair) {
          p.next = pair.next;
          break;
        }
      }
    }
    if (this.lastPair === pair) this.lastPair = undefined;
  }

  /** A transaction with both a rebate and a co-op row, against the program's share. */
  private closePair(pair: SplitPair): void {
    if (pair.rebateRows <= 0 || pair.coopRows <= 0) return;
    if (splitWithinTolerance(pair.rebate.toScaled(), pair.coop.toScaled(), pair.share, pair.currency)) return;
    const observed: ObservedSplit = {
      ...pair,
      transactionId: detach(pair.transactionId),
      lever: detach(pair.lever),
      participantId: detach(pair.participantId),
      rebate: pair.rebate.toDec(),
      coop: pair.coop.toDec(),
    };
    this.splitMismatches.push(...splitFindings([observed], () => pair.shareDec));
  }

  private addTotal(currency: string, kind: string, amount: ScaledAmount, negate: boolean): void {
    let byKind = this.totalsExact.get(currency);
    if (!byKind) this.totalsExact.set(currency, (byKind = new Map()));
    let sum = byKind.get(kind);
    if (!sum) byKind.set(kind, (sum = new ExactSum()));
    sum.add(amount, negate);
  }

  private noteUnknownProgram(row: EarningRow): void {
    const u = this.unknownPrograms.get(row.programName);
    if (u) u.rows += 1;
    else this.unknownPrograms.set(detach(row.programName), { first: row.location, participantId: detach(row.participantId), rows: 1 });
  }

  /** Ends the reading: closes the open transactions and turns the exact sums into Decimals and pools. */
  finish(): void {
    if (this.finished) return;
    if (this.events === undefined && this.resolveIds()) throw new Error('EarningsLedger: repeated earningIds need a second reading before finish()');
    this.duplicates.finish();
    // In the order they were opened, as the window closes them.
    for (let i = 0; i < this.pairRing.length; i++) this.closePair(this.pairRing[(this.pairHead + i) % this.pairRing.length]!);
    this.pairs.clear();
    this.pairRing = [];
    this.lastPair = undefined;
    const pools = createPoolLedger(this.settings);
    const coopByMonth = new Map<string, MonthlyAccrual[]>();
    for (const p of this.poolList) {
      const key = addCoopEarnings(pools, {
        participantId: p.participantId,
        programName: p.programName,
        earningPeriod: p.earningPeriod,
        currency: p.currency,
        amount: p.amount.toDec(),
        amountUSD: p.amountUSD.toDec(),
        rows: p.rows,
        rowsWithoutUSD: p.rowsWithoutUSD,
      });
      const months = [...p.months].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, sum]) => ({ month, amount: sum.toDec() }));
      coopByMonth.set(poolKeyString(key), months.filter((m) => !m.amount.isZero()));
    }
    const decimals = (m: Map<string, Map<string, ExactSum>>) =>
      new Map([...m].map(([k, inner]) => [k, new Map([...inner].map(([k2, sum]) => [k2, sum.toDec()]))]));
    this.finished = { pools, coopByMonth, paymentSums: decimals(this.paymentSumsExact), totals: decimals(this.totalsExact) };
  }

  /** Removes the temporary files (the id log, the spilled duplicate findings). */
  dispose(): void {
    this.ids.dispose();
    this.duplicates.dispose();
  }

  /** Transactions whose rebate and co-op rows do not match the program's share. */
  splitFindings(): Finding[] {
    this.result();
    return this.splitMismatches;
  }

  unknownProgramFindings(): Finding[] {
    return [...this.unknownPrograms].map(([name, u]) => ({
      severity: 'warning' as const,
      code: 'unknown_program' as const,
      message: `program "${name}" is not in the policy catalog (${u.rows} rows); its pools have no threshold or share. Add it to --programs`,
      file: u.first.file,
      line: u.first.line,
      participantId: u.participantId,
      programName: name,
      actual: String(u.rows),
    }));
  }
}

/** Whether a row belongs to an open transaction (same transaction, lever, participant, program and currency). */
function isPairOf(p: SplitPair, row: EarningRow, program: ProgramInPeriod): boolean {
  return (
    p.transactionId === row.transactionId && p.lever === row.lever && p.participantId === row.participantId &&
    p.programName === program.program && p.currency === row.currency
  );
}

/** Where a repeated earningId was found and what it concerns, for both duplicate findings. */
function duplicateFields(row: EarningRow): Pick<Finding, 'file' | 'line' | 'participantId' | 'programName' | 'currency' | 'earningId' | 'transactionId'> {
  return {
    file: row.location.file,
    line: row.location.line,
    participantId: detach(row.participantId),
    programName: detach(row.programName),
    currency: row.currency,
    earningId: detach(row.earningId),
    transactionId: detach(row.transactionId),
  };
}
