-- What: hazard candidates drawn from satellite rasters (a threshold on a rainfall product, turned
-- into polygons), the villages and households each would reach, and the liaison's review of them.
--   hazard_candidates           one per (product, product time): where, how much, what rule it
--                               would be sent under, who drafted it (the product's job, or a
--                               person who drew the area), and how the review ended
--   hazard_candidate_villages   the villages it reaches, counted by the alerts' targeting query
--   hazard_candidate_approvals  who approved it and when (two different people under four-eyes)
-- Why: a polygon drawn by a threshold on a raster is not an official warning. It stays a candidate,
-- reaching nobody, until a liaison approves it; only then does Siaga issue a CAP alert from it
-- (alert_id), which is targeted and delivered like any other. Rejected and expired candidates are
-- kept, with who decided and why, for audit. (product, product_time) is unique so that a job run
-- twice for the same product time drafts one candidate.
CREATE TABLE hazard_candidates (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  product                text NOT NULL CHECK (product ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  product_time           timestamptz NOT NULL,
  source_url             text NOT NULL,
  threshold              double precision NOT NULL,
  unit                   text NOT NULL DEFAULT '',
  -- The raster's pixel size at the area's centre; NULL for an area a person drew (siaga hazards draft).
  pixel_size_x_m         double precision CHECK (pixel_size_x_m > 0),
  pixel_size_y_m         double precision CHECK (pixel_size_y_m > 0),
  -- As vectorized (holes kept), for maps. The alert carries the outer rings only (CAP polygons
  -- have no holes): cap_rings ([lon, lat] rings as they will be sent), and target_spec and the
  -- counts below are for those rings.
  geom                   geometry(MultiPolygon, 4326) NOT NULL,
  cap_rings              jsonb NOT NULL,
  area_km2               double precision NOT NULL CHECK (area_km2 >= 0),
  polygons               integer NOT NULL CHECK (polygons > 0),
  -- The product's rule when the candidate was drafted (event, severity, urgency, certainty,
  -- validity, texts): approval issues what the liaison reviewed, even if the config changed since.
  rule                   jsonb NOT NULL,
  expires_at             timestamptz NOT NULL,
  target_spec            jsonb NOT NULL,
  affected_villages      text[] NOT NULL,
  households_inside      integer NOT NULL CHECK (households_inside >= 0),
  households_margin_only integer NOT NULL CHECK (households_margin_only >= 0),
  vulnerable_households  integer NOT NULL CHECK (vulnerable_households >= 0),
  drafted_by             text NOT NULL CHECK (drafted_by <> ''),
  drafted_at             timestamptz NOT NULL,
  state                  text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected', 'expired')),
  decided_at             timestamptz,
  rejected_by            text,
  rejection_reason       text,
  alert_id               bigint REFERENCES alerts (id),
  alert_identifier       text,
  UNIQUE (product, product_time),
  CHECK ((pixel_size_x_m IS NULL) = (pixel_size_y_m IS NULL)),
  CHECK ((state = 'pending') = (decided_at IS NULL)),
  CHECK ((state = 'rejected') = (rejected_by IS NOT NULL AND rejection_reason IS NOT NULL)),
  CHECK ((state = 'approved') = (alert_id IS NOT NULL AND alert_identifier IS NOT NULL))
);
CREATE INDEX hazard_candidates_state_idx ON hazard_candidates (state, product_time DESC);
CREATE INDEX hazard_candidates_geom_idx ON hazard_candidates USING gist (geom);

CREATE TABLE hazard_candidate_villages (
  candidate_id           bigint NOT NULL REFERENCES hazard_candidates (id),
  village_code           text NOT NULL REFERENCES admin_areas (code),
  households             integer NOT NULL,
  vulnerable_households  integer NOT NULL,
  margin_households      integer NOT NULL,
  area_fraction          double precision NOT NULL CHECK (area_fraction BETWEEN 0 AND 1),
  PRIMARY KEY (candidate_id, village_code)
);

CREATE TABLE hazard_candidate_approvals (
  -- Orders approvals made within the same second (first and second pair of eyes).
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  candidate_id  bigint NOT NULL REFERENCES hazard_candidates (id),
  approver      text NOT NULL CHECK (approver <> ''),
  approved_at   timestamptz NOT NULL
);
-- One approval per person, whatever the capitalisation: "Rina" and "rina" are one pair of eyes.
CREATE UNIQUE INDEX hazard_candidate_approvals_person_idx ON hazard_candidate_approvals (candidate_id, lower(approver));
