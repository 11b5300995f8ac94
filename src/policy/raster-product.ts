// A configured raster product: where to read it, which area, which threshold makes a hazard, and
// the rule that turns an approved candidate into a CAP message. Read from RASTER_PRODUCTS (JSON)
// by src/config.ts; the schema lives here so that config, the job and the review share one type.
import cron from 'node-cron';
import { z } from 'zod';

const PRODUCT_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

const text = z.string().trim().min(1).max(500);
const bilingual = z.object({ id: text, en: text });
// Longitudes of Indonesia and its seas; the box is the area of interest (a window of the raster).
const bbox = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90), z.number().min(-180).max(180), z.number().min(-90).max(90)])
  .refine(([w, s, e, n]) => w < e && s < n, { message: 'must be [west, south, east, north] with west < east and south < north' });

const rule = z.object({
  event: bilingual,
  category: z
    .enum(['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'])
    .default('Met'),
  responseType: z.enum(['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'None']).default('Prepare'),
  severity: z.enum(['Extreme', 'Severe', 'Moderate', 'Minor']),
  urgency: z.enum(['Immediate', 'Expected', 'Future']),
  certainty: z.enum(['Observed', 'Likely', 'Possible']),
  /** The message expires this long after the product time. */
  validityHours: z.number().min(0.5).max(72),
  headline: bilingual.optional(),
  instruction: bilingual.optional(),
});
export type HazardRule = z.infer<typeof rule>;
export const HazardRuleSchema = rule;

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #ff0000');

export const RasterProductSchema = z
  .object({
    name: z.string().regex(PRODUCT_NAME, 'lower-case letters, digits and -, at most 40'),
    title: text,
    kind: z.enum(['geotiff', 'tiles']),
    /** GeoTIFF: its URL; tiles: the XYZ template with {z}/{x}/{y} or {-y}. Time placeholders: src/hazards/product-time.ts. */
    url: z
      .string()
      .trim()
      .regex(/^https?:\/\/\S+$/, 'must be an http(s) URL (template)'),
    /** GeoTIFF band, numbered from 1 as GDAL does. */
    band: z.number().int().min(1).max(255).default(1),
    zoom: z.number().int().min(0).max(14).optional(),
    legend: z
      .array(z.object({ color: hexColor, value: z.number() }))
      .min(1)
      .optional(),
    /** Largest colour distance (0-255 per channel) at which a tile pixel still matches a legend colour. */
    tolerance: z.number().min(0).max(255).default(16),
    /** Area of interest, WGS 84 degrees; only this window is read. Default: Indonesia. */
    bbox: bbox.default([94, -11.5, 141.5, 6.5]),
    threshold: z.number(),
    unit: z.string().trim().max(20).default(''),
    minAreaKm2: z.number().min(0).default(1),
    simplifyM: z.number().min(0).max(10_000).default(0),
    /** Products come every this many minutes; the product time is the last step at least `latencyMinutes` old. */
    timeStepMinutes: z.number().int().min(1).max(1440).default(30),
    latencyMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 1440)
      .default(0),
    schedule: z
      .string()
      .trim()
      .default('*/30 * * * *')
      .refine((v) => cron.validate(v), { message: 'must be a cron expression such as "*/30 * * * *"' }),
    rule,
  })
  .superRefine((p, ctx) => {
    if (p.kind === 'tiles') {
      if (p.zoom === undefined) ctx.addIssue({ code: 'custom', path: ['zoom'], message: 'a tiles product needs its zoom level' });
      if (!p.legend)
        ctx.addIssue({ code: 'custom', path: ['legend'], message: 'a tiles product needs its colour legend ([{color, value}])' });
      if (!/\{z\}/.test(p.url) || !/\{x\}/.test(p.url) || !/\{-?y\}/.test(p.url))
        ctx.addIssue({ code: 'custom', path: ['url'], message: 'a tiles URL needs {z}, {x} and {y} (or {-y})' });
    }
  });

export type RasterProduct = z.infer<typeof RasterProductSchema>;

export const RasterProductsSchema = z.array(RasterProductSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((p, i) => {
    if (seen.has(p.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `product "${p.name}" is configured twice` });
    seen.add(p.name);
  });
});

/** Reads RASTER_PRODUCTS text: a JSON array of products; every problem with its path. */
export function parseRasterProducts(json: string | undefined): { products: RasterProduct[] } | { problems: string[] } {
  if (json === undefined || json.trim() === '') return { products: [] };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    return { problems: [`RASTER_PRODUCTS: not valid JSON: ${err instanceof Error ? err.message : String(err)}`] };
  }
  const parsed = RasterProductsSchema.safeParse(value);
  if (parsed.success) return { products: parsed.data };
  return {
    problems: parsed.error.issues.map(
      (i) => `RASTER_PRODUCTS${i.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('')}: ${i.message}`,
    ),
  };
}
