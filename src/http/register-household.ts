// Registering a resident's household, one way for both doors: the JSON API (POST /api/households)
// and the plain HTML form of /register that works without JavaScript. The body is checked whole
// (every problem with its field), the point must fall in a village Siaga covers, and the private
// management token is made here, stored only as its SHA-256 and shown once.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { insertResidentHousehold, villageAt } from '../db/resident-households.ts';
import { HttpError } from './route.ts';

const count = z.number().int().min(0).max(100).default(0);

export const RegisterBody = z.object({
  location: z.object({ lat: z.number().min(-11.5).max(6.5), lon: z.number().min(94).max(141.5) }),
  members: z.number().int().min(1).max(100),
  vulnerable: z.object({ elderly: count, disabled: count, infant: count, pregnant: count, ill: count }).default({ elderly: 0, disabled: 0, infant: 0, pregnant: 0, ill: 0 }),
  language: z.enum(['id', 'en']).default('id'),
  phone: z.string().regex(/^\+[1-9][0-9]{7,14}$/, 'must be in international form, e.g. +6281234567890').nullable().default(null),
  consent: z.literal(true, { message: 'registration needs consent to store the household and send warnings' }),
}).refine((b) => Object.values(b.vulnerable).reduce((a, n) => a + n, 0) <= b.members, { message: 'more vulnerable people than members', path: ['vulnerable'] });

export type RegisterInput = z.infer<typeof RegisterBody>;

export interface Registered {
  household: { id: string; village: { code: string; name: string } };
  token: string;
  manage: string;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

export async function registerHousehold(deps: { db: Db; now: () => Date; snapMetres: number; publicBaseUrl: string }, body: RegisterInput): Promise<Registered> {
  const placed = await villageAt(deps.db, body.location.lat, body.location.lon, deps.snapMetres);
  if (!placed) throw new HttpError(422, `location: (${body.location.lat}, ${body.location.lon}) is not in any village Siaga covers`);
  const village = { code: placed.code, name: placed.name };
  const token = randomBytes(32).toString('base64url');
  const id = `r-${randomBytes(9).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x')}`;
  await deps.db.transaction((tx) =>
    insertResidentHousehold(tx, { id, lat: body.location.lat, lon: body.location.lon, members: body.members, vulnerable: body.vulnerable, language: body.language, phone: body.phone, tokenSha256: sha256Hex(token), now: deps.now() }, village.code),
  );
  return { household: { id, village }, token, manage: `${deps.publicBaseUrl.replace(/\/+$/, '')}/me#${token}` };
}

/**
 * The same body from the form's fields (strings): numbers read as numbers, an empty phone as none,
 * a local 08… number in international form (as the page's script does), the consent box as true.
 * What does not parse is left for the schema to name.
 */
export function registerBodyFromForm(form: URLSearchParams): unknown {
  const num = (name: string) => {
    const v = (form.get(name) ?? '').trim().replace(',', '.');
    return v === '' ? undefined : Number(v);
  };
  let phone: string | null = (form.get('phone') ?? '').replace(/[\s-]/g, '');
  if (/^08\d+$/.test(phone)) phone = `+62${phone.slice(1)}`;
  if (phone === '') phone = null;
  return {
    location: { lat: num('lat'), lon: num('lon') },
    members: num('members'),
    vulnerable: Object.fromEntries(['elderly', 'disabled', 'infant', 'pregnant', 'ill'].map((k) => [k, num(k) ?? 0])),
    language: form.get('language') ?? 'id',
    phone,
    consent: form.get('consent') === 'on' || form.get('consent') === 'true' ? true : undefined,
  };
}
