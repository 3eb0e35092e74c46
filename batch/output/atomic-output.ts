import { randomBytes } from 'node:crypto';
import { mkdirSync, realpathSync } from 'node:fs';
import { mkdir, open, readdir, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Reports appear in `--out` all at once or not at all, so a scheduler or a person
 * never reads a half-written set.
 *
 * How: a run writes into a temporary folder next to the output folder (same parent, so the same
 * file system, so `rename` is atomic), named `.coop-ledger-tmp-<pid>-<random>.<out name>`. Only
 * when everything was written and flushed to disk is it put in place:
 *
 * - `created`: the output folder did not exist: one `rename(tmp, out)`. Atomic.
 * - `replaced`: the output folder holds only files this job owns (`ownedFiles`, by default the
 *   names this run produced) or nothing: `rename(out, old)`, `rename(tmp, out)`, then `old` is
 *   deleted. Readers see the complete old set or the complete new set, never a mix. POSIX has no
 *   portable atomic exchange of two folders, so between the two renames (microseconds) `out`
 *   does not exist; if the process dies exactly there, both complete sets are still on disk
 *   (`.coop-ledger-old-<tag>.<name>` and the finished tmp folder) and the next run (or
 *   `recoverInterruptedOutput`) finishes the swap before doing anything else.
 * - `merged`: the output folder holds files this job does not own (a user's notes, `--out .`):
 *   it is never moved. Each new file is renamed over its old version (each file atomic), then
 *   owned files this run did not produce are deleted. The set as a whole is not atomic in this
 *   mode; a crash can leave some files new and some old.
 *
 * On failure of the callback the temporary folder is removed and the output folder is not touched
 * at all. Temporary and old folders of runs that died (their pid is not alive, or they are older
 * than `staleAfterMs`) are cleaned up, or rolled forward as above, at the start of the next run.
 * So are a run's scratch folders (`.coop-ledger-work-<pid>-<random>.<out name>`, see
 * `scratchFolders`), which a run removes itself unless it is killed.
 * Two live runs writing the same output folder at once are not supported.
 */

export type AtomicOutputMode = 'created' | 'replaced' | 'merged';

export interface AtomicOutputOptions {
  /**
   * Every file name the job may write into the output folder (`balances.csv`, ...,
   * `input-errors.csv`, `quarantine.csv`). A folder holding only these is replaced as a whole,
   * and owned files a run did not produce are removed. Default: the names this run produced.
   */
  readonly ownedFiles?: readonly string[];
  /** Leftover folders older than this are cleaned even when their pid looks alive (pid reuse). */
  readonly staleAfterMs?: number;
  /** Called with how the output was put in place. */
  readonly onCommitted?: (mode: AtomicOutputMode, files: readonly string[]) => void;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const LEFTOVER = /^\.coop-ledger-(tmp|old|work)-(\d+)-([0-9a-f]+)\.(.+)$/;

function tag(): string {
  return `${process.pid}-${randomBytes(4).toString('hex')}`;
}

function tmpName(t: string, outName: string): string {
  return `.coop-ledger-tmp-${t}.${outName}`;
}

function oldName(t: string, outName: string): string {
  return `.coop-ledger-old-${t}.${outName}`;
}

/**
 * Makes scratch folders for a run writing `outDir`: next to it (the disk the user chose for the
 * reports, not a temporary folder that may live in memory), named so that the next run removes
 * them if this one is killed before it removes them itself.
 */
export function scratchFolders(outDir: string): () => string {
  return () => {
    const abs = resolve(outDir);
    let out = abs;
    try {
      out = realpathSync(abs);
    } catch (err) {
      if (code(err) !== 'ENOENT') throw err;
    }
    mkdirSync(dirname(out), { recursive: true });
    const folder = join(dirname(out), `.coop-ledger-work-${tag()}.${basename(out)}`);
    mkdirSync(folder);
    return folder;
  };
}

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if (code(err) === 'ENOENT') return false;
    throw err;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return code(err) === 'EPERM'; // exists, owned by someone else
  }
}

/** Durability against power loss, not just crashes; folders cannot be fsynced everywhere (Windows). */
async function fsyncPath(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch (err) {
    if (!['EISDIR', 'EPERM', 'EACCES', 'EBADF', 'EINVAL'].includes(code(err) ?? '')) throw err;
  } finally {
    await handle?.close();
  }
}

/** The real output folder path (following a symlink, so we swap the folder, not the link). */
async function resolveOut(outDir: string): Promise<string> {
  const abs = resolve(outDir);
  try {
    return await realpath(abs);
  } catch (err) {
    if (code(err) === 'ENOENT') return abs;
    throw err;
  }
}

export interface RecoveryReport {
  /** Leftover folders deleted (killed runs' temporary folders, replaced old outputs). */
  readonly removed: readonly string[];
  /** How an interrupted swap was completed, if one was found. */
  readonly completed: 'rolled_forward' | 'rolled_back' | null;
}

/**
 * Cleans up after runs that died while writing `outDir`, and completes a swap interrupted
 * between its two renames. Folders of live runs (and of this process) are left alone unless
 * older than `staleAfterMs`.
 */
export async function recoverInterruptedOutput(outDir: string, options: AtomicOutputOptions = {}): Promise<RecoveryReport> {
  const out = await resolveOut(outDir);
  const parent = dirname(out);
  const outName = basename(out);
  const staleAfterMs = options.staleAfterMs ?? DAY_MS;
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch (err) {
    if (code(err) === 'ENOENT') return { removed: [], completed: null };
    throw err;
  }
  const runs = new Map<string, { pid: number; tmp?: string; old?: string; work?: string[] }>();
  for (const name of entries) {
    const m = LEFTOVER.exec(name);
    if (!m || m[4] !== outName) continue;
    const key = `${m[2]}-${m[3]}`;
    const run = runs.get(key) ?? { pid: Number.parseInt(m[2]!, 10) };
    if (m[1] === 'tmp') run.tmp = join(parent, name);
    else if (m[1] === 'old') run.old = join(parent, name);
    else (run.work ??= []).push(join(parent, name));
    runs.set(key, run);
  }
  const removed: string[] = [];
  let completed: RecoveryReport['completed'] = null;
  for (const run of [...runs.values()].sort((a, b) => a.pid - b.pid)) {
    const someFolder = (run.old ?? run.tmp ?? run.work?.[0])!;
    let ageMs: number;
    try {
      ageMs = Date.now() - (await stat(someFolder)).mtimeMs;
    } catch (err) {
      if (code(err) === 'ENOENT') continue; // another recovery got there first
      throw err;
    }
    const dead = run.pid !== process.pid && !pidAlive(run.pid);
    if (!dead && ageMs <= staleAfterMs) continue;
    if (run.old && !(await exists(out))) {
      // Killed between `rename(out, old)` and `rename(tmp, out)`. The tmp folder only exists
      // alongside an old folder once it was complete, so the new set wins; else put the old back.
      if (run.tmp) {
        await rename(run.tmp, out);
        run.tmp = undefined;
        completed = 'rolled_forward';
      } else {
        await rename(run.old, out);
        run.old = undefined;
        completed = 'rolled_back';
      }
    }
    for (const folder of [run.tmp, run.old, ...(run.work ?? [])]) {
      if (folder === undefined) continue;
      await rm(folder, { recursive: true, force: true });
      removed.push(folder);
    }
  }
  return { removed, completed };
}

async function listOrNull(dir: string): Promise<{ name: string; isFile: boolean }[] | null> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.map((e) => ({ name: e.name, isFile: e.isFile() }));
  } catch (err) {
    if (code(err) === 'ENOENT') return null;
    throw err;
  }
}

/** Errors of `rename(out, ...)` that mean "this folder cannot be moved" (mount point, open handle). */
const UNMOVABLE = new Set(['EBUSY', 'EPERM', 'EACCES', 'EXDEV', 'ENOTEMPTY', 'EEXIST']);

async function putInPlace(out: string, tmp: string, runTag: string, produced: readonly string[], owned: ReadonlySet<string>): Promise<AtomicOutputMode> {
  const parent = dirname(out);
  const existing = await listOrNull(out);
  if (existing === null) {
    await rename(tmp, out);
    await fsyncPath(parent);
    return 'created';
  }
  if (existing.every((e) => e.isFile && owned.has(e.name))) {
    const old = join(parent, oldName(runTag, basename(out)));
    let moved = false;
    try {
      await rename(out, old);
      moved = true;
    } catch (err) {
      if (!UNMOVABLE.has(code(err) ?? '')) throw err;
    }
    if (moved) {
      try {
        await rename(tmp, out);
      } catch (err) {
        await rename(old, out);
        throw err;
      }
      await fsyncPath(parent);
      await rm(old, { recursive: true, force: true });
      return 'replaced';
    }
  }
  for (const name of produced) await rename(join(tmp, name), join(out, name));
  const producedSet = new Set(produced);
  for (const e of existing) {
    if (e.isFile && owned.has(e.name) && !producedSet.has(e.name)) await rm(join(out, e.name), { force: true });
  }
  await fsyncPath(out);
  await rm(tmp, { recursive: true, force: true });
  return 'merged';
}

/**
 * Runs `write` with an empty temporary folder and, when it succeeds, puts everything it wrote
 * into `outDir` (see the module comment for the exact guarantee). When it throws, `outDir` is
 * left exactly as it was and the temporary folder is removed; the error is rethrown.
 */
export async function withAtomicOutput<T>(
  outDir: string,
  write: (tmpDir: string) => Promise<T>,
  options: AtomicOutputOptions = {},
): Promise<T> {
  const out = await resolveOut(outDir);
  await mkdir(dirname(out), { recursive: true });
  await recoverInterruptedOutput(out, options);
  const runTag = tag();
  const tmp = join(dirname(out), tmpName(runTag, basename(out)));
  await mkdir(tmp);
  let value: T;
  let produced: string[];
  try {
    value = await write(tmp);
    produced = (await readdir(tmp)).sort();
    for (const name of produced) await fsyncPath(join(tmp, name));
    await fsyncPath(tmp);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  const owned = new Set([...(options.ownedFiles ?? []), ...produced]);
  let mode: AtomicOutputMode;
  try {
    mode = await putInPlace(out, tmp, runTag, produced, owned);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  options.onCommitted?.(mode, produced);
  return value;
}

/**
 * The error-only case (exit 65: `input-errors.csv` and "nothing else in --out changes"): writes
 * one file through a temporary folder and renames it into `outDir` (created if missing), so the
 * file appears complete or not at all and no other file in `outDir` is touched.
 */
export async function writeSingleOutput(
  outDir: string,
  fileName: string,
  write: (tmpPath: string) => Promise<void>,
  options: Pick<AtomicOutputOptions, 'staleAfterMs'> = {},
): Promise<void> {
  if (fileName !== basename(fileName) || fileName.startsWith('.')) throw new RangeError(`not a plain file name: ${fileName}`);
  const out = await resolveOut(outDir);
  await mkdir(dirname(out), { recursive: true });
  await recoverInterruptedOutput(out, options);
  const tmp = join(dirname(out), tmpName(tag(), basename(out)));
  await mkdir(tmp);
  try {
    const tmpPath = join(tmp, fileName);
    await write(tmpPath);
    await fsyncPath(tmpPath);
    await mkdir(out, { recursive: true });
    await rename(tmpPath, join(out, fileName));
    await fsyncPath(out);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
