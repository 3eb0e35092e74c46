/**
 * Turns the workbook's tables into core's ledger: co-op earnings and claim draws into pools,
 * Programs rows into a policy catalog, and pools into Balances rows. Pure over `TableData`, so
 * the task pane, the custom functions and the benchmark share it and tests need no Excel.
 */
import { parsePolicyRows } from '../../core/policy/parse-policy-rows.js';
import { canonicalProgramName, policyCatalog, resolvePolicy, type PolicyCatalog } from '../../core/policy/policy-catalog.js';
import { createPoolLedger, addCoopEarning } from '../../core/pools/pool-ledger.js';
import { computeBalances, type PoolBalance } from '../../core/pools/pool-balance.js';
import { poolKeyString, type PoolKey } from '../../core/pools/pool-key.js';
import { parseClaimRow } from '../../core/claims/claim-row.js';
import type { Claim } from '../../core/claims/claim.js';
import { drawClaims } from '../../core/pools/claim-draws.js';
import { ExactSum, scaledFromDec } from '../../core/money/scaled-amount.js';
import { isPaid } from '../../core/claims/is-paid.js';
import { fiscalHalfOf, formatHalf, type FiscalHalf } from '../../core/calendar/fiscal-half.js';
import { lastDay } from '../../core/calendar/date-interval.js';
import type { IsoDate } from '../../core/calendar/calendar-date.js';
import { parseCurrency } from '../../core/money/currency.js';
import type { LedgerSettings } from '../../core/settings.js';
import type { Issue } from '../../core/issues.js';
import { BALANCES_COLUMNS, CLAIMS_COLUMNS, PROGRAMS_COLUMNS, type ColumnSpec } from '../../core/workbook-layout.js';
import {
  amountFromCell,
  amountToCell,
  cellAsText,
  dateFromCell,
  dateToCell,
  isBlank,
  scaledAmountFromCell,
  textFromCell,
  textToCell,
  type CellValue,
} from '../excel/cell-values.js';
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
    const bad = feedEarnings(earnings, ledger, settings, programOf, paidClaimIds);
    if (bad.length > 0) problems.push({ table: 'Earnings', row: 0, issues: bad });
  }

  const read = readClaims(tables.claims);
  problems.push(...read.problems);
  // The batch job's rule, from core: a claim whose pool cannot be told draws on nothing, and
  // neither does a repeated claimId.
  const drawings = drawClaims(ledger, read.claims.map((c) => c.claim), catalog, settings, (claim) => isPaid(claim, paidClaimIds));
  const claims: LedgerClaim[] = read.claims.map(({ claim, rowIndex }, i) => ({ claim, rowIndex, poolKey: drawings[i]!.pool }));

  const balances = computeBalances(ledger, {
    asOf,
    policyFor: (programName, period) => resolvePolicy(catalog, programName, period),
  });
  return { asOf, settings, catalog, balances, claims, problems };
}

interface PoolSum {
  readonly participantId: string;
  readonly programName: string;
  readonly earningDate: IsoDate;
  readonly currency: string;
  readonly amount: ExactSum;
  readonly amountUSD: ExactSum;
}

/**
 * Feeds the co-op rows of the Earnings table to the ledger. Rows are summed per pool first
 * (exactly: integers of ten-thousandths, or decimals where a value has more places) and each
 * pool's sum goes to core once, so 100,000 rows cost integer additions rather than 100,000
 * decimal ones. The pool of a row is core's: fiscalHalfOf its date. Rows without a USD amount
 * go to core one by one, since core counts them (the threshold is then unknown).
 */
function feedEarnings(
  earnings: TableData,
  ledger: ReturnType<typeof createPoolLedger>,
  settings: LedgerSettings,
  programOf: (name: string) => string,
  paidClaimIds: Set<string>,
): Issue[] {
  const col = (name: string) => columnIndex(earnings, name);
  const [iParticipant, iProgram, iType, iAmount, iUSD, iDate, iCurrency, iReason, iClaim] = [
    'participantId', 'programName', 'earningType', 'earningAmount', 'earningAmountUSD', 'earningDate', 'transactionCurrency', 'reasonCode', 'claimId',
  ].map(col) as [number, number, number, number, number, number, number, number, number];
  const bad: Issue[] = [];
  const typeKeys = new Map<string, string>();
  const keyOf = (value: unknown): string => {
    const text = textFromCell(value);
    let key = typeKeys.get(text);
    if (key === undefined) {
      key = earningTypeKey(text);
      typeKeys.set(text, key);
    }
    return key;
  };
  const currencies = new Map<string, string | null>();
  const currencyOf = (value: unknown): string | null => {
    const text = textFromCell(value);
    let code = currencies.get(text);
    if (code === undefined) {
      const r = parseCurrency(text);
      code = r.ok ? r.value : null;
      currencies.set(text, code);
    }
    return code;
  };
  const periods = new Map<unknown, { date: IsoDate; label: string } | null>();
  const periodOf = (value: unknown) => {
    let p = periods.get(value);
    if (p === undefined) {
      const date = dateFromCell(value);
      p = date ? { date, label: formatHalf(fiscalHalfOf(date, settings)) } : null;
      periods.set(value, p);
    }
    return p;
  };
  const sums = new Map<string, PoolSum>();

  earnings.rows.forEach((row, i) => {
    const type = keyOf(row[iType]);
    if (type === 'claim') {
      const id = textFromCell(row[iClaim]).trim();
      if (id !== '') paidClaimIds.add(id);
      return;
    }
    if (type !== 'coop') return;
    // Rollover rows are Microsoft's record of a conversion: evidence, not new earnings.
    if (iReason >= 0 && keyOf(row[iReason]) === ROLLOVER) return;
    const where = ['Earnings', (earnings.rowIndexes[i] ?? i) + 1];
    const period = periodOf(row[iDate]);
    const currency = currencyOf(row[iCurrency]);
    if (period === null) return void bad.push({ code: 'invalid_date', path: where });
    if (currency === null) return void bad.push({ code: 'invalid_currency', path: where });
    const participantId = textFromCell(row[iParticipant]).trim();
    const programName = programOf(textFromCell(row[iProgram]));
    const usdCell = iUSD >= 0 ? row[iUSD] : '';
    if (isBlank(usdCell)) {
      const amount = amountFromCell(row[iAmount]);
      if (!amount.ok) return void bad.push({ code: 'invalid_amount', path: where });
      addCoopEarning(ledger, { participantId, programName, earningDate: period.date, currency, amount: amount.value, amountUSD: null });
      return;
    }
    const amount = scaledAmountFromCell(row[iAmount]) ?? amountFromCell(row[iAmount]);
    const usd = scaledAmountFromCell(usdCell) ?? amountFromCell(usdCell);
    if ((!('units' in amount) && !amount.ok) || (!('units' in usd) && !usd.ok)) {
      return void bad.push({ code: 'invalid_amount', path: where });
    }
    const key = `${participantId}\u001f${programName}\u001f${period.label}\u001f${currency}`;
    let sum = sums.get(key);
    if (!sum) {
      sum = { participantId, programName, earningDate: period.date, currency, amount: new ExactSum(), amountUSD: new ExactSum() };
      sums.set(key, sum);
    }
    if ('units' in amount) sum.amount.add(amount);
    else if (amount.ok) sum.amount.add(scaledFromDec(amount.value));
    if ('units' in usd) sum.amountUSD.add(usd);
    else if (usd.ok) sum.amountUSD.add(scaledFromDec(usd.value));
  });
  for (const s of sums.values()) {
    addCoopEarning(ledger, {
      participantId: s.participantId,
      programName: s.programName,
      earningDate: s.earningDate,
      currency: s.currency,
      amount: s.amount.toDec(),
      amountUSD: s.amountUSD.toDec(),
    });
  }
  return bad;
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

