// GSM-7 / UCS-2 counting and splitting at the exact boundaries operators bill by, and the
// GSM-friendly rewrite that keeps Indonesian warnings in 160-character segments.
import { describe, expect, it } from 'vitest';
import { analyseSms, splitSmsParts, toGsm7Friendly } from '../../../src/delivery/sms/sms-encoding.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('analyseSms (GSM-7)', () => {
  it('fits exactly 160 septets in one segment and needs two for 161', () => {
    expect(analyseSms('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1, perSegment: 160 });
    expect(analyseSms('a'.repeat(161))).toEqual({ encoding: 'gsm7', units: 161, segments: 2, perSegment: 153 });
    expect(analyseSms('a'.repeat(306)).segments).toBe(2);
    expect(analyseSms('a'.repeat(307)).segments).toBe(3);
  });

  it('counts every extension character as two septets', () => {
    expect(analyseSms('^{}\\[~]|€\f')).toMatchObject({ encoding: 'gsm7', units: 20 });
    expect(analyseSms(`${'a'.repeat(158)}€`).segments).toBe(1);
    expect(analyseSms(`${'a'.repeat(159)}€`)).toMatchObject({ units: 161, segments: 2 });
  });

  it('keeps Indonesian text with the GSM-7 letters it has (é, à, ü) in GSM-7', () => {
    expect(analyseSms('Café di Jl. Pemuda: hujan lebat, angin kencang & banjir lokal!').encoding).toBe('gsm7');
  });

  it('counts an empty text as one SMS', () => {
    expect(analyseSms('')).toEqual({ encoding: 'gsm7', units: 0, segments: 1, perSegment: 160 });
    expect(splitSmsParts('')).toEqual(['']);
  });
});

describe('analyseSms (UCS-2)', () => {
  it('fits 70 units in one segment, 67 per part after that', () => {
    expect(analyseSms('雨'.repeat(70))).toEqual({ encoding: 'ucs2', units: 70, segments: 1, perSegment: 70 });
    expect(analyseSms('雨'.repeat(71))).toEqual({ encoding: 'ucs2', units: 71, segments: 2, perSegment: 67 });
    expect(analyseSms('雨'.repeat(134)).segments).toBe(2);
    expect(analyseSms('雨'.repeat(135)).segments).toBe(3);
  });

  it('turns a whole GSM text into UCS-2 for one character GSM-7 lacks', () => {
    expect(analyseSms(`${'a'.repeat(69)}Ş`)).toMatchObject({ encoding: 'ucs2', units: 70, segments: 1 });
  });

  it('counts an emoji as two units', () => {
    expect(analyseSms('😀'.repeat(35))).toMatchObject({ units: 70, segments: 1 });
    expect(analyseSms(`${'😀'.repeat(35)}a`)).toMatchObject({ units: 71, segments: 2 });
  });
});

describe('splitSmsParts', () => {
  it('does not split an emoji that straddles a part boundary', () => {
    // 66 units, then an emoji at units 67–68: it must open part two, not end part one half-written.
    const text = `${'雨'.repeat(66)}😀${'雨'.repeat(10)}`;
    const parts = splitSmsParts(text);
    expect(parts).toEqual(['雨'.repeat(66), `😀${'雨'.repeat(10)}`]);
    expect(parts.some((p) => LONE_SURROGATE.test(p))).toBe(false);
    expect(analyseSms(text).segments).toBe(2);
  });

  it('counts parts by packing: an emoji pushed over makes a third part where dividing says two', () => {
    // 134 units divide into two parts of 67, but no emoji may be cut: packing gives 66 + 66 + 2.
    const text = `${'雨'.repeat(66)}😀${'雨'.repeat(64)}😀`;
    expect(text.length).toBe(134);
    const parts = splitSmsParts(text);
    expect(parts.map((p) => p.length)).toEqual([66, 66, 2]);
    expect(analyseSms(text).segments).toBe(3);
  });

  it('does not split a GSM extension character from its escape', () => {
    const text = `${'a'.repeat(152)}€${'b'.repeat(10)}`;
    const parts = splitSmsParts(text);
    expect(parts).toEqual(['a'.repeat(152), `€${'b'.repeat(10)}`]);
  });

  it('gives parts that join back to the text and agree with analyseSms', () => {
    const samples = ['a'.repeat(500), `${'€'.repeat(100)}x`, `${'😀雨'.repeat(80)}`, 'PERINGATAN '.repeat(40)];
    for (const text of samples) {
      const parts = splitSmsParts(text);
      expect(parts.join('')).toBe(text);
      expect(parts.length).toBe(analyseSms(text).segments);
      for (const part of parts) expect(analyseSms(part).units).toBeLessThanOrEqual(analyseSms(text).perSegment);
    }
  });
});

describe('toGsm7Friendly', () => {
  it('replaces typographic characters with their GSM equivalents', () => {
    const text = 'Hujan \u201Clebat\u201D \u2013 angin\u00A0kencang\u2026 jangan ke \u2018pantai\u2019\u200B; suhu 32\u00B0C';
    expect(toGsm7Friendly(text)).toBe('Hujan "lebat" - angin kencang... jangan ke \'pantai\'; suhu 32C');
    expect(analyseSms(toGsm7Friendly(text)).encoding).toBe('gsm7');
  });

  it('keeps the accented letters GSM-7 has and plains the ones it lacks', () => {
    expect(toGsm7Friendly('é è à ü ñ Ç')).toBe('é è à ü ñ Ç');
    expect(toGsm7Friendly('á ê ş ç Ａ')).toBe('a e s c A');
  });

  it('leaves what has no GSM equivalent, so the text honestly stays UCS-2', () => {
    expect(toGsm7Friendly('Banjir 🌊 雨')).toBe('Banjir 🌊 雨');
    expect(analyseSms(toGsm7Friendly('Banjir 🌊')).encoding).toBe('ucs2');
  });

  it('folds CRLF into one newline (one septet, not two)', () => {
    expect(toGsm7Friendly('a\r\nb\rc')).toBe('a\nb\nc');
  });
});
