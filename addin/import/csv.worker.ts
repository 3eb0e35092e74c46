/// <reference lib="webworker" />
/**
 * Parses export files off the UI thread. Receives `{ id, file }` (a File), answers
 * `{ id, parsed }` or `{ id, error }`. Reads the file as text (UTF-8) before parsing, so
 * multi-byte characters never split across chunks.
 */
import { parseExportText } from './parse-export.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<{ id: number; file: File }>) => {
  const { id, file } = event.data;
  try {
    const text = await file.text();
    scope.postMessage({ id, parsed: parseExportText(file.name, text) });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
