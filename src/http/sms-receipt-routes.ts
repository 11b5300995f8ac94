// The receipt webhook of the plain HTTP SMS gateway: POST /api/sms/receipts with the gateway's
// bearer token. Receipts go to the gateway object, whose listeners update the ledger (the same
// path SMPP deliver_sm receipts take).
import { timingSafeEqual } from 'node:crypto';
import type { SmsGateway } from '../delivery/sms/sms-gateway.ts';
import { parseHttpSmsReceipt } from '../delivery/sms/http-sms-gateway.ts';
import { readCappedBody } from './read-capped-body.ts';
import { HttpError, type Route } from './route.ts';

const MAX_RECEIPT_BYTES = 4096;

export function smsReceiptRoutes(gateway: SmsGateway | undefined, token: string | undefined): Route[] {
  if (!gateway || !token || !('receive' in gateway)) return [];
  const receive = (gateway as SmsGateway & { receive(r: unknown): void }).receive.bind(gateway);
  return [
    {
      method: 'POST',
      path: /^\/api\/sms\/receipts$/,
      handler: async (req) => {
        const given = Buffer.from(/^Bearer\s+(.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
        const expected = Buffer.from(token);
        if (given.length !== expected.length || !timingSafeEqual(given, expected))
          throw new HttpError(401, 'the SMS gateway token is missing or wrong');
        const bytes = await readCappedBody(req, MAX_RECEIPT_BYTES, 'a receipt');
        let body: unknown;
        try {
          body = JSON.parse(bytes.toString('utf8'));
        } catch {
          throw new HttpError(400, 'the receipt is not valid JSON');
        }
        const receipt = parseHttpSmsReceipt(body);
        if ('error' in receipt) throw new HttpError(422, receipt.error);
        receive(receipt);
        return { status: 202, body: { ok: true } };
      },
    },
  ];
}
