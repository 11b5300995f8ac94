// Tasks as GeoJSON for the team's map: a village task is its village polygon; every listed
// household (the vulnerable ones of a village task, the one of a door knock) is a point. WGS 84
// longitude/latitude (RFC 7946). Pure: rows in, a FeatureCollection out.
import type { TaskShapeRow } from '../db/tagana-task-queries.ts';

interface Feature {
  type: 'Feature';
  id: string;
  geometry: unknown;
  properties: Record<string, unknown>;
}

export function tasksToGeoJson(rows: readonly TaskShapeRow[]): { type: 'FeatureCollection'; features: Feature[] } {
  const features: Feature[] = [];
  for (const t of rows) {
    const task = {
      task_id: t.id,
      kind: t.kind,
      state: t.state,
      priority: t.priority,
      village_code: t.village_code,
      village_name: t.village_name,
      cluster_id: t.cluster_id,
    };
    if (t.kind === 'village' && t.geometry) {
      features.push({
        type: 'Feature',
        id: `task-${t.id}`,
        geometry: t.geometry,
        properties: {
          ...task,
          feature: 'village',
          households: t.households,
          people: t.people,
          vulnerable: t.vulnerable,
          vulnerable_households: t.vulnerable_households,
        },
      });
    }
    for (const h of t.vulnerable_list) {
      features.push({
        type: 'Feature',
        id: `task-${t.id}/${h.id}`,
        geometry: { type: 'Point', coordinates: [h.lon, h.lat] },
        properties: {
          ...task,
          feature: 'household',
          household_id: h.id,
          ...(t.reason && { reason: t.reason }),
          members: h.members,
          vulnerable: h.vulnerable,
          elderly: h.elderly,
          disabled: h.disabled,
          infant: h.infant,
          pregnant: h.pregnant,
          ill: h.ill,
        },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}
