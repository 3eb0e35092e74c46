import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceFromChunks, type InputSource } from '../../../batch/input/input-source.js';
import type { InputIssue } from '../../../batch/input/input-issue.js';
import { readCsvRecords, type CsvReadSummary, type ReadCsvOptions, type RejectedRow } from '../../../batch/input/csv-records.js';
import { readEarnings, type ReadEarningsOptions } from '../../../batch/input/read-earnings.js';
import type { EarningRecord } from '../../../core/reconcile/earning-record.js';

export const EARNINGS_HEADER =
  'earningId,participantId,participantName,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,transactionId,lever';

export function earningLine(id: string, overrides: Partial<Record<'amount' | 'date' | 'currency' | 'type', string>> = {}): string {
  return [
    id,
    'P-100',
    'Contoso Ltd',
    'CSP Indirect Reseller',
    overrides.type ?? 'Co-op',
    overrides.amount ?? '12.50',
    '14.00',
    overrides.date ?? '2021-03-15',
    overrides.currency ?? 'EUR',
    `T-${id}`,
    'Azure',
  ].join(',');
}

export function source(text: string | Uint8Array, name = 'in.csv'): InputSource {
  return sourceFromChunks(name, [typeof text === 'string' ? Buffer.from(text, 'utf8') : text]);
}

/** The issues' essentials, for asserting on codes and places rather than wording. */
export function located(issues: readonly InputIssue[]): { code: string; line?: number; column?: number; severity: string }[] {
  return issues.map((i) => ({
    code: i.code,
    severity: i.severity,
    ...(i.line === undefined ? {} : { line: i.line }),
    ...(i.column === undefined ? {} : { column: i.column }),
  }));
}

export interface Collected<T> {
  rows: T[];
  issues: InputIssue[];
  rejected: RejectedRow[];
  summary: CsvReadSummary;
}

export async function collectRecords(
  src: InputSource,
  options: Omit<ReadCsvOptions, 'onRecord' | 'onIssue'>,
): Promise<Collected<{ record: Record<string, string>; line: number }>> {
  const rows: { record: Record<string, string>; line: number }[] = [];
  const issues: InputIssue[] = [];
  const rejected: RejectedRow[] = [];
  const summary = await readCsvRecords(src, {
    ...options,
    onRecord: (record, at) => void rows.push({ record: { ...record }, line: at.line }),
    onIssue: (i) => void issues.push(i),
    onRejectedRow: (r) => void rejected.push(r),
  });
  return { rows, issues, rejected, summary };
}

export async function collectEarnings(
  src: InputSource,
  options: Omit<ReadEarningsOptions, 'onRow' | 'onIssue'> = {},
): Promise<Collected<EarningRecord>> {
  const rows: EarningRecord[] = [];
  const issues: InputIssue[] = [];
  const rejected: RejectedRow[] = [];
  const summary = await readEarnings(src, {
    ...options,
    onRow: (r) => void rows.push(r),
    onIssue: (i) => void issues.push(i),
    onRejectedRow: (r) => void rejected.push(r),
  });
  return { rows, issues, rejected, summary };
}

export async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'coop-input-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function writeFiles(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
}

export { makeZip, type ZipEntrySpec } from '../../support/make-zip.js';
