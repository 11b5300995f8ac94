// zod's issues with a registration turned into one catalogue message per field.
import { describe, expect, it } from 'vitest';
import { RegisterBody, registerBodyFromForm } from '../../src/http/register-household.ts';
import { registrationFieldErrors } from '../../src/messages/registration-field-errors.ts';

const errorsOf = (body: unknown) => {
  const parsed = RegisterBody.safeParse(body);
  if (parsed.success) throw new Error('expected a refusal');
  return registrationFieldErrors(parsed.error.issues, body).map((e) => [e.field, e.key]);
};

describe('registration field errors', () => {
  it('names each field once, in the form order, with the message that fits what was given', () => {
    expect(errorsOf({ location: { lat: 50, lon: 98 }, members: 0, consent: true })).toEqual([
      ['location', 'register.location.outsideIndonesia'],
      ['members', 'register.members.tooFew'],
    ]);
    expect(errorsOf({ members: 2.5, vulnerable: { elderly: -1 }, vulnerable_people: 1.5, language: 'fr', phone: '12345', x: 1 })).toEqual([
      ['location', 'register.location.missing'],
      ['members', 'register.count.notWhole'],
      ['vulnerable_people', 'register.count.notWhole'],
      ['elderly', 'register.count.outOfRange'],
      ['language', 'register.language.invalid'],
      ['phone', 'register.phone.unusable'],
      ['consent', 'register.consent.missing'],
      ['form', 'register.field.unknown'],
    ]);
  });

  it('reads an empty form as missing fields, not as wrong ones', () => {
    expect(errorsOf(registerBodyFromForm(new URLSearchParams('lat=&lon=&members=')))).toEqual([
      ['location', 'register.location.missing'],
      ['members', 'register.members.missing'],
      ['consent', 'register.consent.missing'],
    ]);
  });
});
