// jsonb columns come back from the database as whatever was written, possibly by an older Siaga:
// they are parsed, not cast, so that a row of the wrong shape is an error that names the row and
// the field instead of an undefined surfacing far from the read.
import { z } from 'zod';
import { DbError } from './db.ts';

/** `what` names the value for the error, e.g. `alert 12: target_spec`. */
export function readStoredJson<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new DbError(
      `${what} cannot be read: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

const StoredObjectSchema = z.record(z.string(), z.unknown());

/** A jsonb object of free-form fields (its reader knows them); an array or a scalar is an error. */
export function readStoredObject(value: unknown, what: string): Record<string, unknown> {
  return readStoredJson(StoredObjectSchema, value, what);
}
