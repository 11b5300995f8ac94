// The only reader of process.env. Every problem is reported at once, and secrets have no default.
import { z } from 'zod';

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), {
      message: `must start with ${protocols.join(' or ')}`,
    });

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
  CAP_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(5 * 1024 * 1024),
  /** Outward margin added to alert polygons and circles when targeting (metres); it only grows the area. */
  TARGET_MARGIN_M: z.coerce.number().min(0).max(5000).default(0),
  /** Timeout for one HTTP fetch of a document (milliseconds). */
  HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  /** Some BMKG hosts answer 403 to clients without a User-Agent; say who we are. */
  HTTP_USER_AGENT: z.string().trim().min(1).default('Siaga/0.1 (Indonesian early-warning pipeline; +https://github.com/siaga)'),
});

export type Config = {
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  port: number;
  host: string;
  villageSnapMetres: number;
  capMaxBytes: number;
  targetMarginMetres: number;
  httpTimeoutMs: number;
  httpUserAgent: string;
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
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    dataDir: e.SIAGA_DATA_DIR,
    logLevel: e.LOG_LEVEL,
    port: e.PORT,
    host: e.HOST,
    villageSnapMetres: e.VILLAGE_SNAP_M,
    capMaxBytes: e.CAP_MAX_BYTES,
    targetMarginMetres: e.TARGET_MARGIN_M,
    httpTimeoutMs: e.HTTP_TIMEOUT_MS,
    httpUserAgent: e.HTTP_USER_AGENT,
  };
}

/** A connection string safe to print: the password never reaches a screen or a log. */
export function describeDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): string {
  if (!config.databaseUrl) return `embedded PostgreSQL in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  if (url.password) url.password = '***';
  return `PostgreSQL ${url.toString()}`;
}
