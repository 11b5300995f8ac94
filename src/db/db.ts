// The one database interface the rest of Siaga sees. Two engines implement it: a pg Pool on
// PostgreSQL + PostGIS, and embedded PGlite with its PostGIS extension. Both run the same SQL.

export type Row = Record<string, unknown>;

export interface QueryResult<T extends object = Row> {
  rows: T[];
  /** Rows inserted, updated or deleted by the statement (0 for a plain SELECT on PGlite). */
  rowCount: number;
}

/** What both a connection pool and an open transaction can do. */
export interface Queryable {
  query<T extends object = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations). */
  execScript(sql: string): Promise<void>;
  /**
   * Bulk load with `COPY … FROM STDIN` (`sql` must be that statement). `source` yields CSV text
   * chunks; PGlite receives them as one blob, pg streams them.
   */
  copyFrom(sql: string, source: AsyncIterable<string | Buffer>): Promise<number>;
}

export interface Db extends Queryable {
  readonly engine: 'postgres' | 'pglite';
  /** Runs `work` in one transaction: all of it is written, or none of it. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class DbError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DbError';
  }
}

/** A schema name checked to be a plain identifier, so it can be written into `SET search_path`. */
export function schemaIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new DbError(`unsafe schema name: ${name}`);
  return name;
}
