// A Db whose every write is undone at the end: a dry run that takes exactly the code path of the
// real thing (same statements, same lineage decisions) and leaves nothing behind. Transactions
// inside it become savepoints of the one outer transaction.
import type { Db, Queryable } from './db.ts';

class Rollback extends Error {
  constructor() {
    super('rolled back');
  }
}

export async function withRollback<T>(db: Db, work: (scoped: Db) => Promise<T>): Promise<T> {
  let result: { value: T } | undefined;
  try {
    await db.transaction(async (tx) => {
      result = { value: await work(savepointDb(tx, db.engine)) };
      throw new Rollback();
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  if (!result) throw new Error('unreachable: the work either returned or threw');
  return result.value;
}

function savepointDb(tx: Queryable, engine: Db['engine']): Db {
  let depth = 0;
  return {
    engine,
    query: (sql, params) => tx.query(sql, params),
    execScript: (sql) => tx.execScript(sql),
    copyFrom: (sql, source) => tx.copyFrom(sql, source),
    async transaction(work) {
      const name = `siaga_sp_${++depth}`;
      await tx.query(`SAVEPOINT ${name}`);
      try {
        const value = await work(tx);
        await tx.query(`RELEASE SAVEPOINT ${name}`);
        return value;
      } catch (err) {
        await tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
        throw err;
      } finally {
        depth -= 1;
      }
    },
    close: async () => undefined,
  };
}
