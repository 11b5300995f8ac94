// Which Tagana team a village belongs to, as SQL text to embed in the task statements: the team
// whose covered area is the most specific prefix of the village code (a district team over its
// regency's team, a regency team over the province's), ties broken by team code so that the
// answer never depends on row order. Static text around a column name chosen by Siaga, never input.

/** Scalar subquery: the code of the team covering the village in column `villageCol`, or NULL. */
export function teamOfVillageSql(villageCol: string): string {
  return `(SELECT ta.team_code FROM tagana_team_areas ta
    WHERE ta.area_code IN (left(${villageCol}, 2), left(${villageCol}, 5), left(${villageCol}, 8))
    ORDER BY length(ta.area_code) DESC, ta.team_code LIMIT 1)`;
}
