// An Atom or RSS feed of CAP messages taken apart into its entries, each to be judged on its own:
// one bad entry never hides the others. An entry yields the alert it embeds (written out as a CAP
// document of its own), or the link to fetch it from, or nothing, with the reason among its issues.
import type { CapFeedEntry } from './cap-feed-entry.ts';
import type { CapIssues, Issue } from './cap-types.ts';
import { checkCapFeed } from './check-cap-feed.ts';
import { linkProblem } from './feed-link-problem.ts';
import type { ParseCapOptions } from './parse-cap.ts';
import { writeXmlDocument } from './write-xml-element.ts';

export interface CapFeedPart {
  /** 0-based position in the feed. */
  index: number;
  entry: CapFeedEntry;
  /**
   * What is wrong with the entry as a feed entry (no id, a link that cannot be followed, no CAP at
   * all). The embedded alert's own issues are not here: its CAP check reports them.
   */
  issues: CapIssues;
  /** The embedded alert as a CAP document of its own. */
  embeddedXml?: string;
  /** The link to fetch the CAP message from, as written (maybe relative to the feed), when nothing is embedded. */
  link?: string;
}

export interface CapFeedSplit {
  kind: 'atom' | 'rss';
  /** Issues of the feed itself, outside any entry. */
  issues: CapIssues;
  parts: CapFeedPart[];
}

/** The feed's entries, or undefined when the document is not a readable Atom or RSS feed (then read it as one CAP message). */
export function splitCapFeed(input: string | Uint8Array, options: ParseCapOptions = {}): CapFeedSplit | undefined {
  const feed = checkCapFeed(input, options);
  if (feed.refused || feed.kind === undefined) return undefined;
  const inEntry = (issue: Issue, entry: CapFeedEntry) => issue.path === entry.path || issue.path.startsWith(`${entry.path}/`);
  // Issues of an embedded alert sit under the entry's <content> (Atom) or its <alert> (RSS).
  const ofAlert = (issue: Issue, entry: CapFeedEntry) =>
    issue.path.startsWith(`${entry.path}/content/`) || /^\/alert(\/|$)/.test(issue.path.slice(entry.path.length));
  const own = (issues: Issue[], entry: CapFeedEntry) => issues.filter((i) => inEntry(i, entry) && !ofAlert(i, entry));
  const parts = feed.entries.map((entry, index): CapFeedPart => {
    const part: CapFeedPart = { index, entry, issues: { errors: own(feed.errors, entry), warnings: own(feed.warnings, entry) } };
    if (entry.alertElement !== undefined) part.embeddedXml = writeXmlDocument(entry.alertElement);
    else if (entry.capUrl !== undefined && linkProblem(entry.capUrl) === undefined) part.link = entry.capUrl;
    return part;
  });
  const outside = (issues: Issue[]) => issues.filter((i) => !feed.entries.some((e) => inEntry(i, e)));
  return { kind: feed.kind, issues: { errors: outside(feed.errors), warnings: outside(feed.warnings) }, parts };
}
