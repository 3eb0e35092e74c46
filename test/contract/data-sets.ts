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
