// Which words a household reads, and when an Update counts as news.
import { describe, expect, it } from 'vitest';
import type { DeliveryInfo } from '../../src/db/delivery-messages.ts';
import { contentKeyOf, contentKeys, infoFor } from '../../src/delivery/message-content.ts';

const info = (over: Partial<DeliveryInfo>): DeliveryInfo => ({
  language: 'id', event: 'Hujan Lebat', urgency: 'Immediate', severity: 'Moderate', certainty: 'Observed',
  headline: 'h', description: 'd', instruction: 'Waspada.', sender_name: 'BMKG', onset: null, expires: '2026-11-28T06:00:00Z', ...over,
});

describe('message content', () => {
  it("reads the household's language, then Indonesian; the most severe info of a language", () => {
    const id = info({});
    const en = info({ language: 'en-US', event: 'Heavy Rain' });
    expect(infoFor({ infos: [id, en] }, 'en')).toBe(en);
    expect(infoFor({ infos: [id] }, 'en')).toBe(id);
    const awas = info({ severity: 'Extreme', event: 'AWAS' });
    expect(infoFor({ infos: [id, awas] }, 'id')).toBe(awas);
  });

  it('changes the key for severity, urgency, times, instruction or event, not for a reworded description', () => {
    const base = contentKeyOf(info({}));
    expect(contentKeyOf(info({ description: 'other words' }))).toBe(base);
    expect(contentKeyOf(info({ headline: 'other headline' }))).toBe(base);
    for (const change of [{ severity: 'Severe' }, { urgency: 'Expected' }, { expires: '2026-11-28T07:00:00Z' }, { onset: '2026-11-28T05:00:00Z' }, { instruction: 'Mengungsi.' }, { event: 'Banjir' }]) {
      expect(contentKeyOf(info(change))).not.toBe(base);
    }
    // One key for both languages, from the Indonesian words: a late English translation is not news.
    const keys = contentKeys({ infos: [info({}), info({ language: 'en', event: 'Heavy Rain', instruction: 'Stay alert.' })] });
    expect(keys).toEqual({ id: base, en: base });
    expect(contentKeys({ infos: [info({})] })).toEqual({ id: base, en: base });
  });
});
