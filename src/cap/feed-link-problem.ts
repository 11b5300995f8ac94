// What makes a feed entry's link to its CAP message unusable. A relative link is fine: it is
// resolved against where the feed itself came from (its URL, or the folder of a local feed file).
// A link with a scheme must be http or https: file:, ftp: or javascript: links are never followed.

/** Why the link cannot be followed (a sentence without its subject), or undefined when it can. */
export function linkProblem(link: string): string | undefined {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(link)?.[1]?.toLowerCase();
  if (scheme === undefined || scheme === 'http' || scheme === 'https') return undefined;
  return `"${link}" is a ${scheme}: link; only http and https links (or links relative to the feed) are followed.`;
}
