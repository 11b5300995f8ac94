// Which per-client rate limit a request counts against. Each API family has its own budget, so a
// flood of map tiles cannot use up a resident's registration budget, nor a wrong-token flood the
// teams'. The family is derived from the path when a route does not name one, so a new route under
// /api/team/ or a new .geojson is limited without anyone remembering to.
import { createClientRateLimit, type ClientRateLimit } from './client-rate-limit.ts';
import { RATE_FAMILIES, type RateFamily, type Route } from './route.ts';

/** Requests per minute per client address when the server is not told otherwise. */
export const DEFAULT_RATE_LIMITS: Record<RateFamily, number> = {
  residents: 30,
  signin: 20,
  // A team's phones often share one carrier-NAT address, and a board polls; generous, but finite.
  team: 600,
  liaison: 600,
  // A map pans and zooms: a few requests a second from one phone is normal use.
  geojson: 240,
  // A device's "shown" and its resident's answer to a warning, each proven by the payload's ack
  // token (checked before any database work). A big warning makes tens of thousands of phones
  // behind one carrier-NAT address report within a minute, as fast as the push goes out; refusing
  // them would hide who was reached and send them SMS and copies of the push they already have.
  // 2,000 a second per address still stops a flood of guessed tokens.
  confirmations: 120_000,
  // Siaga's published CAP (feeds and messages): aggregators poll each feed about once a minute and
  // then fetch what changed; a client that ignores the caching headers is held to a few a second.
  cap_feeds: 300,
};

export function rateFamilyOf(route: Route, pathname: string): RateFamily | undefined {
  if (route.rateFamily) return route.rateFamily;
  if (route.liaison || /^\/api\/(?:feeds|hazards)(?:\/|$)/.test(pathname)) return 'liaison';
  if (/^\/api\/team(?:\/|$)/.test(pathname)) return 'team';
  if (/^\/api\/.*\.geojson$/.test(pathname)) return 'geojson';
  if (/^\/cap\//.test(pathname)) return 'cap_feeds';
  if (route.rateLimited || /^\/api\/(?:households|deliveries|push|villages)(?:\/|$)/.test(pathname)) return 'residents';
  return undefined;
}

export type RateLimits = Record<RateFamily, ClientRateLimit>;

export function createRateLimits(perMinute: Partial<Record<RateFamily, number>>): RateLimits {
  const limits = { ...DEFAULT_RATE_LIMITS, ...perMinute };
  return Object.fromEntries(RATE_FAMILIES.map((f) => [f, createClientRateLimit(limits[f])])) as RateLimits;
}
