// The only reader of process.env. Every problem is reported at once, and secrets have no default.
import {
  DEFAULT_ESCALATION_POLICY,
  DEFAULT_ESCALATION_TEXT,
  parseEscalationText,
  type EscalationPolicy,
} from './policy/escalation-policy.ts';
import cron from 'node-cron';
import { z } from 'zod';
import { DEFAULT_PUSH_HOSTS, type PushEndpointPolicy } from './policy/push-endpoint-policy.ts';
import { parseQuietHours, type QuietHours } from './policy/quiet-hours.ts';
import { parseRasterProducts, type RasterProduct } from './policy/raster-product.ts';

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), {
      message: `must start with ${protocols.join(' or ')}`,
    });

const urlList = (fallback: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((u) => u.trim())
            .filter(Boolean)
        : fallback,
    )
    .refine((urls) => urls.every((u) => /^https?:\/\/[^\s]+$/.test(u)), { message: 'must be a comma-separated list of http(s) URLs' });

const optionalText = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v));

const schedule = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((v) => cron.validate(v), { message: 'must be a cron expression such as "*/5 * * * *"' });

const envSchema = z.object({
  DATABASE_URL: optionalUrl(['postgres://', 'postgresql://']),
  REDIS_URL: optionalUrl(['redis://', 'rediss://']),
  SIAGA_DATA_DIR: z.string().trim().min(1).default('./.siaga'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** Households farther than this from every village polygon are rejected at import (metres). */
  VILLAGE_SNAP_M: z.coerce.number().min(0).max(1000).default(100),
  /** Largest CAP document accepted, in bytes; bigger ones are refused before parsing. */
  CAP_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  /** Outward margin added to alert polygons and circles when targeting (metres); it only grows the area. */
  TARGET_MARGIN_M: z.coerce.number().min(0).max(5000).default(0),
  /** Timeout for one HTTP fetch of a document (milliseconds). */
  HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  /** Some BMKG hosts answer 403 to clients without a User-Agent; say who we are. */
  HTTP_USER_AGENT: z.string().trim().min(1).default('Siaga/0.1 (Indonesian early-warning pipeline; +https://github.com/siaga)'),
  BMKG_NOWCAST_URLS: urlList(['https://www.bmkg.go.id/alerts/nowcast/id/rss.xml', 'https://www.bmkg.go.id/alerts/nowcast/en/rss.xml']),
  BMKG_NOWCAST_SCHEDULE: schedule('* * * * *'),
  BMKG_FORECAST_URL: z
    .string()
    .trim()
    .default('https://api.bmkg.go.id/publik/prakiraan-cuaca?adm4={code}')
    .refine((v) => /^https?:\/\/\S+$/.test(v) && v.includes('{code}'), { message: 'must be an http(s) URL containing {code}' }),
  BMKG_FORECAST_SCHEDULE: schedule('7 */3 * * *'),
  /** Villages fetched per forecast run: the rest wait for the next run (most households first). */
  BMKG_FORECAST_VILLAGES_PER_RUN: z.coerce.number().int().min(1).max(10_000).default(40),
  BMKG_QUAKE_URLS: urlList([
    'https://data.bmkg.go.id/DataMKG/TEWS/autogempa.json',
    'https://data.bmkg.go.id/DataMKG/TEWS/gempaterkini.json',
    'https://data.bmkg.go.id/DataMKG/TEWS/gempadirasakan.json',
    'https://bmkg-content-inatews.storage.googleapis.com/datagempa.json',
  ]),
  // Six fields: seconds first. A tsunami bulletin is polled within 10 s of BMKG publishing it.
  BMKG_QUAKE_SCHEDULE: schedule('*/10 * * * * *'),
  /** BMKG allows 60 requests per minute per IP across all its hosts; shared through Redis when set. */
  BMKG_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(60).default(60),
  /** Requests of that minute that routine feeds leave free for quake and tsunami polls. */
  BMKG_URGENT_RESERVE_PER_MINUTE: z.coerce.number().int().min(0).max(59).default(10),
  FEED_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  FEED_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  PAYLOAD_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** The `sender` of CAP messages Siaga issues itself (hazards derived from quake and forecast data). */
  SIAGA_SENDER: z.string().trim().min(3).default('peringatan@siaga.local'),
  /** PEM files of the RSA key and certificate that sign the CAP Siaga issues; both or neither. */
  SIAGA_CAP_SIGNING_KEY_FILE: optionalText(),
  SIAGA_CAP_SIGNING_CERT_FILE: optionalText(),
  /** Bearer token for the liaison API (GET /api/feeds…). A secret: no default; unset, the API refuses everyone. */
  LIAISON_TOKEN: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || v.length >= 24, { message: 'must be at least 24 characters' }),
  /** Bearer token of GET /metrics (Prometheus). A secret: no default; unset, /metrics does not exist (404). */
  METRICS_TOKEN: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || v.length >= 24, { message: 'must be at least 24 characters' }),
  /** Siaga's public address, for links in push and SMS messages. */
  PUBLIC_BASE_URL: z
    .string()
    .trim()
    .default('http://127.0.0.1:8080')
    .refine((v) => /^https?:\/\/[^\s/]+/.test(v), { message: 'must be an http(s) URL' }),
  /** VAPID keys (base64url, as `web-push generate-vapid-keys` prints them); unset: generated once and stored. */
  VAPID_PUBLIC_KEY: optionalText(),
  VAPID_PRIVATE_KEY: optionalText(),
  VAPID_SUBJECT: z
    .string()
    .trim()
    .default('mailto:peringatan@siaga.local')
    .refine((v) => /^(mailto:|https:)/.test(v), { message: 'must start with mailto: or https:' }),
  /** Push services Siaga sends to: comma-separated host names, `*.example.com` for subdomains, or `*` for any public https host. */
  PUSH_ALLOWED_HOSTS: z
    .string()
    .trim()
    .optional()
    .transform((v) =>
      v
        ? v === '*'
          ? ('any' as const)
          : v
              .split(',')
              .map((h) => h.trim().toLowerCase())
              .filter(Boolean)
        : [...DEFAULT_PUSH_HOSTS],
    )
    .refine((v) => v === 'any' || (v.length > 0 && v.every((h) => /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(h))), {
      message: 'must be `*` or comma-separated host names such as fcm.googleapis.com or *.push.apple.com',
    }),
  /** Tests only: lets push go over http to loopback addresses (the tests' local push service). Off unless exactly `true`. */
  PUSH_ALLOW_LOOPBACK_FOR_TESTS: z.enum(['true', 'false']).default('false'),
  /** `smpp://system_id:password@host:2775` or an http(s) URL of a JSON SMS gateway; unset: no SMS. */
  SMS_GATEWAY_URL: optionalUrl(['smpp://', 'http://', 'https://']),
  /** Bearer token of the HTTP SMS gateway (and of its receipt webhook). */
  SMS_GATEWAY_TOKEN: optionalText(),
  SMS_SOURCE_ADDR: z.string().trim().min(1).max(20).default('SIAGA'),
  SMS_SEGMENTS_PER_SECOND: z.coerce.number().min(0.1).max(10_000).default(50),
  /** Push not confirmed by the device (or failed) within this many seconds: SMS to households with a phone. */
  SMS_FALLBACK_AFTER_S: z.coerce.number().int().min(0).max(86_400).default(300),
  /** An SMS whose send went unanswered and whose receipt never came is sent again after this long (0: never). */
  SMS_UNCONFIRMED_RESEND_S: z.coerce.number().int().min(0).max(86_400).default(120),
  /**
   * A push whose send went unanswered (or whose worker died mid-request) and that the device never
   * reported shown is sent again after this long (0: never). Longer than the service worker's own
   * retries of that report (about 30 s), so a device that had it is not sent a copy.
   */
  PUSH_UNCONFIRMED_RESEND_S: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Low-urgency advisories wait out these local hours (`21:00-06:00`; `off` for none). */
  QUIET_HOURS: z.string().trim().default('21:00-06:00'),
  DELIVERY_CHUNK_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
  DELIVERY_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
  /** A claimed row whose worker went quiet this long is settled: queued again if its request never started, else sent with outcome unknown. */
  DELIVERY_LEASE_S: z.coerce.number().int().min(1).max(3600).default(45),
  DELIVERY_SWEEP_S: z.coerce.number().int().min(1).max(3600).default(10),
  /** Queued rows whose channel has claimed nothing this long are dispatched again (their jobs were lost with Redis or gave up). */
  DELIVERY_REDISPATCH_IDLE_S: z.coerce.number().int().min(1).max(3600).default(20),
  /** Key prefix of Siaga's BullMQ queues in Redis (several installations, or test runs, can share one Redis). */
  QUEUE_PREFIX: z
    .string()
    .trim()
    .regex(/^[a-z0-9_-]{1,40}$/i, 'letters, digits, - and _ only')
    .default('siaga'),
  /** Tagana tasks unacknowledged this long are escalated: `minPriority:seconds` tiers (see src/tagana/escalation-policy.ts). */
  TAGANA_ESCALATION: z.string().trim().default(DEFAULT_ESCALATION_TEXT),
  /** A vulnerable household inside a task's village with no delivered/acknowledged warning this long after the task opened gets a door knock. */
  TAGANA_DOOR_KNOCK_AFTER_S: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .default(1800),
  /** Requests per minute per client address on the residents' API. */
  RESIDENT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
  /** CAP documents per minute per sender token on POST /api/cap (other authorities' intake). */
  CAP_INTAKE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
  /** Raster products turned into hazard candidates: a JSON array (see src/hazards/raster-product.ts); unset: none. */
  RASTER_PRODUCTS: z.string().optional(),
  /** Approvals a hazard candidate needs before it is sent: 1, or 2 for four-eyes (two different people, never its drafter). */
  HAZARD_APPROVALS_REQUIRED: z.coerce.number().int().min(1).max(2).default(1),
  /** On PostgreSQL too, load the bundled sample when the registry holds no village (the embedded engine always does). */
  LOAD_SAMPLE_IF_EMPTY: z.enum(['true', 'false']).default('false'),
});

export type Config = {
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  port: number;
  host: string;
  villageSnapMetres: number;
  /** Load the bundled sample into an empty registry at start, whatever the engine. */
  loadSampleIfEmpty: boolean;
  capMaxBytes: number;
  /** CAP documents per minute per sender token on POST /api/cap. */
  capIntakePerMinute: number;
  targetMarginMetres: number;
  httpTimeoutMs: number;
  httpUserAgent: string;
  feeds: {
    nowcastUrls: string[];
    nowcastSchedule: string;
    forecastUrl: string;
    forecastSchedule: string;
    forecastVillagesPerRun: number;
    quakeUrls: string[];
    quakeSchedule: string;
    rateLimitPerMinute: number;
    /** Of those, how many routine feeds leave free for urgent (quake, tsunami) polls. */
    urgentReservePerMinute: number;
    retries: number;
    maxBytes: number;
    payloadRetentionDays: number;
  };
  siagaSender: string;
  /** Where the key and certificate that sign Siaga's own CAP are; absent: unsigned. */
  capSigning: { keyFile: string; certFile: string } | undefined;
  liaisonToken: string | undefined;
  metricsToken: string | undefined;
  publicBaseUrl: string;
  queuePrefix: string;
  delivery: {
    vapid: { publicKey: string; privateKey: string } | undefined;
    vapidSubject: string;
    pushPolicy: PushEndpointPolicy;
    smsGatewayUrl: string | undefined;
    smsGatewayToken: string | undefined;
    smsSourceAddr: string;
    smsSegmentsPerSecond: number;
    smsFallbackSeconds: number;
    smsUnconfirmedResendSeconds: number;
    pushUnconfirmedResendSeconds: number;
    quietHours: QuietHours | undefined;
    chunkSize: number;
    batchSize: number;
    leaseSeconds: number;
    sweepSeconds: number;
    redispatchIdleSeconds: number;
    residentRateLimitPerMinute: number;
  };
  tagana: {
    escalation: EscalationPolicy;
    doorKnockAfterSeconds: number;
  };
  hazards: {
    products: RasterProduct[];
    approvalsRequired: number;
  };
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const quiet = parseQuietHours(e.QUIET_HOURS);
  if (quiet && 'error' in quiet) problems.push(`QUIET_HOURS: ${quiet.error}`);
  if ((e.VAPID_PUBLIC_KEY === undefined) !== (e.VAPID_PRIVATE_KEY === undefined))
    problems.push('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY: set both or neither');
  if ((e.SIAGA_CAP_SIGNING_KEY_FILE === undefined) !== (e.SIAGA_CAP_SIGNING_CERT_FILE === undefined))
    problems.push('SIAGA_CAP_SIGNING_KEY_FILE and SIAGA_CAP_SIGNING_CERT_FILE: set both or neither');
  if (e.SMS_GATEWAY_URL?.startsWith('http') && !e.SMS_GATEWAY_TOKEN) problems.push('SMS_GATEWAY_TOKEN: required with an HTTP SMS gateway');
  const escalation = parseEscalationText(e.TAGANA_ESCALATION);
  if ('error' in escalation) problems.push(`TAGANA_ESCALATION: ${escalation.error}`);
  const rasters = parseRasterProducts(e.RASTER_PRODUCTS);
  if ('problems' in rasters) problems.push(...rasters.problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    dataDir: e.SIAGA_DATA_DIR,
    logLevel: e.LOG_LEVEL,
    port: e.PORT,
    host: e.HOST,
    villageSnapMetres: e.VILLAGE_SNAP_M,
    loadSampleIfEmpty: e.LOAD_SAMPLE_IF_EMPTY === 'true',
    capMaxBytes: e.CAP_MAX_BYTES,
    capIntakePerMinute: e.CAP_INTAKE_RATE_LIMIT_PER_MINUTE,
    targetMarginMetres: e.TARGET_MARGIN_M,
    httpTimeoutMs: e.HTTP_TIMEOUT_MS,
    httpUserAgent: e.HTTP_USER_AGENT,
    feeds: {
      nowcastUrls: e.BMKG_NOWCAST_URLS,
      nowcastSchedule: e.BMKG_NOWCAST_SCHEDULE,
      forecastUrl: e.BMKG_FORECAST_URL,
      forecastSchedule: e.BMKG_FORECAST_SCHEDULE,
      forecastVillagesPerRun: e.BMKG_FORECAST_VILLAGES_PER_RUN,
      quakeUrls: e.BMKG_QUAKE_URLS,
      quakeSchedule: e.BMKG_QUAKE_SCHEDULE,
      rateLimitPerMinute: e.BMKG_RATE_LIMIT_PER_MINUTE,
      urgentReservePerMinute: e.BMKG_URGENT_RESERVE_PER_MINUTE,
      retries: e.FEED_RETRIES,
      maxBytes: e.FEED_MAX_BYTES,
      payloadRetentionDays: e.PAYLOAD_RETENTION_DAYS,
    },
    siagaSender: e.SIAGA_SENDER,
    capSigning:
      e.SIAGA_CAP_SIGNING_KEY_FILE && e.SIAGA_CAP_SIGNING_CERT_FILE
        ? { keyFile: e.SIAGA_CAP_SIGNING_KEY_FILE, certFile: e.SIAGA_CAP_SIGNING_CERT_FILE }
        : undefined,
    liaisonToken: e.LIAISON_TOKEN,
    metricsToken: e.METRICS_TOKEN,
    publicBaseUrl: e.PUBLIC_BASE_URL,
    queuePrefix: e.QUEUE_PREFIX,
    delivery: {
      vapid: e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY } : undefined,
      vapidSubject: e.VAPID_SUBJECT,
      pushPolicy: { allowedHosts: e.PUSH_ALLOWED_HOSTS, allowLoopback: e.PUSH_ALLOW_LOOPBACK_FOR_TESTS === 'true' },
      smsGatewayUrl: e.SMS_GATEWAY_URL,
      smsGatewayToken: e.SMS_GATEWAY_TOKEN,
      smsSourceAddr: e.SMS_SOURCE_ADDR,
      smsSegmentsPerSecond: e.SMS_SEGMENTS_PER_SECOND,
      smsFallbackSeconds: e.SMS_FALLBACK_AFTER_S,
      smsUnconfirmedResendSeconds: e.SMS_UNCONFIRMED_RESEND_S,
      pushUnconfirmedResendSeconds: e.PUSH_UNCONFIRMED_RESEND_S,
      quietHours: quiet && !('error' in quiet) ? quiet : undefined,
      chunkSize: e.DELIVERY_CHUNK_SIZE,
      batchSize: e.DELIVERY_BATCH_SIZE,
      leaseSeconds: e.DELIVERY_LEASE_S,
      sweepSeconds: e.DELIVERY_SWEEP_S,
      redispatchIdleSeconds: e.DELIVERY_REDISPATCH_IDLE_S,
      residentRateLimitPerMinute: e.RESIDENT_RATE_LIMIT_PER_MINUTE,
    },
    tagana: {
      escalation: 'error' in escalation ? DEFAULT_ESCALATION_POLICY : escalation,
      doorKnockAfterSeconds: e.TAGANA_DOOR_KNOCK_AFTER_S,
    },
    hazards: {
      products: 'products' in rasters ? rasters.products : [],
      approvalsRequired: e.HAZARD_APPROVALS_REQUIRED,
    },
  };
}

/** A connection string safe to print: the password never reaches a screen or a log. */
export function describeDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  if (!config.databaseUrl) return `embedded PostgreSQL in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  if (url.password) url.password = '***';
  return `PostgreSQL ${url.toString()}`;
}
