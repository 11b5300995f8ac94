// Which CAP senders an intake token may speak for: exact addresses and `*`-suffix globs, compared
// after NFC and lower-casing, and patterns that would cover everyone refused.
import { describe, expect, it } from 'vitest';
import { parseSenderPattern, senderMatches } from '../../src/cap/sender-pattern.ts';

const stored = (text: string) => {
  const p = parseSenderPattern(text);
  if ('error' in p) throw new Error(p.error);
  return p.pattern;
};

describe('CAP sender patterns', () => {
  it('an exact address matches itself only, in any case and Unicode form', () => {
    const p = stored('SAMBRO@bpbd.jatimprov.go.id');
    expect(senderMatches(p, 'sambro@BPBD.jatimprov.go.id')).toBe(true);
    expect(senderMatches(p, 'sambro2@bpbd.jatimprov.go.id')).toBe(false);
    expect(senderMatches(p, 'sambro@bpbd.jatimprov.go.id.evil.example')).toBe(false);
    // "é" composed (U+00E9) in the pattern, decomposed (e + U+0301) in the document.
    const accented = stored('pr\u00e9fecture@meteo.example.tl');
    expect(senderMatches(accented, 'Pre\u0301fecture@meteo.example.tl')).toBe(true);
  });

  it('a leading * covers the addresses of one domain and nothing else', () => {
    const p = stored('*@bpbd.jatimprov.go.id');
    expect(senderMatches(p, 'sambro@bpbd.jatimprov.go.id')).toBe(true);
    expect(senderMatches(p, 'Pusdalops@BPBD.JATIMPROV.GO.ID')).toBe(true);
    expect(senderMatches(p, '@bpbd.jatimprov.go.id')).toBe(false);
    expect(senderMatches(p, 'sambro@bpbd.jatengprov.go.id')).toBe(false);
    expect(senderMatches(p, 'cuaca.ekstrem@bmkg.go.id')).toBe(false);
    const sub = stored('*.jatimprov.go.id');
    expect(senderMatches(sub, 'bpbd.jatimprov.go.id')).toBe(true);
    expect(senderMatches(sub, 'x@bpbd.jatimprov.go.id')).toBe(true);
    expect(senderMatches(sub, 'jatimprov.go.id')).toBe(false);
  });

  it('refuses patterns that cover everyone or that no CAP sender can be', () => {
    for (const bad of ['', '*', '*@*', '*.id', 'a*@bpbd.go.id', '*@bpbd.*.go.id', 'two words@x.go.id', 'a,b@x.go.id', 'x@y.go.id\u0000']) {
      expect(parseSenderPattern(bad), bad).toHaveProperty('error');
    }
  });
});
