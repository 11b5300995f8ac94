// The receipt webhook of the plain HTTP SMS gateway: POST /api/sms/receipts with the gateway's
// bearer token. Receipts go to the gateway object, whose listeners update the ledger (the same
// path SMPP deliver_sm receipts take).
import type { SmsGateway } from '../delivery/sms/sms-gateway.ts';
import { parseHttpSmsReceipt } from '../delivery/sms/http-sms-gateway.ts';
import { checkGatewayToken, readGatewayJson } from './sms-gateway-webhook.ts';
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
        checkGatewayToken(req, token);
        const receipt = parseHttpSmsReceipt(await readGatewayJson(req, MAX_RECEIPT_BYTES, 'a receipt'));
        if ('error' in receipt) throw new HttpError(422, receipt.error);
        receive(receipt);
        return { status: 202, body: { ok: true } };
      },
    },
  ];
}
