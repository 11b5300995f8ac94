import { pino, type Logger } from 'pino';

export type { Logger };

/** Logs go to stderr so that a command's stdout stays machine-readable (`--json`). */
export function createLogger(level: string, name = 'siaga'): Logger {
  return pino(
    {
      name,
      level,
      redact: {
        paths: [
          '*.password',
          '*.databaseUrl',
          '*.redisUrl',
          '*.token',
          '*.phone',
          'config.*Url',
          'headers.authorization',
          '*.liaisonToken',
          '*.vapidPrivateKey',
        ],
        censor: '[redacted]',
      },
    },
    pino.destination(2),
  );
}
