// The HTTP face of Siaga: health, registry counts, the liaison's feed API, and the route sets
// other parts add (residents' API, receipts). Routes answer JSON; a guard (liaison token, per-client
// rate limit) runs before the handler, and an HttpError thrown by a handler is sent as it is. Web pages
// and assets answer a RawBody (src/http/web-response.ts); every answer carries the security headers.
// Errors the router answers itself are pages for browsers and JSON for programs (browser-error-page.ts).
// Every answer is timed into the server's own metrics registry (siaga-metrics.ts), labelled by the
// route's pattern, never by the path asked for. GET /metrics exists only when METRICS_TOKEN is set.
import http from 'node:http';
import type { Db } from '../db/db.ts';
import { HANDOFF_OVERDUE_S } from '../db/alert-queries.ts';
import { overdueHandoffs } from '../db/delivery-handoffs.ts';
import { listFetches } from '../db/feed-log.ts';
import { FETCH_LOG_FILTERS, isFetchLogFilter } from '../db/fetch-outcomes.ts';
import { registryStats } from '../db/stats.ts';
import type { FeedJob } from '../feeds/feed-job.ts';
import { feedsHealth } from '../feeds/feeds-health.ts';
import type { Logger } from '../logger.ts';
import { errorPageBody, wantsErrorPage } from './browser-error-page.ts';
import { checkUrl, parseInstant } from './input-boundary.ts';
import { checkLiaisonToken, givenBearer } from './liaison-auth.ts';
import { createRateLimits, rateFamilyOf } from './rate-families.ts';
import { HttpError, type RateFamily, type Route } from './route.ts';
import { createReadinessCheck, type PingableRedis } from './readiness.ts';
import { methodLabel, routeLabel, UNMATCHED_ROUTE } from './route-label.ts';
import { sameSecret } from './same-secret.ts';
import { createSiagaMetrics, type SiagaMetrics } from './siaga-metrics.ts';
import { RawBody } from './web-response.ts';
import { SECURITY_HEADERS } from './web-security-headers.ts';

export interface ServerDeps {
  db: Db;
  logger: Logger;
  feeds: readonly FeedJob[];
  liaisonToken: string | undefined;
  /** Route sets of other parts (src/http/resident-routes.ts …). */
  routes?: Route[];
  /** Requests per minute per client on the residents' API (and sign-in), unless `rateLimits` says. */
  clientRateLimitPerMinute?: number;
  /** Requests per minute per client of each API family (src/http/rate-families.ts). */
  rateLimits?: Partial<Record<RateFamily, number>>;
  /** Bearer token of GET /metrics. Unset: the route does not exist (404), so nothing is exposed by default. */
  metricsToken?: string;
  /** Redis, when configured: /readyz asks it too. */
  redis?: PingableRedis;
  /** The BMKG budget as configured, shown beside its use in /metrics. */
  budget?: { limitPerMinute: number; urgentReservePerMinute: number };
}

export function createServer(deps: ServerDeps): http.Server {
  const metrics = createSiagaMetrics({ db: deps.db, feeds: deps.feeds.map((f) => f.name), budget: deps.budget });
  return serveRoutes(deps, serverRoutes(deps, metrics), metrics);
}

/** The router's whole table: the server's own routes and those of other parts, in match order. */
export function serverRoutes(deps: ServerDeps, metrics?: SiagaMetrics): Route[] {
  const readiness = createReadinessCheck(deps.db, deps.redis);
  return [
    {
      method: 'GET',
      path: /^\/healthz$/,
      handler: async () => {
        // Degraded (still 200: restarting this process would not help) while a standing warning
        // has waited for delivery more than a minute after it was ready.
        const waiting = await overdueHandoffs(deps.db, new Date(), HANDOFF_OVERDUE_S);
        const awaitingDelivery = waiting.map((h) => ({
          alertId: h.alert_id,
          identifier: h.identifier,
          event: h.event,
          readyAt: h.ready_at,
          attempts: h.attempts,
          lastError: h.last_error,
        }));
        return {
          status: 200,
          body: { ok: waiting.length === 0, status: waiting.length === 0 ? 'ok' : 'degraded', engine: deps.db.engine, awaitingDelivery },
        };
      },
    },
    {
      method: 'GET',
      path: /^\/readyz$/,
      // Not ready (503): the database or Redis does not answer, or the schema is not this code's.
      handler: async () => {
        const r = await readiness();
        return { status: r.ready ? 200 : 503, body: r };
      },
    },
    ...(metrics && deps.metricsToken ? [metricsRoute(metrics, deps.metricsToken)] : []),
    { method: 'GET', path: /^\/api\/stats$/, handler: async () => ({ status: 200, body: await registryStats(deps.db) }) },
    {
      method: 'GET',
      path: /^\/api\/feeds$/,
      liaison: true,
      handler: async () => ({ status: 200, body: await feedsHealth(deps.db, deps.feeds, new Date()) }),
    },
    {
      method: 'GET',
      path: /^\/api\/feeds\/([a-z0-9-]+)\/log$/,
      liaison: true,
      handler: async (_req, url, [feed]) => {
        if (!deps.feeds.some((f) => f.name === feed)) return { status: 404, body: { error: `no feed named "${feed}"` } };
        const sinceText = url.searchParams.get('since');
        const since = sinceText ? parseInstant(sinceText, 'since') : undefined;
        const outcome = url.searchParams.get('outcome') ?? undefined;
        if (outcome && !isFetchLogFilter(outcome))
          return { status: 400, body: { error: `outcome: must be one of ${FETCH_LOG_FILTERS.join(', ')}` } };
        const limit = Math.min(1000, Number(url.searchParams.get('limit') ?? 200));
        if (!Number.isInteger(limit) || limit < 1) return { status: 400, body: { error: 'limit: must be a whole number from 1 to 1000' } };
        return { status: 200, body: await listFetches(deps.db, { feed, since, outcome, limit }) };
      },
    },
    ...(deps.routes ?? []),
  ];
}

function metricsRoute(metrics: SiagaMetrics, token: string): Route {
  return {
    method: 'GET',
    path: /^\/metrics$/,
    // A flood of wrong tokens is limited like the liaison API's; a scraper asks every few seconds.
    rateFamily: 'liaison',
    handler: async (req) => {
      const given = givenBearer(req);
      if (!given || !sameSecret(given, token))
        throw new HttpError(401, 'a metrics token is required: Authorization: Bearer <METRICS_TOKEN>', {
          'www-authenticate': 'Bearer realm="siaga-metrics"',
        });
      return { status: 200, body: new RawBody(metrics.contentType, await metrics.render()) };
    },
  };
}

function serveRoutes(deps: ServerDeps, routes: Route[], metrics: SiagaMetrics): http.Server {
  const perClient = deps.clientRateLimitPerMinute;
  const rateLimits = createRateLimits({ ...(perClient !== undefined && { residents: perClient, signin: perClient }), ...deps.rateLimits });
  const labels = new Map(routes.map((r) => [r, routeLabel(r.path)]));

  return http.createServer((req, res) => {
    const started = performance.now();
    // The route is known only once matched below; the answer may finish before (400, 404).
    const matched: { route?: Route } = {};
    res.once('finish', () =>
      metrics.observeRequest(
        { method: methodLabel(req.method), route: (matched.route && labels.get(matched.route)) ?? UNMATCHED_ROUTE, status: res.statusCode },
        (performance.now() - started) / 1000,
      ),
    );
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      res.writeHead(400, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
      return void res.end(JSON.stringify({ error: 'the request target is not a valid path' }));
    }
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      const raw = body instanceof RawBody ? body : undefined;
      res.writeHead(status, {
        ...SECURITY_HEADERS,
        'content-type': raw ? raw.contentType : 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        ...headers,
      });
      res.end(status === 204 || status === 304 || req.method === 'HEAD' ? undefined : raw ? raw.bytes : JSON.stringify(body));
    };
    // An error the router answers itself: a page for a browser, `{ error }` for programs.
    const fail = (status: number, error: string, headers: Record<string, string> = {}) =>
      send(status, wantsErrorPage(req, url) ? errorPageBody(req, url, status, error) : { error }, headers);
    const matches = routes.filter((r) => r.path.test(url.pathname));
    // HEAD is answered by the GET route without a body (link checkers, curl -I).
    const route = matches.find((r) => r.method === req.method || (req.method === 'HEAD' && r.method === 'GET'));
    if (!route)
      return matches.length > 0
        ? fail(405, `${req.method} is not allowed on ${url.pathname}`)
        : fail(404, `no route ${req.method} ${url.pathname}`);
    matched.route = route;
    // Counted before the token is checked: a flood of wrong tokens is a flood too.
    const family = rateFamilyOf(route, url.pathname);
    if (family) {
      const wait = rateLimits[family].check(req.socket.remoteAddress ?? 'unknown');
      if (wait !== undefined) return fail(429, `too many requests; try again in ${wait} s`, { 'retry-after': String(wait) });
    }
    try {
      checkUrl(url);
    } catch (err) {
      if (err instanceof HttpError) return fail(err.status, err.message);
      throw err;
    }
    if (route.liaison) {
      const verdict = checkLiaisonToken(req, deps.liaisonToken);
      if (!verdict.ok) return send(verdict.status, { error: verdict.error });
    }
    const params = route.path.exec(url.pathname)?.slice(1) ?? [];
    route.handler(req, url, params).then(
      (r) => send(r.status, r.body, r.headers),
      (err: unknown) => {
        if (err instanceof HttpError)
          return err.page === undefined ? fail(err.status, err.message, err.headers) : send(err.status, err.page, err.headers);
        // A client that hung up mid-body is its own business, not a fault of the server.
        if (req.destroyed || (err as { code?: string }).code === 'ECONNRESET') {
          deps.logger.info(
            { path: url.pathname, reason: err instanceof Error ? err.message : String(err) },
            'client went away during the request',
          );
          return void res.destroy();
        }
        deps.logger.error({ err, path: url.pathname }, 'request failed');
        fail(500, 'internal error');
      },
    );
  });
}
