// Readiness, as a load balancer or orchestrator asks it before sending traffic: can this process do
// its work now? The database answers, Redis answers (when configured), and the schema is the one
// this code expects. Liveness (/healthz) asks less: a process that fails here is not helped by a
// restart, only by its database, Redis or a migration coming back.
import type { Db } from '../db/db.ts';
import { loadMigrations, migrationsBehind, type Migration } from '../db/migrate.ts';

/** The Redis command readiness uses; an ioredis `Redis` satisfies it. */
export interface PingableRedis {
  ping(): Promise<string>;
}

export type CheckResult = 'ok' | 'not configured' | { error: string };

export interface Readiness {
  ready: boolean;
  checks: { database: CheckResult; redis: CheckResult; migrations: CheckResult };
}

/** Each check gets this long: a database or Redis that does not answer is as bad as one that refuses. */
const CHECK_TIMEOUT_MS = 2000;

export function createReadinessCheck(db: Db, redis: PingableRedis | undefined, timeoutMs = CHECK_TIMEOUT_MS): () => Promise<Readiness> {
  // The files do not change under a running process; read them once.
  let migrations: Promise<Migration[]> | undefined;
  return async () => {
    const [database, redisCheck, schema] = await Promise.all([
      check(async () => void (await db.query('SELECT 1')), 'the database', timeoutMs),
      redis ? check(async () => void (await redis.ping()), 'Redis', timeoutMs) : ('not configured' as const),
      check(
        async () => {
          migrations ??= loadMigrations();
          const behind = await migrationsBehind(db, await migrations);
          if (behind.length > 0) throw new Error(`the database is not current: ${behind.join('; ')} (run \`npx siaga db migrate\`)`);
        },
        'the migration check',
        timeoutMs,
      ),
    ]);
    const checks = { database, redis: redisCheck, migrations: schema };
    return { ready: Object.values(checks).every((c) => typeof c === 'string'), checks };
  };
}

async function check(run: () => Promise<void>, what: string, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  const work = run();
  // A check that answers after its time is up must not become an unhandled rejection.
  work.catch(() => undefined);
  try {
    await Promise.race([work, timeout]);
    return 'ok';
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}
