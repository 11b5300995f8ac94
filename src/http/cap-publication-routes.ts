// Siaga publishes CAP for neighbouring systems and aggregators, without a token:
//   GET /cap/feed.atom                           the messages Siaga issued itself (approved raster
//                                                hazards, quake felt areas, forecast advisories …)
//   GET /cap/standing.atom                       every warning standing now that Siaga acts on,
//                                                with its source's sender and identifier
//   GET /cap/alerts/ID.xml                       one message as CAP: the stored bytes (a received
//                                                message as its source sent it; Siaga's own as
//                                                Siaga wrote it), its first document
//   GET /cap/alerts/ID/documents/DOC.xml         another document of it (a translation sent apart)
// Every answer carries an ETag, Last-Modified and Cache-Control and answers 304 to a poller that
// has it already. The feed conventions followed are listed in docs/formats.md.
import type { Db } from '../db/db.ts';
import {
  ownMessages,
  ownMessagesChangedAt,
  publishedDocument,
  standingChangedAt,
  standingMessages,
  type PublishedMessage,
} from '../db/cap-publication.ts';
import { writeCapAtomFeed, type AtomCapEntry } from '../cap/write-cap-atom-feed.ts';
import { conditionalReply } from './conditional-get.ts';
import type { Reply, Route } from './route.ts';

export interface CapPublicationDeps {
  db: Db;
  now: () => Date;
  /** Siaga's public address; feed and message URLs are absolute under it. */
  publicBaseUrl: string;
  /** The CAP sender of Siaga's own messages (SIAGA_SENDER). */
  siagaSender: string;
}

/** Updated, cancelled and expired messages stay this long in feed.atom, then leave it (Google Public Alerts: 24–48 h). */
export const OWN_FEED_KEEP_HOURS = 48;
/** Entries per feed at most: aggregators want a feed of about 100 KB, 900 KB at most. */
export const FEED_MAX_ENTRIES = 200;
const SUMMARY_MAX_CHARS = 600;

const ATOM_TYPE = 'application/atom+xml; charset=utf-8';
const CAP_TYPE = 'application/cap+xml; charset=utf-8';
// A minute: a poller sees a new warning within a minute of Siaga, and revalidates cheaply (304).
const FEED_CACHE = 'public, max-age=60';
// A stored document never changes; five minutes keeps a withdrawn one from lingering in caches long.
const DOCUMENT_CACHE = 'public, max-age=300';

export function capPublicationRoutes(deps: CapPublicationDeps): Route[] {
  const base = deps.publicBaseUrl.replace(/\/+$/, '');
  const messageUrl = (id: number) => `${base}/cap/alerts/${id}.xml`;
  const entry = (m: PublishedMessage): AtomCapEntry => {
    const [first, ...more] = m.documents;
    return {
      url: messageUrl(m.id),
      language: first?.languages[0],
      moreDocuments: more.map((d) => ({ href: `${base}/cap/alerts/${m.id}/documents/${d.id}.xml`, language: d.languages[0] })),
      updated: new Date(m.updated),
      published: new Date(m.sent),
      title: m.headline ?? m.event ?? m.identifier,
      summary: shorten(m.description ?? undefined),
      author: m.sender_name ?? m.sender,
      cap: {
        identifier: m.identifier,
        sender: m.sender,
        sent: m.sent,
        status: m.status,
        msgType: m.msg_type,
        event: m.event ?? undefined,
        urgency: m.urgency ?? undefined,
        severity: m.severity ?? undefined,
        certainty: m.certainty ?? undefined,
        expires: m.expires ?? undefined,
      },
    };
  };
  const feedReply = (
    req: Parameters<Route['handler']>[0],
    o: { path: string; title: string; subtitle: string; messages: PublishedMessage[]; changedAt: string | null },
  ) => {
    // Nothing ever stored: the epoch, so the answer stays the same (and revalidates) until something is.
    const updated = new Date(o.changedAt ?? 0);
    const bytes = writeCapAtomFeed({
      url: `${base}${o.path}`,
      title: o.title,
      subtitle: o.subtitle,
      author: 'Siaga',
      updated,
      entries: o.messages.map(entry),
    });
    return conditionalReply(req, { contentType: ATOM_TYPE, bytes, lastModified: updated, cacheControl: FEED_CACHE });
  };

  const documentReply = async (req: Parameters<Route['handler']>[0], alertId: number, documentId?: number): Promise<Reply> => {
    const doc = await publishedDocument(deps.db, alertId, documentId);
    if (!doc)
      return {
        status: 404,
        body: { error: `no published CAP message ${alertId}${documentId === undefined ? '' : ` with document ${documentId}`}` },
      };
    return conditionalReply(req, {
      contentType: CAP_TYPE,
      bytes: doc.raw_xml,
      lastModified: new Date(doc.received_at),
      cacheControl: DOCUMENT_CACHE,
    });
  };

  return [
    {
      method: 'GET',
      path: /^\/cap\/feed\.atom$/,
      handler: async (req) => {
        const now = deps.now();
        const o = { sender: deps.siagaSender, now, keepHours: OWN_FEED_KEEP_HOURS };
        const [messages, changedAt] = await Promise.all([
          ownMessages(deps.db, { ...o, limit: FEED_MAX_ENTRIES }),
          ownMessagesChangedAt(deps.db, o),
        ]);
        return feedReply(req, {
          path: '/cap/feed.atom',
          title: 'Siaga: peringatan yang diterbitkan Siaga / warnings issued by Siaga',
          subtitle: `CAP 1.2, pengirim / sender ${deps.siagaSender}`,
          messages,
          changedAt,
        });
      },
    },
    {
      method: 'GET',
      path: /^\/cap\/standing\.atom$/,
      handler: async (req) => {
        const now = deps.now();
        const [messages, changedAt] = await Promise.all([
          standingMessages(deps.db, { now, limit: FEED_MAX_ENTRIES }),
          standingChangedAt(deps.db, now),
        ]);
        return feedReply(req, {
          path: '/cap/standing.atom',
          title: 'Siaga: peringatan yang berlaku / standing warnings',
          subtitle:
            'Setiap peringatan yang berlaku dan ditindaklanjuti Siaga, dengan pengirim aslinya / every standing warning Siaga acts on, with its original sender',
          messages,
          changedAt,
        });
      },
    },
    {
      method: 'GET',
      path: /^\/cap\/alerts\/(\d{1,15})\.xml$/,
      handler: async (req, _url, [alertId]) => documentReply(req, Number(alertId)),
    },
    {
      method: 'GET',
      path: /^\/cap\/alerts\/(\d{1,15})\/documents\/(\d{1,15})\.xml$/,
      handler: async (req, _url, [alertId, documentId]) => documentReply(req, Number(alertId), Number(documentId)),
    },
  ];
}

function shorten(text: string | undefined): string | undefined {
  const t = text?.trim();
  if (!t) return undefined;
  return t.length <= SUMMARY_MAX_CHARS ? t : `${t.slice(0, SUMMARY_MAX_CHARS - 1).trimEnd()}…`;
}
