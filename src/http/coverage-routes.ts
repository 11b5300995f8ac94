// The coverage audit over HTTP, behind the liaison token like /api/feeds:
//   GET /api/coverage              every standing warning
//   GET /api/coverage?alert=ID     one message (Siaga's id or the CAP identifier), standing or not
// The answer's `unaccounted` is the sum over the warnings listed; it must be 0.
import type { Db } from '../db/db.ts';
import { coverageReports } from '../db/coverage-audit.ts';
import type { Route } from './route.ts';

export function coverageRoutes(deps: { db: Db; now: () => Date }): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/api\/coverage$/,
      liaison: true,
      handler: async (_req, url) => {
        const alert = url.searchParams.get('alert') ?? undefined;
        if (alert !== undefined && (alert.trim() === '' || alert.length > 256))
          return {
            status: 400,
            body: {
              error: 'alert: give an alert id or a CAP identifier (at most 256 characters)',
            },
          };
        const reports = await coverageReports(deps.db, deps.now(), alert);
        if (!reports)
          return {
            status: 404,
            body: { error: `no alert with id or identifier "${alert ?? ''}"` },
          };
        return {
          status: 200,
          body: {
            unaccounted: reports.reduce((sum, r) => sum + r.unaccounted, 0),
            warnings: reports,
          },
        };
      },
    },
  ];
}
