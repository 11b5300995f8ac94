// `siaga hazards reject ID --by NAME --reason TEXT`: the candidate is kept, with who rejected it
// and why, and nothing is ever sent from it.
import type { Command } from 'commander';
import { rejectCandidate } from '../hazards/reject-candidate.ts';
import { createLogger } from '../logger.ts';
import type { CliContext } from './context.ts';
import { asCliError, candidateId } from './hazards-args.ts';
import { examples } from './help-examples.ts';

export function registerHazardsReject(parent: Command, ctx: CliContext): void {
  parent
    .command('reject')
    .description('reject a hazard candidate (kept for audit; nothing is sent)')
    .argument('<id>', 'candidate id (see `siaga hazards candidates`)')
    .requiredOption('--by <name>', 'who rejects')
    .requiredOption('--reason <text>', 'why (kept with the candidate)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', examples('siaga hazards reject 7 --by rina.bmkg --reason "rain gauges show no heavy rain"'))
    .action(async (idText: string, flags: { by: string; reason: string; json?: boolean }) => {
      const id = candidateId(idText);
      const config = ctx.config();
      const db = await ctx.db();
      const result = await asCliError(() =>
        rejectCandidate({ db, now: () => new Date(), logger: createLogger(config.logLevel) }, id, flags.by, flags.reason),
      );
      if (flags.json) ctx.out(JSON.stringify(result, null, 2));
      else ctx.out(`candidate ${id}: rejected by ${flags.by.trim()}; kept for audit, nothing sent`);
    });
}
