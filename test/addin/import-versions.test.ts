/**
 * The import's decisions held to the readable rule of a repeated earningId (docs/RULES.md,
 * "Repeated earningIds"): the versions the workbook holds, then the files' rows, give the version
 * that counts per earningId; after the import, the workbook's Earnings table counts that version.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { existingEarnings, nextImportOrderOf, planImport } from '../../addin/import/plan-import.js';
import { parseExportText } from '../../addin/import/parse-export.js';
import type { CellValue } from '../../addin/excel/cell-values.js';
import { fromExcelSerial, type IsoDate } from '../../core/calendar/calendar-date.js';
import { earningRecord, type EarningRecord } from '../../core/reconcile/earning-record.js';
import { DOWNLOAD_LATEST_COLUMN, EARNINGS_COLUMNS, IMPORT_ORDER_COLUMN } from '../../core/workbook-layout.js';
import { readingOrder } from '../../core/reconcile/reading-order.js';
import { importOrderCell } from '../../addin/ledger/earnings-table-record.js';
import { earningFields } from '../core/reconcile/earning-fields.js';
import { readableEvents, type Version } from '../core/reconcile/readable-id-rule.js';

/** The parts of a version that vary: facts (amount), USD amount, rate, a detail (status); `tag` names the row, in a column no rule reads. */
interface Spec {
  readonly id: string;
  readonly amount: string;
  readonly usd: string;
  readonly rate: string;
  readonly status: string;
  readonly paymentDate: string;
  readonly tag: string;
}

const COLUMNS = 'earningId,participantId,participantName,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,transactionId,lever,earningRate,paymentStatus,exchangeRate,paymentDate,rowTag';
const EARNING_DATE = '2021-01-05';

function csvRow(s: Spec): string {
  return [s.id, 'P1', 'Contoso', 'Hosting', 'Co-op', s.amount, s.usd, EARNING_DATE, 'EUR', 'T1', 'Azure', '0.04', s.status, s.rate, s.paymentDate, s.tag].join(',');
}

/** The row as core reads it, for the readable rule: only the parts the specs vary differ. */
function recordOf(s: Spec, line: number): EarningRecord {
  const cents = (text: string) => ({ units: Math.round(Number.parseFloat(text) * 100), scale: 2 });
  return earningRecord(
    earningFields({
      earningId: s.id,
      participantId: 'P1',
      participantName: 'Contoso',
      programName: 'Hosting',
      amountScaled: cents(s.amount),
      amountUSDScaled: cents(s.usd),
      earningDate: EARNING_DATE as IsoDate,
      transactionId: 'T1',
      lever: 'Azure',
      earningRate: '0.04',
      paymentStatus: s.status,
      exchangeRate: s.rate,
      location: { file: 'x.csv', line },
    }),
  );
}

/** A download's recency as docs/RULES.md defines it: the latest date in its rows. */
const recencyOf = (rows: readonly Spec[]) => rows.reduce((d, s) => (s.paymentDate > d ? s.paymentDate : d), EARNING_DATE);

let tags = 0;
const specArb = fc
  .record({
    id: fc.constantFrom('E1', 'E2', 'E3'),
    // Mostly one content, so that identical repeats (and their download dates) are common.
    amount: fc.constantFrom('10.00', '10.00', '10.00', '10.00', '11.00'),
    usd: fc.constantFrom('11.30', '11.30', '11.30', '11.40'),
    rate: fc.constantFrom('', '', '', '1.13', '1.14'),
    status: fc.constantFrom('Upcoming', 'Upcoming', 'Sent'),
    paymentDate: fc.constantFrom('', '2021-02-01', '2021-03-01', '2021-04-01'),
  })
  .map((s): Spec => ({ ...s, tag: `R${++tags}` }));
/** Downloads of up to 4 rows: an id may repeat within one, as in the batch job's input. */
const filesArb = fc.array(fc.array(specArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 });

const parsed = (files: readonly (readonly Spec[])[], first: number) => files.map((rows, i) => parseExportText(`d${first + i}.csv`, [COLUMNS, ...rows.map(csvRow)].join('\n') + '\n'));

/** A table: its headers and rows, as the import reads and writes them. */
interface Table {
  readonly headers: string[];
  readonly rows: CellValue[][];
}

/** The table after an import's plan: rows rewritten where it says, rows appended. */
function applied(table: Table, files: readonly (readonly Spec[])[], first: number): Table {
  const read = { headers: table.headers, rows: table.rows, rowNumbers: table.rows.map((_, i) => i + 2), dateSystem: '1900' as const };
  const plan = planImport(table.headers, existingEarnings(read), parsed(files, first), undefined, { firstOrder: nextImportOrderOf(read), dateSystem: '1900' });
  const headers = [...table.headers, ...plan.newColumns];
  const rows = table.rows.map((r) => [...r, ...new Array<CellValue>(headers.length - r.length).fill('')]);
  for (const u of plan.updates) rows[u.index] = u.cells;
  for (const r of plan.restamps) rows[r.index]![r.column] = r.cell;
  // Excel keeps a text cell's quote prefix out of its value.
  const asExcelReadsIt = (row: CellValue[]) => row.map((c) => (typeof c === 'string' ? c.replace(/^'/, '') : c));
  return { headers, rows: [...rows, ...plan.cells].map(asExcelReadsIt) };
}

/** The version each earningId counts in the end, by the readable rule, as its row's tag. */
function countedTags(versions: readonly Version[], tagOf: (line: number) => string): Map<string, string> {
  const out = new Map(versions.map((v) => [v.line, v]));
  for (const [line, kind] of readableEvents(versions)) if (kind === 'superseded' || kind === 'duplicate') out.delete(line);
  return new Map([...out.values()].map((v) => [v.row.earningId, tagOf(v.line)]));
}

const EMPTY: Table = { headers: EARNINGS_COLUMNS.map((c) => c.name), rows: [] };

/**
 * Checks one import: the rule over the held rows (each ranked by the download it came from, before
 * every file on a tie) and then the files' rows (each file ranked by its recency, then its place)
 * against the version the table counts after the import, read as the ledger reads a workbook: one
 * download, its rows in core's reading order. Returns the table after the import.
 */
function importChecked(held: Table, files: readonly (readonly Spec[])[], first: number, specByTag: ReadonlyMap<string, Spec>, before: readonly (readonly Spec[])[]): Table {
  const column = (t: Table, name: string) => t.headers.indexOf(name);
  const tagOfRow = (t: Table, r: number) => String(t.rows[r]![column(t, 'rowTag')]);
  // Rows as the ledger reads the table: in core's reading order (the import's `importOrder`), not the table's.
  const inReadingOrder = (t: Table) => readingOrder(t.rows.map((row) => importOrderCell(row[column(t, IMPORT_ORDER_COLUMN)])));
  const ranked: { spec: Spec; latest: string; order: number }[] = [
    ...inReadingOrder(held).map((r) => [held.rows[r]!, r] as const).map(([row, r]) => ({ spec: specByTag.get(tagOfRow(held, r))!, latest: fromExcelSerial(row[column(held, DOWNLOAD_LATEST_COLUMN)] as number, '1900')!, order: -1 })),
    ...files.flatMap((rows, order) => rows.map((spec) => ({ spec, latest: recencyOf(rows), order }))),
  ];
  const key = (v: { latest: string; order: number }) => `${v.latest}|${String(v.order + 1).padStart(2, '0')}`;
  const keys = [...new Set(ranked.map(key))].sort();
  const versions = ranked.map((v, i): Version => ({ row: recordOf(v.spec, i + 2), line: i + 2, recency: keys.indexOf(key(v)) }));
  const expected = countedTags(versions, (line) => ranked[line - 2]!.spec.tag);

  const after = applied(held, files, first);
  const read = inReadingOrder(after);
  const rows = read.map((r, k): Version => ({ row: recordOf(specByTag.get(tagOfRow(after, r))!, k + 2), line: k + 2, recency: 0 }));
  const counted = countedTags(rows, (line) => tagOfRow(after, read[line - 2]!));
  // Compared by content: an identical repeat leaves the earlier row, with its own tag.
  const content = (tags: Map<string, string>) => new Map([...tags].map(([id, tag]) => [id, { ...specByTag.get(tag)!, tag: '', paymentDate: '' }]));
  expect(content(counted)).toEqual(content(expected));
  // And what the batch job counts over every file imported so far, in the order imported: the
  // held rows' download dates (rewritten when a newer download repeats a row unchanged) stand for
  // the downloads imported before.
  const all = [...before, ...files];
  const everyRow = all.flatMap((rows, order) => rows.map((spec) => ({ spec, latest: recencyOf(rows), order })));
  const batchKeys = [...new Set(everyRow.map(key))].sort();
  const batch = countedTags(
    everyRow.map((v, i): Version => ({ row: recordOf(v.spec, i + 2), line: i + 2, recency: batchKeys.indexOf(key(v)) })),
    (line) => everyRow[line - 2]!.spec.tag,
  );
  expect(content(counted)).toEqual(content(batch));
  return after;
}

describe('the import and the readable rule', () => {
  test('after each of three imports, the workbook counts the version the rule counts over the versions it held and the files, conflicts and restamps included', () => {
    fc.assert(
      fc.property(fc.array(filesArb, { minLength: 3, maxLength: 3 }), (imports) => {
        const specByTag = new Map(imports.flat(2).map((s) => [s.tag, s]));
        let table = EMPTY;
        for (const [i, files] of imports.entries()) {
          // The workbook as the imports before left it: its conflicts are rows of their own, its rows stamped with their downloads.
          const before = imports.slice(0, i).flat(1);
          table = importChecked(table, files, before.length, specByTag, before);
        }
      }),
      { numRuns: 600 },
    );
  });
});
