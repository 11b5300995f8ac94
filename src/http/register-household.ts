// Registering a resident's household (and changing it later), one way for both doors: the JSON API (POST /api/households)
// and the plain HTML form of /register that works without JavaScript. The body is checked whole
// (every problem with its field), the point must fall in a village Siaga covers, and the private
// management token is made here, stored only as its SHA-256 and shown once.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { reopenHandoffsForHouseholds } from '../db/delivery-handoffs.ts';
import { insertResidentHousehold, residentView, updateResidentHousehold, villageAt } from '../db/resident-households.ts';
import { VULNERABLE_KINDS } from '../registry/household-row.ts';
import { newSecretToken, sha256Hex } from '../secret-token.ts';
import { HttpError } from './route.ts';

const headcount = z.number().int().min(0).max(100);
const count = headcount.default(0);

export const RegisterBody = z.object({
  location: z.object({ lat: z.number().min(-11.5).max(6.5), lon: z.number().min(94).max(141.5) }),
  members: z.number().int().min(1).max(100),
  vulnerable: z.object({ elderly: count, disabled: count, infant: count, pregnant: count, ill: count }).default({ elderly: 0, disabled: 0, infant: 0, pregnant: 0, ill: 0 }),
  language: z.enum(['id', 'en']).default('id'),
  phone: z.string().regex(/^\+[1-9][0-9]{7,14}$/, 'must be in international form, e.g. +6281234567890').nullable().default(null),
  consent: z.literal(true, { message: 'registration needs consent to store the household and send warnings' }),
}).refine((b) => Object.values(b.vulnerable).reduce((a, n) => a + n, 0) <= b.members, { message: 'more vulnerable people than members', path: ['vulnerable'] });

export type RegisterInput = z.infer<typeof RegisterBody>;

/** A change of my household: any of the registration's fields but consent (which stands). */
export const UpdateBody = z.object({
  location: z.object({ lat: z.number().min(-11.5).max(6.5), lon: z.number().min(94).max(141.5) }).optional(),
  members: z.number().int().min(1).max(100).optional(),
  vulnerable: z.object({ elderly: headcount.optional(), disabled: headcount.optional(), infant: headcount.optional(), pregnant: headcount.optional(), ill: headcount.optional() }).strict().optional(),
  language: z.enum(['id', 'en']).optional(),
  phone: z.string().regex(/^\+[1-9][0-9]{7,14}$/, 'must be in international form, e.g. +6281234567890').nullable().optional(),
}).strict().refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

export interface Registered {
  household: { id: string; village: { code: string; name: string } };
  token: string;
  manage: string;
}

export async function registerHousehold(deps: { db: Db; now: () => Date; snapMetres: number; publicBaseUrl: string }, body: RegisterInput): Promise<Registered> {
  const placed = await villageAt(deps.db, body.location.lat, body.location.lon, deps.snapMetres);
  if (!placed) throw new HttpError(422, `location: (${body.location.lat}, ${body.location.lon}) is not in any village Siaga covers`);
  const village = { code: placed.code, name: placed.name };
  const token = newSecretToken();
  const id = `r-${randomBytes(9).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x')}`;
  // A warning that already stands over the new household's place goes round again, in the same
  // transaction, so that this household is told too.
  await deps.db.transaction(async (tx) => {
    await insertResidentHousehold(tx, { id, lat: body.location.lat, lon: body.location.lon, members: body.members, vulnerable: body.vulnerable, language: body.language, phone: body.phone, tokenSha256: sha256Hex(token), now: deps.now() }, village.code);
    await reopenHandoffsForHouseholds(tx, [id], deps.now());
  });
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
    vulnerable: Object.fromEntries(VULNERABLE_KINDS.map((k) => [k, num(k) ?? 0])),
    language: form.get('language') ?? 'id',
    phone,
    consent: form.get('consent') === 'on' || form.get('consent') === 'true' ? true : undefined,
  };
}

/**
 * Applies a change to my household: merged with what is stored, checked as a whole (no more
 * vulnerable people than members; a moved point must fall in a covered village), written as a new
 * version. Answers what is stored now; unchanged when the change changes nothing.
 */
export async function updateHousehold(deps: { db: Db; now: () => Date; snapMetres: number }, householdId: string, change: z.infer<typeof UpdateBody>): Promise<{ changed: boolean }> {
  const current = await residentView(deps.db, householdId);
  if (!current) throw new HttpError(404, 'your household has no data any more');
  const next = {
    lat: change.location?.lat ?? current.lat,
    lon: change.location?.lon ?? current.lon,
    members: change.members ?? current.members,
    vulnerable: { ...current.vulnerable, ...Object.fromEntries(Object.entries(change.vulnerable ?? {}).filter(([, n]) => n !== undefined)) },
    language: (change.language ?? current.language) as 'id' | 'en',
    phone: change.phone === undefined ? current.phone : change.phone,
  };
  const vulnerable = Object.values(next.vulnerable).reduce((a, n) => a + n, 0);
  if (vulnerable > next.members) throw new HttpError(422, `vulnerable: ${vulnerable} vulnerable people but ${next.members} member(s)`);
  let villageCode = current.village.code;
  if (change.location) {
    const placed = await villageAt(deps.db, next.lat, next.lon, deps.snapMetres);
    if (!placed) throw new HttpError(422, `location: (${next.lat}, ${next.lon}) is not in any village Siaga covers`);
    villageCode = placed.code;
  }
  const same = next.lat === current.lat && next.lon === current.lon && next.members === current.members && next.language === current.language &&
    next.phone === current.phone && JSON.stringify(next.vulnerable) === JSON.stringify(current.vulnerable);
  if (same) return { changed: false };
  await deps.db.transaction(async (tx) => {
    await updateResidentHousehold(tx, householdId, { ...next, villageCode }, deps.now());
    await reopenHandoffsForHouseholds(tx, [householdId], deps.now());
  });
  return { changed: true };
}
