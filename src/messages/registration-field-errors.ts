// What is wrong with a registration (or a change of my household), field by field, as messages of
// the catalogue: the form shows each next to its field, the API answers them in `errors` with the
// key, so a client can show them in its reader's language. zod's own messages are for developers
// ("Too small: expected number to be >=1") and never reach a resident.
import type { z } from 'zod';
import type { MessageKey } from './message-catalogue.ts';
import type { MessageParams } from './say.ts';
import { MAX_MEMBERS, VULNERABLE_KINDS } from '../registry/vulnerable-people.ts';

/** The form's fields an error can stand next to ('form': the form as a whole). */
export const REGISTRATION_FIELDS = [
  'location',
  'members',
  'vulnerable_people',
  ...VULNERABLE_KINDS,
  'language',
  'phone',
  'consent',
  'form',
] as const;
export type RegistrationField = (typeof REGISTRATION_FIELDS)[number];

export interface FieldError {
  field: RegistrationField;
  key: MessageKey;
  params?: MessageParams;
}

type Issue = z.core.$ZodIssue;

/** One error per field (the first zod found), in the form's order. */
export function registrationFieldErrors(issues: readonly Issue[], body: unknown): FieldError[] {
  const byField = new Map<RegistrationField, FieldError>();
  for (const issue of issues) {
    const e = fieldError(issue, body);
    if (!byField.has(e.field)) byField.set(e.field, e);
  }
  return REGISTRATION_FIELDS.flatMap((f) => byField.get(f) ?? []);
}

function fieldError(issue: Issue, body: unknown): FieldError {
  const [top, sub] = issue.path.map(String);
  const given = valueAt(body, issue.path);
  if (issue.code === 'unrecognized_keys') return { field: 'form', key: 'register.field.unknown', params: { name: issue.keys.join(', ') } };
  switch (top) {
    case 'location':
      return {
        field: 'location',
        key:
          given === undefined || given === null || issue.code === 'invalid_type'
            ? 'register.location.missing'
            : 'register.location.outsideIndonesia',
      };
    case 'members':
      if (given === undefined || given === null) return { field: 'members', key: 'register.members.missing' };
      if (issue.code === 'too_small') return { field: 'members', key: 'register.members.tooFew' };
      if (issue.code === 'too_big') return { field: 'members', key: 'register.members.tooMany', params: { max: MAX_MEMBERS } };
      return { field: 'members', key: typeof given === 'number' ? 'register.count.notWhole' : 'register.members.missing' };
    case 'vulnerable_people':
    case 'vulnerable': {
      const field = top === 'vulnerable' ? (VULNERABLE_KINDS as readonly string[]).find((k) => k === sub) : 'vulnerable_people';
      if (!field) return { field: 'form', key: 'register.field.unknown', params: { name: `vulnerable.${sub ?? ''}` } };
      const notWhole = issue.code === 'invalid_type' && typeof given === 'number';
      return {
        field: field as RegistrationField,
        key: notWhole ? 'register.count.notWhole' : 'register.count.outOfRange',
        params: { max: MAX_MEMBERS },
      };
    }
    case 'language':
      return { field: 'language', key: 'register.language.invalid' };
    case 'phone':
      return { field: 'phone', key: 'register.phone.unusable' };
    case 'consent':
      return { field: 'consent', key: 'register.consent.missing' };
    default:
      return { field: 'form', key: 'register.field.invalid' };
  }
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let v = body;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}
