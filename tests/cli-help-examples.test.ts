// Every command of `siaga` that runs something (walked from the real command tree, so a new command is checked
// without editing this file) shows at least one realistic example in its --help: the people who
// run Siaga learn a command from its help, not from the source.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createCliContext } from '../src/cli/context.ts';
import { buildProgram } from '../src/cli/program.ts';
import { runSiaga } from './support/run-cli.ts';

/** Every command that runs something: the leaves, and a group that has its own action (`siaga tasks`). */
function runnablePaths(command: Command, path: string[] = []): string[][] {
  // commander keeps the action handler private; null means the command only groups others.
  const runs = command.commands.length === 0 || (command as unknown as { _actionHandler: unknown })._actionHandler !== null;
  return [...(runs && path.length > 0 ? [path] : []), ...command.commands.flatMap((c) => runnablePaths(c, [...path, c.name()]))];
}

describe('siaga --help', () => {
  const leaves = runnablePaths(buildProgram(createCliContext({ out: () => undefined, err: () => undefined }, {})));

  it('walks the whole command tree', () => {
    // Spot checks that the walk reaches nested groups and top-level leaves alike.
    const names = leaves.map((p) => p.join(' '));
    for (const known of [
      'db migrate',
      'users token add',
      'users disable',
      'teams list',
      'hazards approve',
      'coverage',
      'stats',
      'tasks',
      'tasks token',
    ])
      expect(names).toContain(known);
    expect(leaves.length).toBeGreaterThan(30);
  });

  it('shows an Examples section with a `$ siaga …` line of that very command in every command that runs something', async () => {
    const missing: string[] = [];
    for (const path of leaves) {
      const run = await runSiaga([...path, '--help']);
      expect(run.code, path.join(' ')).toBe(0);
      const example = /\nExamples?:\n([\s\S]*)$/.exec(run.stdout)?.[1] ?? '';
      // `$ siaga users list`, also after environment settings or a pipe (`$ REDIS_URL=… siaga worker`).
      const line = new RegExp(`^\\s+\\$ (.*[ |] *)?siaga ${path.join(' ').replaceAll('.', '\\.')}( |$)`, 'm');
      if (!line.test(example)) missing.push(path.join(' '));
    }
    expect(missing).toEqual([]);
  });
});
