// Forward-only migrations: every file in migrations/ runs once, in name order, each in its own
// transaction, recorded with its checksum so that an edited migration is caught instead of skipped.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DbError, type Db } from './db.ts';
import { many } from './sql.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => {
      const sql = await readFile(path.join(dir, file), 'utf8');
      return {
        version: file.slice(0, 4),
        name: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    }),
  );
}

const CREATE_LEDGER = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version    text PRIMARY KEY,
  name       text NOT NULL,
  checksum   text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

/** Applies what is missing; returns the names applied now. */
export async function migrate(db: Db, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  await db.query(CREATE_LEDGER);
  const applied: string[] = [];
  for (const m of all) {
    const done = await db.transaction(async (tx) => {
      // Two processes starting together must not both apply a migration: serialise per schema.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':siaga-migrate'))`);
      const [row] = await many<{ checksum: string }>(tx, 'SELECT checksum FROM schema_migrations WHERE version = $1', [m.version]);
      if (row) {
        if (row.checksum !== m.checksum) {
          throw new DbError(`migration ${m.name} was changed after it was applied; add a new migration instead`);
        }
        return false;
      }
      await tx.execScript(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
      return true;
    });
    if (done) applied.push(m.name);
  }
  return applied;
}

/**
 * What keeps the database from being current: migrations in migrations/ not applied yet, and any
 * applied one whose file changed since. Empty when current. Reads schema_migrations only.
 */
export async function migrationsBehind(db: Db, migrations: Migration[]): Promise<string[]> {
  const exists = await many<{ ok: boolean }>(db, `SELECT to_regclass('schema_migrations') IS NOT NULL AS ok`);
  if (!exists[0]?.ok) return migrations.map((m) => `${m.name} not applied`);
  const applied = new Map(
    (await many<{ version: string; checksum: string }>(db, 'SELECT version, checksum FROM schema_migrations')).map((r) => [
      r.version,
      r.checksum,
    ]),
  );
  return migrations.flatMap((m) => {
    const checksum = applied.get(m.version);
    if (checksum === undefined) return [`${m.name} not applied`];
    return checksum === m.checksum ? [] : [`${m.name} changed after it was applied`];
  });
}
