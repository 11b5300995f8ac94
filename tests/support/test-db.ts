// A database for one test: its own schema, migrated, on whichever engine this run uses
// (PostgreSQL when DATABASE_URL is set, else the embedded PGlite shared by this worker process).
import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import type { Db } from '../../src/db/db.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openPgDb } from '../../src/db/pg-db.ts';
import { pgliteDb, startPglite } from '../../src/db/pglite-db.ts';

let sharedPglite: Promise<PGlite> | undefined;

export const engineUnderTest: 'postgres' | 'pglite' = process.env.DATABASE_URL ? 'postgres' : 'pglite';

export interface TestDb {
  db: Db;
  schema: string;
  /** Drops the schema and closes connections. */
  drop(): Promise<void>;
}

export async function createTestDb(options: { migrated?: boolean } = {}): Promise<TestDb> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const url = process.env.DATABASE_URL;
  let db: Db;
  if (url) {
    const admin = openPgDb({ connectionString: url, max: 1 });
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.close();
    db = openPgDb({ connectionString: url, schema });
  } else {
    sharedPglite ??= startPglite('memory://');
    const pglite = await sharedPglite;
    await pglite.exec(`CREATE SCHEMA ${schema}`);
    db = pgliteDb(pglite, { schema, owned: false });
  }
  if (options.migrated !== false) await migrate(db);
  return {
    db,
    schema,
    async drop() {
      await db.query(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    },
  };
}
