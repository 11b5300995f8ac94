// The inbound-SMS webhook of the plain HTTP SMS gateway: POST /api/sms/inbound with the gateway's
// bearer token and {from, to?, text, messageId?, receivedAt?} (http-sms-gateway.ts). The SMS goes
// to the gateway object, whose listeners take it as they take an SMPP mobile-originated
// deliver_sm (src/delivery/receive-sms-reply.ts). Answered 202 once it is handed on; a gateway
// that posts the same messageId again is answered 202 too and the SMS is kept once.
import { parseHttpInboundSms } from '../delivery/sms/http-sms-gateway.ts';
import type { InboundSms, SmsGateway } from '../delivery/sms/sms-gateway.ts';
import { checkGatewayToken, readGatewayJson } from './sms-gateway-webhook.ts';
import { HttpError, type Route } from './route.ts';

const MAX_INBOUND_BYTES = 8192;

export function smsInboundRoutes(gateway: SmsGateway | undefined, token: string | undefined): Route[] {
  if (!gateway || !token || !('receiveInbound' in gateway)) return [];
  const receive = (gateway as SmsGateway & { receiveInbound(sms: InboundSms): void }).receiveInbound.bind(gateway);
  return [
    {
      method: 'POST',
      path: /^\/api\/sms\/inbound$/,
      handler: async (req) => {
        checkGatewayToken(req, token);
        const sms = parseHttpInboundSms(await readGatewayJson(req, MAX_INBOUND_BYTES, 'an inbound SMS'));
        if ('error' in sms) throw new HttpError(422, sms.error);
        receive(sms);
        return { status: 202, body: { ok: true } };
      },
    },
  ];
}
