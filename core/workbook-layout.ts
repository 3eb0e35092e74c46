/**
 * The co-op workbook's tables and the batch job's CSV reports share these column lists, so a
 * workbook made by the add-in is an input of the batch job and vice versa. Defined once, here.
 */
import { FINDING_DETAIL_FIELDS } from './reconcile/finding.js';

/** How a column's cells are typed when written to a workbook. */
export type ColumnKind = 'text' | 'amount' | 'amountUSD' | 'date' | 'integer' | 'boolean' | 'share';

export interface ColumnSpec<Kind extends ColumnKind = ColumnKind> {
  readonly name: string;
  readonly kind: Kind;
  /**
   * For an `amount` column, the column of the same row that names its currency (docs/RULES.md,
   * "Money"): what the amount is rounded to and shown in. A USD column (`amountUSD`) needs none.
   */
  readonly currencyColumn?: string;
}

/**
 * The kind of a layout's column, by its name in the layout (`earningDate` is a `date`); undefined
 * for a column the layout does not know (an export's pass-through column), which reads as text
 * (docs/RULES.md, "Workbook cells").
 */
export function columnKind(columns: readonly ColumnSpec[], name: string): ColumnKind | undefined {
  return columns.find((c) => c.name === name)?.kind;
}

/**
 * The currency an amount column's values are shown in (docs/RULES.md, "Money"): a USD column's
 * (`amountUSD`) in USD, any other amount in its row's currency.
 */
export function amountColumnCurrency<C>(kind: 'amount' | 'amountUSD', rowCurrency: C): C | 'USD' {
  return kind === 'amountUSD' ? 'USD' : rowCurrency;
}

/**
 * A layout's columns, each of the kind given; the type keeps which kinds a layout has (a layout
 * without dates needs no date system). `currencyOf` names, for each `amount` column, the column
 * of its row that holds its currency; an amount column left out of it throws, so no layout has an
 * amount that could be shown in no currency.
 */
function cols<Kind extends ColumnKind>(spec: Record<string, Kind>, currencyOf: Readonly<Record<string, string>> = {}): readonly ColumnSpec<Kind>[] {
  return Object.entries(spec).map(([name, kind]) => {
    if (kind !== 'amount') return { name, kind };
    const currencyColumn = currencyOf[name];
    if (currencyColumn === undefined || spec[currencyColumn] !== 'text') throw new Error(`layout: amount column ${name} names no currency column of the layout`);
    return { name, kind, currencyColumn };
  });
}

/** Amount columns that are all in the currency one column of their row names. */
function allIn(currencyColumn: string, amounts: readonly string[]): Record<string, string> {
  return Object.fromEntries(amounts.map((name) => [name, currencyColumn]));
}

/**
 * The column where the add-in's import records, on each Earnings or Payments row it writes, the
 * recency of the download the row came from (docs/RULES.md, "Repeated earningIds" and "A payment
 * repeated"): no Partner Center export has it, and the batch job reads no rule from it.
 */
export const DOWNLOAD_LATEST_COLUMN = 'downloadLatest';

/**
 * The column where the add-in's import numbers each Earnings row it writes, in the order core read
 * it, so that the ledger reads the table in that order however it is sorted (docs/RULES.md,
 * "Reading order"; `core/reconcile/reading-order.ts`). No Partner Center export has it.
 */
export const IMPORT_ORDER_COLUMN = 'importOrder';

/** Earnings columns the ledger reads (docs/RULES.md, "Earnings"); the export's other columns pass through. */
export const EARNINGS_COLUMNS = cols({
  earningId: 'text',
  participantId: 'text',
  participantName: 'text',
  programName: 'text',
  earningType: 'text',
  earningAmount: 'amount',
  earningAmountUSD: 'amountUSD',
  earningDate: 'date',
  transactionCurrency: 'text',
  transactionId: 'text',
  lever: 'text',
  earningRate: 'text',
  reasonCode: 'text',
  claimId: 'text',
  paymentId: 'text',
  paymentStatus: 'text',
  // The payment in the pay-to currency, which the payments check reads (docs/RULES.md, "Payments"):
  // an amount like the others, so an import writes it as a number and the ledger reads it back.
  lastPaymentCurrency: 'text',
  earningAmountInLastPaymentCurrency: 'amount',
  // A date cell like earningDate, so the table shows it as a date and reads it back in any time zone.
  [DOWNLOAD_LATEST_COLUMN]: 'date',
  [IMPORT_ORDER_COLUMN]: 'integer',
}, { earningAmount: 'transactionCurrency', earningAmountInLastPaymentCurrency: 'lastPaymentCurrency' });

export const REQUIRED_EARNINGS_COLUMNS = [
  'earningId',
  'participantId',
  'programName',
  'earningType',
  'earningAmount',
  'earningDate',
  'transactionCurrency',
] as const;

export const PROGRAMS_COLUMNS = cols({
  name: 'text',
  aliases: 'text',
  coopShare: 'share',
  thresholdUSD: 'amountUSD',
  coopClaims: 'boolean',
  from: 'text',
  until: 'text',
});

/**
 * The Programs column every row must fill (`readPolicyEntry`: a program without its name is
 * refused): a sheet standing for the table has its header found by it (`sheetHeaderColumns`).
 */
export const REQUIRED_PROGRAMS_COLUMNS = ['name'] as const;

export const CLAIMS_COLUMNS = cols({
  claimId: 'text',
  participantId: 'text',
  programName: 'text',
  earningPeriod: 'text',
  activityType: 'text',
  activityName: 'text',
  activityStart: 'date',
  activityEnd: 'date',
  currency: 'text',
  amountClaimed: 'amount',
  amountApproved: 'amount',
  status: 'text',
  submittedDate: 'date',
  decisionDate: 'date',
  invoices: 'text',
  csrs: 'text',
  proofs: 'text',
  notes: 'text',
}, { amountClaimed: 'currency', amountApproved: 'currency' });

export const CLAIM_HISTORY_COLUMNS = cols({
  claimId: 'text',
  at: 'date',
  by: 'text',
  action: 'text',
  detail: 'text',
});

/**
 * The Payments table: the Partner Center Payments report's columns the payments check reads
 * (core/reconcile/payments-layout.ts; docs/RULES.md, "Payments report"), amounts as numbers and the
 * payment date as a date, like the Earnings table's. The table has the newer report's two currency
 * columns: an older report's one `currencyCode` is its earned currency, and is imported as
 * `earnedCurrencyCode`, so rows of both kinds of report sit in one table.
 */
export const PAYMENTS_COLUMNS = cols({
  paymentId: 'text',
  participantId: 'text',
  programName: 'text',
  earned: 'amount',
  earnedUSD: 'amountUSD',
  earnedCurrencyCode: 'text',
  totalPayment: 'amount',
  paymentCurrencyCode: 'text',
  paymentStatus: 'text',
  paymentDate: 'date',
  [DOWNLOAD_LATEST_COLUMN]: 'date',
}, { earned: 'earnedCurrencyCode', totalPayment: 'paymentCurrencyCode' });

/**
 * The import log: what each import of the add-in read and did not append as a row of its own,
 * kept so that the workbook's findings say it as the batch job's do (docs/RULES.md, "Import log";
 * `core/reconcile/import-log.ts`). Made by the first import that has something to log.
 */
export const IMPORT_LOG_COLUMNS = cols({
  importedOn: 'date',
  file: 'text',
  code: 'text',
  count: 'integer',
  line: 'integer',
  earningId: 'text',
});

export const BALANCES_COLUMNS = cols({
  participantId: 'text',
  programName: 'text',
  earningPeriod: 'text',
  currency: 'text',
  earningStart: 'date',
  earningEnd: 'date',
  usageStart: 'date',
  usageEnd: 'date',
  claimStart: 'date',
  claimEnd: 'date',
  status: 'text',
  coopEarned: 'amount',
  coopEarnedUSD: 'amountUSD',
  thresholdUSD: 'amountUSD',
  belowThreshold: 'boolean',
  convertedToRebate: 'amount',
  transferred: 'amount',
  claimsDraft: 'amount',
  claimsPending: 'amount',
  claimsApproved: 'amount',
  claimsPaid: 'amount',
  available: 'amount',
  forfeited: 'amount',
  daysToUsageEnd: 'integer',
  daysToClaimDeadline: 'integer',
}, allIn('currency', ['coopEarned', 'convertedToRebate', 'transferred', 'claimsDraft', 'claimsPending', 'claimsApproved', 'claimsPaid', 'available', 'forfeited']));

/** findings.csv: what a finding is, where it points, then its ids and figures (`FINDING_DETAIL_FIELDS`, which the pane shows too). */
export const FINDINGS_COLUMNS = cols({
  severity: 'text',
  code: 'text',
  message: 'text',
  file: 'text',
  line: 'integer',
  participantId: 'text',
  programName: 'text',
  earningPeriod: 'text',
  currency: 'text',
  ...Object.fromEntries(FINDING_DETAIL_FIELDS.map((name) => [name, 'text' as const])),
});

/** Excel table names of the co-op workbook. */
export const TABLES = {
  earnings: 'Earnings',
  programs: 'Programs',
  claims: 'Claims',
  claimHistory: 'ClaimHistory',
  balances: 'Balances',
  payments: 'Payments',
  importLog: 'ImportLog',
} as const;
