import type { Dec } from '../money/decimal.js';
import type { PolicyCatalog } from '../policy/policy-catalog.js';
import type { PoolLedger } from '../pools/pool-ledger.js';
import type { LedgerSettings } from '../settings.js';
import { detach } from '../text/detach.js';
import { memoByText } from '../text/memo-by-text.js';
import type { EarningRecord, RowLocation } from './earning-record.js';
import { isOriginalSplit, isRollover } from './earning-type.js';
import { FieldHasher, hashText64, type Hash64 } from './earning-hash.js';
import { earningDigestInto } from './earning-digest.js';
import { DownloadRecency } from './download-recency.js';
import { IdEventKind, isDeferring, type DeferringEarningIdStore, type EarningIdStore, type IdEvents, type MutableDigest } from './earning-id-store.js';
import type { FindingSink } from './finding-sink.js';
import type { Finding } from './finding.js';
import { RunLines, type LineNumbering } from './run-lines.js';
import { ProgramPeriods, type PeriodOf, type ProgramInPeriod } from './program-periods.js';
import { PoolSumsTable } from './pool-sums.js';
import type { MonthlyAccrual } from '../journal/journal-of.js';
import { SplitWindow } from './split-window.js';
import { RolloverRows, type RolloverDay } from './rollover-evidence.js';
import { ClaimPaymentRows, type ClaimPayments } from './claim-payments.js';
import { ExactSums2 } from './exact-sums.js';
import { PaymentSumsTable, type PaymentSums } from './payment-sums.js';
import { UnknownPrograms } from './unknown-programs.js';
import { UnknownEarningTypes } from './unknown-earning-types.js';
import { IMPORT_LOG_SEVERITY } from './import-log.js';

/** Where the ledger keeps what grows with rows: the earningIds and the one-per-row findings. */
export interface LedgerStores {
  readonly ids: EarningIdStore;
  readonly duplicates: FindingSink;
}

/** What the earnings come to once read: the input of the settlement as of a date. */
export interface EarningsTotals {
  readonly pools: PoolLedger;
  /** Each pool's co-op per calendar month (by `poolKeyString`), for the journal's monthly accruals. */
  readonly accruals: ReadonlyMap<string, readonly MonthlyAccrual[]>;
  /** paymentId → what its earnings rows add up to. */
  readonly paymentSums: ReadonlyMap<string, PaymentSums>;
  /** Totals of counted rows per currency and kind, for the summary. */
  readonly totals: ReadonlyMap<string, ReadonlyMap<string, Dec>>;
  readonly claimPayments: ClaimPayments;
  /** `Co-op rollover` rows summed per pool, date and kind, for pairing at settlement. */
  readonly rollovers: readonly RolloverDay[];
  /** Findings of the earnings themselves (conflicts, split, unknown programs and earning types); the per-row `duplicate_earning` ones are in the sink. */
  readonly findings: readonly Finding[];
  readonly rowsRead: number;
  readonly rowsCounted: number;
  readonly duplicateRows: number;
  /** Distinct earningIds that came with different contents (each is an error). */
  readonly conflictingIds: number;
}

/**
 * Everything the reconciliation accumulates from earnings rows, fed one row at a time, in memory
 * that grows with pools, payments, claims and findings but not with rows: earningIds go to an
 * `EarningIdStore`, sums are exact scaled integers (Decimals only at the end), and the split
 * check keeps a bounded window of open transactions.
 *
 * Every aggregate is a sum, so a row can be applied with sign -1 to retract it: that is how the
 * second reading takes out the repeats of an earningId and the versions that lost a conflict.
 * Adapters do not call its steps: `readEarningsLedger` drives the readings.
 */
class EarningsLedger {
  private readonly lines: LineNumbering;
  private readonly periods: ProgramPeriods;
  private readonly rollover = memoByText((reasonCode) => isRollover({ reasonCode }));
  private readonly hasher = new FieldHasher();
  private readonly idHash: Hash64 = { lo: 0, hi: 0 };
  /** The digest of the row at hand, reused for every row. */
  private readonly digest: MutableDigest = { facts: 0, usd: 0, rate: 0, details: 0 };
  private readonly recency = new DownloadRecency();
  private ordinal = 0;
  private events: IdEvents | undefined;
  private event = 0;
  private conflictingIds = 0;
  private duplicateRows = 0;
  private readonly conflicts: Finding[] = [];
  /** Updated earnings per pair of sources (older and newer ordinal). */
  private readonly updates = new Map<string, number>();
  private readonly missingUSD: Finding[] = [];
  private split = new SplitWindow();
  private readonly poolSums = new PoolSumsTable();
  private readonly rollovers = new RolloverRows();
  private readonly claimPayments = new ClaimPaymentRows();
  private readonly paymentSums = new PaymentSumsTable();
  private readonly totals = new ExactSums2();
  private readonly unknown = new UnknownPrograms();
  private readonly unknownTypes = new UnknownEarningTypes();
  private rowsRead = 0;
  private rowsCounted = 0;
  private readonly settings: LedgerSettings;
  private readonly stores: LedgerStores;
  /** For rows that can be read again: ids are stored without their rows' hashes, read only for an id that repeats. */
  private readonly deferred: { readonly ids: DeferringEarningIdStore; readonly rowAt: (location: RowLocation) => EarningRecord } | null;

  constructor(options: EarningsLedgerOptions) {
    this.settings = options.settings;
    this.stores = options.stores;
    this.lines = options.lines ?? new RunLines();
    this.periods = new ProgramPeriods(options.catalog, options.settings);
    const { ids } = options.stores;
    this.deferred = options.rowAt !== undefined && isDeferring(ids) ? { ids, rowAt: options.rowAt } : null;
  }

  beginSource(name: string, ordinal: number): void {
    this.ordinal = ordinal;
    this.lines.beginSource(name, ordinal);
    this.stores.duplicates.beginSource(ordinal);
  }

  /**
   * First reading: counts every row, and stores its earningId. Which rows repeat an earlier one is
   * known only at the end (`resolveIds`); the second reading then takes them out again.
   */
  add(row: EarningRecord): void {
    this.rowsRead += 1;
    const id = hashText64(this.hasher, row.earningId, this.idHash);
    // The period and program are worked out once per row, for the identity, the sums and the split.
    const period = this.periods.periodOf(row.earningDate);
    const program = this.periods.programIn(period, row.programName);
    const line = this.lines.runLine(row.location);
    if (this.deferred !== null) this.deferred.ids.addId(id.lo, id.hi, line);
    else {
      const { facts, usd, rate, details } = earningDigestInto(row, program.program, this.hasher, this.digest);
      this.stores.ids.add(id.lo, id.hi, facts, usd, rate, details, line);
    }
    this.recency.see(this.ordinal, row);
    if (this.apply(row, 1, false, period, program)) this.checkSplit(row, program, period);
  }

  /**
   * Ends the first reading: finds the rows that repeat an earlier row of their earningId
   * (identical: counted once) or conflict with it (the row read last is used). True when there
   * are any: then every source must be read again, in the same order, into `secondPass`.
   */
  resolveIds(): boolean {
    const rank = this.recency.ranks();
    const recency = (line: number) => rank[this.lines.ordinalOf(line)]!;
    const resolution = this.deferred !== null ? this.deferred.ids.resolveDeferred(recency, (line, out) => this.digestAt(line, out)) : this.stores.ids.resolve(recency);
    this.stores.ids.dispose();
    this.events = resolution.events;
    this.duplicateRows = resolution.duplicateRows;
    this.conflictingIds = resolution.conflictingIds;
    if (this.events.count === 0) return false;
    // The split check starts over on the second reading and sees only the rows that count.
    this.split = new SplitWindow();
    return true;
  }

  /** The hashes `add` would have stored for the row at a run line, read again (`deferred`). */
  private digestAt(line: number, out: MutableDigest): MutableDigest {
    const row = this.deferred!.rowAt(this.lines.locationOf(line));
    const program = this.periods.programIn(this.periods.periodOf(row.earningDate), row.programName);
    return earningDigestInto(row, program.program, this.hasher, out);
  }

  /**
   * Second reading: the split check sees only the rows that count in the end (the first version
   * of each id, or the winner of a conflict); repeats and the versions that lost are retracted
   * from every other sum, and each repeat and conflict is reported where it is read.
   */
  secondPass(row: EarningRecord): void {
    const events = this.events!;
    const line = this.lines.runLine(row.location);
    while (this.event < events.count && events.line(this.event) < line) this.event++;
    let counted = true;
    let duplicate = false;
    for (; this.event < events.count && events.line(this.event) === line; this.event++) {
      const kind = events.kind(this.event);
      if (kind === IdEventKind.Superseded) counted = false;
      else if (kind === IdEventKind.Duplicate) {
        counted = false;
        duplicate = true;
        this.reportDuplicate(row, this.lines.locationOf(events.prior(this.event)));
      } else if (kind === IdEventKind.Conflict) this.reportConflict(row, this.lines.locationOf(events.prior(this.event)));
      else this.noteUpdate(row, line, events.prior(this.event), kind === IdEventKind.Restated);
    }
    const period = this.periods.periodOf(row.earningDate);
    const program = this.periods.programIn(period, row.programName);
    if (counted) {
      if (row.kind === 'coop' || row.kind === 'rebate') this.checkSplit(row, program, period);
    } else this.apply(row, -1, duplicate, period, program);
  }

  private reportDuplicate(row: EarningRecord, prior: RowLocation): void {
    this.stores.duplicates.add({
      severity: IMPORT_LOG_SEVERITY.duplicate_earning,
      code: 'duplicate_earning',
      message: `earningId ${row.earningId} repeats ${prior.file} line ${prior.line} with identical content; counted once`,
      ...duplicateFields(row),
      expected: `${prior.file}:${prior.line}`,
    });
  }

  /**
   * One earning in two downloads, its payment or descriptive fields changed: counted per pair of
   * files (one `earning_updated` each); a changed USD amount is said per row, as it moves
   * thresholds (docs/RULES.md, "Repeated earningIds").
   */
  private noteUpdate(row: EarningRecord, line: number, prior: number, restated: boolean): void {
    const a = this.lines.ordinalOf(prior);
    const b = this.lines.ordinalOf(line);
    const rank = this.recency.ranks();
    const [older, newer] = rank[a]! < rank[b]! ? [a, b] : [b, a];
    if (!restated) {
      const key = `${older}\u001f${newer}`;
      this.updates.set(key, (this.updates.get(key) ?? 0) + 1);
      return;
    }
    const before = this.lines.locationOf(prior);
    const [from, to] = older === a ? [before, row.location] : [row.location, before];
    this.conflicts.push({
      severity: IMPORT_LOG_SEVERITY.earning_restated,
      code: 'earning_restated',
      message: `earningId ${row.earningId} has another earningAmountUSD or exchange rate in ${from.file} line ${from.line} than in ${to.file} line ${to.line}; the newer download is used`,
      ...duplicateFields(row),
      expected: `${from.file}:${from.line}`,
      actual: `${to.file}:${to.line}`,
    });
  }

  /** The `earning_updated` findings: one per pair of downloads, older first. */
  private updateFindings(): Finding[] {
    return [...this.updates].map(([key, count]) => {
      const [older, newer] = key.split('\u001f').map((o) => this.lines.nameOf(Number.parseInt(o, 10))) as [string, string];
      return {
        severity: IMPORT_LOG_SEVERITY.earning_updated,
        code: 'earning_updated',
        message: `${count} earnings of ${older} are repeated in the newer download ${newer} with their payment, descriptive fields or exchange rate updated; the newer version is used`,
        file: newer,
        expected: older,
        actual: String(count),
      };
    });
  }

  private reportConflict(row: EarningRecord, prior: RowLocation): void {
    this.conflicts.push({
      severity: 'error',
      code: 'conflicting_duplicate',
      message: `earningId ${row.earningId} differs from ${prior.file} line ${prior.line}; the row from the file named last is used`,
      ...duplicateFields(row),
      expected: `${prior.file}:${prior.line}`,
      actual: `${row.location.file}:${row.location.line}`,
    });
  }

  /**
   * A co-op row without a USD amount leaves its group's threshold comparison unknown (no
   * conversion): said once per row, never silently (docs/RULES.md, "Threshold").
   */
  private reportMissingUSD(row: EarningRecord, programName: string, earningPeriod: string): void {
    this.missingUSD.push({
      severity: 'warning',
      code: 'missing_usd_amount',
      message: `co-op row of ${row.amount.toFixed()} ${row.currency} has no earningAmountUSD: the threshold of its program and period cannot be checked until it has one`,
      file: row.location.file,
      line: row.location.line,
      participantId: detach(row.participantId),
      programName,
      earningPeriod,
      currency: row.currency,
      earningId: detach(row.earningId),
    });
  }

  /**
   * Adds (or with -1 retracts) a row in every sum; true for co-op and rebate rows, the ones the
   * split check may concern. `period` and `program` are the row's own (`ProgramPeriods`).
   */
  private apply(row: EarningRecord, sign: 1 | -1, duplicate: boolean, period: PeriodOf, program: ProgramInPeriod): boolean {
    const negate = sign === -1;
    this.rowsCounted += sign;
    this.totals.add(row.currency, row.kind, row.amountScaled, negate);
    if (row.paymentId !== '') this.paymentSums.add(row, negate);
    if (row.kind === 'other') {
      if (sign === 1) this.unknownTypes.add(row);
      // As for unknown programs: a repeat was never a row of its own, a version that lost a conflict was.
      if (duplicate) this.unknownTypes.retract(row);
      return false;
    }
    if (row.kind === 'claim') {
      this.claimPayments.add(row, negate);
      return false;
    }
    if (row.kind !== 'coop' && row.kind !== 'rebate') return false;

    if (!program.known && sign === 1) this.unknown.add(row);
    // A repeat was never a row of its own (a version that lost a conflict was, and stays counted there).
    if (!program.known && duplicate) this.unknown.retract(row);
    if (this.rollover(row.reasonCode)) {
      // Evidence of a conversion or transfer, in no pool; a rebate one still counts as rebate (it is paid).
      this.rollovers.add(row, program, period, negate);
      return true;
    }
    if (row.kind !== 'coop') return true;
    this.poolSums.add(row, program.pools, program.program, period, negate);
    if (sign === 1 && row.amountUSDScaled === null && row.currency !== 'USD') this.reportMissingUSD(row, program.program, period.label);
    return true;
  }

  /** Split check: only where the program has a configured share and the row, of the original split, names its transaction. */
  private checkSplit(row: EarningRecord, program: ProgramInPeriod, period: PeriodOf): void {
    if (program.share === null || row.transactionId === '') return;
    if (!isOriginalSplit(row)) return;
    this.split.add(row, program, period.label);
  }

  /** Ends the reading: closes the open transactions and turns the exact sums into Decimals and pools. */
  finish(): EarningsTotals {
    this.stores.duplicates.finish();
    return {
      pools: this.poolSums.toPoolLedger(this.settings),
      accruals: this.poolSums.accrualsByMonth(),
      paymentSums: this.paymentSums.toSums(),
      totals: this.totals.toDecimals(),
      claimPayments: this.claimPayments.byClaim,
      rollovers: [...this.rollovers.byPoolAndDate.values()],
      findings: [...this.conflicts, ...this.updateFindings(), ...this.missingUSD, ...this.unknown.findings(), ...this.unknownTypes.findings(), ...this.split.close()],
      rowsRead: this.rowsRead,
      rowsCounted: this.rowsCounted,
      duplicateRows: this.duplicateRows,
      conflictingIds: this.conflictingIds,
    };
  }
}

/** Where a repeated earningId was found and what it concerns, for both duplicate findings. */
function duplicateFields(row: EarningRecord): Pick<Finding, 'file' | 'line' | 'participantId' | 'programName' | 'currency' | 'earningId' | 'transactionId'> {
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

/** How the ledger reads the earnings: each source in turn, every row of it, in the same order each time. */
export interface EarningsVisitor {
  beginSource(name: string, ordinal: number): void;
  row(row: EarningRecord): void;
}

export interface EarningsLedgerOptions {
  readonly catalog: PolicyCatalog;
  readonly settings: LedgerSettings;
  readonly stores: LedgerStores;
  /**
   * The row at a location, read again, for rows at hand (the workbook's table). With a store that
   * takes ids alone (`DeferringEarningIdStore`), a row's hashes are then read only when its
   * earningId comes more than once, instead of for every row; the decisions are the same.
   */
  readonly rowAt?: (location: RowLocation) => EarningRecord;
  /**
   * How rows are numbered in the order read: by default each source from its first line; a table
   * read in its reading order gives a `ReadingOrderLines` (docs/RULES.md, "Reading order").
   */
  readonly lines?: LineNumbering;
}

/**
 * Reads the earnings into the ledger: `readAll` delivers every source's rows to the visitor; it is
 * called a second time, the same way, only when an earningId came more than once (docs/RULES.md,
 * "Repeated earningIds"), so that repeats are retracted and reported where they are read.
 */
export async function readEarningsLedger(
  options: EarningsLedgerOptions,
  readAll: (visit: EarningsVisitor) => Promise<void>,
): Promise<EarningsTotals> {
  const ledger = new EarningsLedger(options);
  await readAll({ beginSource: (name, ordinal) => ledger.beginSource(name, ordinal), row: (r) => ledger.add(r) });
  if (ledger.resolveIds()) await readAll({ beginSource: (name, ordinal) => ledger.beginSource(name, ordinal), row: (r) => ledger.secondPass(r) });
  return ledger.finish();
}

/**
 * `readEarningsLedger` for rows at hand (the workbook's table): the same ledger, read
 * synchronously. `readAll` delivers the rows the same way each time it is called, as a loop, so a
 * source that makes its records as it reads them needs no iterator.
 */
export function earningsLedgerOf(options: EarningsLedgerOptions, readAll: (visit: EarningsVisitor) => void): EarningsTotals {
  const ledger = new EarningsLedger(options);
  readAll({ beginSource: (name, ordinal) => ledger.beginSource(name, ordinal), row: (r) => ledger.add(r) });
  if (ledger.resolveIds()) readAll({ beginSource: (name, ordinal) => ledger.beginSource(name, ordinal), row: (r) => ledger.secondPass(r) });
  return ledger.finish();
}

