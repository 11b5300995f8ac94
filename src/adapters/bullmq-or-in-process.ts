// The choice both runtimes (feeds, delivery) make for their queue. With Redis: BullMQ, which any
// replica may add to, and workers only in the processes asked to run them. Without Redis: one
// in-process queue that always runs its jobs, whatever the process was asked, since nothing else
// could. BullMQ workers get a connection of their own because they block on it waiting for jobs.
import type { Redis } from 'ioredis';

export interface QueueMakers<Q> {
  /** The BullMQ queue, on the runtime's connection. */
  bullmq(redis: Redis): Q;
  /** BullMQ workers, on a connection made for them (closed after them). */
  bullmqWorkers(connection: Redis): { close(): Promise<void> };
  /** The in-process queue, which runs its jobs itself. */
  inProcess(): Q;
}

export interface ChosenQueue<Q> {
  queue: Q;
  /** Stops this process's BullMQ workers and drops their connection; nothing to do without them. */
  stopWorkers(): Promise<void>;
}

export function bullmqOrInProcess<Q>(redis: Redis | undefined, worker: boolean, make: QueueMakers<Q>): ChosenQueue<Q> {
  if (!redis) return { queue: make.inProcess(), stopWorkers: async () => undefined };
  const queue = make.bullmq(redis);
  if (!worker) return { queue, stopWorkers: async () => undefined };
  const connection = redis.duplicate();
  const workers = make.bullmqWorkers(connection);
  return {
    queue,
    async stopWorkers() {
      await workers.close();
      connection.disconnect();
    },
  };
}
