// `siaga hazards approve ID --by NAME [--json]`: one approval. The final one (the second, under
// four-eyes) issues the warning and hands it to delivery as a feed run does: onto the BullMQ
// queues when REDIS_URL is set (the workers send), else sent from this process before it exits.
import type { Command } from 'commander';
import { openRedis } from '../adapters/open-redis.ts';
import { handOnTo, openDeliveryRuntime } from '../delivery/start-delivery-runtime.ts';
import { approveCandidate } from '../hazards/approve-candidate.ts';
import { createHazardReviewDeps } from '../hazards/hazard-review-deps.ts';
import { createLogger } from '../logger.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { asCliError, candidateId } from './hazards-args.ts';

export function registerHazardsApprove(parent: Command, ctx: CliContext): void {
  parent
    .command('approve')
    .description('approve a hazard candidate; the final approval issues a Siaga CAP alert and delivers it')
    .argument('<id>', 'candidate id (see `siaga hazards candidates`)')
    .requiredOption('--by <name>', 'who approves (never the one who drafted it; under four-eyes, two different people)')
    .option('--json', 'print the result as JSON')
    .action(async (idText: string, flags: { by: string; json?: boolean }) => {
      const id = candidateId(idText);
      const config = ctx.config();
      const db = await ctx.db();
      const logger = createLogger(config.logLevel);
      const redis = config.redisUrl ? openRedis(config.redisUrl) : undefined;
      let runtime: Awaited<ReturnType<typeof openDeliveryRuntime>> | undefined;
      const handOn = async (alertIds: number[]) => {
        runtime = await openDeliveryRuntime(config, db, logger, redis, !redis);
        await handOnTo(runtime)(alertIds);
        await runtime.idle();
      };
      try {
        const result = await asCliError(() => approveCandidate(createHazardReviewDeps(config, db, logger, handOn), id, flags.by));
        if (flags.json) ctx.out(JSON.stringify(result, null, 2));
        else if (result.state === 'pending') ctx.out(`candidate ${id}: approval by ${result.approvals.at(-1) ?? '?'} recorded (${result.approvals.length} of ${result.required}); it needs another person's approval before anyone is warned`);
        else if (result.alert) {
          ctx.out(`candidate ${id}: approved by ${result.approvals.join(' and ')}; issued alert ${result.alert.id} (${result.alert.identifier}) reaching ${result.alert.households} households in ${result.alert.villages} villages`);
          ctx.out(result.handedOn ? `  handed to delivery; see \`siaga deliveries ${result.alert.identifier}\`` : `  NOT delivered: ${result.handOnError ?? 'unknown reason'}`);
        }
        if (result.alert && !result.handedOn) throw new CliError(`the alert of candidate ${id} was issued but not handed to delivery: ${result.handOnError ?? 'unknown reason'}`);
      } finally {
        await runtime?.stop();
        redis?.disconnect();
      }
    });
}
