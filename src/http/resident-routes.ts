// The residents' API (JSON, validated, rate-limited per client):
//   POST   /api/households                              register; answers the private management token once
//   GET    /api/households/me                           see my data (Authorization: Bearer <token>)
//   PATCH  /api/households/me                           change my data (any of members, vulnerable, vulnerable_people, language, phone, location)
//   DELETE /api/households/me                           delete my data
//   POST   /api/households/me/push-subscriptions        add a web-push subscription
//   DELETE /api/households/me/push-subscriptions        remove one (by endpoint)
//   POST   /api/households/me/acknowledgements          answer a warning (alertId, response)
//   GET    /api/push/vapid-public-key                   the key a browser subscribes with
//   POST   /api/deliveries/:id/received                 the service worker showed it (ack token from the payload)
//   POST   /api/deliveries/:id/ack                      the resident answered from the notification (ack token)
// A management token only ever reaches its own household: every /me route resolves the token to
// one household id and touches nothing else.
import type http from 'node:http';
import { z } from 'zod';
import { acknowledgeDelivery, householdDeliveriesOf } from '../db/acknowledgements.ts';
import type { Db } from '../db/db.ts';
import { ENDPOINT_TAKEN, removeSubscription, upsertSubscription } from '../db/push-subscriptions.ts';
import { deleteResidentData, householdForToken, residentView } from '../db/resident-households.ts';
import { checkAckToken } from '../delivery/ack-token.ts';
import { endpointRefusal, type PushEndpointPolicy } from '../policy/push-endpoint-policy.ts';
import { readJsonBody } from './read-json-body.ts';
import { bearerToken, sha256Hex } from '../secret-token.ts';
import { createDeliveredReports } from './delivered-reports.ts';
import { refuseRegistration, RegisterBody, registerHousehold, UpdateBody, updateHousehold } from './register-household.ts';
import { HttpError, type Route } from './route.ts';

export interface ResidentRouteDeps {
  db: Db;
  now: () => Date;
  snapMetres: number;
  vapidPublicKey: string;
  ackSecret: string;
  publicBaseUrl: string;
  /** Which push endpoints may be registered (PUSH_ALLOWED_HOSTS). */
  pushPolicy: PushEndpointPolicy;
}

/** Refuses (422) an endpoint Siaga will not send to: not https, not a push service, not a public address. */
export function checkPushEndpoint(endpoint: string, policy: PushEndpointPolicy): void {
  const refusal = endpointRefusal(endpoint, policy);
  if (refusal) throw new HttpError(422, `endpoint: ${refusal}`);
}

export const SubscriptionBody = z.object({
  endpoint: z
    .string()
    .url()
    .max(2048)
    .refine((u) => u.startsWith('https://') || u.startsWith('http://'), 'must be an http(s) URL'),
  keys: z.object({
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}={0,2}$/, 'must be a base64url P-256 public key'),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,24}={0,2}$/, 'must be a base64url 16-byte secret'),
  }),
});
const EndpointBody = z.object({ endpoint: z.string().min(1).max(2048) });
const Response = z.enum(['received', 'safe', 'need_help']);
const AckBody = z.object({ token: z.string().min(10).max(64), response: Response });
const ReceivedBody = z.object({ token: z.string().min(10).max(64) });
const HouseholdAckBody = z.object({
  alertId: z.union([z.string().regex(/^\d+$/), z.number().int().positive()]).transform(String),
  response: Response,
});

export function residentRoutes(deps: ResidentRouteDeps): Route[] {
  const deliveredReports = createDeliveredReports(deps.db, deps.now);
  const me = async (req: http.IncomingMessage): Promise<string> => {
    const token = bearerToken(req.headers.authorization);
    if (!token) throw new HttpError(401, 'send your management token as "Authorization: Bearer <token>"', { 'www-authenticate': 'Bearer' });
    const id = await householdForToken(deps.db, sha256Hex(token));
    if (!id)
      throw new HttpError(401, 'this management token does not belong to any household', {
        'www-authenticate': 'Bearer error="invalid_token"',
      });
    return id;
  };
  const checkedDelivery = (params: string[], token: string) => {
    const id = params[0] ?? '';
    if (!checkAckToken(deps.ackSecret, id, token)) throw new HttpError(403, 'the token does not match this delivery');
    return id;
  };
  return [
    {
      method: 'POST',
      path: /^\/api\/households$/,
      rateLimited: true,
      handler: async (req) => {
        const registered = await registerHousehold(deps, await readJsonBody(req, RegisterBody, undefined, refuseRegistration));
        return {
          status: 201,
          body: { ...registered, note: 'Keep this token private: it is shown once and is the only key to your data.' },
        };
      },
    },
    {
      method: 'GET',
      path: /^\/api\/households\/me$/,
      rateLimited: true,
      handler: async (req) => {
        const view = await residentView(deps.db, await me(req));
        return view ? { status: 200, body: view } : { status: 404, body: { error: 'your household has no data any more' } };
      },
    },
    {
      method: 'PATCH',
      path: /^\/api\/households\/me$/,
      rateLimited: true,
      handler: async (req) => {
        const id = await me(req);
        const { changed, adjusted } = await updateHousehold(deps, id, await readJsonBody(req, UpdateBody, undefined, refuseRegistration));
        return { status: 200, body: { changed, adjusted, household: await residentView(deps.db, id) } };
      },
    },
    {
      method: 'DELETE',
      path: /^\/api\/households\/me$/,
      rateLimited: true,
      handler: async (req) => {
        const id = await me(req);
        await deps.db.transaction((tx) => deleteResidentData(tx, id));
        return { status: 204, body: null };
      },
    },
    {
      method: 'POST',
      path: /^\/api\/households\/me\/push-subscriptions$/,
      rateLimited: true,
      handler: async (req) => {
        const id = await me(req);
        const body = await readJsonBody(req, SubscriptionBody);
        checkPushEndpoint(body.endpoint, deps.pushPolicy);
        const added = await upsertSubscription(
          deps.db,
          { household: id },
          { endpoint: body.endpoint, p256dh: body.keys.p256dh, auth: body.keys.auth },
        );
        if ('taken' in added) throw new HttpError(409, ENDPOINT_TAKEN);
        return { status: 201, body: { ok: true } };
      },
    },
    {
      method: 'DELETE',
      path: /^\/api\/households\/me\/push-subscriptions$/,
      rateLimited: true,
      handler: async (req) => {
        const id = await me(req);
        const body = await readJsonBody(req, EndpointBody);
        return (await removeSubscription(deps.db, id, body.endpoint, deps.now()))
          ? { status: 204, body: null }
          : { status: 404, body: { error: 'no active subscription with that endpoint' } };
      },
    },
    {
      method: 'POST',
      path: /^\/api\/households\/me\/acknowledgements$/,
      rateLimited: true,
      handler: async (req) => {
        const id = await me(req);
        const body = await readJsonBody(req, HouseholdAckBody);
        const rows = await householdDeliveriesOf(deps.db, id, body.alertId);
        if (rows.length === 0) return { status: 404, body: { error: `no warning ${body.alertId} was sent to your household` } };
        const done = [];
        for (const row of rows) {
          const ack = await acknowledgeDelivery(deps.db, row, body.response, deps.now(), id);
          if (ack) done.push(ack);
        }
        return { status: 200, body: { acknowledged: done } };
      },
    },
    {
      method: 'GET',
      path: /^\/api\/push\/vapid-public-key$/,
      handler: async () => ({ status: 200, body: { publicKey: deps.vapidPublicKey } }),
    },
    {
      method: 'POST',
      path: /^\/api\/deliveries\/(\d{1,18})\/received$/,
      rateFamily: 'confirmations',
      handler: async (req, _url, params) => {
        const body = await readJsonBody(req, ReceivedBody);
        const id = checkedDelivery(params, body.token);
        return { status: 200, body: { delivered: await deliveredReports.report(id) } };
      },
    },
    {
      method: 'POST',
      path: /^\/api\/deliveries\/(\d{1,18})\/ack$/,
      rateFamily: 'confirmations',
      handler: async (req, _url, params) => {
        const body = await readJsonBody(req, AckBody);
        const id = checkedDelivery(params, body.token);
        const ack = await acknowledgeDelivery(deps.db, id, body.response, deps.now());
        return ack
          ? { status: 200, body: ack }
          : { status: 409, body: { error: 'this delivery cannot be acknowledged (not sent yet, or expired)' } };
      },
    },
  ];
}
