// Scheduler ticks only enqueue; workers run the feed jobs. Two implementations: BullMQ on Redis
// (any number of schedulers and workers, each slot run once) and in-process (the embedded default).

export interface FeedRunRequest {
  feed: string;
  slot: string;
}

export interface FeedQueue {
  /** Enqueues one run of `feed` for `slot`; a slot already enqueued (by any replica) is not enqueued again. */
  enqueue(req: FeedRunRequest): Promise<void>;
  close(): Promise<void>;
}

export type FeedRunHandler = (req: FeedRunRequest) => Promise<void>;

/** The deterministic job id: the same feed and slot from every replica name the same job. */
export function feedJobId(req: FeedRunRequest): string {
  // BullMQ job ids may not contain ':' (it separates Redis key parts).
  return `${req.feed}@${req.slot.replace(/:/g, '-')}`;
}

/** A scheduler slot: the tick's time to the minute, in UTC. */
export function slotOf(tick: Date, precision: 'minute' | 'second' = 'minute'): string {
  return tick.toISOString().slice(0, precision === 'minute' ? 16 : 19);
}

/** A six-field cron expression (seconds first) ticks more than once a minute: its slots name the second. */
export function slotPrecisionOf(schedule: string): 'minute' | 'second' {
  return schedule.trim().split(/\s+/).length === 6 ? 'second' : 'minute';
}
