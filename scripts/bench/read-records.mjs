// One measurement of the batch job's CSV reader alone, in its own process:
//   node scripts/bench/read-records.mjs FILE
// The built reader (build/batch/input/csv-records.js) over the file, cutting out the columns the
// ledger reads as reconcile does, a callback that does no work per record: what the reader costs
// next to the bare papaparse parse of the same file. Prints one JSON line: rows, maxRssKB,
// cpuSeconds (user + system).
import { createReadStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { readCsvRecords } = await import(join(root, 'build/batch/input/csv-records.js'));
const { EARNINGS_COLUMNS, REQUIRED_EARNINGS_COLUMNS } = await import(join(root, 'build/core/workbook-layout.js'));

const file = process.argv[2];
const known = EARNINGS_COLUMNS.map((c) => c.name);
let rows = 0;
let errors = 0;
await readCsvRecords(
  // 256 KB reads, as the job's own file source reads.
  { name: file, open: () => Promise.resolve(createReadStream(file, { highWaterMark: 1 << 18 })) },
  {
    required: REQUIRED_EARNINGS_COLUMNS,
    known,
    reads: known,
    onFields: () => void rows++,
    onIssue: (issue) => void (issue.severity === 'error' && errors++),
  },
);
if (errors > 0) throw new Error(`${errors} errors reading ${file}`);
const usage = process.resourceUsage();
process.stdout.write(JSON.stringify({ rows, maxRssKB: usage.maxRSS, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 }) + '\n');
