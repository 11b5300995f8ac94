// RSS 2.0 indexes of CAP alerts (BMKG's nowcast index is one): each item must say what it is and
// link to its CAP message, or carry the CAP <alert> itself as an element of the item (RSS 2.0 allows
// elements of other namespaces there). Rules as in google/cap-library's CapFeedValidator (RULES.md
// section 13).
import type { CapFeedEntry } from './cap-feed-entry.ts';
import type { CapIssues, Issue } from './cap-types.ts';
import { checkCapElement } from './check-cap-element.ts';
import { linkProblem } from './feed-link-problem.ts';
import { identifyCapRoot } from './identify-cap-root.ts';
import type { XmlElement } from './read-xml-tree.ts';

export function checkRssFeed(rss: XmlElement): CapIssues & { entries: CapFeedEntry[] } {
  const out: CapIssues = { errors: [], warnings: [] };
  const channel = plain(rss, 'channel')[0];
  if (channel === undefined) {
    out.errors.push({ path: 'rss/channel', message: 'The RSS document has no <channel>.' });
    return { ...out, entries: [] };
  }
  if (text(channel, 'pubDate') === undefined) {
    out.warnings.push({
      path: 'rss/channel/pubDate',
      message: 'The channel has no <pubDate>; it is recommended so readers can tell how fresh the index is.',
    });
  }
  const entries = plain(channel, 'item').map((item, i): CapFeedEntry => {
    const path = `rss/channel/item[${i}]`;
    const entry: CapFeedEntry = {
      path,
      id: text(item, 'guid'),
      title: text(item, 'title'),
      updated: text(item, 'pubDate'),
      capUrl: text(item, 'link'),
    };
    if (entry.title === undefined && text(item, 'description') === undefined) {
      out.errors.push({ path, message: 'The item has neither a <title> nor a <description>.' });
    }
    const embedded = item.children.find((c) => identifyCapRoot(c).ok);
    if (embedded !== undefined) {
      const check = checkCapElement(embedded);
      const prefix = (issues: Issue[]): Issue[] =>
        issues.map((i) => ({ path: `${path}/${i.path === 'document' ? 'alert' : i.path}`, message: i.message }));
      out.errors.push(...prefix(check.errors));
      out.warnings.push(...prefix(check.warnings));
      entry.alert = check;
      entry.alertElement = embedded;
    }
    const problem = entry.capUrl === undefined ? undefined : linkProblem(entry.capUrl);
    if (embedded === undefined && entry.capUrl === undefined)
      out.errors.push({
        path: `${path}/link`,
        message: 'The item has no <link> to a CAP message and embeds no CAP <alert>, so there is no alert to read.',
      });
    else if (embedded === undefined && problem !== undefined)
      out.errors.push({ path: `${path}/link`, message: `The item's link ${problem}` });
    if (entry.id === undefined)
      out.warnings.push({
        path: `${path}/guid`,
        message: 'The item has no <guid>; one is recommended so the same alert is recognised across fetches.',
      });
    return entry;
  });
  return { ...out, entries };
}

/** RSS 2.0 elements are in no namespace. */
function plain(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.ns === '' && c.local === name);
}

function text(el: XmlElement, name: string): string | undefined {
  const t = plain(el, name)[0]?.text.trim();
  return t === '' ? undefined : t;
}
