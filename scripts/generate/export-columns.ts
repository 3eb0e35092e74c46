import { DOWNLOAD_LATEST_COLUMN, EARNINGS_COLUMNS, IMPORT_ORDER_COLUMN } from '../../core/workbook-layout.js';
import { PAY_TO_COLUMNS } from '../../core/reconcile/earning-record.js';

/**
 * The columns of a generated "Earnings – Default" export: the columns the ledger reads (docs/RULES.md, Earnings)
 * and the pass-through columns of the real report, ninety in all. Partner Center leaves most of
 * them empty on most rows, and so does the generator; their presence is what the parser and the
 * pass-through have to cope with.
 */
export const EXPORT_COLUMNS: readonly string[] = [
  'earningId', 'participantId', 'participantIdType', 'participantName', 'partnerCountryCode', 'programName',
  'programCode', 'engagementName', 'engagementId', 'lever', 'earningType', 'earningRate', 'earningAmount',
  'earningAmountUSD', 'earningDate', 'calculationDate', 'exchangeRate', 'exchangeRateDate', 'transactionId',
  'transactionDate', 'transactionCurrency', 'transactionAmount', 'transactionAmountUSD', 'quantity',
  'quantityType', 'reasonCode', 'claimId', 'paymentId', 'paymentStatus', 'paymentStatusDescription',
  'paymentDate', 'estimatedPaymentMonth', 'paymentMethod', 'customerId', 'customerName', 'customerTenantId',
  'customerCountry', 'customerRegion', 'customerSegment', 'customerIndustry', 'tpid', 'resellerId',
  'resellerName', 'resellerCountryCode', 'indirectProviderId', 'indirectProviderName',
  'indirectProviderCountryCode', 'productId', 'productName', 'parentProductId', 'parentProductName',
  'productType', 'skuId', 'skuName', 'partNumber', 'billingModel', 'subscriptionId', 'subscriptionStartDate',
  'subscriptionEndDate', 'orderId', 'orderDate', 'invoiceNumber', 'invoiceDate', 'chargeStartDate',
  'chargeEndDate', 'meterId', 'meterName', 'workloadName', 'solutionArea', 'fundCategory', 'activityType',
  'activityName', 'activityStartDate', 'activityEndDate', 'principalTransactionId', 'referenceId',
  'externalReferenceId', 'geography', 'region', 'subregion', 'agreementType', 'licensingProgram',
  'sourceSystem', 'taxRemitted', 'withholdingTax', 'partnerOneId', 'partnerOneName', 'mpnLocationId',
  'fiscalMonth', 'fiscalYear',
];

// Every column the ledger reads but the pay-to ones, which Partner Center adds to a download once
// an earning has been paid in another currency (the generator writes no such payments), and the
// columns the add-in's import records a row's download and its reading order in, which no export has.
for (const c of EARNINGS_COLUMNS) {
  if (c.name === DOWNLOAD_LATEST_COLUMN || c.name === IMPORT_ORDER_COLUMN) continue;
  if (!EXPORT_COLUMNS.includes(c.name) && !(PAY_TO_COLUMNS as readonly string[]).includes(c.name)) throw new Error(`export columns lack ${c.name}`);
}

/**
 * A narrow export: the columns the ledger reads and a few customer and product columns, as a
 * report trimmed to what finance uses (about twenty columns instead of ninety).
 */
export const NARROW_EXPORT_COLUMNS: readonly string[] = EXPORT_COLUMNS.filter(
  (c) => EARNINGS_COLUMNS.some((e) => e.name === c) || ['partnerCountryCode', 'customerId', 'customerName', 'customerCountry', 'productId'].includes(c),
);

export function columnIndex(name: string): number {
  const i = EXPORT_COLUMNS.indexOf(name);
  if (i < 0) throw new RangeError(`no export column ${name}`);
  return i;
}

const NEEDS_QUOTES = /[",\t\r\n]/;

/** One CSV/TSV field, quoted only when it has to be (RFC 4180). */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One field quoted whether it needs it or not, as exporters that quote every field write it. */
export function quotedField(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}
