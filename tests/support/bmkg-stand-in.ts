// A local stand-in for BMKG's hosts: serves the fixtures at BMKG's own paths with ETag and
// conditional GET, counts every request (with its time, for the rate budget), and plays faults on
// demand: 500, 403, 404, a timeout, a truncated body, a 60 MB body, HTML instead of XML, an
// entity-expansion bomb, or a server that stops answering.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { FIXTURES } from './fixtures.ts';

export type Fault = '500' | '503' | '403' | '404' | 'timeout' | 'truncated' | 'html' | 'huge' | 'bomb' | 'stop';

export interface BmkgStandIn {
  base: string;
  url(pathAndQuery: string): string;
  /** Requests per path (with query), and every request's arrival time in ms. */
  hits(pathAndQuery: string): number;
  times: number[];
  /** Faults played in order on the next requests to a path; afterwards it serves normally. No faults: clear the queue. */
  fault(pathAndQuery: string, ...faults: Fault[]): void;
  /** Replace (or add) what a path serves. */
  serve(pathAndQuery: string, body: string | Buffer, contentType: string): void;
  /** Every path fails with `fault` until set back to undefined (a host that went away). */
  down(fault: Fault | undefined): void;
  /** Bytes of the last 60 MB body (`huge`) written so far: where it stopped if the client hung up. */
  hugeBytesSent(): number;
  close(): Promise<void>;
}

const fixture = (name: string) => readFileSync(path.join(FIXTURES, 'bmkg', name));

export const NOWCAST_ID_RSS = '/alerts/nowcast/id/rss.xml';
export const NOWCAST_EN_RSS = '/alerts/nowcast/en/rss.xml';
export const QUAKE_PATHS = ['/DataMKG/TEWS/autogempa.json', '/DataMKG/TEWS/gempaterkini.json', '/DataMKG/TEWS/gempadirasakan.json'];
export const FORECAST_PATH = '/publik/prakiraan-cuaca';

export async function startBmkgStandIn(options: { forecastFor?: (adm4: string) => Buffer | undefined } = {}): Promise<BmkgStandIn> {
  const routes = new Map<string, { body: Buffer; type: string; status?: number }>();
  const counts = new Map<string, number>();
  const faults = new Map<string, Fault[]>();
  const times: number[] = [];
  const sockets = new Set<Socket>();
  let hostDown: Fault | undefined;
  let hugeSent = 0;

  const server = createServer((req, res) => {
    const key = req.url ?? '/';
    counts.set(key, (counts.get(key) ?? 0) + 1);
    times.push(Date.now());
    const queued = faults.get(key);
    const fault = hostDown ?? queued?.shift();
    if (fault) return playFault(fault, req, res, (n) => (hugeSent = n));
    const route = routes.get(key) ?? forecastRoute(key, options.forecastFor);
    if (!route) return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    const etag = `"${createHash('sha1').update(route.body).digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end();
    res.writeHead(route.status ?? 200, { 'content-type': route.type, etag, 'content-length': String(route.body.length) }).end(route.body);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // The Indonesian index lists the Gorontalo warning and, as BMKG sometimes does, lists it twice;
  // the English index lists its translation. Links point here instead of www.bmkg.go.id.
  const idDoc = '/alerts/nowcast/id/CGT20260924002_alert.xml';
  const enDoc = '/alerts/nowcast/en/CGT20260924002_alert.xml';
  routes.set(idDoc, { body: fixture('cap-nowcast-CGT20260924002-id.xml'), type: 'application/xml' });
  routes.set(enDoc, { body: fixture('cap-nowcast-CGT20260924002-en.xml'), type: 'application/xml' });
  routes.set(NOWCAST_ID_RSS, { body: Buffer.from(rss('id', [base + idDoc, base + idDoc])), type: 'application/rss+xml' });
  routes.set(NOWCAST_EN_RSS, { body: Buffer.from(rss('en', [base + enDoc])), type: 'application/rss+xml' });
  routes.set(QUAKE_PATHS[0] as string, { body: fixture('autogempa-20260923.json'), type: 'application/json' });
  routes.set(QUAKE_PATHS[1] as string, { body: fixture('gempaterkini-20260924-first2of15.json'), type: 'application/json' });
  routes.set(QUAKE_PATHS[2] as string, { body: fixture('gempadirasakan-20260924-first2of15.json'), type: 'application/json' });

  return {
    base,
    url: (p) => base + p,
    hits: (p) => counts.get(p) ?? 0,
    times,
    fault: (p, ...f) => faults.set(p, f.length > 0 ? [...(faults.get(p) ?? []), ...f] : []),
    serve: (p, body, type) => routes.set(p, { body: Buffer.isBuffer(body) ? body : Buffer.from(body), type }),
    down: (f) => (hostDown = f),
    hugeBytesSent: () => hugeSent,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function forecastRoute(
  key: string,
  forecastFor: ((adm4: string) => Buffer | undefined) | undefined,
): { body: Buffer; type: string; status?: number } | undefined {
  const url = new URL(key, 'http://x');
  if (url.pathname !== FORECAST_PATH) return undefined;
  const adm4 = url.searchParams.get('adm4') ?? '';
  const body = forecastFor?.(adm4);
  if (body) return { body, type: 'application/json' };
  return { body: fixture('prakiraan-cuaca-404.json'), type: 'application/json', status: 404 };
}

/** A forecast for any village: the Bandung fixture with its codes and names replaced. */
export function forecastFixtureFor(adm4: string, name = 'Desa Uji'): Buffer {
  const text = fixture('prakiraan-cuaca-adm4-32.73.01.1001.json').toString('utf8');
  const parts = adm4.split('.');
  return Buffer.from(
    text
      .replaceAll('32.73.01.1001', adm4)
      .replaceAll('"32.73.01"', `"${parts.slice(0, 3).join('.')}"`)
      .replaceAll('"32.73"', `"${parts.slice(0, 2).join('.')}"`)
      .replaceAll('"adm1":"32"', `"adm1":"${parts[0]}"`)
      .replaceAll('Sukarasa', name),
  );
}

function rss(lang: 'id' | 'en', links: string[]): string {
  const items = links
    .map(
      (link) => `
    <item>
      <title>${lang === 'id' ? 'Hujan Lebat disertai Petir di Gorontalo' : 'Thunderstorm in Gorontalo'}</title>
      <link>${link}</link>
      <description>${lang === 'id' ? 'Hujan lebat disertai petir' : 'Thunderstorm'}</description>
      <author>cuaca.ekstrem@bmkg.go.id (BMKG)</author>
      <category>Met</category>
      <guid isPermaLink="false">2.49.0.1.360.0.2026.09.24.07.75.002</guid>
      <pubDate>Thu, 24 Sep 2026 15:07:00 +0800</pubDate>
    </item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Peringatan Dini Cuaca BMKG</title>
    <link>https://www.bmkg.go.id/alerts/nowcast/${lang}/rss.xml</link>
    <description>BMKG nowcast</description>
    <pubDate>Thu, 24 Sep 2026 07:15:30 +0000</pubDate>${items}
  </channel>
</rss>`;
}

function playFault(fault: Fault, _req: IncomingMessage, res: ServerResponse, onHugeSent: (bytes: number) => void): void {
  switch (fault) {
    case '500':
    case '503':
    case '403':
    case '404':
      res.writeHead(Number(fault), { 'content-type': 'text/plain' }).end(`error ${fault}`);
      return;
    case 'timeout':
      return; // never answers; the client's deadline ends it
    case 'stop':
      res.socket?.destroy();
      return;
    case 'truncated':
      res.writeHead(200, { 'content-type': 'application/xml', 'content-length': '5000' });
      // Cut the connection once the start of the body is on its way, as a host that dies mid-answer.
      res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>cut', () => res.socket?.destroy());
      return;
    case 'html':
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!DOCTYPE html><html><body><h1>Sedang dalam pemeliharaan</h1></body></html>');
      return;
    case 'bomb':
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><rss version="2.0"><channel><title>&lol3;</title></channel></rss>`,
        );
      return;
    case 'huge': {
      const total = 60 * 1024 * 1024;
      res.writeHead(200, { 'content-type': 'application/xml', 'content-length': String(total) });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      onHugeSent(0);
      const pump = () => {
        while (sent < total && !res.destroyed) {
          sent += chunk.length;
          onHugeSent(sent);
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      pump();
      return;
    }
  }
}
