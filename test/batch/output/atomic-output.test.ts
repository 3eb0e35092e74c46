import { afterEach, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  recoverInterruptedOutput,
  scratchFolders,
  withAtomicOutput,
  writeSingleOutput,
  type AtomicOutputMode,
} from '../../../batch/output/atomic-output.js';
import { tempDirs } from '../../support/temp-dir.js';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

/** Every file below `dir` with its bytes, as one comparable object; null when it is missing. */
async function snapshot(dir: string): Promise<Record<string, string> | null> {
  const out: Record<string, string> = {};
  try {
    for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
      if (e.isFile()) {
        const full = join(e.parentPath, e.name);
        out[full.slice(dir.length + 1)] = (await readFile(full)).toString('base64');
      }
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return out;
}

async function leftovers(parent: string): Promise<string[]> {
  return (await readdir(parent)).filter((n) => n.startsWith('.coop-ledger-'));
}

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number.parseInt(r.stdout, 10);
}

async function previousRun(parent: string): Promise<string> {
  const out = join(parent, 'reports');
  await mkdir(out);
  await writeFile(join(out, 'balances.csv'), 'old balances\r\n');
  await writeFile(join(out, 'quarantine.csv'), 'old quarantine\r\n');
  return out;
}

describe('withAtomicOutput', () => {
  test('leaves an existing output folder byte-identical and no temporary folder when the callback fails', async () => {
    const parent = await dirs.make();
    const out = await previousRun(parent);
    const before = await snapshot(out);
    await expect(
      withAtomicOutput(out, async (tmp) => {
        await writeFile(join(tmp, 'balances.csv'), 'half written');
        throw new Error('reconcile failed');
      }),
    ).rejects.toThrow('reconcile failed');
    expect(await snapshot(out)).toEqual(before);
    expect(await leftovers(parent)).toEqual([]);
  });

  test('creates the output folder with exactly the files written', async () => {
    const parent = await dirs.make();
    const out = join(parent, 'nested', 'reports');
    const modes: AtomicOutputMode[] = [];
    const value = await withAtomicOutput(
      out,
      async (tmp) => {
        await writeFile(join(tmp, 'balances.csv'), 'new');
        return 42;
      },
      { onCommitted: (mode) => modes.push(mode) },
    );
    expect(value).toBe(42);
    expect(modes).toEqual(['created']);
    expect(await snapshot(out)).toEqual({ 'balances.csv': Buffer.from('new').toString('base64') });
    expect(await leftovers(join(parent, 'nested'))).toEqual([]);
  });

  test('replaces a folder of previous outputs as a whole, dropping owned files this run did not write', async () => {
    const parent = await dirs.make();
    const out = await previousRun(parent);
    const modes: AtomicOutputMode[] = [];
    await withAtomicOutput(out, async (tmp) => writeFile(join(tmp, 'balances.csv'), 'new balances'), {
      ownedFiles: ['balances.csv', 'quarantine.csv', 'input-errors.csv'],
      onCommitted: (mode) => modes.push(mode),
    });
    expect(modes).toEqual(['replaced']);
    expect(await snapshot(out)).toEqual({ 'balances.csv': Buffer.from('new balances').toString('base64') });
    expect(await leftovers(parent)).toEqual([]);
  });

  test('never moves a folder holding files it does not own, and keeps those files', async () => {
    const parent = await dirs.make();
    const out = await previousRun(parent);
    await writeFile(join(out, 'my-notes.txt'), 'mine');
    const modes: AtomicOutputMode[] = [];
    await withAtomicOutput(out, async (tmp) => writeFile(join(tmp, 'balances.csv'), 'new balances'), {
      ownedFiles: ['balances.csv', 'quarantine.csv'],
      onCommitted: (mode) => modes.push(mode),
    });
    expect(modes).toEqual(['merged']);
    expect(await snapshot(out)).toEqual({
      'balances.csv': Buffer.from('new balances').toString('base64'),
      'my-notes.txt': Buffer.from('mine').toString('base64'),
    });
    expect(await leftovers(parent)).toEqual([]);
  });
});

describe('recoverInterruptedOutput', () => {
  test('removes the temporary folder of a run that was killed', async () => {
    const parent = await dirs.make();
    const out = await previousRun(parent);
    const before = await snapshot(out);
    const stale = join(parent, `.coop-ledger-tmp-${deadPid()}-0badc0de.reports`);
    await mkdir(stale);
    await writeFile(join(stale, 'balances.csv'), 'half');
    await withAtomicOutput(out, async () => {
      expect(await leftovers(parent)).toHaveLength(1); // only this run's own folder
      throw new Error('stop');
    }).catch(() => undefined);
    expect(await leftovers(parent)).toEqual([]);
    expect(await snapshot(out)).toEqual(before);
  });

  test('removes the scratch folders of a run that was killed, and keeps those of a live run', async () => {
    const parent = await dirs.make();
    const out = await previousRun(parent);
    const killed = [join(parent, `.coop-ledger-work-${deadPid()}-0badc0de.reports`), join(parent, `.coop-ledger-work-${deadPid()}-0badf00d.reports`)];
    for (const folder of killed) {
      await mkdir(folder);
      await writeFile(join(folder, '0.ids'), 'x');
    }
    const mine = scratchFolders(out)();
    expect(mine.startsWith(join(parent, `.coop-ledger-work-${process.pid}-`))).toBe(true);
    expect(mine.endsWith('.reports')).toBe(true);
    const report = await recoverInterruptedOutput(out);
    expect([...report.removed].sort()).toEqual([...killed].sort());
    expect(await leftovers(parent)).toEqual([basename(mine)]);
  });

  test('removes a leftover folder older than the age limit even if its pid looks alive', async () => {
    const parent = await dirs.make();
    const out = join(parent, 'reports');
    const old = join(parent, `.coop-ledger-tmp-1-0badc0de.reports`); // pid 1 is always alive
    await mkdir(old);
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await utimes(old, twoDaysAgo, twoDaysAgo);
    expect((await recoverInterruptedOutput(out)).removed).toEqual([old]);
    expect(await leftovers(parent)).toEqual([]);
  });

  test('leaves the folders of live runs alone', async () => {
    const parent = await dirs.make();
    const live = join(parent, `.coop-ledger-tmp-1-0badc0de.reports`);
    await mkdir(live);
    expect((await recoverInterruptedOutput(join(parent, 'reports'))).removed).toEqual([]);
    expect(await stat(live)).toBeTruthy();
  });

  test('leaves the folders of other output folders alone', async () => {
    const parent = await dirs.make();
    const other = join(parent, `.coop-ledger-tmp-${deadPid()}-0badc0de.other-reports`);
    await mkdir(other);
    expect((await recoverInterruptedOutput(join(parent, 'reports'))).removed).toEqual([]);
  });

  test('finishes a swap killed between its two renames with the complete new outputs', async () => {
    const parent = await dirs.make();
    const pid = deadPid();
    const oldDir = join(parent, `.coop-ledger-old-${pid}-0badc0de.reports`);
    const newDir = join(parent, `.coop-ledger-tmp-${pid}-0badc0de.reports`);
    await mkdir(oldDir);
    await writeFile(join(oldDir, 'balances.csv'), 'old');
    await mkdir(newDir);
    await writeFile(join(newDir, 'balances.csv'), 'new');
    const report = await recoverInterruptedOutput(join(parent, 'reports'));
    expect(report.completed).toBe('rolled_forward');
    expect(await snapshot(join(parent, 'reports'))).toEqual({ 'balances.csv': Buffer.from('new').toString('base64') });
    expect(await leftovers(parent)).toEqual([]);
  });

  test('puts the previous outputs back when only they survived an interrupted swap', async () => {
    const parent = await dirs.make();
    const oldDir = join(parent, `.coop-ledger-old-${deadPid()}-0badc0de.reports`);
    await mkdir(oldDir);
    await writeFile(join(oldDir, 'balances.csv'), 'old');
    const report = await recoverInterruptedOutput(join(parent, 'reports'));
    expect(report.completed).toBe('rolled_back');
    expect(await snapshot(join(parent, 'reports'))).toEqual({ 'balances.csv': Buffer.from('old').toString('base64') });
  });
});

describe('writeSingleOutput', () => {
  test('adds or replaces only that file and changes nothing else in the output folder', async () => {
    const parent = await dirs.make();
    const out = await previousRun(parent);
    const before = await snapshot(out);
    await writeSingleOutput(out, 'input-errors.csv', (path) => writeFile(path, 'file,line\r\n'));
    expect(await snapshot(out)).toEqual({ ...before, 'input-errors.csv': Buffer.from('file,line\r\n').toString('base64') });
    expect(await leftovers(parent)).toEqual([]);
  });

  test('leaves the output folder untouched when writing the file fails', async () => {
    const parent = await dirs.make();
    const out = await previousRun(parent);
    const before = await snapshot(out);
    await expect(
      writeSingleOutput(out, 'input-errors.csv', async (path) => {
        await writeFile(path, 'partial');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await snapshot(out)).toEqual(before);
    expect(await leftovers(parent)).toEqual([]);
  });

  test('refuses a name that is not a plain file name', async () => {
    await expect(writeSingleOutput(await dirs.make(), '../x.csv', async () => undefined)).rejects.toThrow(RangeError);
  });
});

describe('withAtomicOutput under SIGKILL', () => {
  const FILES = ['balances.csv', 'claims.csv', 'findings.csv', 'journal.csv', 'summary.json'];
  const setOf = (content: string) => Object.fromEntries(FILES.map((f) => [f, Buffer.from(`${content} ${f}\n`).toString('base64')]));

  test('leaves the output folder as it was or fully written, wherever the run is killed', async () => {
    const { spawn } = await import('node:child_process');
    const child = join(import.meta.dirname, '../../support/atomic-output-child.ts');
    const parent = await dirs.make();
    const out = join(parent, 'reports');
    let current = setOf('run0');
    await mkdir(out);
    for (const [f, b64] of Object.entries(current)) await writeFile(join(out, f), Buffer.from(b64, 'base64'));
    const outcomes = new Set<string>();
    for (let i = 1; i <= 8; i++) {
      const proc = spawn(process.execPath, ['--import', 'tsx', child, out, `run${i}`], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => proc.stdout.once('data', () => resolve()));
      // Kill somewhere inside the write phase or the swap (files take ~5 ms each).
      await new Promise((r) => setTimeout(r, (i * 7) % 40));
      proc.kill('SIGKILL');
      await new Promise((r) => proc.once('exit', r));
      await recoverInterruptedOutput(out);
      const after = await snapshot(out);
      const next = setOf(`run${i}`);
      const same = JSON.stringify(after) === JSON.stringify(current);
      const replaced = JSON.stringify(after) === JSON.stringify(next);
      expect(same || replaced).toBe(true);
      outcomes.add(replaced ? 'new' : 'old');
      if (replaced) current = next;
      expect(await leftovers(parent)).toEqual([]);
    }
    expect(outcomes.size).toBeGreaterThan(0);
  });
});
