// The national household database of the alert-to-queued row: a database of its own on the bench's
// PostgreSQL server (dropped at the end), migrated, with about 83,000 villages
// (bench/national/national-villages.ts) and N synthetic households, all loaded through the
// project's own CLI: `siaga import areas`, `siaga generate households`, `siaga import households`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrate } from '../../src/db/migrate.ts';
import { openPgDb } from '../../src/db/pg-db.ts';
import { LOCAL_SERVER } from '../household-db.ts';
import { RowSkipped } from '../row-types.ts';
import { assertSucceeded, runSiagaCli } from '../run-siaga-cli.ts';
import { buildNationalVillages, ID_ADMIN, type NationalVillages } from './national-villages.ts';

export interface NationalDb {
  databaseUrl: string;
  households: number;
  villages: NationalVillages;
  /** Seconds of each preparation step, for the results file. */
  steps: Record<string, number>;
  drop: () => Promise<void>;
}

/** `serverUrl`: DATABASE_URL (its server is used, never its database) or the local server. */
export async function prepareNationalDb(
  serverUrl: string | undefined,
  households: number,
  log: (line: string) => void,
): Promise<NationalDb> {
  const admin = new URL(serverUrl ?? LOCAL_SERVER);
  admin.pathname = '/postgres';
  // CREATE DATABASE takes no parameters; the name is built from the process id, digits only.
  const name = `siaga_bench_national_${process.pid}`;
  await adminQuery(admin.toString(), `CREATE DATABASE ${name}`);
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const dir = await mkdtemp(path.join(tmpdir(), 'siaga-bench-national-'));
  const drop = async () => {
    await rm(dir, { recursive: true, force: true });
    await adminQuery(admin.toString(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  const steps: Record<string, number> = {};
  const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    log(`alert-to-queued: ${label}…`);
    const start = process.hrtime.bigint();
    const value = await work();
    steps[label] = Math.round(Number(process.hrtime.bigint() - start) / 1e6) / 1e3;
    return value;
  };
  try {
    await adminQuery(databaseUrl, 'CREATE EXTENSION IF NOT EXISTS postgis WITH SCHEMA public').catch((err: unknown) => {
      throw new RowSkipped(`PostGIS is not available: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    });
    const db = openPgDb({ connectionString: databaseUrl, max: 1 });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
    const villageFile = path.join(dir, 'national-villages.geojson');
    const villages = await step('build national villages (Voronoi in PostGIS)', () => buildNationalVillages(databaseUrl, villageFile));
    // The registry as a deployment holds it: the real province, regency and district boundaries
    // too (a geocoded warning's map shape is its unit's own boundary), then the villages.
    for (const [file, level] of [
      ['provinces.geojson', 'province'],
      ['regencies.geojson', 'regency'],
      ['districts.geojson', 'district'],
    ] as const) {
      await step(`siaga import areas (${level})`, async () =>
        assertSucceeded(
          await runSiagaCli(['import', 'areas', path.join(ID_ADMIN, file), '--level', level], databaseUrl),
          `siaga import areas ${file}`,
        ),
      );
    }
    await step('siaga import areas (village)', async () =>
      assertSucceeded(await runSiagaCli(['import', 'areas', villageFile, '--level', 'village'], databaseUrl), 'siaga import areas'),
    );
    const csv = path.join(dir, 'households.csv');
    const generate = [
      'generate',
      'households',
      '--villages',
      villageFile,
      '--count',
      String(households),
      '--seed',
      'bench-national',
      '--out',
      csv,
    ];
    await step(`siaga generate households (${households.toLocaleString('en')})`, async () =>
      assertSucceeded(await runSiagaCli(generate, databaseUrl), 'siaga generate households'),
    );
    await step('siaga import households', async () =>
      assertSucceeded(await runSiagaCli(['import', 'households', csv], databaseUrl), 'siaga import households'),
    );
    await adminQuery(databaseUrl, 'VACUUM ANALYZE');
    return { databaseUrl, households, villages, steps, drop };
  } catch (err) {
    await drop().catch(() => undefined);
    throw err;
  }
}

async function adminQuery(connectionString: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    const e = err as NodeJS.ErrnoException;
    throw new RowSkipped(`PostgreSQL is unreachable: ${e.code ?? e.message}`, { cause: err });
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
