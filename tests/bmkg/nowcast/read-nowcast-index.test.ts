// BMKG's nowcast RSS index (fixtures/bmkg/rss-nowcast-id-20260924.xml, 11 items, see SOURCES.md
// section 1) and variants of it made one change at a time: each variant shows what it breaks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nowcastDocumentKey } from '../../../src/bmkg/nowcast/nowcast-document-key.ts';
import { readNowcastIndex } from '../../../src/bmkg/nowcast/read-nowcast-index.ts';
import { FIXTURES } from '../../support/fixtures.ts';

const INDEX_URL = 'https://www.bmkg.go.id/alerts/nowcast/id/rss.xml';
const RSS = readFileSync(path.join(FIXTURES, 'bmkg', 'rss-nowcast-id-20260924.xml'), 'utf8');
const FIRST_ITEM = /<item>[\s\S]*?<\/item>/.exec(RSS)?.[0] ?? '';

/** The fixture with `from` replaced by `to`; throws when `from` is absent, so a test cannot test nothing. */
function rssWith(from: string | RegExp, to: string): string {
  if (typeof from === 'string' ? !RSS.includes(from) : !from.test(RSS)) throw new Error(`the fixture does not contain ${String(from)}`);
  return RSS.replace(from, to);
}

describe('readNowcastIndex on the BMKG fixture', () => {
  const index = readNowcastIndex(Buffer.from(RSS), { baseUrl: INDEX_URL });

  it('lists the 11 items in index order, with no issue', () => {
    expect(index).toMatchObject({ refused: false, kind: 'rss', issues: [] });
    expect(index.items).toHaveLength(11);
    expect(index.items.map((i) => i.capUrl.replace('https://www.bmkg.go.id/alerts/nowcast/id/', ''))).toEqual([
      'CGT20260924002_alert.xml',
      'CSK20260924001_alert.xml',
      'CAH20260924001_alert.xml',
      'CGT20260924001_alert.xml',
      'CBK20260924002_alert.xml',
      'CLG20260924001_alert.xml',
      'CBB20260924001_alert.xml',
      'CKR20260924004_alert.xml',
      'CSU20260924001_alert.xml',
      'CSG20260924006_alert.xml',
      'CSS20260924003_alert.xml',
    ]);
  });

  it('gives each item its guid, title, pubDate as written, the channel language and its key', () => {
    expect(index.items[0]).toEqual({
      path: 'rss/channel/item[0]',
      guid: '2.49.0.1.360.0.2026.09.24.07.75.002',
      capUrl: 'https://www.bmkg.go.id/alerts/nowcast/id/CGT20260924002_alert.xml',
      title: 'Hujan Lebat disertai Petir di Gorontalo',
      pubDate: 'Thu, 24 Sep 2026 15:07:00 +0800',
      language: 'id',
      key: '["2.49.0.1.360.0.2026.09.24.07.75.002","2026-09-24T07:07:00Z"]',
    });
    expect(index.items[10]).toMatchObject({ guid: '2.49.0.1.360.0.2026.09.24.07.16.003', pubDate: 'Thu, 24 Sep 2026 12:00:00 +0700' });
    expect(new Set(index.items.map((i) => i.language))).toEqual(new Set(['id']));
    expect(new Set(index.items.map((i) => i.key)).size).toBe(11);
  });

  it('reads the same from text as from bytes, and without a base URL (the links are absolute)', () => {
    expect(readNowcastIndex(RSS)).toEqual(index);
  });
});

describe('readNowcastIndex on crafted variants', () => {
  it('keeps the first of an alert listed twice (same guid) and says so', () => {
    const r = readNowcastIndex(rssWith('</channel>', `${FIRST_ITEM}\n</channel>`), { baseUrl: INDEX_URL });
    expect(r.refused).toBe(false);
    expect(r.items).toHaveLength(11);
    expect(r.issues).toEqual([
      {
        path: 'rss/channel/item[11]',
        message:
          'The item lists the same alert as rss/channel/item[0] (same guid "2.49.0.1.360.0.2026.09.24.07.75.002"); the first was kept and this one is not fetched again.',
      },
    ]);
  });

  it('keeps the first of two items with the same link under different guids', () => {
    const copy = FIRST_ITEM.replace('2.49.0.1.360.0.2026.09.24.07.75.002', 'another-guid');
    const r = readNowcastIndex(rssWith('</channel>', `${copy}\n</channel>`));
    expect(r.items).toHaveLength(11);
    expect(r.issues.map((i) => i.path)).toEqual(['rss/channel/item[11]']);
    expect(r.issues[0]?.message).toContain('same link https://www.bmkg.go.id/alerts/nowcast/id/CGT20260924002_alert.xml');
  });

  it('skips an item without a link, names it, and keeps the others', () => {
    const r = readNowcastIndex(rssWith('<link>https://www.bmkg.go.id/alerts/nowcast/id/CSK20260924001_alert.xml</link>', ''), {
      baseUrl: INDEX_URL,
    });
    expect(r.refused).toBe(false);
    expect(r.items).toHaveLength(10);
    expect(r.items.some((i) => i.capUrl.includes('CSK20260924001'))).toBe(false);
    expect(r.issues).toEqual([
      {
        path: 'rss/channel/item[1]/link',
        message: 'The item has no <link> to a CAP message and embeds no CAP <alert>, so there is no alert to read.',
      },
      { path: 'rss/channel/item[1]', message: 'The item was skipped: it gives no link to a CAP document.' },
    ]);
  });

  it('resolves a relative link against the index URL', () => {
    const xml = rssWith(
      '<link>https://www.bmkg.go.id/alerts/nowcast/id/CSK20260924001_alert.xml</link>',
      '<link>CSK20260924001_alert.xml</link>',
    );
    const r = readNowcastIndex(xml, { baseUrl: INDEX_URL });
    expect(r.issues).toEqual([]);
    expect(r.items[1]?.capUrl).toBe('https://www.bmkg.go.id/alerts/nowcast/id/CSK20260924001_alert.xml');
  });

  it('skips a relative link when the index URL is unknown', () => {
    const r = readNowcastIndex(
      rssWith('<link>https://www.bmkg.go.id/alerts/nowcast/id/CSK20260924001_alert.xml</link>', '<link>/x/CSK.xml</link>'),
    );
    expect(r.items).toHaveLength(10);
    expect(r.issues).toEqual([
      {
        path: 'rss/channel/item[1]/link',
        message: 'The link "/x/CSK.xml" is relative and the index URL is unknown, so it cannot be resolved; the item was skipped.',
      },
    ]);
  });

  it.each(['javascript:alert(1)', 'file:///etc/passwd', 'ftp://www.bmkg.go.id/x.xml'])('refuses to follow a %s link', (link) => {
    const r = readNowcastIndex(
      rssWith('<link>https://www.bmkg.go.id/alerts/nowcast/id/CSK20260924001_alert.xml</link>', `<link>${link}</link>`),
      { baseUrl: INDEX_URL },
    );
    expect(r.items).toHaveLength(10);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ path: 'rss/channel/item[1]/link' });
    expect(r.issues[0]?.message).toMatch(
      /^The link ".*" is a [a-z]+: URL; only http and https links are followed, so the item was skipped\.$/,
    );
  });

  it('takes the language from the link when the channel declares none (as the test stand-in serves)', () => {
    const r = readNowcastIndex(rssWith('<language>id</language>', '').replaceAll('/nowcast/id/', '/nowcast/en/'));
    expect(new Set(r.items.map((i) => i.language))).toEqual(new Set(['en']));
  });

  it('warns that a change cannot be noticed when an item has no pubDate', () => {
    const r = readNowcastIndex(rssWith('<pubDate>Thu, 24 Sep 2026 15:07:00 +0800</pubDate>', ''));
    expect(r.items[0]?.key).toBe('["2.49.0.1.360.0.2026.09.24.07.75.002",""]');
    expect(r.issues).toEqual([
      {
        path: 'rss/channel/item[0]/pubDate',
        message: 'The item has no publication date; a changed document under the same guid would not be noticed.',
      },
    ]);
  });

  it('refuses an HTML page served instead of the RSS, saying so plainly', () => {
    const r = readNowcastIndex('<!DOCTYPE html><html><body><h1>Sedang dalam pemeliharaan</h1></body></html>');
    expect(r).toEqual({
      refused: true,
      items: [],
      issues: [
        {
          path: 'document',
          message:
            'The nowcast index is an HTML page, not an RSS feed: BMKG served a web page (often a maintenance or error page) instead of rss.xml. Nothing was read; try again later.',
        },
      ],
    });
    expect(readNowcastIndex(Buffer.from('\n<html lang="id"><head><title>BMKG</title></head></html>')).refused).toBe(true);
  });

  it('refuses a hostile DTD (entity expansion) unread', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]><rss version="2.0"><channel><title>&lol2;</title></channel></rss>`;
    const r = readNowcastIndex(bomb);
    expect(r.refused).toBe(true);
    expect(r.items).toEqual([]);
    expect(r.issues[0]?.message).toMatch(/document type declaration \(<!DOCTYPE\) at line 1\..*refused unread/);
    const xxe = rssWith('<rss version="2.0"', '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<rss version="2.0"');
    expect(readNowcastIndex(xxe).refused).toBe(true);
  });

  it('refuses what is not a feed, broken XML, and a body over the size cap', () => {
    expect(readNowcastIndex('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>').issues[0]?.message).toMatch(
      /neither an Atom feed nor an RSS 2.0 feed \(it looks like a single CAP alert/,
    );
    expect(readNowcastIndex(RSS.slice(0, 2000))).toMatchObject({ refused: true, items: [] });
    const big = readNowcastIndex(RSS, { maxBytes: 4096 });
    expect(big.refused).toBe(true);
    expect(big.issues[0]?.message).toBe(
      'The document is 13572 bytes, larger than the 4096-byte limit for one CAP message; it was not read.',
    );
  });

  it('refuses an RSS document without a channel', () => {
    expect(readNowcastIndex('<rss version="2.0"></rss>')).toEqual({
      refused: true,
      kind: 'rss',
      items: [],
      issues: [{ path: 'rss/channel', message: 'The RSS document has no <channel>.' }],
    });
  });

  it('reads an index with no active warning as empty, not refused', () => {
    const empty = RSS.replace(/<item>[\s\S]*<\/item>/, '');
    expect(readNowcastIndex(empty)).toEqual({ refused: false, kind: 'rss', items: [], issues: [] });
  });
});

describe('nowcastDocumentKey', () => {
  const item = {
    guid: 'g-1',
    capUrl: 'https://www.bmkg.go.id/alerts/nowcast/id/CGT20260924002_alert.xml',
    pubDate: 'Thu, 24 Sep 2026 15:07:00 +0800',
  };

  it('is guid and publication instant; the same moment written another way is no change', () => {
    expect(nowcastDocumentKey(item)).toBe('["g-1","2026-09-24T07:07:00Z"]');
    expect(nowcastDocumentKey({ ...item, pubDate: 'Thu, 24 Sep 2026 07:07:00 +0000' })).toBe(nowcastDocumentKey(item));
  });

  it('changes when the document is republished', () => {
    expect(nowcastDocumentKey({ ...item, pubDate: 'Thu, 24 Sep 2026 15:17:00 +0800' })).not.toBe(nowcastDocumentKey(item));
  });

  it('falls back to the link without a guid, and to the text of an unreadable date', () => {
    expect(nowcastDocumentKey({ capUrl: item.capUrl, pubDate: 'kemarin' })).toBe(`["${item.capUrl}","kemarin"]`);
  });
});
