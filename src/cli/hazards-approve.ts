// `siaga hazards approve ID --by NAME [--json]`: one approval. The final one (the second, under
// four-eyes) issues the warning, which awaits delivery from the moment it is stored: the running
// service sends it, or the next one to start (the embedded engine: `npm start`).
import type { Command } from 'commander';
import { approveCandidate } from '../hazards/approve-candidate.ts';
import { createHazardReviewDeps } from '../hazards/hazard-review-deps.ts';
import { createLogger } from '../logger.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { deliveryOutlook } from './delivery-outlook.ts';
import { asCliError, candidateId } from './hazards-args.ts';
import { examples } from './help-examples.ts';

export function registerHazardsApprove(parent: Command, ctx: CliContext): void {
  parent
    .command('approve')
    .description('approve a hazard candidate; the final approval issues a Siaga CAP alert and delivers it')
    .argument('<id>', 'candidate id (see `siaga hazards candidates`)')
    .requiredOption('--by <name>', 'who approves (never the one who drafted it; under four-eyes, two different people)')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', examples('siaga hazards approve 7 --by rina.bmkg'))
    .action(async (idText: string, flags: { by: string; json?: boolean }) => {
      const id = candidateId(idText);
      const config = ctx.config();
      const db = await ctx.db();
      const logger = createLogger(config.logLevel);
      const result = await asCliError(() => approveCandidate(createHazardReviewDeps(config, db, logger), id, flags.by));
      if (flags.json) ctx.out(JSON.stringify(result, null, 2));
      else if (result.state === 'pending')
        ctx.out(
          `candidate ${id}: approval by ${result.approvals.at(-1) ?? '?'} recorded (${result.approvals.length} of ${result.required}); it needs another person's approval before anyone is warned`,
        );
      else if (result.alert) {
        ctx.out(
          `candidate ${id}: approved by ${result.approvals.join(' and ')}; issued alert ${result.alert.id} (${result.alert.identifier}) reaching ${result.alert.households} households in ${result.alert.villages} villages`,
        );
        ctx.out(
          result.handedOn
            ? `  awaiting delivery: ${await deliveryOutlook(db, new Date())}; see \`siaga deliveries ${result.alert.identifier}\``
            : `  NOT delivered: ${result.handOnError ?? 'unknown reason'}`,
        );
      }
      if (result.alert && !result.handedOn)
        throw new CliError(`the alert of candidate ${id} was issued but is not for residents: ${result.handOnError ?? 'unknown reason'}`);
    });
}
