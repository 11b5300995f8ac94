// The CAP model an alert keeps (alerts.model, jsonb): what src/cap parsed, or the merge of its
// translations. Translations that arrive later are merged into it, so it must read back whole.
import { z } from 'zod';
import type { CapAlert } from '../cap/cap-types.ts';
import { readStoredJson } from './read-stored-json.ts';

// The model keeps NaN where a document's number could not be read (validation reports it), and
// JSON writes NaN as null: read back, null is NaN again.
const readNumber = z
  .number()
  .nullable()
  .transform((v) => v ?? Number.NaN);

const dateTime = z.object({ raw: z.string(), epochMs: z.number().nullable() });
const valuePair = z.object({ valueName: z.string(), value: z.string() });
const pair = z.tuple([z.number(), z.number()]);

const area = z.object({
  path: z.string(),
  areaDesc: z.string(),
  polygons: z.array(z.object({ path: z.string(), raw: z.string(), latLon: z.array(pair), ring: z.array(pair) })),
  circles: z.array(z.object({ path: z.string(), raw: z.string(), lat: readNumber, lon: readNumber, radiusKm: readNumber })),
  geocodes: z.array(valuePair),
  altitude: readNumber.optional(),
  ceiling: readNumber.optional(),
});

const info = z.object({
  path: z.string(),
  language: z.string(),
  categories: z.array(z.string()),
  event: z.string(),
  responseTypes: z.array(z.string()),
  urgency: z.string(),
  severity: z.string(),
  certainty: z.string(),
  audience: z.string().optional(),
  eventCodes: z.array(valuePair),
  effective: dateTime.optional(),
  onset: dateTime.optional(),
  expires: dateTime.optional(),
  senderName: z.string().optional(),
  headline: z.string().optional(),
  description: z.string().optional(),
  instruction: z.string().optional(),
  web: z.string().optional(),
  contact: z.string().optional(),
  parameters: z.array(valuePair),
  resources: z.array(
    z.object({
      path: z.string(),
      resourceDesc: z.string(),
      mimeType: z.string().optional(),
      size: readNumber.optional(),
      uri: z.string().optional(),
      derefUri: z.string().optional(),
      digest: z.string().optional(),
    }),
  ),
  areas: z.array(area),
});

const CapAlertSchema: z.ZodType<CapAlert> = z.object({
  version: z.enum(['1.0', '1.1', '1.2']),
  identifier: z.string(),
  sender: z.string(),
  sent: dateTime,
  status: z.string(),
  msgType: z.string(),
  source: z.string().optional(),
  scope: z.string(),
  restriction: z.string().optional(),
  addresses: z.string().optional(),
  codes: z.array(z.string()),
  note: z.string().optional(),
  references: z.array(z.object({ raw: z.string(), sender: z.string(), identifier: z.string(), sent: dateTime })),
  incidents: z.string().optional(),
  infos: z.array(info),
  signatureCount: z.number(),
});

export function readStoredCapAlert(value: unknown, alertId: number): CapAlert {
  return readStoredJson(CapAlertSchema, value, `alert ${alertId}: model`);
}
