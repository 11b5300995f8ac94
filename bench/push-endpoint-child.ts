// An accept-only Web Push endpoint for the web-push row, run in a process of its own so that its
// work does not land on the sender's core. It keeps the RFC 8030 shape a push service checks before
// accepting (POST to a subscription URL, a VAPID Authorization, a TTL, an aes128gcm body) and answers
// 201 Created with a Location, as push services do; it does not decrypt (tests/support/
// local-push-service.ts does that, and proves the encryption; here only throughput is asked).
// HTTPS, because web-push's sendNotification speaks nothing else; HTTP/2 and HTTP/1.1 by ALPN, as
// the big push services do, counting the messages accepted over each. Argv: key.pem cert.pem.
import { readFileSync } from 'node:fs';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';

const [keyFile, certFile] = process.argv.slice(2);
if (!keyFile || !certFile) throw new Error('usage: push-endpoint-child.ts KEY.pem CERT.pem');
let accepted = 0;
let refused = 0;
const acceptedOver: Record<string, number> = {};

const server = http2.createSecureServer({ key: readFileSync(keyFile), cert: readFileSync(certFile), allowHTTP1: true }, (req, res) => {
  let bytes = 0;
  req.on('data', (c: Buffer) => (bytes += c.length));
  req.on('end', () => {
    const ok =
      req.method === 'POST' &&
      /^\/push\/[A-Za-z0-9_-]+$/.test(req.url ?? '') &&
      /^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/.test(req.headers.authorization ?? '') &&
      req.headers['content-encoding'] === 'aes128gcm' &&
      /^\d+$/.test(String(req.headers.ttl ?? '')) &&
      bytes > 0;
    if (!ok) {
      refused += 1;
      res.writeHead(400, { 'content-type': 'text/plain' }).end('not a Web Push request');
      return;
    }
    accepted += 1;
    acceptedOver[req.httpVersion] = (acceptedOver[req.httpVersion] ?? 0) + 1;
    res.writeHead(201, { location: `/message/${accepted}` }).end();
  });
});

server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('message', (m: { ask?: 'counts' }) => {
  if (m.ask === 'counts') process.send?.({ accepted, refused, acceptedOver });
});
process.on('disconnect', () => server.close(() => process.exit(0)));
