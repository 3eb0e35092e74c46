import type { IsoDate } from '../calendar/calendar-date.js';
import type { FiscalHalf } from '../calendar/fiscal-half.js';
import type { Issue } from '../issues.js';
import { resolvePolicy, type PolicyCatalog } from '../policy/policy-catalog.js';
import { computeBalances, type PoolBalance } from '../pools/pool-balance.js';
import type { LedgerSettings } from '../settings.js';
import { checkClaims, drawClaims, type ClaimReport, type LocatedClaim } from './claims-check.js';
import type { EarningsTotals } from './earnings-ledger.js';
import { compareFindings, type Finding } from './finding.js';
import { paymentFindings, type PaymentRecord } from './payments-check.js';
import { latestPayments } from './payment-versions.js';
import { repeatedPaymentFindings } from './payment-repeats.js';
import { journalOf } from '../journal/journal-of.js';
import { journalClaimsOf } from '../journal/journal-claims.js';
import type { JournalAccounts } from '../journal/journal-accounts.js';
import type { JournalLine } from '../journal/journal-line.js';
import { poolFindings } from './pool-findings.js';
import { pairRollovers } from './rollover-pairs.js';
import { conversionFindings, resolveTransfers } from './rollover-checks.js';
import { addTransfer, copyPoolLedger } from '../pools/pool-ledger.js';

export interface SettleInput {
  readonly earnings: EarningsTotals;
  readonly claims: readonly LocatedClaim[];
  /**
   * The Payments reports in the order named, each its rows top to bottom: a repeated paymentId is
   * one payment, whose version `latestPayments` chooses; repeated within one report, it is also a
   * finding (`repeatedPaymentFindings`).
   */
  readonly paymentReports: readonly (readonly PaymentRecord[])[];
  readonly catalog: PolicyCatalog;
  readonly settings: LedgerSettings;
  readonly asOf: IsoDate;
  /** Renders a claim issue as the finding's message (the adapter's wording). */
  readonly describeIssue: (issue: Issue) => string;
  /** The journal's account names; default `DEFAULT_ACCOUNTS`. */
  readonly accounts?: JournalAccounts;
}

export interface Settlement {
  /** Every pool as of the date, sorted by its key. */
  readonly balances: PoolBalance[];
  /** Each claim with the pool it draws on and what the checks found. */
  readonly claims: ClaimReport[];
  /**
   * Every finding of the earnings, pools, claims and payments, in `compareFindings` order; the
   * per-row `duplicate_earning` findings are in the ledger's `FindingSink`.
   */
  readonly findings: Finding[];
  /** The full journal as of the date (docs/RULES.md, Journal). */
  readonly journal: JournalLine[];
}

/**
 * The one reconciliation, as of a date, over the earnings already read: claims draw on pools,
 * pools settle, every check runs, and the journal is drawn up (docs/RULES.md). The batch job and the add-in both call it,
 * so the report and the workbook cannot disagree. The earnings are left as they were: the add-in
 * settles the same earnings again when only the claims or the date changed.
 */
export function settleAsOf(input: SettleInput): Settlement {
  const { earnings, catalog, settings, asOf } = input;
  const pools = copyPoolLedger(earnings.pools);
  const drawings = drawClaims(input.claims, pools, catalog, settings, earnings.claimPayments);
  const policyFor = (program: string, period: FiscalHalf) => resolvePolicy(catalog, program, period);
  const rollovers = pairRollovers(earnings.rollovers);
  // A transfer's source is chosen on the balances before any transfer: whether a pool is below its
  // threshold or past its claim window does not depend on transfers (docs/RULES.md, "Rollover rows").
  const transfers = rollovers.transfers.length === 0 ? { resolved: [], findings: [] } : resolveTransfers(computeBalances(pools, { asOf, policyFor }), rollovers.transfers);
  for (const t of transfers.resolved) addTransfer(pools, { key: t.from, earningPeriod: t.fromHalf }, { key: t.to, earningPeriod: t.toHalf }, t.amount, t.date);
  const balances = computeBalances(pools, { asOf, policyFor });
  const claimCheck = checkClaims(drawings, balances, catalog, settings, asOf, earnings.claimPayments, input.describeIssue);
  const findings: Finding[] = [
    ...earnings.findings,
    ...poolFindings(balances, settings),
    ...rollovers.unmatched,
    ...conversionFindings(balances, rollovers.conversions),
    ...transfers.findings,
    ...claimCheck.findings,
    ...paymentFindings(latestPayments(input.paymentReports), earnings.paymentSums),
    ...repeatedPaymentFindings(input.paymentReports),
  ].sort(compareFindings);
  const journal = (): JournalLine[] =>
    journalOf({
      balances,
      accruals: earnings.accruals,
      claims: journalClaimsOf(claimCheck.reports, earnings.claimPayments),
      asOf,
      ...(input.accounts ? { accounts: input.accounts } : {}),
    });
  let lines: JournalLine[] | undefined;
  // Drawn up when first read: the add-in's Recalculate shows no journal and would spend an eighth
  // of its time on one.
  return {
    balances,
    claims: claimCheck.reports,
    findings,
    get journal() {
      return (lines ??= journal());
    },
  };
}
