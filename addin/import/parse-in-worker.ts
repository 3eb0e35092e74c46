import type { ReadResult } from './read-export-file.js';

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (r: ReadResult) => void; reject: (e: Error) => void }>();

function getWorker(): Worker {
  if (!worker) {
    // webpack turns this into a separate same-origin script (CSP: worker-src 'self').
    worker = new Worker(new URL('./csv.worker.ts', import.meta.url));
    worker.onmessage = (event: MessageEvent<{ id: number; result?: ReadResult; error?: string }>) => {
      const entry = waiting.get(event.data.id);
      if (!entry) return;
      waiting.delete(event.data.id);
      const result = event.data.result;
      // The rows stay packed: the plan reads them where they are (packed-rows.ts).
      if (result) entry.resolve(result);
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

/** Reads and parses an export file (or a zip of them) in the Web Worker, off the pane's thread. */
export function parseInWorker(file: File): Promise<ReadResult> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    getWorker().postMessage({ id, file });
  });
}
