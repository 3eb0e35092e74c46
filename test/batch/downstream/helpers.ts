import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';

/** A report CSV read back as a finance tool would: papaparse, the header as keys, every cell text. */
export async function readReport(dir: string, name: string): Promise<Record<string, string>[]> {
  const text = (await readFile(join(dir, name), 'utf8')).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${name}: ${JSON.stringify(parsed.errors[0])}`);
  return parsed.data;
}

export const EARNINGS_HEADER = 'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,transactionId,lever';

/** Co-op rows of one participant and program, one per [earningId, date, amount]. */
export function coopExport(rows: readonly [string, string, string][], currency = 'EUR'): string {
  return [EARNINGS_HEADER, ...rows.map(([id, date, amount]) => `${id},P1,CSP Indirect Reseller,Co-op,${amount},${amount},${date},${currency},T${id},Core`)].join('\n') + '\n';
}
