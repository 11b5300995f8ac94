// Feeds are how alerts are found (BMKG: an RSS index of nowcast CAP files), not alerts themselves.
// This reads an Atom or RSS feed with the same safety front end as parseCap and lists its entries:
// the CAP links to fetch, and any alerts embedded in Atom <content>, already checked.
import type { Issue, RefusalReason } from './cap-types.ts';
import { checkAtomFeed } from './check-atom-feed.ts';
import type { CapFeedEntry } from './cap-feed-entry.ts';
import { checkRssFeed } from './check-rss-feed.ts';
import type { ParseCapOptions } from './parse-cap.ts';
import { readXmlDocument } from './read-xml-document.ts';

export interface CapFeedCheck {
  /** No errors in the feed structure nor in any embedded alert. */
  valid: boolean;
  refused: boolean;
  reason?: RefusalReason;
  kind?: 'atom' | 'rss';
  errors: Issue[];
  warnings: Issue[];
  entries: CapFeedEntry[];
}

export function checkCapFeed(input: string | Uint8Array, options: ParseCapOptions = {}): CapFeedCheck {
  const doc = readXmlDocument(input, options.maxBytes);
  if (!doc.ok) return refused(doc.reason, doc.message);
  const root = doc.root;
  let kind: 'atom' | 'rss';
  let result: ReturnType<typeof checkAtomFeed>;
  if (root.local === 'feed' && root.ns === 'http://www.w3.org/2005/Atom') {
    kind = 'atom';
    result = checkAtomFeed(root);
  } else if (root.local === 'rss' && root.ns === '') {
    kind = 'rss';
    result = checkRssFeed(root);
  } else {
    return refused(
      'not-feed',
      `The root element is <${root.name}>, so this is neither an Atom feed nor an RSS 2.0 feed${root.local === 'alert' ? ' (it looks like a single CAP alert: read it with checkCap)' : ''}.`,
    );
  }
  return {
    valid: result.errors.length === 0,
    refused: false,
    kind,
    errors: result.errors,
    warnings: result.warnings,
    entries: result.entries,
  };
}

function refused(reason: RefusalReason, message: string): CapFeedCheck {
  return { valid: false, refused: true, reason, errors: [{ path: 'document', message }], warnings: [], entries: [] };
}
