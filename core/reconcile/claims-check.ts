import { Dec, ZERO } from '../money/decimal.js';
import { daysBetween, type IsoDate } from '../calendar/calendar-date.js';
import { formatHalf, half, type FiscalHalf } from '../calendar/fiscal-half.js';
import { windowsOf, type PeriodWindows } from '../calendar/windows.js';
import { resolvePolicy, type PolicyCatalog } from '../policy/policy-catalog.js';
import { approvedAmount, type Claim } from '../claims/claim.js';
import { drawKind } from '../claims/draw-kind.js';
import { fundingGroupKey } from '../claims/claim-funding.js';
import { drawClaims as drawClaimsOnLedger } from '../pools/claim-draws.js';
import { claimDraw, validateClaim } from '../claims/validate-claim.js';
import { retainUntil } from '../claims/retain-until.js';
import type { PoolLedger } from '../pools/pool-ledger.js';
import { poolKeyString, type PoolKey } from '../pools/pool-key.js';
import type { PoolBalance } from '../pools/pool-balance.js';
import type { Issue } from '../issues.js';
import type { LedgerSettings } from '../settings.js';
import { isPaid } from '../claims/is-paid.js';
import type { RowLocation } from './earning-record.js';
import type { Finding, FindingCode } from './finding.js';
import type { ClaimPayments } from './claim-payments.js';

export interface LocatedClaim {
  readonly claim: Claim;
  readonly location: RowLocation;
}

/** A claim as claims.csv reports it: the register's data plus what the reconciliation derived. */
export interface ClaimReport {
  readonly claim: Claim;
  readonly location: RowLocation;
  readonly programName: string;
  readonly fundingPeriod: FiscalHalf | null;
  readonly windows: PeriodWindows | null;
  /** The pool it belongs to; null when it has none (invalid dates, excluded program, duplicate). */
  readonly pool: PoolKey | null;
  /** Whether it draws on that pool: a claim with no pool, or a rejected one, draws nothing (docs/RULES.md, "Claims"). */
  readonly drawsOnPool: boolean;
  readonly paid: boolean;
  readonly amountPaid: Dec | null;
  readonly retainUntil: IsoDate;
  /** The codes of the claim's findings, each once, in the order first found: what claims.csv lists and what a change compares. */
  readonly findingCodes: FindingCode[];
}

export interface Drawing {
  readonly located: LocatedClaim;
  readonly programName: string;
  readonly fundingPeriod: FiscalHalf | null;
  readonly pool: PoolKey | null;
  readonly duplicate: boolean;
  /** With `duplicate`: where the copy of its claimId that draws is. */
  readonly drawingCopy: RowLocation | null;
}

/** First step: decide each claim's pool and record its draw, before balances are settled. */
export function drawClaims(
  claims: readonly LocatedClaim[],
  pools: PoolLedger,
  catalog: PolicyCatalog,
  settings: LedgerSettings,
  claimPayments: ClaimPayments,
): Drawing[] {
  const drawings = drawClaimsOnLedger(pools, claims.map((c) => c.claim), catalog, settings, (claim) => amountPaidOf(claim, claimPayments));
  return drawings.map((d, i) => ({
    located: claims[i]!,
    programName: d.programName,
    fundingPeriod: d.fundingPeriod,
    pool: d.pool,
    duplicate: d.duplicate,
    drawingCopy: d.drawingCopy === null ? null : claims[d.drawingCopy]!.location,
  }));
}

/**
 * Second step, once balances are known: the checks that need them (overdraw, currency), payment
 * checks, and the report rows. Overdraws are charged in submission order: the claims that take a
 * pool below zero are the ones reported.
 */
export function checkClaims(
  drawings: readonly Drawing[],
  balances: readonly PoolBalance[],
  catalog: PolicyCatalog,
  settings: LedgerSettings,
  asOf: IsoDate,
  claimPayments: ClaimPayments,
  describeIssue: (i: Issue) => string,
): { reports: ClaimReport[]; findings: Finding[] } {
  const balanceById = new Map(balances.map((b) => [poolKeyString(b.key), b]));
  const currenciesByGroup = new Map<string, string[]>();
  for (const b of balances) {
    if (b.coopEarned.isZero()) continue;
    const g = fundingGroupKey(b.key.participantId, b.key.programName, half(b.key.earningPeriod));
    currenciesByGroup.set(g, [...(currenciesByGroup.get(g) ?? []), b.key.currency]);
  }
  // Running availability per pool, charged in submission order (then claimId) for determinism.
  const order = drawings
    .filter((d) => d.pool !== null && drawKind(d.located.claim.status) !== 'none')
    .sort((a, b) => submittedOrder(a.located.claim, b.located.claim));
  const availableBefore = new Map<Drawing, Dec>();
  const running = new Map<string, Dec>();
  for (const d of order) {
    const id = poolKeyString(d.pool!);
    const b = balanceById.get(id)!;
    const start = running.get(id) ?? b.coopEarned.minus(b.convertedToRebate).plus(b.transferred);
    availableBefore.set(d, start);
    if (drawKind(d.located.claim.status) !== 'draft') running.set(id, start.minus(claimDraw(d.located.claim)));
  }
  // Drafts are compared with what is left after every submitted claim.
  for (const d of order) {
    if (drawKind(d.located.claim.status) === 'draft') {
      const id = poolKeyString(d.pool!);
      availableBefore.set(d, running.get(id) ?? availableBefore.get(d)!);
    }
  }

  const findings: Finding[] = [];
  const reports: ClaimReport[] = [];
  const knownIds = new Set<string>();
  for (const d of drawings) {
    const { claim, location } = d.located;
    knownIds.add(claim.claimId);
    const policy = d.fundingPeriod ? resolvePolicy(catalog, d.programName, d.fundingPeriod) : null;
    const group = d.fundingPeriod ? fundingGroupKey(claim.participantId, d.programName, d.fundingPeriod) : '';
    const available = availableBefore.get(d);
    const issues = validateClaim(claim, {
      policy,
      settings,
      asOf,
      available: available === undefined ? undefined : Dec.max(available, ZERO),
      poolCurrencies: d.pool ? (currenciesByGroup.get(group) ?? []) : undefined,
    });
    const base = {
      file: location.file,
      line: location.line,
      participantId: claim.participantId,
      programName: d.programName,
      ...(d.fundingPeriod ? { earningPeriod: formatHalf(d.fundingPeriod) } : {}),
      currency: claim.currency,
      claimId: claim.claimId,
    };
    const codes: FindingCode[] = [];
    const add = (f: Finding & { readonly code: FindingCode }) => {
      findings.push(f);
      codes.push(f.code);
    };
    if (d.duplicate) {
      const copy = d.drawingCopy!;
      add({
        ...base,
        severity: 'error',
        code: 'duplicate_claim',
        message: `claimId ${claim.claimId} appears more than once in the register; only the copy on line ${copy.line} of ${copy.file} counts, whatever the order of the rows (docs/RULES.md, "A repeated claimId")`,
        expected: `${copy.file}:${copy.line}`,
      });
    }
    for (const i of issues) {
      const draft = claim.status === 'Editing';
      add({
        ...base,
        severity: draft && i.code !== 'claim_program_not_eligible' ? 'warning' : 'error',
        code: i.code as FindingCode,
        message: describeIssue(i),
        ...explain(i),
      });
    }

    const paidBy = claimPayments.get(claim.claimId);
    const paid = isPaid(claim, claimPayments);
    const amountPaid = paidBy ? (paidBy.get(claim.currency)?.amount ?? ZERO) : null;
    if (paid) {
      const approved = approvedAmount(claim);
      const otherCurrencies = [...paidBy!.keys()].filter((c) => c !== claim.currency);
      if (!amountPaid!.eq(approved) || otherCurrencies.length > 0) {
        add({
          ...base,
          severity: 'error',
          code: 'claim_paid_amount_mismatch',
          message: `claim ${claim.claimId} was approved at ${approved.toFixed()} ${claim.currency} but the earnings show ${describePaid(paidBy!)} paid`,
          expected: `${approved.toFixed()} ${claim.currency}`,
          actual: describePaid(paidBy!),
        });
      }
    } else if (claim.status === 'Approved' && claim.decisionDate && daysBetween(claim.decisionDate, asOf) > 63) {
      add({
        ...base,
        severity: 'warning',
        code: 'claim_approved_unpaid',
        message: `claim ${claim.claimId} was approved on ${claim.decisionDate} (${daysBetween(claim.decisionDate, asOf)} days ago) and no payment row carries its claimId`,
        expected: 'a Claim earnings row within 63 days',
        actual: `${daysBetween(claim.decisionDate, asOf)} days`,
      });
    }
    reports.push({
      claim,
      location,
      programName: d.programName,
      fundingPeriod: d.fundingPeriod,
      windows: d.fundingPeriod ? windowsOf(d.fundingPeriod, settings) : null,
      pool: d.pool,
      drawsOnPool: d.pool !== null && drawKind(claim.status) !== 'none',
      paid,
      amountPaid: paid ? amountPaid : null,
      retainUntil: retainUntil(claim, settings),
      findingCodes: [...new Set(codes)],
    });
  }
  for (const [claimId, byCurrency] of claimPayments) {
    if (knownIds.has(claimId)) continue;
    const first = [...byCurrency.values()][0]!.first;
    findings.push({
      severity: 'warning',
      code: 'claim_payment_unknown_claim',
      message: `a Claim payment row carries claimId ${claimId}, which is not in the claims register`,
      file: first.file,
      line: first.line,
      claimId,
      actual: describePaid(byCurrency),
    });
  }
  return { reports, findings };
}

/** What the `Claim` payment rows paid a paid claim, in its currency (docs/RULES.md, "Paid claims"); null while unpaid. */
export function amountPaidOf(claim: Claim, claimPayments: ClaimPayments): Dec | null {
  if (!isPaid(claim, claimPayments)) return null;
  return claimPayments.get(claim.claimId)?.get(claim.currency)?.amount ?? ZERO;
}

function submittedOrder(a: Claim, b: Claim): number {
  const sa = a.submittedDate ?? '9999-12-31';
  const sb = b.submittedDate ?? '9999-12-31';
  return sa < sb ? -1 : sa > sb ? 1 : a.claimId < b.claimId ? -1 : a.claimId > b.claimId ? 1 : 0;
}

function describePaid(byCurrency: ReadonlyMap<string, { amount: Dec }>): string {
  return [...byCurrency].map(([c, v]) => `${v.amount.toFixed()} ${c}`).join(' + ');
}

function explain(i: Issue): { expected?: string; actual?: string } {
  const p = i.params ?? {};
  if (i.code === 'claim_overdraws_pool') return { expected: `<= ${p.available} ${p.currency}`, actual: `${p.needed} ${p.currency}` };
  if (i.code === 'claim_period_mismatch') return { expected: p.expected ?? '', actual: p.actual ?? '' };
  if (i.code === 'claim_submitted_outside_window') return { expected: `${p.windowStart} – ${p.windowEnd}`, actual: p.submittedDate ?? p.asOf ?? '' };
  if (i.code === 'claim_currency_mismatch') return { expected: p.poolCurrencies ?? '', actual: p.currency ?? '' };
  return i.input === undefined ? {} : { actual: i.input };
}
