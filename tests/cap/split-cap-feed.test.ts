// A feed taken apart into its entries: an embedded alert becomes a CAP document of its own that
// reads exactly as it did inside the feed, whatever prefixes the feed declared for it.
import { describe, expect, it } from 'vitest';
import { checkCap } from '../../src/cap/check-cap.ts';
import { splitCapFeed } from '../../src/cap/split-cap-feed.ts';
import { BASE_CAP, fixtureBytes } from './cap-fixtures.ts';

describe('splitCapFeed', () => {
  it('writes out an alert whose prefix is declared on the feed, keeping every field and escaped text', () => {
    const alert = BASE_CAP.replace(/^<\?xml[^>]*\?>\s*/, '')
      .replace(' xmlns="urn:oasis:names:tc:emergency:cap:1.2"', '')
      .replace('<areaDesc>Somewhere</areaDesc>', '<areaDesc>Kali &amp; Sungai &lt;Hilir&gt;</areaDesc>')
      .replace(/<(\/?)([A-Za-z]+)/g, '<$1cap:$2');
    const feed = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">
  <id>urn:test</id><title>t</title><updated>2026-11-28T10:00:00Z</updated>
  <entry><id>urn:test:1</id><title>e</title><updated>2026-11-28T10:00:00Z</updated>
    <content type="application/cap+xml">${alert}</content>
  </entry>
</feed>`;
    const split = splitCapFeed(feed);
    expect(split?.kind).toBe('atom');
    expect(split?.parts[0]?.issues).toEqual({ errors: [], warnings: [] });
    const xml = split?.parts[0]?.embeddedXml ?? '';
    const alone = checkCap(xml);
    const original = checkCap(BASE_CAP.replace('<areaDesc>Somewhere</areaDesc>', '<areaDesc>Kali &amp; Sungai &lt;Hilir&gt;</areaDesc>'));
    expect(alone.valid).toBe(true);
    expect(alone.alert).toEqual(original.alert);
    expect(alone.alert?.infos[0]?.areas[0]?.areaDesc).toBe('Kali & Sungai <Hilir>');
  });

  it('keeps the issues of the feed itself apart from those of its entries', () => {
    const split = splitCapFeed(fixtureBytes('cap-peer/google-cap-library/no_link.atom'));
    expect(split?.parts).toHaveLength(1);
    expect(split?.parts[0]?.embeddedXml).toBeUndefined();
    expect(split?.parts[0]?.link).toBeUndefined();
    expect(split?.parts[0]?.issues.errors.map((e) => e.path)).toEqual(['feed/entry[0]']);
    expect(split?.issues.errors).toEqual([]);
  });

  it('is undefined for a single CAP alert, which is read as one', () => {
    expect(splitCapFeed(BASE_CAP)).toBeUndefined();
  });
});
