/**
 * Decides what an import appends to the Earnings table: rows keyed by earningId, skipping ids the
 * workbook already holds (so importing the same export twice adds nothing), counting identical
 * repeats once, rejecting repeats that differ and rows core cannot read, each with its file and
 * line. Export columns the table lacks are added on the right: unknown columns pass through.
 */
import { parseAmount } from '../../core/money/parse-amount.js';
import { parseCurrency } from '../../core/money/currency.js';
import { parseDate } from '../../core/calendar/calendar-date.js';
import { EARNINGS_COLUMNS, REQUIRED_EARNINGS_COLUMNS } from '../../core/workbook-layout.js';
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

const KIND = new Map(EARNINGS_COLUMNS.map((c) => [c.name.toLowerCase(), c.kind]));

export function planImport(tableHeaders: readonly string[], existingIds: ReadonlySet<string>, files: readonly ParsedExport[]): ImportPlan {
  const headers = [...tableHeaders];
  const headerIndex = new Map(headers.map((h, i) => [h.toLowerCase(), i]));
  const newColumns: string[] = [];
  const cells: CellValue[][] = [];
  const skipped: Skip[] = [];
  const rejected: Rejection[] = [];
  const summaries: FileSummary[] = [];
  const seen = new Map<string, string>();

  for (const parsed of files) {
    const summary: FileSummary = { file: parsed.file, added: 0, skipped: 0, rejected: 0 };
    summaries.push(summary);
    const reject = (r: Omit<Rejection, 'file'>) => {
      rejected.push({ file: parsed.file, ...r });
      summary.rejected++;
    };
    for (const e of parsed.errors) reject({ line: e.line, code: e.code, input: e.input });
    if (parsed.headers.length === 0) continue;
    const fileIndex = new Map(parsed.headers.map((h, i) => [h.toLowerCase(), i]));
    const missing = REQUIRED_EARNINGS_COLUMNS.filter((c) => !fileIndex.has(c.toLowerCase()));
    if (missing.length > 0) {
      for (const column of missing) reject({ line: 1, code: 'missing_column', column, input: column });
      continue;
    }
    for (const h of parsed.headers) {
      if (h !== '' && !headerIndex.has(h.toLowerCase())) {
        headerIndex.set(h.toLowerCase(), headers.length);
        headers.push(h);
        newColumns.push(h);
      }
    }
    const errorLines = new Set(parsed.errors.map((e) => e.line));
    const at = (row: string[], name: string) => (row[fileIndex.get(name.toLowerCase()) ?? -1] ?? '').trim();

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
      if (!parseCurrency(at(row, 'transactionCurrency')).ok) {
        return reject({ line, code: 'invalid_currency', column: 'transactionCurrency', input: at(row, 'transactionCurrency') });
      }
      const fingerprint = parsed.headers.map((h, i) => `${h.toLowerCase()}=${row[i] ?? ''}`).sort().join('\u001f');
      if (existingIds.has(earningId)) {
        skipped.push({ file: parsed.file, line, earningId, reason: 'already_present' });
        summary.skipped++;
        return;
      }
      const before = seen.get(earningId);
      if (before !== undefined) {
        if (before === fingerprint) {
          skipped.push({ file: parsed.file, line, earningId, reason: 'identical_repeat' });
          summary.skipped++;
        } else reject({ line, code: 'duplicate_differs', column: 'earningId', input: earningId });
        return;
      }
      seen.set(earningId, fingerprint);
      const out: CellValue[] = new Array<CellValue>(headers.length).fill('');
      parsed.headers.forEach((h, i) => {
        const target = headerIndex.get(h.toLowerCase());
        if (target === undefined) return;
        const text = (row[i] ?? '').trim();
        const kind = KIND.get(h.toLowerCase());
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
