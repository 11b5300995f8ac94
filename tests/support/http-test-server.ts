// A local HTTP server on 127.0.0.1 (port 0) standing in for BMKG's web hosts: each test file gives
// its routes, every request is recorded so tests can check what Siaga sent, and close() cuts
// connections still open (a deliberately slow route must not hold the test run).
import { createServer, type IncomingHttpHeaders, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestServer {
  url(path: string): string;
  /** Every request in arrival order; `at` is performance.now() when it arrived. */
  requests: { path: string; headers: IncomingHttpHeaders; at: number }[];
  close(): Promise<void>;
}

export async function startTestServer(routes: Record<string, RequestListener>): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers, at: performance.now() });
    const route = routes[path];
    if (route) return route(req, res);
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such document');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** What a streaming route managed to send before the client hung up (or finished reading). */
export interface StreamTally {
  sent: number;
  completed: boolean;
  /** The response is over: sent in full, or the connection closed under it (the client hung up). */
  closed: boolean;
}

/**
 * A route sending `total` bytes in 64 KiB chunks, honouring backpressure, so that `sent` stays near
 * what the client actually read: a client that aborts early leaves `completed` false.
 */
export function streamBytes(total: number, tally: StreamTally, headers: Record<string, string> = {}): RequestListener {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  return (_req, res: ServerResponse) => {
    res.once('close', () => (tally.closed = true));
    res.writeHead(200, { 'Content-Type': 'application/xml', 'Content-Length': String(total), ...headers });
    const pump = () => {
      while (tally.sent < total && !res.destroyed) {
        const part = chunk.subarray(0, Math.min(chunk.length, total - tally.sent));
        tally.sent += part.length;
        if (!res.write(part)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end(() => (tally.completed = true));
    };
    pump();
  };
}

/** A route answering each request with the next of `routes`; the last one answers all later requests. */
export function inTurn(...routes: RequestListener[]): RequestListener {
  let next = 0;
  return (req, res) => {
    const route = routes[Math.min(next, routes.length - 1)];
    next += 1;
    if (!route) throw new Error('inTurn needs at least one route');
    return route(req, res);
  };
}
