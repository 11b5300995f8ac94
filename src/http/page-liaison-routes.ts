// The BMKG liaison's pages, behind a staff session with the liaison role: feed health, the
// ingestion log with filters, one fetch with its rejected payloads, alerts with lineage and counts,
// and the coverage audit of the standing warnings (or of one message).
import { listAlerts, showAlert } from '../db/alert-queries.ts';
import { coverageReport, coverageReports, findCoverageAlert } from '../db/coverage-audit.ts';
import type { Db } from '../db/db.ts';
import { listCapIntakes } from '../db/cap-senders.ts';
import { listFetches } from '../db/feed-log.ts';
import { FETCH_LOG_FILTERS, isFetchLogFilter } from '../db/fetch-outcomes.ts';
import { fetchWithPayloads } from '../db/web-feed-payloads.ts';
import type { FeedJob } from '../feeds/feed-job.ts';
import { feedsHealth } from '../feeds/feeds-health.ts';
import { liaisonAlertPage, liaisonAlertsPage } from '../web/page-liaison-alerts.ts';
import { liaisonCoveragePage } from '../web/page-liaison-coverage.ts';
import { liaisonHealthPage } from '../web/page-liaison-health.ts';
import { liaisonFetchPage, liaisonLogPage, type LogFilter } from '../web/page-liaison-log.ts';
import { alertPlaces } from '../db/web-alert-places.ts';
import { alertPlace } from '../web/alert-place.ts';
import { notFoundPage } from '../web/page-not-found.ts';
import { parseInstant } from './input-boundary.ts';
import { HttpError, type Route } from './route.ts';
import { htmlReply } from './web-response.ts';
import type { StaffSessions } from './web-session.ts';
import { staffPage, type Render } from './web-staff-page.ts';

export interface LiaisonPageDeps {
  db: Db;
  now: () => Date;
  feeds: readonly FeedJob[];
  sessions: StaffSessions;
}

// Enough to read any CAP document or BMKG JSON item; beyond it the page says it is truncated.
const PAYLOAD_CHARS = 200_000;

export function liaisonPageRoutes(deps: LiaisonPageDeps): Route[] {
  const page = (render: Render) => staffPage(deps.sessions, 'liaison', render);
  return [
    {
      method: 'GET',
      path: /^\/liaison$/,
      handler: page(async ({ lang, user }) => {
        const now = deps.now();
        return htmlReply(200, liaisonHealthPage(lang, user.username, await feedsHealth(deps.db, deps.feeds, now), now));
      }),
    },
    {
      method: 'GET',
      path: /^\/liaison\/log$/,
      handler: page(async ({ url, lang, user }) => {
        const filter: LogFilter = {
          feed: url.searchParams.get('feed') ?? '',
          outcome: url.searchParams.get('outcome') ?? '',
          since: url.searchParams.get('since') ?? '',
        };
        const since = sinceOf(filter);
        if (filter.error) {
          // The page shows the since problem; nothing is looked up.
        } else if (filter.feed && !deps.feeds.some((f) => f.name === filter.feed)) filter.error = `feed: no feed named "${filter.feed}"`;
        else if (filter.outcome && !isFetchLogFilter(filter.outcome)) filter.error = `outcome: one of ${FETCH_LOG_FILTERS.join(', ')}`;
        const rows = filter.error
          ? []
          : await listFetches(deps.db, { feed: filter.feed || undefined, outcome: filter.outcome || undefined, since, limit: 300 });
        return htmlReply(
          filter.error ? 400 : 200,
          liaisonLogPage(
            lang,
            user.username,
            deps.feeds.map((f) => f.name),
            filter,
            rows,
            await listCapIntakes(deps.db, null, 50),
          ),
        );
      }),
    },
    {
      method: 'GET',
      path: /^\/liaison\/fetches\/(\d{1,15})$/,
      handler: page(async ({ url, params, lang, user }) => {
        const found = await fetchWithPayloads(deps.db, Number(params[0]), PAYLOAD_CHARS);
        if (!found) return htmlReply(404, notFoundPage(lang, url.pathname, 'liaison'));
        return htmlReply(200, liaisonFetchPage(lang, user.username, found.fetch, found.payloads));
      }),
    },
    {
      method: 'GET',
      path: /^\/liaison\/alerts$/,
      handler: page(async ({ lang, user }) => {
        const rows = await listAlerts(deps.db, { activeOnly: false, now: deps.now(), limit: 300 });
        const places = await alertPlaces(
          deps.db,
          rows.map((a) => a.id),
        );
        return htmlReply(
          200,
          liaisonAlertsPage(
            lang,
            user.username,
            rows.map((a) => ({ ...a, zone: alertPlace(places.get(a.id), lang).zone })),
          ),
        );
      }),
    },
    {
      method: 'GET',
      path: /^\/liaison\/alerts\/(\d{1,15})$/,
      handler: page(async ({ url, params, lang, user }) => {
        const detail = await showAlert(deps.db, params[0] ?? '', deps.now());
        if (!detail) return htmlReply(404, notFoundPage(lang, url.pathname, 'liaison'));
        return htmlReply(200, liaisonAlertPage(lang, user.username, detail));
      }),
    },
    {
      method: 'GET',
      path: /^\/liaison\/coverage$/,
      handler: page(async ({ lang, user }) =>
        htmlReply(200, liaisonCoveragePage(lang, user.username, (await coverageReports(deps.db, deps.now())) ?? [])),
      ),
    },
    {
      method: 'GET',
      path: /^\/liaison\/coverage\/(\d{1,15})$/,
      handler: page(async ({ url, params, lang, user }) => {
        const alert = await findCoverageAlert(deps.db, params[0] ?? '', deps.now());
        // Only by Siaga's id here: an all-digit CAP identifier must not stand in for it.
        if (!alert || alert.id !== params[0]) return htmlReply(404, notFoundPage(lang, url.pathname, 'liaison'));
        return htmlReply(200, liaisonCoveragePage(lang, user.username, [], await coverageReport(deps.db, alert)));
      }),
    },
  ];
}

/** The filter's `since` as an instant; a bad one is set as the filter's error (the page shows it). */
function sinceOf(filter: LogFilter): Date | undefined {
  try {
    return filter.since ? parseInstant(filter.since, 'since') : undefined;
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    filter.error = err.message;
    return undefined;
  }
}
