// Composition root: config → database (→ sample data on a fresh embedded install) → Redis when
// configured → delivery runtime → feed scheduler and workers (handing new warnings to delivery) →
// HTTP server (residents' API included). `--once` starts, reports and exits.
import { once } from 'node:events';
import { describeDatabase, loadConfig, ConfigError } from './config.ts';
import { createLogger } from './logger.ts';
import { openDb } from './db/open-db.ts';
import { migrate } from './db/migrate.ts';
import { countVillages } from './db/admin-areas.ts';
import { registryStats } from './db/stats.ts';
import { loadSampleData, SAMPLE_HOUSEHOLDS } from './import/sample-data.ts';
import { createServer } from './http/server.ts';
import { openRedis } from './adapters/open-redis.ts';
import { startFeedRuntime } from './feeds/start-feed-runtime.ts';
import { configuredFeeds } from '../jobs/configured-feeds.ts';
import { handOnTo, openDeliveryRuntime } from './delivery/start-delivery-runtime.ts';
import { residentRoutes } from './http/resident-routes.ts';
import { smsInboundRoutes } from './http/sms-inbound-routes.ts';
import { smsReceiptRoutes } from './http/sms-receipt-routes.ts';
import { webRoutes } from './http/web-routes.ts';
import { teamClusterRoutes } from './http/team-cluster-routes.ts';
import { teamRoutes } from './http/team-routes.ts';
import { coverageRoutes } from './http/coverage-routes.ts';
import { hazardRoutes } from './http/hazard-routes.ts';
import { capIntakeRoutes } from './http/cap-intake-routes.ts';
import { capPublicationRoutes } from './http/cap-publication-routes.ts';
import { createHazardReviewDeps } from './hazards/hazard-review-deps.ts';

async function main(argv: string[]): Promise<void> {
  const runOnce = argv.includes('--once');
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const say = (text: string) => process.stderr.write(`${text}\n`);

  say(`Siaga starting on ${describeDatabase(config)}`);
  const db = await openDb(config, say, logger.child({ part: 'db' }));
  const applied = await migrate(db);
  if (applied.length) say(`applied migrations: ${applied.join(', ')}`);

  if ((db.engine === 'pglite' || config.loadSampleIfEmpty) && (await countVillages(db)) === 0) {
    say(
      `empty registry: loading the bundled sample (Deli Serdang villages, Tagana teams, ${SAMPLE_HOUSEHOLDS.toLocaleString('en')} synthetic households)…`,
    );
    const sample = await loadSampleData(db, SAMPLE_HOUSEHOLDS, config.villageSnapMetres);
    say(`  loaded ${sample.villages} villages, ${sample.teams} teams, ${sample.households} households`);
  }

  const stats = await registryStats(db);
  say(
    `registry: ${stats.areas.village} villages, ${stats.households.total} households ` +
      `(${stats.households.vulnerable_households} with vulnerable members), ${stats.teams.teams} Tagana teams`,
  );

  if (runOnce) {
    await db.close();
    return;
  }

  const redis = config.redisUrl ? openRedis(config.redisUrl, logger) : undefined;
  const delivery = await openDeliveryRuntime(config, db, logger, redis, true);
  const feeds = startFeedRuntime({
    config,
    db,
    logger,
    redis,
    jobs: configuredFeeds(config),
    scheduler: true,
    worker: true,
    prefix: config.queuePrefix,
    handOn: handOnTo(delivery),
  });
  const hazards = createHazardReviewDeps(config, db, logger.child({ part: 'hazards' }), handOnTo(delivery));
  const routes = [
    ...residentRoutes({
      db,
      now: () => new Date(),
      snapMetres: config.villageSnapMetres,
      vapidPublicKey: delivery.deps.vapidPublicKey,
      ackSecret: delivery.deps.secrets.ack,
      publicBaseUrl: config.publicBaseUrl,
      pushPolicy: config.delivery.pushPolicy,
    }),
    ...smsReceiptRoutes(delivery.deps.sms, config.delivery.smsGatewayToken),
    ...smsInboundRoutes(delivery.deps.sms, config.delivery.smsGatewayToken),
    ...webRoutes({
      db,
      logger,
      now: () => new Date(),
      feeds: feeds.jobs,
      codeSecret: delivery.deps.secrets.code,
      snapMetres: config.villageSnapMetres,
      publicBaseUrl: config.publicBaseUrl,
      hazards,
    }),
    ...teamRoutes({ db, now: () => new Date(), pushPolicy: config.delivery.pushPolicy }),
    ...teamClusterRoutes({ db, now: () => new Date() }),
    ...hazardRoutes(hazards, config.liaisonToken),
    ...capIntakeRoutes({
      db,
      logger: logger.child({ part: 'cap-intake' }),
      now: () => new Date(),
      maxBytes: config.capMaxBytes,
      marginM: config.targetMarginMetres,
      perMinute: config.capIntakePerMinute,
      handOn: handOnTo(delivery),
    }),
    ...coverageRoutes({ db, now: () => new Date() }),
    ...capPublicationRoutes({ db, now: () => new Date(), publicBaseUrl: config.publicBaseUrl, siagaSender: config.siagaSender }),
  ];
  const server = createServer({
    db,
    logger,
    feeds: feeds.jobs,
    liaisonToken: config.liaisonToken,
    routes,
    clientRateLimitPerMinute: config.delivery.residentRateLimitPerMinute,
    metricsToken: config.metricsToken,
    redis,
    budget: { limitPerMinute: config.feeds.rateLimitPerMinute, urgentReservePerMinute: config.feeds.urgentReservePerMinute },
  });
  server.listen(config.port, config.host);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  say(`\nSiaga is running. Look at:`);
  say(`  http://${config.host}:${port}/            web pages: residents; staff sign in at /signin`);
  say(`  http://${config.host}:${port}/api/stats   registry counts (JSON)`);
  say(`  http://${config.host}:${port}/healthz     health; /readyz readiness (database, Redis, migrations)`);
  say(`  http://${config.host}:${port}/cap/feed.atom   CAP Siaga issues; /cap/standing.atom every standing warning`);
  say(
    config.metricsToken
      ? `  http://${config.host}:${port}/metrics     Prometheus metrics (Bearer METRICS_TOKEN)`
      : `  /metrics is off until METRICS_TOKEN is set`,
  );
  say(`  http://${config.host}:${port}/api/households   residents' API (POST to register; see README, Delivery)`);
  say(
    `  deliveries: push ${delivery.deps.push ? 'on' : 'off'}, SMS ${delivery.deps.sms ? `via ${delivery.deps.sms.name}` : 'off until SMS_GATEWAY_URL is set'} — \`npx siaga deliveries ALERT\``,
  );
  say(`  http://${config.host}:${port}/api/cap   CAP intake from other authorities (Bearer token from \`npx siaga senders add\`)`);
  say(`  http://${config.host}:${port}/api/team/tasks   Tagana team API (Bearer token from \`npx siaga tasks token TEAM\`)`);
  say(`  feeds: ${feeds.jobs.map((j) => `${j.name} (${j.schedule})`).join(', ')} — \`npx siaga feeds status\`, \`npx siaga feeds log\``);
  if (!config.liaisonToken) say(`  liaison API (/api/feeds, /api/hazards/candidates, /api/coverage) is off until LIAISON_TOKEN is set`);
  say(`  data folder: ${db.engine === 'pglite' ? config.dataDir : '(PostgreSQL)'}; stop with Ctrl-C, then try \`npx siaga stats\``);

  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    server.close();
    await feeds.stop();
    await delivery.stop();
    redis?.disconnect();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(
    err instanceof ConfigError ? `${err.message}\n` : `siaga failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
