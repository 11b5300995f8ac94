// The HTTP face of Siaga. For now: health and registry counts; the resident, Tagana and liaison
// APIs and pages are added by their issues.
import http from 'node:http';
import type { Db } from '../db/db.ts';
import type { Logger } from '../logger.ts';
import { registryStats } from '../db/stats.ts';

export interface ServerDeps {
  db: Db;
  logger: Logger;
}

type Handler = (req: http.IncomingMessage) => Promise<{ status: number; body: unknown }>;

export function createServer(deps: ServerDeps): http.Server {
  const routes: Record<string, Handler> = {
    'GET /healthz': async () => {
      await deps.db.query('SELECT 1');
      return { status: 200, body: { ok: true, engine: deps.db.engine } };
    },
    'GET /api/stats': async () => ({ status: 200, body: await registryStats(deps.db) }),
  };
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handler = routes[`${req.method} ${url.pathname}`];
    const send = (status: number, body: unknown) => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      res.end(JSON.stringify(body));
    };
    if (!handler) return send(404, { error: `no route ${req.method} ${url.pathname}` });
    handler(req).then(
      (r) => send(r.status, r.body),
      (err: unknown) => {
        deps.logger.error({ err, path: url.pathname }, 'request failed');
        send(500, { error: 'internal error' });
      },
    );
  });
}
