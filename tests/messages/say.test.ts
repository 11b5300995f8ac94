// The catalogue's messages in both languages, placeholders filled and numbers written the reader's way.
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/messages/message-catalogue.ts';
import { say } from '../../src/messages/say.ts';

describe('message catalogue', () => {
  it('fills placeholders, writing numbers as each language does, and leaves a missing one visible', () => {
    expect(say('page.errorCode', 'id', { status: 404 })).toBe('Kode kesalahan: 404');
    expect(say('page.errorCode', 'en', { status: 12500 })).toBe('Error code: 12,500');
    expect(say('page.errorCode', 'id', { status: 12500 })).toBe('Kode kesalahan: 12.500');
    expect(say('page.errorCode', 'id')).toBe('Kode kesalahan: {status}');
  });

  it('has both languages for every message, with the same placeholders', () => {
    for (const [key, m] of Object.entries(MESSAGES)) {
      expect(m.id.trim(), key).not.toBe('');
      expect(m.en.trim(), key).not.toBe('');
      const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
      expect(names(m.id), key).toEqual(names(m.en));
    }
  });
});
