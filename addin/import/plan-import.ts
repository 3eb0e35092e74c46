/**
 * Decides what an import appends to the Earnings table and which of its rows it updates: rows
 * keyed by earningId, by core's duplicate decision (the batch job's; docs/RULES.md, "Repeated
 * earningIds"). An identical repeat is skipped (so importing the same export twice adds nothing);
 * the same earning with other payment fields, name or USD amount is an update, and the newer
 * download's version is written (over the workbook's row, or over an earlier file's); other facts
 * under one id are rejected, as are rows core cannot read, each with its file and line. Columns are matched by core's header
 * reader; export columns the table lacks are added on the right: unknown columns pass through.
 */
import { parseAmount } from '../../core/money/parse-amount.js';
import { parseCurrency } from '../../core/money/currency.js';
import { scaledFromDec } from '../../core/money/scaled-amount.js';
import { parseDate } from '../../core/calendar/calendar-date.js';
import { EARNINGS_COLUMNS, REQUIRED_EARNINGS_COLUMNS } from '../../core/workbook-layout.js';
import { missingRequirements, normaliseHeaderName } from '../../core/tables/header-row.js';
import { earningRecord, type EarningRecord } from '../../core/reconcile/earning-record.js';
import { earningKind } from '../../core/reconcile/earning-type.js';
import { duplicateDecision } from '../../core/reconcile/earning-identity.js';
import { isNewerDownload, RECENCY_COLUMNS, type DownloadRank } from '../../core/reconcile/download-recency.js';
import type { RowLocation } from '../../core/reconcile/earning-record.js';
import { cellAsText, dateToCell, decimalTextToCell, textToCell, type CellValue } from '../excel/cell-values.js';
import type { ParsedExport } from './parse-export.js';

export interface Rejection {
  readonly file: string;
  readonly line: number;
  readonly code: string;
  readonly column?: string;
  readonly input?: string;
}

export interface Skip {
  readonly file: string;
  readonly line: number;
  readonly earningId: string;
  /** `older_version`: the same earning updated, and the version already held is from a newer download. */
  readonly reason: 'already_present' | 'identical_repeat' | 'older_version';
}

/** A row of the Earnings table that the import rewrites: a newer download's version of its earning. */
export interface RowUpdate {
  /** The row's index in the table's body. */
  readonly index: number;
  readonly cells: CellValue[];
  readonly file: string;
  readonly line: number;
  readonly earningId: string;
  /** `restated`: the USD amount changed too (it moves thresholds). */
  readonly kind: 'updated' | 'restated';
}

/** An earning the workbook already holds: its row index in the Earnings table, what it says, and its latest date (its recency). */
export interface ExistingEarning {
  readonly index: number;
  readonly record: EarningRecord;
  readonly latest: string;
}

/** The latest of a row's dates in `RECENCY_COLUMNS` (docs/RULES.md, "Repeated earningIds"). */
function latestDate(text: (name: string) => string): string {
  let latest = '';
  for (const name of RECENCY_COLUMNS) {
    const d = parseDate(text(name));
    if (d.ok && d.value > latest) latest = d.value;
  }
  return latest;
}

/** An earning from a row's texts by column name, read as core reads it; null when a required value cannot be read. */
function earningOfTexts(text: (name: string) => string, location: RowLocation): EarningRecord | null {
  const amount = parseAmount(text('earningAmount'));
  const usdText = text('earningAmountUSD');
  const usd = usdText === '' ? null : parseAmount(usdText);
  const date = parseDate(text('earningDate'));
  const currency = parseCurrency(text('transactionCurrency'));
  if (!amount.ok || (usd !== null && !usd.ok) || !date.ok || !currency.ok) return null;
  const paidText = text('earningAmountInLastPaymentCurrency');
  const paid = paidText === '' ? null : parseAmount(paidText);
  return earningRecord({
    earningId: text('earningId'),
    participantId: text('participantId'),
    participantName: text('participantName'),
    programName: text('programName'),
    earningType: text('earningType'),
    kind: earningKind(text('earningType')),
    amountScaled: scaledFromDec(amount.value),
    amountUSDScaled: usd?.ok ? scaledFromDec(usd.value) : null,
    earningDate: date.value,
    currency: currency.value,
    transactionId: text('transactionId'),
    lever: text('lever'),
    earningRate: text('earningRate'),
    reasonCode: text('reasonCode'),
    claimId: text('claimId'),
    paymentId: text('paymentId'),
    paymentStatus: text('paymentStatus'),
    paymentCurrency: text('lastPaymentCurrency'),
    amountInPaymentCurrencyScaled: paid?.ok ? scaledFromDec(paid.value) : null,
    exchangeRate: text('exchangeRate'),
    passThrough: {},
    location,
  });
}

/** The earnings the Earnings table holds, by earningId (rows core cannot read are left to the ledger's problems). */
export function existingEarnings(headers: readonly string[], rows: readonly (readonly unknown[])[]): Map<string, ExistingEarning> {
  const index = new Map(headers.map((h, i) => [normaliseHeaderName(h), i]));
  const out = new Map<string, ExistingEarning>();
  rows.forEach((row, r) => {
    const text = (name: string) => {
      const key = normaliseHeaderName(name);
      const i = index.get(key);
      const kind = KIND.get(key);
      return i === undefined ? '' : cellAsText(row[i], kind === 'date' ? 'date' : kind === 'amount' || kind === 'amountUSD' ? 'amount' : 'text').trim();
    };
    const record = earningOfTexts(text, { file: 'Earnings', line: r + 2 });
    if (record !== null && record.earningId !== '') out.set(record.earningId, { index: r, record, latest: latestDate(text) });
  });
  return out;
}

export interface FileSummary {
  readonly file: string;
  added: number;
  updated: number;
  skipped: number;
  rejected: number;
}

export interface ImportPlan {
  /** Columns to add to the table, in order, before appending. */
  readonly newColumns: string[];
  /** Rows in the table's column order (after newColumns are added). */
  readonly cells: CellValue[][];
  /** Rows of the table to rewrite (after newColumns are added). */
  readonly updates: RowUpdate[];
  readonly skipped: Skip[];
  readonly rejected: Rejection[];
  readonly files: FileSummary[];
}

const KIND = new Map(EARNINGS_COLUMNS.map((c) => [normaliseHeaderName(c.name), c.kind]));

/** The version of an earningId planned so far: what it says, the download it came from, and its planned cells (rewritten in place by a newer version). */
interface Planned {
  record: EarningRecord;
  rank: DownloadRank;
  readonly cells: CellValue[];
}

/**
 * The workbook's rows count as a download named before the imported files, its recency each row's
 * own latest date (`RECENCY_COLUMNS`, the table keeps them): a paid row (its paymentDate) stays
 * when an older download is imported again; on a tie the imported file is newer.
 */
const WORKBOOK_ORDER = -1;

export function planImport(tableHeaders: readonly string[], existing: ReadonlyMap<string, ExistingEarning>, files: readonly ParsedExport[]): ImportPlan {
  const headers = [...tableHeaders];
  const headerIndex = new Map(headers.map((h, i) => [normaliseHeaderName(h), i]));
  const newColumns: string[] = [];
  const cells: CellValue[][] = [];
  const updates: RowUpdate[] = [];
  const skipped: Skip[] = [];
  const rejected: Rejection[] = [];
  const summaries: FileSummary[] = [];
  const seen = new Map<string, Planned>();
  const updatedIds = new Set<string>();
  // A workbook whose Earnings table has no exchangeRate column knows no rate: its rows are not restated by one.
  const tableHasRate = tableHeaders.some((h) => normaliseHeaderName(h) === normaliseHeaderName('exchangeRate'));

  for (const [order, parsed] of files.entries()) {
    const summary: FileSummary = { file: parsed.file, added: 0, updated: 0, skipped: 0, rejected: 0 };
    summaries.push(summary);
    const reject = (r: Omit<Rejection, 'file'>) => {
      rejected.push({ file: parsed.file, ...r });
      summary.rejected++;
    };
    for (const e of parsed.errors) reject({ line: e.line, code: e.code, input: e.input });
    if (parsed.headers.length === 0) continue;
    const fileIndex = new Map(parsed.headers.map((h, i) => [normaliseHeaderName(h), i]));
    const missing = missingRequirements(parsed.headers, REQUIRED_EARNINGS_COLUMNS).map(String);
    if (missing.length > 0) {
      for (const column of missing) reject({ line: 1, code: 'missing_column', column, input: column });
      continue;
    }
    for (const h of parsed.headers) {
      if (h !== '' && !headerIndex.has(normaliseHeaderName(h))) {
        headerIndex.set(normaliseHeaderName(h), headers.length);
        headers.push(h);
        newColumns.push(h);
      }
    }
    const errorLines = new Set(parsed.errors.map((e) => e.line));
    const at = (row: string[], name: string) => (row[fileIndex.get(normaliseHeaderName(name)) ?? -1] ?? '').trim();
    // The download's recency: the latest date in its rows (docs/RULES.md, "Repeated earningIds").
    let latest = '';
    for (const row of parsed.rows) {
      const d = latestDate((name) => at(row, name));
      if (d > latest) latest = d;
    }
    const rank: DownloadRank = { latest, order };

    /** A file row in the table's column order. */
    const cellsOf = (row: string[]): CellValue[] => {
      const out: CellValue[] = new Array<CellValue>(headers.length).fill('');
      parsed.headers.forEach((h, i) => {
        const target = headerIndex.get(normaliseHeaderName(h));
        if (target === undefined) return;
        const text = (row[i] ?? '').trim();
        const kind = KIND.get(normaliseHeaderName(h));
        if (text === '') out[target] = '';
        else if (kind === 'amount' || kind === 'amountUSD') out[target] = decimalTextToCell(text) ?? textToCell(text);
        else if (kind === 'date') {
          const d = parseDate(text);
          out[target] = d.ok ? dateToCell(d.value) : textToCell(text);
        } else out[target] = textToCell(row[i] ?? '');
      });
      return out;
    };

    parsed.rows.forEach((row, r) => {
      const line = parsed.lines[r] ?? 0;
      if (errorLines.has(line)) return;
      if (row.length !== parsed.headers.length) return reject({ line, code: 'ragged_row', input: String(row.length) });
      const earningId = at(row, 'earningId');
      if (earningId === '') return reject({ line, code: 'missing_field', column: 'earningId' });
      const amount = parseAmount(at(row, 'earningAmount'));
      if (!amount.ok) return reject({ line, code: 'invalid_amount', column: 'earningAmount', input: at(row, 'earningAmount') });
      const usdText = at(row, 'earningAmountUSD');
      if (usdText !== '' && !parseAmount(usdText).ok) return reject({ line, code: 'invalid_amount', column: 'earningAmountUSD', input: usdText });
      const date = parseDate(at(row, 'earningDate'));
      if (!date.ok) return reject({ line, code: 'invalid_date', column: 'earningDate', input: at(row, 'earningDate') });
      const currency = parseCurrency(at(row, 'transactionCurrency'));
      if (!currency.ok) {
        return reject({ line, code: 'invalid_currency', column: 'transactionCurrency', input: at(row, 'transactionCurrency') });
      }
      const record = earningOfTexts((name) => at(row, name), { file: parsed.file, line })!;
      const held = existing.get(earningId);
      let before = seen.get(earningId);
      if (before === undefined && held !== undefined) {
        // The workbook's row, the first version of the id this import meets.
        const version: Planned = { record: held.record, rank: { latest: held.latest, order: WORKBOOK_ORDER }, cells: [] };
        before = version;
        seen.set(earningId, version);
      }
      if (before !== undefined) {
        const unrated = before.rank.order === WORKBOOK_ORDER && !tableHasRate;
        const decision = duplicateDecision(before.record, unrated ? earningOfTexts((name) => (name === 'exchangeRate' ? '' : at(row, name)), { file: parsed.file, line })! : record);
        if (decision === 'conflicting') return reject({ line, code: 'duplicate_differs', column: 'earningId', input: earningId });
        const newer = decision !== 'identical' && isNewerDownload(rank, before.rank);
        if (!newer) {
          const reason = decision !== 'identical' ? 'older_version' : before.rank.order === WORKBOOK_ORDER ? 'already_present' : 'identical_repeat';
          skipped.push({ file: parsed.file, line, earningId, reason });
          summary.skipped++;
          return;
        }
        before.record = record;
        before.rank = rank;
        before.cells.splice(0, before.cells.length, ...cellsOf(row));
        if (held !== undefined && !updatedIds.has(earningId)) {
          updatedIds.add(earningId);
          updates.push({ index: held.index, cells: before.cells, file: parsed.file, line, earningId, kind: decision === 'restated' ? 'restated' : 'updated' });
        }
        summary.updated++;
        return;
      }
      const out = cellsOf(row);
      seen.set(earningId, { record, rank, cells: out });
      cells.push(out);
      summary.added++;
    });

  }
  // Rows planned before a later file added columns are padded to the final width.
  for (const row of [...cells, ...updates.map((u) => u.cells)]) while (row.length < headers.length) row.push('');
  return { newColumns, cells, updates, skipped, rejected, files: summaries };
}
