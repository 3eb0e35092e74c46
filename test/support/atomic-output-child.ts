// Run by the SIGKILL test: writes a full new set of outputs slowly, so a kill can land anywhere.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withAtomicOutput } from '../../batch/output/atomic-output.js';

const [outDir, content] = process.argv.slice(2) as [string, string];
const FILES = ['balances.csv', 'findings.csv', 'claims.csv', 'journal.csv', 'summary.json'];

await withAtomicOutput(
  outDir,
  async (tmp) => {
    process.stdout.write('started\n');
    for (const name of FILES) {
      await writeFile(join(tmp, name), `${content} ${name}\n`);
      await new Promise((r) => setTimeout(r, 5));
    }
  },
  { ownedFiles: FILES },
);
process.stdout.write('done\n');
