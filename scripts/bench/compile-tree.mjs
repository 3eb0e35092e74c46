// Compiles a checkout's add-in and core as they stand, with its own tsc (`tsc -p addin`, ES2022, as
// the add-in's build compiles them), into DIR/.bench-cache/NAME (git-ignored), for the A/B scripts
// that import two trees in one process. Returns how to import a module of the compiled tree.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export function compileTree(dir, name) {
  const out = join(resolve(dir), '.bench-cache', name);
  rmSync(out, { recursive: true, force: true });
  execFileSync(join(resolve(dir), 'node_modules', '.bin', 'tsc'), ['-p', 'addin', '--noEmit', 'false', '--sourceMap', 'false', '--rootDir', '.', '--outDir', out], { cwd: resolve(dir), stdio: 'inherit' });
  /** Imports the compiled module of a source path (`addin/ledger/load-ledger.ts`, or already `.js`). */
  return (path) => import(pathToFileURL(join(out, path.replace(/\.ts$/, '.js'))).href);
}
