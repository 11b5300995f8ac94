// The header of every run: what the figures were measured on. Versions come from the servers
// themselves; anything that cannot be asked is "n/a" rather than a guess.
import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const ASK_TIMEOUT_MS = 5000;

export interface Machine {
  cpu: string;
  cores: number;
  totalMemoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  postgis: string;
  redis: string;
  commit: string;
}

/** `databaseUrl`: the database the rows use, or the server to ask when no row needs one. */
export async function describeMachine(databaseUrl: string, redisUrl: string | undefined): Promise<Machine> {
  const [db, redis, commit] = await Promise.all([databaseVersions(databaseUrl), redisVersion(redisUrl), gitCommit()]);
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'n/a',
    cores: os.availableParallelism(),
    totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    ...db,
    redis,
    commit,
  };
}

const VERSIONS = `
SELECT current_setting('server_version') AS postgres,
  (SELECT coalesce(installed_version, default_version) FROM pg_available_extensions WHERE name = 'postgis') AS postgis`;

async function databaseVersions(connectionString: string): Promise<{ postgres: string; postgis: string }> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: ASK_TIMEOUT_MS });
  try {
    await client.connect();
    const { rows } = await client.query<{ postgres: string; postgis: string | null }>(VERSIONS);
    return { postgres: rows[0]?.postgres ?? 'n/a', postgis: rows[0]?.postgis ?? 'n/a (not installed on the server)' };
  } catch {
    return { postgres: 'n/a', postgis: 'n/a' };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** From `redis-cli … info server`; Siaga has no Redis client of its own yet. */
async function redisVersion(redisUrl: string | undefined): Promise<string> {
  const target = redisUrl ? ['-u', redisUrl] : ['-h', '127.0.0.1'];
  try {
    const { stdout } = await run('redis-cli', [...target, 'info', 'server'], { timeout: ASK_TIMEOUT_MS });
    return /^redis_version:(\S+)/m.exec(stdout)?.[1] ?? 'n/a';
  } catch {
    return 'n/a';
  }
}

/** The commit measured, marked "+changes" when the working tree differs from it. */
async function gitCommit(): Promise<string> {
  try {
    const { stdout: head } = await run('git', ['rev-parse', '--short', 'HEAD'], { timeout: ASK_TIMEOUT_MS });
    const { stdout: status } = await run('git', ['status', '--porcelain'], { timeout: ASK_TIMEOUT_MS });
    return `${head.trim()}${status.trim() ? '+changes' : ''}`;
  } catch {
    return 'n/a';
  }
}
