/// <reference lib="webworker" />
/**
 * Parses export files off the UI thread. Receives `{ id, file }` (a File), answers
 * `{ id, result, textOnPage }` (ReadResult, its rows packed: packed-rows.ts, their typed arrays
 * transferred) or `{ id, error }`. Files are decoded whole before parsing (core's encoding rule:
 * decode-export.ts), so multi-byte characters never split across chunks; zips are opened here too.
 */
import { exportBody } from './parse-export.js';
import { transferablesOf } from './packed-rows.js';
import { readExportFile } from './read-export-file.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<{ id: number; file: File }>) => {
  const { id, file } = event.data;
  try {
    const { text, ...result } = await readExportFile(file);
    // Rows that point into a plain file's own text travel without it: the page reads the file
    // itself while this worker scans it (parseInWorker). Copying 30 MB into the message and out
    // again on the page took longer than the scan.
    const body = text === undefined ? undefined : exportBody(text);
    const textOnPage = result.parsed.map((p) => (p.rows.text === body ? body.length : null));
    const parsed = result.parsed.map((p, i) => (textOnPage[i] !== null ? { ...p, rows: { ...p.rows, text: '' } } : p));
    scope.postMessage({ id, result: { ...result, parsed }, textOnPage }, transferablesOf(parsed));
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
