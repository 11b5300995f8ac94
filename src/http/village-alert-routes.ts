// The public warnings in force over one village: what the front page and the warnings list need to
// mark "your area" for a household whose village the browser remembers (manage.js keeps it on the
// device; the server is told only a village, never which household asks).
import { listAlerts } from '../db/alert-queries.ts';
import type { Db } from '../db/db.ts';
import { alertsReachingVillage } from '../db/web-alert-places.ts';
import type { Route } from './route.ts';

export function villageAlertRoutes(deps: { db: Db; now: () => Date }): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/api\/villages\/(\d{2}\.\d{2}\.\d{2}\.\d{4})\/alerts$/,
      rateLimited: true,
      handler: async (_req, _url, [code]) => {
        const standing = (await listAlerts(deps.db, { activeOnly: true, now: deps.now(), limit: 1000 }))
          .filter((a) => a.deliverable)
          .map((a) => a.id);
        return { status: 200, body: { village: code, alerts: await alertsReachingVillage(deps.db, code ?? '', standing) } };
      },
    },
  ];
}
