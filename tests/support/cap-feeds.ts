// Atom and RSS 2.0 feeds of CAP messages as real publishers shape them: Atom entries that carry the
// alert in <content type="application/cap+xml"> or link to it (rel="alternate"
// type="application/cap+xml"); RSS items with a <link> to the CAP file or the <alert> in the item.

export interface FeedEntry {
  id?: string;
  title?: string;
  /** A CAP document to embed (its XML declaration is dropped). */
  embed?: string;
  /** A link to the CAP message, typed application/cap+xml in Atom. */
  link?: string;
}

const stripDeclaration = (xml: string) => xml.replace(/^<\?xml[^>]*\?>\s*/, '');

export function atomFeed(entries: FeedEntry[]): string {
  const body = entries
    .map(
      (e, i) => `  <entry>
    <id>${e.id ?? `urn:siaga:test:entry:${i}`}</id>
    <title>${e.title ?? `Peringatan ${i + 1}`}</title>
    <updated>2026-11-28T10:00:00+07:00</updated>
${e.link ? `    <link rel="alternate" type="application/cap+xml" href="${e.link}"/>\n` : ''}${e.embed ? `    <content type="application/cap+xml">\n${stripDeclaration(e.embed)}    </content>\n` : ''}  </entry>
`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:siaga:test:feed</id>
  <title>Peringatan dini (test)</title>
  <updated>2026-11-28T10:00:00+07:00</updated>
  <link rel="self" href="https://example.org/feed.atom"/>
${body}</feed>
`;
}

export function rssFeed(items: FeedEntry[]): string {
  const body = items
    .map(
      (e, i) => `    <item>
      <title>${e.title ?? `Peringatan ${i + 1}`}</title>
      <guid isPermaLink="false">${e.id ?? `test-item-${i}`}</guid>
      <pubDate>Sat, 28 Nov 2026 03:00:00 +0000</pubDate>
${e.link ? `      <link>${e.link}</link>\n` : ''}${e.embed ? `${stripDeclaration(e.embed)}` : ''}    </item>
`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Peringatan dini (test)</title>
    <link>https://example.org/</link>
    <description>CAP index</description>
    <pubDate>Sat, 28 Nov 2026 03:00:00 +0000</pubDate>
${body}  </channel>
</rss>
`;
}
