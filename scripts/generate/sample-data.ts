import { dateParts, type IsoDate } from '../../core/calendar/calendar-date.js';
import { csvField } from './export-columns.js';
import { formatMinor, formatScaled, fraction, parseMinor, splitMinor, toUsdCents, type Fraction, type Minor } from './minor-amount.js';
import { USD_RATES, usdRate } from './reference-data.js';

/**
 * The bundled sample data (samples/): a small, hand-planned set of exports, claims, payments and
 * policies whose every oddity is listed in samples/README.md with the pool or finding it must
 * produce at as-of 2022-02-10. Pure: returns file contents; the CLI writes them.
 */

export interface SampleFile {
  /** Path relative to the samples folder, `/`-separated. */
  readonly path: string;
  readonly content: string;
}

interface Participant {
  readonly id: string;
  readonly name: string;
  readonly country: string;
}

const CONTOSO: Participant = { id: '4410021', name: 'Contoso Cloud Solutions B.V.', country: 'NL' };
const FABRIKAM: Participant = { id: '4420487', name: 'Fabrikam Hosting Ltd', country: 'GB' };
const NORTHWIND: Participant = { id: '4431766', name: 'Northwind Traders K.K.', country: 'JP' };
const TAILSPIN: Participant = { id: '4447309', name: 'Tailspin Systems, Inc.', country: 'US' };

interface Program {
  /** The canonical name, used for pools and payments. */
  readonly name: string;
  readonly code: string;
  readonly coopShare: Fraction | null;
}

const CSP_IR: Program = { name: 'CSP Indirect Reseller', code: 'CSPIR', coopShare: fraction('0.40') };
const CSP_DBP: Program = { name: 'CSP Direct Bill Partner', code: 'CSPDB', coopShare: fraction('0.40') };
// samples/programs.json overrides the Hosting share to 25 %; the rows are split accordingly.
const HOSTING: Program = { name: 'Hosting', code: 'HOST', coopShare: fraction('0.25') };
const MCI: Program = { name: 'Microsoft Commerce Incentives', code: 'MCI', coopShare: fraction('0.40') };
// A program of Microsoft's co-op threshold table (built-in, USD 1,500); programs.json sets its share.
const SURFACE: Program = { name: 'Surface PC and Surface Hub ADD', code: 'SURFACE', coopShare: fraction('0.30') };
const OSU: Program = { name: 'OSU - Microsoft 365', code: 'OSUM365', coopShare: null };
const UNKNOWN: Program = { name: 'Cloud Partner Incentive (Legacy)', code: 'LEGACY', coopShare: null };

const LEVERS = {
  core: { name: 'Core', rate: fraction('0.0500'), text: '0.0500' },
  spa: { name: 'Strategic Product Accelerator', rate: fraction('0.0800'), text: '0.0800' },
} as const;
type LeverKey = keyof typeof LEVERS;

/**
 * The earningIds of the rows planted first are numbered in date order from 73500100; the rows
 * added for re-downloads, adjustments, late rollovers and transfers from 73500200, so that adding them did
 * not renumber the earlier rows (and the findings that name them).
 */
const FIRST_IDS = 73_500_100;
const LATER_IDS = 73_500_200;

/** One earnings row before it is written: every value already text, the date ISO. */
interface Row {
  readonly date: IsoDate;
  /** As the newest download shows it: payment fields filled once paid. */
  readonly values: Record<string, string>;
  readonly amount: Minor;
  readonly payment: PaymentKey | null;
  readonly firstId: number;
}

/** The money the partner receives in its bank profile's currency when that is not the earning's. */
interface PayTo {
  readonly currency: string;
  /** Units of `currency` for one unit of the earning's currency, on the payment date. */
  readonly rate: Fraction;
}

/** The rows of one payment: rebates of a program and currency paid after their half. */
interface PaymentKey {
  readonly participant: Participant;
  readonly program: Program;
  readonly currency: string;
  readonly paymentId: string;
  readonly paymentDate: string;
  readonly payTo: PayTo | null;
}

// Filled by plantRows() on each call of sampleFiles().
const rows: Row[] = [];
const payments = new Map<string, PaymentKey>();

function fmt(amount: Minor, currency: string, parentheses: boolean): string {
  return formatMinor(amount, currency, parentheses);
}

/**
 * Contoso moved its bank profile to a USD account in 2021: from the August 2021 payment run on,
 * its EUR rebates are paid in USD, at the rate of the payment date.
 */
function payToOf(p: Participant, currency: string, paymentDate: string): PayTo | null {
  return p === CONTOSO && currency === 'EUR' && paymentDate >= '2021-08-01' ? { currency: 'USD', rate: fraction('1.18') } : null;
}

/**
 * Rebates are paid on the 15th of the second month after their fiscal half; rows paid by as-of
 * 2022-02-10 carry a paymentId and `Sent`, later ones are `Upcoming`. The paymentId names the
 * earnings' currency, also when the money went out in another (payToOf).
 */
function rebatePayment(p: Participant, program: Program, currency: string, date: IsoDate): PaymentKey | null {
  const { year, month } = dateParts(date);
  const firstHalf = month >= 7; // H1 = Jul–Dec
  const fy = (firstHalf ? year + 1 : year) % 100;
  const paymentDate = firstHalf ? `${year + 1}-02-15` : `${year}-08-15`;
  if (paymentDate > '2022-02-10') return null;
  const paymentId = `PMT-${p.id}-${program.code}-${fy}H${firstHalf ? 1 : 2}-${currency}`;
  const key = { participant: p, program, currency, paymentId, paymentDate, payTo: payToOf(p, currency, paymentDate) };
  payments.set(paymentId, key);
  return key;
}

interface RowSpec {
  readonly p: Participant;
  readonly program: Program;
  /** As written in the export (an alias, an unknown name); default the canonical name. */
  readonly programAs?: string;
  readonly date: string;
  readonly currency: string;
  readonly lever?: LeverKey;
  readonly transactionId: string;
  readonly customer?: string;
  readonly product?: string;
  readonly reasonCode?: string;
  /** Negative amounts written `(125.00)`, as an accounting-formatted export does. */
  readonly parentheses?: boolean;
  /** Planted with the later cases: numbered from LATER_IDS. */
  readonly later?: boolean;
}

function baseValues(s: RowSpec, earning: Minor): Record<string, string> {
  const lever = LEVERS[s.lever ?? 'core'];
  const transactionAmount = (earning * lever.rate.den) / lever.rate.num;
  if ((transactionAmount * lever.rate.num) % lever.rate.den !== 0n) throw new Error(`inexact transaction amount for ${s.transactionId}`);
  const fy = Number.parseInt(s.date.slice(0, 4), 10) + (s.date.slice(5, 7) >= '07' ? 1 : 0);
  const rate = usdRate(s.currency);
  return {
    participantId: s.p.id,
    participantName: s.p.name,
    partnerCountryCode: s.p.country,
    programName: s.programAs ?? s.program.name,
    engagementName: `FY${fy % 100} ${s.program.name}`,
    lever: lever.name,
    earningDate: s.date,
    transactionId: s.transactionId,
    transactionCurrency: s.currency,
    transactionAmount: fmt(transactionAmount, s.currency, s.parentheses ?? false),
    transactionAmountUSD: fmt(toUsdCents(transactionAmount, s.currency, rate), 'USD', s.parentheses ?? false),
    exchangeRate: USD_RATES[s.currency]!.text,
    customerName: s.customer ?? '',
    productName: s.product ?? '',
    invoiceNumber: `G${s.transactionId.replace(/\D/g, '').padStart(9, '0')}`,
    reasonCode: s.reasonCode ?? '',
    claimId: '',
  };
}

function earningRow(s: RowSpec, type: string, amount: Minor, rateText: string, paid: PaymentKey | null | 'upcoming'): Row {
  const rate = usdRate(s.currency);
  const payment = paid === 'upcoming' ? null : paid;
  return {
    date: s.date as IsoDate,
    amount,
    payment,
    firstId: s.later ? LATER_IDS : FIRST_IDS,
    values: {
      earningType: type,
      earningRate: rateText,
      earningAmount: fmt(amount, s.currency, s.parentheses ?? false),
      earningAmountUSD: fmt(toUsdCents(amount, s.currency, rate), 'USD', s.parentheses ?? false),
      paymentId: payment?.paymentId ?? '',
      paymentStatus: payment ? 'Sent' : 'Upcoming',
    },
  };
}

function rateText(lever: LeverKey, share: Fraction, part: 'rebate' | 'coop'): string {
  const r = LEVERS[lever].rate;
  const coop = r.num * share.num;
  const num = part === 'coop' ? coop : r.num * share.den - coop;
  // Shown with four decimals like the lever rates (0.0500 → 0.0200), more only when needed.
  return formatScaled(num, (r.den * share.den).toString().length - 1).replace(/(\.\d{4}\d*?)0+$/, '$1');
}

/**
 * A transaction of a co-op program: a `Rebate` and a co-op row (spelled `coopType`) with the
 * same transactionId and lever, split by the program's share unless `split` plants a mismatch.
 */
function transaction(s: RowSpec & { earning: string; coopType?: string; split?: { rebate: string; coop: string } }): void {
  const share = s.program.coopShare!;
  const earning = parseMinor(s.earning, s.currency);
  const parts = s.split
    ? { rebate: parseMinor(s.split.rebate, s.currency), coop: parseMinor(s.split.coop, s.currency) }
    : splitMinor(earning, share);
  const base = baseValues(s, parts.rebate + parts.coop);
  const lever = s.lever ?? 'core';
  const rebate = earningRow(s, 'Rebate', parts.rebate, rateText(lever, share, 'rebate'), rebatePayment(s.p, s.program, s.currency, s.date as IsoDate));
  const coop = earningRow(s, s.coopType ?? 'Co-op', parts.coop, rateText(lever, share, 'coop'), 'upcoming');
  rows.push({ ...rebate, values: { ...base, ...rebate.values } });
  rows.push({ ...coop, values: { ...base, ...coop.values } });
}

/** A single row: rebate-only programs, rollover evidence, claim payments. */
function single(s: RowSpec & { type: string; amount: string; claimId?: string; paymentId?: string; paid?: boolean }): void {
  const amount = parseMinor(s.amount, s.currency);
  const base = baseValues(s, amount);
  let payment: PaymentKey | null = null;
  if (s.paymentId) {
    payment = { participant: s.p, program: s.program, currency: s.currency, paymentId: s.paymentId, paymentDate: s.date, payTo: null };
    payments.set(s.paymentId, payment);
  } else if (s.paid) {
    payment = rebatePayment(s.p, s.program, s.currency, s.date as IsoDate);
  }
  const row = earningRow(s, s.type, amount, s.type === 'Claim' ? '' : LEVERS[s.lever ?? 'core'].text, payment ?? 'upcoming');
  const values: Record<string, string> = { ...base, ...row.values, claimId: s.claimId ?? '' };
  if (s.type === 'Claim') values.paymentStatus = 'Sent';
  if (s.type === 'Claim' || s.reasonCode === 'Co-op rollover') {
    // Claim payments and rollovers move money between buckets: no sale, lever or invoice behind them.
    for (const c of ['lever', 'earningRate', 'transactionAmount', 'transactionAmountUSD', 'invoiceNumber']) values[c] = '';
  }
  rows.push({ ...row, values });
}

/**
 * A correction Microsoft books later on an existing transaction: a co-op row with the
 * transaction's id and lever, its own date and a reasonCode, and no sale behind it.
 */
function adjustment(s: RowSpec & { amount: string; reasonCode: string }): void {
  const amount = parseMinor(s.amount, s.currency);
  const lever = s.lever ?? 'core';
  const row = earningRow(s, 'Co-op', amount, rateText(lever, s.program.coopShare!, 'coop'), 'upcoming');
  const values: Record<string, string> = { ...baseValues(s, amount), ...row.values };
  for (const c of ['transactionAmount', 'transactionAmountUSD', 'invoiceNumber']) values[c] = '';
  rows.push({ ...row, values });
}

/** The planted rows; samples/README.md explains each one. */
function plantRows(): void {
  // ---- Contoso: CSP Indirect Reseller, EUR and USD ---------------------------------------------
  // FY21 H1: EUR 6,000.00 co-op; CLM-1001 approved and paid 2,500.00; 3,500.00 forfeited.
  transaction({ p: CONTOSO, program: CSP_IR, date: '2020-08-14', currency: 'EUR', earning: '7500.00', transactionId: 'TX-100101', customer: 'Woodgrove Bank N.V.', product: 'Microsoft 365 E3' });
  transaction({ p: CONTOSO, program: CSP_IR, date: '2020-11-20', currency: 'EUR', earning: '7500.00', lever: 'spa', transactionId: 'TX-100102', customer: 'Lucerne Publishing B.V.', product: 'Dynamics 365 Business Central Essentials' });
  single({ p: CONTOSO, program: CSP_IR, date: '2021-06-15', currency: 'EUR', type: 'Claim', amount: '2500.00', claimId: 'CLM-1001', paymentId: 'PMT-4410021-CLAIM-1001', transactionId: 'CL-1001' });
  // FY21 H2: EUR 3,000.00 and USD 2,000.00 − 125.00 clawback, USD 5,265.00 together: no conversion.
  transaction({ p: CONTOSO, program: CSP_IR, date: '2021-02-10', currency: 'EUR', earning: '5000.00', transactionId: 'TX-100103', customer: 'Woodgrove Bank N.V.', product: 'Microsoft 365 E3' });
  transaction({ p: CONTOSO, program: CSP_IR, date: '2021-03-05', currency: 'USD', earning: '5000.00', transactionId: 'TX-100104', customer: 'Relecloud Inc.', product: 'Azure SQL Database' });
  transaction({ p: CONTOSO, program: CSP_IR, date: '2021-04-22', currency: 'EUR', earning: '2500.00', transactionId: 'TX-100105', customer: 'Coho Winery B.V.', product: 'Microsoft 365 Business Standard' });
  transaction({ p: CONTOSO, program: CSP_IR, date: '2021-05-18', currency: 'USD', earning: '-312.50', transactionId: 'TX-100106', customer: 'Relecloud Inc.', product: 'Azure SQL Database', reasonCode: 'Customer cancellation', parentheses: true });
  single({ p: CONTOSO, program: CSP_IR, date: '2021-12-15', currency: 'USD', type: 'Claim', amount: '1750.00', claimId: 'CLM-1003', paymentId: 'PMT-4410021-CLAIM-1003', transactionId: 'CL-1003' });
  // FY22 H1: EUR 9,500.00 (USD 10,735.00) written under an alias, with `Coop`/`COOP` spellings;
  // TX-100108 (November) is in two overlapping files.
  transaction({ p: CONTOSO, program: CSP_IR, programAs: 'CSP - Indirect Reseller', coopType: 'Coop', date: '2021-08-16', currency: 'EUR', earning: '10000.00', transactionId: 'TX-100107', customer: 'Woodgrove Bank N.V.', product: 'Microsoft 365 E3' });
  transaction({ p: CONTOSO, program: CSP_IR, programAs: 'CSP - Indirect Reseller', coopType: 'Coop', date: '2021-11-15', currency: 'EUR', earning: '8750.00', transactionId: 'TX-100108', customer: 'Lucerne Publishing B.V.', product: 'Microsoft Teams Phone Standard' });
  transaction({ p: CONTOSO, program: CSP_IR, coopType: 'COOP', date: '2021-12-09', currency: 'EUR', earning: '5000.00', transactionId: 'TX-100109', customer: 'Coho Winery B.V.', product: 'Windows 365 Business' });
  // FY22 H2: accruing.
  transaction({ p: CONTOSO, program: CSP_IR, date: '2022-01-14', currency: 'EUR', earning: '3000.00', transactionId: 'TX-100110', customer: 'Woodgrove Bank N.V.', product: 'Microsoft 365 E3' });

  // ---- Fabrikam: Hosting (25 % co-op), GBP ------------------------------------------------------
  // FY21 H2: GBP 600.00 co-op = USD 810.00 < 1,500: converted; the rollover rows match.
  transaction({ p: FABRIKAM, program: HOSTING, date: '2021-03-12', currency: 'GBP', earning: '2400.00', transactionId: 'TX-200101', customer: 'Trey Research Ltd', product: 'Windows Server Datacenter (SPLA)' });
  single({ p: FABRIKAM, program: HOSTING, date: '2021-06-30', currency: 'GBP', type: 'Co-op', amount: '-600.00', transactionId: 'RO-200101-C', reasonCode: 'Co-op rollover' });
  single({ p: FABRIKAM, program: HOSTING, date: '2021-06-30', currency: 'GBP', type: 'Rebate', amount: '600.00', transactionId: 'RO-200101-R', reasonCode: 'Co-op rollover', paid: true });
  // FY22 H1: GBP 1,200.00 = USD 1,620.00 ≥ 1,500; TX-200103 (November) is in two files.
  transaction({ p: FABRIKAM, program: HOSTING, date: '2021-09-08', currency: 'GBP', earning: '2800.00', transactionId: 'TX-200102', customer: 'Trey Research Ltd', product: 'Windows Server Datacenter (SPLA)' });
  transaction({ p: FABRIKAM, program: HOSTING, date: '2021-11-03', currency: 'GBP', earning: '2000.00', transactionId: 'TX-200103', customer: 'Margie Travel Ltd', product: 'SQL Server Standard (SPLA)' });
  // A program no catalog knows.
  single({ p: FABRIKAM, program: UNKNOWN, date: '2021-10-12', currency: 'GBP', type: 'Rebate', amount: '350.00', transactionId: 'TX-200104', customer: 'Margie Travel Ltd', product: 'Microsoft 365 Business Basic' });

  // ---- Northwind: CSP Indirect Reseller and MCI, JPY --------------------------------------------
  // FY21 H1: JPY 600,000; CLM-1002 approved 400,000 long ago, never paid; 200,000 forfeited.
  transaction({ p: NORTHWIND, program: CSP_IR, date: '2020-09-30', currency: 'JPY', earning: '1500000', lever: 'spa', transactionId: 'TX-300101', customer: 'Nakatomi Trading K.K.', product: 'Microsoft 365 E3' });
  // FY21 H2: JPY 300,000 = USD 2,610.00 < 4,000: converted; the rollover row says 250,000.
  transaction({ p: NORTHWIND, program: CSP_IR, date: '2021-04-15', currency: 'JPY', earning: '750000', transactionId: 'TX-300102', customer: 'Nakatomi Trading K.K.', product: 'Office 365 E3' });
  single({ p: NORTHWIND, program: CSP_IR, date: '2021-06-30', currency: 'JPY', type: 'Co-op', amount: '-250000', transactionId: 'RO-300102-C', reasonCode: 'Co-op rollover' });
  // FY22 H1 (MCI): JPY 1,250,000 = USD 10,875.00; TX-300104 is split 300,000 / 250,000 instead
  // of 330,000 / 220,000.
  transaction({ p: NORTHWIND, program: MCI, date: '2021-10-20', currency: 'JPY', earning: '2500000', transactionId: 'TX-300103', customer: 'Monarch Robotics K.K.', product: 'Virtual Machines' });
  transaction({ p: NORTHWIND, program: MCI, date: '2021-12-02', currency: 'JPY', earning: '550000', split: { rebate: '300000', coop: '250000' }, transactionId: 'TX-300104', customer: 'Monarch Robotics K.K.', product: 'Azure SQL Database' });

  // ---- Tailspin: CSP Direct Bill Partner, OSU, MCI, USD -----------------------------------------
  // FY21 H2: exactly USD 4,000.00 co-op = the threshold: not converted; claims overdraw it.
  transaction({ p: TAILSPIN, program: CSP_DBP, date: '2021-01-29', currency: 'USD', earning: '6000.00', transactionId: 'TX-400101', customer: 'Wide World Importers, Inc.', product: 'Microsoft 365 E3' });
  transaction({ p: TAILSPIN, program: CSP_DBP, date: '2021-05-27', currency: 'USD', earning: '4000.00', lever: 'spa', transactionId: 'TX-400102', customer: 'Alpine Ski House LLC', product: 'Microsoft Defender for Endpoint P2' });
  // OSU earns rebate only: no co-op rows, so no pool.
  single({ p: TAILSPIN, program: OSU, date: '2021-05-31', currency: 'USD', type: 'Rebate', amount: '1250.00', transactionId: 'TX-400103', customer: 'Alpine Ski House LLC', product: 'Microsoft 365 Business Premium', paid: true });
  // FY22 H2: accruing.
  transaction({ p: TAILSPIN, program: MCI, date: '2022-01-21', currency: 'USD', earning: '2000.00', transactionId: 'TX-400104', customer: 'Wide World Importers, Inc.', product: 'Virtual Machines' });

  // ---- Later cases: re-download, adjustment, late rollover, pay-to currency, transfer ------------
  // (The re-download and the pay-to currency are in how the files are written: earningsFiles().)
  // Northwind's FY21 H2 rollover gets its rebate half: a conversion pair that still disagrees.
  single({ p: NORTHWIND, program: CSP_IR, date: '2021-06-30', currency: 'JPY', type: 'Rebate', amount: '250000', transactionId: 'RO-300102-R', reasonCode: 'Co-op rollover', paid: true, later: true });
  // Contoso: Microsoft adds EUR 150.00 co-op to TX-100107 in December (pool FY22 H1, 9,650.00).
  adjustment({ p: CONTOSO, program: CSP_IR, date: '2021-12-20', currency: 'EUR', amount: '150.00', transactionId: 'TX-100107', reasonCode: 'Ops Adjustment', customer: 'Woodgrove Bank N.V.', product: 'Microsoft 365 E3', later: true });
  // Tailspin: Surface, written under the threshold table's long name. FY21 H2: USD 900.00 co-op
  // < 1,500: converted, and Microsoft records the conversion in July 2021, in the next half, where
  // Tailspin's FY22 H1 pool (USD 1,800.00, above the threshold) is not the one it converts.
  const surfaceAs = 'Surface PC and Surface Hub Authorized Device Distributor (ADD)';
  transaction({ p: TAILSPIN, program: SURFACE, programAs: surfaceAs, date: '2021-03-18', currency: 'USD', earning: '3000.00', transactionId: 'TX-400105', customer: 'Fourth Coffee, LLC', product: 'Surface Hub 2S 50"', later: true });
  single({ p: TAILSPIN, program: SURFACE, programAs: surfaceAs, date: '2021-07-12', currency: 'USD', type: 'Co-op', amount: '-900.00', transactionId: 'RO-400105-C', reasonCode: 'Co-op rollover', later: true });
  single({ p: TAILSPIN, program: SURFACE, programAs: surfaceAs, date: '2021-07-12', currency: 'USD', type: 'Rebate', amount: '900.00', transactionId: 'RO-400105-R', reasonCode: 'Co-op rollover', paid: true, later: true });
  transaction({ p: TAILSPIN, program: SURFACE, programAs: surfaceAs, date: '2021-09-14', currency: 'USD', earning: '6000.00', transactionId: 'TX-400106', customer: 'Fourth Coffee, LLC', product: 'Surface Laptop 4', later: true });
  // Fabrikam: Microsoft moves GBP 200.00 of Hosting co-op from FY22 H1 (open, above the threshold)
  // to FY22 H2, a transfer pair dated in FY22 H2: co-op −200.00 and co-op +200.00. FY21 H2, the
  // other half before it, converted and has nothing to move, so the source is not in doubt.
  single({ p: FABRIKAM, program: HOSTING, date: '2022-01-20', currency: 'GBP', type: 'Co-op', amount: '-200.00', transactionId: 'RO-200102-C', reasonCode: 'Co-op rollover', later: true });
  single({ p: FABRIKAM, program: HOSTING, date: '2022-01-20', currency: 'GBP', type: 'Co-op', amount: '200.00', transactionId: 'RO-200102-T', reasonCode: 'Co-op rollover', later: true });
}

// ---- files ------------------------------------------------------------------------------------

const FILE_COLUMNS = [
  'earningId', 'participantId', 'participantName', 'partnerCountryCode', 'programName', 'engagementName', 'lever',
  'earningType', 'earningRate', 'earningAmount', 'earningAmountUSD', 'earningDate', 'transactionId',
  'transactionCurrency', 'transactionAmount', 'transactionAmountUSD', 'exchangeRate', 'customerName', 'productName',
  'invoiceNumber', 'reasonCode', 'claimId', 'paymentId', 'paymentStatus',
] as const;

/** Column order of the oldest file: Partner Center does not keep its column order stable. */
const OLD_FILE_COLUMNS = [
  'programName', 'participantId', 'participantName', 'earningDate', 'earningType', 'lever', 'transactionId', 'earningId',
  'earningAmount', 'transactionCurrency', 'earningAmountUSD', 'earningRate', 'reasonCode', 'claimId', 'paymentId',
  'paymentStatus', 'transactionAmount', 'transactionAmountUSD', 'exchangeRate', 'engagementName', 'partnerCountryCode',
  'customerName', 'productName', 'invoiceNumber',
] as const;

/** Header spellings of the TSV file, as other downloads write them. */
const TSV_HEADER_NAMES: Readonly<Record<string, string>> = {
  participantId: 'participantID',
  transactionId: 'transactionID',
  earningAmountUSD: 'EarningAmountUSD',
  reasonCode: 'ReasonCode',
  paymentId: 'paymentID',
};

/**
 * Column order of the re-download after the August 2021 payment run: another order again, and the
 * payment columns Partner Center fills once a row is paid.
 */
const PAID_FILE_COLUMNS = [
  'paymentDate', 'paymentStatus', 'paymentId', 'earningId', 'earningType', 'programName', 'participantId', 'participantName',
  'earningAmount', 'transactionCurrency', 'earningAmountUSD', 'lastPaymentCurrency', 'earningAmountInLastPaymentCurrency',
  'earningDate', 'transactionId', 'lever', 'earningRate', 'reasonCode', 'claimId', 'customerName', 'productName',
  'engagementName', 'partnerCountryCode', 'invoiceNumber', 'exchangeRate', 'transactionAmount', 'transactionAmountUSD',
] as const;

/** The old file was downloaded before the payment run that paid its FY21 H2 rebates. */
const OLD_FILE_DOWNLOADED = '2021-07-05';

/** The row as a download made on `day` shows it: a payment made after that day is not in it yet. */
function asDownloadedOn(r: Row, day: string): Record<string, string> {
  if (r.payment === null || r.payment.paymentDate <= day) return r.values;
  return { ...r.values, paymentId: '', paymentStatus: 'Upcoming' };
}

/** What the partner received for the row, in the currency it was paid in. */
function paidAmount(r: Row, p: PaymentKey): { currency: string; amount: Minor } {
  if (p.payTo === null) return { currency: p.currency, amount: r.amount };
  if (p.payTo.currency !== 'USD') throw new Error('sample pay-to currencies are USD');
  return { currency: 'USD', amount: toUsdCents(r.amount, p.currency, p.payTo.rate) };
}

/** The payment columns of a paid row, as a download after its payment run shows them. */
function paymentColumns(r: Row): Record<string, string> {
  const p = r.payment;
  if (p === null) return { paymentDate: '', lastPaymentCurrency: '', earningAmountInLastPaymentCurrency: '' };
  const paid = paidAmount(r, p);
  const parentheses = r.values.earningAmount!.startsWith('(');
  return { paymentDate: p.paymentDate, lastPaymentCurrency: paid.currency, earningAmountInLastPaymentCurrency: fmt(paid.amount, paid.currency, parentheses) };
}

function usDate(iso: string): string {
  const { year, month, day } = dateParts(iso as IsoDate);
  return `${month}/${day}/${year}`;
}

function render(lines: string[][], delimiter: string, eol: string): string {
  return lines.map((cells) => cells.map((c) => (delimiter === ',' ? csvField(c) : c)).join(delimiter)).join(eol) + eol;
}

function earningsFiles(): SampleFile[] {
  const nextId = new Map<number, number>();
  const sorted = rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.date < b.r.date ? -1 : a.r.date > b.r.date ? 1 : a.i - b.i))
    .map(({ r }): Row => {
      const id = nextId.get(r.firstId) ?? r.firstId;
      nextId.set(r.firstId, id + 1);
      return { ...r, values: { ...r.values, earningId: String(id) } };
    });
  for (const r of sorted) {
    for (const v of Object.values(r.values)) if (/[\t\r\n]/.test(v)) throw new Error('sample values must not hold tabs or newlines');
  }
  const inRange = (from: string, to: string) => sorted.filter((r) => r.date >= from && r.date <= to);

  // 1. FY21, as downloaded in July 2021: two preamble lines, US dates, an extra column on the
  // right; the FY21 H2 rebates are not paid yet.
  const old = inRange('2020-07-01', '2021-06-30');
  const oldLines = [
    ['Earnings - Default'],
    [`Date range: 7/1/2020 - 6/30/2021; downloaded ${usDate(OLD_FILE_DOWNLOADED)}`],
    [...OLD_FILE_COLUMNS, 'partnerOneId'],
    ...old.map((r) => {
      const values = asDownloadedOn(r, OLD_FILE_DOWNLOADED);
      return [...OLD_FILE_COLUMNS.map((c) => (c === 'earningDate' ? usDate(values[c]!) : values[c]!)), `PO-${values.participantId}`];
    }),
  ];
  // 4. The FY21 H2 rebates again, downloaded after the payment run of 2021-08-15 (filtered on
  // earning type Rebate, as for reconciling a payment): the same earnings, now with paymentId,
  // `Sent`, the payment date and the pay-to currency and amount.
  const paid = inRange('2021-01-01', '2021-06-30').filter((r) => r.values.earningType === 'Rebate');
  if (paid.some((r) => r.payment === null || r.payment.paymentDate <= OLD_FILE_DOWNLOADED)) throw new Error('the re-download must change every row it repeats');
  const paidLines = [[...PAID_FILE_COLUMNS], ...paid.map((r) => {
    const values = { ...r.values, ...paymentColumns(r) };
    return PAID_FILE_COLUMNS.map((c) => values[c]!);
  })];
  // 2. Jul–Nov 2021 as TSV with other header spellings.
  const tsv = inRange('2021-07-01', '2021-11-30');
  const tsvLines = [FILE_COLUMNS.map((c) => TSV_HEADER_NAMES[c] ?? c), ...tsv.map((r) => FILE_COLUMNS.map((c) => r.values[c]!))];
  // 3. Nov 2021 – Feb 2022 with a UTF-8 BOM: November overlaps file 2 (exact duplicates).
  const recent = inRange('2021-11-01', '2022-02-10');
  const recentLines = [[...FILE_COLUMNS], ...recent.map((r) => FILE_COLUMNS.map((c) => r.values[c]!))];
  return [
    { path: 'earnings/earnings_2020-07_2021-06.csv', content: render(oldLines, ',', '\r\n') },
    { path: 'earnings/earnings_2021-07_2021-11.tsv', content: render(tsvLines, '\t', '\n') },
    { path: 'earnings/earnings_2021-11_2022-02.csv', content: '\uFEFF' + render(recentLines, ',', '\r\n') },
    { path: 'earnings/earnings_2021-01_2021-06_paid.csv', content: render(paidLines, ',', '\r\n') },
  ];
}

/** One row per payment, summed from the rows that carry its paymentId (counted once each). */
function paymentsFile(): SampleFile {
  const lines: string[][] = [['participantID', 'programName', 'earned', 'earnedUSD', 'totalPayment', 'currencyCode', 'paymentID', 'paymentStatus', 'paymentDate']];
  const keys = [...payments.values()].sort((a, b) => (a.paymentId < b.paymentId ? -1 : a.paymentId > b.paymentId ? 1 : 0));
  for (const k of keys) {
    const paid = rows.filter((r) => r.values.paymentId === k.paymentId);
    const sumOf = (column: string, currency: string) =>
      paid.reduce((t, r) => t + parseMinor(r.values[column]!.replace(/^\((.*)\)$/, '-$1'), currency), 0n);
    // `earned` is in the pay-to currency (USD for Contoso's EUR rebates from August 2021 on).
    const currency = k.payTo?.currency ?? k.currency;
    let earned = paid.reduce((t, r) => t + paidAmount(r, k).amount, 0n);
    let earnedUSD = currency === 'USD' ? earned : sumOf('earningAmountUSD', 'USD');
    // Planted payment_mismatch: the report says 100.00 less than the rows it pays.
    if (k.paymentId === 'PMT-4447309-CSPDB-21H2-USD') {
      earned -= 10000n;
      earnedUSD -= 10000n;
    }
    lines.push([k.participant.id, k.program.name, formatMinor(earned, currency), formatMinor(earnedUSD, 'USD'), formatMinor(earned, currency), currency, k.paymentId, 'Sent', k.paymentDate]);
  }
  return { path: 'payments.csv', content: render(lines, ',', '\r\n') };
}

const CLAIM_HEADER = [
  'claimId', 'participantId', 'programName', 'earningPeriod', 'activityType', 'activityName', 'activityStart',
  'activityEnd', 'currency', 'amountClaimed', 'amountApproved', 'status', 'submittedDate', 'decisionDate', 'invoices',
  'csrs', 'proofs', 'notes',
];

const CLAIMS: readonly string[][] = [
  ['CLM-1001', CONTOSO.id, 'CSP Indirect Reseller', 'FY21 H1', 'Event', 'Modern Work webinar series', '2021-03-01', '2021-03-31', 'EUR', '2500.00', '2500.00', 'Approved', '2021-04-10', '2021-05-05', 'INV-EVT-2231.pdf', '', 'attendee-list.xlsx;webinar-recordings.pdf', 'Paid in June 2021'],
  ['CLM-1002', NORTHWIND.id, 'CSP Indirect Reseller', 'FY21 H1', 'Event', 'Booth at Japan IT Week Tokyo', '2021-04-12', '2021-04-14', 'JPY', '450000', '400000', 'Approved', '2021-04-30', '2021-06-01', 'INV-JITW-0412.pdf', '', 'booth-photos.zip', 'Approved below claimed amount: hostess costs not eligible'],
  ['CLM-1003', CONTOSO.id, 'CSP Indirect Reseller', 'FY21H2', 'Digital marketing', 'Search ads Q3: Azure SQL migration', '2021-08-01', '2021-09-30', 'USD', '1800.00', '1800.00', 'Approved', '2021-10-05', '2021-11-02', 'INV-ADS-0930.pdf', '', 'campaign-report.pdf', ''],
  ['CLM-1004', CONTOSO.id, 'CSP Indirect Reseller', '', 'Digital marketing', 'Email nurture campaign', '2021-11-15', '2021-11-30', 'EUR', '900.00', '', 'Submitted', '2022-01-20', '', 'INV-MAIL-1130.pdf', '', 'campaign-stats.pdf', ''],
  ['CLM-1005', CONTOSO.id, 'CSP Indirect Reseller', 'FY21 H2', 'Event', 'Partner day Amsterdam', '2021-10-14', '2021-10-14', 'EUR', '1100.00', '', 'under review', '2021-12-01', '', 'INV-VENUE-1014.pdf;INV-CATER-1014.pdf', '', 'agenda.pdf;photos.zip', ''],
  ['CLM-1006', TAILSPIN.id, 'CSP Direct Bill Partner', 'FY21 H2', 'Merchandise', 'Branded merchandise', '2021-09-01', '2021-09-30', 'USD', '700.00', '', 'Rejected', '2021-10-04', '2021-10-20', '1', '', '1', 'Merchandise is not an eligible activity'],
  ['CLM-1007', TAILSPIN.id, 'CSP Direct Bill Partner', 'FY21 H2', 'Training', 'Customer workshop series', '2021-10-01', '2021-12-15', 'USD', '1200.00', '', 'Action required', '2021-12-20', '2022-01-05', '', 'CSR-workshops-Q4.pdf', 'sign-in-sheets.pdf', 'Reviewer asks for the CSR to be signed'],
  ['CLM-1008', TAILSPIN.id, 'CSP Direct Bill Partner', 'FY21 H2', 'Digital marketing', 'LinkedIn campaign', '2021-11-01', '2021-11-30', 'USD', '900.00', '', 'Disputed', '2021-12-03', '2021-12-28', 'INV-LI-1130.pdf', '', 'linkedin-analytics.pdf', '=HYPERLINK("https://example.com/dispute","Dispute form")'],
  ['CLM-1009', TAILSPIN.id, 'CSP Direct Bill Partner', 'FY21 H2', 'Event', 'Booth at a Chicago trade show', '2021-12-01', '2021-12-03', 'USD', '1500.00', '1500.00', 'Approved', '2021-12-10', '2022-01-25', 'INV-SHOW-1203.pdf', '', 'booth-photos.zip', ''],
  ['CLM-1010', TAILSPIN.id, 'CSP Direct Bill Partner', 'FY21 H2', 'Digital marketing', 'Year-end retargeting ads', '2021-12-13', '2021-12-17', 'USD', '1000.00', '', 'Submitted', '2022-02-08', '', 'INV-ADS-1217.pdf', '', 'ads-report.pdf', 'Filed just before the deadline'],
  ['CLM-1011', CONTOSO.id, 'CSP Indirect Reseller', 'FY22 H1', 'Event', 'Dynamics 365 roadshow', '2022-01-17', '2022-03-31', 'EUR', '3000.00', '', 'Editing', '', '', '', '', '', 'Draft: venue quotes pending'],
  ['CLM-1012', TAILSPIN.id, 'OSU - Microsoft 365', 'FY21 H2', 'Digital marketing', 'Microsoft 365 adoption webinar', '2021-11-08', '2021-11-12', 'USD', '500.00', '', 'Submitted', '2021-12-01', '', 'INV-WEB-1112.pdf', '', 'attendees.xlsx', ''],
  ['CLM-1013', FABRIKAM.id, 'Hosting', '', 'Event', 'Winter hosting summit', '2021-12-15', '2022-01-15', 'GBP', '400.00', '', 'Submitted', '2022-01-20', '', 'INV-SUMMIT-0115.pdf', '', 'photos.zip', ''],
  ['CLM-1014', FABRIKAM.id, 'Hosting', 'FY22 H1', 'Training', 'Azure Stack HCI bootcamp', '2021-10-05', '2021-10-06', 'GBP', '300.00', '', 'Submitted', '2021-11-01', '', 'INV-BOOT-1006.pdf', '', 'sign-in-sheets.pdf', ''],
  ['CLM-1015', CONTOSO.id, 'CSP Indirect Reseller', 'FY21 H2', 'Event', 'Security breakfast Utrecht', '2021-12-06', '2021-12-10', 'EUR', '600.00', '', 'Action required', '2022-01-31', '2022-02-04', 'INV-2021-0456.pdf', '', '', 'Proof of execution missing'],
];

function claimsFile(): SampleFile {
  return { path: 'claims.csv', content: render([CLAIM_HEADER, ...CLAIMS.map((c) => [...c])], ',', '\r\n') };
}

function programsFile(): SampleFile {
  const policy = {
    programs: [
      { name: 'CSP Indirect Reseller', aliases: ['CSP - Indirect Reseller'] },
      { name: 'Hosting', coopShare: '0.25' },
      { name: 'Microsoft Commerce Incentives', thresholdUSD: '10000' },
      { name: 'Surface PC and Surface Hub ADD', coopShare: '0.30' },
    ],
  };
  return { path: 'programs.json', content: JSON.stringify(policy, null, 2) + '\n' };
}

/** Every generated file of samples/, in a stable order (samples/README.md is written by hand). */
export function sampleFiles(): SampleFile[] {
  rows.length = 0;
  payments.clear();
  plantRows();
  return [...earningsFiles(), paymentsFile(), claimsFile(), programsFile()];
}
