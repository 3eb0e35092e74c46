import { parseExport, type ParsedExport } from './parse-export.js';
import type { PackedRows } from './packed-rows.js';
import { unzipExports, type ZipProblemCode } from './unzip.js';

export interface ReadResult {
  /** Each export's rows packed (packed-rows.ts): as the worker posts them and the plan reads them. */
  readonly parsed: ParsedExport<PackedRows>[];
  /** Zip entries not imported, and why. */
  readonly skipped: { file: string; entry: string; code: ZipProblemCode }[];
  /** A plain file's text (not a zip's), which its rows may point into (csv-scan.ts). */
  readonly text?: string;
}

/** Whether a file is read as a zip of exports rather than as one. */
export function isZipFile(name: string): boolean {
  return /\.zip$/i.test(name);
}

/** One export file, or every CSV/TSV inside a zipped one, parsed. */
export async function readExportFile(file: Blob & { name: string }): Promise<ReadResult> {
  if (!isZipFile(file.name)) {
    const text = await file.text();
    return { parsed: [parseExport(file.name, text)], skipped: [], text };
  }
  const unzipped = await unzipExports(new Uint8Array(await file.arrayBuffer()));
  return {
    parsed: unzipped.entries.map((e) => parseExport(`${file.name}/${e.name}`, e.text)),
    skipped: unzipped.problems.map((p) => ({ file: file.name, entry: p.entry, code: p.code })),
  };
}
