import { parseExport, type ParsedExport } from './parse-export.js';
import type { PackedRows } from './packed-rows.js';
import { unzipExports, type ZipProblemCode } from './unzip.js';

export interface ReadResult {
  /** Each export's rows packed (packed-rows.ts): as the worker posts them and the plan reads them. */
  readonly parsed: ParsedExport<PackedRows>[];
  /** Zip entries not imported, and why. */
  readonly skipped: { file: string; entry: string; code: ZipProblemCode }[];
}

/** One export file, or every CSV/TSV inside a zipped one, parsed. */
export async function readExportFile(file: Blob & { name: string }): Promise<ReadResult> {
  if (!/\.zip$/i.test(file.name)) return { parsed: [parseExport(file.name, await file.text())], skipped: [] };
  const unzipped = await unzipExports(new Uint8Array(await file.arrayBuffer()));
  return {
    parsed: unzipped.entries.map((e) => parseExport(`${file.name}/${e.name}`, e.text)),
    skipped: unzipped.problems.map((p) => ({ file: file.name, entry: p.entry, code: p.code })),
  };
}
