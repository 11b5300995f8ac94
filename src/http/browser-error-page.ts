// Errors the router answers itself (an unknown address, a method a route does not take, a refusal
// before the handler, a failure) as a page for a person in a browser, and as JSON for programs.
// JSON stays for the API (`/api/…`), for data addresses (`.geojson`, `.json`, `/healthz`) and for
// any client whose Accept header prefers JSON to HTML; everything else gets the page, including
// `curl` and other clients that accept anything (`*/*`), since those are mostly people too.
import type http from 'node:http';
import { pageLanguage } from '../web/language.ts';
import type { Audience } from '../web/layout.ts';
import { errorPage } from '../web/page-error.ts';
import { RawBody } from './web-response.ts';

const DATA_PATH = /^\/api\/|\.(?:geo)?json$|^\/healthz$/;

/** Whether an error to this request is best answered as a page rather than JSON. */
export function wantsErrorPage(req: http.IncomingMessage, url: URL): boolean {
  if (DATA_PATH.test(url.pathname)) return false;
  return !prefersJson(req.headers.accept ?? '');
}

/** JSON is preferred when the Accept header gives a JSON type a quality at least that of HTML. */
export function prefersJson(accept: string): boolean {
  let json = 0;
  let htmlQ = 0;
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const q = Number(
      params
        .map((p) => p.trim())
        .find((p) => p.startsWith('q='))
        ?.slice(2) ?? 1,
    );
    const quality = Number.isFinite(q) ? q : 0;
    if (type === 'application/json' || type.endsWith('+json')) json = Math.max(json, quality);
    if (type === 'text/html') htmlQ = Math.max(htmlQ, quality);
  }
  return json > 0 && json >= htmlQ;
}

/** The error page for this request's status, in the visitor's language, with the nav of the area it was in. */
export function errorPageBody(req: http.IncomingMessage, url: URL, status: number, detail?: string): RawBody {
  const audience: Audience = url.pathname.startsWith('/liaison') ? 'liaison' : url.pathname.startsWith('/team') ? 'team' : 'resident';
  return new RawBody('text/html; charset=utf-8', errorPage(pageLanguage(req, url), status, url.pathname + url.search, audience, detail));
}
