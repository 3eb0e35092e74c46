import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ComparableFinding } from '../../core/changes/finding-changes.js';
import type { ComparablePool } from '../../core/changes/pool-changes.js';
import type { ComparableClaim } from '../../core/changes/claim-changes.js';
import type { JournalLine } from '../../core/journal/journal-line.js';
import type { ReportCellProblem } from '../../core/reports/report-cells.js';
import {
  BALANCES_REPORT,
  CLAIMS_REPORT,
  FINDINGS_REPORT,
  JOURNAL_REPORT,
  readReportRecord,
  requiredColumns,
  type ReportFile,
} from '../../core/reports/report-files.js';
import { readCsvRecords, type RecordLocation } from './csv-records.js';
import type { CsvColumn } from './csv-header.js';
import { fileSource } from './input-source.js';
import { inputIssue, type InputIssue } from './input-issue.js';
import { restoreNeutralisedText } from '../../core/text/neutralise-formula.js';
import { CSV_DIALECTS } from '../output/csv-dialect.js';

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
  // Which files, which columns and how each cell reads back are core's (core/reports/report-files.ts),
  // the lists the run writes them with.
  const findings = await readReport(dir, FINDINGS_REPORT, issues);
  const pools = await readReport(dir, BALANCES_REPORT, issues);
  const claims = await readReport(dir, CLAIMS_REPORT, issues);
  const journal = await readReport(dir, JOURNAL_REPORT, issues);
  return { findings, pools, claims, journal };
}

async function readReport<T>(dir: string, report: ReportFile<T>, issues: InputIssue[]): Promise<T[] | null> {
  const path = join(dir, report.file);
  if (!(await isFile(path))) return null;
  const records: T[] = [];
  let decimalMark: '.' | ',' = '.';
  let columns: readonly CsvColumn[] = [];
  await readCsvRecords(fileSource(path), {
    required: requiredColumns(report),
    // The reports' own header is on line 1; a set whose header is elsewhere is not ours.
    headerSearchLines: 1,
    // A report with its header and no rows is a run that had none of them (no claims, no
    // findings): nothing to compare, not a damaged set.
    onIssue: (i) => {
      if (i.code !== 'no_rows') issues.push({ ...i, hint: HINT });
    },
    onHeader: (header) => {
      // The dialect the set was written in, by its separator: excel-eu's `;` comes with decimal commas.
      decimalMark = Object.values(CSV_DIALECTS).find((d) => d.separator === header.delimiter)?.decimalMark ?? '.';
      columns = header.columns;
    },
    onRecord: (written, location) => {
      // Text cells were written with a quote before a leading `=`, `+`, `-` or `@`: read back as
      // they were, so an identical rerun compares equal (`-CLM-1` is not `'-CLM-1`).
      const record: Record<string, string> = {};
      for (const [key, text] of Object.entries(written)) record[key] = restoreNeutralisedText(text);
      const read = readReportRecord(report, record, decimalMark);
      if (read.ok) {
        records.push(read.value);
        return [];
      }
      return read.problems.map((problem) => cellIssue(location, problem, columns));
    },
  });
  return records;
}

function cellIssue(location: RecordLocation, bad: ReportCellProblem, columns: readonly CsvColumn[]): InputIssue {
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
