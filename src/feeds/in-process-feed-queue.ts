// The embedded default (no REDIS_URL): runs feed jobs one at a time in this process, each slot
// once. A feed job must not overlap with itself, and one at a time keeps PGlite uncontended.
import type { Logger } from '../logger.ts';
import { feedJobId, type FeedQueue, type FeedRunHandler, type FeedRunRequest } from './feed-queue.ts';

const REMEMBERED_SLOTS = 10_000;

export function createInProcessFeedQueue(handler: FeedRunHandler, logger: Logger): FeedQueue & { idle(): Promise<void> } {
  const seen = new Set<string>();
  let tail: Promise<void> = Promise.resolve();
  let closed = false;
  return {
    async enqueue(req: FeedRunRequest) {
      const id = feedJobId(req);
      if (closed || seen.has(id)) return;
      seen.add(id);
      if (seen.size > REMEMBERED_SLOTS) seen.delete(seen.values().next().value as string);
      tail = tail.then(() =>
        handler(req).catch((err: unknown) => {
          logger.error({ err, feed: req.feed, slot: req.slot }, 'feed run failed');
        }),
      );
    },
    idle: () => tail,
    async close() {
      closed = true;
      await tail;
    },
  };
}
