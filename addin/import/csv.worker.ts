/// <reference lib="webworker" />
/**
 * Parses export files off the UI thread. Receives `{ id, file }` (a File), answers
 * `{ id, result }` (ReadResult, its rows packed: packed-rows.ts, their typed arrays transferred) or `{ id, error }`. Files are read as text (UTF-8) before
 * parsing, so multi-byte characters never split across chunks; zips are opened here too.
 */
import { readExportFile } from './read-export-file.js';
import { transferablesOf } from './packed-rows.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<{ id: number; file: File }>) => {
  const { id, file } = event.data;
  try {
    const result = await readExportFile(file);
    scope.postMessage({ id, result }, transferablesOf(result.parsed));
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
