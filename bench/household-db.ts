// The PostgreSQL side of the household rows, prepared once per run by the runner: a database of
// the bench's own (or, with DATABASE_URL, a schema of its own in that database, so that nothing of
// the user's is touched), PostGIS, the migrations, Deli Serdang's villages and the generated CSV.
// Everything is removed again by `teardown`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrate } from '../src/db/migrate.ts';
import { openPgDb } from '../src/db/pg-db.ts';
import { assertSucceeded, REPO_ROOT, runSiagaCli } from './run-siaga-cli.ts';
import { RowSkipped, type BenchMode, type HouseholdFixture } from './row-types.ts';

export const HOUSEHOLDS: Record<BenchMode, number> = { quick: 200_000, full: 1_000_000 };
/** Without DATABASE_URL: the local server's maintenance database, where the bench database is created. */
export const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
const VILLAGES = path.join(REPO_ROOT, 'fixtures', 'id-admin', 'deli_serdang_villages.geojson');
const CONNECT_TIMEOUT_MS = 5000;

export interface PreparedHouseholds {
  fixture: HouseholdFixture;
  teardown: () => Promise<void>;
}

interface Place {
  databaseUrl: string;
  where: string;
  drop: () => Promise<void>;
}

/** Throws RowSkipped when PostgreSQL or PostGIS is not there, Error when setting up fails. */
export async function prepareHouseholds(
  databaseUrl: string | undefined,
  mode: BenchMode,
  log: (line: string) => void,
): Promise<PreparedHouseholds> {
  const place = databaseUrl ? await ownSchema(databaseUrl) : await ownDatabase();
  let dir: string | undefined;
  const teardown = async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    await place.drop();
  };
  try {
    log(`household rows: ${place.where}`);
    await requirePostgis(place.databaseUrl);
    const db = openPgDb({ connectionString: place.databaseUrl, max: 1 });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
    assertSucceeded(await runSiagaCli(['import', 'areas', VILLAGES], place.databaseUrl), 'siaga import areas');
    dir = await mkdtemp(path.join(tmpdir(), 'siaga-bench-'));
    const households = HOUSEHOLDS[mode];
    const csvPath = path.join(dir, `households-${households}.csv`);
    log(`household rows: generating ${households.toLocaleString('en')} households`);
    const args = ['generate', 'households', '--villages', VILLAGES, '--count', String(households), '--seed', 'bench', '--out', csvPath];
    assertSucceeded(await runSiagaCli(args, place.databaseUrl), 'siaga generate households');
    return { fixture: { databaseUrl: place.databaseUrl, where: place.where, csvPath, households }, teardown };
  } catch (err) {
    await teardown().catch(() => undefined);
    throw err;
  }
}

async function ownDatabase(): Promise<Place> {
  // CREATE DATABASE takes no parameters; the name is built from the process id, digits only.
  const name = `siaga_bench_${process.pid}`;
  const admin = await connect(LOCAL_SERVER, 'PostgreSQL at 127.0.0.1:5432');
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(LOCAL_SERVER);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    where: `database ${name} on 127.0.0.1:5432 (dropped at the end)`,
    drop: async () => {
      const client = await connect(LOCAL_SERVER, 'PostgreSQL at 127.0.0.1:5432');
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

async function ownSchema(databaseUrl: string): Promise<Place> {
  const schema = `bench_${process.pid}`;
  const client = await connect(databaseUrl, 'PostgreSQL at DATABASE_URL');
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
  // Every connection of the bench and of the siaga children it starts gets the schema first on
  // its search_path; PostGIS stays in public, as the migrations expect.
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema},public`);
  return {
    databaseUrl: url.toString(),
    where: `schema ${schema} in DATABASE_URL's database (dropped at the end)`,
    drop: async () => {
      const c = await connect(databaseUrl, 'PostgreSQL at DATABASE_URL');
      try {
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}

async function requirePostgis(databaseUrl: string): Promise<void> {
  const client = await connect(databaseUrl, 'the bench database');
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA public');
  } catch (err) {
    throw new RowSkipped(`PostGIS is not available: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  } finally {
    await client.end();
  }
}

/** A connected client, or RowSkipped saying why not (never the connection string: it may hold a password). */
async function connect(connectionString: string, what: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  try {
    await client.connect();
    return client;
  } catch (err) {
    await client.end().catch(() => undefined);
    const e = err as NodeJS.ErrnoException;
    throw new RowSkipped(`${what} is unreachable: ${e.code ?? e.message}`, { cause: err });
  }
}
