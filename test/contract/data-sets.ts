import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bulkExportChunks, exportHeader } from '../../scripts/generate-exports.js';

/** One set of inputs both paths reconcile: export files, an optional register, payments and programs, and the as-of date. */
export interface DataSet {
  readonly name: string;
  readonly earnings: readonly string[];
  readonly claims?: string;
  /** Payments reports, in the order the batch job is given them (`--payments` each) and the add-in imports them. */
  readonly payments?: readonly string[];
  readonly programs?: string;
  readonly asOf: string;
  /** The fiscal year's start month (the workbook's Settings, the batch job's --fiscal-year-start); default 7. */
  readonly fiscalYearStartMonth?: number;
  /** The expiry horizons (the workbook's Settings, the batch job's --expiry-days); default core's. */
  readonly expiryDays?: readonly number[];
  /** How the export files write numbers (the workbook's Settings, the batch job's --number-locale); default invariant. */
  readonly numberLocale?: string;
  /**
   * The batch job leaves out rows it cannot read (`--skip-bad-rows`), as the add-in's import always
   * does; without it the batch job stops on such a row. Default false.
   */
  readonly skipBadRows?: boolean;
}

export const SAMPLES: DataSet = {
  name: 'samples',
  earnings: readdirSync('samples/earnings').sort().map((f) => join('samples/earnings', f)),
  claims: 'samples/claims.csv',
  payments: ['samples/payments.csv'],
  programs: 'samples/programs.json',
  asOf: '2022-02-10',
};

/** A generated export (the benchmark's generator) of `rows` rows, written into `dir`. */
export function generatedExport(dir: string, seed: string, rows: number, asOf: string, rewrite: (text: string) => string = (t) => t): DataSet {
  const folder = join(dir, `generated-${seed}`);
  mkdirSync(folder, { recursive: true });
  let text = exportHeader();
  for (const chunk of bulkExportChunks({ rows, seed })) text += chunk.text;
  const path = join(folder, `earnings-${seed}.csv`);
  writeFileSync(path, rewrite(text));
  return { name: `generated seed ${seed}`, earnings: [path], asOf };
}

/**
 * The samples with claimIds typed twice, as a team's register gets them: a rejected copy of a
 * submitted claim above it, and an approved copy for less below an approved claim. Core's rule
 * picks the copy that draws whatever the order (docs/RULES.md, "A repeated claimId"); the two paths
 * must agree on it, and on the copies that are `duplicate_claim`.
 */
export function samplesWithRepeatedClaims(dir: string): DataSet {
  const [header, ...rows] = readFileSync('samples/claims.csv', 'utf8').trimEnd().split(/\r?\n/);
  const copy = (id: string, edit: (cells: string[]) => void) => {
    const cells = rows.find((r) => r.startsWith(`${id},`))!.split(',');
    edit(cells);
    return cells.join(',');
  };
  const at = (name: string) => header!.split(',').indexOf(name);
  const rejected = copy('CLM-1004', (c) => void (c[at('status')] = 'Rejected'));
  const smaller = copy('CLM-1001', (c) => void (c[at('amountApproved')] = '100.00'));
  const out = rows.flatMap((r) => (r.startsWith('CLM-1004,') ? [rejected, r] : r.startsWith('CLM-1001,') ? [r, smaller] : [r]));
  const path = join(dir, 'claims-repeated.csv');
  writeFileSync(path, [header, ...out].join('\n') + '\n');
  return { ...SAMPLES, name: 'samples, claimIds typed twice', claims: path };
}

/**
 * Partner Center's other spellings of co-op types, as finance teams' exports carry them: of every
 * four co-op rows one becomes `Co_op`, one `Adjustment-Co-op` and one a misspelt `Cooop` (a type
 * the ledger does not know: counted as other, in no pool, and warned about). The workbook and the
 * report once disagreed on exactly these rows.
 */
export function coopVariants(text: string): string {
  let n = 0;
  return text.replace(/,Co-op,/g, () => {
    n++;
    return [',Co-op,', ',Co_op,', ',Adjustment-Co-op,', ',Cooop,'][n % 4]!;
  });
}

/**
 * A finance team's own data sets: every subfolder of `COOP_CONTRACT_DATA` with `earnings*.csv`,
 * optional `claims.csv`, `payments.csv` and `programs.json`, and `asof.txt` (yyyy-MM-dd). Real
 * downloads may hold rows core cannot read: the batch job leaves them out (`--skip-bad-rows`), as
 * the add-in's import always does, and the two are held to the same count of them. The claims
 * are added to the workbook's register as parsed, so a claim that cannot be read stops the test.
 */
export function dataSetsIn(root: string | undefined): DataSet[] {
  if (!root) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const folder = join(root, name);
      const optional = (file: string) => (existsSync(join(folder, file)) ? { [file.replace(/\..*$/, '')]: join(folder, file) } : {});
      const earnings = readdirSync(folder).filter((f) => /^earnings.*\.csv$/i.test(f)).sort().map((f) => join(folder, f));
      if (earnings.length === 0) throw new Error(`${folder}: no earnings*.csv`);
      const asOfPath = join(folder, 'asof.txt');
      if (!existsSync(asOfPath)) throw new Error(`${folder}: no asof.txt (the as-of date, yyyy-MM-dd)`);
      const payments = existsSync(join(folder, 'payments.csv')) ? { payments: [join(folder, 'payments.csv')] } : {};
      return { name: `${root}/${name}`, earnings, asOf: readFileSync(asOfPath, 'utf8').trim(), ...optional('claims.csv'), ...payments, ...optional('programs.json'), skipBadRows: true };
    });
}
