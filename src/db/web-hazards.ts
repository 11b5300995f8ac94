// A hazard candidate's area for the review map: its geometry as drawn (holes kept) and its box.
import type { Queryable } from './db.ts';
import { maybeOne } from './sql.ts';

export interface CandidateArea {
  geometry: unknown;
  west: number;
  south: number;
  east: number;
  north: number;
}

export async function candidateArea(db: Queryable, id: number): Promise<CandidateArea | undefined> {
  return maybeOne<CandidateArea>(
    db,
    `SELECT ST_AsGeoJSON(geom, 6)::jsonb AS geometry, ST_XMin(geom) AS west, ST_YMin(geom) AS south, ST_XMax(geom) AS east, ST_YMax(geom) AS north
     FROM hazard_candidates WHERE id = $1`,
    [id],
  );
}
