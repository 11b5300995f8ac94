// Every route of the web pages, wired in one place (main.ts and the browser tests use the same):
// static assets, the residents' pages, map GeoJSON, sign-in, and the liaison and team pages.
import type { Db } from '../db/db.ts';
import type { FeedJob } from '../feeds/feed-job.ts';
import type { HazardReviewDeps } from '../hazards/hazard-review-deps.ts';
import type { Logger } from '../logger.ts';
import { hazardPageRoutes } from './page-hazard-routes.ts';
import { liaisonPageRoutes } from './page-liaison-routes.ts';
import { residentPageRoutes } from './page-resident-routes.ts';
import { signInRoutes } from './page-signin-routes.ts';
import { teamPageRoutes } from './page-team-routes.ts';
import { villageAlertRoutes } from './village-alert-routes.ts';
import type { Route } from './route.ts';
import { assetRoutes } from './web-asset-routes.ts';
import { geoRoutes } from './web-geo-routes.ts';
import { staffSessions } from './web-session.ts';

export interface WebDeps {
  db: Db;
  logger: Logger;
  now: () => Date;
  feeds: readonly FeedJob[];
  /** Secret of the SMS verification codes (delivery's `secrets.code`). */
  codeSecret: string;
  snapMetres: number;
  /** Siaga's public address: the private link a registration answers. */
  publicBaseUrl: string;
  /** The review of raster hazard candidates (the liaison's hazard pages); absent: no such pages. */
  hazards?: HazardReviewDeps;
}

export function webRoutes(deps: WebDeps): Route[] {
  const sessions = staffSessions(deps.db, deps.now);
  return [
    ...assetRoutes(),
    ...residentPageRoutes({
      db: deps.db,
      now: deps.now,
      codeSecret: deps.codeSecret,
      snapMetres: deps.snapMetres,
      publicBaseUrl: deps.publicBaseUrl,
    }),
    ...geoRoutes({ db: deps.db, snapMetres: deps.snapMetres }),
    ...villageAlertRoutes({ db: deps.db, now: deps.now }),
    ...signInRoutes({ db: deps.db, sessions }),
    ...liaisonPageRoutes({ db: deps.db, now: deps.now, feeds: deps.feeds, sessions }),
    ...teamPageRoutes({ db: deps.db, now: deps.now, sessions }),
    ...(deps.hazards ? hazardPageRoutes(deps.hazards, sessions) : []),
  ];
}
