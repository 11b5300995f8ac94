// Row-count guards in the style of Slonik: a query that should return one row and returns another
// number is a bug, and says so instead of handing `undefined` onward.
import { DbError, type Queryable } from './db.ts';

export async function many<T extends object>(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  return (await db.query<T>(sql, params)).rows;
}

export async function maybeOne<T extends object>(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
  const { rows } = await db.query<T>(sql, params);
  if (rows.length > 1) throw new DbError(`expected at most one row, got ${rows.length}: ${firstLine(sql)}`);
  return rows[0];
}

export async function one<T extends object>(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<T> {
  const { rows } = await db.query<T>(sql, params);
  const [row] = rows;
  if (rows.length !== 1 || row === undefined) throw new DbError(`expected one row, got ${rows.length}: ${firstLine(sql)}`);
  return row;
}

function firstLine(sql: string): string {
  return sql.trim().split('\n')[0]?.slice(0, 120) ?? '';
}
