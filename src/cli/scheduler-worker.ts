// `siaga scheduler` and `siaga worker`: the two halves of feed ingestion as separate processes, to
// run as many of each as wanted against one Redis. Without Redis a lone scheduler runs its own jobs.
import type { Command } from 'commander';
import { openRedis } from '../adapters/open-redis.ts';
import { handOnTo, openDeliveryRuntime } from '../delivery/start-delivery-runtime.ts';
import { startFeedRuntime } from '../feeds/start-feed-runtime.ts';
import { configuredFeeds } from '../../jobs/configured-feeds.ts';
import { createLogger } from '../logger.ts';
import { CliError } from './cli-error.ts';
import type { CliContext } from './context.ts';
import { untilSignal } from './run-until-signal.ts';
import { examples } from './help-examples.ts';

export function registerSchedulerAndWorker(program: Command, ctx: CliContext): void {
  program
    .command('scheduler')
    .description(
      'enqueue feed runs on their schedules (one job per feed and minute, whatever the number of schedulers); without REDIS_URL it also runs them',
    )
    .addHelpText('after', examples('REDIS_URL=redis://redis.internal:6379 siaga scheduler'))
    .action(() => run(ctx, { scheduler: true, worker: false }));
  program
    .command('worker')
    .description('run the feed jobs the schedulers enqueue, and send the deliveries they plan (needs REDIS_URL)')
    .addHelpText('after', examples('REDIS_URL=redis://redis.internal:6379 siaga worker'))
    .action(() => run(ctx, { scheduler: false, worker: true }));
}

async function run(ctx: CliContext, role: { scheduler: boolean; worker: boolean }): Promise<void> {
  const config = ctx.config();
  if (role.worker && !config.redisUrl) {
    throw new CliError(
      'a worker takes its jobs from Redis: set REDIS_URL (without Redis, `npm start` or `siaga scheduler` run everything in one process)',
      2,
    );
  }
  const logger = createLogger(config.logLevel);
  const db = await ctx.db();
  const redis = config.redisUrl ? openRedis(config.redisUrl, logger) : undefined;
  // Whoever runs feed jobs hands new warnings on, so it needs delivery (on Redis only the workers send).
  const delivery = role.worker || !redis ? await openDeliveryRuntime(config, db, logger, redis, true) : undefined;
  const runtime = startFeedRuntime({
    config,
    db,
    logger,
    redis,
    jobs: configuredFeeds(config),
    ...role,
    prefix: config.queuePrefix,
    handOn: delivery && handOnTo(delivery),
  });
  ctx.err(
    `${role.scheduler ? 'scheduler' : 'worker'} running for ${runtime.jobs.map((j) => j.name).join(', ')}${delivery ? ' and deliveries' : ''} on ${redis ? 'Redis' : 'this process'}; stop with Ctrl-C`,
  );
  const signal = await untilSignal();
  logger.info({ signal }, 'stopping');
  await runtime.stop();
  await delivery?.stop();
  redis?.disconnect();
}
