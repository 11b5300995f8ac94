// Siaga's whole HTTP face as main.ts composes it (residents' API, web pages, team and cluster API,
// liaison API with hazards, the CAP feeds Siaga publishes), over a test database with Deli Serdang's villages and Tagana teams,
// and a logger that keeps every line it writes, so a test can say "nothing was logged as an error".
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { FeedJob } from '../../src/feeds/feed-job.ts';
import type { HazardReviewDeps } from '../../src/hazards/hazard-review-deps.ts';
import { capPublicationRoutes } from '../../src/http/cap-publication-routes.ts';
import { hazardRoutes } from '../../src/http/hazard-routes.ts';
import type { RateFamily } from '../../src/http/route.ts';
import { residentRoutes } from '../../src/http/resident-routes.ts';
import type { Route } from '../../src/http/route.ts';
import { createServer, serverRoutes, type ServerDeps } from '../../src/http/server.ts';
import { teamClusterRoutes } from '../../src/http/team-cluster-routes.ts';
import { teamRoutes } from '../../src/http/team-routes.ts';
import { webRoutes } from '../../src/http/web-routes.ts';
import { DELI_SERDANG } from '../support/delivery-harness.ts';
import { TEST_PUSH_POLICY } from '../support/local-push-service.ts';
import { runSiaga } from '../support/run-cli.ts';
import { createTestDb, type TestDb } from '../support/test-db.ts';
import { TEAMS_FILE } from '../tagana/tagana-harness.ts';

export const LIAISON_TOKEN = 'liaison-token-for-the-security-suite';
export const FEED: FeedJob = {
  name: 'bmkg-nowcast',
  description: 'nowcast (test)',
  schedule: '0 0 1 1 *',
  cadenceMs: 60_000,
  urls: ['http://127.0.0.1:9/rss.xml'],
  run: async () => {
    throw new Error('not run in this test');
  },
};

export interface FullServer {
  base: string;
  t: TestDb;
  /** The router's own table: every route the server answers. */
  routes: Route[];
  /** Every log line, parsed (pino: level 50 is error, 60 fatal). */
  logs: { level: number; msg: string }[];
  stop(): Promise<void>;
}

export async function startFullServer(options: { rateLimits?: Partial<Record<RateFamily, number>> } = {}): Promise<FullServer> {
  const t = await createTestDb();
  const imported = await runSiaga(['import', 'areas', DELI_SERDANG], t.db);
  if (imported.code !== 0) throw new Error(`importing villages failed: ${imported.stderr}`);
  const teams = await runSiaga(['import', 'teams', TEAMS_FILE], t.db);
  if (teams.code !== 0) throw new Error(`importing teams failed: ${teams.stderr}`);
  const logs: FullServer['logs'] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logs.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const now = () => new Date();
  const hazards: HazardReviewDeps = {
    db: t.db,
    now,
    logger,
    sender: 'peringatan@siaga.test',
    approvalsRequired: 1,
    ingest: { maxBytes: 5e6, marginM: 0 },
    handOn: async () => undefined,
  };
  const deps: ServerDeps = {
    db: t.db,
    logger,
    feeds: [FEED],
    liaisonToken: LIAISON_TOKEN,
    routes: [
      ...residentRoutes({
        db: t.db,
        now,
        snapMetres: 100,
        vapidPublicKey: 'test-vapid-public-key',
        ackSecret: 'test-ack-secret',
        publicBaseUrl: 'http://siaga.test',
        pushPolicy: TEST_PUSH_POLICY,
      }),
      ...webRoutes({
        db: t.db,
        logger,
        now,
        feeds: [FEED],
        codeSecret: 'test-code-secret',
        snapMetres: 100,
        publicBaseUrl: 'http://siaga.test',
        hazards,
      }),
      ...teamRoutes({ db: t.db, now, pushPolicy: TEST_PUSH_POLICY }),
      ...teamClusterRoutes({ db: t.db, now }),
      ...hazardRoutes(hazards, LIAISON_TOKEN),
      ...capPublicationRoutes({ db: t.db, now, publicBaseUrl: 'http://siaga.test', siagaSender: 'peringatan@siaga.test' }),
    ],
    rateLimits: options.rateLimits ?? { residents: 1e6, signin: 1e6, team: 1e6, liaison: 1e6, geojson: 1e6 },
  };
  const server: http.Server = createServer(deps);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    t,
    routes: serverRoutes(deps),
    logs,
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await t.drop();
    },
  };
}

/** A concrete path for a route's pattern: each capture group filled with a value of its shape. */
export function samplePath(route: Route): string {
  return route.path.source
    .replace(/^\^|\$$/g, '')
    .replace(/\(\\d\{[^}]*\}\)/g, '1')
    .replace(/\(([a-z]+)(?:\|[a-z]+)+\)/g, '$1')
    .replace(/\(\[a-z0-9-\]\+\)/g, FEED.name)
    .replace(/\(\[a-z0-9.-\]\+\)/g, 'app.js')
    .replace(/\(\[\^\/\]\+\)/g, '1')
    .replace(/\\([./])/g, '$1');
}
