// Which words a household reads, and when an Update counts as news.
import { describe, expect, it } from 'vitest';
import type { DeliveryInfo } from '../../src/db/delivery-messages.ts';
import { contentKeyOf, infoFor, messageLevels } from '../../src/delivery/message-content.ts';

const info = (over: Partial<DeliveryInfo>): DeliveryInfo => ({
  language: 'id',
  event: 'Hujan Lebat',
  urgency: 'Immediate',
  severity: 'Moderate',
  certainty: 'Observed',
  headline: 'h',
  description: 'd',
  instruction: 'Waspada.',
  sender_name: 'BMKG',
  onset: null,
  expires: '2026-11-28T06:00:00Z',
  ...over,
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
    for (const change of [
      { severity: 'Severe' },
      { urgency: 'Expected' },
      { expires: '2026-11-28T07:00:00Z' },
      { onset: '2026-11-28T05:00:00Z' },
      { instruction: 'Mengungsi.' },
      { event: 'Banjir' },
    ]) {
      expect(contentKeyOf(info(change))).not.toBe(base);
    }
    // One key per level, from the Indonesian words: a late English translation is not news.
    const single = messageLevels({ infos: [info({}), info({ language: 'en', event: 'Heavy Rain', instruction: 'Stay alert.' })] });
    expect(single).toMatchObject({ multiLevel: false, contentKeys: { Moderate: base }, lead: 'Moderate' });
    expect(messageLevels({ infos: [info({})] }).contentKeys).toEqual({ Moderate: base });
  });

  it('gives a multi-level message (a tsunami warning) one level per severity, most severe first', () => {
    const awasId = info({ severity: 'Extreme', event: 'Peringatan Dini Tsunami', instruction: 'Segera mengungsi.' });
    const awasEn = info({ language: 'en', severity: 'Extreme', event: 'Tsunami Warning', instruction: 'Evacuate now.' });
    const waspadaId = info({ severity: 'Moderate', event: 'Peringatan Dini Tsunami', instruction: 'Jauhi pantai.' });
    const waspadaEn = info({ language: 'en', severity: 'Moderate', event: 'Tsunami Warning', instruction: 'Keep away from beaches.' });
    const message = { infos: [awasId, awasEn, waspadaId, waspadaEn] };
    const levels = messageLevels(message);
    expect(levels).toMatchObject({
      multiLevel: true,
      lead: 'Extreme',
      rankOfInfo: { 0: 0, 1: 0, 2: 1, 3: 1 },
      severityOfRank: { 0: 'Extreme', 1: 'Moderate' },
    });
    expect(levels.contentKeys).toEqual({ Extreme: contentKeyOf(awasId), Moderate: contentKeyOf(waspadaId) });
    // A WASPADA household reads the WASPADA words in its language.
    expect(infoFor(message, 'en', 'Moderate')).toBe(waspadaEn);
    expect(infoFor(message, 'id', 'Extreme')).toBe(awasId);
  });
});
