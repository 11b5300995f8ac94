// `npm run golden` must regenerate every golden: each test file that uses tests/support/golden.ts
// has to be among the paths the script runs, or its goldens could only be updated by hand.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function testFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(path.join(dir, e.name)) : e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('npm run golden', () => {
  it('runs every test file that compares goldens, with UPDATE_GOLDEN=1', () => {
    const script =
      (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.golden ?? '';
    expect(script).toMatch(/^UPDATE_GOLDEN=1 vitest run /);
    const covered = script.split(/\s+/).slice(3);
    const users = testFiles('tests').filter((f) =>
      /from '(?:\.\.\/)+support\/golden\.ts'|from '\.\/(?:describe|bmkg)-goldens\.ts'/.test(readFileSync(path.join(ROOT, f), 'utf8')),
    );
    expect(users.length).toBeGreaterThan(10);
    expect(users.filter((f) => !covered.some((c) => f === c || f.startsWith(`${c}/`)))).toEqual([]);
  });
});
