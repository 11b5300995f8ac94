-- What: Indonesian administrative areas at four levels, keyed by Kemendagri code in dotted form
-- (12 province, 12.07 regency/city, 12.07.18 district, 12.07.18.2001 village), plus a subdivided
-- copy of their geometry.
-- Why: warnings are targeted to villages and the households in them; BMKG geocodes name units by
-- code. Village polygons can have thousands of vertices, so point-in-polygon runs against
-- `admin_area_parts` (ST_Subdivide, <= 64 vertices a part) instead of the full shape.
-- parent_code is not a foreign key: the levels arrive in separate files, in any order.
CREATE TABLE admin_areas (
  code         text PRIMARY KEY CHECK (code ~ '^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$'),
  level        text NOT NULL CHECK (level IN ('province', 'regency', 'district', 'village')),
  name         text NOT NULL CHECK (name <> ''),
  parent_code  text,
  kind         text,
  geom         geometry(MultiPolygon, 4326) NOT NULL,
  area_km2     double precision NOT NULL,
  imported_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (level = CASE length(code) WHEN 2 THEN 'province' WHEN 5 THEN 'regency' WHEN 8 THEN 'district' ELSE 'village' END),
  CHECK ((level = 'province') = (parent_code IS NULL))
);
CREATE INDEX admin_areas_geom_idx ON admin_areas USING gist (geom);
CREATE INDEX admin_areas_level_idx ON admin_areas (level, code);
CREATE INDEX admin_areas_parent_idx ON admin_areas (parent_code);

CREATE TABLE admin_area_parts (
  code   text NOT NULL REFERENCES admin_areas (code) ON DELETE CASCADE,
  level  text NOT NULL,
  geom   geometry(Polygon, 4326) NOT NULL
);
CREATE INDEX admin_area_parts_geom_idx ON admin_area_parts USING gist (geom);
CREATE INDEX admin_area_parts_code_idx ON admin_area_parts (code);
