// Row sms: SMS segments submitted per second to a local SMSC over SMPP 3.4, which sends a delivery
// receipt per part (bench/smsc-child.ts, another process; one per side, because the SMSC sends
// every receipt to the first session bound, and each side must pay for its own receipts). Siaga's gateway
// (src/delivery/sms/smpp-gateway.ts: encoding, splitting, concatenation UDH, bind, submit_sm,
// receipts, throttle handling) against a bare `smpp` library session sending the same submit_sm
// PDUs (prepared beforehand) and acknowledging the receipts. Same messages, same number in flight.
// The contracted rate limit (SMS_SEGMENTS_PER_SECOND) is set far above what is reachable: the row
// measures the software, not the contract.
import smpp from 'smpp';
import { smppSourceAddress, submitSmParts, type SubmitSmParams } from '../../src/delivery/sms/smpp-submit-parts.ts';
import { createSmppGateway } from '../../src/delivery/sms/smpp-gateway.ts';
import { median, round3, timeOnce } from '../measure.ts';
import type { BenchMode, RowLine } from '../row-types.ts';
import { startSmsc } from '../local-endpoints.ts';

const MESSAGES: Record<BenchMode, number> = { quick: 1_000, full: 5_000 };
const ROUNDS: Record<BenchMode, number> = { quick: 3, full: 5 };
const IN_FLIGHT = 50;
const SOURCE = 'SIAGA';
// A nowcast warning as Siaga words it for SMS: GSM-7, two segments.
const TEXT =
  'PERINGATAN BMKG: Hujan lebat disertai petir di Gorontalo (Dengilo, Mananggu) 24/09 15:27-17:27 WITA. ' +
  'Kurangi aktivitas di luar ruangan, jauhi pohon dan tiang listrik. Balas 1 bila diterima, 2 bila aman, 3 bila butuh bantuan. siaga.local/a/123';
const BASELINE = `bare smpp library session: the same submit_sm PDUs (${IN_FLIGHT} in flight), receipts acknowledged`;

export async function runRow(mode: BenchMode): Promise<RowLine[]> {
  const smsc = await startSmsc();
  const bareSmsc = await startSmsc();
  const url = new URL(bareSmsc.url);
  const gateway = createSmppGateway({ url: smsc.url, systemId: 'bench', password: 'bench', sourceAddr: SOURCE, segmentsPerSecond: 1e9 });
  let siagaReceipts = 0;
  gateway.onReceipt(() => (siagaReceipts += 1));
  const bare = await bareSession(url.hostname, Number(url.port));
  try {
    const n = MESSAGES[mode];
    const phones = Array.from({ length: n }, (_, i) => `+62840${String(10_000_000 + i).padStart(8, '0')}`);
    const source = smppSourceAddress(SOURCE);
    const pdus = phones.map((p, i) => submitSmParts(TEXT, source, p.slice(1), i & 0xff));
    const segments = pdus.reduce((a, parts) => a + parts.length, 0);
    const siagaRound = () =>
      lanes(n, async (i) => {
        const r = await gateway.send({ to: phones[i] as string, text: TEXT, reference: String(i) });
        if (r.kind !== 'sent') throw new Error(`Siaga's gateway: ${r.kind === 'failed' ? r.reason : r.kind}`);
      });
    const bareRound = () =>
      lanes(n, async (i) => {
        for (const params of pdus[i] ?? []) await bare.submit(params);
      });
    await siagaRound();
    await bareRound();
    const siaga: number[] = [];
    const baseline: number[] = [];
    for (let r = 0; r < ROUNDS[mode]; r++) {
      siaga.push((await timeOnce(siagaRound)).seconds);
      baseline.push((await timeOnce(bareRound)).seconds);
    }
    const counts = await smsc.counts();
    const bareCounts = await bareSmsc.counts();
    const expected = segments * (ROUNDS[mode] + 1);
    if (counts.submits !== expected || bareCounts.submits !== expected) {
      throw new Error(`the SMSCs took ${counts.submits} (Siaga) and ${bareCounts.submits} (baseline) parts, expected ${expected} each`);
    }
    const s = median(siaga);
    const b = median(baseline);
    return [
      {
        row: 'sms',
        measures: `${n.toLocaleString('en')} SMS of ${segments / n} segments × ${ROUNDS[mode]} rounds over SMPP, receipts on`,
        unit: 'segments/s',
        siaga: { perSecond: segments / s, samples: siaga.length, seconds: s },
        baseline: { label: BASELINE, perSecond: segments / b, samples: baseline.length, seconds: b },
        slowdown: s / b,
        details: {
          messagesPerRound: n,
          segmentsPerRound: segments,
          inFlight: IN_FLIGHT,
          siagaSeconds: siaga.map(round3),
          baselineSeconds: baseline.map(round3),
          receiptsSentToSiaga: counts.receiptsSent,
          receiptsHeardBySiaga: siagaReceipts,
          receiptsSentToBaseline: bareCounts.receiptsSent,
          receiptsHeardByBaseline: bare.receipts(),
        },
      },
    ];
  } finally {
    await gateway.close();
    await bare.close();
    smsc.stop();
    bareSmsc.stop();
  }
}

async function lanes(n: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < n) await work(next++);
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

/** What one would write with the smpp library alone: bind, submit, acknowledge receipts. */
async function bareSession(
  host: string,
  port: number,
): Promise<{ submit: (p: SubmitSmParams) => Promise<void>; receipts: () => number; close: () => Promise<void> }> {
  const session = smpp.connect({ host, port });
  let receipts = 0;
  session.on('deliver_sm', (pdu: smpp.PDU) => {
    receipts += 1;
    session.send(pdu.response());
  });
  const request = (command: string, params: smpp.PduOptions) =>
    new Promise<smpp.PDU>((resolve, reject) => {
      if (!session.send(new smpp.PDU(command, params), resolve)) reject(new Error(`${command}: the SMPP socket is not writable`));
    });
  await new Promise<void>((resolve, reject) => {
    session.once('error', reject);
    session.once('connect', () => resolve());
  });
  const bind = await request('bind_transceiver', { system_id: 'bench', password: 'bench', interface_version: 0x34 });
  if (bind.command_status !== 0) throw new Error(`bind refused: ${bind.command_status}`);
  return {
    submit: async (params) => {
      const r = await request('submit_sm', { ...params });
      if (r.command_status !== 0) throw new Error(`submit_sm: ${r.command_status}`);
    },
    receipts: () => receipts,
    close: async () => {
      await request('unbind', {}).catch(() => undefined);
      session.close();
    },
  };
}
