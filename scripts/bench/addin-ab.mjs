// The add-in's recalculations in Node, two source trees A/B in one process, taking turns:
//   node scripts/bench/addin-ab.mjs [--rounds 26] [--warmup 4] [--rows 100000] [--claims 2000] [--only scratch,pass,edit] [--cpu] DIR...
// Each DIR is a checkout of this repo (e.g. a `git worktree` of main, and `.`) with node_modules;
// its add-in and core are compiled as they stand with its own tsc (`tsc -p addin`, ES2022, into
// DIR/.bench-cache/addin-ab, git-ignored), as the add-in's build compiles them, and imported from
// there. Per round, each tree runs the measures of
// addin/bench/bench.ts on the same generated tables (addin/bench/generate-tables.ts of the first
// DIR): from scratch (`computeLedger`, the pane's first load), the same with what load-ledger.ts
// adds to it (`load`: the fingerprints of the tables read), the earnings pass alone
// (`readEarningsPass`) and settling the kept pass after a claim edit (`settleLedger`). The trees
// take turns within a round, and which goes first alternates between rounds, so load from
// elsewhere falls on all alike. Prints median / first quartile / fastest (ms, `performance.now()`).
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { compileTree } from './compile-tree.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '26' },
    warmup: { type: 'string', default: '4' },
    rows: { type: 'string', default: '100000' },
    claims: { type: 'string', default: '2000' },
    only: { type: 'string' },
    cpu: { type: 'boolean', default: false },
  },
});
const dirs = positionals.length > 0 ? positionals : ['.'];
const rounds = Number.parseInt(values.rounds, 10);
const warmup = Number.parseInt(values.warmup, 10);
const loaders = new Map(dirs.map((dir) => [dir, compileTree(dir, 'addin-ab')]));
const load = (dir, path) => loaders.get(dir)(path);

const { generateTables } = await load(dirs[0], 'addin/bench/generate-tables.ts');
const tables = generateTables(Number.parseInt(values.rows, 10), Number.parseInt(values.claims, 10), 20);
// A table read says its workbook's date system since the add-in reads 1904 workbooks; the generated
// serials are 1900 ones. A tree from before that ignores the field.
for (const table of Object.values(tables)) table.dateSystem ??= '1900';

const trees = [];
for (const dir of dirs) {
  const ledger = await load(dir, 'addin/ledger/workbook-ledger.ts');
  const { fingerprintOf } = await load(dir, 'addin/ledger/load-ledger.ts');
  const { ClaimParses } = await load(dir, 'addin/ledger/claim-parses.ts');
  const { withSettings } = await load(dir, 'core/settings.ts');
  const settings = withSettings();
  const options = { asOf: '2022-02-10', settings };
  const programs = ledger.catalogOf(null);
  const parses = new ClaimParses();
  const claims = { ...tables.claims, rows: tables.claims.rows.map((r) => [...r]) };
  const amount = claims.headers.indexOf('amountClaimed');
  // settleLedger's third argument was the Claims table before the Payments table came, and is
  // `{ claims, payments }` since: one object that is both, so that trees on either side of that
  // change settle the same claims (and no payments).
  const claimsArg = (table) => Object.assign({ claims: table, payments: null }, table);
  let kept = null;
  let edits = 0;
  let pools = 0;
  const measures = {
    scratch: () => {
      const l = ledger.computeLedger({ earnings: tables.earnings, programs: null, claims: tables.claims }, options);
      pools = l.balances.map((b) => ledger.balanceToCells(b, '1900')).length;
    },
    // What load-ledger.ts computes on the pane's first load once the tables are read: the
    // Earnings pass and its fingerprint, the claims parsed afresh and settled, and the fingerprint
    // of everything read.
    load: () => {
      const pass = ledger.readEarningsPass(tables.earnings, programs.catalog, settings);
      const earningsPrint = fingerprintOf([tables.earnings]);
      const l = ledger.settleLedger(pass, programs, claimsArg(tables.claims), options, new ClaimParses());
      fingerprintOf([earningsPrint, null, tables.claims]);
      pools = l.balances.map((b) => ledger.balanceToCells(b, '1900')).length;
    },
    pass: () => {
      kept = ledger.readEarningsPass(tables.earnings, programs.catalog, settings);
    },
    edit: () => {
      const row = claims.rows[edits++ % claims.rows.length];
      row[amount] = Number(row[amount]) + 1;
      kept ??= ledger.readEarningsPass(tables.earnings, programs.catalog, settings);
      pools = ledger.settleLedger(kept, programs, claimsArg(claims), options, parses).balances.map((b) => ledger.balanceToCells(b, '1900')).length;
    },
  };
  const names = values.only ? values.only.split(',') : Object.keys(measures);
  trees.push({ dir, names, measures, timings: Object.fromEntries(names.map((n) => [n, []])), pools: () => pools });
}

// Wall time by default; with --cpu the process's CPU time (user + system, every thread: the
// collector's helpers too), which waiting for a core shared with other work does not inflate.
const time = values.cpu
  ? (once) => {
      const t0 = process.cpuUsage();
      once();
      const d = process.cpuUsage(t0);
      return (d.user + d.system) / 1000;
    }
  : (once) => {
      const t0 = performance.now();
      once();
      return performance.now() - t0;
    };
for (let r = -warmup; r < rounds; r++) {
  const order = r % 2 === 0 ? trees : [...trees].reverse();
  for (const tree of order) {
    for (const name of tree.names) {
      const t = time(tree.measures[name]);
      if (r >= 0) tree.timings[name].push(t);
    }
  }
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const fmt = (v) => v.toFixed(1);
for (const tree of trees) {
  const cells = tree.names.map((name) => {
    const sorted = [...tree.timings[name]].sort((a, b) => a - b);
    return `${name} ${fmt(quantile(sorted, 0.5))} / ${fmt(quantile(sorted, 0.25))} / ${fmt(sorted[0])}`;
  });
  console.log(`${tree.dir} (pools ${tree.pools()}, ${rounds} rounds, ${values.cpu ? 'CPU' : 'wall'} median / q1 / min ms): ${cells.join('   ')}`);
}
