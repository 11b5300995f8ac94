// Door knocks: nobody unreached may be forgotten. For every warning group that stands and has
// village tasks, the vulnerable households no delivery reached within `windowSeconds` of their
// task opening, and every household that answered need_help, get a door-knock task for their
// team, vulnerable first (priority in task-priority.ts). Run it periodically; it is idempotent.
import type { Db } from '../db/db.ts';
import { groupsForDoorKnocks, planGroupDoorKnocks, type PlannedKnock } from '../db/tagana-door-knocks.ts';
import { DOOR_KNOCK_VULNERABLE_WEIGHT, hazardScore, NEED_HELP_BONUS } from './task-priority.ts';

export interface DoorKnockPlan {
  groupId: number;
  knocks: PlannedKnock[];
}

export async function planDoorKnocks(db: Db, now: Date, windowSeconds: number): Promise<DoorKnockPlan[]> {
  if (!(windowSeconds >= 0)) throw new Error(`door-knock window: ${windowSeconds} is not a number of seconds ≥ 0`);
  const out: DoorKnockPlan[] = [];
  for (const group of await groupsForDoorKnocks(db, now)) {
    const knocks = await db.transaction((tx) =>
      planGroupDoorKnocks(tx, {
        group,
        now,
        windowSeconds,
        hazard: hazardScore(group.severity, group.urgency, group.certainty),
        vulnerableWeight: DOOR_KNOCK_VULNERABLE_WEIGHT,
        needHelpBonus: NEED_HELP_BONUS,
      }),
    );
    if (knocks.length > 0) out.push({ groupId: group.group_id, knocks });
  }
  return out;
}
