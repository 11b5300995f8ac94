// Clusters of neighbouring village tasks a team works together. Every statement carries the team
// code: a team clusters, reads and dissolves only its own tasks (not those escalated to it, which
// remain another team's work).
import type { Queryable } from './db.ts';
import { many, maybeOne, one } from './sql.ts';

export interface ClusterCandidate {
  id: number;
  group_id: number;
  kind: 'village' | 'door_knock';
  state: string;
  cluster_id: number | null;
  village_code: string;
}

export interface ClusterSummary {
  id: number;
  group_id: number;
  name: string | null;
  created_at: Date;
  created_by: string;
  task_ids: number[];
  village_codes: string[];
  households: number;
  people: number;
  vulnerable: number;
  priority: number;
}

const LOCK_CANDIDATES = `
SELECT t.id::int, t.group_id::int, t.kind, t.state, t.cluster_id::int, t.village_code
FROM tagana_tasks t WHERE t.team_code = $1 AND t.id = ANY($2::int[]) ORDER BY t.id FOR UPDATE`;

// Villages within $2 degrees of each other (≈ 110 m per 0.001° at the equator): village polygons
// of the registry leave small gaps and overlaps, so "touching" is measured with a tolerance.
const ADJACENT_PAIRS = `
SELECT a.id::int AS a, b.id::int AS b
FROM tagana_tasks a JOIN admin_areas va ON va.code = a.village_code
JOIN tagana_tasks b ON b.id = ANY($1::int[]) AND b.id > a.id
JOIN admin_areas vb ON vb.code = b.village_code
WHERE a.id = ANY($1::int[]) AND ST_DWithin(va.geom, vb.geom, $2)`;

const CREATE = `
WITH c AS (
  INSERT INTO tagana_task_clusters (group_id, team_code, name, created_at, created_by) VALUES ($1, $2, $3, $4, $5)
  RETURNING id
),
joined AS (
  UPDATE tagana_tasks t SET cluster_id = c.id, updated_at = $4 FROM c WHERE t.id = ANY($6::int[])
  RETURNING t.id, t.state, c.id AS cluster_id
),
events AS (
  INSERT INTO tagana_task_events (task_id, at, actor, action, from_state, to_state, note)
  SELECT id, $4, $5, 'clustered', state, state, 'worked together with ' || array_length($6::int[], 1) - 1 || ' neighbouring village task(s) as cluster ' || cluster_id
  FROM joined
  RETURNING task_id
)
SELECT (SELECT id::int FROM c) AS id, (SELECT count(*) FROM events)::int AS tasks`;

const SUMMARY = `
SELECT c.id::int, c.group_id::int, c.name, c.created_at, c.created_by,
       array_agg(t.id::int ORDER BY t.priority DESC, t.id) AS task_ids,
       array_agg(t.village_code ORDER BY t.priority DESC, t.id) AS village_codes,
       sum(t.households)::int AS households, sum(t.people)::int AS people, sum(t.vulnerable)::int AS vulnerable,
       max(t.priority) AS priority
FROM tagana_task_clusters c JOIN tagana_tasks t ON t.cluster_id = c.id
WHERE c.team_code = $1 AND c.dissolved_at IS NULL AND ($2::int IS NULL OR c.id = $2)
GROUP BY c.id ORDER BY max(t.priority) DESC, c.id`;

const DISSOLVE = `
WITH c AS (
  UPDATE tagana_task_clusters SET dissolved_at = $3 WHERE id = $2 AND team_code = $1 AND dissolved_at IS NULL
  RETURNING id
),
left_ AS (
  UPDATE tagana_tasks t SET cluster_id = NULL, updated_at = $3 FROM c WHERE t.cluster_id = c.id
  RETURNING t.id, t.state
),
events AS (
  INSERT INTO tagana_task_events (task_id, at, actor, action, from_state, to_state, note)
  SELECT id, $3, $4, 'unclustered', state, state, 'cluster ' || $2::text || ' dissolved' FROM left_
  RETURNING task_id
)
SELECT (SELECT count(*) FROM c)::int AS clusters, (SELECT count(*) FROM events)::int AS tasks`;

export async function lockClusterCandidates(tx: Queryable, team: string, ids: readonly number[]): Promise<ClusterCandidate[]> {
  return many<ClusterCandidate>(tx, LOCK_CANDIDATES, [team, ids]);
}

export async function adjacentPairs(tx: Queryable, ids: readonly number[], toleranceDegrees: number): Promise<[number, number][]> {
  return (await many<{ a: number; b: number }>(tx, ADJACENT_PAIRS, [ids, toleranceDegrees])).map((r) => [r.a, r.b]);
}

export async function insertCluster(
  tx: Queryable,
  c: { groupId: number; team: string; name: string | null; now: Date; actor: string; taskIds: readonly number[] },
): Promise<number> {
  return (await one<{ id: number }>(tx, CREATE, [c.groupId, c.team, c.name, c.now, c.actor, c.taskIds])).id;
}

export async function teamClusters(db: Queryable, team: string, id?: number): Promise<ClusterSummary[]> {
  return many<ClusterSummary>(db, SUMMARY, [team, id ?? null]);
}

export async function oneCluster(db: Queryable, team: string, id: number): Promise<ClusterSummary | undefined> {
  return maybeOne<ClusterSummary>(db, SUMMARY, [team, id]);
}

/** Dissolves a cluster of the team; false when it has none of that id standing. */
export async function dissolveCluster(tx: Queryable, team: string, id: number, now: Date, actor: string): Promise<boolean> {
  return (await one<{ clusters: number }>(tx, DISSOLVE, [team, id, now, actor])).clusters === 1;
}
