// `siaga cap validate` on Atom and RSS feeds of CAP: a verdict on the feed itself and one per entry
// (the alert it embeds, or the one its link names, fetched with the usual limits); one bad entry
// never hides the others, and an entry with no CAP says so. Needs no database.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodCap } from './support/hostile-caps.ts';
import { atomFeed, rssFeed } from './support/cap-feeds.ts';
import { FIXTURES } from './support/fixtures.ts';
import { startTestServer, type TestServer } from './support/http-test-server.ts';
import { runSiaga } from './support/run-cli.ts';

interface JsonVerdict {
  file: string;
  valid: boolean;
  refused: boolean;
  errors: { path: string; message: string }[];
  warnings: { path: string; message: string }[];
  feed?: { kind: string; entries: number };
  feedEntry?: { feed: string; entry: number; id: string | null; link: string | null };
}

const validateJson = async (...sources: string[]) => {
  const r = await runSiaga(['cap', 'validate', '--json', ...sources]);
  return { ...r, verdicts: JSON.parse(r.stdout) as JsonVerdict[] };
};

describe('siaga cap validate: feeds', () => {
  let dir: string;
  let server: TestServer;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'siaga-cap-feeds-'));
    server = await startTestServer({
      '/cap/LINKED-HTTP.xml': (_req, res) => res.writeHead(200, { 'Content-Type': 'application/cap+xml' }).end(goodCap('LINKED-HTTP')),
      '/feeds/index.atom': (_req, res) =>
        res.writeHead(200, { 'Content-Type': 'application/atom+xml' }).end(
          atomFeed([
            { id: 'rel', link: '../cap/LINKED-HTTP.xml' },
            { id: 'gone', link: '/cap/missing.xml' },
          ]),
        ),
    });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });
  const write = async (name: string, text: string) => {
    const f = path.join(dir, name);
    await writeFile(f, text);
    return f;
  };

  it('judges every entry of an Atom feed on its own: embedded, linked beside the file, missing, broken and empty', async () => {
    await write('linked.xml', goodCap('LINKED-FILE'));
    const broken = goodCap('EMBED-BAD').replace(/<polygon>[^<]*<\/polygon>/, '<polygon>3.53,98.85 3.57,98.89</polygon>');
    const feed = await write(
      'alerts.atom',
      atomFeed([
        { id: 'a', embed: goodCap('EMBED-OK') },
        { id: 'b', link: 'linked.xml' },
        { id: 'c', link: 'nowhere.xml' },
        { id: 'd', embed: broken },
        { id: 'e' },
      ]),
    );
    const r = await validateJson(feed);
    expect(r.code).toBe(1);
    expect(r.verdicts.map((v) => [v.file, v.valid, v.refused])).toEqual([
      [feed, true, false],
      [`${feed} entry 1 (a)`, true, false],
      [`${feed} entry 2 (b)`, true, false],
      [`${feed} entry 3 (c)`, false, true],
      [`${feed} entry 4 (d)`, false, false],
      [`${feed} entry 5 (e)`, false, false],
    ]);
    expect(r.verdicts[0]?.feed).toEqual({ kind: 'atom', entries: 5 });
    expect(r.verdicts[2]?.feedEntry).toEqual({ feed, entry: 2, id: 'b', link: path.relative(process.cwd(), path.join(dir, 'linked.xml')) });
    expect(r.verdicts[3]?.errors[0]?.message).toMatch(/nowhere\.xml: no such file/);
    expect(r.verdicts[4]?.errors.map((e) => e.path)).toContain('alert/info[0]/area[0]/polygon[0]');
    expect(r.verdicts[5]?.errors).toEqual([
      {
        path: 'feed/entry[4]',
        message: 'The entry neither embeds a CAP <alert> in <content> nor links to a CAP message, so there is no alert to read.',
      },
    ]);
  });

  it('prints a line per entry and the feed, and counts only the entries as documents', async () => {
    const feed = await write('two.atom', atomFeed([{ id: 'x', embed: goodCap('TWO-1') }, { id: 'y' }]));
    const r = await runSiaga(['cap', 'validate', feed]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      `FEED ${feed} (Atom feed, 2 entries, each judged below)`,
      `OK ${feed} entry 1 (x)`,
      `INVALID ${feed} entry 2 (y)`,
      '  error   feed/entry[1]: The entry neither embeds a CAP <alert> in <content> nor links to a CAP message, so there is no alert to read.',
      '2 document(s): 1 valid, 1 invalid, 0 refused · 1 feed(s)',
      '',
    ]);
  });

  it('reads an RSS feed whose items embed the alert or link to it over HTTP', async () => {
    const feed = await write(
      'index.rss',
      rssFeed([
        { id: 'embedded', embed: goodCap('RSS-EMBED') },
        { id: 'linked', link: server.url('/cap/LINKED-HTTP.xml') },
        { id: 'none' },
      ]),
    );
    const r = await validateJson(feed);
    expect(r.verdicts.map((v) => [v.file, v.valid])).toEqual([
      [feed, true],
      [`${feed} entry 1 (embedded)`, true],
      [`${feed} entry 2 (linked)`, true],
      [`${feed} entry 3 (none)`, false],
    ]);
    expect(r.stderr).toBe(`fetching ${server.url('/cap/LINKED-HTTP.xml')}…\n`);
    expect(r.verdicts[3]?.errors[0]?.message).toMatch(/no <link> to a CAP message and embeds no CAP <alert>/);
  });

  it("resolves a served feed's relative links against its URL", async () => {
    const r = await validateJson(server.url('/feeds/index.atom'));
    expect(r.verdicts.map((v) => [v.feedEntry?.link ?? null, v.valid, v.refused])).toEqual([
      [null, true, false],
      [server.url('/cap/LINKED-HTTP.xml'), true, false],
      [server.url('/cap/missing.xml'), false, true],
    ]);
  });

  it("reads the NWS Atom feed fixture's embedded CAP 1.1 alert, and says the entry of no_link.atom has none", async () => {
    const weather = path.join(FIXTURES, 'cap-peer', 'google-cap-library', 'weather.atom');
    const noLink = path.join(FIXTURES, 'cap-peer', 'google-cap-library', 'no_link.atom');
    const r = await validateJson(weather, noLink);
    const peer = `${path.join(FIXTURES, 'cap-peer', 'google-cap-library')}/`;
    expect(r.verdicts.map((v) => [v.file.replace(peer, ''), v.valid])).toEqual([
      ['weather.atom', true],
      [expect.stringMatching(/^weather\.atom entry 1 \(http:\/\/www\.weather\.gov\//), true],
      ['no_link.atom', true],
      [expect.stringMatching(/^no_link\.atom entry 1 /), false],
    ]);
  });

  it('refuses a feed link with a scheme other than http or https', async () => {
    const feed = await write('file-link.rss', rssFeed([{ id: 'f', link: 'file:///etc/passwd' }]));
    const r = await validateJson(feed);
    expect(r.verdicts[1]?.errors).toEqual([
      {
        path: 'rss/channel/item[0]/link',
        message: `The item's link "file:///etc/passwd" is a file: link; only http and https links (or links relative to the feed) are followed.`,
      },
    ]);
  });
});
