// Which message of an alert group stands, and whether the group is still on. CAP gives no sequence
// number, only `sent`: the latest Alert, Update or Cancel wins, whatever order they arrived in. A
// late original Alert therefore never overrides its Update, and never revives a cancelled group.
// References order messages too, and they win over times: a message another one references (an
// Update or Cancel that names it) has been replaced, even when its `sent` is wrong and later. A
// warning dated next year by mistake must not outrank its own Cancel.
// Ack and Error messages say something about a message; they never stand for the warning.

export interface GroupMessage {
  id: number;
  msgType: string;
  sentMs: number;
  /** The message's latest info expiry, if it gave one. */
  expiresMs: number | null;
  /** Ids of the group's messages this one references. */
  references?: readonly number[];
}

export interface GroupStanding {
  headId: number;
  state: 'active' | 'cancelled';
  /** The Cancel's `sent` when cancelled. */
  endedAtMs: number | null;
  /** When the standing message stops by itself (null: until cancelled). */
  expiresMs: number | null;
}

const STANDING_TYPES = new Set(['Alert', 'Update', 'Cancel']);

export function resolveGroupStanding(messages: readonly GroupMessage[]): GroupStanding {
  const candidates = messages.filter((m) => STANDING_TYPES.has(m.msgType));
  const referenced = new Set(candidates.flatMap((m) => m.references ?? []));
  // Nothing left only when references go in a circle: then times alone decide.
  const current = candidates.filter((m) => !referenced.has(m.id));
  const pool = current.length > 0 ? current : candidates.length > 0 ? candidates : messages;
  const head = pool.reduce<GroupMessage | undefined>(
    (best, m) => (!best || m.sentMs > best.sentMs || (m.sentMs === best.sentMs && m.id > best.id) ? m : best),
    undefined,
  );
  if (!head) throw new Error('an alert group has at least one message');
  const cancelled = head.msgType === 'Cancel';
  return {
    headId: head.id,
    state: cancelled ? 'cancelled' : 'active',
    endedAtMs: cancelled ? head.sentMs : null,
    expiresMs: cancelled ? null : head.expiresMs,
  };
}
