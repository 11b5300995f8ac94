// One savepoint inside an open transaction, so that one statement's failure can be undone without
// losing the rest of the transaction (a dry run of a batch holds all of it in one transaction).
import type { Queryable } from './db.ts';

export async function setSavepoint(tx: Queryable): Promise<void> {
  await tx.query('SAVEPOINT siaga_document');
}

export async function rollbackToSavepoint(tx: Queryable): Promise<void> {
  await tx.query('ROLLBACK TO SAVEPOINT siaga_document');
}

export async function releaseSavepoint(tx: Queryable): Promise<void> {
  await tx.query('RELEASE SAVEPOINT siaga_document');
}
