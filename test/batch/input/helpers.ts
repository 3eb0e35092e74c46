import { deflateRawSync } from 'node:zlib';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sourceFromChunks, type InputSource } from '../../../batch/input/input-source.js';
import type { InputIssue } from '../../../batch/input/input-issue.js';
import { readCsvRecords, type CsvReadSummary, type ReadCsvOptions, type RejectedRow } from '../../../batch/input/csv-records.js';
import { readEarnings, type ReadEarningsOptions } from '../../../batch/input/read-earnings.js';
import type { EarningRow } from '../../../batch/input/earning-row.js';

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
): Promise<Collected<EarningRow>> {
  const rows: EarningRow[] = [];
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

// ---- a small zip writer, so tests can build exactly the archives they need (bombs, slips) ----

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntrySpec {
  name: string;
  data: Uint8Array | string;
  /** Deflate (default) or store. */
  method?: 'deflate' | 'store';
  /** Lie about the uncompressed size in the headers (zip bombs do). */
  declaredSize?: number;
}

export function makeZip(entries: readonly ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const spec of entries) {
    const data = typeof spec.data === 'string' ? Buffer.from(spec.data, 'utf8') : Buffer.from(spec.data);
    const method = spec.method === 'store' ? 0 : 8;
    const body = method === 8 ? deflateRawSync(data) : data;
    const name = Buffer.from(spec.name, 'utf8');
    const size = spec.declaredSize ?? data.length;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
