import { exportBody } from './parse-export.js';
import { exportFileText, type ReadResult } from './read-export-file.js';
import { isZipFileName } from '../../core/tables/export-files.js';

/**
 * What the worker answers (csv.worker.ts): where `textOnPage[i]` is a number, export i's rows came
 * without their text, the file's own, of that length.
 */
interface WorkerAnswer {
  readonly id: number;
  readonly result?: ReadResult;
  readonly textOnPage?: readonly (number | null)[];
  readonly error?: string;
}

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (r: WorkerAnswer) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (!worker) {
    // webpack turns this into a separate same-origin script (CSP: worker-src 'self').
    worker = new Worker(new URL('./csv.worker.ts', import.meta.url));
    worker.onmessage = (event: MessageEvent<WorkerAnswer>) => {
      const entry = waiting.get(event.data.id);
      if (!entry) return;
      waiting.delete(event.data.id);
      if (event.data.result) entry.resolve(event.data);
      else entry.reject(new Error(event.data.error ?? 'parse failed'));
    };
    worker.onerror = (event: ErrorEvent) => {
      // A worker that cannot start or crashes fails every file still waiting, rather than hanging.
      const error = new Error(event.message || 'the CSV worker failed');
      for (const entry of waiting.values()) entry.reject(error);
      waiting.clear();
      worker?.terminate();
      worker = null;
    };
  }
  return worker;
}

/**
 * Reads and parses an export file (or a zip of them) in the Web Worker, off the pane's thread. The
 * rows stay packed: the plan reads them where they are (packed-rows.ts). A plain file's text is
 * read here too, while the worker scans it, so that the worker need not send it back.
 */
export async function parseInWorker(file: File): Promise<ReadResult> {
  const id = nextId++;
  const answer = new Promise<WorkerAnswer>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    getWorker().postMessage({ id, file });
  });
  // Decoded as the worker decodes it (core's encoding rule), so the two texts are the same.
  const text = isZipFileName(file.name) ? Promise.resolve('') : exportFileText(file);
  const [{ result, textOnPage }, fileText] = await Promise.all([answer, text]);
  const read = result!;
  if (!textOnPage?.some((length) => length !== null)) return read;
  const body = exportBody(fileText);
  // The rows point into the text the worker read: a file changed on disk in between would be read as nonsense.
  if (textOnPage.some((length) => length !== null && length !== body.length)) throw new Error(`${file.name} changed while it was being read; import it again`);
  return { ...read, parsed: read.parsed.map((p, i) => (textOnPage[i] !== null ? { ...p, rows: { ...p.rows, text: body } } : p)) };
}
