// A team asks to work neighbouring villages of one warning as one cluster. Allowed when every task
// is the team's own village task of the same warning, still to be worked, in no other cluster, and
// the villages form one connected neighbourhood (each reachable from the others through villages
// that touch, within a tolerance for the registry's small gaps). Every refusal says which task and why.
import type { Db } from '../db/db.ts';
import { adjacentPairs, insertCluster, lockClusterCandidates } from '../db/tagana-clusters.ts';

/** ≈ 110 m at the equator: neighbours whose polygons leave a gap smaller than this still touch. */
export const NEIGHBOUR_TOLERANCE_DEGREES = 0.001;
export const MAX_CLUSTER_TASKS = 50;

export class ClusterRefused extends Error {
  constructor(
    readonly status: 404 | 409 | 422,
    message: string,
  ) {
    super(message);
    this.name = 'ClusterRefused';
  }
}

export interface ClusterRequest {
  team: string;
  taskIds: readonly number[];
  name: string | null;
  actor: string;
  now: Date;
}

export async function formCluster(db: Db, r: ClusterRequest): Promise<number> {
  const ids = [...new Set(r.taskIds)].sort((a, b) => a - b);
  if (ids.length < 2 || ids.length > MAX_CLUSTER_TASKS)
    throw new ClusterRefused(422, `tasks: a cluster holds 2 to ${MAX_CLUSTER_TASKS} different village tasks (got ${ids.length})`);
  return db.transaction(async (tx) => {
    const found = await lockClusterCandidates(tx, r.team, ids);
    const missing = ids.filter((id) => !found.some((t) => t.id === id));
    if (missing.length > 0) throw new ClusterRefused(404, `your team has no task ${missing.join(', ')}`);
    for (const t of found) {
      if (t.kind !== 'village') throw new ClusterRefused(422, `task ${t.id} is a door knock; only village tasks are clustered`);
      if (t.state === 'done' || t.state === 'stood_down')
        throw new ClusterRefused(409, `task ${t.id} is ${t.state}; only work still to do is clustered`);
      if (t.cluster_id !== null) throw new ClusterRefused(409, `task ${t.id} is already in cluster ${t.cluster_id}`);
    }
    const groups = new Set(found.map((t) => t.group_id));
    if (groups.size > 1) throw new ClusterRefused(422, 'tasks: all tasks of a cluster must come from the same warning');
    const apart = unreachable(ids, await adjacentPairs(tx, ids, NEIGHBOUR_TOLERANCE_DEGREES));
    if (apart.length > 0) {
      const villages = found.filter((t) => apart.includes(t.id)).map((t) => `${t.id} (${t.village_code})`);
      throw new ClusterRefused(422, `tasks ${villages.join(', ')}: not next to the other villages of the cluster`);
    }
    return insertCluster(tx, { groupId: found[0]?.group_id ?? 0, team: r.team, name: r.name, now: r.now, actor: r.actor, taskIds: ids });
  });
}

/** The ids not connected to the first one through the neighbour pairs. */
function unreachable(ids: readonly number[], pairs: readonly [number, number][]): number[] {
  const seen = new Set<number>([ids[0] ?? 0]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [a, b] of pairs) {
      if (seen.has(a) !== seen.has(b)) {
        seen.add(a).add(b);
        grew = true;
      }
    }
  }
  return ids.filter((id) => !seen.has(id));
}
