// The embedded default (no REDIS_URL): chunks run in this process, a few at a time per channel.
// Nothing survives a restart here; the ledger does, and recovery re-dispatches queued rows.
import type { Logger } from '../logger.ts';
import type { DeliveryChunk, DeliveryChunkHandler, DeliveryQueue } from './delivery-queue.ts';

export function createInProcessDeliveryQueue(
  handler: DeliveryChunkHandler,
  logger: Logger,
  options: { concurrency?: number } = {},
): DeliveryQueue {
  const concurrency = options.concurrency ?? 2;
  const waiting: DeliveryChunk[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let running = 0;
  let closed = false;
  let idleWaiters: (() => void)[] = [];

  const settle = () => {
    if (running === 0 && waiting.length === 0 && timers.size === 0) {
      for (const w of idleWaiters) w();
      idleWaiters = [];
    }
  };
  const pump = () => {
    while (!closed && running < concurrency && waiting.length > 0) {
      const chunk = waiting.shift() as DeliveryChunk;
      running += 1;
      handler(chunk)
        .catch((err: unknown) =>
          logger.error({ err, channel: chunk.channel, size: chunk.ids.length }, 'delivery chunk failed; its rows stay queued for recovery'),
        )
        .finally(() => {
          running -= 1;
          pump();
          settle();
        });
    }
  };
  return {
    async enqueue(chunks, delayMs = 0) {
      if (closed) return;
      if (delayMs > 0) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          waiting.push(...chunks);
          pump();
          settle();
        }, delayMs);
        timer.unref();
        timers.add(timer);
        return;
      }
      waiting.push(...chunks);
      pump();
    },
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settle();
      }),
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      waiting.length = 0;
      while (running > 0) await new Promise((r) => setTimeout(r, 10));
      settle();
    },
  };
}
