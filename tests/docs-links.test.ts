// Every relative link in README.md and docs/*.md names a file that exists, and every docs page is
// linked from the README: the front door must not lead to a missing page, nor hide one.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const pages = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

function relativeLinks(markdown: string): string[] {
  const links = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '');
  return links.filter((l) => !/^[a-z]+:/i.test(l) && !l.startsWith('#')).map((l) => l.split('#')[0] ?? '');
}

describe('README and docs', () => {
  it.each(pages)('%s links only to files that exist', (page) => {
    const text = readFileSync(path.join(ROOT, page), 'utf8');
    const missing = relativeLinks(text).filter((l) => !existsSync(path.join(ROOT, path.dirname(page), l)));
    expect(missing).toEqual([]);
  });

  it('the README is a front door: at most 200 lines, linking every docs page', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme.split('\n').length).toBeLessThanOrEqual(200);
    const linked = new Set(relativeLinks(readme));
    expect(pages.filter((p) => p.startsWith('docs/') && !linked.has(p))).toEqual([]);
  });
});
