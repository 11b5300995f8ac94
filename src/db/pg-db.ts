// PostgreSQL + PostGIS through a pg Pool.
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createLogger, type Logger } from '../logger.ts';
import { schemaIdent, type Db, type Queryable, type QueryResult } from './db.ts';

// int8 (counts, sums) as numbers on both engines; Siaga's counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export interface PgDbOptions {
  connectionString: string;
  /** Tables live in this schema (tests use one schema each); PostGIS stays in `public`. */
  schema?: string;
  max?: number;
  /** Where lost connections are reported; default: a logger of its own on stderr. */
  logger?: Logger;
}

export function openPgDb(options: PgDbOptions): Db {
  // JIT off: PostGIS functions make the planner's cost estimates huge (ST_Subdivide is assumed to
  // return 1,000 rows a call), so PostgreSQL would compile every targeting query with LLVM. That
  // was measured at 1.1 s of a 1.2 s query; the execution itself took milliseconds.
  const settings = ['-c jit=off', ...(options.schema ? [`-c search_path=${schemaIdent(options.schema)},public`] : [])];
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 4,
    options: settings.join(' '),
  });
  // A connection the server ends (a restart: 57P01, a network cut) emits 'error' on its client; with
  // no listener Node ends the process. The pool listens for idle clients only, so every client gets
  // its own listener for its whole life, also while checked out. The broken client is discarded and
  // the next query opens a new connection, so the process rides out a database restart.
  const logger = options.logger ?? createLogger('info', 'siaga-db');
  const report = (where: 'idle' | 'client') => (err: Error & { code?: string }) =>
    logger.warn({ err: { message: err.message, code: err.code }, where }, 'a PostgreSQL connection was lost; the next query reconnects');
  pool.on('error', report('idle'));
  pool.on('connect', (client) => client.on('error', report('client')));

  const onClient = (client: pg.PoolClient | pg.Pool): Queryable => ({
    async query<T extends object>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const r = await client.query<T>(sql, params as unknown[]);
      return { rows: r.rows, rowCount: r.rowCount ?? 0 };
    },
    async execScript(sql) {
      // Without parameters pg uses the simple query protocol, which accepts several statements.
      await client.query(sql);
    },
    async copyFrom(sql, source) {
      const c = client instanceof pg.Pool ? await client.connect() : client;
      try {
        const stream = c.query(copyFromStdin(sql));
        await pipeline(Readable.from(source), stream);
        return stream.rowCount ?? 0;
      } finally {
        if (client instanceof pg.Pool) (c as pg.PoolClient).release();
      }
    },
  });

  return {
    engine: 'postgres',
    ...onClient(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(onClient(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
