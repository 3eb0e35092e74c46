// Compares two report sets written by `coop-ledger reconcile` (e.g. the same 1M export run by two
// builds), for speed work that must not change a byte of output:
//
//   node scripts/bench/compare-reports.mjs reports-before reports-after
//
// - the same file names in both folders;
// - every file but the workbook byte for byte;
// - the workbook: byte for byte when it can be; otherwise each zip entry's uncompressed bytes,
//   and, read back with exceljs, per sheet its name, views (frozen panes), autofilter, column
//   widths, and every cell's address, type, value and whole style (number format, font, fill,
//   border, alignment, protection).
// Prints what differs and exits 1 if anything does.
import { readFile, readdir } from 'node:fs/promises';
import { Buffer } from 'node:buffer';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';

const [before, after] = process.argv.slice(2);
if (!before || !after) {
  process.stderr.write('usage: node scripts/bench/compare-reports.mjs DIR_BEFORE DIR_AFTER\n');
  process.exit(2);
}

const differences = [];
const differ = (what) => {
  differences.push(what);
  if (differences.length <= 50) process.stdout.write(`DIFFERS: ${what}\n`);
};

const namesBefore = (await readdir(before)).sort();
const namesAfter = (await readdir(after)).sort();
if (namesBefore.join('\n') !== namesAfter.join('\n')) differ(`file names: ${namesBefore.join(' ')} / ${namesAfter.join(' ')}`);

for (const name of namesBefore.filter((n) => namesAfter.includes(n))) {
  const a = await readFile(join(before, name));
  const b = await readFile(join(after, name));
  if (a.equals(b)) {
    process.stdout.write(`same bytes: ${name} (${a.length} bytes)\n`);
    continue;
  }
  if (!name.endsWith('.xlsx')) {
    differ(`${name}: bytes (${a.length} / ${b.length})`);
    continue;
  }
  process.stdout.write(`${name}: bytes differ; comparing zip entries and cells\n`);
  const entriesA = await zipEntries(a);
  const entriesB = await zipEntries(b);
  for (const entry of new Set([...entriesA.keys(), ...entriesB.keys()])) {
    const x = entriesA.get(entry);
    const y = entriesB.get(entry);
    if (!x || !y) differ(`${name}!${entry}: only in ${x ? 'before' : 'after'}`);
    else if (!x.equals(y)) differ(`${name}!${entry}: uncompressed bytes`);
  }
  await compareWorkbooks(name, a, b);
}

if (differences.length > 0) {
  process.stdout.write(`${differences.length} difference(s)\n`);
  process.exit(1);
}
process.stdout.write('identical\n');

function zipEntries(buffer) {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries = new Map();
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          const chunks = [];
          stream.on('data', (c) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

async function compareWorkbooks(name, a, b) {
  const wa = new ExcelJS.Workbook();
  const wb = new ExcelJS.Workbook();
  await wa.xlsx.load(a);
  await wb.xlsx.load(b);
  const sheetsA = wa.worksheets.map((s) => s.name);
  const sheetsB = wb.worksheets.map((s) => s.name);
  if (sheetsA.join('|') !== sheetsB.join('|')) differ(`${name}: sheets ${sheetsA} / ${sheetsB}`);
  let cells = 0;
  for (const sa of wa.worksheets) {
    const sb = wb.getWorksheet(sa.name);
    if (!sb) continue;
    const where = `${name}!${sa.name}`;
    same(`${where} views`, sa.views, sb.views);
    same(`${where} autoFilter`, sa.autoFilter, sb.autoFilter);
    same(`${where} widths`, (sa.columns ?? []).map((c) => c.width), (sb.columns ?? []).map((c) => c.width));
    same(`${where} size`, [sa.rowCount, sa.columnCount], [sb.rowCount, sb.columnCount]);
    for (let r = 1; r <= Math.max(sa.rowCount, sb.rowCount); r++) {
      const ra = sa.getRow(r);
      const rb = sb.getRow(r);
      for (let c = 1; c <= Math.max(sa.columnCount, sb.columnCount); c++) {
        const ca = ra.getCell(c);
        const cb = rb.getCell(c);
        cells += 1;
        same(`${where}!${ca.address}`, describe(ca), describe(cb));
      }
    }
  }
  process.stdout.write(`${name}: ${cells} cells compared\n`);
}

function describe(cell) {
  return { type: cell.type, value: cell.value instanceof Date ? cell.value.toISOString() : cell.value, style: cell.style };
}

function same(what, x, y) {
  const jx = JSON.stringify(x);
  const jy = JSON.stringify(y);
  if (jx !== jy) differ(`${what}: ${jx} / ${jy}`);
}
