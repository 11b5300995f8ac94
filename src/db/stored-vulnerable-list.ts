// The vulnerable households a Tagana task lists (tagana_tasks.vulnerable_list, jsonb): a snapshot
// built in SQL by jsonb_build_object when the task was planned (src/db/tagana-tasks.ts,
// src/db/tagana-door-knocks.ts).
import { z } from 'zod';
import { readStoredJson } from './read-stored-json.ts';

const count = z.number().int().nonnegative();

/** One vulnerable household on a task's list: where it is and who lives there. */
export interface VulnerableHousehold {
  id: string;
  lat: number;
  lon: number;
  members: number;
  elderly: number;
  disabled: number;
  infant: number;
  pregnant: number;
  ill: number;
  vulnerable: number;
}

const VulnerableListSchema: z.ZodType<VulnerableHousehold[]> = z.array(
  z.object({
    id: z.string(),
    lat: z.number(),
    lon: z.number(),
    members: count,
    elderly: count,
    disabled: count,
    infant: count,
    pregnant: count,
    ill: count,
    vulnerable: count,
  }),
);

export function readStoredVulnerableList(value: unknown, taskId: number): VulnerableHousehold[] {
  return readStoredJson(VulnerableListSchema, value, `Tagana task ${taskId}: vulnerable_list`);
}
