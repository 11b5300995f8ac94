// What a message handed to delivery came to, in the words the liaison and the analyst read:
// planned (with counts), not for residents (why), or reaching nobody (why: nobody registered
// inside, or an area outside every village Siaga covers). Pure.
import type { HandoffDecision } from '../db/delivery-handoffs.ts';
import type { TaskPlan } from '../tagana/plan-tasks.ts';
import type { DeliveryPlan } from './deliver-message.ts';

export interface AlertReach {
  affected_villages: number | null;
  households_inside: number | null;
}

export function handoffDecision(plan: DeliveryPlan & { tasks?: TaskPlan }, reach: AlertReach | undefined): HandoffDecision {
  const counts = {
    targeted: plan.targeted ?? 0,
    unchanged: plan.unchanged ?? 0,
    unreachable: plan.unreachable ?? 0,
    push: plan.push,
    sms: plan.sms,
    dispatched: plan.dispatched,
    ...(plan.tasks && {
      tasks: {
        action: plan.tasks.action,
        created: plan.tasks.created ?? 0,
        updated: plan.tasks.updated ?? 0,
        uncovered: plan.tasks.uncovered?.length ?? 0,
      },
    }),
  };
  if (plan.action === 'skipped') return { state: 'not_for_residents', reason: plan.reason ?? 'not deliverable', plan: counts };
  if (plan.action === 'all_clear') return { state: 'planned', reason: null, plan: { ...counts, allClear: true } };
  if (counts.targeted > 0) return { state: 'planned', reason: null, plan: counts };
  const villages = reach?.affected_villages ?? 0;
  const reason =
    villages === 0
      ? 'outside coverage: the area touches no village Siaga has boundaries for'
      : `no registered household inside the area (${villages} village${villages === 1 ? '' : 's'} touched)`;
  return { state: 'reaches_nobody', reason, plan: counts };
}
