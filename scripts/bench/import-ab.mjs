// The add-in's import planning in Node, two or more source trees A/B in one process, taking turns:
//   node scripts/bench/import-ab.mjs --file .bench-cache/earnings-100000-seed1.csv [--rounds 16] [--warmup 2] DIR...
// Each DIR is a checkout of this repo with node_modules; its add-in and core are compiled as they
// stand with its own tsc (compile-tree.mjs, into DIR/.bench-cache/import-ab, git-ignored). Per round, each tree times
// the Web Worker's parse of the export (`parseExport`, rows packed), parses it for the plan
// (`parseExportText`) and times `planImport` twice: into an empty Earnings table, and the
// same file again over the table the first plan would write (every row a repeat, the re-download
// case). The trees take turns, which goes first alternating between rounds. Prints median / first
// quartile / fastest (ms, `performance.now()`).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { compileTree } from './compile-tree.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    file: { type: 'string' },
    rounds: { type: 'string', default: '16' },
    warmup: { type: 'string', default: '2' },
  },
});
if (!values.file) {
  process.stderr.write('usage: node scripts/bench/import-ab.mjs --file EXPORT [--rounds N] [--warmup N] DIR...\n');
  process.exit(2);
}
const dirs = positionals.length > 0 ? positionals : ['.'];
const rounds = Number.parseInt(values.rounds, 10);
const warmup = Number.parseInt(values.warmup, 10);
const loaders = new Map(dirs.map((dir) => [dir, compileTree(dir, 'import-ab')]));
const load = (dir, path) => loaders.get(dir)(path);
const text = readFileSync(values.file, 'utf8');

const trees = [];
for (const dir of dirs) {
  const { parseExport, parseExportText } = await load(dir, 'addin/import/parse-export.js');
  const { planImport, existingEarnings } = await load(dir, 'addin/import/plan-import.js');
  const { EARNINGS_COLUMNS } = await load(dir, 'core/workbook-layout.js');
  // existingEarnings took (headers, rows) before it took the table read ({ headers, rows, rowNumbers }).
  const held = (table) => (existingEarnings.length >= 2 ? existingEarnings(table.headers, table.rows) : existingEarnings(table));
  trees.push({ dir, parseExport, parseExportText, planImport, held, headers: EARNINGS_COLUMNS.map((c) => c.name), parse: [], fresh: [], again: [] });
}

for (let round = 0; round < warmup + rounds; round++) {
  for (const t of round % 2 === 0 ? trees : [...trees].reverse()) {
    let started = performance.now();
    t.parseExport('earnings.csv', text);
    const parse = performance.now() - started;
    const parsed = t.parseExportText('earnings.csv', text);
    started = performance.now();
    const plan = t.planImport(t.headers, new Map(), [parsed], undefined, { dateSystem: '1900' });
    const fresh = performance.now() - started;
    const headers = [...t.headers, ...plan.newColumns];
    // The table as Excel reads it back: a text cell written with Excel's text prefix (') holds the text without it.
    const rows = plan.cells.map((row) => row.map((v) => (typeof v === 'string' && v.startsWith("'") ? v.slice(1) : v)));
    const existing = t.held({ headers, rows, rowNumbers: rows.map((_, i) => i + 2), dateSystem: '1900' });
    started = performance.now();
    const again = t.planImport(headers, existing, [parsed], undefined, { dateSystem: '1900' });
    const repeat = performance.now() - started;
    if (round === 0) {
      const f = again.files[0];
      console.log(`${t.dir}: ${plan.cells.length} rows planned; the same file again: ${f.added} added, ${f.updated} updated, ${f.skipped} skipped`);
    }
    if (round >= warmup) {
      t.parse.push(parse);
      t.fresh.push(fresh);
      t.again.push(repeat);
    }
  }
}
const stats = (list) => {
  const s = [...list].sort((a, b) => a - b);
  return [s[Math.floor(s.length / 2)], s[Math.floor(s.length / 4)], s[0]].map((x) => x.toFixed(0)).join(' / ');
};
console.log(`\nparseExport and planImport, ms, median / first quartile / fastest over ${rounds} rounds after ${warmup} of warm-up`);
for (const t of trees) console.log(`${t.dir}: the parse ${stats(t.parse)}; into an empty table ${stats(t.fresh)}; the same file again over it ${stats(t.again)}`);
