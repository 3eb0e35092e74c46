import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const check = (env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['scripts/dependencies.mjs', '--check'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });

describe('shipped dependencies', () => {
  test('docs/DEPENDENCIES.md is current with the lockfile', () => {
    const r = check();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('a stale list is caught', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deps-'));
    try {
      const stale = readFileSync(join(ROOT, 'docs/DEPENDENCIES.md'), 'utf8').replace('| luxon | 3.7.2 |', '| luxon | 3.0.0 |');
      writeFileSync(join(dir, 'D.md'), stale);
      const r = check({ DEPENDENCIES_DOC: join(dir, 'D.md') });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/not current/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  // Pinned means one exact version; a package published only as prereleases is pinned to one of them.
  test('what ships is in dependencies and pinned; tools are devDependencies', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const v of Object.values<string>(pkg.dependencies)) expect(v).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/);
    for (const tool of ['typescript', 'vitest', 'webpack', 'eslint', 'playwright-core']) {
      expect(pkg.dependencies[tool]).toBeUndefined();
      expect(pkg.devDependencies[tool]).toBeDefined();
    }
  });
});
