/**
 * Even-odd point-in-polygon test over a polygon's rings (shell and holes alike), in any planar
 * coordinates. The point must not lie on a ring; callers pass pixel centres, which never do.
 */
export function pointInRings(x: number, y: number, rings: readonly (readonly (readonly number[])[])[]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i] as readonly number[];
      const b = ring[j] as readonly number[];
      const ay = a[1] as number;
      const by = b[1] as number;
      if (ay > y !== by > y && x < (((b[0] as number) - (a[0] as number)) * (y - ay)) / (by - ay) + (a[0] as number)) inside = !inside;
    }
  }
  return inside;
}
