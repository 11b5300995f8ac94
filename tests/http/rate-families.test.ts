// Which per-client budget a request counts against: derived from the path when a route names none,
// so that a new route is limited without anyone remembering to.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_LIMITS, rateFamilyOf } from '../../src/http/rate-families.ts';
import type { Route } from '../../src/http/route.ts';

const route = (over: Partial<Route> = {}): Route => ({
  method: 'GET',
  path: /.*/,
  handler: async () => ({ status: 200, body: {} }),
  ...over,
});

describe('rate families', () => {
  it.each([
    ['/cap/feed.atom', 'cap_feeds'],
    ['/cap/alerts/12.xml', 'cap_feeds'],
    ['/api/villages.geojson', 'geojson'],
    ['/api/team/tasks', 'team'],
    ['/api/households/me', 'residents'],
    ['/api/feeds', 'liaison'],
    ['/healthz', undefined],
  ])('%s counts against %s', (path, family) => {
    expect(rateFamilyOf(route(), path)).toBe(family);
  });

  it('lets a route name its family, and gives the devices’ reports room for a carrier-NAT address', () => {
    expect(rateFamilyOf(route({ rateFamily: 'confirmations' }), '/api/deliveries/1/received')).toBe('confirmations');
    expect(DEFAULT_RATE_LIMITS.confirmations).toBeGreaterThanOrEqual(100 * DEFAULT_RATE_LIMITS.residents);
  });
});
