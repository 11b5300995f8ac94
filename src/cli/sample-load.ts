// `siaga sample load [--households N] [--force]`: fills an empty registry (any engine) with the
// bundled sample — Deli Serdang's villages, its Tagana teams and synthetic households in a phone
// block no real person holds — as the embedded engine does on its first start. A registry that
// already holds villages is left alone unless --force (the sample's rows are then imported over
// it, as any import: new versions, nothing deleted).
import type { Command } from 'commander';
import { countVillages } from '../db/admin-areas.ts';
import { loadSampleData, SAMPLE_HOUSEHOLDS } from '../import/sample-data.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { examples } from './help-examples.ts';

export function registerSampleLoad(parent: Command, ctx: CliContext): void {
  const sample = parent.command('sample').description('the bundled sample registry (Deli Serdang)');
  sample
    .command('load')
    .description('load the bundled sample into an empty registry: villages, Tagana teams, synthetic households')
    .option('--households <n>', 'synthetic households to generate', String(SAMPLE_HOUSEHOLDS))
    .option('--force', 'load it even though the registry already holds villages')
    .addHelpText('after', examples('siaga sample load', 'siaga sample load --households 5000'))
    .action(async (opts: { households: string; force?: boolean }) => {
      const households = Number(opts.households);
      if (!Number.isInteger(households) || households < 0 || households > 1_000_000)
        throw new CliError(`--households must be a whole number from 0 to 1,000,000 (got "${opts.households}")`);
      const db = await ctx.db();
      const villages = await countVillages(db);
      if (villages > 0 && !opts.force)
        throw new CliError(`the registry already holds ${villages} villages; nothing loaded (add --force to load the sample over it)`);
      const loaded = await loadSampleData(db, households, ctx.config().villageSnapMetres);
      ctx.out(`loaded ${loaded.villages} villages, ${loaded.teams} Tagana teams, ${loaded.households} households`);
    });
  sample.exitOverride().configureOutput({ writeOut: (s) => ctx.out(s), writeErr: (s) => ctx.err(s) });
}
