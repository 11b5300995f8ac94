// Fan-out carries chunks of ledger ids, not one job per recipient: a 100,000-household warning is
// 100 jobs of 1,000 ids, not 100,000 jobs (Redis memory, enqueue time, and a visible unit of work).
// Two implementations: BullMQ queues `push` and `sms` on Redis, or in-process (embedded default).
// A chunk may run twice (a retried job, a recovery re-dispatch): the row claim makes that harmless.
import type { DeliveryChannel } from '../db/delivery-claims.ts';

export interface DeliveryChunk {
  channel: DeliveryChannel;
  ids: string[];
}

export type DeliveryChunkHandler = (chunk: DeliveryChunk) => Promise<void>;

export interface DeliveryQueue {
  /** Enqueues chunks; `delayMs` holds them back (quiet hours). */
  enqueue(chunks: readonly DeliveryChunk[], delayMs?: number): Promise<void>;
  /** Resolves when nothing is queued or running in this process (in-process only; BullMQ resolves at once). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export const DELIVERY_QUEUE_NAMES: Record<DeliveryChannel, string> = { push: 'siaga-push', sms: 'siaga-sms' };

export function chunkIds(channel: DeliveryChannel, ids: readonly string[], size: number): DeliveryChunk[] {
  const chunks: DeliveryChunk[] = [];
  for (let i = 0; i < ids.length; i += size) chunks.push({ channel, ids: ids.slice(i, i + size) });
  return chunks;
}
