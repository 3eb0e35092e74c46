import { open } from 'node:fs/promises';
import { CONTENT_SNIFF_BYTES, contentKind } from '../../core/tables/file-kind.js';

/** The first bytes core's file kind looks at (fewer in a shorter file). */
export async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(CONTENT_SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Whether a file holds an Excel workbook (.xlsx, .xlsm), by core's rule on its first bytes, not
 * its name (docs/RULES.md, "Which files are exports"): a register saved as `claims.xlsm` is read
 * as a workbook, a CSV named `claims.xlsx` as text. A file that cannot be opened is not one; the
 * text reader then says why.
 */
export async function holdsWorkbook(path: string): Promise<boolean> {
  try {
    return contentKind(await readHead(path)) === 'workbook';
  } catch {
    return false;
  }
}
