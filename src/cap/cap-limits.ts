// The bounds past which a CAP document is refused before anything is stored. Each one names
// something no real warning needs and that storage or geometry would choke on; they are the single
// source for validation (`siaga cap validate`), ingest and the feeds, and docs/formats.md lists them.

/**
 * Largest circle radius accepted, in kilometres. The widest real hazards reach a few thousand km (a
 * Pacific-wide tsunami, a typhoon's wind field is under 1,500 km); past a hemisphere PostGIS cannot
 * project the circle at all ("Point outside of projection domain").
 */
export const MAX_CIRCLE_RADIUS_KM = 5000;

/**
 * Most points in one `<polygon>`. BMKG's nowcast rings have tens to a few hundred points; a
 * detailed coastline a few thousand. The bound keeps repair and targeting of one ring bounded.
 */
export const MAX_POINTS_PER_POLYGON = 20_000;

/** Most polygon points in one message, all areas and info blocks together. */
export const MAX_POINTS_PER_MESSAGE = 100_000;

/**
 * Characters refused anywhere in a document (text, attribute, comment): the C0 controls other than
 * tab, line feed and carriage return, and DEL. XML 1.0 forbids the C0 ones; PostgreSQL cannot store
 * U+0000 in text or JSON at all, and the others have no meaning in a warning a person reads.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
