import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { dirname } from 'node:path';

/** The paths a run is given, as the command line names them. */
export interface NamedPaths {
  readonly earnings: readonly string[];
  readonly payments: readonly string[];
  readonly claims?: string | undefined;
  readonly programs?: string | undefined;
  readonly accounts?: string | undefined;
  /** The previous run's report set (a folder). */
  readonly previous?: string | undefined;
  readonly out: string;
}

async function statOrCode(path: string): Promise<Stats | string> {
  try {
    return await stat(path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'unknown error';
  }
}

function missing(flag: string, path: string, code: string): string {
  return code === 'ENOENT' || code === 'ENOTDIR' ? `${flag} "${path}": no such file or folder` : `${flag} "${path}" cannot be opened (${code})`;
}

/**
 * The first problem with the paths named on the command line, as one line for the person who typed
 * them, or null. Checked before anything is read or written, so that a mistyped path costs neither
 * an internal error nor a half-made --out: every input must exist (earnings may be a folder, the
 * others are files), and an --out that exists must be a folder. An --out that does not exist yet
 * is fine: the run creates it.
 */
export async function commandLinePathProblem(paths: NamedPaths): Promise<string | null> {
  const inputs = [
    ...paths.earnings.map((path) => ({ flag: '--earnings', path, folderAllowed: true })),
    ...paths.payments.map((path) => ({ flag: '--payments', path, folderAllowed: false })),
    ...(['claims', 'programs', 'accounts'] as const).flatMap((name) => {
      const path = paths[name];
      return path === undefined ? [] : [{ flag: `--${name}`, path, folderAllowed: false }];
    }),
  ];
  for (const { flag, path, folderAllowed } of inputs) {
    const s = await statOrCode(path);
    if (typeof s === 'string') return missing(flag, path, s);
    if (s.isDirectory() && !folderAllowed) return `${flag} "${path}" is a folder; name the file itself`;
  }
  if (paths.previous !== undefined) {
    const s = await statOrCode(paths.previous);
    if (typeof s === 'string') return missing('--previous', paths.previous, s);
    if (!s.isDirectory()) return `--previous "${paths.previous}" is a file; name the folder of the previous run's reports`;
  }
  const out = await statOrCode(paths.out);
  if (typeof out !== 'string' && !out.isDirectory()) return `--out "${paths.out}" is a file; --out names the folder the reports go in`;
  // ENOTDIR: a folder on the way is a file, so the run could never create --out (docs/RULES.md, "Command line").
  if (out === 'ENOTDIR') return `--out "${paths.out}" is below the file "${await fileOnTheWay(paths.out)}"; --out names a folder, and a folder cannot be made inside a file`;
  return null;
}

/** The nearest ancestor of `path` that exists and is not a folder: the reason `path` cannot be made. */
async function fileOnTheWay(path: string): Promise<string> {
  for (let p = dirname(path); p !== dirname(p); p = dirname(p)) {
    const s = await statOrCode(p);
    if (typeof s !== 'string' && !s.isDirectory()) return p;
  }
  return dirname(path);
}
