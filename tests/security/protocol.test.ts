// The smaller holes the probe found: an aborted body is the client's business (info, not error),
// JSON means application/json, a registration refuses unknown keys, and the bearer scheme is
// case-insensitive (RFC 7235).
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { engineUnderTest } from '../support/test-db.ts';
import { startFullServer, type FullServer } from './full-server.ts';

const REGISTER = { location: { lat: 3.553, lon: 98.873 }, members: 2, consent: true };

describe(`protocol details (${engineUnderTest})`, () => {
  let app: FullServer;
  beforeAll(async () => {
    app = await startFullServer();
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
  });

  const post = (type: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${app.base}/api/households`, { method: 'POST', headers: { 'content-type': type, ...headers }, body: JSON.stringify(body) });

  it('logs a client that aborts its body at info, never error', async () => {
    const { port } = new URL(app.base);
    for (let i = 0; i < 20; i++) {
      const socket = net.connect(Number(port), '127.0.0.1');
      await new Promise((r) => socket.once('connect', r));
      socket.write('POST /api/households HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"members":');
      await new Promise((r) => setImmediate(r));
      socket.destroy();
    }
    await vi.waitFor(() => expect(app.logs.filter((l) => l.msg === 'client went away during the request').length).toBe(20), {
      timeout: 10_000,
    });
    expect(app.logs.filter((l) => l.msg === 'client went away during the request').every((l) => l.level === 30)).toBe(true);
    expect(app.logs.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('takes JSON only as application/json', async () => {
    for (const type of [
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/jsonx',
      'text/plain',
      'application/json; charset=latin1',
    ]) {
      const res = await post(type, REGISTER);
      expect(res.status, type).toBe(415);
    }
    expect((await post('application/json; charset=UTF-8', REGISTER)).status).toBe(201);
  });

  it('refuses unknown keys in a registration, naming them', async () => {
    const res = await post('application/json', { ...REGISTER, memebrs: 3 });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toContain('memebrs');
    const nested = await post('application/json', { ...REGISTER, vulnerable: { elderly: 1, eldery: 1 } });
    expect(nested.status).toBe(422);
    expect(((await nested.json()) as { error: string }).error).toContain('eldery');
  });

  it('accepts the bearer scheme in any case on the residents’ API', async () => {
    const { token } = (await (await post('application/json', REGISTER)).json()) as { token: string };
    for (const scheme of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      expect((await fetch(`${app.base}/api/households/me`, { headers: { authorization: `${scheme} ${token}` } })).status, scheme).toBe(200);
    }
  });
});
