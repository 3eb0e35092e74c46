/**
 * Decides what an import appends to the Earnings table: rows keyed by earningId, skipping ids the
 * workbook already holds (so importing the same export twice adds nothing), counting identical
 * repeats once and rejecting repeats that differ (core's duplicate decision, the batch job's),
 * and rows core cannot read, each with its file and line. Columns are matched by core's header
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
import { dateToCell, decimalTextToCell, textToCell, type CellValue } from '../excel/cell-values.js';
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
  readonly reason: 'already_present' | 'identical_repeat';
}

export interface FileSummary {
  readonly file: string;
  added: number;
  skipped: number;
  rejected: number;
}

export interface ImportPlan {
  /** Columns to add to the table, in order, before appending. */
  readonly newColumns: string[];
  /** Rows in the table's column order (after newColumns are added). */
  readonly cells: CellValue[][];
  readonly skipped: Skip[];
  readonly rejected: Rejection[];
  readonly files: FileSummary[];
}

const KIND = new Map(EARNINGS_COLUMNS.map((c) => [normaliseHeaderName(c.name), c.kind]));

export function planImport(tableHeaders: readonly string[], existingIds: ReadonlySet<string>, files: readonly ParsedExport[]): ImportPlan {
  const headers = [...tableHeaders];
  const headerIndex = new Map(headers.map((h, i) => [normaliseHeaderName(h), i]));
  const newColumns: string[] = [];
  const cells: CellValue[][] = [];
  const skipped: Skip[] = [];
  const rejected: Rejection[] = [];
  const summaries: FileSummary[] = [];
  const seen = new Map<string, EarningRecord>();

  for (const parsed of files) {
    const summary: FileSummary = { file: parsed.file, added: 0, skipped: 0, rejected: 0 };
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
      const usd = usdText === '' ? null : parseAmount(usdText);
      const record = earningRecord({
        earningId,
        participantId: at(row, 'participantId'),
        participantName: at(row, 'participantName'),
        programName: at(row, 'programName'),
        earningType: at(row, 'earningType'),
        kind: earningKind(at(row, 'earningType')),
        amountScaled: scaledFromDec(amount.value),
        amountUSDScaled: usd?.ok ? scaledFromDec(usd.value) : null,
        earningDate: date.value,
        currency: currency.value,
        transactionId: at(row, 'transactionId'),
        lever: at(row, 'lever'),
        earningRate: at(row, 'earningRate'),
        reasonCode: at(row, 'reasonCode'),
        claimId: at(row, 'claimId'),
        paymentId: at(row, 'paymentId'),
        paymentStatus: at(row, 'paymentStatus'),
        paymentCurrency: at(row, 'lastPaymentCurrency'),
        amountInPaymentCurrencyScaled: null,
        passThrough: {},
        location: { file: parsed.file, line },
      });
      if (existingIds.has(earningId)) {
        skipped.push({ file: parsed.file, line, earningId, reason: 'already_present' });
        summary.skipped++;
        return;
      }
      const before = seen.get(earningId);
      if (before !== undefined) {
        if (duplicateDecision(before, record) === 'identical') {
          skipped.push({ file: parsed.file, line, earningId, reason: 'identical_repeat' });
          summary.skipped++;
        } else reject({ line, code: 'duplicate_differs', column: 'earningId', input: earningId });
        return;
      }
      seen.set(earningId, record);
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
      cells.push(out);
      summary.added++;
    });
  }
  // Rows planned before a later file added columns are padded to the final width.
  for (const row of cells) while (row.length < headers.length) row.push('');
  return { newColumns, cells, skipped, rejected, files: summaries };
}
