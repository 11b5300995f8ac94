// What a fault case measures, from the ledger and from what the local push service and SMS gateway
// actually received (matched by delivery id: the push payload carries it, the SMS its reference):
// lost, doubled, ledger against the stand-ins, unaccounted households, and the seconds from the
// fault's end until every reachable household had its warning. Printed per case, and appended as
// JSON to FAULT_RESULTS when set (the bench, `npm run faults`).
import { appendFile } from 'node:fs/promises';
import { expect } from 'vitest';
import type { FaultRig } from './fault-rig.ts';

export interface FaultFigures {
  case: string;
  households: number;
  /** With an active push subscription or a phone. */
  reachable: number;
  rows: { push: number; sms: number };
  /** Households without exactly one warning row on the channel planned for them, or with two on one. */
  wrongRows: number;
  received: { push: number; sms: number };
  lost: number;
  doubled: number;
  doubledOn: { push: number; sms: number };
  /** Rows whose ledger state (sent or after) disagrees with whether the stand-in received them. */
  ledgerMismatch: { push: number; sms: number };
  ledgerSent: { push: number; sms: number };
  unaccounted: number;
  /** From the fault's end until the last reachable household was reached; null: not all were. */
  secondsToAllReached: number | null;
  /** Where the time went: from the fault's end to the first household reached, and to the last on each channel. */
  secondsToFirstReached: number | null;
  secondsToLastOn: { push: number | null; sms: number | null };
  deadProcesses: number;
  ledgerStates: Record<string, number>;
}

const REACHED_STATES = new Set(['sent', 'delivered', 'acknowledged']);

interface RigHousehold {
  id: string;
  has_phone: boolean;
  has_push: boolean;
}

/** The rig's households and their channels: fixed for a case, read once (the measuring must not load the machine it measures). */
async function rigHouseholds(rig: FaultRig): Promise<RigHousehold[]> {
  return (
    await rig.db.query<RigHousehold>(
      `SELECT h.id, h.phone IS NOT NULL AS has_phone, EXISTS (SELECT 1 FROM push_subscriptions s WHERE s.household_id = h.id AND s.active) AS has_push
       FROM households h WHERE h.valid_to IS NULL`,
    )
  ).rows;
}

async function figures(
  rig: FaultRig,
  households: RigHousehold[],
  name: string,
  alertId: number,
  faultEndedAt: number,
): Promise<FaultFigures> {
  const rows = (
    await rig.db.query<{ id: string; household_id: string; channel: 'push' | 'sms'; kind: string; state: string }>(
      `SELECT id::text, household_id, channel, kind, state FROM deliveries WHERE alert_id = $1 AND household_id IS NOT NULL`,
      [alertId],
    )
  ).rows;
  const byId = new Map(rows.map((r) => [r.id, r]));
  // Receipts per delivery id, and the first time each household was reached.
  const hits = { push: new Map<string, number>(), sms: new Map<string, number>() };
  const firstReached = new Map<string, number>();
  const lastOn = { push: -Infinity, sms: -Infinity };
  const count = (channel: 'push' | 'sms', id: string, at: number) => {
    const row = byId.get(id);
    if (!row || row.channel !== channel) return;
    hits[channel].set(id, (hits[channel].get(id) ?? 0) + 1);
    if (hits[channel].get(id) === 1) lastOn[channel] = Math.max(lastOn[channel], at);
    firstReached.set(row.household_id, Math.min(firstReached.get(row.household_id) ?? Infinity, at));
  };
  for (const m of rig.push.received) count('push', String((JSON.parse(m.payload) as { deliveryId?: string }).deliveryId), m.receivedAt);
  for (const m of rig.smsReceived()) count('sms', m.reference.replace(/^d/, ''), m.receivedAt);

  const warningRows = new Map<string, { push: number; sms: number }>();
  for (const r of rows.filter((x) => x.kind === 'warning')) {
    const n = warningRows.get(r.household_id) ?? { push: 0, sms: 0 };
    n[r.channel] += 1;
    warningRows.set(r.household_id, n);
  }
  const reachable = households.filter((h) => h.has_push || h.has_phone);
  const wrongRows = households.filter((h) => {
    const n = warningRows.get(h.id) ?? { push: 0, sms: 0 };
    if (n.push > 1 || n.sms > 1) return true;
    return h.has_push ? n.push !== 1 : h.has_phone ? n.sms !== 1 : false;
  }).length;
  const mismatch = (channel: 'push' | 'sms') =>
    rows.filter((r) => r.channel === channel && REACHED_STATES.has(r.state) !== hits[channel].has(r.id)).length;
  const sentRows = (channel: 'push' | 'sms') => rows.filter((r) => r.channel === channel && REACHED_STATES.has(r.state)).length;
  const lost = reachable.filter((h) => !firstReached.has(h.id)).length;
  const last = Math.max(...reachable.map((h) => firstReached.get(h.id) ?? Infinity));
  const first = Math.min(...firstReached.values());
  const since = (at: number) => (Number.isFinite(at) ? Math.max(0, Math.round((at - faultEndedAt) / 100) / 10) : null);
  const states: Record<string, number> = {};
  for (const r of rows) states[`${r.channel}:${r.state}`] = (states[`${r.channel}:${r.state}`] ?? 0) + 1;
  return {
    case: name,
    households: households.length,
    reachable: reachable.length,
    rows: { push: rows.filter((r) => r.channel === 'push').length, sms: rows.filter((r) => r.channel === 'sms').length },
    wrongRows,
    received: { push: hits.push.size, sms: hits.sms.size },
    lost,
    doubled: [...hits.push.values(), ...hits.sms.values()].filter((n) => n > 1).length,
    doubledOn: { push: [...hits.push.values()].filter((n) => n > 1).length, sms: [...hits.sms.values()].filter((n) => n > 1).length },
    ledgerMismatch: { push: mismatch('push'), sms: mismatch('sms') },
    ledgerSent: { push: sentRows('push'), sms: sentRows('sms') },
    unaccounted: reachable.filter((h) => !warningRows.has(h.id)).length,
    secondsToAllReached: since(last),
    secondsToFirstReached: since(first),
    secondsToLastOn: { push: since(lastOn.push), sms: since(lastOn.sms) },
    deadProcesses: rig.processes.filter((p) => p.child.exitCode !== null || p.child.signalCode !== null).length,
    ledgerStates: states,
  };
}

/**
 * Waits (at most FAULT_WAIT_S, default 75 s, after the fault's end; the bench waits longer, so that
 * a slow fan-out still yields its final lost and doubled counts) until every reachable household
 * was reached and no row of the warning is still queued or sending, then measures, prints and
 * records the figures.
 */
export async function measureFaultCase(rig: FaultRig, name: string, alertId: number, faultEndedAt: number): Promise<FaultFigures> {
  const deadline = faultEndedAt + Number(process.env.FAULT_WAIT_S ?? 75) * 1000;
  const households = await rigHouseholds(rig);
  let f = await figures(rig, households, name, alertId, faultEndedAt);
  const pending = () => Object.entries(f.ledgerStates).some(([k, n]) => n > 0 && /:(queued|sending)$/.test(k));
  while ((f.lost > 0 || pending() || f.rows.push + f.rows.sms === 0) && Date.now() < deadline) {
    // Each look reads the warning's whole ledger; the times measured come from the stand-ins' clocks, not from when it looks.
    await new Promise((r) => setTimeout(r, 2000));
    f = await figures(rig, households, name, alertId, faultEndedAt);
  }
  const line =
    `[faults] ${name}: ${f.households} households (${f.reachable} reachable), lost ${f.lost}, doubled ${f.doubled} (push ${f.doubledOn.push}, SMS ${f.doubledOn.sms}), ` +
    `ledger sent push ${f.ledgerSent.push} / received ${f.received.push}, sms ${f.ledgerSent.sms} / received ${f.received.sms} ` +
    `(mismatched ${f.ledgerMismatch.push + f.ledgerMismatch.sms}), unaccounted ${f.unaccounted}, wrong rows ${f.wrongRows}, ` +
    `all reached ${f.secondsToAllReached === null ? 'NOT' : `${f.secondsToAllReached} s`} after the fault ended (first ${f.secondsToFirstReached} s, last push ${f.secondsToLastOn.push} s, last SMS ${f.secondsToLastOn.sms} s), dead processes ${f.deadProcesses}; ledger ${JSON.stringify(f.ledgerStates)}`;
  console.info(line);
  if (process.env.FAULT_RESULTS) await appendFile(process.env.FAULT_RESULTS, `${JSON.stringify({ at: new Date().toISOString(), ...f })}\n`);
  return f;
}

/** The promise of every case: nobody lost, nobody told twice, the ledger true, all reached within 60 s, nothing dead. */
export function expectHealed(f: FaultFigures, stderr: string): void {
  const { lost, doubled, wrongRows, ledgerMismatch, unaccounted, deadProcesses } = f;
  expect({ lost, doubled, wrongRows, ledgerMismatch, unaccounted, deadProcesses }, `${JSON.stringify(f)}\n${stderr.slice(-4000)}`).toEqual({
    lost: 0,
    doubled: 0,
    wrongRows: 0,
    ledgerMismatch: { push: 0, sms: 0 },
    unaccounted: 0,
    deadProcesses: 0,
  });
  expect(f.secondsToAllReached, 'seconds from the end of the fault until every reachable household was reached').not.toBeNull();
  expect(f.secondsToAllReached as number).toBeLessThanOrEqual(60);
}
