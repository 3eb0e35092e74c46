import { Dec, ZERO } from '../../core/money/decimal.js';
import { daysBetween, type IsoDate } from '../../core/calendar/calendar-date.js';
import { formatHalf, half, type FiscalHalf } from '../../core/calendar/fiscal-half.js';
import { windowsOf, type PeriodWindows } from '../../core/calendar/windows.js';
import { resolvePolicy, type PolicyCatalog } from '../../core/policy/policy-catalog.js';
import type { Claim } from '../../core/claims/claim.js';
import { drawKind } from '../../core/claims/draw-kind.js';
import { fundingGroupKey } from '../../core/claims/claim-funding.js';
import { drawClaims as drawClaimsOnLedger } from '../../core/pools/claim-draws.js';
import { claimDraw, validateClaim } from '../../core/claims/validate-claim.js';
import { retainUntil } from '../../core/claims/retain-until.js';
import type { PoolLedger } from '../../core/pools/pool-ledger.js';
import { poolKeyString, type PoolKey } from '../../core/pools/pool-key.js';
import type { PoolBalance } from '../../core/pools/pool-balance.js';
import type { Issue } from '../../core/issues.js';
import type { LedgerSettings } from '../../core/settings.js';
import type { RowLocation } from './ledger-row.js';
import type { Finding, FindingCode } from './finding.js';
import { describeIssue } from './messages.js';

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
  /** The pool it draws on; null when it draws on none (invalid dates, excluded program, duplicate). */
  readonly pool: PoolKey | null;
  readonly paid: boolean;
  readonly amountPaid: Dec | null;
  readonly retainUntil: IsoDate;
  readonly findingCodes: FindingCode[];
}

interface Drawing {
  readonly located: LocatedClaim;
  readonly programName: string;
  readonly fundingPeriod: FiscalHalf | null;
  readonly pool: PoolKey | null;
  readonly duplicate: boolean;
}

export type ClaimPayments = ReadonlyMap<string, ReadonlyMap<string, { amount: Dec; first: RowLocation; date: IsoDate }>>;

/** First step: decide each claim's pool and record its draw, before balances are settled. */
export function drawClaims(
  claims: readonly LocatedClaim[],
  pools: PoolLedger,
  catalog: PolicyCatalog,
  settings: LedgerSettings,
  claimPayments: ClaimPayments,
): Drawing[] {
  const drawings = drawClaimsOnLedger(pools, claims.map((c) => c.claim), catalog, settings, (claim) => isPaidIn(claim, claimPayments));
  return drawings.map((d, i) => ({ located: claims[i]!, programName: d.programName, fundingPeriod: d.fundingPeriod, pool: d.pool, duplicate: d.duplicate }));
}

function isPaidIn(claim: Claim, claimPayments: ClaimPayments): boolean {
  return claim.status === 'Approved' && claimPayments.has(claim.claimId);
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
    const start = running.get(id) ?? b.coopEarned.minus(b.convertedToRebate);
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
      ...(available === undefined ? {} : { available: Dec.max(available, ZERO) }),
      ...(d.pool ? { poolCurrencies: currenciesByGroup.get(group) ?? [] } : {}),
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
    const add = (f: Finding) => {
      findings.push(f);
      codes.push(f.code);
    };
    if (d.duplicate) {
      add({ ...base, severity: 'error', code: 'duplicate_claim', message: `claimId ${claim.claimId} appears more than once in the register; only the first draws on a pool` });
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
    const paid = claim.status === 'Approved' && paidBy !== undefined;
    const amountPaid = paidBy ? (paidBy.get(claim.currency)?.amount ?? ZERO) : null;
    if (paid) {
      const approved = claim.amountApproved ?? claim.amountClaimed;
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
      paid,
      amountPaid: paid ? amountPaid : null,
      retainUntil: retainUntil(claim, settings),
      findingCodes: codes,
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
