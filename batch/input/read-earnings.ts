import { EARNINGS_COLUMNS, REQUIRED_EARNINGS_COLUMNS } from '../../core/workbook-layout.js';
import type { NumberLocale } from '../../core/money/parse-amount.js';
import type { InputSource } from './input-source.js';
import { inputWarning, clip, type InputIssue } from './input-issue.js';
import type { CsvColumn, CsvHeader } from './csv-header.js';
import { readCsvRecords, type CsvReadSummary, type RejectedRow } from './csv-records.js';
import { CellReader, columnsByKey } from './cell-reader.js';
import { earningKind, normaliseEarningType, type EarningRow } from './earning-row.js';

export interface ReadEarningsOptions {
  /** How numbers are written when not invariant (`--number-locale`). */
  readonly locale?: NumberLocale;
  onRow(row: EarningRow): void;
  onIssue(issue: InputIssue): void;
  /** Rows refused, with their text verbatim (for `--skip-bad-rows` and quarantine.csv). */
  onRejectedRow?(row: RejectedRow): void;
  onHeader?(header: CsvHeader): void;
  readonly headerSearchLines?: number;
  readonly maxRecordChars?: number;
}

const KNOWN = EARNINGS_COLUMNS.map((c) => c.name);
const KNOWN_SET = new Set(KNOWN);

/**
 * Streams the rows of one earnings export (SPEC §6) to `onRow`, typed: amounts as exact decimals,
 * dates as calendar dates, currency codes checked. A row with a missing or unparsable required
 * value is not delivered; each problem is a located issue.
 */
export function readEarnings(source: InputSource, options: ReadEarningsOptions): Promise<CsvReadSummary> {
  let columns = new Map<string, CsvColumn>();
  let passThroughKeys: string[] = [];
  const unknownTypes = new Set<string>();

  return readCsvRecords(source, {
    required: REQUIRED_EARNINGS_COLUMNS,
    known: KNOWN,
    onIssue: options.onIssue,
    ...(options.onRejectedRow ? { onRejectedRow: options.onRejectedRow } : {}),
    ...(options.headerSearchLines === undefined ? {} : { headerSearchLines: options.headerSearchLines }),
    ...(options.maxRecordChars === undefined ? {} : { maxRecordChars: options.maxRecordChars }),
    onHeader: (header) => {
      columns = columnsByKey(header);
      passThroughKeys = header.columns.filter((c) => !KNOWN_SET.has(c.key)).map((c) => c.key);
      options.onHeader?.(header);
    },
    onRecord: (record, location) => {
      const cells = new CellReader(record, location, columns, options.locale);
      const earningId = cells.text('earningId', true);
      const participantId = cells.text('participantId', true);
      const programName = cells.text('programName', true);
      const earningType = cells.text('earningType', true);
      const amount = cells.amount('earningAmount', true);
      const amountUSD = cells.amount('earningAmountUSD');
      const earningDate = cells.date('earningDate', true);
      const currency = cells.currency('transactionCurrency', true);
      if (cells.failed || amount === null || earningDate === null || currency === null) return cells.issues;

      const kind = earningKind(earningType);
      const warnings: InputIssue[] = [];
      const typeKey = normaliseEarningType(earningType);
      if (kind === 'other' && !unknownTypes.has(typeKey)) {
        // Once per file and type: enough to notice a misspelt Co-op without flooding the report.
        unknownTypes.add(typeKey);
        const column = columns.get('earningType');
        warnings.push(
          inputWarning('unknown_earning_type', {
            file: location.file,
            line: location.line,
            ...(column ? { column: column.index, columnName: column.name } : {}),
            raw: clip(earningType),
            message: `earningType "${clip(earningType, 60)}" is not one the ledger knows; such rows count as other.`,
            hint: 'Known types: Rebate, Co-op, Claim, Fee, Sell, Indirect Rebate, Adjustment-Rebate.',
          }),
        );
      }
      const passThrough = Object.create(null) as Record<string, string>;
      for (const key of passThroughKeys) passThrough[key] = cells.verbatim(key);
      options.onRow({
        earningId,
        participantId,
        participantName: cells.text('participantName'),
        programName,
        earningType,
        kind,
        amount,
        amountUSD,
        earningDate,
        currency,
        transactionId: cells.text('transactionId'),
        lever: cells.text('lever'),
        earningRate: cells.text('earningRate'),
        reasonCode: cells.text('reasonCode'),
        claimId: cells.text('claimId'),
        paymentId: cells.text('paymentId'),
        paymentStatus: cells.text('paymentStatus'),
        passThrough,
        location,
      });
      return warnings;
    },
  });
}
