// Embedded PostgreSQL: PGlite (WebAssembly) with its PostGIS extension, persisted in a folder.
// No server, no Redis: the default for a fresh machine and for the README's quick start.
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { DbError, schemaIdent, type Db, type Queryable, type QueryResult } from './db.ts';

const parsers = { [types.INT8]: (v: string) => Number(v) };

/** Starts PGlite; `dataDir` is a folder path, or `memory://` for a throwaway database. */
export async function startPglite(dataDir: string): Promise<PGlite> {
  return PGlite.create({ dataDir, extensions: { postgis }, parsers });
}

/**
 * PGlite's PostGIS loses some GEOS exceptions (electric-sql/pglite#916): the statement then ends
 * with no row description and no rows instead of an error, which would read as "nobody is in the
 * area". A statement that returns rows always describes them, even when there are none, so a
 * missing description is that lost error, and it is raised here.
 */
function returnsRows(sql: string): boolean {
  const query = /^\s*(SELECT|WITH|VALUES|TABLE)\b/i.test(sql);
  // `UPDATE deliveries d SET`: a table may carry an alias (tests/db-engine.test.ts).
  const modifies = /\b(INSERT\s+INTO|UPDATE\s+\w+(\s+(AS\s+)?\w+)?\s+SET|DELETE\s+FROM)\b/i.test(sql);
  return /\bRETURNING\b/i.test(sql) || (query && !modifies);
}

function lostError(sql: string): DbError {
  const first = sql.trim().split('\n')[0]?.slice(0, 100) ?? '';
  return new DbError(
    `the embedded PostGIS failed inside this statement without reporting why (a GEOS error lost by PGlite, electric-sql/pglite#916); nothing was returned, so nothing is assumed: ${first}`,
  );
}

export interface PgliteDbOptions {
  /** Tables live in this schema (tests share one PGlite and use one schema each). */
  schema?: string;
  /** Whether close() also stops PGlite (false when the instance is shared). */
  owned?: boolean;
}

export function pgliteDb(pglite: PGlite, options: PgliteDbOptions = {}): Db {
  const searchPath = options.schema ? `SET search_path TO ${schemaIdent(options.schema)}, public` : undefined;

  const onConnection = (conn: PGlite | Transaction, setPath: boolean): Queryable => ({
    async query<T extends object>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      if (setPath && searchPath) await conn.exec(searchPath);
      const r = await conn.query<T>(sql, params as unknown[]);
      if (r.fields.length === 0 && returnsRows(sql)) throw lostError(sql);
      return { rows: r.rows, rowCount: r.affectedRows ?? 0 };
    },
    async execScript(sql) {
      if (setPath && searchPath) await conn.exec(searchPath);
      await conn.exec(sql);
    },
    async copyFrom(sql, source) {
      if (setPath && searchPath) await conn.exec(searchPath);
      const chunks: (string | Buffer)[] = [];
      for await (const chunk of source) chunks.push(chunk);
      // PGlite reads COPY input from a virtual file rather than the wire protocol.
      const blob = new Blob(chunks);
      const r = await conn.query(sql.replace(/\bFROM\s+STDIN\b/i, "FROM '/dev/blob'"), [], { blob });
      return r.affectedRows ?? 0;
    },
  });

  return {
    engine: 'pglite',
    ...onConnection(pglite, true),
    async transaction(work) {
      return pglite.transaction(async (tx) => {
        if (searchPath) await tx.exec(searchPath);
        return work(onConnection(tx, false));
      });
    },
    async close() {
      if (options.owned !== false) await pglite.close();
    },
  };
}
