import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Dec } from '../../core/money/decimal.js';
import { parseDate, type IsoDate } from '../../core/calendar/calendar-date.js';
import type { PoolKey } from '../../core/pools/pool-key.js';
import type { ComparableFinding } from '../../core/changes/finding-changes.js';
import { previousTransferred, type ComparablePool } from '../../core/changes/pool-changes.js';
import type { ComparableClaim } from '../../core/changes/claim-changes.js';
import { JOURNAL_EVENTS, type JournalLine } from '../../core/journal/journal-line.js';
import { readCsvRecords, type RecordLocation } from './csv-records.js';
import type { CsvColumn } from './csv-header.js';
import { fileSource } from './input-source.js';
import { inputIssue, type InputIssue } from './input-issue.js';
import { restoreNeutralisedText } from '../output/neutralise-formula.js';

/**
 * The report set of the previous run, read back from its CSVs (written in either CSV dialect).
 * A file that is absent is null: a first run, or a set from before that file existed.
 */
export interface PreviousReports {
  readonly findings: readonly ComparableFinding[] | null;
  readonly pools: readonly ComparablePool[] | null;
  readonly claims: readonly ComparableClaim[] | null;
  readonly journal: readonly JournalLine[] | null;
}

export const NO_PREVIOUS_REPORTS: PreviousReports = { findings: null, pools: null, claims: null, journal: null };

const HINT = 'The previous report set is damaged: restore it from the earlier run, name another one with --previous, or delete the file to start afresh.';

/** Reads the previous set in `dir`; every malformed cell is an issue naming its file, line and column. */
export async function readPreviousReports(dir: string, issues: InputIssue[]): Promise<PreviousReports> {
  const findings = await readReport(dir, 'findings.csv', ['severity', 'code'], issues, (r, cell) => {
    const line = cell.optional('line', 'integer');
    return {
      severity: r.severity!,
      code: r.code!,
      file: r.file ?? '',
      ...(line !== null ? { line: Number(line) } : {}),
      participantId: r.participantId ?? '',
      programName: r.programName ?? '',
      earningPeriod: r.earningPeriod ?? '',
      currency: r.currency ?? '',
      earningId: r.earningId ?? '',
      transactionId: r.transactionId ?? '',
      claimId: r.claimId ?? '',
      paymentId: r.paymentId ?? '',
    } satisfies ComparableFinding;
  });
  const pools = await readReport(
    dir,
    'balances.csv',
    ['participantId', 'programName', 'earningPeriod', 'currency', 'status', 'coopEarned', 'convertedToRebate', 'claimsDraft', 'claimsPending', 'claimsApproved', 'claimsPaid', 'available', 'forfeited'],
    issues,
    (r, cell) =>
      ({
        key: poolKey(r),
        status: r.status!,
        coopEarned: cell.amount('coopEarned'),
        convertedToRebate: cell.amount('convertedToRebate'),
        transferred: previousTransferred(cell.optionalAmount('transferred')),
        claimsDraft: cell.amount('claimsDraft'),
        claimsPending: cell.amount('claimsPending'),
        claimsApproved: cell.amount('claimsApproved'),
        claimsPaid: cell.amount('claimsPaid'),
        available: cell.amount('available'),
        forfeited: cell.amount('forfeited'),
      }) satisfies ComparablePool,
  );
  const claims = await readReport(
    dir,
    'claims.csv',
    ['claimId', 'participantId', 'programName', 'currency', 'status', 'amountClaimed', 'amountApproved', 'paid', 'amountPaid', 'findings', 'fundingPeriod'],
    issues,
    (r, cell) =>
      ({
        claimId: r.claimId!,
        participantId: r.participantId!,
        programName: r.programName!,
        earningPeriod: r.fundingPeriod!,
        currency: r.currency!,
        status: r.status!,
        amountClaimed: cell.optionalAmount('amountClaimed'),
        amountApproved: cell.optionalAmount('amountApproved'),
        paid: cell.boolean('paid'),
        amountPaid: cell.optionalAmount('amountPaid'),
        findings: r.findings!,
      }) satisfies ComparableClaim,
  );
  const journal = await readReport(
    dir,
    'journal.csv',
    ['date', 'reference', 'description', 'participantId', 'programName', 'earningPeriod', 'currency', 'event', 'claimId', 'account', 'debit', 'credit'],
    issues,
    (r, cell) =>
      ({
        ...poolKey(r),
        date: cell.date('date'),
        reference: r.reference!,
        description: r.description!,
        event: cell.oneOf('event', JOURNAL_EVENTS),
        claimId: r.claimId!,
        account: r.account!,
        debit: cell.amount('debit'),
        credit: cell.amount('credit'),
      }) satisfies JournalLine,
  );
  return { findings, pools, claims, journal };
}

function poolKey(r: Record<string, string>): PoolKey {
  return { participantId: r.participantId!, programName: r.programName!, earningPeriod: r.earningPeriod!, currency: r.currency! };
}

/** Thrown by a cell reader; turned into an issue with the cell's place. */
class BadCell extends Error {
  constructor(
    readonly column: string,
    readonly raw: string,
    readonly code: 'invalid_amount' | 'invalid_date' | 'missing_field' | 'malformed_csv',
  ) {
    super(`${column}: ${raw}`);
  }
}

interface CellReader {
  amount(column: string): Dec;
  optionalAmount(column: string): Dec | null;
  date(column: string): IsoDate;
  boolean(column: string): boolean;
  optional(column: string, kind: 'integer'): string | null;
  oneOf<T extends string>(column: string, values: readonly T[]): T;
}

const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

function cellReader(record: Record<string, string>, decimalMark: '.' | ','): CellReader {
  const text = (column: string) => record[column] ?? '';
  const amount = (column: string): Dec | null => {
    const raw = text(column);
    if (raw === '') return null;
    const plain = decimalMark === ',' ? raw.replace(',', '.') : raw;
    if (!PLAIN_DECIMAL.test(plain)) throw new BadCell(column, raw, 'invalid_amount');
    return new Dec(plain);
  };
  return {
    amount(column) {
      const value = amount(column);
      if (value === null) throw new BadCell(column, '', 'missing_field');
      return value;
    },
    optionalAmount: amount,
    date(column) {
      const raw = text(column);
      const r = parseDate(raw);
      if (!r.ok || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) throw new BadCell(column, raw, 'invalid_date');
      return r.value;
    },
    boolean(column) {
      const raw = text(column);
      if (raw !== 'true' && raw !== 'false') throw new BadCell(column, raw, 'malformed_csv');
      return raw === 'true';
    },
    optional(column) {
      const raw = text(column);
      if (raw === '') return null;
      if (!/^\d+$/.test(raw)) throw new BadCell(column, raw, 'malformed_csv');
      return raw;
    },
    oneOf(column, values) {
      const raw = text(column);
      if (!(values as readonly string[]).includes(raw)) throw new BadCell(column, raw, 'malformed_csv');
      return raw as (typeof values)[number];
    },
  };
}

async function readReport<T>(
  dir: string,
  name: string,
  required: readonly string[],
  issues: InputIssue[],
  toRecord: (record: Record<string, string>, cell: CellReader) => T,
): Promise<T[] | null> {
  const path = join(dir, name);
  if (!(await isFile(path))) return null;
  const records: T[] = [];
  let decimalMark: '.' | ',' = '.';
  let columns: readonly CsvColumn[] = [];
  await readCsvRecords(fileSource(path), {
    required,
    // The reports' own header is on line 1; a set whose header is elsewhere is not ours.
    headerSearchLines: 1,
    // A report with its header and no rows is a run that had none of them (no claims, no
    // findings): nothing to compare, not a damaged set.
    onIssue: (i) => {
      if (i.code !== 'no_rows') issues.push({ ...i, hint: HINT });
    },
    onHeader: (header) => {
      // The excel-eu dialect separates with `;` and writes decimal commas.
      decimalMark = header.delimiter === ';' ? ',' : '.';
      columns = header.columns;
    },
    onRecord: (written, location) => {
      // Text cells were written with a quote before a leading `=`, `+`, `-` or `@`: read back as
      // they were, so an identical rerun compares equal (`-CLM-1` is not `'-CLM-1`).
      const record: Record<string, string> = {};
      for (const [key, text] of Object.entries(written)) record[key] = restoreNeutralisedText(text);
      try {
        records.push(toRecord(record, cellReader(record, decimalMark)));
        return [];
      } catch (error) {
        if (error instanceof BadCell) return [cellIssue(location, error, columns)];
        throw error;
      }
    },
  });
  return records;
}

function cellIssue(location: RecordLocation, bad: BadCell, columns: readonly CsvColumn[]): InputIssue {
  const column = columns.find((c) => c.key === bad.column);
  return inputIssue(bad.code, {
    file: location.file,
    line: location.line,
    ...(column ? { column: column.index } : {}),
    columnName: bad.column,
    raw: bad.raw,
    message: `The previous run's ${bad.column} cannot be read: ${JSON.stringify(bad.raw)}.`,
    hint: HINT,
  });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
