// The per-alert verification code: short, readable, stable for one alert and secret, different
// across alerts and secrets.
import { describe, expect, it } from 'vitest';
import { normaliseVerificationCode, verificationCode } from '../../../src/delivery/sms/verification-code.ts';

const SECRET = 'test-secret-0123456789abcdef';
const CODE = /^[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}$/;

describe('verificationCode', () => {
  it('is six Crockford base32 characters as XXX-XXX', () => {
    expect(verificationCode(SECRET, '2.49.0.1.360.0.2026.09.24.07.75.002')).toMatch(CODE);
  });

  it('is the same every time for one alert and secret (golden value: the derivation must not drift)', () => {
    const code = verificationCode(SECRET, '2.49.0.1.360.0.2026.09.24.07.75.002');
    expect(verificationCode(SECRET, '2.49.0.1.360.0.2026.09.24.07.75.002')).toBe(code);
    expect(verificationCode(Buffer.from(SECRET), '2.49.0.1.360.0.2026.09.24.07.75.002')).toBe(code);
    expect(code).toMatchInlineSnapshot(`"N6R-1M3"`);
  });

  it('differs between alerts and between secrets', () => {
    const codes = new Set(Array.from({ length: 500 }, (_, i) => verificationCode(SECRET, `2.49.0.1.360.0.2026.09.24.07.75.${i}`)));
    expect(codes.size).toBe(500);
    for (const code of codes) expect(code).toMatch(CODE);
    expect(verificationCode('another-secret', '2.49.0.1.360.0.2026.09.24.07.75.002')).not.toBe(
      verificationCode(SECRET, '2.49.0.1.360.0.2026.09.24.07.75.002'),
    );
  });

  it('refuses an empty secret or identifier', () => {
    expect(() => verificationCode('', 'x')).toThrow(/secret is empty/);
    expect(() => verificationCode(SECRET, '')).toThrow(/identifier is empty/);
  });
});

describe('normaliseVerificationCode', () => {
  it('reads what a person typed back into the printed form', () => {
    expect(normaliseVerificationCode('k7q 4mx')).toBe('K7Q-4MX');
    expect(normaliseVerificationCode('K7Q-4MX')).toBe('K7Q-4MX');
    expect(normaliseVerificationCode('o1l-iab')).toBe('011-1AB');
  });
});
