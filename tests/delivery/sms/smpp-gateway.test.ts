// The SMPP gateway against a local SMSC speaking real SMPP 3.4 (tests/support/local-smsc.ts):
// messages arrive decoded and reassembled, receipts come back to the right message id, bind
// refusals read clearly, throttling is retried, the throughput limit holds, and a dropped
// connection is rebuilt by itself.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { analyseSms, splitSmsParts } from '../../../src/delivery/sms/sms-encoding.ts';
import type { SmsReceipt } from '../../../src/delivery/sms/sms-gateway.ts';
import { createSmppGateway, type SmppGateway, type SmppGatewayOptions } from '../../../src/delivery/sms/smpp-gateway.ts';
import { createThroughputLimit } from '../../../src/delivery/sms/throughput-limit.ts';
import { startLocalSmsc, type LocalSmsc, type LocalSmscOptions } from '../../support/local-smsc.ts';
import { maxInWindow } from '../../support/max-in-window.ts';

const CREDENTIALS = { systemId: 'siaga', password: 's3cret' };
const PHONE = '+628401234567';
const ID_TEXT =
  'PERINGATAN BMKG: Hujan Lebat dan Petir di Gorontalo s.d. 16.27 WIB. Tetap waspada. Kode: K7Q-4MX https://siaga.id/alerts/48213';

async function setup(
  gatewayOptions: Partial<SmppGatewayOptions> = {},
  smscOptions: Partial<LocalSmscOptions> = {},
): Promise<{ smsc: LocalSmsc; gateway: SmppGateway; receipts: SmsReceipt[] }> {
  const smsc = await startLocalSmsc({ ...CREDENTIALS, ...smscOptions });
  const gateway = createSmppGateway({
    url: smsc.url,
    ...CREDENTIALS,
    sourceAddr: 'SIAGA',
    segmentsPerSecond: 200,
    reconnectDelayMs: 50,
    throttleDelayMs: 20,
    ...gatewayOptions,
  });
  const receipts: SmsReceipt[] = [];
  gateway.onReceipt((r) => receipts.push(r));
  onTestFinished(async () => {
    await gateway.close();
    await smsc.close();
  });
  return { smsc, gateway, receipts };
}

describe('createSmppGateway', () => {
  it('submits a single-part GSM-7 message as SMPP 3.4 and hears its delivery receipt', async () => {
    const { smsc, gateway, receipts } = await setup();
    const text = `${ID_TEXT} [€]`;
    const result = await gateway.send({ to: PHONE, text, reference: 'd1' });

    expect(result).toEqual({ kind: 'sent', messageIds: [smsc.parts[0]?.messageId], segments: 1 });
    expect(smsc.binds).toEqual([{ systemId: 'siaga', interfaceVersion: 0x34, accepted: true }]);
    expect(smsc.messages).toEqual([
      { source: 'SIAGA', destination: '628401234567', text, dataCoding: 0, messageIds: result.kind === 'sent' ? result.messageIds : [] },
    ]);
    expect(smsc.parts[0]).toMatchObject({ sourceTon: 5, destinationTon: 1, destinationNpi: 1, registeredDelivery: 1, esmClass: 0 });

    await vi.waitFor(() => expect(receipts).toHaveLength(1));
    expect(receipts[0]).toMatchObject({ messageId: smsc.parts[0]?.messageId, state: 'delivered' });
    expect(receipts[0]?.at).toBeInstanceOf(Date);
    // Every deliver_sm was answered with deliver_sm_resp.
    await vi.waitFor(() => expect(smsc.counts.receiptsAcknowledged).toBe(1));
  });

  it('sends a UCS-2 text as concatenated parts that the SMSC reassembles, an emoji at a boundary intact', async () => {
    const { smsc, gateway, receipts } = await setup();
    // 66 units, then an emoji that would straddle units 67–68 of part one.
    const text = `${'Waspada banjir bandang di Sungai Deli, Medan — segera ke '.padEnd(66, '.')}🌊 tempat tinggi! Kode: K7Q-4MX https://siaga.id/alerts/48213 — BMKG 🌧 Hujan lebat`;
    expect(analyseSms(text)).toMatchObject({ encoding: 'ucs2', segments: 3 });

    const result = await gateway.send({ to: PHONE, text, reference: 'd2' });

    expect(result).toMatchObject({ kind: 'sent', segments: 3 });
    expect(smsc.messages).toHaveLength(1);
    expect(smsc.messages[0]).toMatchObject({ text, dataCoding: 8, destination: '628401234567' });
    expect(result.kind === 'sent' && result.messageIds).toEqual(smsc.messages[0]?.messageIds);
    const parts = smsc.parts;
    expect(parts.map((p) => p.text)).toEqual(splitSmsParts(text));
    expect(parts.map((p) => p.concat?.part)).toEqual([1, 2, 3]);
    expect(new Set(parts.map((p) => `${p.concat?.reference}/${p.concat?.total}`)).size).toBe(1);
    for (const part of parts) expect(part).toMatchObject({ dataCoding: 8, esmClass: 0x40 });

    await vi.waitFor(() => expect(receipts).toHaveLength(3));
    expect(receipts.map((r) => r.messageId).sort()).toEqual([...parts.map((p) => p.messageId)].sort());
    expect(receipts.every((r) => r.state === 'delivered')).toBe(true);
  });

  it('sends a long GSM-7 text in 153-septet parts without cutting an extension character', async () => {
    const { smsc, gateway } = await setup();
    const text = `${'a'.repeat(152)}€${'Hujan lebat {tanpa} jeda; ~tetap~ di [rumah]. '.repeat(2)}`;
    expect(analyseSms(text)).toMatchObject({ encoding: 'gsm7', segments: 2 });
    const result = await gateway.send({ to: PHONE, text, reference: 'd3' });
    expect(result).toMatchObject({ kind: 'sent', segments: 2 });
    expect(smsc.messages[0]).toMatchObject({ text, dataCoding: 0 });
    expect(smsc.parts[1]?.text.startsWith('€')).toBe(true);
  });

  it('maps a failed receipt to failed, with the network error as reason', async () => {
    const { smsc, gateway, receipts } = await setup();
    smsc.setReceipts({ outcome: 'failed', delayMs: 20 }, PHONE);
    const result = await gateway.send({ to: PHONE, text: ID_TEXT, reference: 'd4' });
    await vi.waitFor(() => expect(receipts).toHaveLength(1));
    expect(receipts[0]).toMatchObject({
      messageId: result.kind === 'sent' ? result.messageIds[0] : '',
      state: 'failed',
      reason: 'UNDELIV err:011',
    });
  });

  it('reads receipts from the text alone when the SMSC sends no TLVs', async () => {
    const { smsc, gateway, receipts } = await setup({}, { receiptTlvs: false });
    await gateway.send({ to: PHONE, text: ID_TEXT, reference: 'd5' });
    await vi.waitFor(() => expect(receipts).toHaveLength(1));
    expect(receipts[0]).toMatchObject({ messageId: smsc.parts[0]?.messageId, state: 'delivered' });
  });

  it('keeps dispatching receipts when a listener throws', async () => {
    const { gateway, receipts } = await setup();
    gateway.onReceipt(() => {
      throw new Error('listener bug');
    });
    const after: SmsReceipt[] = [];
    gateway.onReceipt((r) => after.push(r));
    await gateway.send({ to: PHONE, text: ID_TEXT, reference: 'd6a' });
    await gateway.send({ to: PHONE, text: ID_TEXT, reference: 'd6b' });
    await vi.waitFor(() => expect(after).toHaveLength(2));
    expect(receipts).toHaveLength(2);
  });

  it('says plainly that a bind was refused for a wrong password, and does not hammer the SMSC', async () => {
    const { smsc, gateway } = await setup({ password: 'wrong' });
    const where = smsc.url.replace('smpp://', '');
    await expect(gateway.connect()).rejects.toThrow(`SMPP bind to ${where} refused: invalid password (ESME_RINVPASWD)`);
    expect(await gateway.send({ to: PHONE, text: ID_TEXT, reference: 'd7' })).toEqual({
      kind: 'failed',
      reason: `SMPP bind to ${where} refused: invalid password (ESME_RINVPASWD)`,
      retryable: false,
    });
    expect(smsc.binds).toEqual([{ systemId: 'siaga', interfaceVersion: 0x34, accepted: false }]);
    expect(smsc.counts.submits).toBe(0);
  });

  it('names a wrong system_id too', async () => {
    const { gateway } = await setup({ systemId: 'nobody' });
    await expect(gateway.connect()).rejects.toThrow(/refused: invalid system_id \(ESME_RINVSYSID\)$/);
  });

  it('reports a retryable failure when the SMSC cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const gateway = createSmppGateway({ url: `smpp://127.0.0.1:${port}`, ...CREDENTIALS, sourceAddr: 'SIAGA', segmentsPerSecond: 10 });
    onTestFinished(() => gateway.close());
    const result = await gateway.send({ to: PHONE, text: ID_TEXT, reference: 'd8' });
    expect(result).toMatchObject({ kind: 'failed', retryable: true });
    expect(result.kind === 'failed' && result.reason).toMatch(
      new RegExp(`^SMPP connection to 127\\.0\\.0\\.1:${port} failed: .*ECONNREFUSED`),
    );
  });

  it('waits and retries a part the SMSC throttles', async () => {
    const { smsc, gateway } = await setup();
    smsc.throttleNext(2, 'ESME_RTHROTTLED');
    const first = await gateway.send({ to: PHONE, text: ID_TEXT, reference: 'd9' });
    expect(first).toMatchObject({ kind: 'sent', segments: 1 });
    expect(smsc.counts).toMatchObject({ submits: 3, throttled: 2 });
    smsc.throttleNext(1, 'ESME_RMSGQFUL');
    expect(await gateway.send({ to: PHONE, text: ID_TEXT, reference: 'd10' })).toMatchObject({ kind: 'sent' });
    expect(smsc.messages).toHaveLength(2);
  });

  it('a submit_sm the SMSC took and never answered is unknown, never sent again', async () => {
    const { smsc, gateway } = await setup({ responseTimeoutMs: 200 });
    smsc.leaveUnansweredNext(1);
    const result = await gateway.send({ to: PHONE, text: ID_TEXT, reference: 'd12' });
    expect(result).toMatchObject({ kind: 'unknown', segments: 1 });
    expect(result.kind === 'unknown' && result.reason).toMatch(/no submit_sm_resp/);
    expect(smsc.counts.submits).toBe(1);
  });

  it('gives up on throttling after the bounded retries, as a retryable failure', async () => {
    const { smsc, gateway } = await setup({ throttleRetries: 2 });
    smsc.throttleNext(10);
    expect(await gateway.send({ to: PHONE, text: ID_TEXT, reference: 'd11' })).toEqual({
      kind: 'failed',
      reason: 'the SMSC refused submit_sm: throttled (ESME_RTHROTTLED) after 2 retries',
      retryable: true,
    });
    expect(smsc.counts.submits).toBe(3);
  });

  it('refuses a number that is not E.164 without submitting it', async () => {
    const { smsc, gateway } = await setup();
    expect(await gateway.send({ to: '08123456789', text: ID_TEXT, reference: 'd12' })).toMatchObject({ kind: 'failed', retryable: false });
    expect(smsc.counts.submits).toBe(0);
  });

  it('takes one throughput token per segment', async () => {
    const taken: number[] = [];
    const real = createThroughputLimit(1000);
    const { gateway } = await setup({ throughputLimit: { take: (n) => (taken.push(n), real.take(n)) } });
    await gateway.send({ to: PHONE, text: 'x'.repeat(400), reference: 'd13' });
    await gateway.send({ to: PHONE, text: ID_TEXT, reference: 'd14' });
    expect(taken).toEqual([1, 1, 1, 1]);
  });

  it('keeps to the throughput limit as the SMSC sees it', async () => {
    const { smsc, gateway } = await setup({ segmentsPerSecond: 20 });
    // 10 segments at 20/s: paced 50 ms apart, so the last arrives at least 9 × 50 ms after the first.
    const sends = [
      gateway.send({ to: PHONE, text: 'y'.repeat(400), reference: 'long' }),
      ...Array.from({ length: 7 }, (_, i) => gateway.send({ to: `+62840123456${i}`, text: ID_TEXT, reference: `s${i}` })),
    ];
    const results = await Promise.all(sends);
    expect(results.every((r) => r.kind === 'sent')).toBe(true);
    const times = smsc.parts.map((p) => p.at);
    expect(times).toHaveLength(10);
    // Lower bound only, with a little slack for timer rounding; network jitter can only add time.
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(9 * 50 - 20);
    // 250 ms hold 5 paced segments; one more allows for a late packet bunching with the next.
    expect(maxInWindow(times, 250)).toBeLessThanOrEqual(6);
  });

  it('keeps the link alive with enquire_link', async () => {
    const { smsc, gateway } = await setup({ enquireLinkMs: 30 });
    await gateway.connect();
    await vi.waitFor(() => expect(smsc.counts.enquireLinks).toBeGreaterThanOrEqual(2));
  });

  it('reconnects and rebinds when the connection drops, and receives the receipts that waited', async () => {
    const { smsc, gateway, receipts } = await setup();
    smsc.setReceipts({ outcome: 'delivered', delayMs: 100 });
    const result = await gateway.send({ to: PHONE, text: ID_TEXT, reference: 'd15' });
    smsc.dropConnections();
    // Rebinds by itself (no send needed): receipts only reach a bound ESME.
    await vi.waitFor(() => expect(smsc.binds.filter((b) => b.accepted)).toHaveLength(2));
    await vi.waitFor(() => expect(receipts).toHaveLength(1));
    expect(receipts[0]?.messageId).toBe(result.kind === 'sent' ? result.messageIds[0] : undefined);
    expect(await gateway.send({ to: PHONE, text: ID_TEXT, reference: 'd16' })).toMatchObject({ kind: 'sent' });
    expect(smsc.messages).toHaveLength(2);
  });

  it('unbinds and disconnects on close, and sends nothing after', async () => {
    const { smsc, gateway } = await setup();
    await gateway.connect();
    await gateway.close();
    expect(smsc.counts.unbinds).toBe(1);
    await vi.waitFor(() => expect(smsc.connections()).toBe(0));
    expect(await gateway.send({ to: PHONE, text: ID_TEXT, reference: 'd17' })).toMatchObject({ kind: 'failed', retryable: true });
  });
});
