import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : /\.(ts|html)$/.test(name) ? [full] : [];
  });
}

describe('the add-in never turns text into markup or code', () => {
  const files = sources('addin');

  test.each([
    [/\binnerHTML\b/],
    [/\bouterHTML\b/],
    [/\binsertAdjacentHTML\b/],
    [/\bdocument\.write/],
    [/\bDOMParser\b/],
    [/\bcreateContextualFragment\b/],
    [/\beval\s*\(/],
    [/\bnew Function\s*\(/],
    [/\bsrcdoc\b/],
  ])('no source uses %s', (api) => {
    const offenders = files.filter((f) => api.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  test('the page has no inline script or style and loads only office.js from elsewhere', () => {
    const html = readFileSync('addin/taskpane/taskpane.html', 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((m) => m[2]!.trim())).toEqual(scripts.map(() => ''));
    expect(scripts.map((m) => /src="([^"]+)"/.exec(m[1]!)?.[1])).toEqual(['https://appsforoffice.microsoft.com/lib/1/hosted/office.js']);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });
});
