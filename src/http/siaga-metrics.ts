// The series GET /metrics exposes, in a registry of each server's own (never prom-client's global
// one, so tests can run several servers in one process). Two kinds:
//   - read from the database at each scrape (feeds, BMKG budget, delivery queue and ledger,
//     latencies, Tagana): the database is the truth every replica shares, so any replica answers
//     the same, a restart loses nothing, and a feed run by `siaga feeds run` or by a worker on
//     another host counts too. The reads are bounded (src/db/metrics-readings.ts says how).
//   - observed in this process: HTTP request durations, and prom-client's process metrics.
//
// Delivery latency is read, not observed: the rows are sent by delivery workers that may run in
// other processes (or died mid-batch and were settled by a sweep), and each row already carries
// its times. So the latencies are percentiles, computed at scrape time over the rows of the
// standing warnings, per channel: CAP `sent` → row sent, and → delivered. A process histogram would
// split across workers, empty at each restart, and miss rows settled by another process.
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/db.ts';
import { FETCH_OUTCOMES } from '../db/fetch-outcomes.ts';
import {
  budgetRequestsLastMinute,
  deliveryQueue,
  feedLastSuccess,
  feedOutcomesLastHour,
  openTaganaTasks,
  standingLatencies,
  standingLedger,
} from '../db/metrics-readings.ts';

/** The ledger's channels and states (the CHECKs of migrations/0007_deliveries.sql): zero series exist before the first row. */
const CHANNELS = ['push', 'sms'] as const;
const LEDGER_STATES = ['queued', 'sending', 'sent', 'delivered', 'acknowledged', 'failed', 'expired'] as const;
const QUANTILES = [
  ['0.5', 'p50'],
  ['0.9', 'p90'],
  ['0.99', 'p99'],
] as const;

export interface MetricsOptions {
  db: Db;
  /** Names of the feeds this installation runs. */
  feeds: readonly string[];
  /** The BMKG budget as configured, for its use to be read against. */
  budget?: { limitPerMinute: number; urgentReservePerMinute: number };
  now?: () => Date;
}

export interface SiagaMetrics {
  registry: Registry;
  /** Records one answered HTTP request. */
  observeRequest(labels: { method: string; route: string; status: number }, seconds: number): void;
  /** Reads the database and renders every series in the Prometheus text format. */
  render(): Promise<string>;
  contentType: string;
}

export function createSiagaMetrics(o: MetricsOptions): SiagaMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const now = o.now ?? (() => new Date());
  const registers = [registry];
  const gauge = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers });

  const http = new Histogram({
    name: 'siaga_http_request_duration_seconds',
    help: 'HTTP requests answered, by method, route pattern and status, and how long they took.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const feedAge = gauge(
    'siaga_feed_last_success_age_seconds',
    'Seconds since the last fetch of the feed that did not fail (absent: none ever did).',
    ['feed'],
  );
  const feedFailures = gauge('siaga_feed_consecutive_failures', 'Failed fetches of the feed since its last successful one.', ['feed']);
  const feedFetches = gauge('siaga_feed_fetches_last_hour', 'Fetches of the feed in the last hour, by outcome (backfill left out).', [
    'feed',
    'outcome',
  ]);
  const feedBytes = gauge('siaga_feed_fetched_bytes_last_hour', 'Bytes the feed fetched in the last hour.', ['feed']);
  const budgetUse = gauge(
    'siaga_bmkg_budget_requests_last_minute',
    'Requests to BMKG (retries included) by fetches that started in the last minute, read from the fetch log.',
  );
  const budgetLimit = gauge(
    'siaga_bmkg_budget_limit_per_minute',
    'Requests per minute the shared BMKG budget allows: urgent (quake, tsunami) may use all; routine leaves the reserve free.',
    ['priority'],
  );
  const queueRows = gauge('siaga_delivery_queue_rows', 'Ledger rows waiting to be sent (queued) or being sent (sending), by channel.', [
    'channel',
    'state',
  ]);
  const queueAge = gauge(
    'siaga_delivery_queue_oldest_due_age_seconds',
    'Seconds the oldest queued row that is due (quiet hours over) has waited since it became due; 0 when none waits.',
    ['channel'],
  );
  const ledgerRows = gauge('siaga_delivery_ledger_rows', 'Ledger rows of the standing warnings, by channel and state.', [
    'channel',
    'state',
  ]);
  const latency = gauge(
    'siaga_delivery_latency_seconds',
    "Seconds from the CAP message's sent time to a row's sent (stage=sent) or delivered (stage=delivered), percentiles over the standing warnings' residents' rows.",
    ['channel', 'stage', 'quantile'],
  );
  const latencyRows = gauge('siaga_delivery_latency_rows', 'Rows the latency percentiles are computed from.', ['channel', 'stage']);
  const tasksOpen = gauge('siaga_tagana_tasks_open', 'Tagana tasks open (not yet acknowledged by their team).');
  const tasksEscalated = gauge(
    'siaga_tagana_tasks_escalated',
    "Open Tagana tasks escalated: level 1 to the team's coordinator, 2 to the province-level team.",
    ['level'],
  );
  const readSeconds = gauge('siaga_metrics_read_duration_seconds', 'How long the database reads of the last scrape took.');

  async function read() {
    const at = now();
    const started = performance.now();
    const [outcomes, success, budget, queue, ledger, latencies, tasks] = await Promise.all([
      feedOutcomesLastHour(o.db, o.feeds, at),
      feedLastSuccess(o.db, o.feeds, at),
      budgetRequestsLastMinute(o.db, o.feeds, at),
      deliveryQueue(o.db, at),
      standingLedger(o.db, at),
      standingLatencies(o.db, at),
      openTaganaTasks(o.db),
    ]);
    return { outcomes, success, budget, queue, ledger, latencies, tasks, seconds: (performance.now() - started) / 1000 };
  }

  return {
    registry,
    contentType: registry.contentType,
    observeRequest: ({ method, route, status }, seconds) => http.observe({ method, route, status: String(status) }, seconds),
    async render() {
      const r = await read();
      // Set all at once after the reads, each series from zero, so a label set that went away
      // (a warning that ended) does not linger with its last value.
      for (const g of [feedAge, feedFailures, feedFetches, feedBytes, queueRows, queueAge, ledgerRows, latency, latencyRows]) g.reset();
      for (const feed of o.feeds) {
        feedBytes.set({ feed }, 0);
        for (const outcome of FETCH_OUTCOMES) feedFetches.set({ feed, outcome }, 0);
      }
      for (const c of r.outcomes) {
        feedFetches.set({ feed: c.feed, outcome: c.outcome }, c.fetches);
        feedBytes.inc({ feed: c.feed }, c.bytes);
      }
      for (const s of r.success) {
        if (s.age_s !== null) feedAge.set({ feed: s.feed }, Math.max(0, s.age_s));
        feedFailures.set({ feed: s.feed }, s.failures);
      }
      budgetUse.set(r.budget);
      if (o.budget) {
        budgetLimit.set({ priority: 'urgent' }, o.budget.limitPerMinute);
        budgetLimit.set({ priority: 'routine' }, Math.max(1, o.budget.limitPerMinute - o.budget.urgentReservePerMinute));
      }
      for (const channel of CHANNELS) {
        queueAge.set({ channel }, 0);
        for (const state of ['queued', 'sending']) queueRows.set({ channel, state }, 0);
        for (const state of LEDGER_STATES) ledgerRows.set({ channel, state }, 0);
      }
      for (const q of r.queue) {
        queueRows.set({ channel: q.channel, state: q.state }, q.rows);
        if (q.oldest_due_s !== null) queueAge.set({ channel: q.channel }, Math.max(0, q.oldest_due_s));
      }
      for (const l of r.ledger) ledgerRows.set({ channel: l.channel, state: l.state }, l.rows);
      for (const l of r.latencies) {
        latencyRows.set({ channel: l.channel, stage: l.stage }, l.rows);
        for (const [quantile, key] of QUANTILES) latency.set({ channel: l.channel, stage: l.stage, quantile }, l[key]);
      }
      tasksOpen.set(r.tasks.open);
      tasksEscalated.set({ level: '1' }, r.tasks.escalated_1);
      tasksEscalated.set({ level: '2' }, r.tasks.escalated_2);
      readSeconds.set(r.seconds);
      return registry.metrics();
    },
  };
}
