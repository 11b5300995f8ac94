// A write that must not be lost while this process lives (answers of requests already sent, claims
// to give back): tried again with a growing pause until the database answers, for up to
// PERSIST_FOR_MS. Past that the sweep's lease rules settle the rows from what the ledger knows.
import type { DeliveryDeps } from './delivery-deps.ts';

export const PERSIST_FOR_MS = 10 * 60_000;

export async function persistently<T>(
  deps: Pick<DeliveryDeps, 'logger'>,
  what: string,
  write: () => Promise<T>,
  options: { forMs?: number; firstPauseMs?: number } = {},
): Promise<T> {
  const until = Date.now() + (options.forMs ?? PERSIST_FOR_MS);
  let pause = options.firstPauseMs ?? 250;
  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await write();
      if (attempt > 1) deps.logger.info({ what, attempts: attempt }, 'database back: done what was waiting');
      return result;
    } catch (err) {
      if (!isConnectionError(err)) throw err;
      if (Date.now() + pause > until) {
        deps.logger.error({ err, what }, 'gave up waiting for the database; the sweep settles these rows when their lease runs out');
        throw err;
      }
      if (attempt === 1) deps.logger.warn({ err, what }, 'database unavailable; holding this and trying again');
      await new Promise((r) => setTimeout(r, pause));
      pause = Math.min(pause * 2, 5000);
    }
  }
}

/** A lost or refused connection (worth waiting for), as opposed to a statement the database refused. */
export function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return true;
  return /^(08|57P|53)/.test(code) || code.startsWith('E');
}
