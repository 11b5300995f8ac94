// Folders depend on each other one way. The rules on single imports (pure core, src/db below the
// services, jobs handed in) are in .dependency-cruiser.cjs and run with the lint; this test checks
// the graph between folders, which dependency-cruiser's own folder view cannot: it counts src/ as a
// folder that contains all the others, so every folder would be in a cycle with it. Here a file
// directly in src/ (config, logger) is its own node, and the composition root is left out.
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

/** `src/db/alerts.ts` → `src/db`; `src/config.ts` → `src/config.ts`; `jobs/x.ts` → `jobs`. */
function nodeOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'src') return parts.length === 2 ? path : `src/${parts[1]}`;
  return parts[0] ?? path;
}

async function folderEdges(): Promise<Map<string, Map<string, string>>> {
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const result = await cruise(['src', 'geo', 'jobs'], {
      exclude: { path: '^src/main\\.ts$' },
      doNotFollow: { path: 'node_modules' },
      tsPreCompilationDeps: true,
    });
    const output = result.output as ICruiseResult;
    const edges = new Map<string, Map<string, string>>();
    for (const m of output.modules) {
      const from = nodeOf(m.source);
      for (const d of m.dependencies) {
        if (d.coreModule || d.resolved.startsWith('node_modules/')) continue;
        const to = nodeOf(d.resolved);
        if (to === from) continue;
        if (!edges.has(from)) edges.set(from, new Map());
        edges.get(from)?.set(to, `${m.source} → ${d.resolved}`);
      }
    }
    return edges;
  } finally {
    process.chdir(cwd);
  }
}

/** Strongly connected groups of more than one folder (Tarjan), each with one import per edge. */
function cycles(edges: Map<string, Map<string, string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w !== undefined) group.push(w);
      } while (w !== undefined && w !== v);
      if (group.length > 1) found.push(group.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('the import graph between folders', () => {
  it('has no cycle: every folder depends on the others one way', async () => {
    const edges = await folderEdges();
    expect(edges.size).toBeGreaterThan(10);
    const explained = cycles(edges).map((group) =>
      group.flatMap((a) => group.filter((b) => edges.get(a)?.has(b)).map((b) => `${a} → ${b} (${edges.get(a)?.get(b)})`)),
    );
    expect(explained).toEqual([]);
  }, 60_000);

  it('finds a cycle when there is one (the check can fail)', () => {
    const edges = new Map([
      ['src/db', new Map([['src/delivery', 'a → b']])],
      ['src/delivery', new Map([['src/db', 'b → a']])],
      ['src/cap', new Map()],
    ]);
    expect(cycles(edges)).toEqual([['src/db', 'src/delivery']]);
  });
});
