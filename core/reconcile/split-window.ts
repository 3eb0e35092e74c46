import { Dec } from '../money/decimal.js';
import { ExactSum, type ScaledAmount } from '../money/scaled-amount.js';
import { checkSplit, splitWithinTolerance } from '../split.js';
import { detach } from '../text/detach.js';
import type { EarningRecord, RowLocation } from './earning-record.js';
import type { Finding } from './finding.js';
import type { ProgramInPeriod } from './program-periods.js';

/**
 * How many transactions (transactionId + lever) the split check keeps open. Partner Center writes
 * a transaction's Rebate and Co-op rows next to each other; a transaction is checked once this
 * many newer ones have started (or at the end), so memory does not grow with rows. Rows of one
 * transaction further apart than this are checked as separate transactions (docs/RULES.md).
 */
export const SPLIT_WINDOW = 2_048;

/** A transaction's rebate and co-op, as the split check saw them. */
export interface ObservedSplit {
  readonly transactionId: string;
  readonly lever: string;
  readonly participantId: string;
  readonly programName: string;
  readonly currency: string;
  readonly earningPeriod: string;
  readonly first: RowLocation;
  readonly rebate: Dec;
  readonly coop: Dec;
}

/**
 * An open transaction: what `ObservedSplit` reports, with its sums still exact and running. Once
 * the window is full, the pair of the transaction that is checked and closed is reused for the
 * one that opens, so a table of 100,000 transactions allocates no more pairs than the window.
 */
interface SplitPair {
  transactionId: string;
  lever: string;
  participantId: string;
  programName: string;
  currency: string;
  earningPeriod: string;
  first: RowLocation;
  share: ScaledAmount;
  shareDec: Dec;
  readonly rebate: ExactSum;
  readonly coop: ExactSum;
  rebateRows: number;
  coopRows: number;
  /** The next open pair with the same transactionId (another lever, participant or currency). */
  next: SplitPair | undefined;
}

/**
 * The split check over a stream of rows (docs/RULES.md, "Split check"): each transaction's rebate and
 * co-op rows, summed in a bounded window of open transactions, against the program's share.
 */
export class SplitWindow {
  private pairs = new Map<string, SplitPair>();
  private ring: (SplitPair | undefined)[] = [];
  private head = 0;
  private last: SplitPair | undefined;
  private readonly mismatches: Finding[] = [];

  /** A co-op or rebate row (not a rollover) of a program with a share, that names its transaction. */
  add(row: EarningRecord, program: ProgramInPeriod, periodLabel: string): void {
    const pair = this.pairOf(row, program, periodLabel);
    if (row.kind === 'coop') {
      pair.coop.add(row.amountScaled);
      pair.coopRows += 1;
    } else {
      pair.rebate.add(row.amountScaled);
      pair.rebateRows += 1;
    }
  }

  private pairOf(row: EarningRecord, program: ProgramInPeriod, periodLabel: string): SplitPair {
    // Partner Center writes a transaction's rows next to each other: most often it is the last one.
    const last = this.last;
    if (last !== undefined && isPairOf(last, row, program)) return last;
    const transactionId = row.transactionId;
    for (let p = this.pairs.get(transactionId); p !== undefined; p = p.next) {
      if (isPairOf(p, row, program)) return (this.last = p);
    }
    const pair = this.open();
    pair.transactionId = detach(transactionId);
    pair.lever = row.lever;
    pair.participantId = detach(row.participantId);
    pair.programName = program.program;
    pair.currency = row.currency;
    pair.earningPeriod = periodLabel;
    pair.first = row.location;
    pair.share = program.share!;
    pair.shareDec = program.shareDec!;
    // Closing the oldest pair may have changed the open pairs of this transactionId.
    pair.next = this.pairs.get(pair.transactionId);
    this.pairs.set(pair.transactionId, pair);
    return (this.last = pair);
  }

  /**
   * A pair for a transaction that opens: a new one while the window fills, then the oldest one,
   * once it is unlinked, checked and cleared (the window keeps `SPLIT_WINDOW` transactions open).
   */
  private open(): SplitPair {
    if (this.ring.length < SPLIT_WINDOW) {
      const pair = emptyPair();
      this.ring.push(pair);
      return pair;
    }
    const oldest = this.ring[this.head]!;
    this.head = (this.head + 1) % SPLIT_WINDOW;
    this.forget(oldest);
    this.check(oldest);
    oldest.rebate.clear();
    oldest.coop.clear();
    oldest.rebateRows = 0;
    oldest.coopRows = 0;
    return oldest;
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
    if (this.last === pair) this.last = undefined;
  }

  /** A transaction with both a rebate and a co-op row, against the program's share. */
  private check(pair: SplitPair): void {
    if (pair.rebateRows <= 0 || pair.coopRows <= 0) return;
    // The fast test in integers first; the readable check (with its expected figures) only on a miss.
    if (splitWithinTolerance(pair.rebate.toScaled(), pair.coop.toScaled(), pair.share, pair.currency)) return;
    const observed: ObservedSplit = {
      ...pair,
      transactionId: detach(pair.transactionId),
      lever: detach(pair.lever),
      participantId: detach(pair.participantId),
      rebate: pair.rebate.toDec(),
      coop: pair.coop.toDec(),
    };
    this.mismatches.push(...splitFindings([observed], () => pair.shareDec));
  }

  /** Closes every open transaction (in the order they were opened) and returns the mismatches found. */
  close(): Finding[] {
    for (let i = 0; i < this.ring.length; i++) this.check(this.ring[(this.head + i) % this.ring.length]!);
    this.pairs.clear();
    this.ring = [];
    this.last = undefined;
    return this.mismatches;
  }
}

/** A pair before its first transaction: `pairOf` fills in every field. */
function emptyPair(): SplitPair {
  return {
    transactionId: '',
    lever: '',
    participantId: '',
    programName: '',
    currency: '',
    earningPeriod: '',
    first: { file: '', line: 0 },
    share: { units: 0, scale: 0 },
    shareDec: ZERO,
    rebate: new ExactSum(),
    coop: new ExactSum(),
    rebateRows: 0,
    coopRows: 0,
    next: undefined,
  };
}

const ZERO = new Dec(0);

/** Whether a row belongs to an open transaction (same transaction, lever, participant, program and currency). */
function isPairOf(p: SplitPair, row: EarningRecord, program: ProgramInPeriod): boolean {
  return (
    p.transactionId === row.transactionId && p.lever === row.lever && p.participantId === row.participantId &&
    p.programName === program.program && p.currency === row.currency
  );
}

/** Each transaction + lever with both a rebate and a co-op row, against the program's share. */
export function splitFindings(pairs: Iterable<ObservedSplit>, shareOf: (p: ObservedSplit) => Dec | null): Finding[] {
  const out: Finding[] = [];
  for (const p of pairs) {
    const share = shareOf(p);
    if (share === null) continue;
    const check = checkSplit({ rebate: p.rebate, coop: p.coop }, share, p.currency);
    if (check.ok) continue;
    const c = p.currency;
    out.push({
      participantId: p.participantId,
      programName: p.programName,
      earningPeriod: p.earningPeriod,
      currency: c,
      transactionId: p.transactionId,
      file: p.first.file,
      line: p.first.line,
      severity: 'warning',
      code: 'split_mismatch',
      message: `transaction ${p.transactionId} (${p.lever || 'no lever'}): co-op ${p.coop.toFixed()} of ${check.total.toFixed()} ${c}; a ${share.times(100).toFixed()} % share gives ${check.expected.coop.toFixed()}`,
      expected: `rebate ${check.expected.rebate.toFixed()} / co-op ${check.expected.coop.toFixed()}`,
      actual: `rebate ${p.rebate.toFixed()} / co-op ${p.coop.toFixed()}`,
    });
  }
  return out;
}
