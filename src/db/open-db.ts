// Chooses the engine: PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import type { Db } from './db.ts';
import { openPgDb } from './pg-db.ts';
import { pgliteDb, startPglite } from './pglite-db.ts';
import { lockDataDir } from './data-dir-lock.ts';

/**
 * `notice` is told when a slow embedded start begins, so that nothing hangs silently. `logger`
 * receives lost PostgreSQL connections (default: pg-db's own logger on stderr).
 */
export async function openDb(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  notice: (msg: string) => void = () => undefined,
  logger?: Logger,
): Promise<Db> {
  if (config.databaseUrl) return openPgDb({ connectionString: config.databaseUrl, logger });
  const root = path.resolve(config.dataDir);
  const dir = path.join(root, 'pgdata');
  await mkdir(dir, { recursive: true });
  const lock = await lockDataDir(root);
  try {
    notice(`starting embedded PostgreSQL + PostGIS in ${dir} (the first start takes 10-30 s)…`);
    const started = Date.now();
    const pglite = await startPglite(dir);
    notice(`embedded PostgreSQL ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const db = pgliteDb(pglite);
    return { ...db, close: () => db.close().finally(() => lock.release()) };
  } catch (err) {
    await lock.release();
    throw err;
  }
}
