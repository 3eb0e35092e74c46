import { addDays, daysBetween, isoDate, type IsoDate } from '../../core/calendar/calendar-date.js';
import { seededRng, type Rng } from './prng.js';
import { formatMinor, formatScaled, splitMinor, timesFraction, toUsdCents, type Fraction, type Minor } from './minor-amount.js';
import { columnIndex, csvField, EXPORT_COLUMNS, NARROW_EXPORT_COLUMNS, quotedField } from './export-columns.js';
import {
  BULK_PROGRAMS, COUNTRIES, CUSTOMER_SUFFIXES, CUSTOMER_WORDS, LEVERS, PARTNER_NAMES, PARTNER_SUFFIXES, PRODUCTS,
  USD_RATES, usdRate, type Country, type GeneratedProgram, type Lever,
} from './reference-data.js';

export interface BulkExportOptions {
  /** Exact number of data rows to write (header not counted). */
  readonly rows: number;
  /** Any text; the same seed and options give byte-identical files. */
  readonly seed: string;
  /** First earning date, inclusive; default 2020-07-01 (FY21 H1). */
  readonly from?: string;
  /** Last earning date, inclusive; default 2022-06-30 (FY22 H2). */
  readonly to?: string;
  /** Partner Center writes CRLF; default `\r\n`. */
  readonly lineEnding?: '\r\n' | '\n';
  /** How the export is written (the same rows in each); default `default`. */
  readonly shape?: ExportShape;
}

/**
 * The shapes of export the benchmark reads:
 * - `default`: ninety columns, a name quoted only when it holds a comma (about one line in ten);
 * - `quoted-name`: the same, with a comma in every customer name ("Acme, Ltd"), so every line has
 *   a quoted cell;
 * - `all-quoted`: every field quoted, the header too, as many exporters write CSV;
 * - `narrow`: only the ledger's columns and a few more (`NARROW_EXPORT_COLUMNS`), names as in `default`.
 */
export const EXPORT_SHAPES = ['default', 'quoted-name', 'all-quoted', 'narrow'] as const;
export type ExportShape = (typeof EXPORT_SHAPES)[number];

/** A run of consecutive rows of one earning month, ready to write. */
export interface ExportChunk {
  /** `yyyy-MM` of every row in the chunk. */
  readonly month: string;
  readonly text: string;
  readonly rows: number;
}

export const DEFAULT_FROM = '2020-07-01';
export const DEFAULT_TO = '2022-06-30';
const ROWS_PER_CHUNK = 2000;

export function exportHeader(lineEnding: string = '\r\n', shape: ExportShape = 'default'): string {
  if (shape === 'narrow') return NARROW_EXPORT_COLUMNS.join(',') + lineEnding;
  if (shape === 'all-quoted') return EXPORT_COLUMNS.map(quotedField).join(',') + lineEnding;
  return EXPORT_COLUMNS.join(',') + lineEnding;
}

/** A row's cells as one line of the given shape (names already quoted where `default` needs it). */
function rowRenderer(shape: ExportShape): (cells: readonly string[]) => string {
  if (shape === 'all-quoted') return (cells) => cells.map(quotedField).join(',');
  if (shape === 'narrow') {
    const kept = NARROW_EXPORT_COLUMNS.map(columnIndex);
    return (cells) => kept.map((i) => cells[i]).join(',');
  }
  return (cells) => cells.join(',');
}

interface Participant {
  readonly id: string;
  readonly name: string;
  readonly country: Country;
  readonly customers: readonly Customer[];
}

interface Customer {
  readonly id: string;
  readonly name: string;
  readonly country: string;
}

interface RatePair {
  readonly rebate: string;
  readonly coop: string;
}

/** `num / den` (den a power of ten) with four decimals like the lever rates, more when needed. */
function rateText(num: bigint, den: bigint): string {
  return formatScaled(num, den.toString().length - 1).replace(/(\.\d{4}\d*?)0+$/, '$1');
}

/** Per-row earning rates: the lever's rate split by the program's share, exactly. */
function ratePair(lever: Lever, share: Fraction | null): RatePair {
  if (!share) return { rebate: lever.rateText, coop: '' };
  const den = lever.rate.den * share.den;
  const coop = lever.rate.num * share.num;
  return { rebate: rateText(lever.rate.num * share.den - coop, den), coop: rateText(coop, den) };
}

function makeParticipants(rng: Rng): Participant[] {
  const out: Participant[] = [];
  const used = new Set<string>();
  for (let i = 0; i < 48; i++) {
    let id: string;
    do id = String(rng.between(4_000_000, 6_999_999));
    while (used.has(id));
    used.add(id);
    const country = rng.pick(COUNTRIES);
    const name = `${PARTNER_NAMES[i % PARTNER_NAMES.length]} ${rng.pick(PARTNER_SUFFIXES)}${i >= PARTNER_NAMES.length ? ` ${country.code}` : ''}`;
    const customers: Customer[] = [];
    for (let c = 0; c < 40; c++) {
      customers.push({
        id: String(rng.between(10_000_000, 99_999_999)),
        name: `${rng.pick(CUSTOMER_WORDS)} ${rng.pick(CUSTOMER_SUFFIXES)}`,
        country: rng.int(5) === 0 ? rng.pick(COUNTRIES).code : country.code,
      });
    }
    out.push({ id, name, country, customers });
  }
  return out;
}

/** Transaction amounts drawn in whole units of the currency, scaled to its minor unit. */
const UNIT_RANGE: Readonly<Record<string, [number, number, bigint]>> = {
  USD: [20, 60_000, 100n], EUR: [20, 50_000, 100n], GBP: [20, 45_000, 100n], SEK: [200, 600_000, 100n],
  JPY: [2_000, 7_000_000, 1n], KWD: [5, 18_000, 1000n],
};

function drawAmount(rng: Rng, currency: string): Minor {
  const [min, max, scale] = UNIT_RANGE[currency]!;
  const cents = scale === 1n ? 0n : BigInt(rng.int(Number(scale)));
  return BigInt(rng.between(min, max)) * scale + cents;
}

/**
 * The rows of a Partner Center-shaped earnings export, in earning-date order, as text chunks.
 * Each co-op program transaction gives a `Rebate` and a `Co-op` row with the same transactionId
 * and lever whose amounts add up to the transaction's earning, split exactly by the program's
 * share; OSU transactions give one `Rebate` row. Memory does not grow with `rows`.
 */
export function* bulkExportChunks(options: BulkExportOptions): Generator<ExportChunk> {
  const { rows, seed } = options;
  if (!Number.isSafeInteger(rows) || rows < 0) throw new RangeError(`rows must be a non-negative integer, got ${rows}`);
  const eol = options.lineEnding ?? '\r\n';
  const shape = options.shape ?? 'default';
  const render = rowRenderer(shape);
  // Names are quoted as they are set when needed, except where every field is quoted at the end.
  const nameField = shape === 'all-quoted' ? (name: string) => name : csvField;
  // A comma in every customer name: "Acme Ltd" is written "Acme, Ltd".
  const customerName = shape === 'quoted-name' ? (name: string) => (name.includes(',') ? name : name.replace(/ (?=\S+$)/, ', ')) : (name: string) => name;
  const from = isoDate(options.from ?? DEFAULT_FROM);
  const to = isoDate(options.to ?? DEFAULT_TO);
  const dayCount = daysBetween(from, to) + 1;
  if (dayCount < 1) throw new RangeError('from must not be after to');
  const days: IsoDate[] = Array.from({ length: dayCount }, (_, i) => addDays(from, i));
  // Rebates are paid about two months after they are earned; later ones are still upcoming.
  const paidBefore = addDays(to, -60);

  const rng = seededRng(`coop-ledger/bulk/${seed}`);
  const participants = makeParticipants(rng);
  const weighted: GeneratedProgram[] = BULK_PROGRAMS.flatMap((p) => Array<GeneratedProgram>(p.weight).fill(p));
  const osu = BULK_PROGRAMS.find((p) => p.coopShare === null)!;
  const rates = new Map<string, RatePair>();
  for (const p of BULK_PROGRAMS) for (const l of LEVERS) rates.set(`${p.code}|${l.name}`, ratePair(l, p.coopShare));

  // The pass-through columns filled are the ones most reports carry; the rest stay empty, which
  // keeps a million rows near 0.3 GB (the benchmark's sizes) while every column is present.
  const cells: string[] = new Array<string>(EXPORT_COLUMNS.length).fill('');
  const at = Object.fromEntries(EXPORT_COLUMNS.map((c) => [c, columnIndex(c)])) as Record<string, number>;
  const set = (column: string, value: string): void => {
    cells[at[column]!] = value;
  };

  let written = 0;
  let seq = 0;
  let month = '';
  let text = '';
  let inChunk = 0;

  const emit = (): ExportChunk => {
    const chunk = { month, text, rows: inChunk };
    text = '';
    inChunk = 0;
    return chunk;
  };

  while (written < rows) {
    const date = days[Math.floor((written * dayCount) / rows)]!;
    const rowMonth = date.slice(0, 7);
    if (rowMonth !== month) {
      if (inChunk > 0) yield emit();
      month = rowMonth;
    }
    seq += 1;
    const participant = rng.pick(participants);
    let program = rng.pick(weighted);
    if (rows - written === 1 && program.coopShare !== null) program = osu; // exactly `rows` rows
    const currency = rng.int(5) === 0 ? 'USD' : participant.country.currency;
    const lever = rng.pick(LEVERS);
    const customer = rng.pick(participant.customers);
    const product = rng.pick(PRODUCTS);
    const clawback = rng.int(60) === 0;
    const transactionAmount = clawback ? -drawAmount(rng, currency) : drawAmount(rng, currency);
    const quantity = String(rng.between(1, 400));

    const rate = usdRate(currency);
    const earning = timesFraction(transactionAmount, lever.rate);
    const pair = rates.get(`${program.code}|${lever.name}`)!;
    const transactionId = `T${String(seq).padStart(9, '0')}`;
    const paid = date < paidBefore;

    set('participantId', participant.id);
    set('participantName', nameField(participant.name));
    set('partnerCountryCode', participant.country.code);
    set('programName', program.name);
    set('lever', lever.name);
    set('earningDate', date);
    set('exchangeRate', USD_RATES[currency]!.text);
    set('transactionId', transactionId);
    set('transactionCurrency', currency);
    set('transactionAmount', formatMinor(transactionAmount, currency));
    set('transactionAmountUSD', formatMinor(toUsdCents(transactionAmount, currency, rate), 'USD'));
    set('quantity', quantity);
    set('reasonCode', clawback ? 'Customer cancellation' : '');
    set('customerId', customer.id);
    set('customerName', nameField(customerName(customer.name)));
    set('customerCountry', customer.country);
    set('productId', product.productId);
    set('skuId', product.skuId);

    const parts: Array<{ type: string; amount: Minor; rate: string; paymentId: string; status: string }> =
      program.coopShare === null
        ? [{ type: 'Rebate', amount: earning, rate: pair.rebate, paymentId: '', status: '' }]
        : (() => {
            const { rebate, coop } = splitMinor(earning, program.coopShare);
            return [
              { type: 'Rebate', amount: rebate, rate: pair.rebate, paymentId: '', status: '' },
              // Co-op is never paid out as such: it stays Upcoming until claimed (docs/RULES.md).
              { type: 'Co-op', amount: coop, rate: pair.coop, paymentId: '', status: 'Upcoming' },
            ];
          })();
    for (const part of parts) {
      if (part.type === 'Rebate') {
        part.paymentId = paid ? `P${participant.id}${rowMonth.replace('-', '')}${currency}` : '';
        part.status = paid ? 'Sent' : 'Upcoming';
      }
      written += 1;
      set('earningId', String(1_000_000_000 + written));
      set('earningType', part.type);
      set('earningRate', part.rate);
      set('earningAmount', formatMinor(part.amount, currency));
      set('earningAmountUSD', formatMinor(toUsdCents(part.amount, currency, rate), 'USD'));
      set('paymentId', part.paymentId);
      set('paymentStatus', part.status);
      text += render(cells) + eol;
      inChunk += 1;
      if (inChunk >= ROWS_PER_CHUNK) yield emit();
    }
  }
  if (inChunk > 0) yield emit();
}
