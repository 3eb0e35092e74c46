/**
 * Generates Partner Center "Earnings – Default"-shaped exports for tests, demos and the
 * benchmark, and regenerates the bundled sample data.
 *
 *   npx tsx scripts/generate-exports.ts --rows 1000000 --seed 1 --out /tmp/earnings.csv
 *   npx tsx scripts/generate-exports.ts --rows 1000000 --split-monthly /tmp/earnings/
 *   npx tsx scripts/generate-exports.ts --sample [DIR]     (default DIR: samples)
 *
 * Same options and seed ⇒ byte-identical files. Rows stream to disk in chunks, so memory stays
 * flat however many rows are asked for.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Writable } from 'node:stream';
import { bulkExportChunks, EXPORT_SHAPES, exportHeader, type BulkExportOptions, type ExportShape } from './generate/bulk-export.js';
import { sampleFiles, type SampleFile } from './generate/sample-data.js';

export { bulkExportChunks, EXPORT_SHAPES, exportHeader, type BulkExportOptions, type ExportChunk, type ExportShape } from './generate/bulk-export.js';
export { EXPORT_COLUMNS, NARROW_EXPORT_COLUMNS } from './generate/export-columns.js';
export { sampleFiles, type SampleFile } from './generate/sample-data.js';

export interface ExportSummary {
  readonly rows: number;
  readonly bytes: number;
  /** The files written, when the function wrote files. */
  readonly files: readonly string[];
}

async function write(out: Writable, text: string): Promise<number> {
  if (!out.write(text)) await once(out, 'drain');
  return Buffer.byteLength(text);
}

async function close(out: Writable): Promise<void> {
  out.end();
  await once(out, 'finish');
}

/**
 * Writes one export (header and `options.rows` rows) to `out`, respecting backpressure. The
 * stream is left open: the caller ends it.
 */
export async function generateExport(options: BulkExportOptions, out: Writable): Promise<ExportSummary> {
  let bytes = await write(out, exportHeader(options.lineEnding, options.shape));
  let rows = 0;
  for (const chunk of bulkExportChunks(options)) {
    bytes += await write(out, chunk.text);
    rows += chunk.rows;
  }
  return { rows, bytes, files: [] };
}

/** Writes one export to a file (its folder created). */
export async function generateExportFile(options: BulkExportOptions, path: string): Promise<ExportSummary> {
  await mkdir(dirname(resolve(path)), { recursive: true });
  const out = createWriteStream(path);
  const summary = await generateExport(options, out);
  await close(out);
  return { ...summary, files: [path] };
}

/**
 * Writes the same rows as `generateExport`, one file per earning month
 * (`earnings_2021-07.csv`), each with its header, as Partner Center splits large downloads.
 */
export async function generateMonthlyExports(options: BulkExportOptions, dir: string): Promise<ExportSummary> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  let out: Writable | null = null;
  let month = '';
  let rows = 0;
  let bytes = 0;
  for (const chunk of bulkExportChunks(options)) {
    if (chunk.month !== month) {
      if (out) await close(out);
      month = chunk.month;
      const path = join(dir, `earnings_${month}.csv`);
      files.push(path);
      out = createWriteStream(path);
      bytes += await write(out, exportHeader(options.lineEnding, options.shape));
    }
    bytes += await write(out!, chunk.text);
    rows += chunk.rows;
  }
  if (out) await close(out);
  return { rows, bytes, files };
}

/** Writes the bundled sample files into `dir` (samples/README.md is not generated). */
export async function writeSamples(dir: string): Promise<SampleFile[]> {
  const files = sampleFiles();
  for (const f of files) {
    const path = join(dir, ...f.path.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, f.content, 'utf8');
  }
  return files;
}

export interface CliArgs {
  readonly rows?: number;
  readonly seed: string;
  readonly out?: string;
  readonly splitMonthly?: string;
  readonly sample?: string;
  readonly shape?: ExportShape;
  readonly help: boolean;
}

export const USAGE = `Usage:
  npx tsx scripts/generate-exports.ts --rows N [--seed S] [--shape SHAPE] --out FILE
  npx tsx scripts/generate-exports.ts --rows N [--seed S] --split-monthly DIR
  npx tsx scripts/generate-exports.ts --sample [DIR]

  --rows N             data rows to write (exactly N; about 0.3 GB per million)
  --seed S             any text; same seed => byte-identical files (default: 1)
  --out FILE           one CSV file with every row
  --split-monthly DIR  one CSV per earning month, earnings_yyyy-MM.csv
  --shape SHAPE        default (a name quoted when it holds a comma), quoted-name (a quoted
                       customer name in every row), all-quoted (every field quoted) or narrow
                       (the ledger's columns and a few more); default: default
  --sample [DIR]       regenerate the bundled sample data (default DIR: samples)
`;

/** Parses the command line; throws a RangeError with the reason on misuse. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: { rows?: number; seed: string; out?: string; splitMonthly?: string; sample?: string; shape?: ExportShape; help: boolean } = { seed: '1', help: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new RangeError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--rows': {
        const text = value().replace(/_/g, '');
        if (!/^\d+$/.test(text)) throw new RangeError(`--rows must be a whole number, got ${text}`);
        args.rows = Number.parseInt(text, 10);
        break;
      }
      case '--seed':
        args.seed = value();
        break;
      case '--out':
        args.out = value();
        break;
      case '--split-monthly':
        args.splitMonthly = value();
        break;
      case '--shape': {
        const shape = value();
        if (!(EXPORT_SHAPES as readonly string[]).includes(shape)) throw new RangeError(`--shape must be one of ${EXPORT_SHAPES.join(', ')}, got ${shape}`);
        args.shape = shape as ExportShape;
        break;
      }
      case '--sample':
        args.sample = argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--') ? argv[++i]! : 'samples';
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new RangeError(`unknown option ${flag}`);
    }
  }
  if (!args.help && args.sample === undefined) {
    if (args.rows === undefined) throw new RangeError('--rows is required');
    if (args.out === undefined && args.splitMonthly === undefined) throw new RangeError('--out or --split-monthly is required');
  }
  return args;
}

/** The command, without process.exit: returns the exit code. */
export async function main(argv: readonly string[], stdout: Writable, stderr: Writable): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    stdout.write(USAGE);
    return 0;
  }
  if (args.sample !== undefined) {
    const files = await writeSamples(args.sample);
    stdout.write(`wrote ${files.length} sample files to ${args.sample}\n`);
    return 0;
  }
  const options: BulkExportOptions = { rows: args.rows!, seed: args.seed, ...(args.shape ? { shape: args.shape } : {}) };
  const started = process.hrtime.bigint();
  const results: ExportSummary[] = [];
  if (args.out !== undefined) results.push(await generateExportFile(options, args.out));
  if (args.splitMonthly !== undefined) results.push(await generateMonthlyExports(options, args.splitMonthly));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  for (const r of results) {
    const where = r.files.length === 1 ? r.files[0] : `${r.files.length} files in ${args.splitMonthly}`;
    stdout.write(`${r.rows} rows, ${r.bytes} bytes -> ${where}\n`);
  }
  stdout.write(`done in ${seconds.toFixed(1)} s\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2), process.stdout, process.stderr).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      process.exit(70);
    },
  );
}
