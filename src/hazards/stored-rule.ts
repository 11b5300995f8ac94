// The product rule as a candidate keeps it (jsonb), read back with zod: approval issues the message
// the liaison reviewed, and a row that does not parse is an error, not a guess.
import { z } from 'zod';
import { HazardRuleSchema } from '../policy/raster-product.ts';

export const StoredRuleSchema = HazardRuleSchema.extend({ title: z.string().min(1) });
export type StoredRule = z.infer<typeof StoredRuleSchema>;

const RingsSchema = z.array(z.array(z.tuple([z.number(), z.number()])).min(4)).min(1);

export function readStoredRule(value: unknown, candidateId: number): StoredRule {
  const parsed = StoredRuleSchema.safeParse(value);
  if (!parsed.success)
    throw new Error(
      `hazard candidate ${candidateId}: its stored rule cannot be read: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

export function readStoredRings(value: unknown, candidateId: number): [number, number][][] {
  const parsed = RingsSchema.safeParse(value);
  if (!parsed.success)
    throw new Error(
      `hazard candidate ${candidateId}: its stored rings cannot be read: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}
