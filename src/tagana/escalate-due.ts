// Escalation sweep: tasks nobody acknowledged in time go to the team's coordinator, then to the
// province-level team, each step recorded as a task event. Run it periodically with the clock;
// tests pass a controllable `now`.
import type { Db } from '../db/db.ts';
import { escalateDueTasks, type EscalationStep } from '../db/tagana-task-escalation.ts';
import { parseEscalationPolicy, type EscalationPolicy } from '../policy/escalation-policy.ts';

export async function escalateDue(db: Db, now: Date, policy: EscalationPolicy): Promise<EscalationStep[]> {
  const checked = parseEscalationPolicy(policy);
  return db.transaction((tx) => escalateDueTasks(tx, now, checked.tiers));
}
