// One line on where a message stands with delivery, for the CLI: the hand-off state in words, the
// reason where there is one, and the ledger rows per channel. Pure.
import type { AlertDelivery } from '../db/alert-queries.ts';

export function describeDelivery(d: AlertDelivery): string {
  const ledger = Object.entries(d.ledger)
    .map(([channel, n]) => `${channel} ${n}`)
    .join(', ');
  switch (d.state) {
    case null:
      return 'no hand-off recorded';
    case 'awaiting':
      return `${d.overdue ? 'ALARM: still awaiting delivery' : 'awaiting delivery'}${d.last_error ? ` (last attempt failed: ${d.last_error})` : ''}`;
    case 'planned':
      return `planned${ledger ? `: ${ledger}` : ' (no new ledger rows)'}`;
    case 'held':
      return `held: ${d.reason ?? ''}`;
    case 'not_for_residents':
      return `not for residents: ${d.reason ?? ''}${ledger ? ` (ledger ${ledger})` : ''}`;
    case 'reaches_nobody':
      return `reaches nobody: ${d.reason ?? ''}`;
  }
}
