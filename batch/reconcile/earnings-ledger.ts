import { Dec, ZERO } from '../../core/money/decimal.js';
import { fiscalHalfOf, formatHalf } from '../../core/calendar/fiscal-half.js';
import { canonicalProgramName, resolvePolicy, type PolicyCatalog } from '../../core/policy/policy-catalog.js';
import { createPoolLedger, addCoopEarning, type PoolLedger } from '../../core/pools/pool-ledger.js';
import { poolKeyString, type PoolKey } from '../../core/pools/pool-key.js';
import type { LedgerSettings } from '../../core/settings.js';
import { isRollover, type LedgerRow, type RowLocation } from './ledger-row.js';
import type { Finding } from './finding.js';

interface SeenEarning {
  fingerprint: string;
  file: string;
  line: number;
}

interface SplitPair {
  readonly transactionId: string;
  readonly lever: string;
  readonly participantId: string;
  readonly programName: string;
  readonly currency: string;
  readonly earningPeriod: string;
  readonly first: RowLocation;
  rebate: Dec;
  coop: Dec;
  rebateRows: number;
  coopRows: number;
}

interface UnknownProgram {
  readonly first: RowLocation;
  readonly participantId: string;
  rows: number;
}

/**
 * Everything the reconciliation accumulates from earnings rows, fed one row at a time. Every
 * aggregate is a sum, so a row can be applied with sign -1 to retract it (how a conflicting
 * duplicate from an earlier file is replaced by the one from the file named last).
 */
export class EarningsLedger {
  readonly pools: PoolLedger;
  private readonly seen = new Map<string, SeenEarning>();
  /** earningId → locations of every version applied, for ids that conflicted. */
  readonly conflicts = new Map<string, RowLocation[]>();
  readonly findings: Finding[] = [];
  private readonly pairs = new Map<string, SplitPair>();
  /** claimId → amount paid per currency, from `Claim` rows. */
  readonly claimPayments = new Map<string, Map<string, { amount: Dec; first: RowLocation }>>();
  /** paymentId → earned per currency. */
  readonly paymentSums = new Map<string, Map<string, Dec>>();
  /** pool id → co-op rollover evidence (sum of the rows' amounts). */
  readonly rollovers = new Map<string, { key: PoolKey; amount: Dec; first: RowLocation; rows: number }>();
  private readonly unknownPrograms = new Map<string, UnknownProgram>();
  rowsRead = 0;
  rowsCounted = 0;
  duplicateRows = 0;
  /** Totals of counted rows per currency and kind, for the summary. */
  readonly totals = new Map<string, Map<string, Dec>>();

  constructor(
    private readonly catalog: PolicyCatalog,
    private readonly settings: LedgerSettings,
  ) {
    this.pools = createPoolLedger(settings);
  }

  /** First pass: counts each earningId once; identical repeats are reported and skipped. */
  add(row: LedgerRow): void {
    this.rowsRead += 1;
    const prior = this.seen.get(row.earningId);
    if (prior === undefined) {
      this.seen.set(row.earningId, { fingerprint: row.fingerprint, file: row.location.file, line: row.location.line });
      this.apply(row, 1);
      return;
    }
    if (prior.fingerprint === row.fingerprint) {
      this.duplicateRows += 1;
      this.findings.push({
        severity: 'warning',
        code: 'duplicate_earning',
        message: `earningId ${row.earningId} repeats ${prior.file} line ${prior.line} with identical content; counted once`,
        file: row.location.file,
        line: row.location.line,
        participantId: row.participantId,
        programName: row.programName,
        currency: row.currency,
        earningId: row.earningId,
        transactionId: row.transactionId,
        expected: `${prior.file}:${prior.line}`,
      });
      return;
    }
    const applied = this.conflicts.get(row.earningId) ?? [{ file: prior.file, line: prior.line }];
    applied.push(row.location);
    this.conflicts.set(row.earningId, applied);
    this.findings.push({
      severity: 'error',
      code: 'conflicting_duplicate',
      message: `earningId ${row.earningId} differs from ${prior.file} line ${prior.line}; the row from the file named last is used`,
      file: row.location.file,
      line: row.location.line,
      participantId: row.participantId,
      programName: row.programName,
      currency: row.currency,
      earningId: row.earningId,
      transactionId: row.transactionId,
      expected: `${prior.file}:${prior.line}`,
      actual: `${row.location.file}:${row.location.line}`,
    });
    this.seen.set(row.earningId, { fingerprint: row.fingerprint, file: row.location.file, line: row.location.line });
    this.apply(row, 1);
  }

  /** Second pass, only when ids conflicted: is this row a version that lost? */
  isSuperseded(row: LedgerRow): boolean {
    const applied = this.conflicts.get(row.earningId);
    if (!applied) return false;
    const winner = this.seen.get(row.earningId)!;
    if (row.location.file === winner.file && row.location.line === winner.line) return false;
    return applied.some((l) => l.file === row.location.file && l.line === row.location.line);
  }

  retract(row: LedgerRow): void {
    this.apply(row, -1);
  }

  private apply(row: LedgerRow, sign: 1 | -1): void {
    const amount = sign === 1 ? row.amount : row.amount.negated();
    const amountUSD = row.amountUSD === null ? null : sign === 1 ? row.amountUSD : row.amountUSD.negated();
    this.rowsCounted += sign;
    this.addTotal(row.currency, row.kind, amount);
    if (row.paymentId !== '') {
      const byCurrency = this.paymentSums.get(row.paymentId) ?? new Map<string, Dec>();
      byCurrency.set(row.currency, (byCurrency.get(row.currency) ?? ZERO).plus(amount));
      this.paymentSums.set(row.paymentId, byCurrency);
    }
    if (row.kind === 'claim') {
      if (row.claimId !== '') {
        const byCurrency = this.claimPayments.get(row.claimId) ?? new Map();
        const entry = byCurrency.get(row.currency) ?? { amount: ZERO, first: row.location };
        entry.amount = entry.amount.plus(amount);
        byCurrency.set(row.currency, entry);
        this.claimPayments.set(row.claimId, byCurrency);
      }
      return;
    }
    if (row.kind !== 'coop' && row.kind !== 'rebate') return;

    const programName = canonicalProgramName(this.catalog, row.programName);
    if (programName === null && sign === 1) this.noteUnknownProgram(row);
    const program = programName ?? row.programName;
    const period = fiscalHalfOf(row.earningDate, this.settings);
    const earningPeriod = formatHalf(period);

    if (row.kind === 'coop' && isRollover(row)) {
      const key: PoolKey = { participantId: row.participantId, programName: program, earningPeriod, currency: row.currency };
      const id = poolKeyString(key);
      const r = this.rollovers.get(id) ?? { key, amount: ZERO, first: row.location, rows: 0 };
      r.amount = r.amount.plus(amount);
      r.rows += sign;
      this.rollovers.set(id, r);
      return;
    }
    if (row.kind === 'coop') {
      addCoopEarning(this.pools, {
        participantId: row.participantId,
        programName: program,
        earningDate: row.earningDate,
        currency: row.currency,
        amount,
        amountUSD,
      });
    }
    // Split check: only where the program has a configured share and the row names its transaction.
    if (row.transactionId === '' || isRollover(row)) return;
    const policy = resolvePolicy(this.catalog, program, period);
    if (!policy?.coopShare) return;
    const pairId = [row.transactionId, row.lever, row.participantId, program, row.currency].join('\u001f');
    let pair = this.pairs.get(pairId);
    if (!pair) {
      pair = {
        transactionId: row.transactionId,
        lever: row.lever,
        participantId: row.participantId,
        programName: program,
        currency: row.currency,
        earningPeriod,
        first: row.location,
        rebate: ZERO,
        coop: ZERO,
        rebateRows: 0,
        coopRows: 0,
      };
      this.pairs.set(pairId, pair);
    }
    if (row.kind === 'coop') {
      pair.coop = pair.coop.plus(amount);
      pair.coopRows += sign;
    } else {
      pair.rebate = pair.rebate.plus(amount);
      pair.rebateRows += sign;
    }
  }

  private addTotal(currency: string, kind: string, amount: Dec): void {
    const byKind = this.totals.get(currency) ?? new Map<string, Dec>();
    byKind.set(kind, (byKind.get(kind) ?? ZERO).plus(amount));
    this.totals.set(currency, byKind);
  }

  private noteUnknownProgram(row: LedgerRow): void {
    const u = this.unknownPrograms.get(row.programName);
    if (u) u.rows += 1;
    else this.unknownPrograms.set(row.programName, { first: row.location, participantId: row.participantId, rows: 1 });
  }

  /** Transactions with both a rebate and a co-op row, for the split check. */
  *splitPairs(): Iterable<SplitPair> {
    for (const pair of this.pairs.values()) if (pair.rebateRows > 0 && pair.coopRows > 0) yield pair;
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
