// Runs one feed job by name, with a child logger for the run: what workers and `feeds run` call.
import { makeHandoffsReady } from '../db/delivery-handoffs.ts';
import type { FeedDeps, FeedJob, FeedRunContext, FeedRunSummary } from './feed-job.ts';

export class UnknownFeedError extends Error {
  constructor(name: string, known: readonly string[]) {
    super(`no feed named "${name}"; the feeds are: ${known.join(', ')}`);
    this.name = 'UnknownFeedError';
  }
}

export function findFeed(jobs: readonly FeedJob[], name: string): FeedJob {
  const job = jobs.find((j) => j.name === name);
  if (!job)
    throw new UnknownFeedError(
      name,
      jobs.map((j) => j.name),
    );
  return job;
}

export async function runFeed(jobs: readonly FeedJob[], deps: FeedDeps, name: string, ctx: FeedRunContext): Promise<FeedRunSummary> {
  const job = findFeed(jobs, name);
  const logger = deps.logger.child({ feed: name, slot: ctx.slot });
  const started = Date.now();
  const handOver = new Set<number>();
  const ingestCap: FeedDeps['ingestCap'] = async (doc) => {
    const result = await deps.ingestCap({ intake: `feed:${name}`, ...doc });
    if (result.alertId !== null && result.deliverable && ['new', 'update', 'cancel', 'translation'].includes(result.outcome))
      handOver.add(result.alertId);
    return result;
  };
  const priority = job.budgetPriority ?? 'routine';
  const fetch: FeedDeps['fetch'] = (req) => deps.fetch({ ...req, priority });
  const summary = await job.run({ ...deps, fetch, ingestCap, logger }, ctx);
  logger.info({ ...summary, ms: Date.now() - started }, 'feed run done');
  if (handOver.size > 0) {
    // Each message's hand-off was committed with it, with a short grace so that the other language
    // of a warning merges first; the run is over, so they may go now. A run that dies before this
    // line only delays them by that grace.
    await makeHandoffsReady(deps.db, [...handOver], deps.now());
    await deps.handOn?.([...handOver]);
  }
  return summary;
}
