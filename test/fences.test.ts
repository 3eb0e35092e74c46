import { describe, expect, test } from 'vitest';
import { ESLint } from 'eslint';
import { spawnSync } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// The purity fences of core (STYLE.md) are only worth something if a violation fails the build.
// These tests plant violations and check each fence catches them.

const root = join(import.meta.dirname, '..');

describe('core purity fences', () => {
  const eslint = new ESLint({ cwd: root });

  test.each([
    ['a Node builtin', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;"],
    ['a bare Node builtin', "import path from 'path';\nexport const p = path;"],
    ['console', "console.log('x');"],
    ['process', 'export const z = process.env.TZ;'],
    ['Date.now()', 'export const t = Date.now();'],
    ['new Date()', 'export const d = new Date();'],
    ['Math.random()', 'export const r = Math.random();'],
    ['Decimal.set', "import { Decimal } from 'decimal.js';\nDecimal.set({ precision: 5 });"],
    ['parseFloat on an amount', "export const a = parseFloat('1.5');"],
    ['Number() on an amount', "export const a = Number('1.5');"],
    ['unary plus on an amount', "const s = '1.5';\nexport const a = +s;"],
  ])('ESLint rejects %s in core', async (_what, code) => {
    const [result] = await eslint.lintText(code, { filePath: join(root, 'core/probe.ts') });
    expect(result!.errorCount).toBeGreaterThan(0);
  });

  test('the same code is allowed in batch, which is an adapter', async () => {
    const [result] = await eslint.lintText("export const z = process.env.TZ;\nexport const d = new Date();", {
      filePath: join(root, 'batch/probe.ts'),
    });
    expect(result!.errorCount).toBe(0);
  });

  test.each([
    ['core importing a Node builtin', 'core', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;"],
    ['core importing papaparse', 'core', "import Papa from 'papaparse';\nexport const x = Papa;"],
    ['core importing batch', 'core', "import { x as y } from '../batch/__fence_probe_target.js';\nexport const x = y;"],
    ['batch importing addin', 'batch', "import { x as y } from '../addin/__fence_probe_target.js';\nexport const x = y;"],
    ['addin importing batch', 'addin', "import { x as y } from '../batch/__fence_probe_target.js';\nexport const x = y;"],
  ])('dependency-cruiser fails on %s', (_what, dir, code) => {
    const probe = join(root, dir, `__fence_probe_${process.pid}.ts`);
    const targets = ['batch', 'addin'].map((d) => join(root, d, '__fence_probe_target.ts'));
    try {
      for (const t of targets) writeFileSync(t, 'export const x = 1;\n');
      writeFileSync(probe, code + '\n');
      const r = spawnSync(process.execPath, ['node_modules/dependency-cruiser/bin/dependency-cruise.mjs', probe, '--config', '.dependency-cruiser.cjs'], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(r.status).not.toBe(0);
      expect(r.stdout).toMatch(/error/);
    } finally {
      rmSync(probe, { force: true });
      for (const t of targets) rmSync(t, { force: true });
    }
  });

  test('core type-checks without Node or DOM types: a Buffer or document in core does not compile', () => {
    const probe = join(root, 'core', `__fence_probe_${process.pid}.ts`);
    try {
      writeFileSync(probe, "export const b = Buffer.from('x');\nexport const d = document.title;\n");
      const r = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'core'], { cwd: root, encoding: 'utf8' });
      expect(r.status).not.toBe(0);
      expect(r.stdout).toMatch(/Cannot find name 'Buffer'/);
      expect(r.stdout).toMatch(/Cannot find name 'document'/);
    } finally {
      rmSync(probe, { force: true });
    }
  });
});

describe('comments cite the project rules, not documents outside the repository', () => {
  // The rules' text is docs/RULES.md; the shared spec and the issue tracker are not in the
  // repository, so a citation of either cannot be followed by a reader of the code.
  const citation = /\bSPEC\b|SPEC\.md|\bissue\s+#?\d+/;
  const sources = spawnSync('git', ['ls-files', 'core', 'batch', 'addin', 'scripts', 'test', 'webpack.config.js'], { cwd: root, encoding: 'utf8' })
    .stdout.split('\n')
    .filter((f) => /\.(ts|js|mjs|cjs)$/.test(f) && f !== 'test/fences.test.ts');

  test('the check sees a citation when one is planted', () => {
    expect(citation.test('// the threshold rule (SPEC §4)')).toBe(true);
    expect(citation.test('/* see issue 12 */')).toBe(true);
    expect(citation.test('// see docs/RULES.md, Pools')).toBe(false);
  });

  test('no source file cites SPEC or an issue number', async () => {
    const { readFile } = await import('node:fs/promises');
    expect(sources.length).toBeGreaterThan(100);
    const offenders: string[] = [];
    for (const file of sources) {
      const text = await readFile(join(root, file), 'utf8');
      text.split('\n').forEach((line, i) => {
        if (citation.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
