// Registering a resident's household (and changing it later), one way for both doors: the JSON API (POST /api/households)
// and the plain HTML form of /register that works without JavaScript. The body is checked whole
// (every problem with its field), the point must fall in a village Siaga covers, and the private
// management token is made here, stored only as its SHA-256 and shown once.
//
// The same safe readings as a file import, for what a person may write either way: one person can
// have several conditions (`vulnerable_people` says how many people need help; the kind counts how
// many of them have each condition), and more vulnerable people than members raises members, with
// the answer saying so. A phone that cannot be read is refused here, unlike in a file: the person is
// there to correct it, and keeping the household without SMS would let them believe they will get it.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/db.ts';
import { reopenHandoffsForHouseholds } from '../db/delivery-handoffs.ts';
import { insertResidentHousehold, residentView, updateResidentHousehold, villageAt } from '../db/resident-households.ts';
import { readPhone } from '../registry/read-phone.ts';
import {
  fitHousehold,
  MAX_MEMBERS,
  noKinds,
  sumOfKinds,
  VULNERABLE_KINDS,
  type Adjustment,
  type KindCounts,
  type VulnerableKind,
  type VulnerablePeople,
} from '../registry/vulnerable-people.ts';
import { newSecretToken, sha256Hex } from '../secret-token.ts';
import { FieldRefusal } from './field-refusal.ts';
import { registrationFieldErrors } from '../messages/registration-field-errors.ts';
import { HttpError } from './route.ts';

const headcount = z.number().int().min(0).max(MAX_MEMBERS);
const count = headcount.default(0);
/** One field per kind of need, each read by `field`: the kinds come from their one list. */
const perKind = <T extends z.ZodType>(field: T) => Object.fromEntries(VULNERABLE_KINDS.map((k) => [k, field])) as Record<VulnerableKind, T>;
const location = z.object({ lat: z.number().min(-11.5).max(6.5), lon: z.number().min(94).max(141.5) });
const members = z.number().int().min(1).max(MAX_MEMBERS);
const language = z.enum(['id', 'en']);
// Any way an Indonesian number is written (+62…, 62…, 08…, with spaces or dashes), into E.164.
const phone = z
  .string()
  .max(100)
  .nullable()
  .transform((text, ctx) => {
    if (text === null) return null;
    const read = readPhone(text);
    if ('unusable' in read) {
      ctx.addIssue({
        code: 'custom',
        message: `${read.unusable}; correct it, or leave it empty to be warned by web push and the door knock only`,
      });
      return z.NEVER;
    }
    return read.phone;
  });

export const RegisterBody = z
  .object({
    location,
    members,
    vulnerable: z.object(perKind(count)).strict().default(noKinds()),
    /** People who need help; without it, each kind count is its own people (the API's first meaning). */
    vulnerable_people: headcount.optional(),
    language: language.default('id'),
    phone: phone.default(null),
    consent: z.literal(true, { message: 'registration needs consent to store the household and send warnings' }),
    // Unknown keys are refused, as a change refuses them: a misspelt field must not vanish silently.
  })
  .strict();

export type RegisterInput = z.infer<typeof RegisterBody>;

/** A change of my household: any of the registration's fields but consent (which stands). */
export const UpdateBody = z
  .object({
    location: location.optional(),
    members: members.optional(),
    vulnerable: z.object(perKind(headcount.optional())).strict().optional(),
    vulnerable_people: headcount.optional(),
    language: language.optional(),
    phone: phone.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });

export interface Registered {
  household: { id: string; village: { code: string; name: string }; members: number; vulnerable_people: number };
  token: string;
  manage: string;
  adjusted: Adjustment[];
}

export async function registerHousehold(
  deps: { db: Db; now: () => Date; snapMetres: number; publicBaseUrl: string },
  body: RegisterInput,
): Promise<Registered> {
  const placed = await villageAt(deps.db, body.location.lat, body.location.lon, deps.snapMetres);
  if (!placed) throw notCovered(body.location);
  const village = { code: placed.code, name: placed.name };
  const token = newSecretToken();
  const id = `r-${randomBytes(9)
    .toString('base64url')
    .replace(/[^A-Za-z0-9]/g, 'x')}`;
  const fitted = fit(body.members, body.vulnerable, body.vulnerable_people ?? sumOfKinds(body.vulnerable));
  // A warning that already stands over the new household's place goes round again, in the same
  // transaction, so that this household is told too.
  await deps.db.transaction(async (tx) => {
    await insertResidentHousehold(
      tx,
      {
        id,
        lat: body.location.lat,
        lon: body.location.lon,
        members: fitted.members,
        vulnerable: fitted.vulnerable,
        language: body.language,
        phone: body.phone,
        tokenSha256: sha256Hex(token),
        now: deps.now(),
      },
      village.code,
    );
    await reopenHandoffsForHouseholds(tx, [id], deps.now());
  });
  return {
    household: { id, village, members: fitted.members, vulnerable_people: fitted.vulnerable.people },
    token,
    manage: `${deps.publicBaseUrl.replace(/\/+$/, '')}/me#${token}`,
    adjusted: fitted.adjusted,
  };
}

/** A point outside every village Siaga covers: refused next to the location, saying where it was. */
function notCovered(at: { lat: number; lon: number }): FieldRefusal {
  return new FieldRefusal(`location: (${at.lat}, ${at.lon}) is not in any village Siaga covers`, [
    { field: 'location', key: 'register.location.notCovered', params: { lat: String(at.lat), lon: String(at.lon) } },
  ]);
}

/** The refusal of a body that does not fit the registration (or change) schema, field by field. */
export function refuseRegistration(issues: readonly z.core.$ZodIssue[], body: unknown, message: string): FieldRefusal {
  return new FieldRefusal(message, registrationFieldErrors(issues, body));
}

/**
 * The same body from the form's fields (strings): numbers read as numbers, an empty field as not
 * given, the phone as written (the schema reads it), the consent box as true. What does not parse
 * is left for the schema to name.
 */
export function registerBodyFromForm(form: URLSearchParams): unknown {
  const num = (name: string) => {
    const v = (form.get(name) ?? '').trim().replace(',', '.');
    return v === '' ? undefined : Number(v);
  };
  const phone = (form.get('phone') ?? '').trim();
  return {
    location: { lat: num('lat'), lon: num('lon') },
    members: num('members'),
    vulnerable: Object.fromEntries(VULNERABLE_KINDS.map((k) => [k, num(k) ?? 0])),
    vulnerable_people: num('vulnerable_people'),
    language: form.get('language') ?? 'id',
    phone: phone === '' ? null : phone,
    consent: form.get('consent') === 'on' || form.get('consent') === 'true' ? true : undefined,
  };
}

/**
 * Applies a change to my household: merged with what is stored, fitted as a whole (never fewer
 * vulnerable people than a kind counts, never fewer members than vulnerable people; a moved point
 * must fall in a covered village), written as a new version. Unchanged when the change changes
 * nothing; `adjusted` says what was raised.
 */
export async function updateHousehold(
  deps: { db: Db; now: () => Date; snapMetres: number },
  householdId: string,
  change: z.infer<typeof UpdateBody>,
): Promise<{ changed: boolean; adjusted: Adjustment[] }> {
  const current = await residentView(deps.db, householdId);
  if (!current) throw new HttpError(404, 'your household has no data any more');
  const kinds: KindCounts = { ...current.vulnerable };
  for (const k of VULNERABLE_KINDS) kinds[k] = change.vulnerable?.[k] ?? kinds[k];
  // Kind counts without the number of people come from a client that knows only them: there each
  // count was its own people, so they are read that way.
  const people = change.vulnerable_people ?? (change.vulnerable ? sumOfKinds(kinds) : current.vulnerable_people);
  const fitted = fit(change.members ?? current.members, kinds, people);
  const next = {
    lat: change.location?.lat ?? current.lat,
    lon: change.location?.lon ?? current.lon,
    members: fitted.members,
    vulnerable: fitted.vulnerable,
    language: (change.language ?? current.language) as 'id' | 'en',
    phone: change.phone === undefined ? current.phone : change.phone,
  };
  let villageCode = current.village.code;
  if (change.location) {
    const placed = await villageAt(deps.db, next.lat, next.lon, deps.snapMetres);
    if (!placed) throw notCovered(next);
    villageCode = placed.code;
  }
  const same =
    next.lat === current.lat &&
    next.lon === current.lon &&
    next.members === current.members &&
    next.language === current.language &&
    next.phone === current.phone &&
    next.vulnerable.people === current.vulnerable_people &&
    VULNERABLE_KINDS.every((k) => kinds[k] === current.vulnerable[k]);
  if (same) return { changed: false, adjusted: fitted.adjusted };
  await deps.db.transaction(async (tx) => {
    await updateResidentHousehold(tx, householdId, { ...next, villageCode }, deps.now());
    await reopenHandoffsForHouseholds(tx, [householdId], deps.now());
  });
  return { changed: true, adjusted: fitted.adjusted };
}

function fit(
  members: number,
  kinds: KindCounts,
  people: number,
): { members: number; vulnerable: VulnerablePeople; adjusted: Adjustment[] } {
  const fitted = fitHousehold(members, { people, kinds });
  const adjusted: Adjustment[] = [];
  if (fitted.peopleRaisedFrom !== undefined) {
    const to = fitted.vulnerable.people;
    adjusted.push({
      field: 'vulnerable_people',
      from: fitted.peopleRaisedFrom,
      to,
      reason: `vulnerable_people ${fitted.peopleRaisedFrom} is fewer than the ${to} counted under one kind: counted as ${to}`,
    });
  }
  if (fitted.membersRaisedFrom !== undefined) {
    adjusted.push({
      field: 'members',
      from: fitted.membersRaisedFrom,
      to: fitted.members,
      reason: `members ${fitted.membersRaisedFrom} is fewer than the ${fitted.vulnerable.people} people who need help: members counted as ${fitted.members}`,
    });
  }
  return { members: fitted.members, vulnerable: fitted.vulnerable, adjusted };
}
