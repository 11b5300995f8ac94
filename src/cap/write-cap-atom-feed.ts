// Writes an Atom (RFC 4287) feed that indexes CAP messages, the way CAP aggregators read one
// (OASIS "Example Practices: CAP Feeds", Google Public Alerts, the WMO register's news feeds): one
// entry per CAP message, its id the permanent URL of the message, `updated` when the message
// changed, `title` its headline, `summary` its description, and a link typed application/cap+xml to
// the full message. The message's identity (sender, identifier, sent) and key values are repeated
// in CAP-namespace elements so a reader can dedupe and filter without fetching every message.
// Pure; every text and attribute is escaped.

const CAP_1_2_NS = 'urn:oasis:names:tc:emergency:cap:1.2';

export interface AtomCapLink {
  href: string;
  /** The document's languages, when known (hreflang). */
  language?: string;
}

export interface AtomCapEntry {
  /** The message's own CAP URL: the entry's permanent id and its main link. */
  url: string;
  /** Further documents of the same message (a translation sent as its own document). */
  moreDocuments?: AtomCapLink[];
  language?: string;
  updated: Date;
  published: Date;
  title: string;
  summary?: string;
  author: string;
  cap: {
    identifier: string;
    sender: string;
    sent: string;
    status: string;
    msgType: string;
    event?: string;
    urgency?: string;
    severity?: string;
    certainty?: string;
    expires?: string;
  };
}

export interface AtomCapFeed {
  /** The feed's own URL: its id and rel="self". */
  url: string;
  title: string;
  subtitle?: string;
  author: string;
  updated: Date;
  entries: AtomCapEntry[];
}

export function writeCapAtomFeed(feed: AtomCapFeed): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="${CAP_1_2_NS}">`,
    el(1, 'id', feed.url),
    el(1, 'title', feed.title),
    feed.subtitle ? el(1, 'subtitle', feed.subtitle) : '',
    el(1, 'updated', atomTime(feed.updated)),
    `  <link rel="self" type="application/atom+xml" href="${esc(feed.url)}"/>`,
    `  <author>${el(0, 'name', feed.author)}</author>`,
    el(1, 'generator', 'Siaga'),
    ...feed.entries.map(entryXml),
    '</feed>',
    '',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

function entryXml(e: AtomCapEntry): string {
  const cap = e.cap;
  const capEl = (name: string, value: string | undefined) => (value ? el(2, `cap:${name}`, value) : '');
  return [
    '  <entry>',
    el(2, 'id', e.url),
    el(2, 'title', e.title),
    el(2, 'updated', atomTime(e.updated)),
    el(2, 'published', atomTime(e.published)),
    `    <author>${el(0, 'name', e.author)}</author>`,
    e.summary ? el(2, 'summary', e.summary) : '',
    link('alternate', e.url, e.language),
    ...(e.moreDocuments ?? []).map((d) => link('related', d.href, d.language)),
    capEl('identifier', cap.identifier),
    capEl('sender', cap.sender),
    capEl('sent', cap.sent),
    capEl('status', cap.status),
    capEl('msgType', cap.msgType),
    capEl('event', cap.event),
    capEl('urgency', cap.urgency),
    capEl('severity', cap.severity),
    capEl('certainty', cap.certainty),
    capEl('expires', cap.expires),
    '  </entry>',
  ]
    .filter((l) => l !== '')
    .join('\n');
}

function link(rel: string, href: string, language: string | undefined): string {
  return `    <link rel="${rel}" type="application/cap+xml"${language ? ` hreflang="${esc(language)}"` : ''} href="${esc(href)}"/>`;
}

/** RFC 3339 in UTC, whole seconds. */
export function atomTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function el(depth: number, name: string, value: string): string {
  return `${'  '.repeat(depth)}<${name}>${esc(value)}</${name}>`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
