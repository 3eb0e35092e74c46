import { parseExport, unreadableExport, type ParsedExport } from './parse-export.js';
import type { PackedRows } from './packed-rows.js';
import { decodeExport, type DecodedExport } from './decode-export.js';
import { unzipExports, type ZipProblem } from './unzip.js';
import { orderSources } from '../../core/tables/source-order.js';
import { CONTENT_SNIFF_BYTES, fileKindDecision } from '../../core/tables/file-kind.js';
import { zipEntrySourceName } from '../../core/tables/zip-entries.js';

export interface ReadResult {
  /** Each export's rows packed (packed-rows.ts): as the worker posts them and the plan reads them. */
  readonly parsed: ParsedExport<PackedRows>[];
  /** Zip entries not imported, and why. */
  readonly skipped: ({ file: string } & ZipProblem)[];
  /** A plain file's text (not a zip's), which its rows may point into (csv-scan.ts). */
  readonly text?: string;
}


/** One export's decoded bytes parsed; bytes that are not text in core's encoding rule are the file's one problem, with its line. */
function parseDecoded(file: string, decoded: DecodedExport): { parsed: ParsedExport<PackedRows>; text?: string } {
  if (!decoded.ok) return { parsed: unreadableExport(file, decoded.code, decoded.line, decoded.input) };
  return { parsed: parseExport(file, decoded.text), text: decoded.text };
}

/**
 * One export file, or every CSV/TSV inside a zipped one (in core's order of sources), parsed. What
 * the file is, is core's file kind (docs/RULES.md, "Which files are exports"): its first bytes,
 * whatever its name, as the batch job decides; a workbook is the file's one problem.
 */
export async function readExportFile(file: Blob & { name: string }): Promise<ReadResult> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = fileKindDecision(file.name, bytes.subarray(0, CONTENT_SNIFF_BYTES));
  if (typeof kind === 'object') return { parsed: [unreadableExport(file.name, 'unsupported_file', 1, kind.refused)], skipped: [] };
  if (kind === 'text') {
    const { parsed, text } = parseDecoded(file.name, decodeExport(bytes));
    return { parsed: [parsed], skipped: [], ...(text === undefined ? {} : { text }) };
  }
  const unzipped = await unzipExports(bytes);
  return {
    parsed: unzipped.entries.map((e) => parseDecoded(zipEntrySourceName(file.name, e.name), e.decoded).parsed),
    skipped: unzipped.problems.map((p) => ({ file: file.name, ...p })),
  };
}

/**
 * A plain file's text as `readExportFile` decodes it (the page reads it beside the worker:
 * parse-in-worker.ts); '' when it is not text, as then no rows point into it.
 */
export async function exportFileText(file: Blob): Promise<string> {
  const decoded = decodeExport(new Uint8Array(await file.arrayBuffer()));
  return decoded.ok ? decoded.text : '';
}

/**
 * The files picked together in the pane, each read by `read` (the worker, in the pane), in core's
 * order of sources: by name, not the dialog's order, which is the operating system's. On a tie in
 * download recency the file read later counts, as in the batch job (docs/RULES.md, "Order of sources").
 */
export async function readPickedFiles<F extends { readonly name: string }>(files: readonly F[], read: (file: F) => Promise<ReadResult>): Promise<ReadResult[]> {
  const results: ReadResult[] = [];
  for (const file of orderSources(files, (f) => f.name)) results.push(await read(file));
  return results;
}
