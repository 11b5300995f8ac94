// The targeting spec an alert keeps (alerts.target_spec, jsonb), as src/cap/build-target-spec.ts
// and src/hazards/candidate-rings.ts write it.
import { z } from 'zod';
import type { TargetSpec } from '../cap/build-target-spec.ts';
import { ADMIN_LEVELS } from '../registry/admin-code.ts';
import { readStoredJson } from './read-stored-json.ts';

const lonLat = z.tuple([z.number(), z.number()]);

const TargetSpecSchema: z.ZodType<TargetSpec> = z.object({
  marginM: z.number(),
  polygons: z.array(
    z.object({
      path: z.string(),
      areaDesc: z.string(),
      geometry: z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(lonLat))) }),
      // Specs stored before ring repair existed carry no flag: their rings went to PostGIS as sent.
      repaired: z.boolean().default(false),
    }),
  ),
  circles: z.array(
    z.object({
      path: z.string(),
      areaDesc: z.string(),
      lon: z.number(),
      lat: z.number(),
      radiusM: z.number(),
      bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    }),
  ),
  geocodes: z.array(
    z.object({
      path: z.string(),
      areaDesc: z.string(),
      valueName: z.string(),
      value: z.string(),
      code: z.string(),
      level: z.enum(ADMIN_LEVELS),
    }),
  ),
});

/** null stays null: a message without an area (a Cancel that names none) has no spec. */
export function readStoredTargetSpec(value: unknown, alertId: number | string): TargetSpec | null {
  return value === null ? null : readStoredJson(TargetSpecSchema, value, `alert ${alertId}: target_spec`);
}
