// Takes stored messages that await delivery (src/db/delivery-handoffs.ts) and plans them, one at a
// time, most dangerous first, until none is ready: at start, on every poll, and whenever something
// in this process says a message was stored (a wake-up; the row in the database is what counts).
// A claim carries a lease that is renewed while planning runs, so a runtime that dies mid-plan lets
// the message go to another runtime within one lease (at once when the runtime is known to be gone:
// its process no longer exists, or it stopped saying it is alive); planning is idempotent, so the next one
// adds only what is missing.
import { claimNextHandoff, deferHandoff, renewHandoffClaims, settleHandoff, type HandoffDecision } from '../db/delivery-handoffs.ts';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';

export interface HandoffRunnerOptions {
  db: Db;
  logger: Logger;
  now: () => Date;
  runtimeId: string;
  /** Plans one message and says what it came to. */
  plan(alertId: string): Promise<HandoffDecision>;
  /** How often the database is asked for ready messages (ms); 0: only on wake-ups (tests). */
  pollMs: number;
  leaseSeconds: number;
  /** Runtimes known to be gone: what they had claimed is taken at once (default: none known). */
  deadRuntimes?: () => Promise<readonly string[]>;
}

export interface HandoffRunner {
  /** Something was stored: look now rather than at the next poll. */
  wake(): void;
  /** Plans every ready message; resolves with how many were settled. */
  runNow(): Promise<number>;
  stop(): Promise<void>;
}

const MAX_RETRY_S = 300;

export function startHandoffRunner(o: HandoffRunnerOptions): HandoffRunner {
  let running: Promise<number> | undefined;
  let again = false;
  let stopped = false;

  const planOne = async (claim: { alert_id: string; version: number; attempts: number }): Promise<boolean> => {
    const renew = setInterval(
      () => {
        const until = new Date(o.now().getTime() + o.leaseSeconds * 1000);
        renewHandoffClaims(o.db, o.runtimeId, [claim.alert_id], until).catch((err: unknown) =>
          o.logger.warn({ err, alert: claim.alert_id }, 'could not renew a delivery hand-off lease'),
        );
      },
      Math.max(1000, (o.leaseSeconds * 1000) / 3),
    );
    renew.unref();
    try {
      const decision = await o.plan(claim.alert_id);
      const stood = await settleHandoff(o.db, claim.alert_id, claim.version, decision, o.now());
      o.logger.info(
        { alert: claim.alert_id, ...decision, settled: stood },
        stood ? 'message handed to delivery' : 'message changed while it was planned; it goes round again',
      );
      return stood;
    } catch (err) {
      // The message stays awaiting with the error, and is tried again with a growing wait.
      const waitS = Math.min(MAX_RETRY_S, 5 * 2 ** Math.min(10, claim.attempts - 1));
      o.logger.error(
        { err, alert: claim.alert_id, attempt: claim.attempts, retryInS: waitS },
        'planning a message for delivery failed; it stays awaiting and is tried again',
      );
      const message = err instanceof Error ? err.message : String(err);
      await deferHandoff(o.db, claim.alert_id, message, new Date(o.now().getTime() + waitS * 1000), o.now()).catch((deferErr: unknown) =>
        o.logger.warn({ err: deferErr, alert: claim.alert_id }, 'could not record the planning error; the lease runs out by itself'),
      );
      return false;
    } finally {
      clearInterval(renew);
    }
  };

  const drain = async (): Promise<number> => {
    let settled = 0;
    do {
      again = false;
      const dead = (await o.deadRuntimes?.()) ?? [];
      for (;;) {
        if (stopped) return settled;
        const claim = await claimNextHandoff(o.db, o.runtimeId, o.now(), o.leaseSeconds, dead);
        if (!claim) break;
        if (await planOne(claim)) settled += 1;
      }
    } while (again && !stopped);
    return settled;
  };

  const runNow = (): Promise<number> => {
    if (running) {
      again = true;
      return running;
    }
    running = drain().finally(() => {
      running = undefined;
    });
    return running;
  };
  const wake = () => {
    runNow().catch((err: unknown) => o.logger.error({ err }, 'looking for messages that await delivery failed; the next poll tries again'));
  };

  const timer = o.pollMs > 0 ? setInterval(wake, o.pollMs) : undefined;
  timer?.unref();
  return {
    wake,
    runNow,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
