// `siaga cap validate` end to end, in-process and without a database: BMKG's own documents pass,
// documents served by a local stand-in for BMKG's hosts get a verdict, and each kind of bad input
// gets a clear one with exit code 1. What the parser says about each problem in detail is tested
// in tests/cap; here it is the verdict, the exit code and the output shape.
import { once } from 'node:events';
import { createWriteStream, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildCap } from './support/cap-builder.ts';
import { FIXTURES } from './support/fixtures.ts';
import { goodCap, HOSTILE_CAPS, manyPointRing } from './support/hostile-caps.ts';
import { startTestServer, streamBytes, type StreamTally, type TestServer } from './support/http-test-server.ts';
import { runSiaga } from './support/run-cli.ts';

const NOWCASTS = readdirSync(path.join(FIXTURES, 'bmkg'))
  .filter((f) => /^cap-nowcast-.*\.xml$/.test(f))
  .map((f) => path.join(FIXTURES, 'bmkg', f));
const NOWCAST_EN = path.join(FIXTURES, 'bmkg', 'cap-nowcast-CGT20260924002-en.xml');

interface JsonVerdict {
  file: string;
  valid: boolean;
  refused: boolean;
  errors: { path: string; message: string }[];
  warnings: { path: string; message: string }[];
}

/** Runs `cap validate --json` on one source and returns the exit code and its single verdict. */
async function validateOne(source: string, env: NodeJS.ProcessEnv = {}) {
  const r = await runSiaga(['cap', 'validate', source, '--json'], undefined, env);
  const verdicts = JSON.parse(r.stdout) as JsonVerdict[];
  expect(verdicts).toHaveLength(1);
  return { code: r.code, stderr: r.stderr, verdict: verdicts[0] as JsonVerdict };
}

describe('siaga cap validate: BMKG nowcast fixtures', () => {
  it('finds the nowcast fixtures', () => {
    expect(NOWCASTS.length).toBeGreaterThanOrEqual(3);
  });

  it.each(NOWCASTS.map((f) => [path.basename(f), f]))('%s validates with exit code 0', async (_name, file) => {
    const r = await runSiaga(['cap', 'validate', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`OK ${file}\n1 document(s): 1 valid, 0 invalid, 0 refused\n`);
  });

  it('prints one JSON array of {file, valid, refused, errors, warnings} for all of them', async () => {
    const r = await runSiaga(['cap', 'validate', ...NOWCASTS, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const verdicts = JSON.parse(r.stdout) as JsonVerdict[];
    expect(verdicts).toEqual(NOWCASTS.map((file) => ({ file, valid: true, refused: false, errors: [], warnings: [] })));
  });

  it('is a usage error (exit 2) without any document', async () => {
    const r = await runSiaga(['cap', 'validate']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/missing required argument 'sources'/);
  });
});

describe('siaga cap validate: URLs', () => {
  let server: TestServer;
  const big: StreamTally = { sent: 0, completed: false, closed: false };
  const BIG_TOTAL = 20 * 1024 * 1024;
  beforeAll(async () => {
    const nowcast = await readFile(NOWCAST_EN);
    server = await startTestServer({
      '/alerts/nowcast/en/CGT20260924002.xml': (_req, res) => res.writeHead(200, { 'Content-Type': 'application/xml' }).end(nowcast),
      '/old-path.xml': (_req, res) => res.writeHead(301, { Location: '/alerts/nowcast/en/CGT20260924002.xml' }).end(),
      '/500': (_req, res) => res.writeHead(500).end('Internal Server Error'),
      '/slow.xml': (_req, res) => void setTimeout(() => res.end(nowcast), 5000).unref(),
      '/huge.xml': streamBytes(BIG_TOTAL, big),
    });
  });
  afterAll(() => server.close());

  it('validates a CAP document served over HTTP, sending the configured User-Agent', async () => {
    const url = server.url('/alerts/nowcast/en/CGT20260924002.xml');
    const r = await runSiaga(['cap', 'validate', url], undefined, { HTTP_USER_AGENT: 'SiagaTest/2.0 (cap validate)' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^OK ${url}\n`));
    expect(r.stderr).toBe(`fetching ${url}…\n`);
    expect(server.requests.at(-1)?.headers['user-agent']).toBe('SiagaTest/2.0 (cap validate)');
  });

  it('follows a redirect to the document', async () => {
    const { code, verdict } = await validateOne(server.url('/old-path.xml'));
    expect(code).toBe(0);
    expect(verdict).toMatchObject({ valid: true, refused: false, errors: [] });
  });

  it.each([
    ['/missing.xml', 'HTTP 404 Not Found'],
    ['/500', 'HTTP 500 Internal Server Error'],
  ])('refuses %s, naming the status', async (route, status) => {
    const url = server.url(route);
    const { code, verdict } = await validateOne(url);
    expect(code).toBe(1);
    expect(verdict).toEqual({
      file: url,
      valid: false,
      refused: true,
      errors: [{ path: 'document', message: `${url}: ${status}` }],
      warnings: [],
    });
  });

  it('gives up on a slow server after HTTP_TIMEOUT_MS', async () => {
    const url = server.url('/slow.xml');
    const started = performance.now();
    const r = await runSiaga(['cap', 'validate', url], undefined, { HTTP_TIMEOUT_MS: '300' });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `REFUSED ${url} (unreadable)\n  error   document: ${url}: timed out after 300 ms (HTTP_TIMEOUT_MS)\n1 document(s): 0 valid, 0 invalid, 1 refused\n`,
    );
    expect(r.stderr).toBe(`fetching ${url}…\n`);
  });

  it('refuses a body larger than CAP_MAX_BYTES and stops downloading it', async () => {
    const url = server.url('/huge.xml');
    const r = await runSiaga(['cap', 'validate', url], undefined, { CAP_MAX_BYTES: '2048' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(`^REFUSED ${url} \\(too-large\\)\n  error   document: ${url}: larger than the 2 KiB limit \\(CAP_MAX_BYTES\\)`),
    );
    await vi.waitFor(() => expect(big.closed).toBe(true), { timeout: 5000 });
    expect(big.completed).toBe(false);
    expect(big.sent).toBeLessThan(BIG_TOTAL / 2);
  });
});

describe('siaga cap validate: bad inputs', () => {
  let dir: string;
  let nowcast: string;
  const write = async (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    await writeFile(file, content);
    return file;
  };
  /** The English BMKG nowcast with its first polygon's pairs rewritten. */
  const withPolygon = (rewrite: (pairs: string[]) => string[]) =>
    nowcast.replace(
      /<polygon>([^<]*)<\/polygon>/,
      (_m, pairs: string) => `<polygon>${rewrite(pairs.trim().split(/\s+/)).join(' ')}</polygon>`,
    );

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'siaga-cap-validate-'));
    nowcast = await readFile(NOWCAST_EN, 'utf8');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ['a truncated document', () => nowcast.slice(0, nowcast.indexOf('</info>')), 'not-well-formed'],
    [
      'a namespace of no CAP version',
      () => nowcast.replace('urn:oasis:names:tc:emergency:cap:1.2', 'urn:oasis:names:tc:emergency:cap:9.9'),
      'not-cap',
    ],
    ['no namespace', () => nowcast.replace(' xmlns="urn:oasis:names:tc:emergency:cap:1.2"', ''), 'not-cap'],
  ])('refuses %s', async (name, make, reason) => {
    const file = await write(`${name.replace(/\W+/g, '-')}.xml`, make());
    const r = await runSiaga(['cap', 'validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe(`REFUSED ${file} (${reason})`);
    expect(r.stdout).toMatch(/\n {2}error {3}document: .+\n1 document\(s\): 0 valid, 0 invalid, 1 refused\n$/);
  });

  it('finds swapped lon,lat in a polygon invalid, naming the polygon', async () => {
    const file = await write(
      'swapped.xml',
      withPolygon((pairs) => pairs.map((p) => p.split(',').reverse().join(','))),
    );
    const { code, verdict } = await validateOne(file);
    expect(code).toBe(1);
    expect(verdict).toMatchObject({ valid: false, refused: false });
    expect(verdict.errors.map((e) => e.path)).toEqual(['alert/info[0]/area[0]/polygon[0]']);
    expect(verdict.errors[0]?.message).toMatch(/outside the valid range.*CAP writes latitude first/);
  });

  it('finds an unclosed polygon invalid, with a text verdict and no error line on stderr', async () => {
    const file = await write(
      'unclosed.xml',
      withPolygon((pairs) => pairs.slice(0, -1)),
    );
    const r = await runSiaga(['cap', 'validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`INVALID ${file}`);
    expect(lines[1]).toMatch(/^ {2}error {3}alert\/info\[0\]\/area\[0\]\/polygon\[0\]: The polygon is not closed/);
    expect(lines.at(-1)).toBe('1 document(s): 0 valid, 1 invalid, 0 refused');
  });

  it('refuses a billion-laughs document without expanding it', async () => {
    const laughs = Array.from({ length: 8 }, (_, i) => `<!ENTITY lol${i + 2} "${`&lol${i === 0 ? '' : i + 1};`.repeat(10)}">`).join('\n  ');
    const doc = nowcast
      .replace('<alert ', `<!DOCTYPE alert [\n  <!ENTITY lol "lol">\n  ${laughs}\n]>\n<alert `)
      .replace(/<event>[^<]*<\/event>/, '<event>&lol9;</event>');
    const file = await write('billion-laughs.xml', doc);
    const started = performance.now();
    const r = await runSiaga(['cap', 'validate', file]);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(`REFUSED ${file} (hostile)`);
    expect(r.stdout).toMatch(/document type declaration \(<!DOCTYPE\)/);
    expect(r.stdout).not.toContain('lollol');
  });

  it('refuses a 50 MB document as too large without reading it into memory', async () => {
    const file = path.join(dir, 'fifty-mb.xml');
    const out = createWriteStream(file);
    out.write(nowcast.slice(0, nowcast.indexOf('<description>')));
    const filler = Buffer.alloc(1024 * 1024, 'x');
    for (let i = 0; i < 50; i++) if (!out.write(filler)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');

    const rssBefore = process.memoryUsage().rss;
    const { code, verdict } = await validateOne(file);
    const grown = process.memoryUsage().rss - rssBefore;
    expect(code).toBe(1);
    expect(verdict).toMatchObject({ valid: false, refused: true, errors: [{ path: 'document' }] });
    expect(verdict.errors[0]?.message).toMatch(/: 50 MiB, larger than the 5 MiB limit \(CAP_MAX_BYTES\); it was not read$/);
    // RSS moves by a few MB on its own (garbage collection, JIT, the test runner), so only a growth
    // close to the file's 50 MB would show it was read; 20 MB leaves room for that noise.
    expect(grown).toBeLessThan(20 * 1024 * 1024);
  });

  it('refuses a missing file, a folder, an empty file and a file:// URL, each saying why', async () => {
    const folder = path.join(dir, 'a-folder');
    await mkdir(folder);
    const empty = await write('empty.xml', '');
    const missing = path.join(dir, 'missing.xml');
    const cases = [
      [missing, 'no such file'],
      [folder, 'is a folder, not a file'],
      [empty, 'is empty (0 bytes)'],
      [`file://${NOWCAST_EN}`, 'only http:// and https:// URLs are fetched; give a local file as a plain path'],
    ];
    for (const [source, why] of cases) {
      const { code, verdict } = await validateOne(source as string);
      expect(code).toBe(1);
      expect(verdict).toEqual({
        file: source,
        valid: false,
        refused: true,
        errors: [{ path: 'document', message: `${source}: ${why}` }],
        warnings: [],
      });
    }
  });

  it('reports every document of a mixed list, and exits 1 when any is invalid', async () => {
    const bad = await write(
      'mixed-bad.xml',
      withPolygon((pairs) => pairs.slice(0, -1)),
    );
    const r = await runSiaga(['cap', 'validate', NOWCAST_EN, bad, '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const verdicts = JSON.parse(r.stdout) as JsonVerdict[];
    expect(verdicts.map((v) => [v.file, v.valid, v.refused])).toEqual([
      [NOWCAST_EN, true, false],
      [bad, false, false],
    ]);
    const text = await runSiaga(['cap', 'validate', NOWCAST_EN, bad]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(new RegExp(`^OK ${NOWCAST_EN}\nINVALID ${bad}\n`));
    expect(text.stdout).toMatch(/\n2 document\(s\): 1 valid, 1 invalid, 0 refused\n$/);
  });
});

describe('siaga cap validate: what storage would choke on is refused here, with what and where', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'siaga-hostile-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const hostile of HOSTILE_CAPS) {
    it(`refuses ${hostile.kind}`, async () => {
      const file = path.join(dir, `${hostile.kind.replace(/\W+/g, '-')}.xml`);
      await writeFile(file, hostile.xml('HOSTILE-1'));
      const { code, verdict } = await validateOne(file);
      expect(code).toBe(1);
      expect(verdict.valid).toBe(false);
      expect(
        verdict.errors.some((e) => hostile.path.test(e.path) && hostile.message.test(e.message)),
        JSON.stringify(verdict.errors),
      ).toBe(true);
    });
  }

  it('refuses DEL and other control characters in an attribute, naming the markup they are in', async () => {
    const file = path.join(dir, 'del-in-attribute.xml');
    await writeFile(file, goodCap('DEL-1').replace('<alert xmlns=', '<alert data-x="a\u007Fb" xmlns='));
    const { verdict } = await validateOne(file);
    expect(verdict.errors[0]?.message).toMatch(/U\+007F \(DEL\) at line 2, column \d+, inside the markup <alert …>/);
  });

  it('keeps tab, line feed and carriage return, and a 5,000 km circle', async () => {
    const file = path.join(dir, 'allowed.xml');
    await writeFile(
      file,
      buildCap({
        identifier: 'OK-1',
        infos: [{ description: 'Hujan\tlebat\r\ndisertai petir.', areas: [{ circles: [[98.7, 3.45, 5000]] }] }],
      }),
    );
    const { code, verdict } = await validateOne(file);
    expect(verdict.errors).toEqual([]);
    expect(code).toBe(0);
  });

  it('still warns of a crossing in a polygon too large for the pairwise scan (10,000 points)', async () => {
    const file = path.join(dir, 'large-crossing.xml');
    const ring = manyPointRing(10_000);
    ring.splice(5_000, 0, [98.99, 3.55]); // a spike out across the far side
    await writeFile(file, buildCap({ identifier: 'CROSS-1', infos: [{ areas: [{ polygons: [ring] }] }] }));
    const { code, verdict } = await validateOne(file);
    expect(code).toBe(0);
    expect(verdict.warnings.some((w) => /edges cross themselves/.test(w.message))).toBe(true);
  });

  it('refuses more than 100,000 polygon points in one message, though each polygon is under its own bound', async () => {
    const file = path.join(dir, 'many-rings.xml');
    const ring = manyPointRing(19_000);
    await writeFile(file, buildCap({ identifier: 'MANY-1', infos: [{ areas: [{ polygons: [ring, ring, ring, ring, ring, ring] }] }] }));
    const { verdict } = await validateOne(file);
    expect(verdict.errors).toEqual([
      { path: 'alert', message: expect.stringMatching(/114000 points together; Siaga accepts at most 100000 in one message/) as unknown },
    ]);
  });
});
