// Static files of the pages: Siaga's own (src/web/assets) and the map library straight from
// node_modules (no CDN: the pages must work without the internet and the CSP allows only this
// origin). Only the files listed here are served, so no path from a request ever reaches the file
// system. Each file is read, gzipped and hashed once; a cheap phone on a slow link gets the gzip
// and revalidates with the ETag instead of downloading again.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type http from 'node:http';
import type { Reply, Route } from './route.ts';
import { RawBody } from './web-response.ts';

const OWN = fileURLToPath(new URL('../web/assets/', import.meta.url));
const require = createRequire(import.meta.url);

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  webmanifest: 'application/manifest+json',
};

/** Served name → file. */
function assetFiles(): Map<string, string> {
  const own = [
    'siaga.css',
    'icon.svg',
    'manifest.webmanifest',
    'map.js',
    'place-picker.js',
    'field-errors.js',
    'register.js',
    'manage.js',
    'alert.js',
    'refresh.js',
    'board.js',
    'hazard.js',
    'yours.js',
  ];
  return new Map([
    ...own.map((name): [string, string] => [name, `${OWN}${name}`]),
    ['leaflet.js', require.resolve('leaflet/dist/leaflet.js')],
    ['leaflet.css', require.resolve('leaflet/dist/leaflet.css')],
    ['sw.js', `${OWN}sw.js`],
  ]);
}

interface Loaded {
  type: string;
  plain: Buffer;
  gzip: Buffer;
  etag: string;
}

export function assetRoutes(): Route[] {
  const files = assetFiles();
  const cache = new Map<string, Promise<Loaded>>();
  const load = (name: string, file: string) => {
    let hit = cache.get(name);
    if (!hit) {
      hit = readFile(file).then((plain) => ({
        type: TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream',
        plain,
        gzip: gzipSync(plain, { level: 9 }),
        etag: `"${createHash('sha256').update(plain).digest('base64url').slice(0, 22)}"`,
      }));
      // A failed read is not cached: the next request tries again and reports its own error.
      hit.catch(() => cache.delete(name));
      cache.set(name, hit);
    }
    return hit;
  };
  const serve = async (req: http.IncomingMessage, name: string, cacheControl: string): Promise<Reply> => {
    const file = files.get(name);
    if (!file) return { status: 404, body: { error: `no asset named "${name}"` } };
    const a = await load(name, file);
    const headers: Record<string, string> = { 'cache-control': cacheControl, etag: a.etag, vary: 'accept-encoding' };
    if (req.headers['if-none-match'] === a.etag) return { status: 304, body: new RawBody(a.type, ''), headers };
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    return {
      status: 200,
      body: new RawBody(a.type, gzip ? a.gzip : a.plain),
      headers: gzip ? { ...headers, 'content-encoding': 'gzip' } : headers,
    };
  };
  return [
    { method: 'GET', path: /^\/assets\/([a-z0-9.-]+)$/, handler: (req, _url, [name]) => serve(req, name ?? '', 'public, max-age=300') },
    // The service worker lives at the root so that its scope is the whole site; browsers check it
    // for updates on their own, and no-cache makes them revalidate every time they do.
    { method: 'GET', path: /^\/sw\.js$/, handler: (req) => serve(req, 'sw.js', 'no-cache') },
  ];
}
