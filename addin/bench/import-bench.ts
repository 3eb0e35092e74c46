/**
 * The add-in's import, timed end to end in the browser: an export file read and parsed in the
 * Web Worker, the import planned, and the rows written to the Earnings table in blocks, through
 * the same parseInWorker and importExports the Import tab uses. The workbook is the in-memory fake
 * of office.js the end-to-end test uses (served by scripts/bench-addin.mjs as fake-office.js), set
 * up afresh for every run. The time the fake spends applying each batch (what Excel would do) is
 * reported apart, so the add-in's own share can be read off.
 */
import { EARNINGS_COLUMNS } from '../../core/workbook-layout.js';
import { parseInWorker } from '../import/parse-in-worker.js';
import { planImport } from '../import/plan-import.js';
import { importExports, setUpWorkbook } from '../taskpane/workbook-ops.js';

interface FakeOfficeGlobal {
  reset(): void;
  readonly model: { readonly syncs: number };
}

export interface ImportRun {
  /** Reading and parsing the file in the worker, until its rows are back on the page. */
  readonly parseMs: number;
  /** importExports: reading the table, planning, adding columns, writing the blocks. */
  readonly importMs: number;
  readonly totalMs: number;
  /** Of importMs, the time the fake workbook took to apply the batches at each sync. */
  readonly fakeSyncMs: number;
  /** planImport alone on the parsed rows (also inside importMs): packed, as the Import tab passes them, so the strings of their cells are made as it reads them. */
  readonly planMs: number;
  readonly added: number;
  readonly rejected: number;
  readonly syncs: number;
}

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src} did not load`));
    document.head.append(script);
  });
}

/** Adds up the time spent in the fake's sync (applying the queued batch), run after run. */
function timeSyncs(): { take(): number } {
  const proto = (Excel.RequestContext as unknown as { prototype: { sync(): Promise<void> } }).prototype;
  const sync = proto.sync;
  let total = 0;
  proto.sync = async function timedSync(this: unknown) {
    const t0 = performance.now();
    await sync.call(this);
    total += performance.now() - t0;
  };
  return {
    take() {
      const t = total;
      total = 0;
      return t;
    },
  };
}

export async function runImportBench(exportUrl: string, runs: number, warmup: boolean): Promise<{ file: string; bytes: number; runs: ImportRun[] }> {
  await loadScript('fake-office.js');
  const fake = (window as unknown as { FakeOffice: FakeOfficeGlobal }).FakeOffice;
  const blob = await (await fetch(exportUrl)).blob();
  const name = exportUrl.split('/').pop() ?? 'export.csv';
  const file = new File([blob], name, { type: 'text/csv' });
  const syncs = timeSyncs();
  const once = async (): Promise<ImportRun> => {
    fake.reset();
    await setUpWorkbook();
    const syncsBefore = fake.model.syncs;
    syncs.take();
    const t0 = performance.now();
    const read = await parseInWorker(file);
    const t1 = performance.now();
    const outcome = await importExports(read.parsed, () => undefined);
    const t2 = performance.now();
    const fakeSyncMs = syncs.take();
    const p0 = performance.now();
    // The fake workbook just set up is in Excel's default system, as the import above found.
    planImport(EARNINGS_COLUMNS.map((c) => c.name), new Map(), read.parsed, undefined, { dateSystem: '1900' });
    const planMs = performance.now() - p0;
    return {
      parseMs: t1 - t0,
      importMs: t2 - t1,
      totalMs: t2 - t0,
      fakeSyncMs,
      planMs,
      added: outcome.written,
      rejected: outcome.plan.rejected.length,
      syncs: fake.model.syncs - syncsBefore,
    };
  };
  if (warmup) await once(); // JIT, the worker's start
  const results: ImportRun[] = [];
  for (let i = 0; i < runs; i++) results.push(await once());
  return { file: name, bytes: blob.size, runs: results };
}
