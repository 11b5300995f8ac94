// Atom (RFC 4287) feeds that index or carry CAP alerts, checked as google/cap-library's
// CapFeedValidator does (RULES.md section 13). A feed is only a way to find alerts: each entry must
// either embed an <alert> in <content> or link to one.
import type { CapFeedEntry } from './cap-feed-entry.ts';
import type { CapIssues, Issue } from './cap-types.ts';
import { checkCapElement } from './check-cap-element.ts';
import { identifyCapRoot } from './identify-cap-root.ts';
import { linkProblem } from './feed-link-problem.ts';
import type { XmlElement } from './read-xml-tree.ts';

const ATOM = 'http://www.w3.org/2005/Atom';
const FEED_CHILDREN = [
  'author',
  'category',
  'contributor',
  'generator',
  'icon',
  'id',
  'link',
  'logo',
  'rights',
  'subtitle',
  'title',
  'updated',
  'entry',
];
const ENTRY_CHILDREN = [
  'author',
  'category',
  'content',
  'contributor',
  'id',
  'link',
  'published',
  'rights',
  'source',
  'summary',
  'title',
  'updated',
];
const CAP_TYPES = ['application/cap+xml', 'application/common-alerting-protocol+xml'];

export function checkAtomFeed(feed: XmlElement): CapIssues & { entries: CapFeedEntry[] } {
  const out: CapIssues = { errors: [], warnings: [] };
  checkElement(feed, 'feed', FEED_CHILDREN, out);
  feed.children
    .filter((c) => c.ns !== ATOM && identifyCapRoot(c).ok)
    .forEach(() =>
      out.errors.push({
        path: 'feed/alert',
        message:
          'A CAP <alert> sits directly under <feed>, outside any <entry>; such foreign markup is not read as an alert. Put each alert in an entry.',
      }),
    );

  const entries = atom(feed, 'entry').map((entry, i) => readEntry(entry, `feed/entry[${i}]`, out));
  const seen = new Set<string>();
  entries.forEach((e) => {
    if (e.id === undefined) return;
    if (seen.has(e.id))
      out.errors.push({ path: e.path, message: `The entry id "${e.id}" is used by an earlier entry too; entry ids must be unique.` });
    seen.add(e.id);
  });
  return { ...out, entries };
}

function readEntry(entry: XmlElement, path: string, out: CapIssues): CapFeedEntry {
  checkElement(entry, 'entry', ENTRY_CHILDREN, out, path);
  const result: CapFeedEntry = { path, id: text(entry, 'id'), title: text(entry, 'title'), updated: text(entry, 'updated') };

  const embedded = atom(entry, 'content').flatMap((c) => c.children.filter((el) => el.local === 'alert'))[0];
  if (embedded !== undefined) {
    const check = checkCapElement(embedded);
    const prefix = (issues: Issue[]): Issue[] =>
      issues.map((i) => ({ path: `${path}/content/${i.path === 'document' ? 'alert' : i.path}`, message: i.message }));
    out.errors.push(...prefix(check.errors));
    out.warnings.push(...prefix(check.warnings));
    result.alert = check;
    result.alertElement = embedded;
  }

  const links = atom(entry, 'link').map((l) => ({ href: attr(l, 'href'), type: attr(l, 'type')?.toLowerCase() }));
  const typed = links.filter((l) => l.type !== undefined && CAP_TYPES.includes(l.type));
  // Without an explicit CAP type, accept one untyped or XML-typed link; HTML, image, audio and video links do not count.
  const candidates = typed.length > 0 ? typed : links.filter((l) => l.type === undefined || l.type.includes('xml'));
  if (candidates.length > 1 && typed.length === 0) {
    out.errors.push({
      path: `${path}/link`,
      message: `The entry has ${candidates.length} links and none is typed application/cap+xml, so which one is the CAP message is ambiguous.`,
    });
  } else if (candidates[0]?.href !== undefined) {
    result.capUrl = candidates[0].href;
    const problem = linkProblem(result.capUrl);
    if (problem !== undefined) out.errors.push({ path: `${path}/link`, message: `The CAP link ${problem}` });
  }
  if (embedded === undefined && result.capUrl === undefined && candidates.length <= 1) {
    out.errors.push({
      path,
      message: 'The entry neither embeds a CAP <alert> in <content> nor links to a CAP message, so there is no alert to read.',
    });
  }
  return result;
}

function checkElement(el: XmlElement, name: string, allowed: string[], out: CapIssues, path = name): void {
  for (const child of el.children) {
    if (child.ns === ATOM && !allowed.includes(child.local)) {
      out.errors.push({
        path: `${path}/${child.local}`,
        message: `<${child.local}> is not an Atom element allowed inside <${name}> (RFC 4287).`,
      });
    }
  }
  for (const required of ['id', 'title', 'updated']) {
    if (atom(el, required).length === 0)
      out.errors.push({ path: `${path}/${required}`, message: `The ${name} has no <${required}>; Atom requires one.` });
  }
}

function atom(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.ns === ATOM && c.local === name);
}

function text(el: XmlElement, name: string): string | undefined {
  const t = atom(el, name)[0]?.text.trim();
  return t === '' ? undefined : t;
}

function attr(el: XmlElement, name: string): string | undefined {
  return el.attrs.find((a) => a.ns === '' && a.local === name)?.value;
}
