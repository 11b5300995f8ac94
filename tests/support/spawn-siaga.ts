// Real `siaga` processes for tests that need several (workers, schedulers, a worker killed
// mid-run), and a database of their own that every process can reach by URL (a test schema lives
// behind search_path, which a child process cannot be handed). PostgreSQL only.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openPgDb } from '../../src/db/pg-db.ts';
import { TEST_PUSH_ENV } from './local-push-service.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// The feeds must never reach the internet from a test: unless a test says otherwise, every BMKG
// URL points at a port where nothing listens, on a schedule that does not come round.
export const OFFLINE_FEEDS: NodeJS.ProcessEnv = {
  BMKG_NOWCAST_URLS: 'http://127.0.0.1:9/rss.xml',
  BMKG_QUAKE_URLS: 'http://127.0.0.1:9/autogempa.json',
  BMKG_FORECAST_URL: 'http://127.0.0.1:9/?adm4={code}',
  BMKG_NOWCAST_SCHEDULE: '0 0 1 1 *',
  BMKG_QUAKE_SCHEDULE: '0 0 1 1 *',
  BMKG_FORECAST_SCHEDULE: '0 0 1 1 *',
};

export interface SiagaProcess {
  child: ChildProcess;
  stderr(): string;
}

export function spawnSiaga(args: string[], env: NodeJS.ProcessEnv): SiagaProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/siaga.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...OFFLINE_FEEDS, ...TEST_PUSH_ENV, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return { child, stderr: () => stderr };
}

export interface TestDatabase {
  url: string;
  db: Db;
  drop(): Promise<void>;
}

export async function createTestDatabase(adminUrl: string, label: string): Promise<TestDatabase> {
  const name = `siaga_${label}_${randomBytes(4).toString('hex')}`;
  const admin = openPgDb({ connectionString: adminUrl, max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.close();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const db = openPgDb({ connectionString: u.toString() });
  await migrate(db);
  return {
    url: u.toString(),
    db,
    async drop() {
      await db.close();
      const a = openPgDb({ connectionString: adminUrl, max: 1 });
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.close();
    },
  };
}
