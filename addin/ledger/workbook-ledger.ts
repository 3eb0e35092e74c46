/**
 * Turns the workbook's tables into core's ledger: co-op earnings and claim draws into pools,
 * Programs rows into a policy catalog, and pools into Balances rows. Pure over `TableData`, so
 * the task pane, the custom functions and the benchmark share it and tests need no Excel.
 */
import { parsePolicyRows } from '../../core/policy/parse-policy-rows.js';
import { canonicalProgramName, policyCatalog, resolvePolicy, type PolicyCatalog } from '../../core/policy/policy-catalog.js';
import { createPoolLedger, addCoopEarning, addClaimDraw } from '../../core/pools/pool-ledger.js';
import { computeBalances, type PoolBalance } from '../../core/pools/pool-balance.js';
import { poolKeyString, type PoolKey } from '../../core/pools/pool-key.js';
import { parseClaimRow } from '../../core/claims/claim-row.js';
import type { Claim } from '../../core/claims/claim.js';
import { drawKind } from '../../core/claims/draw-kind.js';
import { fundingPeriodOf } from '../../core/claims/funding-period.js';
import { validateClaim } from '../../core/claims/validate-claim.js';
import { isPaid } from '../../core/claims/is-paid.js';
import { formatHalf, type FiscalHalf } from '../../core/calendar/fiscal-half.js';
import { lastDay } from '../../core/calendar/date-interval.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import { parseCurrency } from '../../core/money/currency.js';
import type { LedgerSettings } from '../../core/settings.js';
import type { Issue } from '../../core/issues.js';
import { BALANCES_COLUMNS, CLAIMS_COLUMNS, PROGRAMS_COLUMNS, type ColumnSpec } from '../../core/workbook-layout.js';
import { amountFromCell, amountToCell, cellAsText, dateFromCell, dateToCell, optionalAmountFromCell, textFromCell, textToCell, type CellValue } from '../excel/cell-values.js';
import type { TableData } from '../excel/table-io.js';

export interface LedgerTables {
  readonly earnings: TableData | null;
  readonly programs: TableData | null;
  readonly claims: TableData | null;
}

export interface LedgerClaim {
  readonly claim: Claim;
  /** Index of the claim's row in the Claims table body (for writing it back). */
  readonly rowIndex: number;
  /** The pool it draws on, when its dates name one. */
  readonly poolKey: PoolKey | null;
}

export interface RowProblem {
  readonly table: string;
  /** 1-based row of the table body, as the user counts below the header. */
  readonly row: number;
  readonly issues: readonly Issue[];
}

export interface Ledger {
  readonly asOf: IsoDate;
  readonly settings: LedgerSettings;
  readonly catalog: PolicyCatalog;
  readonly balances: PoolBalance[];
  readonly claims: LedgerClaim[];
  readonly problems: RowProblem[];
}

/** `Co-op`, `Coop`, `COOP`, `co op` are one type (SPEC §6). */
export function earningTypeKey(text: string): string {
  return text.toLowerCase().replace(/[-\s]/g, '');
}

const ROLLOVER = 'cooprollover';

/** Issues that keep a claim from drawing on any pool (as in batch/reconcile/claims-check.ts). */
const BLOCKING: ReadonlySet<string> = new Set(['claim_dates_invalid', 'claim_period_mismatch', 'claim_program_not_eligible']);

/** A table's rows as header → text records, cells rendered the way core's row parsers read them. */
export function rowsAsRecords(table: TableData, columns: readonly ColumnSpec[]): Record<string, string>[] {
  const kindOf = new Map(columns.map((c) => [c.name.toLowerCase(), c.kind]));
  return table.rows.map((row) => {
    const record: Record<string, string> = {};
    table.headers.forEach((h, i) => {
      const kind = kindOf.get(h.toLowerCase());
      record[h] = cellAsText(row[i], kind === 'date' ? 'date' : kind === 'amount' || kind === 'amountUSD' || kind === 'share' ? 'amount' : 'text');
    });
    return record;
  });
}

export function catalogOf(programs: TableData | null): { catalog: PolicyCatalog; problems: RowProblem[] } {
  if (!programs || programs.rows.length === 0) return { catalog: policyCatalog(), problems: [] };
  const parsed = parsePolicyRows(rowsAsRecords(programs, PROGRAMS_COLUMNS));
  if (parsed.ok) return { catalog: policyCatalog(parsed.value), problems: [] };
  return { catalog: policyCatalog(), problems: [{ table: 'Programs', row: 0, issues: parsed.issues }] };
}

export function readClaims(claims: TableData | null): { claims: { claim: Claim; rowIndex: number }[]; problems: RowProblem[] } {
  const out: { claim: Claim; rowIndex: number }[] = [];
  const problems: RowProblem[] = [];
  if (!claims) return { claims: out, problems };
  rowsAsRecords(claims, CLAIMS_COLUMNS).forEach((record, i) => {
    const parsed = parseClaimRow(record);
    const rowIndex = claims.rowIndexes[i] ?? i;
    if (parsed.ok) out.push({ claim: parsed.value, rowIndex });
    else problems.push({ table: 'Claims', row: rowIndex + 1, issues: parsed.issues });
  });
  return { claims: out, problems };
}

function columnIndex(table: TableData, name: string): number {
  const lower = name.toLowerCase();
  return table.headers.findIndex((h) => h.toLowerCase() === lower);
}

export interface LedgerOptions {
  readonly asOf: IsoDate;
  readonly settings: LedgerSettings;
}

/** The whole computation: pools from earnings and claims, balances as of a date. */
export function computeLedger(tables: LedgerTables, options: LedgerOptions): Ledger {
  const { asOf, settings } = options;
  const { catalog, problems } = catalogOf(tables.programs);
  const ledger = createPoolLedger(settings);
  const paidClaimIds = new Set<string>();
  const canonical = new Map<string, string>();
  const programOf = (name: string): string => {
    let c = canonical.get(name);
    if (c === undefined) {
      c = canonicalProgramName(catalog, name) ?? name.trim();
      canonical.set(name, c);
    }
    return c;
  };

  const earnings = tables.earnings;
  if (earnings) {
    const col = (name: string) => columnIndex(earnings, name);
    const [iParticipant, iProgram, iType, iAmount, iUSD, iDate, iCurrency, iReason, iClaim] = [
      'participantId', 'programName', 'earningType', 'earningAmount', 'earningAmountUSD', 'earningDate', 'transactionCurrency', 'reasonCode', 'claimId',
    ].map(col) as [number, number, number, number, number, number, number, number, number];
    const bad: Issue[] = [];
    earnings.rows.forEach((row, i) => {
      const type = earningTypeKey(textFromCell(row[iType]));
      if (type === 'claim') {
        const id = textFromCell(row[iClaim]).trim();
        if (id !== '') paidClaimIds.add(id);
        return;
      }
      if (type !== 'coop') return;
      // Rollover rows are Microsoft's record of a conversion: evidence, not new earnings.
      if (iReason >= 0 && earningTypeKey(textFromCell(row[iReason])) === ROLLOVER) return;
      const amount = amountFromCell(row[iAmount]);
      const usd = iUSD >= 0 ? optionalAmountFromCell(row[iUSD]) : { ok: true as const, value: null };
      const date = dateFromCell(row[iDate]);
      const currency = parseCurrency(textFromCell(row[iCurrency]));
      if (!amount.ok || !usd.ok || date === null || !currency.ok) {
        bad.push({ code: !amount.ok || !usd.ok ? 'invalid_amount' : date === null ? 'invalid_date' : 'invalid_currency', path: ['Earnings', (earnings.rowIndexes[i] ?? i) + 1] });
        return;
      }
      addCoopEarning(ledger, {
        participantId: textFromCell(row[iParticipant]).trim(),
        programName: programOf(textFromCell(row[iProgram])),
        earningDate: date,
        currency: currency.value,
        amount: amount.value,
        amountUSD: usd.value,
      });
    });
    if (bad.length > 0) problems.push({ table: 'Earnings', row: 0, issues: bad });
  }

  const read = readClaims(tables.claims);
  problems.push(...read.problems);
  const seen = new Set<string>();
  const claims: LedgerClaim[] = read.claims.map(({ claim, rowIndex }) => {
    const programName = programOf(claim.programName);
    const funding = fundingPeriodOf(claim.activityStart, claim.activityEnd, settings);
    const period: FiscalHalf | null = funding.ok ? funding.value : claim.earningPeriod;
    const policy = period ? resolvePolicy(catalog, programName, period) : null;
    // The batch job's rule: a claim whose pool cannot be told (bad dates, a period that
    // contradicts them, a program without co-op claims) or a repeated claimId draws on nothing.
    const blocked = validateClaim(claim, { policy, settings }).some((i) => BLOCKING.has(i.code));
    const duplicate = seen.has(claim.claimId);
    seen.add(claim.claimId);
    if (!funding.ok || blocked || duplicate) return { claim, rowIndex, poolKey: null };
    const poolKey = addClaimDraw(ledger, {
      participantId: claim.participantId,
      programName,
      earningPeriod: funding.value,
      currency: claim.currency,
      kind: drawKind(claim.status),
      amountClaimed: claim.amountClaimed,
      amountApproved: claim.amountApproved,
      paid: isPaid(claim, paidClaimIds),
    });
    return { claim, rowIndex, poolKey };
  });

  const balances = computeBalances(ledger, {
    asOf,
    policyFor: (programName, period) => resolvePolicy(catalog, programName, period),
  });
  return { asOf, settings, catalog, balances, claims, problems };
}

export function claimsOfPool(ledger: Ledger, key: PoolKey): LedgerClaim[] {
  const id = poolKeyString(key);
  return ledger.claims.filter((c) => c.poolKey !== null && poolKeyString(c.poolKey) === id);
}

/** One Balances row in BALANCES_COLUMNS order: amounts rounded to the currency, dates as serials. */
export function balanceToCells(b: PoolBalance): CellValue[] {
  const cur = b.key.currency;
  const values: Record<string, CellValue> = {
    participantId: textToCell(b.key.participantId),
    programName: textToCell(b.key.programName),
    earningPeriod: b.key.earningPeriod,
    currency: b.key.currency,
    earningStart: dateToCell(b.earning.start),
    earningEnd: dateToCell(lastDay(b.earning)),
    usageStart: dateToCell(b.usage.start),
    usageEnd: dateToCell(lastDay(b.usage)),
    claimStart: dateToCell(b.claiming.start),
    claimEnd: dateToCell(lastDay(b.claiming)),
    status: b.status,
    coopEarned: amountToCell(b.coopEarned, cur),
    coopEarnedUSD: amountToCell(b.coopEarnedUSD, 'USD'),
    thresholdUSD: b.thresholdUSD ? amountToCell(b.thresholdUSD, 'USD') : '',
    belowThreshold: b.belowThreshold === null ? '' : b.belowThreshold,
    convertedToRebate: amountToCell(b.convertedToRebate, cur),
    claimsDraft: amountToCell(b.claimsDraft, cur),
    claimsPending: amountToCell(b.claimsPending, cur),
    claimsApproved: amountToCell(b.claimsApproved, cur),
    claimsPaid: amountToCell(b.claimsPaid, cur),
    available: amountToCell(b.available, cur),
    forfeited: amountToCell(b.forfeited, cur),
    daysToUsageEnd: b.daysToUsageEnd,
    daysToClaimDeadline: b.daysToClaimDeadline,
  };
  return BALANCES_COLUMNS.map((c) => values[c.name] ?? '');
}

/** The pool a lookup names, for COOP.AVAILABLE; programs match through their aliases. */
export function findBalance(ledger: Ledger, participantId: string, programName: string, period: FiscalHalf, currency: string): PoolBalance | null {
  const program = canonicalProgramName(ledger.catalog, programName) ?? programName.trim();
  const label = formatHalf(period);
  return (
    ledger.balances.find(
      (b) => b.key.participantId === participantId.trim() && b.key.programName === program && b.key.earningPeriod === label && b.key.currency === currency.trim().toUpperCase(),
    ) ?? null
  );
}

